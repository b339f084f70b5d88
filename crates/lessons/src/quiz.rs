use crate::error::LessonError;
use crate::types::QuizQuestion;
use std::path::Path;

pub(crate) fn parse(file: &Path, text: &str) -> Result<Vec<QuizQuestion>, LessonError> {
    let questions: Vec<QuizQuestion> = serde_yaml_ng::from_str(text)
        .map_err(|err| LessonError::invalid(file, format!("quiz is not valid YAML: {err}")))?;
    for (i, q) in questions.iter().enumerate() {
        let n = i + 1;
        if q.question.trim().is_empty() || q.explain.trim().is_empty() {
            return Err(LessonError::invalid(
                file,
                format!("question {n} needs both a question and an explanation"),
            ));
        }
        if q.choices.len() < 2 {
            return Err(LessonError::invalid(
                file,
                format!(
                    "question {n} has {} choices; it needs at least 2",
                    q.choices.len()
                ),
            ));
        }
        if q.answer as usize >= q.choices.len() {
            return Err(LessonError::invalid(
                file,
                format!(
                    "question {n} gives answer {} but has only {} choices (answers count from 0)",
                    q.answer,
                    q.choices.len()
                ),
            ));
        }
    }
    Ok(questions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_outside_the_choices_is_rejected() {
        let yaml = "- question: Q?\n  choices: [a, b]\n  answer: 2\n  explain: because\n";
        let err = parse(Path::new("q.yaml"), yaml).unwrap_err().to_string();
        assert!(err.contains("answer 2 but has only 2 choices"), "{err}");
    }

    #[test]
    fn a_valid_quiz_parses() {
        let yaml = "- question: Q?\n  choices: [a, b]\n  answer: 1\n  explain: because\n";
        let quiz = parse(Path::new("q.yaml"), yaml).unwrap();
        assert_eq!(quiz[0].answer, 1);
    }
}
