//! `glassbox eval`'s measurement: a model's validation loss per language next to the
//! n-gram baselines', on exactly the same target tokens.

use glassbox_model::candle_core::Device;
use glassbox_model::{ModelDir, Transformer};
use serde::{Deserialize, Serialize};

use crate::batches::evaluation_windows;
use crate::corpus::Language;
use crate::evaluate::sliding_stream_loss;
use crate::ngram::NGramModel;
use crate::token_data::TokenData;
use crate::train_error::Result;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageEvaluation {
    pub language: Language,
    pub targets: usize,
    /// Every target read with at least half the context window before it (windows
    /// overlapping by half), as the n-grams read every target with their full context.
    pub model_loss: f64,
    /// The same targets read through windows that do not overlap, so a target early in a
    /// window sees only the few tokens before it in that window.
    pub model_loss_separate_windows: f64,
    /// Unigram (add-one), bigram and trigram (interpolated Kneser-Ney) losses.
    pub ngram_losses: [f64; 3],
}

impl LanguageEvaluation {
    /// The lowest of the n-gram losses (the trigram's, unless data is very scarce).
    pub fn best_ngram_loss(&self) -> f64 {
        self.ngram_losses
            .iter()
            .copied()
            .fold(f64::INFINITY, f64::min)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub languages: Vec<LanguageEvaluation>,
}

impl Evaluation {
    /// Mean over languages, so each language counts equally whatever its size.
    pub fn model_loss(&self) -> f64 {
        mean(self.languages.iter().map(|l| l.model_loss))
    }

    pub fn model_loss_separate_windows(&self) -> f64 {
        mean(self.languages.iter().map(|l| l.model_loss_separate_windows))
    }

    pub fn ngram_loss(&self, order: usize) -> f64 {
        mean(self.languages.iter().map(|l| l.ngram_losses[order - 1]))
    }

    /// The best single n-gram order over both languages.
    pub fn best_ngram_loss(&self) -> f64 {
        (1..=3)
            .map(|order| self.ngram_loss(order))
            .fold(f64::INFINITY, f64::min)
    }

    pub fn ratio(&self) -> f64 {
        self.model_loss() / self.best_ngram_loss()
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    sum / n.max(1) as f64
}

/// Scores the model in `dir` and the n-gram model on every validation target of `data`
/// (the model through windows as long as its context).
pub fn evaluate_model(dir: &ModelDir, data: &TokenData, ngram: &NGramModel) -> Result<Evaluation> {
    let config = dir.config()?;
    let weights = dir.weights(&config, &Device::Cpu)?;
    let model = Transformer::frozen(&config, &weights)?;
    let seq_len = config.max_position_embeddings;
    let mut languages = Vec::new();
    for tokens in &data.languages {
        let (model_loss, targets) =
            sliding_stream_loss(&model, &tokens.valid, seq_len, seq_len / 2)?;
        if targets == 0 {
            continue;
        }
        let (model_loss_separate_windows, _) =
            sliding_stream_loss(&model, &tokens.valid, seq_len, seq_len)?;
        let positions = || 1..tokens.valid.len();
        let ngram_losses = [1, 2, 3].map(|order| ngram.loss(order, &tokens.valid, positions()));
        languages.push(LanguageEvaluation {
            language: tokens.language,
            targets,
            model_loss,
            model_loss_separate_windows,
            ngram_losses,
        });
    }
    Ok(Evaluation { languages })
}

/// The n-gram baseline on the training streams of `data`.
pub fn train_ngram(data: &TokenData, vocab_size: usize, discount: f64) -> Result<NGramModel> {
    let streams = data.languages.iter().map(|l| l.train.clone()).collect();
    NGramModel::train(streams, vocab_size, discount)
}

/// How often each expert is chosen, per MoE layer, for one language's validation tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpertLoad {
    pub language: Language,
    /// Per layer, per expert: the share of routing choices (rows sum to 1).
    pub layers: Vec<Vec<f64>>,
}

/// Routes about `limit` validation tokens per language through the model and counts the
/// experts chosen; empty for a dense model.
pub fn expert_load(dir: &ModelDir, data: &TokenData, limit: usize) -> Result<Vec<ExpertLoad>> {
    let config = dir.config()?;
    let Some(moe) = config.moe() else {
        return Ok(Vec::new());
    };
    let weights = dir.weights(&config, &Device::Cpu)?;
    let model = Transformer::frozen(&config, &weights)?;
    let seq_len = config.max_position_embeddings;
    let probes = glassbox_model::Probes {
        routing: true,
        ..glassbox_model::Probes::NONE
    };
    let mut loads = Vec::new();
    for tokens in &data.languages {
        let mut counts = vec![vec![0f64; moe.experts]; config.num_hidden_layers];
        let starts = evaluation_windows(&tokens.valid, seq_len, Some(limit));
        for (inputs, _) in
            crate::batches::window_batches(&tokens.valid, &starts, seq_len, 16, &Device::Cpu)?
        {
            let mut cache = model.new_cache();
            let (_, internals) = model.forward_cached(&inputs, &mut cache, probes)?;
            for (layer, routing) in internals.routing.iter().enumerate() {
                for &expert in &routing.chosen {
                    counts[layer][expert as usize] += 1.0;
                }
            }
        }
        for row in &mut counts {
            let total: f64 = row.iter().sum();
            row.iter_mut().for_each(|c| *c /= total.max(1.0));
        }
        loads.push(ExpertLoad {
            language: tokens.language,
            layers: counts,
        });
    }
    Ok(loads)
}
