//! AdamW (Loshchilov & Hutter, 2019): Adam with weight decay applied to the parameters
//! directly instead of through the gradient, so decay does not get rescaled by Adam's
//! per-parameter step sizes.
//!
//! Written here rather than taken from candle-nn because its state cannot be saved, and a
//! run stopped with Ctrl-C must resume exactly where it stopped. The moments are saved as
//! safetensors (`{name}.m`, `{name}.v`) beside the checkpoint, the step count in the
//! trainer's state.
//!
//! Weight decay applies to matrices (attention, feed-forward, experts, router, embedding
//! and head) and not to the RMSNorm gains, as in nanoGPT: decaying a gain towards zero
//! would fight the normalisation it scales.

use std::collections::HashMap;
use std::path::Path;

use glassbox_model::Weights;
use glassbox_model::candle_core::backprop::GradStore;
use glassbox_model::candle_core::{DType, Device, Tensor, Var};

use crate::atomic_file::write_atomically;
use crate::train_error::{Result, TrainError};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdamWSettings {
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub weight_decay: f64,
}

impl Default for AdamWSettings {
    /// GPT-3's and nanoGPT's values for small models.
    fn default() -> Self {
        Self {
            beta1: 0.9,
            beta2: 0.95,
            eps: 1e-8,
            weight_decay: 0.1,
        }
    }
}

/// One parameter and its two moment estimates.
#[derive(Debug)]
struct Slot {
    name: String,
    param: Var,
    m: Tensor,
    v: Tensor,
    decay: bool,
}

#[derive(Debug)]
pub struct AdamW {
    settings: AdamWSettings,
    slots: Vec<Slot>,
    /// Updates applied so far; the bias corrections depend on it.
    step: u64,
}

impl AdamW {
    /// Optimises every parameter of `weights` with zeroed moments.
    pub fn new(weights: &Weights, settings: AdamWSettings) -> Result<Self> {
        Self::for_vars(
            weights
                .iter()
                .map(|(name, var)| (name.to_owned(), var.clone())),
            settings,
        )
    }

    /// Optimises the given named parameters (LoRA adapters, for instance).
    pub fn for_vars(
        vars: impl IntoIterator<Item = (String, Var)>,
        settings: AdamWSettings,
    ) -> Result<Self> {
        let slots = vars
            .into_iter()
            .map(|(name, param)| {
                let m = param.as_tensor().zeros_like()?;
                let v = param.as_tensor().zeros_like()?;
                let decay = param.rank() >= 2;
                Ok(Slot {
                    name,
                    param,
                    m,
                    v,
                    decay,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Self {
            settings,
            slots,
            step: 0,
        })
    }

    pub fn step_count(&self) -> u64 {
        self.step
    }

    /// Parameters this optimiser updates.
    pub fn parameter_count(&self) -> usize {
        self.slots.iter().map(|s| s.param.elem_count()).sum()
    }

    /// The gradients of the optimised parameters, in slot order; a parameter the loss does
    /// not reach gets `None`.
    pub fn gradients(&self, grads: &GradStore) -> Vec<Option<Tensor>> {
        self.slots
            .iter()
            .map(|slot| grads.get(slot.param.as_tensor()).cloned())
            .collect()
    }

    /// One update with learning rate `lr` from `gradients` (as [`Self::gradients`] returns
    /// them, possibly clipped).
    pub fn apply(&mut self, gradients: &[Option<Tensor>], lr: f64) -> Result<()> {
        let AdamWSettings {
            beta1,
            beta2,
            eps,
            weight_decay,
        } = self.settings;
        self.step += 1;
        let t = self.step as i32;
        let correction1 = 1.0 - beta1.powi(t);
        let correction2 = 1.0 - beta2.powi(t);
        for (slot, gradient) in self.slots.iter_mut().zip(gradients) {
            let Some(g) = gradient else { continue };
            slot.m = ((&slot.m * beta1)? + (g * (1.0 - beta1))?)?;
            slot.v = ((&slot.v * beta2)? + (g.sqr()? * (1.0 - beta2))?)?;
            let m_hat = (&slot.m / correction1)?;
            let v_hat = (&slot.v / correction2)?;
            let adam_step = (m_hat / (v_hat.sqrt()? + eps)?)?;
            let theta = slot.param.as_tensor();
            let decayed = if slot.decay && weight_decay > 0.0 {
                (theta * (1.0 - lr * weight_decay))?
            } else {
                theta.clone()
            };
            slot.param.set(&(decayed - (adam_step * lr)?)?)?;
        }
        Ok(())
    }

    /// Writes the moments to `path` (safetensors) and returns the step count, which the
    /// caller stores with the rest of its state.
    pub fn save(&self, path: &Path) -> Result<u64> {
        let mut tensors = HashMap::new();
        for slot in &self.slots {
            tensors.insert(format!("{}.m", slot.name), slot.m.clone());
            tensors.insert(format!("{}.v", slot.name), slot.v.clone());
        }
        write_atomically(path, |tmp| {
            glassbox_model::candle_core::safetensors::save(&tensors, tmp).map_err(|e| e.to_string())
        })?;
        Ok(self.step)
    }

    /// Restores moments written by [`Self::save`] for the same parameters, at `step`.
    pub fn load(&mut self, path: &Path, step: u64, device: &Device) -> Result<()> {
        let mut tensors =
            glassbox_model::candle_core::safetensors::load(path, device).map_err(|e| {
                TrainError::Read {
                    path: path.to_owned(),
                    reason: e.to_string(),
                }
            })?;
        let mismatch = |reason: String| TrainError::StateMismatch {
            path: path.to_owned(),
            reason,
        };
        for slot in &mut self.slots {
            for (suffix, moment) in [("m", &mut slot.m), ("v", &mut slot.v)] {
                let key = format!("{}.{suffix}", slot.name);
                let tensor = tensors
                    .remove(&key)
                    .ok_or_else(|| mismatch(format!("it has no tensor `{key}`")))?;
                if tensor.dims() != slot.param.dims() {
                    return Err(mismatch(format!(
                        "`{key}` has shape {:?} but the parameter has {:?}",
                        tensor.dims(),
                        slot.param.dims()
                    )));
                }
                *moment = tensor.to_dtype(DType::F32)?;
            }
        }
        self.step = step;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glassbox_model::ModelConfig;

    fn settings() -> AdamWSettings {
        AdamWSettings::default()
    }

    #[test]
    fn first_step_moves_each_weight_by_about_the_learning_rate() {
        // With bias correction, Adam's first step is lr · g / |g| for every element.
        let param = Var::new(&[1f32, -2.0, 3.0], &Device::Cpu).unwrap();
        let mut adam = AdamW::for_vars(
            [("p".to_owned(), param.clone())],
            AdamWSettings {
                weight_decay: 0.0,
                ..settings()
            },
        )
        .unwrap();
        let gradient = Tensor::new(&[0.5f32, -4.0, 0.0], &Device::Cpu).unwrap();
        adam.apply(&[Some(gradient)], 0.1).unwrap();
        let after = param.as_tensor().to_vec1::<f32>().unwrap();
        assert!((after[0] - 0.9).abs() < 1e-5);
        assert!((after[1] + 1.9).abs() < 1e-5);
        assert_eq!(after[2], 3.0);
    }

    #[test]
    fn weight_decay_shrinks_matrices_but_not_vectors() {
        let matrix = Var::new(&[[2f32]], &Device::Cpu).unwrap();
        let gain = Var::new(&[2f32], &Device::Cpu).unwrap();
        let mut adam = AdamW::for_vars(
            [
                ("w".to_owned(), matrix.clone()),
                ("g".to_owned(), gain.clone()),
            ],
            AdamWSettings {
                weight_decay: 0.5,
                ..settings()
            },
        )
        .unwrap();
        // A zero gradient makes Adam's own step zero, leaving only the decay.
        let zero = |v: &Var| Some(v.as_tensor().zeros_like().unwrap());
        adam.apply(&[zero(&matrix), zero(&gain)], 0.1).unwrap();
        assert!((matrix.as_tensor().to_vec2::<f32>().unwrap()[0][0] - 1.9).abs() < 1e-6);
        assert_eq!(gain.as_tensor().to_vec1::<f32>().unwrap()[0], 2.0);
    }

    #[test]
    fn saved_state_restores_the_moments_and_step() {
        let config = ModelConfig::tiny_for_tests(20);
        let weights = Weights::random(&config, 1, &Device::Cpu).unwrap();
        let mut adam = AdamW::new(&weights, settings()).unwrap();
        let gradients: Vec<_> = weights
            .iter()
            .map(|(_, v)| Some(v.as_tensor().ones_like().unwrap()))
            .collect();
        adam.apply(&gradients, 0.01).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("optimizer.safetensors");
        let step = adam.save(&path).unwrap();
        let mut restored = AdamW::new(&weights, settings()).unwrap();
        restored.load(&path, step, &Device::Cpu).unwrap();
        assert_eq!(restored.step_count(), 1);
        for (a, b) in adam.slots.iter().zip(&restored.slots) {
            let diff = (&a.v - &b.v).unwrap().abs().unwrap().max_all().unwrap();
            assert_eq!(diff.to_scalar::<f32>().unwrap(), 0.0);
        }
        let other = Weights::random(&ModelConfig::tiny_for_tests(30), 1, &Device::Cpu).unwrap();
        let mut wrong = AdamW::new(&other, settings()).unwrap();
        let error = wrong.load(&path, step, &Device::Cpu).unwrap_err();
        assert!(error.to_string().contains("another model"), "{error}");
    }
}
