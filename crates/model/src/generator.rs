//! Generation shared by every backend: fitting the prompt into the context, sampling, and
//! assembling the [`Prefill`] and [`Step`] traces from a backend's raw [`Forward`]s.

use crate::backend::{Backend, Forward};
use crate::config::ModelConfig;
use crate::error::{Error, Result};
use crate::sampling::{SamplingSettings, decide};
use crate::tokenizer::Tokenizer;
use crate::trace::{Candidate, LensGuess, ModelInfo, Prefill, Probes, Step};
use crate::weights::Weights;

/// Candidates a step reports unless told otherwise.
pub const DEFAULT_CANDIDATES: usize = 10;

/// Runs a prompt and then one token per [`Self::step`] on any backend.
pub struct Generator {
    backend: Box<dyn Backend>,
    tokenizer: Tokenizer,
    name: String,
    probes: Probes,
    candidates: usize,
    /// The forward whose logits predict the next token; `None` before a prefill.
    pending: Option<Forward>,
    generated: u32,
}

impl Generator {
    /// Records every probe and reports [`DEFAULT_CANDIDATES`] candidates per step.
    pub fn new(
        backend: Box<dyn Backend>,
        tokenizer: Tokenizer,
        name: impl Into<String>,
    ) -> Result<Self> {
        check_vocabularies(&tokenizer, backend.config())?;
        Ok(Self {
            backend,
            tokenizer,
            name: name.into(),
            probes: Probes::ALL,
            candidates: DEFAULT_CANDIDATES,
            pending: None,
            generated: 0,
        })
    }

    /// Chooses which internals later forwards record (the command line needs none).
    pub fn set_probes(&mut self, probes: Probes) {
        self.probes = probes;
    }

    /// How many of the most probable tokens each step reports.
    pub fn set_candidates(&mut self, candidates: usize) {
        self.candidates = candidates;
    }

    /// Swaps in another model (and its tokenizer) on the same backend; forgets the text.
    pub fn replace_model(
        &mut self,
        config: &ModelConfig,
        weights: &Weights,
        tokenizer: Tokenizer,
        name: impl Into<String>,
    ) -> Result<()> {
        check_vocabularies(&tokenizer, config)?;
        self.backend.load(config, weights)?;
        self.tokenizer = tokenizer;
        self.name = name.into();
        self.reset();
        Ok(())
    }

    /// Names the model in the UI when its folder's name does not (a run's `model/` folder).
    pub fn rename(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    pub fn info(&self) -> ModelInfo {
        let config = self.backend.config().clone();
        ModelInfo {
            name: self.name.clone(),
            backend: self.backend.name().to_owned(),
            parameters: config.parameter_count(),
            config,
        }
    }

    pub fn config(&self) -> &ModelConfig {
        self.backend.config()
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Tokenizes `prompt` and runs it; see [`Self::prefill_tokens`].
    pub fn prefill(&mut self, prompt: &str, steps: usize) -> Result<Prefill> {
        let tokens = self.tokenizer.encode(prompt)?;
        self.prefill_tokens(&tokens, steps)
    }

    /// Runs `tokens` from an empty context, keeping room for `steps` generated tokens:
    /// if prompt and steps do not fit, the start of the prompt is dropped and
    /// [`Prefill::dropped`] says how many tokens went.
    pub fn prefill_tokens(&mut self, tokens: &[u32], steps: usize) -> Result<Prefill> {
        if tokens.is_empty() {
            return Err(Error::EmptyPrompt);
        }
        let context = self.backend.config().max_position_embeddings;
        if steps >= context {
            return Err(Error::NoRoomForPrompt { steps, context });
        }
        let dropped = tokens.len().saturating_sub(context - steps);
        let kept = &tokens[dropped..];
        self.pending = None;
        self.generated = 0;
        let forward = self.backend.prefill(kept, self.probes)?;
        let prefill = Prefill {
            tokens: self.tokenizer.views(kept),
            dropped: dropped as u32,
            attention: forward.attention.clone(),
            routing: forward.routing.clone(),
        };
        self.pending = Some(forward);
        Ok(prefill)
    }

    /// Picks the next token (or takes `forced`), runs it through the model, and reports
    /// how it was chosen and what the model did with it.
    pub fn step(&mut self, settings: &SamplingSettings, forced: Option<u32>) -> Result<Step> {
        let pending = self.pending.as_ref().ok_or(Error::NotPrefilled)?;
        let context = self.backend.config().max_position_embeddings;
        let position = self.backend.position();
        if position >= context {
            return Err(Error::ContextFull { context });
        }
        let decision = decide(
            &pending.logits,
            settings,
            forced,
            self.generated.into(),
            self.candidates,
        )?;
        let logit_lens = pending
            .logit_lens
            .iter()
            .enumerate()
            .map(|(layer, guess)| LensGuess {
                layer: layer as u32,
                token: self.tokenizer.view(guess.token),
                probability: guess.probability,
            })
            .collect();
        let candidates = decision
            .candidates
            .iter()
            .map(|c| Candidate {
                token: self.tokenizer.view(c.token),
                logit: c.logit,
                probability: c.probability,
                tempered_probability: c.tempered_probability,
                sampling_probability: c.sampling_probability,
            })
            .collect();
        let forward = self.backend.decode(decision.token, self.probes)?;
        let step = Step {
            index: self.generated,
            position: position as u32,
            token: self.tokenizer.view(decision.token),
            choice: decision.choice,
            probability: decision.probability,
            candidates,
            entropy: decision.entropy,
            sampling_entropy: decision.sampling_entropy,
            logit_lens,
            attention: forward.attention.clone(),
            routing: forward.routing.clone(),
        };
        self.pending = Some(forward);
        self.generated += 1;
        Ok(step)
    }

    /// Forgets the prompt and everything generated.
    pub fn reset(&mut self) {
        self.backend.reset();
        self.pending = None;
        self.generated = 0;
    }
}

fn check_vocabularies(tokenizer: &Tokenizer, config: &ModelConfig) -> Result<()> {
    if tokenizer.vocab_size() > config.vocab_size {
        return Err(Error::TokenizerLargerThanModel {
            tokenizer: tokenizer.vocab_size(),
            model: config.vocab_size,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;
    use crate::trace::Choice;

    fn generator() -> Generator {
        testing::tiny_generator(4).unwrap()
    }

    fn text(generator: &mut Generator, settings: &SamplingSettings, steps: usize) -> Vec<u32> {
        generator.prefill("The moon 明月", steps).unwrap();
        (0..steps)
            .map(|_| generator.step(settings, None).unwrap().token.id)
            .collect()
    }

    #[test]
    fn same_seed_gives_same_text() {
        let mut generator = generator();
        let settings = SamplingSettings {
            seed: 42,
            ..SamplingSettings::default()
        };
        let first = text(&mut generator, &settings, 12);
        assert_eq!(text(&mut generator, &settings, 12), first);
        let other = SamplingSettings {
            seed: 43,
            ..settings
        };
        assert_ne!(text(&mut generator, &other, 12), first);
    }

    #[test]
    fn forcing_a_token_makes_it_the_next_token() {
        let mut generator = generator();
        let prefill = generator.prefill("The moon", 3).unwrap();
        let forced = generator.tokenizer().encode(" 明").unwrap()[0];
        let step = generator
            .step(&SamplingSettings::greedy(), Some(forced))
            .unwrap();
        assert_eq!(step.token.id, forced);
        assert_eq!(step.choice, Choice::Forced);
        assert_eq!(step.position as usize, prefill.tokens.len());
        // The forced token is what the model reads next: its attention row is the new one.
        assert_eq!(step.attention[0].first_query, step.position);
        let next = generator.step(&SamplingSettings::greedy(), None).unwrap();
        assert_eq!(next.position, step.position + 1);
        assert_eq!(next.choice, Choice::Greedy);
    }

    #[test]
    fn step_reports_candidates_lens_attention_and_routing() {
        let mut generator = testing::tiny_moe_generator(4).unwrap();
        let prefill = generator.prefill("It is a truth", 2).unwrap();
        let n = prefill.tokens.len() as u32;
        let layers = generator.config().num_hidden_layers;
        assert_eq!(prefill.attention.len(), layers);
        assert_eq!(prefill.attention[0].queries, n);
        assert_eq!(prefill.routing[0].tokens, n);
        let step = generator.step(&SamplingSettings::default(), None).unwrap();
        assert_eq!(step.index, 0);
        assert_eq!(step.candidates.len(), DEFAULT_CANDIDATES);
        assert_eq!(step.logit_lens.len(), layers);
        assert_eq!(step.attention[0].keys, n + 1);
        assert_eq!(step.routing[0].tokens, 1);
        assert!(step.entropy > 0.0);
        let json = serde_json::to_string(&step).unwrap();
        assert!(json.contains("\"samplingProbability\"") && json.contains("\"logitLens\""));
        let back: Step = serde_json::from_str(&json).unwrap();
        assert_eq!(back, step);
    }

    #[test]
    fn long_prompt_is_cut_from_the_left_to_leave_room_for_the_steps() {
        let mut generator = generator();
        let context = generator.config().max_position_embeddings;
        let tokens: Vec<u32> = (0..context as u32 + 10).map(|i| i % 50 + 1).collect();
        let prefill = generator.prefill_tokens(&tokens, 5).unwrap();
        assert_eq!(prefill.dropped as usize, 15);
        assert_eq!(prefill.tokens[0].id, tokens[15]);
        for _ in 0..5 {
            generator.step(&SamplingSettings::greedy(), None).unwrap();
        }
        assert!(matches!(
            generator.step(&SamplingSettings::greedy(), None),
            Err(Error::ContextFull { .. })
        ));
    }

    #[test]
    fn misuse_gives_errors_that_say_what_to_do() {
        let mut generator = generator();
        assert!(matches!(
            generator.step(&SamplingSettings::greedy(), None),
            Err(Error::NotPrefilled)
        ));
        assert!(matches!(generator.prefill("", 3), Err(Error::EmptyPrompt)));
        let context = generator.config().max_position_embeddings;
        let error = generator.prefill("hi", context).unwrap_err();
        assert!(
            error
                .to_string()
                .contains(&format!("at most {}", context - 1)),
            "{error}"
        );
    }
}
