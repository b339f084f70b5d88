//! A tokenizer and token streams small enough for training tests to run in seconds.

use glassbox_model::{ModelConfig, Tokenizer, Weights};

use crate::corpus::Language;
use crate::token_data::{LanguageTokens, TokenData, tokenize};
use crate::tokenizer::SPECIAL_TOKENS;
use crate::train_config::{DataSettings, TrainConfig, TrainingSettings};

const ZH: [&str; 3] = [
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
    "明月几时有，把酒问青天。不知天上宫阙，今夕是何年。",
];
const EN: [&str; 3] = [
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.",
    "Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy disposition.",
    "The family of Dashwood had long been settled in Sussex.",
];

pub fn tokenizer() -> Tokenizer {
    let texts = ZH.iter().chain(&EN).cycle().take(60);
    Tokenizer::train(texts, 400, &SPECIAL_TOKENS).unwrap()
}

pub fn data(tokenizer: &Tokenizer) -> TokenData {
    let stream = |texts: &[&str]| {
        let repeated: Vec<&str> = texts.iter().copied().cycle().take(24).collect();
        tokenize(repeated.into_iter(), tokenizer).unwrap()
    };
    TokenData {
        languages: vec![
            LanguageTokens {
                language: Language::Zh,
                train: stream(&ZH),
                valid: stream(&ZH[..1]),
            },
            LanguageTokens {
                language: Language::En,
                train: stream(&EN),
                valid: stream(&EN[..1]),
            },
        ],
    }
}

pub fn config(tokenizer: &Tokenizer, steps: u64) -> TrainConfig {
    TrainConfig {
        distill: None,
        init_from: None,
        model: ModelConfig {
            max_position_embeddings: 32,
            ..ModelConfig::tiny_for_tests(tokenizer.vocab_size())
        },
        training: TrainingSettings {
            steps,
            batch_size: 4,
            seq_len: 16,
            peak_lr: 3e-3,
            warmup_steps: 2,
            final_lr_fraction: 0.1,
            weight_decay: 0.1,
            beta1: 0.9,
            beta2: 0.95,
            grad_clip: 1.0,
            eval_interval: 1000,
            eval_tokens: 64,
            checkpoint_interval: 1000,
            seed: 3,
        },
        data: DataSettings {
            corpus: "unused".into(),
            tokenizer: "unused".into(),
            zh_fraction: 0.5,
        },
    }
}

/// Every weight of the model, in name order, for comparing two sets of weights.
pub fn values(weights: &Weights) -> Vec<f32> {
    weights
        .iter()
        .flat_map(|(_, v)| {
            v.as_tensor()
                .flatten_all()
                .unwrap()
                .to_vec1::<f32>()
                .unwrap()
        })
        .collect()
}
