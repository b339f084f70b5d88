//! Turning the model's logits into the next token: greedy, temperature, top-k, top-p, or a
//! token the user forces; with the numbers that explain the choice.
//!
//! The random draw of step `i` comes from ChaCha8 seeded with the seed and set to stream
//! `i`, so it depends on nothing but the seed and the step: the same seed gives the same
//! text, and forcing one token leaves the draws of the other steps unchanged.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::trace::Choice;

/// How the next token is picked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SamplingSettings {
    /// Divides the logits before the softmax: below 1 sharpens, above 1 flattens; 0 always
    /// takes the most probable token (greedy).
    pub temperature: f32,
    /// Draw only among the k most probable tokens; 0 for no limit.
    pub top_k: u32,
    /// Draw only among the fewest most probable tokens whose probabilities reach p
    /// (nucleus sampling); 1 for no limit.
    pub top_p: f32,
    /// Seed of the random draws.
    pub seed: u32,
}

impl Default for SamplingSettings {
    fn default() -> Self {
        Self {
            temperature: 1.0,
            top_k: 0,
            top_p: 1.0,
            seed: 0,
        }
    }
}

impl SamplingSettings {
    pub fn greedy() -> Self {
        Self {
            temperature: 0.0,
            ..Self::default()
        }
    }

    pub fn is_greedy(&self) -> bool {
        self.temperature == 0.0
    }

    pub fn validate(&self) -> Result<()> {
        if !(self.temperature.is_finite() && self.temperature >= 0.0) {
            return Err(Error::InvalidSampling {
                setting: "temperature",
                value: self.temperature,
                expected: "0 (greedy) or a positive number",
            });
        }
        if !(self.top_p > 0.0 && self.top_p <= 1.0) {
            return Err(Error::InvalidSampling {
                setting: "top-p",
                value: self.top_p,
                expected: "above 0 and at most 1",
            });
        }
        Ok(())
    }
}

/// A token's score at each stage of sampling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub token: u32,
    pub logit: f32,
    pub probability: f32,
    pub tempered_probability: f32,
    pub sampling_probability: f32,
}

/// The chosen token and the numbers behind the choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub token: u32,
    pub choice: Choice,
    /// The model's probability (temperature 1) of `token`.
    pub probability: f32,
    /// The `shown` most probable tokens, most probable first.
    pub candidates: Vec<Scored>,
    /// Nats, of the model's distribution.
    pub entropy: f32,
    /// Nats, of the distribution the draw came from.
    pub sampling_entropy: f32,
}

/// Picks the token after `logits` (vocab) for generation step `step`.
pub fn decide(
    logits: &[f32],
    settings: &SamplingSettings,
    forced: Option<u32>,
    step: u64,
    shown: usize,
) -> Result<Decision> {
    settings.validate()?;
    if let Some(token) = forced
        && token as usize >= logits.len()
    {
        return Err(Error::TokenOutsideVocab {
            token,
            vocab_size: logits.len(),
        });
    }
    // Most probable first; ties go to the lower id so greedy decoding is reproducible.
    let mut order: Vec<u32> = (0..logits.len() as u32).collect();
    order.sort_by(|&a, &b| {
        logits[b as usize]
            .total_cmp(&logits[a as usize])
            .then(a.cmp(&b))
    });

    let probability = softmax(logits, 1.0);
    let tempered = if settings.is_greedy() {
        one_hot(logits.len(), order[0])
    } else {
        softmax(logits, settings.temperature)
    };
    let sampling = truncate(&tempered, &order, settings);

    let token = match forced {
        Some(token) => token,
        None if settings.is_greedy() => order[0],
        None => draw(&sampling, &order, settings.seed, step),
    };
    let choice = match (forced, settings.is_greedy()) {
        (Some(_), _) => Choice::Forced,
        (None, true) => Choice::Greedy,
        (None, false) => Choice::Sampled,
    };
    let candidates = order
        .iter()
        .take(shown)
        .map(|&t| {
            let i = t as usize;
            Scored {
                token: t,
                logit: logits[i],
                probability: probability[i] as f32,
                tempered_probability: tempered[i] as f32,
                sampling_probability: sampling[i] as f32,
            }
        })
        .collect();
    Ok(Decision {
        token,
        choice,
        probability: probability[token as usize] as f32,
        candidates,
        entropy: entropy(&probability) as f32,
        sampling_entropy: entropy(&sampling) as f32,
    })
}

/// Softmax of `logits / temperature`, in f64 so small probabilities keep their digits.
fn softmax(logits: &[f32], temperature: f32) -> Vec<f64> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
    let t = temperature as f64;
    let exp: Vec<f64> = logits
        .iter()
        .map(|&l| ((l as f64 - max) / t).exp())
        .collect();
    let sum: f64 = exp.iter().sum();
    exp.into_iter().map(|e| e / sum).collect()
}

fn one_hot(len: usize, token: u32) -> Vec<f64> {
    let mut p = vec![0.0; len];
    p[token as usize] = 1.0;
    p
}

/// Keeps the top-k tokens, then the smallest prefix of those whose probability reaches
/// top-p, and renormalises what is kept.
fn truncate(probabilities: &[f64], order: &[u32], settings: &SamplingSettings) -> Vec<f64> {
    let limit = match settings.top_k {
        0 => order.len(),
        k => (k as usize).min(order.len()),
    };
    let mut kept = Vec::with_capacity(limit);
    let mut mass = 0.0;
    for &token in &order[..limit] {
        kept.push(token);
        mass += probabilities[token as usize];
        if mass >= settings.top_p as f64 {
            break;
        }
    }
    let mut truncated = vec![0.0; probabilities.len()];
    for token in kept {
        truncated[token as usize] = probabilities[token as usize] / mass;
    }
    truncated
}

fn draw(probabilities: &[f64], order: &[u32], seed: u32, step: u64) -> u32 {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.into());
    rng.set_stream(step);
    let target: f64 = rng.random();
    let mut cumulative = 0.0;
    let mut last_possible = order[0];
    for &token in order {
        let p = probabilities[token as usize];
        if p == 0.0 {
            continue;
        }
        cumulative += p;
        last_possible = token;
        if target < cumulative {
            return token;
        }
    }
    // Rounding can leave the cumulative sum a hair below 1.
    last_possible
}

fn entropy(probabilities: &[f64]) -> f64 {
    -probabilities
        .iter()
        .filter(|&&p| p > 0.0)
        .map(|&p| p * p.ln())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGITS: [f32; 5] = [2.0, 1.0, 0.5, 3.0, -1.0];

    fn settings(temperature: f32, top_k: u32, top_p: f32, seed: u32) -> SamplingSettings {
        SamplingSettings {
            temperature,
            top_k,
            top_p,
            seed,
        }
    }

    #[test]
    fn greedy_takes_the_largest_logit_with_zero_sampling_entropy() {
        let d = decide(&LOGITS, &SamplingSettings::greedy(), None, 0, 3).unwrap();
        assert_eq!((d.token, d.choice), (3, Choice::Greedy));
        assert_eq!(d.sampling_entropy, 0.0);
        assert_eq!(
            d.candidates.iter().map(|c| c.token).collect::<Vec<_>>(),
            [3, 0, 1]
        );
        assert_eq!(d.candidates[0].tempered_probability, 1.0);
    }

    #[test]
    fn same_seed_gives_same_draws_and_different_seeds_differ() {
        let uniform = [0.0f32; 50];
        let run = |seed| -> Vec<u32> {
            (0..20)
                .map(|step| {
                    decide(&uniform, &settings(1.0, 0, 1.0, seed), None, step, 1)
                        .unwrap()
                        .token
                })
                .collect()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn forcing_a_token_makes_it_the_choice() {
        let d = decide(&LOGITS, &settings(1.0, 0, 1.0, 0), Some(4), 0, 5).unwrap();
        assert_eq!((d.token, d.choice), (4, Choice::Forced));
        assert!((d.probability - d.candidates[4].probability).abs() < 1e-7);
        assert!(matches!(
            decide(&LOGITS, &SamplingSettings::default(), Some(5), 0, 1),
            Err(Error::TokenOutsideVocab {
                token: 5,
                vocab_size: 5
            })
        ));
    }

    #[test]
    fn probabilities_before_and_after_temperature_are_both_reported() {
        let d = decide(&LOGITS, &settings(2.0, 0, 1.0, 0), None, 0, 5).unwrap();
        let before: f32 = d.candidates.iter().map(|c| c.probability).sum();
        let after: f32 = d.candidates.iter().map(|c| c.tempered_probability).sum();
        assert!((before - 1.0).abs() < 1e-6 && (after - 1.0).abs() < 1e-6);
        // A temperature above 1 flattens the distribution: the favourite loses mass and
        // the entropy of what is sampled rises above the model's own.
        assert!(d.candidates[0].tempered_probability < d.candidates[0].probability);
        assert!(d.sampling_entropy > d.entropy);
        let uniform_entropy = decide(&[0.0; 4], &SamplingSettings::default(), None, 0, 1).unwrap();
        assert!((uniform_entropy.entropy - 4f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn top_k_and_top_p_limit_what_can_be_drawn() {
        let d = decide(&LOGITS, &settings(1.0, 2, 1.0, 0), None, 0, 5).unwrap();
        let allowed: Vec<u32> = d
            .candidates
            .iter()
            .filter(|c| c.sampling_probability > 0.0)
            .map(|c| c.token)
            .collect();
        assert_eq!(allowed, [3, 0]);
        let sum: f32 = d.candidates.iter().map(|c| c.sampling_probability).sum();
        assert!((sum - 1.0).abs() < 1e-6);

        // p(3) ≈ 0.62 and p(0) ≈ 0.23: a nucleus of 0.7 needs both, of 0.5 only the first.
        for (top_p, size) in [(0.5, 1), (0.7, 2)] {
            let d = decide(&LOGITS, &settings(1.0, 0, top_p, 0), None, 0, 5).unwrap();
            let kept = d
                .candidates
                .iter()
                .filter(|c| c.sampling_probability > 0.0)
                .count();
            assert_eq!(kept, size, "top_p {top_p}");
        }
        for step in 0..50 {
            let d = decide(&LOGITS, &settings(5.0, 2, 1.0, 1), None, step, 1).unwrap();
            assert!(d.token == 3 || d.token == 0);
        }
    }

    #[test]
    fn invalid_settings_are_refused_with_the_value() {
        let error = decide(&LOGITS, &settings(-1.0, 0, 1.0, 0), None, 0, 1).unwrap_err();
        assert!(error.to_string().contains("-1"), "{error}");
        assert!(decide(&LOGITS, &settings(1.0, 0, 0.0, 0), None, 0, 1).is_err());
        assert!(decide(&LOGITS, &settings(f32::NAN, 0, 1.0, 0), None, 0, 1).is_err());
    }
}
