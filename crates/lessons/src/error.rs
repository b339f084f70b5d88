use std::path::PathBuf;

/// Something in `lessons/` does not follow the format in `lessons/README.md`.
#[derive(Debug, thiserror::Error)]
pub enum LessonError {
    #[error("{file}: {message}")]
    Invalid { file: PathBuf, message: String },
    #[error("cannot read {file}: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("lesson {id} is missing in {lang}: expected a file lessons/{lang}/{id:02}-<slug>.md")]
    Missing { id: u8, lang: &'static str },
    #[error("lesson {id} ({lang}) is not in the course")]
    NotFound { id: u8, lang: &'static str },
}

impl LessonError {
    pub(crate) fn invalid(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        LessonError::Invalid {
            file: file.into(),
            message: message.into(),
        }
    }
}
