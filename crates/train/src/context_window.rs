//! Lesson 11's "forgetting": a fact at the start of a text, filler after it, and a question
//! at the end. As the filler grows, the model's fixed context window slides along and the
//! fact falls out of it; from then on nothing the model computes can reach it.

use glassbox_model::{Attention, Generator, Probes, SamplingSettings, TokenView};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::traced::TracedStep;
use crate::train_error::{Result, TrainError};

/// Tokens the model may write as its answer; the window holds the rest of the context.
pub const ANSWER_TOKENS: usize = 4;
/// Candidates reported at each answer step.
const CANDIDATES: usize = 5;

/// How much of the fact the model can still see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "FactVisibility")]
pub enum Visibility {
    Whole,
    Part,
    Gone,
}

/// The first of `total` tokens the model sees when `reserve` places of a `context`-token
/// window are kept free for its answer: everything before it is dropped.
pub fn window_start(total: usize, context: usize, reserve: usize) -> usize {
    total.saturating_sub(context.saturating_sub(reserve))
}

/// Whether a fact in the first `fact_tokens` tokens is inside a window starting at `start`.
pub fn visibility(fact_tokens: usize, start: usize) -> Visibility {
    if start == 0 {
        Visibility::Whole
    } else if start < fact_tokens {
        Visibility::Part
    } else {
        Visibility::Gone
    }
}

/// The attention the last query pays each key, averaged over every head of every layer.
pub fn last_query_attention(layers: &[Attention]) -> Vec<f32> {
    let Some(keys) = layers.first().map(|a| a.keys as usize) else {
        return Vec::new();
    };
    let mut total = vec![0f32; keys];
    let mut rows = 0usize;
    for layer in layers {
        for head in 0..layer.heads as usize {
            let row = layer.row(head, layer.queries as usize - 1);
            for (sum, &p) in total.iter_mut().zip(row) {
                *sum += p;
            }
            rows += 1;
        }
    }
    total.iter().map(|s| s / rows.max(1) as f32).collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ContextProbe {
    /// Every token of fact, filler and question, seen or not.
    pub tokens: Vec<TokenView>,
    pub fact_tokens: u32,
    pub question_tokens: u32,
    /// The first token inside the window; the ones before it are gone.
    pub window_start: u32,
    /// The model's context in tokens.
    pub context: u32,
    /// Tokens of text the window holds: the context less the room kept for the answer.
    pub window: u32,
    pub fact: Visibility,
    /// Attention from the question's last token to each token of the window (mean over
    /// layers and heads): entry i belongs to token `window_start + i`.
    pub attention: Vec<f32>,
    /// How much of that attention reaches the fact's tokens; 0 once it is gone.
    pub attention_on_fact: f32,
    /// The model's greedy answer.
    pub answer: Vec<TracedStep>,
    pub answer_text: String,
    /// The model's probability, at the answer's first token, of the first token of
    /// `expected` (the fact's answer).
    pub expected_probability: f32,
}

fn encode(generator: &Generator, text: &str) -> Result<Vec<u32>> {
    Ok(generator.tokenizer().encode(text)?)
}

/// Runs `fact + filler + question` through the model, each part tokenized on its own so the
/// fact's tokens are exactly known, and asks for the answer.
pub fn probe_context(
    generator: &mut Generator,
    fact: &str,
    filler: &str,
    question: &str,
    expected: &str,
) -> Result<ContextProbe> {
    let fact_ids = encode(generator, fact)?;
    let question_ids = encode(generator, question)?;
    let expected_first =
        *encode(generator, expected)?
            .first()
            .ok_or_else(|| TrainError::Empty {
                what: "expected answer".into(),
            })?;
    if fact_ids.is_empty() || question_ids.is_empty() {
        return Err(TrainError::Empty {
            what: "fact or question".into(),
        });
    }
    let context = generator.config().max_position_embeddings;
    let mut ids = fact_ids.clone();
    ids.extend(encode(generator, filler)?);
    ids.extend(&question_ids);
    if question_ids.len() + ANSWER_TOKENS >= context {
        return Err(TrainError::OutOfRange {
            setting: "the question's length in tokens",
            value: question_ids.len() as f64,
            min: 1.0,
            max: (context - ANSWER_TOKENS - 1) as f64,
        });
    }

    generator.set_probes(Probes {
        attention: true,
        routing: false,
        logit_lens: false,
    });
    generator.set_candidates(CANDIDATES);
    let prefill = generator.prefill_tokens(&ids, ANSWER_TOKENS)?;
    let start = prefill.dropped as usize;
    debug_assert_eq!(start, window_start(ids.len(), context, ANSWER_TOKENS));
    let attention = last_query_attention(&prefill.attention);
    let attention_on_fact = attention
        .iter()
        .take(fact_ids.len().saturating_sub(start))
        .sum();
    generator.set_probes(Probes::NONE);
    let greedy = SamplingSettings::greedy();
    let answer = (0..ANSWER_TOKENS)
        .map(|_| Ok(generator.step(&greedy, None)?.into()))
        .collect::<Result<Vec<TracedStep>>>()?;
    // Again, forcing the expected token, only to read its probability.
    generator.prefill_tokens(&ids, ANSWER_TOKENS)?;
    let expected_probability = generator.step(&greedy, Some(expected_first))?.probability;

    let answer_ids: Vec<u32> = answer.iter().map(|s| s.token.id).collect();
    Ok(ContextProbe {
        tokens: generator.tokenizer().views(&ids),
        fact_tokens: fact_ids.len() as u32,
        question_tokens: question_ids.len() as u32,
        window_start: start as u32,
        context: context as u32,
        window: (context - ANSWER_TOKENS) as u32,
        fact: visibility(fact_ids.len(), start),
        attention,
        attention_on_fact,
        answer_text: generator.tokenizer().decode(&answer_ids)?,
        answer,
        expected_probability,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use glassbox_model::testing::tiny_generator;

    #[test]
    fn the_window_keeps_the_last_tokens_and_room_to_answer() {
        assert_eq!(window_start(50, 128, 4), 0);
        assert_eq!(window_start(124, 128, 4), 0);
        assert_eq!(window_start(125, 128, 4), 1);
        assert_eq!(window_start(300, 128, 4), 176);
    }

    #[test]
    fn a_fact_is_whole_then_partly_then_not_at_all_in_the_window() {
        assert_eq!(visibility(6, 0), Visibility::Whole);
        assert_eq!(visibility(6, 1), Visibility::Part);
        assert_eq!(visibility(6, 5), Visibility::Part);
        assert_eq!(visibility(6, 6), Visibility::Gone);
        assert_eq!(visibility(6, 90), Visibility::Gone);
    }

    fn probe(filler: &str) -> ContextProbe {
        let mut generator = tiny_generator(9).unwrap();
        probe_context(&mut generator, "暗号是青松。", filler, "暗号是", "青").unwrap()
    }

    #[test]
    fn with_little_filler_the_fact_is_seen_and_attended() {
        let probe = probe("春眠不觉晓。");
        assert_eq!(probe.window_start, 0);
        assert_eq!(probe.fact, Visibility::Whole);
        assert_eq!(probe.attention.len(), probe.tokens.len());
        let total: f32 = probe.attention.iter().sum();
        assert!((total - 1.0).abs() < 1e-4, "{total}");
        assert!(probe.attention_on_fact > 0.0);
        assert_eq!(probe.answer.len(), ANSWER_TOKENS);
        assert!(probe.expected_probability > 0.0);
    }

    #[test]
    fn with_much_filler_the_fact_falls_out_and_gets_no_attention() {
        let probe = probe(&"春眠不觉晓，处处闻啼鸟。".repeat(20));
        let context = probe.context as usize;
        assert_eq!(probe.fact, Visibility::Gone);
        assert_eq!(probe.attention_on_fact, 0.0);
        assert_eq!(probe.attention.len(), context - ANSWER_TOKENS);
        assert_eq!(probe.window as usize, context - ANSWER_TOKENS);
        assert_eq!(
            probe.window_start as usize,
            window_start(probe.tokens.len(), context, ANSWER_TOKENS)
        );
        assert!(probe.window_start >= probe.fact_tokens);
    }
}
