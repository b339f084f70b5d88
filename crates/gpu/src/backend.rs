//! The wgpu engine behind the model crate's [`Backend`] seam, so the generator, the app
//! and the CLI drive it exactly as they drive the candle reference.

use std::sync::Arc;

use glassbox_model::{Backend, Forward, ModelConfig, Probes, Weights};

use crate::device::{AdapterSummary, Gpu};
use crate::engine::{Engine, GpuOptions};
use crate::error::GpuError;
use crate::weights::WeightSplit;

/// A model running on our WGSL kernels.
#[derive(Debug)]
pub struct GpuBackend {
    engine: Engine,
    name: String,
    options: GpuOptions,
}

impl GpuBackend {
    /// Uploads `weights` to `gpu` with the device's own limits.
    pub fn new(gpu: Arc<Gpu>, config: &ModelConfig, weights: &Weights) -> Result<Self, GpuError> {
        Self::with_options(gpu, config, weights, GpuOptions::default())
    }

    pub fn with_options(
        gpu: Arc<Gpu>,
        config: &ModelConfig,
        weights: &Weights,
        options: GpuOptions,
    ) -> Result<Self, GpuError> {
        let name = format!("gpu (wgpu, {})", gpu.adapter().name);
        Ok(Self {
            engine: Engine::load(gpu, config, weights, options)?,
            name,
            options,
        })
    }

    pub fn adapter(&self) -> &AdapterSummary {
        self.engine.gpu().adapter()
    }

    /// Weights too large for one storage binding, and how they were split.
    pub fn weight_splits(&self) -> &[WeightSplit] {
        self.engine.splits()
    }

    /// Prompt tokens per submit; longer prompts run in several.
    pub fn prefill_rows(&self) -> usize {
        self.engine.prefill_rows()
    }
}

/// The model crate's error has no variant for an engine's own failures (device lost, out
/// of memory); until it has, they travel as a failed computation carrying our message.
fn into_model_error(error: GpuError) -> glassbox_model::Error {
    match error {
        GpuError::Model(error) => error,
        other => glassbox_model::Error::Compute(glassbox_model::candle_core::Error::msg(other)),
    }
}

impl Backend for GpuBackend {
    fn name(&self) -> &str {
        &self.name
    }

    fn config(&self) -> &ModelConfig {
        self.engine.config()
    }

    fn load(&mut self, config: &ModelConfig, weights: &Weights) -> glassbox_model::Result<()> {
        let gpu = Arc::clone(self.engine.gpu());
        self.engine = Engine::load(gpu, config, weights, self.options).map_err(into_model_error)?;
        Ok(())
    }

    fn prefill(&mut self, tokens: &[u32], probes: Probes) -> glassbox_model::Result<Forward> {
        self.engine.reset();
        self.engine.run(tokens, probes).map_err(into_model_error)
    }

    fn decode(&mut self, token: u32, probes: Probes) -> glassbox_model::Result<Forward> {
        self.engine.run(&[token], probes).map_err(into_model_error)
    }

    fn reset(&mut self) {
        self.engine.reset();
    }

    fn position(&self) -> usize {
        self.engine.position()
    }
}
