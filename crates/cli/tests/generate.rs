//! `glassbox generate` against a tiny random model written to a temporary directory.

use std::path::Path;
use std::process::{Command, Output};

use glassbox_model::{Choice, Step, testing};

fn model() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    testing::write_tiny_model(dir.path(), 3).unwrap();
    dir
}

fn generate(model: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_glassbox"))
        .arg("generate")
        .arg("--model")
        .arg(model)
        .args(args)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_user_error(output: &Output, expected: &str) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(expected),
        "expected {expected:?} in {message:?}"
    );
    assert!(!message.contains("panicked"), "{message}");
}

#[test]
fn generate_prints_the_prompt_and_its_continuation() {
    let model = model();
    let output = generate(
        model.path(),
        &["--prompt", "The moon", "--steps", "5", "--seed", "1"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .starts_with("The moon")
    );
}

#[test]
fn json_output_is_one_step_per_line() {
    let model = model();
    let output = generate(
        model.path(),
        &["--prompt", "明月", "--steps", "4", "--greedy", "--json"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let steps: Vec<Step> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(!steps.is_empty() && steps.len() <= 4);
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(step.index as usize, i);
        assert_eq!(step.choice, Choice::Greedy);
        assert!(!step.attention.is_empty() && !step.candidates.is_empty());
    }
}

#[test]
fn same_seed_gives_same_output() {
    let model = model();
    let args = ["--prompt", "It is a truth", "--steps", "8", "--seed", "9"];
    let first = generate(model.path(), &args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(generate(model.path(), &args).stdout, first.stdout);
}

#[test]
fn empty_prompt_is_a_user_error() {
    let model = model();
    assert_user_error(
        &generate(model.path(), &["--prompt", ""]),
        "prompt is empty",
    );
}

#[test]
fn unknown_model_directory_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-model");
    assert_user_error(&generate(&missing, &["--prompt", "hi"]), "no-such-model");
}

#[test]
fn directory_without_model_files_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_user_error(&generate(dir.path(), &["--prompt", "hi"]), "config.json");
}

#[test]
fn invalid_utf8_prompt_file_is_a_user_error() {
    let model = model();
    let file = model.path().join("prompt.txt");
    std::fs::write(&file, b"moon \xE4\xB8 light").unwrap();
    let output = generate(model.path(), &["--prompt-file", file.to_str().unwrap()]);
    assert_user_error(&output, "not valid UTF-8");
    assert!(stderr(&output).contains("prompt.txt"));
}

#[test]
fn prompt_over_the_context_is_cut_from_the_left_with_a_note() {
    let model = model();
    let long = "The moon rose over the hills. ".repeat(20);
    let output = generate(
        model.path(),
        &["--prompt", &long, "--steps", "4", "--greedy"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("dropped the first"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn steps_that_fill_the_context_are_a_user_error() {
    let model = model();
    assert_user_error(
        &generate(model.path(), &["--prompt", "hi", "--steps", "64"]),
        "at most 63 steps",
    );
}

#[test]
fn invalid_sampling_settings_are_a_user_error() {
    let model = model();
    assert_user_error(
        &generate(model.path(), &["--prompt", "hi", "--top-p", "1.5"]),
        "top-p is 1.5",
    );
}

#[test]
fn missing_prompt_is_a_user_error() {
    let model = model();
    assert_user_error(&generate(model.path(), &[]), "--prompt");
}
