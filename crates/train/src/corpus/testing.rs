//! A miniature copy of the source packages, laid out as `fetch-sources.sh` leaves them,
//! for tests that run the whole pipeline without the network or the real packages.

use super::austen::{JANEAUSTENR_DIR, JANEAUSTENR_LICENSE};
use super::poetry::{CHINESE_POETRY_DIR, CHINESE_POETRY_LICENSE, TANGSHI_SIMPLIFIED_DIR};
use super::rdata::testing::write_lazy_load_db;
use serde_json::json;
use std::path::Path;

/// How many generated ci the miniature 宋词 holds, besides the special cases.
pub(crate) const GENERATED_CI: usize = 120;

const HAN: &str = "春花秋月何时了往事知多少小楼昨夜又东风故国不堪回首明中";

/// A distinct seven-character line for every `seed`.
fn han_line(seed: usize, width: usize) -> String {
    let han: Vec<char> = HAN.chars().collect();
    let mut n = seed;
    (0..width)
        .map(|_| {
            let c = han[n % han.len()];
            n = n / han.len() + 7;
            c
        })
        .collect()
}

pub(crate) fn write_sources(dir: &Path) {
    let songci_dir = dir.join(CHINESE_POETRY_DIR).join("dist/songci");
    std::fs::create_dir_all(&songci_dir).unwrap();
    let mut ci: Vec<_> = (0..GENERATED_CI)
        .map(|i| {
            json!({
                "author": "无名氏",
                "rhythmic": format!("调{}", han_line(i, 2)),
                "paragraphs": [format!("{}，{}。", han_line(i, 7), han_line(i * 31 + 5, 5))],
            })
        })
        .collect();
    // The same ci twice, once with a half-width comma and a space: a duplicate once cleaned.
    ci.push(
        json!({"author": "李煜", "rhythmic": "虞美人", "paragraphs": [
        "春花秋月何时了，往事知多少。", "小楼昨夜又东风，故国不堪回首月明中。"]}),
    );
    ci.push(
        json!({"author": "李煜", "rhythmic": "虞美人", "paragraphs": [
        "春花秋月何时了, 往事知多少。", "小楼昨夜又东风，故国不堪回首月明中。"]}),
    );
    ci.push(
        json!({"author": "李煜", "rhythmic": "虞美人", "paragraphs": [
        "问君能有几多愁？", "恰似一江春水□东流。", "（下缺）"]}),
    );
    ci.push(json!({"author": "乱码", "rhythmic": "无题", "paragraphs": ["け然。"]}));
    std::fs::write(songci_dir.join("ci.song.0.json"), json!(ci).to_string()).unwrap();

    let tang_dir = dir.join(TANGSHI_SIMPLIFIED_DIR);
    std::fs::create_dir_all(&tang_dir).unwrap();
    let tang = json!([
        {"author": "李白", "title": "静夜思", "paragraphs": [
            "床前明月光，疑是地上霜。", "举头望明月，低头思故乡。"]},
        {"author": "李白", "title": "蜀道难", "paragraphs": [
            "噫吁嚱，危乎高哉！", "蜀道之难，难于上青天！"]},
        {"author": "杜甫", "title": "春望", "paragraphs": [
            "国破山河在，城春草木深（一作「生」）。", "感时花溅泪，恨别鸟惊心。",
            "烽火连三月，家书抵万金。", "白头搔更短，浑欲不胜簪。"]},
        {"author": "佚名", "title": "残诗", "paragraphs": [
            "国破山河在，城春□木深。", "感时花溅泪，恨别鸟惊心。"]},
    ]);
    std::fs::write(tang_dir.join("poet.tang.0.json"), tang.to_string()).unwrap();

    let novel = |title: &str, chapters: usize| -> Vec<String> {
        let mut lines = vec![title.to_uppercase(), String::new(), "By Jane Austen".into()];
        for chapter in 1..=chapters {
            lines.push(String::new());
            lines.push(format!("CHAPTER {chapter}"));
            lines.push(String::new());
            lines.push(format!(
                "Chapter {chapter} of {title} begins, and the _weather_ is"
            ));
            lines.push(format!("fine on day {chapter}."));
            lines.push(String::new());
            lines.push("[An editor's note.]".into());
        }
        lines.extend(["".into(), "THE END".into()]);
        lines
    };
    let data = dir
        .join(JANEAUSTENR_DIR)
        .join("usr/lib/R/site-library/janeaustenr/data/Rdata");
    write_lazy_load_db(
        &data,
        &[
            ("persuasion", novel("Persuasion", 24)),
            ("emma", novel("Emma", 55)),
        ],
    );

    for licence in [CHINESE_POETRY_LICENSE, JANEAUSTENR_LICENSE] {
        let path = dir.join(licence);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "MIT License").unwrap();
    }
}
