//! Everything that can go wrong, each with a sentence a user can act on.

use std::path::PathBuf;

/// A `config.json` that does not describe a model this crate can build.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config.json is not a valid Llama/Mixtral config: {source}")]
    Parse { source: serde_json::Error },
    #[error("{field} is 0; it must be at least 1")]
    Zero { field: &'static str },
    #[error(
        "hidden_size {hidden_size} is not divisible by num_attention_heads \
         {num_attention_heads}; every head needs an equal share of the width"
    )]
    HeadsDoNotDivideWidth {
        hidden_size: usize,
        num_attention_heads: usize,
    },
    #[error(
        "num_attention_heads {num_attention_heads} is not divisible by num_key_value_heads \
         {num_key_value_heads}; each key/value head serves an equal group of query heads"
    )]
    KvHeadsDoNotDivideHeads {
        num_attention_heads: usize,
        num_key_value_heads: usize,
    },
    #[error(
        "head_dim {head_dim} (hidden_size / num_attention_heads) is odd; rotary embeddings \
         rotate pairs of dimensions, so it must be even"
    )]
    OddHeadDim { head_dim: usize },
    #[error("{field} is {value}; it must be a positive number")]
    NotPositive { field: &'static str, value: f64 },
    #[error("hidden_act is \"{hidden_act}\"; only \"silu\" (SwiGLU) is implemented")]
    UnsupportedActivation { hidden_act: String },
    #[error("num_experts_per_tok is set but num_local_experts is not; set both or neither")]
    TopKWithoutExperts,
    #[error("num_experts_per_tok {top_k} must be between 1 and num_local_experts {experts}")]
    TopKOutOfRange { top_k: usize, experts: usize },
    #[error("{field} {id} is outside the vocabulary of {vocab_size} tokens")]
    TokenOutsideVocab {
        field: &'static str,
        id: u32,
        vocab_size: usize,
    },
}

/// A safetensors file that cannot be read, or does not fit the config.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {reason}")]
    Write { path: PathBuf, reason: String },
    #[error(
        "{path} is cut off: its header describes {expected} bytes but the file has {found}; \
         copy or save it again"
    )]
    Truncated {
        path: PathBuf,
        expected: u64,
        found: u64,
    },
    #[error("{path} is not a valid safetensors file: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("the weights have no tensor `{name}`, which config.json requires")]
    MissingTensor { name: String },
    #[error("tensor `{name}` has shape {found:?}, but config.json requires {expected:?}")]
    WrongShape {
        name: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    #[error("tensor `{name}` cannot be converted to F32: {reason}")]
    Convert { name: String, reason: String },
    #[error("tensor `{name}` is stored as {dtype}; only F32, F16 and BF16 weights can be loaded")]
    UnsupportedDtype { name: String, dtype: String },
    #[error(
        "config.json says {key} = {config}, but the weights hold {weights}; \
         config.json and the weights come from different models"
    )]
    ConfigMismatch {
        key: &'static str,
        config: usize,
        weights: usize,
    },
    #[error(
        "the weights hold `{name}`, which a model with this config.json does not have; \
         config.json and the weights come from different models"
    )]
    UnexpectedTensor { name: String },
}

/// Any error of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{path}: {source}")]
    ConfigFile { path: PathBuf, source: ConfigError },
    #[error(transparent)]
    Weights(#[from] WeightsError),
    #[error("tokenizer: {message}")]
    Tokenizer { message: String },
    #[error("cannot use tokenizer {path}: {message}")]
    TokenizerFile { path: PathBuf, message: String },
    #[error(
        "the tokenizer has {tokenizer} tokens but the model's vocabulary has only {model}; \
         they come from different models"
    )]
    TokenizerLargerThanModel { tokenizer: usize, model: usize },
    #[error("model directory {path} does not exist")]
    ModelDirNotFound { path: PathBuf },
    #[error(
        "{path} is missing; a model directory holds config.json, model.safetensors \
         and tokenizer.json"
    )]
    ModelFileMissing { path: PathBuf },
    #[error("cannot access {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("tensor computation failed: {0}")]
    Compute(#[from] candle_core::Error),
    #[error("the prompt is empty; give the model at least one token to continue")]
    EmptyPrompt,
    #[error(
        "{steps} steps leave no room for a prompt in the model's context of {context} tokens; \
         ask for at most {max} steps",
        max = .context - 1
    )]
    NoRoomForPrompt { steps: usize, context: usize },
    #[error("the context of {context} tokens is full; start again with a shorter prompt")]
    ContextFull { context: usize },
    #[error("no prompt has been run yet; prefill a prompt before taking a step")]
    NotPrefilled,
    #[error("token {token} is outside the vocabulary of {vocab_size} tokens")]
    TokenOutsideVocab { token: u32, vocab_size: usize },
    #[error("{setting} is {value}; it must be {expected}")]
    InvalidSampling {
        setting: &'static str,
        value: f32,
        expected: &'static str,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
