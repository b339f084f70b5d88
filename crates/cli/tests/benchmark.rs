//! `glassbox benchmark score` on the bundled items and the bundled trigram.

use std::process::Command;

/// The first number pair "a/b" after `label` in `text`.
fn tally(text: &str, label: &str) -> (usize, usize) {
    let line = text
        .lines()
        .find(|line| line.starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} line in {text}"));
    let pair = line
        .split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .find(|part| part.contains('/'))
        .unwrap();
    let (right, total) = pair.split_once('/').unwrap();
    (right.parse().unwrap(), total.parse().unwrap())
}

#[test]
fn scoring_prints_every_item_and_tallies_by_language_and_kind() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let output = Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .current_dir(root)
        .args(["benchmark", "score", "--ngram", "3", "--items-detail"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let items: Vec<&str> = text
        .lines()
        .filter(|line| line.contains(" right: ") || line.contains(" wrong: "))
        .collect();
    assert_eq!(items.len(), 40, "{text}");
    for line in &items {
        assert_eq!(line.matches('*').count(), 1, "one true candidate: {line}");
        assert_eq!(line.matches('%').count(), 4, "four shares: {line}");
    }
    let right_items = items.iter().filter(|l| l.contains(" right: ")).count();

    let (zh, en) = (tally(&text, "zh:"), tally(&text, "en:"));
    let (cloze, next) = (tally(&text, "cloze:"), tally(&text, "next line:"));
    let all = tally(&text, "accuracy=");
    assert_eq!(all, (right_items, 40));
    assert_eq!((zh.0 + en.0, zh.1 + en.1), all);
    assert_eq!((cloze.0 + next.0, cloze.1 + next.1), all);
}
