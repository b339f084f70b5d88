//! Random initialisation, as GPT-2 and nanoGPT do it.
//!
//! Matrices are drawn from N(0, 0.02²), the `initializer_range` of `transformers`' Llama.
//! The two projections that write into the residual stream (attention `o_proj` and the
//! feed-forward down projection) are scaled down by √(2 · layers), because each layer adds
//! two such terms to the stream and their variance would otherwise grow with depth.
//! Norm weights start at one so every norm begins as a plain RMS normalisation.

use std::collections::BTreeMap;

use candle_core::{Device, Tensor, Var};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::config::ModelConfig;
use crate::error::Result;
use crate::layout::{self, ParameterGroup};
use crate::weights::Weights;

const INITIALIZER_RANGE: f64 = 0.02;

impl Weights {
    /// Fresh weights for `config`; the same seed always gives the same numbers.
    pub fn random(config: &ModelConfig, seed: u64, device: &Device) -> Result<Self> {
        config.validate()?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let residual_std = INITIALIZER_RANGE / (2.0 * config.num_hidden_layers as f64).sqrt();
        let mut tensors = BTreeMap::new();
        for spec in layout::tensor_specs(config) {
            let values: Vec<f32> = if spec.group == ParameterGroup::Norm {
                vec![1.0; spec.element_count()]
            } else {
                let std = if writes_to_residual_stream(&spec.name) {
                    residual_std
                } else {
                    INITIALIZER_RANGE
                };
                let normal = Normal::new(0.0, std as f32).expect("standard deviation is positive");
                (0..spec.element_count())
                    .map(|_| normal.sample(&mut rng))
                    .collect()
            };
            let tensor = Tensor::from_vec(values, spec.shape.as_slice(), device)?;
            tensors.insert(spec.name, Var::from_tensor(&tensor)?);
        }
        Ok(Self::from_vars(tensors))
    }
}

fn writes_to_residual_stream(name: &str) -> bool {
    name.ends_with("o_proj.weight")
        || name.ends_with("down_proj.weight")
        || name.ends_with("w2.weight")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_weights_and_matches_the_config() {
        let config = ModelConfig::tiny_for_tests(50).with_experts(4, 2);
        let a = Weights::random(&config, 11, &Device::Cpu).unwrap();
        let b = Weights::random(&config, 11, &Device::Cpu).unwrap();
        let c = Weights::random(&config, 12, &Device::Cpu).unwrap();
        let values = |w: &Weights| {
            w.get(layout::EMBED_TOKENS)
                .unwrap()
                .flatten_all()
                .unwrap()
                .to_vec1::<f32>()
                .unwrap()
        };
        assert_eq!(values(&a), values(&b));
        assert_ne!(values(&a), values(&c));
        let total: usize = a.iter().map(|(_, v)| v.elem_count()).sum();
        assert_eq!(total, config.parameter_count().total);
    }
}
