//! LoRA (Hu et al., 2021): fine-tune a frozen matrix W (out × in) by learning a low-rank
//! update, W' = W + (α / r) · B · A with A (r × in) and B (out × r). Only A and B train,
//! r · (in + out) numbers per matrix instead of in · out. B starts at zero, so training
//! starts from exactly the base model. Applied here to the attention's query, value and
//! output projections; merged into W when saving, so the result is a plain model.

use std::collections::BTreeMap;

use glassbox_model::candle_core::{self as candle_core, DType, Device, Tensor, Var};
use glassbox_model::layout::attention_projection;
use glassbox_model::{ModelConfig, Transformer, Weights};

use crate::train_error::Result;

/// The projections that get adapters.
pub const ADAPTED_PROJECTIONS: [&str; 3] = ["q", "v", "o"];

#[derive(Debug)]
struct Adapter {
    a: Var, // (r, in)
    b: Var, // (out, r)
}

#[derive(Debug)]
pub struct Lora {
    rank: usize,
    scale: f64,
    adapters: BTreeMap<String, Adapter>,
}

impl Lora {
    /// Adapters of rank `rank` for every adapted projection of `config`; α = 2r, a common
    /// choice that keeps the update's size independent of the rank.
    pub fn new(config: &ModelConfig, weights: &Weights, rank: usize, seed: u64) -> Result<Self> {
        let device = Device::Cpu;
        let mut adapters = BTreeMap::new();
        for layer in 0..config.num_hidden_layers {
            for projection in ADAPTED_PROJECTIONS {
                let name = attention_projection(layer, projection);
                let (out, input) = weights.tensor(&name)?.dims2()?;
                // A draws from N(0, 1/in) so B·A·x starts at the scale of x once B learns.
                let std = 1.0 / (input as f64).sqrt();
                let a = seeded_normal((rank, input), std, seed ^ adapters.len() as u64)?;
                let b = Tensor::zeros((out, rank), DType::F32, &device)?;
                adapters.insert(
                    name,
                    Adapter {
                        a: Var::from_tensor(&a)?,
                        b: Var::from_tensor(&b)?,
                    },
                );
            }
        }
        Ok(Self {
            rank,
            scale: 2.0,
            adapters,
        })
    }

    pub fn rank(&self) -> usize {
        self.rank
    }

    /// The trainable tensors, named `{weight}.lora_a` / `.lora_b`.
    pub fn vars(&self) -> Vec<(String, Var)> {
        self.adapters
            .iter()
            .flat_map(|(name, adapter)| {
                [
                    (format!("{name}.lora_a"), adapter.a.clone()),
                    (format!("{name}.lora_b"), adapter.b.clone()),
                ]
            })
            .collect()
    }

    /// What adapters of `rank` on `config` train, known before any weight is loaded: the
    /// query and output projections are width × width, the value projection width × kv_dim.
    pub fn parameter_count(config: &ModelConfig, rank: usize) -> usize {
        let (width, kv) = (config.hidden_size, config.kv_dim());
        config.num_hidden_layers * rank * ((width + width) * 2 + (width + kv))
    }

    pub fn trainable_parameters(&self) -> usize {
        self.vars().iter().map(|(_, v)| v.elem_count()).sum()
    }

    /// W + scale · B · A for an adapted weight; `None` for any other.
    fn delta(&self, name: &str) -> candle_core::Result<Option<Tensor>> {
        self.adapters
            .get(name)
            .map(|adapter| adapter.b.as_tensor().matmul(adapter.a.as_tensor())? * self.scale)
            .transpose()
    }

    /// A model over frozen (detached) base weights, with gradients flowing only into the
    /// adapters.
    pub fn model(&self, config: &ModelConfig, weights: &Weights) -> Result<Transformer> {
        Ok(Transformer::adapted(config, weights, |name, tensor| {
            let base = tensor.detach();
            Ok(match self.delta(name)? {
                Some(delta) => (base + delta)?,
                None => base,
            })
        })?)
    }

    /// The base weights with every update added in: a plain model with no adapters.
    pub fn merged(&self, config: &ModelConfig, weights: &Weights) -> Result<Weights> {
        let mut tensors = BTreeMap::new();
        for (name, var) in weights.iter() {
            let base = var.as_tensor().detach();
            let merged = match self.delta(name)? {
                Some(delta) => (base + delta.detach())?,
                None => base.copy()?,
            };
            tensors.insert(name.to_owned(), merged);
        }
        Ok(Weights::from_tensors(config, tensors)?)
    }
}

fn seeded_normal(shape: (usize, usize), std: f64, seed: u64) -> Result<Tensor> {
    use rand::SeedableRng;
    use rand_distr::{Distribution, Normal};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let normal = Normal::new(0.0, std as f32).expect("standard deviation is positive");
    let values: Vec<f32> = (0..shape.0 * shape.1)
        .map(|_| normal.sample(&mut rng))
        .collect();
    Ok(Tensor::from_vec(values, shape, &Device::Cpu)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parameter_count_is_the_adapters_size() {
        let config = ModelConfig::tiny_for_tests(100);
        let weights = Weights::random(&config, 1, &Device::Cpu).unwrap();
        let lora = Lora::new(&config, &weights, 4, 1).unwrap();
        assert_eq!(
            lora.trainable_parameters(),
            Lora::parameter_count(&config, 4)
        );
    }
}
