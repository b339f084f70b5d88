//! Scoring benchmark items: each candidate's whole text gets the model's log-probability,
//! and the most probable candidate is the model's answer. The same rule serves the
//! transformers and the n-gram, so their accuracies compare.

use glassbox_model::candle_core::{Device, Tensor};
use glassbox_model::{ModelConfig, Tokenizer, Transformer, Weights};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Item;
use crate::ngram::NGramModel;
use crate::token_data::end_of_text;
use crate::train_error::{Result, TrainError};

/// Something that can say how probable a token sequence is.
pub trait SequenceScorer {
    /// ln P(tokens[1..] | tokens[0]): each token given every token before it.
    fn log_probability(&self, tokens: &[u32]) -> Result<f64>;
}

pub struct TransformerScorer {
    model: Transformer,
    context: usize,
}

impl TransformerScorer {
    pub fn new(config: &ModelConfig, weights: &Weights) -> Result<Self> {
        Ok(Self {
            model: Transformer::frozen(config, weights)?,
            context: config.max_position_embeddings,
        })
    }
}

impl SequenceScorer for TransformerScorer {
    fn log_probability(&self, tokens: &[u32]) -> Result<f64> {
        if tokens.len() > self.context {
            return Err(TrainError::OutOfRange {
                setting: "a benchmark text's length in tokens",
                value: tokens.len() as f64,
                min: 1.0,
                max: self.context as f64,
            });
        }
        let ids = Tensor::new(tokens, &Device::Cpu)?.unsqueeze(0)?;
        let logits = self.model.forward(&ids)?.squeeze(0)?.to_vec2::<f32>()?;
        Ok(logits
            .iter()
            .zip(&tokens[1..])
            .map(|(row, &next)| f64::from(row[next as usize]) - log_sum_exp(row))
            .sum())
    }
}

fn log_sum_exp(row: &[f32]) -> f64 {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f64 = row.iter().map(|&v| f64::from(v - max).exp()).sum();
    f64::from(max) + sum.ln()
}

/// The n-gram of `order`, reading the same tokens as the transformers.
pub struct NGramScorer<'a> {
    pub ngram: &'a NGramModel,
    pub order: usize,
}

impl SequenceScorer for NGramScorer<'_> {
    fn log_probability(&self, tokens: &[u32]) -> Result<f64> {
        Ok((1..tokens.len())
            .map(|i| {
                let context = &tokens[i.saturating_sub(self.order - 1)..i];
                self.ngram.probability(self.order, context, tokens[i]).ln()
            })
            .sum())
    }
}

/// How one model answered one item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "BenchmarkItemScore")]
pub struct ItemScore {
    pub id: String,
    /// ln P of each candidate's whole text, in nats.
    pub log_probabilities: Vec<f64>,
    /// The same, normalised over the candidates: the share each gets of the model's
    /// belief among these four, summing to 1.
    pub probabilities: Vec<f64>,
    /// The candidate the model finds most probable: its answer.
    pub chosen: usize,
    pub correct: bool,
}

/// Scores every item; each text starts after an end-of-text token, as a document does in
/// training.
pub fn score_items(
    scorer: &dyn SequenceScorer,
    tokenizer: &Tokenizer,
    items: &[Item],
) -> Result<Vec<ItemScore>> {
    let start = end_of_text(tokenizer)?;
    items
        .iter()
        .map(|item| {
            let log_probabilities = (0..item.candidates.len())
                .map(|i| {
                    let mut tokens = vec![start];
                    tokens.extend(tokenizer.encode(&item.text(i))?);
                    scorer.log_probability(&tokens)
                })
                .collect::<Result<Vec<f64>>>()?;
            Ok(item_score(item, log_probabilities))
        })
        .collect()
}

fn item_score(item: &Item, log_probabilities: Vec<f64>) -> ItemScore {
    let best = log_probabilities
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = log_probabilities.iter().map(|l| (l - best).exp()).collect();
    let total: f64 = weights.iter().sum();
    // The first of equals wins, so a tie never counts as right by luck of order alone.
    let chosen = log_probabilities
        .iter()
        .position(|&l| l == best)
        .unwrap_or_default();
    ItemScore {
        id: item.id.clone(),
        probabilities: weights.iter().map(|w| w / total).collect(),
        log_probabilities,
        chosen,
        correct: chosen == item.answer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benchmark::ItemKind;
    use crate::corpus::Language;

    fn item(candidates: &[&str], answer: usize) -> Item {
        Item {
            id: "t-01".into(),
            language: Language::En,
            kind: ItemKind::Cloze,
            source: String::new(),
            before: "a ".into(),
            after: " b".into(),
            candidates: candidates.iter().map(|c| c.to_string()).collect(),
            answer,
        }
    }

    #[test]
    fn the_most_probable_candidate_is_the_answer() {
        let score = item_score(&item(&["x", "y", "z"], 1), vec![-9.0, -2.0, -5.0]);
        assert_eq!(score.chosen, 1);
        assert!(score.correct);
        let total: f64 = score.probabilities.iter().sum();
        assert!((total - 1.0).abs() < 1e-12);
        // exp(-2) / (exp(-9) + exp(-2) + exp(-5))
        let expected = 1.0 / (1.0 + (-7f64).exp() + (-3f64).exp());
        assert!((score.probabilities[1] - expected).abs() < 1e-12);
    }

    #[test]
    fn a_wrong_favourite_is_scored_wrong() {
        let score = item_score(&item(&["x", "y"], 0), vec![-4.0, -1.0]);
        assert_eq!(score.chosen, 1);
        assert!(!score.correct);
    }

    #[test]
    fn very_unlikely_texts_still_share_out_finite_probabilities() {
        let score = item_score(&item(&["x", "y"], 0), vec![-5000.0, -5001.0]);
        assert!(score.correct);
        assert!(score.probabilities.iter().all(|p| p.is_finite()));
        assert!(score.probabilities[0] > 0.7);
    }

    #[test]
    fn a_tie_goes_to_the_first_candidate() {
        let score = item_score(&item(&["x", "y"], 1), vec![-3.0, -3.0]);
        assert_eq!(score.chosen, 0);
        assert!(!score.correct);
        assert_eq!(score.probabilities, vec![0.5, 0.5]);
    }

    #[test]
    fn an_ngram_prefers_the_text_it_has_counted() {
        // A bigram that has only ever seen 1 → 2, never 1 → 3.
        let stream = [0u32, 1, 2, 0, 1, 2, 0, 1, 2, 3];
        let ngram = NGramModel::train(vec![stream.to_vec()], 4, 0.75).unwrap();
        let scorer = NGramScorer {
            ngram: &ngram,
            order: 2,
        };
        let seen = scorer.log_probability(&[0, 1, 2]).unwrap();
        let unseen = scorer.log_probability(&[0, 1, 3]).unwrap();
        assert!(seen > unseen, "{seen} vs {unseen}");
    }

    #[test]
    fn a_transformer_scores_a_sequence_as_the_sum_of_its_token_log_probabilities() {
        let config = ModelConfig::tiny_for_tests(64);
        let weights = Weights::random(&config, 3, &Device::Cpu).unwrap();
        let scorer = TransformerScorer::new(&config, &weights).unwrap();
        let whole = scorer.log_probability(&[1, 2, 3]).unwrap();
        // The first step alone, and the second given the first.
        let first = scorer.log_probability(&[1, 2]).unwrap();
        assert!(first < 0.0 && whole < first);
        // Uniform over the vocabulary would be ln(1/V) per token; a random model is close.
        let uniform = -2.0 * (config.vocab_size as f64).ln();
        assert!((whole - uniform).abs() < 2.0, "{whole} vs {uniform}");
        // Longer than the context: a sentence, not a panic.
        let long = vec![1u32; config.max_position_embeddings + 1];
        assert!(scorer.log_probability(&long).is_err());
    }
}
