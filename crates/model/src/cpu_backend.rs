//! The candle CPU engine: the reference every other backend is tested against, and the
//! fallback when no real GPU is present.

use candle_core::{Device, Tensor};

use crate::backend::{Backend, Forward, LensTop};
use crate::config::ModelConfig;
use crate::error::{Error, Result};
use crate::kv_cache::KvCache;
use crate::model::{Transformer, top_token};
use crate::trace::{Attention, Probes};
use crate::weights::Weights;

pub struct CpuBackend {
    model: Transformer,
    cache: KvCache,
}

impl CpuBackend {
    /// Copies `weights` into a frozen model.
    pub fn new(config: &ModelConfig, weights: &Weights) -> Result<Self> {
        let model = Transformer::frozen(config, weights)?;
        let cache = model.new_cache();
        Ok(Self { model, cache })
    }

    fn run(&mut self, tokens: &[u32], probes: Probes) -> Result<Forward> {
        let vocab_size = self.model.config().vocab_size;
        if let Some(&token) = tokens.iter().find(|&&t| t as usize >= vocab_size) {
            return Err(Error::TokenOutsideVocab { token, vocab_size });
        }
        if tokens.is_empty() {
            return Err(Error::EmptyPrompt);
        }
        let start = self.cache.len();
        let ids = Tensor::new(tokens, &Device::Cpu)?.unsqueeze(0)?; // (1, T)
        let (logits, internals) = self.model.forward_cached(&ids, &mut self.cache, probes)?;
        let attention = internals
            .attention
            .iter()
            .map(|probabilities| {
                let (_, heads, queries, keys) = probabilities.dims4()?; // (1, h, T, S)
                Ok(Attention {
                    heads: heads as u32,
                    first_query: start as u32,
                    queries: queries as u32,
                    keys: keys as u32,
                    probabilities: probabilities.flatten_all()?.to_vec1()?,
                })
            })
            .collect::<Result<_>>()?;
        let logit_lens = internals
            .residuals
            .iter()
            .map(|residual| {
                let last = residual.narrow(1, tokens.len() - 1, 1)?; // (1, 1, d)
                let (token, probability) = top_token(&self.model.logits(&last)?)?;
                Ok(LensTop { token, probability })
            })
            .collect::<Result<_>>()?;
        Ok(Forward {
            start,
            tokens: tokens.len(),
            logits: logits.flatten_all()?.to_vec1()?,
            attention,
            routing: internals.routing,
            logit_lens,
        })
    }
}

impl Backend for CpuBackend {
    fn name(&self) -> &str {
        "cpu (candle)"
    }

    fn config(&self) -> &ModelConfig {
        self.model.config()
    }

    fn load(&mut self, config: &ModelConfig, weights: &Weights) -> Result<()> {
        *self = Self::new(config, weights)?;
        Ok(())
    }

    fn prefill(&mut self, tokens: &[u32], probes: Probes) -> Result<Forward> {
        self.cache.clear();
        self.run(tokens, probes)
    }

    fn decode(&mut self, token: u32, probes: Probes) -> Result<Forward> {
        self.run(&[token], probes)
    }

    fn reset(&mut self) {
        self.cache.clear();
    }

    fn position(&self) -> usize {
        self.cache.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backend(config: &ModelConfig) -> CpuBackend {
        let weights = Weights::random(config, 21, &Device::Cpu).unwrap();
        CpuBackend::new(config, &weights).unwrap()
    }

    #[test]
    fn prefill_then_decode_reports_rows_routing_and_lens() {
        let config = ModelConfig::tiny_for_tests(64).with_experts(4, 2);
        let mut backend = backend(&config);
        let prefill = backend.prefill(&[1, 2, 3, 4, 5], Probes::ALL).unwrap();
        assert_eq!((prefill.start, prefill.tokens), (0, 5));
        assert_eq!(prefill.logits.len(), 64);
        assert_eq!(prefill.attention.len(), 2);
        assert_eq!(prefill.attention[0].probabilities.len(), 4 * 5 * 5);
        assert_eq!(prefill.routing[0].tokens, 5);
        assert_eq!(prefill.logit_lens.len(), 2);
        // The last layer's guess is the model's own prediction.
        let best = prefill.logits.iter().cloned().fold(f32::MIN, f32::max);
        assert_eq!(prefill.logits[prefill.logit_lens[1].token as usize], best);

        let step = backend.decode(9, Probes::ALL).unwrap();
        assert_eq!((step.start, step.tokens), (5, 1));
        assert_eq!(step.attention[1].first_query, 5);
        assert_eq!(step.attention[1].row(3, 0).len(), 6);
        assert_eq!(backend.position(), 6);

        let quiet = backend.decode(9, Probes::NONE).unwrap();
        assert!(
            quiet.attention.is_empty() && quiet.routing.is_empty() && quiet.logit_lens.is_empty()
        );
    }

    #[test]
    fn prefill_starts_over_and_reset_empties_the_cache() {
        let config = ModelConfig::tiny_for_tests(64);
        let mut backend = backend(&config);
        let first = backend.prefill(&[7, 8, 9], Probes::NONE).unwrap();
        backend.decode(1, Probes::NONE).unwrap();
        let again = backend.prefill(&[7, 8, 9], Probes::NONE).unwrap();
        assert_eq!(first, again);
        backend.reset();
        assert_eq!(backend.position(), 0);
    }

    #[test]
    fn bad_tokens_and_full_context_are_errors_not_panics() {
        let config = ModelConfig::tiny_for_tests(64);
        let mut backend = backend(&config);
        assert!(matches!(
            backend.prefill(&[64], Probes::NONE),
            Err(Error::TokenOutsideVocab { token: 64, .. })
        ));
        assert!(matches!(
            backend.prefill(&[], Probes::NONE),
            Err(Error::EmptyPrompt)
        ));
        backend.prefill(&[1; 64], Probes::NONE).unwrap();
        assert!(matches!(
            backend.decode(1, Probes::NONE),
            Err(Error::ContextFull { context: 64 })
        ));
    }
}
