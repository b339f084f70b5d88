//! One model's continuation of a prompt, the unit of every side-by-side comparison in the
//! lessons: the transformer against the n-gram (lesson 3), one model on many tasks
//! (lesson 2), base against fine-tuned (lesson 5), a model before and after compression
//! (lesson 6).

use glassbox_model::sampling::decide;
use glassbox_model::{Candidate, Generator, SamplingSettings, TokenView, Tokenizer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ngram::NGramModel;
use crate::token_data::end_of_text;
use crate::train_error::{Result, TrainError};

/// Candidates reported at the first generated token.
const FIRST_CANDIDATES: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Completion {
    /// The prompt's tokens as the model read them.
    pub prompt: Vec<TokenView>,
    /// The tokens it wrote, without the end-of-text token.
    pub generated: Vec<TokenView>,
    /// The model's probability (temperature 1) of each generated token: how sure it was.
    pub probabilities: Vec<f32>,
    /// `generated` decoded to text.
    pub text: String,
    /// The model's most probable first tokens (temperature 1), most probable first.
    pub first_candidates: Vec<Candidate>,
    /// Whether the model ended the text itself, rather than running out of tokens.
    pub ended: bool,
}

/// Continues `prompt` with a transformer, sampling with `settings`; the prompt's start is
/// dropped if prompt and `max_tokens` do not fit the context.
pub fn complete(
    generator: &mut Generator,
    prompt: &str,
    max_tokens: usize,
    settings: &SamplingSettings,
) -> Result<Completion> {
    let tokenizer = generator.tokenizer().clone();
    let end = end_of_text(&tokenizer)?;
    let max_tokens = max_tokens.min(generator.config().max_position_embeddings / 2);
    generator.set_candidates(FIRST_CANDIDATES);
    let prefill = generator.prefill(prompt, max_tokens)?;
    let mut first_candidates = Vec::new();
    let mut generated = Vec::new();
    let mut probabilities = Vec::new();
    let mut ended = false;
    for index in 0..max_tokens {
        let step = generator.step(settings, None)?;
        if index == 0 {
            first_candidates = step.candidates;
        }
        if step.token.id == end {
            ended = true;
            break;
        }
        generated.push(step.token.id);
        probabilities.push(step.probability);
    }
    Ok(Completion {
        prompt: prefill.tokens,
        generated: tokenizer.views(&generated),
        probabilities,
        text: tokenizer.decode(&generated)?,
        first_candidates,
        ended,
    })
}

/// Continues `prompt` with the n-gram model of `order` (1-3), sampling with `settings`
/// exactly as the transformer does.
pub fn complete_ngram(
    ngram: &NGramModel,
    order: usize,
    tokenizer: &Tokenizer,
    prompt: &str,
    max_tokens: usize,
    settings: &SamplingSettings,
) -> Result<Completion> {
    if !(1..=3).contains(&order) {
        return Err(TrainError::OutOfRange {
            setting: "the n-gram order",
            value: order as f64,
            min: 1.0,
            max: 3.0,
        });
    }
    let end = end_of_text(tokenizer)?;
    let mut tokens = tokenizer.encode(prompt)?;
    if tokens.is_empty() {
        return Err(glassbox_model::Error::EmptyPrompt.into());
    }
    let prompt_len = tokens.len();
    let mut first_candidates = Vec::new();
    let mut probabilities = Vec::new();
    let mut ended = false;
    for step in 0..max_tokens {
        let context = &tokens[tokens.len().saturating_sub(order - 1)..];
        let logits: Vec<f32> = ngram
            .distribution(order, context)
            .into_iter()
            .map(|p| p.max(f64::MIN_POSITIVE).ln() as f32)
            .collect();
        let decision = decide(&logits, settings, None, step as u64, FIRST_CANDIDATES)?;
        if step == 0 {
            first_candidates = decision
                .candidates
                .iter()
                .map(|c| Candidate {
                    token: tokenizer.view(c.token),
                    logit: c.logit,
                    probability: c.probability,
                    tempered_probability: c.tempered_probability,
                    sampling_probability: c.sampling_probability,
                })
                .collect();
        }
        if decision.token == end {
            ended = true;
            break;
        }
        tokens.push(decision.token);
        probabilities.push(decision.probability);
    }
    let generated = &tokens[prompt_len..];
    Ok(Completion {
        prompt: tokenizer.views(&tokens[..prompt_len]),
        generated: tokenizer.views(generated),
        probabilities,
        text: tokenizer.decode(generated)?,
        first_candidates,
        ended,
    })
}
