//! The seam between the shared generation logic and an engine that runs the model.
//!
//! A backend only runs forwards: it feeds tokens, keeps its KV cache, and returns the
//! logits after the last token with the internals it was asked to record. Sampling and
//! trace assembly live in [`crate::generator::Generator`], shared by every backend, so the
//! CPU reference and the GPU engine produce the same traces by construction and can be
//! compared number by number through [`Forward`].

use crate::config::ModelConfig;
use crate::error::Result;
use crate::trace::{Attention, Probes, Routing};
use crate::weights::Weights;

/// The most probable next token according to one layer's residual stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LensTop {
    pub token: u32,
    pub probability: f32,
}

/// What one forward over new tokens produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Forward {
    /// Position of the first token fed.
    pub start: usize,
    /// Number of tokens fed.
    pub tokens: usize,
    /// Logits (vocab) after the last token fed: the prediction of the next token.
    pub logits: Vec<f32>,
    /// Per layer, the attention rows of the tokens fed; empty unless probed.
    pub attention: Vec<Attention>,
    /// Per MoE layer, the routing of the tokens fed; empty unless probed or dense.
    pub routing: Vec<Routing>,
    /// Per layer, its guess after the last token fed; empty unless probed.
    pub logit_lens: Vec<LensTop>,
}

impl Forward {
    /// How far `other` is from `self`: the largest absolute difference over logits,
    /// attention and routing probabilities, gates and lens probabilities; `None` when the
    /// two differ in structure (shapes, positions, chosen experts or lens tokens), which no
    /// tolerance excuses. Backends are held to the CPU reference with this.
    pub fn max_abs_diff(&self, other: &Forward) -> Option<f32> {
        let same_structure = self.start == other.start
            && self.tokens == other.tokens
            && self.attention.len() == other.attention.len()
            && self.routing.len() == other.routing.len()
            && self.logit_lens.len() == other.logit_lens.len()
            && self.attention.iter().zip(&other.attention).all(|(a, b)| {
                (a.heads, a.first_query, a.queries, a.keys)
                    == (b.heads, b.first_query, b.queries, b.keys)
            })
            && self.routing.iter().zip(&other.routing).all(|(a, b)| {
                (a.tokens, a.experts, a.top_k, &a.chosen)
                    == (b.tokens, b.experts, b.top_k, &b.chosen)
            })
            && self
                .logit_lens
                .iter()
                .zip(&other.logit_lens)
                .all(|(a, b)| a.token == b.token);
        if !same_structure {
            return None;
        }
        let mut pairs: Vec<(&[f32], &[f32])> = vec![(&self.logits, &other.logits)];
        for (a, b) in self.attention.iter().zip(&other.attention) {
            pairs.push((&a.probabilities, &b.probabilities));
        }
        for (a, b) in self.routing.iter().zip(&other.routing) {
            pairs.push((&a.probabilities, &b.probabilities));
            pairs.push((&a.gates, &b.gates));
        }
        let lens = |f: &Forward| {
            f.logit_lens
                .iter()
                .map(|l| l.probability)
                .collect::<Vec<_>>()
        };
        let (lens_a, lens_b) = (lens(self), lens(other));
        pairs.push((&lens_a, &lens_b));
        let mut largest = 0f32;
        for (a, b) in pairs {
            if a.len() != b.len() {
                return None;
            }
            for (x, y) in a.iter().zip(b) {
                largest = largest.max((x - y).abs());
            }
        }
        Some(largest)
    }
}

/// An engine that runs a model of the [`ModelConfig`] family.
///
/// Object safe, so the app holds a `Box<dyn Backend>` and picks the engine at run time.
pub trait Backend: Send {
    /// Names the engine in the UI, e.g. "cpu (candle)".
    fn name(&self) -> &str;

    fn config(&self) -> &ModelConfig;

    /// Replaces the model with a copy of `weights` (later changes to them, as training
    /// makes, do not reach the backend) and empties the cache.
    fn load(&mut self, config: &ModelConfig, weights: &Weights) -> Result<()>;

    /// Empties the cache and runs `tokens` from position 0.
    fn prefill(&mut self, tokens: &[u32], probes: Probes) -> Result<Forward>;

    /// Runs one token at the next position.
    fn decode(&mut self, token: u32, probes: Probes) -> Result<Forward>;

    /// Forgets every position.
    fn reset(&mut self);

    /// Number of positions in the cache.
    fn position(&self) -> usize;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forward() -> Forward {
        Forward {
            start: 0,
            tokens: 2,
            logits: vec![0.5, -1.0, 2.0],
            attention: vec![Attention {
                heads: 1,
                first_query: 0,
                queries: 2,
                keys: 2,
                probabilities: vec![1.0, 0.0, 0.4, 0.6],
            }],
            routing: Vec::new(),
            logit_lens: vec![LensTop {
                token: 2,
                probability: 0.7,
            }],
        }
    }

    #[test]
    fn max_abs_diff_measures_values_and_refuses_other_structures() {
        let reference = forward();
        assert_eq!(reference.max_abs_diff(&reference), Some(0.0));
        let mut close = forward();
        close.attention[0].probabilities[2] = 0.4001;
        let diff = reference.max_abs_diff(&close).unwrap();
        assert!((diff - 1e-4).abs() < 1e-6, "{diff}");
        let mut other_guess = forward();
        other_guess.logit_lens[0].token = 1;
        assert_eq!(reference.max_abs_diff(&other_guess), None);
        let mut shorter = forward();
        shorter.logits.pop();
        assert_eq!(reference.max_abs_diff(&shorter), None);
    }
}
