//! What can go wrong while training, each with a sentence a user can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("{setting} is {value}; it must be a positive number")]
    NotPositive { setting: &'static str, value: f64 },
    #[error("{setting} is {value}; it must be between {min} and {max}")]
    OutOfRange {
        setting: &'static str,
        value: f64,
        min: f64,
        max: f64,
    },
    #[error(
        "the {language} training text has {tokens} tokens, too few for one sequence of \
         {needed} (seq_len + 1); lower seq_len or add text"
    )]
    TooLittleData {
        language: &'static str,
        tokens: usize,
        needed: usize,
    },
    #[error(
        "batch_size {batch_size} × seq_len {seq_len} asks for more tokens per step than the \
         {tokens} training tokens there are; lower batch_size or seq_len"
    )]
    BatchLargerThanData {
        batch_size: usize,
        seq_len: usize,
        tokens: usize,
    },
    #[error("there is no {what}; training needs at least one")]
    Empty { what: String },
    #[error(
        "seq_len {seq_len} is longer than the model's context of {context} tokens \
         (max_position_embeddings); lower seq_len or raise the context"
    )]
    SequenceTooLong { seq_len: usize, context: usize },
    #[error(
        "the tokenizer has {tokenizer} tokens but the model's vocab_size is {model}; \
         they must match"
    )]
    VocabMismatch { tokenizer: usize, model: usize },
    #[error("the tokenizer has no {0} token; train it with `glassbox tokenizer`")]
    MissingSpecialToken(&'static str),
    #[error("cannot read {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error("{path} holds no checkpoint to resume from; run without --resume to start afresh")]
    NoCheckpoint { path: PathBuf },
    #[error(
        "the optimizer state in {path} does not match the model: {reason}; it belongs to \
         another model"
    )]
    StateMismatch { path: PathBuf, reason: String },
    #[error("{path} line {line}: {reason}")]
    BadData {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error(
        "the teacher in {path} uses another tokenizer; a student can only learn from a \
         teacher that reads the same tokens"
    )]
    TeacherTokenizer { path: PathBuf },
    #[error(transparent)]
    Model(#[from] glassbox_model::Error),
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
    #[error("tensor computation failed: {0}")]
    Compute(#[from] glassbox_model::candle_core::Error),
}

pub type Result<T, E = TrainError> = std::result::Result<T, E>;

impl From<glassbox_model::WeightsError> for TrainError {
    fn from(error: glassbox_model::WeightsError) -> Self {
        Self::Model(error.into())
    }
}
