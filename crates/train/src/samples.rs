//! Sample generations shown at each evaluation and in the model cards: one look at the
//! text tells more about a checkpoint than a loss value.

use glassbox_model::{
    CpuBackend, Generator, ModelConfig, Probes, SamplingSettings, Tokenizer, Weights,
};

use crate::corpus::Language;
use crate::token_data::end_of_text;
use crate::train_error::Result;
use crate::train_event::Sample;

/// Prompts that start a ci or a novel's sentence, first two used during training.
pub const ZH_PROMPTS: [&str; 5] = ["明月", "东风", "春", "人间", "江南"];
pub const EN_PROMPTS: [&str; 5] = ["It is a truth", "Elizabeth", "She was", "Mr.", "The"];

/// Mildly sharpened sampling: readable text that still shows what the model learnt.
pub fn sample_settings(seed: u32) -> SamplingSettings {
    SamplingSettings {
        temperature: 0.8,
        top_k: 40,
        top_p: 0.95,
        seed,
    }
}

pub fn prompts(language: Language) -> &'static [&'static str; 5] {
    match language {
        Language::Zh => &ZH_PROMPTS,
        Language::En => &EN_PROMPTS,
    }
}

/// The prompt continued by up to `max_tokens` tokens, stopping at end of text.
pub fn generate_text(
    generator: &mut Generator,
    prompt: &str,
    max_tokens: usize,
    settings: &SamplingSettings,
) -> Result<String> {
    let end = end_of_text(generator.tokenizer())?;
    let context = generator.config().max_position_embeddings;
    let prompt_tokens = generator.tokenizer().encode(prompt)?;
    let steps = max_tokens.min(context.saturating_sub(prompt_tokens.len() + 1));
    generator.prefill_tokens(&prompt_tokens, steps)?;
    let mut tokens = prompt_tokens;
    for _ in 0..steps {
        let step = generator.step(settings, None)?;
        if step.token.id == end {
            break;
        }
        tokens.push(step.token.id);
    }
    Ok(generator.tokenizer().decode(&tokens)?)
}

/// A CPU generator over a frozen copy of `weights`, recording no internals.
pub fn cpu_generator(
    config: &ModelConfig,
    weights: &Weights,
    tokenizer: &Tokenizer,
) -> Result<Generator> {
    let backend = CpuBackend::new(config, weights)?;
    let mut generator = Generator::new(Box::new(backend), tokenizer.clone(), "training")?;
    generator.set_probes(Probes::NONE);
    generator.set_candidates(1);
    Ok(generator)
}

/// `per_language` samples per language, from the first prompts of each list.
pub fn samples(
    config: &ModelConfig,
    weights: &Weights,
    tokenizer: &Tokenizer,
    per_language: usize,
    max_tokens: usize,
) -> Result<Vec<Sample>> {
    let mut generator = cpu_generator(config, weights, tokenizer)?;
    let mut out = Vec::new();
    for language in Language::ALL {
        for (i, prompt) in prompts(language).iter().take(per_language).enumerate() {
            let text = generate_text(
                &mut generator,
                prompt,
                max_tokens,
                &sample_settings(i as u32),
            )?;
            out.push(Sample {
                language,
                prompt: (*prompt).to_owned(),
                text,
            });
        }
    }
    Ok(out)
}
