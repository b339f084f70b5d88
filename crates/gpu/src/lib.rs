//! glassbox-gpu: the wgpu engine. Runs the Llama/Mixtral family of `glassbox-model` through
//! our own WGSL compute shaders (`shaders/`), producing the same traces as the candle
//! reference, behind the same [`glassbox_model::Backend`] seam.
//!
//! - [`Gpu`]: a headless device on the best adapter (`WGPU_BACKEND`, `WGPU_ADAPTER_NAME`);
//! - [`GpuBackend`]: a model on that device; one submit per decoded token;
//! - [`choose_backend`] / [`create_backend`]: GPU on hardware, candle on software adapters.

mod activations;
mod backend;
mod buffers;
mod choice;
mod device;
mod engine;
mod error;
mod kernel;
mod model_weights;
mod ops;
mod plan;
mod shaders;
mod weights;

#[cfg(test)]
mod testing;

pub use backend::GpuBackend;
pub use choice::{
    BACKEND_ENV, BackendChoice, BackendKind, BackendPreference, ChoiceReason, choose_backend,
    create_backend, load_generator,
};
pub use device::{AdapterKind, AdapterSummary, Gpu, OptionalFeatures, list_adapters};
pub use engine::GpuOptions;
pub use error::GpuError;
pub use weights::WeightSplit;
