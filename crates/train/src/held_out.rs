//! A fixed sample of validation text for quick, repeatable measurements in the app: how
//! much a compressed model lost, how the transformer compares with the n-gram. Smaller than
//! `glassbox eval`'s full pass so that a slider can ask for it, but always the same tokens,
//! so two measurements differ only by the model.

use glassbox_model::{ModelConfig, Tokenizer, Transformer, Weights};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::batches::evaluation_windows;
use crate::corpus::{Corpus, Language, Split};
use crate::evaluate::stream_loss;
use crate::ngram::NGramModel;
use crate::token_data::tokenize;
use crate::train_error::{Result, TrainError};

/// One language's validation tokens.
struct Sample {
    language: Language,
    tokens: Vec<u32>,
}

pub struct HeldOut {
    samples: Vec<Sample>,
    seq_len: usize,
    /// Targets scored per language.
    limit: usize,
}

/// Loss in nats per token on the held-out sample; `perplexity` is its exponential.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct HeldOutLoss {
    pub zh: f64,
    pub en: f64,
    /// Mean of the two languages, so each counts equally.
    pub mean: f64,
    pub perplexity: f64,
    /// Targets scored in each language.
    pub tokens_per_language: u32,
}

impl HeldOutLoss {
    fn from_languages(zh: f64, en: f64, tokens_per_language: usize) -> Self {
        let mean = (zh + en) / 2.0;
        Self {
            zh,
            en,
            mean,
            perplexity: mean.exp(),
            tokens_per_language: tokens_per_language as u32,
        }
    }
}

impl HeldOut {
    /// About `limit` targets per language from the corpus's validation split, in windows of
    /// `seq_len` spread evenly over it.
    pub fn from_corpus(
        corpus: &Corpus,
        tokenizer: &Tokenizer,
        seq_len: usize,
        limit: usize,
    ) -> Result<Self> {
        let samples = Language::ALL
            .into_iter()
            .map(|language| {
                Ok(Sample {
                    language,
                    tokens: tokenize(corpus.texts(language, Split::Valid), tokenizer)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Self {
            samples,
            seq_len,
            limit,
        })
    }

    fn by_language(
        &self,
        mut loss: impl FnMut(&[u32]) -> Result<(f64, usize)>,
    ) -> Result<HeldOutLoss> {
        let mut zh = f64::NAN;
        let mut en = f64::NAN;
        let mut targets = usize::MAX;
        for sample in &self.samples {
            let (value, scored) = loss(&sample.tokens)?;
            if scored == 0 {
                return Err(TrainError::Empty {
                    what: format!(
                        "held-out {} text long enough for one window",
                        sample.language.code()
                    ),
                });
            }
            targets = targets.min(scored);
            match sample.language {
                Language::Zh => zh = value,
                Language::En => en = value,
            }
        }
        Ok(HeldOutLoss::from_languages(zh, en, targets))
    }

    /// The transformer's loss on the sample.
    pub fn model_loss(&self, config: &ModelConfig, weights: &Weights) -> Result<HeldOutLoss> {
        let model = Transformer::frozen(config, weights)?;
        let seq_len = self.seq_len.min(config.max_position_embeddings);
        self.by_language(|tokens| stream_loss(&model, tokens, seq_len, Some(self.limit)))
    }

    /// The n-gram model's loss (order 1-3) on exactly the transformer's targets.
    pub fn ngram_loss(&self, ngram: &NGramModel, order: usize) -> Result<HeldOutLoss> {
        if !(1..=3).contains(&order) {
            return Err(TrainError::OutOfRange {
                setting: "the n-gram order",
                value: order as f64,
                min: 1.0,
                max: 3.0,
            });
        }
        let seq_len = self.seq_len;
        self.by_language(|tokens| {
            let targets: Vec<usize> = evaluation_windows(tokens, seq_len, Some(self.limit))
                .into_iter()
                .flat_map(|start| start + 1..=start + seq_len)
                .collect();
            Ok((
                ngram.loss(order, tokens, targets.iter().copied()),
                targets.len(),
            ))
        })
    }
}
