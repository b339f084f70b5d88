//! glassbox-model: the Llama-family transformer every part of Glassbox uses.
//!
//! - [`ModelConfig`] (Hugging Face `config.json`), [`Weights`] (safetensors, HF names),
//!   [`Tokenizer`] (byte-level BPE) and [`ModelDir`], the three files on disk;
//! - [`Transformer`], the candle forward used for training and as the CPU reference;
//! - [`Backend`], the seam every engine implements, with [`CpuBackend`];
//! - [`Generator`], sampling and the [`Prefill`]/[`Step`] traces shown by the UI.

mod attention;
pub mod backend;
pub mod config;
pub mod cpu_backend;
pub mod error;
pub mod generator;
mod init;
pub mod kv_cache;
pub mod layout;
pub mod loss;
mod mlp;
pub mod model;
pub mod model_dir;
mod moe;
mod norm;
mod ops;
mod rope;
pub mod sampling;
pub mod testing;
pub mod tokenizer;
pub mod trace;
pub mod weights;

/// The candle this crate is built on, so dependents use the same version.
pub use candle_core;

pub use backend::{Backend, Forward, LensTop};
pub use config::{ModelConfig, MoeShape, ParameterCount};
pub use cpu_backend::CpuBackend;
pub use error::{ConfigError, Error, Result, WeightsError};
pub use generator::Generator;
pub use kv_cache::KvCache;
pub use loss::cross_entropy;
pub use model::{Internals, Transformer};
pub use model_dir::ModelDir;
pub use sampling::SamplingSettings;
pub use tokenizer::{TextStream, TokenView, Tokenizer};
pub use trace::{
    Attention, Candidate, Choice, LensGuess, ModelInfo, Prefill, Probes, Routing, Step,
};
pub use weights::Weights;
