//! Small random models for tests, here and in the crates that use this one: a byte-level
//! tokenizer trained on a few lines of verse and prose, and weights from a seed.

use std::path::Path;

use candle_core::Device;

use crate::config::ModelConfig;
use crate::cpu_backend::CpuBackend;
use crate::error::Result;
use crate::generator::Generator;
use crate::model_dir::ModelDir;
use crate::tokenizer::Tokenizer;
use crate::weights::Weights;

pub const END_OF_TEXT: &str = "<|endoftext|>";

const CORPUS: [&str; 6] = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.",
    "The moon rose over the hills, and the house was quiet.",
    "Emoji travel too: 🙂 🚀 🌙.",
    "月亮 moon 明月 bright moon 🌙",
];

/// A byte-level BPE tokenizer of a few hundred tokens; `<|endoftext|>` is id 0.
pub fn tiny_tokenizer() -> Result<Tokenizer> {
    Tokenizer::train(
        CORPUS.iter().cycle().take(CORPUS.len() * 8),
        512,
        &[END_OF_TEXT],
    )
}

/// [`ModelConfig::tiny_for_tests`] sized to `tokenizer`, ending text with `<|endoftext|>`.
pub fn tiny_config(tokenizer: &Tokenizer) -> ModelConfig {
    ModelConfig {
        eos_token_id: tokenizer.token_id(END_OF_TEXT),
        ..ModelConfig::tiny_for_tests(tokenizer.vocab_size())
    }
}

/// Writes a random tiny dense model into `dir` and returns its config.
pub fn write_tiny_model(dir: &Path, seed: u64) -> Result<ModelConfig> {
    let tokenizer = tiny_tokenizer()?;
    let config = tiny_config(&tokenizer);
    let weights = Weights::random(&config, seed, &Device::Cpu)?;
    ModelDir::save(dir, &config, &weights, &tokenizer)?;
    Ok(config)
}

/// A CPU generator over a random tiny dense model.
pub fn tiny_generator(seed: u64) -> Result<Generator> {
    let tokenizer = tiny_tokenizer()?;
    generator(tiny_config(&tokenizer), tokenizer, seed)
}

/// A CPU generator over a random tiny model with 4 experts, top-2.
pub fn tiny_moe_generator(seed: u64) -> Result<Generator> {
    let tokenizer = tiny_tokenizer()?;
    generator(tiny_config(&tokenizer).with_experts(4, 2), tokenizer, seed)
}

fn generator(config: ModelConfig, tokenizer: Tokenizer, seed: u64) -> Result<Generator> {
    let weights = Weights::random(&config, seed, &Device::Cpu)?;
    let backend = CpuBackend::new(&config, &weights)?;
    Generator::new(Box::new(backend), tokenizer, "tiny-random")
}
