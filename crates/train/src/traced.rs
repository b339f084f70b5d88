//! A continuation with the model's view of every token: how surprised it was by each token
//! of the prompt, and at each step it wrote, the chosen token's probability, the step's
//! entropy and the leading candidates. Lessons 10 and 11 put these numbers next to text
//! that is confidently wrong (false premises, hallucinations) or far from the training
//! data (domain gaps).

use glassbox_model::{Candidate, Generator, SamplingSettings, Step, TokenView};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::token_data::end_of_text;
use crate::train_error::{Result, TrainError};

/// One prompt token and how surprising the model found it after the tokens before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PromptToken {
    pub token: TokenView,
    /// The model's probability of this token at this place (temperature 1).
    pub probability: f32,
    /// Entropy in nats of the model's distribution at this place.
    pub entropy: f32,
}

/// One token the model wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TracedStep {
    pub token: TokenView,
    /// The model's probability (temperature 1) of the token it wrote.
    pub probability: f32,
    /// Entropy in nats of the distribution it chose from: low is sure, high is torn.
    pub entropy: f32,
    /// The most probable tokens at this step, most probable first.
    pub candidates: Vec<Candidate>,
}

impl From<Step> for TracedStep {
    fn from(step: Step) -> Self {
        Self {
            token: step.token,
            probability: step.probability,
            entropy: step.entropy,
            candidates: step.candidates,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TracedCompletion {
    /// The prompt as the model read it, after an end-of-text token that stands for "a new
    /// document starts here".
    pub prompt: Vec<PromptToken>,
    /// Prompt tokens dropped from the start because the prompt did not fit the context.
    pub dropped: u32,
    pub steps: Vec<TracedStep>,
    /// The written tokens decoded to text.
    pub text: String,
    /// Whether the model ended the text itself.
    pub ended: bool,
}

/// Reads `prompt` token by token (so every token gets its probability), then writes up to
/// `max_tokens` with `settings`, reporting `candidates` candidates a step.
pub fn traced_completion(
    generator: &mut Generator,
    prompt: &str,
    max_tokens: usize,
    settings: &SamplingSettings,
    candidates: usize,
) -> Result<TracedCompletion> {
    let tokenizer = generator.tokenizer().clone();
    let end = end_of_text(&tokenizer)?;
    let context = generator.config().max_position_embeddings;
    let max_tokens = max_tokens.min(context / 2);
    let mut tokens = tokenizer.encode(prompt)?;
    if tokens.is_empty() {
        return Err(TrainError::Empty {
            what: "prompt token".into(),
        });
    }
    // The start token and the written tokens must fit beside the prompt.
    let room = context - 1 - max_tokens;
    let dropped = tokens.len().saturating_sub(room);
    tokens.drain(..dropped);
    generator.set_candidates(candidates);
    generator.prefill_tokens(&[end], max_tokens + tokens.len())?;
    let mut read = Vec::with_capacity(tokens.len());
    for &token in &tokens {
        let step = generator.step(settings, Some(token))?;
        read.push(PromptToken {
            token: step.token,
            probability: step.probability,
            entropy: step.entropy,
        });
    }
    let mut steps: Vec<TracedStep> = Vec::new();
    let mut ended = false;
    for _ in 0..max_tokens {
        let step = generator.step(settings, None)?;
        if step.token.id == end {
            ended = true;
            break;
        }
        steps.push(step.into());
    }
    let ids: Vec<u32> = steps.iter().map(|s| s.token.id).collect();
    Ok(TracedCompletion {
        prompt: read,
        dropped: dropped as u32,
        text: tokenizer.decode(&ids)?,
        steps,
        ended,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use glassbox_model::testing::tiny_generator;

    #[test]
    fn every_prompt_token_and_every_step_is_traced() {
        let mut generator = tiny_generator(5).unwrap();
        let traced =
            traced_completion(&mut generator, "明月光", 5, &SamplingSettings::greedy(), 4).unwrap();
        let prompt_ids = generator.tokenizer().encode("明月光").unwrap();
        let read: Vec<u32> = traced.prompt.iter().map(|t| t.token.id).collect();
        assert_eq!(read, prompt_ids);
        assert_eq!(traced.dropped, 0);
        assert!(traced.steps.len() <= 5);
        for step in &traced.steps {
            assert_eq!(step.candidates.len(), 4);
            // Greedy: the written token is the first candidate.
            assert_eq!(step.token.id, step.candidates[0].token.id);
            assert!(step.entropy >= 0.0 && (0.0..=1.0).contains(&step.probability));
        }
        for token in &traced.prompt {
            assert!(token.probability > 0.0 && token.probability <= 1.0);
        }
    }

    #[test]
    fn a_prompt_longer_than_the_context_loses_its_start() {
        let mut generator = tiny_generator(5).unwrap();
        let context = generator.config().max_position_embeddings;
        let long = "明月".repeat(context * 2);
        let traced =
            traced_completion(&mut generator, &long, 4, &SamplingSettings::greedy(), 2).unwrap();
        assert_eq!(traced.prompt.len(), context - 1 - 4);
        assert!(traced.dropped > 0);
    }
}
