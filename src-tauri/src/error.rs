use serde::Serialize;

/// An error as the UI receives it: one sentence a user can act on.
#[derive(Debug, thiserror::Error, Serialize)]
#[error("{message}")]
pub struct CommandError {
    pub message: String,
}

impl From<glassbox_lessons::LessonError> for CommandError {
    fn from(err: glassbox_lessons::LessonError) -> Self {
        CommandError {
            message: err.to_string(),
        }
    }
}

/// The engine already phrases its errors for the user.
impl From<String> for CommandError {
    fn from(message: String) -> Self {
        CommandError { message }
    }
}
