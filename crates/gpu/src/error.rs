//! Everything the GPU engine can report, each with the numbers that explain it and a
//! sentence a user can act on.

/// An error of the wgpu engine.
#[derive(Debug, thiserror::Error)]
pub enum GpuError {
    #[error(
        "no GPU adapter found for backends {backends}; install a Vulkan driver (on Debian or \
         Ubuntu, `sudo apt-get install mesa-vulkan-drivers` provides a software one) or use \
         the CPU backend (GLASSBOX_BACKEND=cpu)"
    )]
    NoAdapter { backends: String },
    #[error(
        "WGPU_ADAPTER_NAME is \"{wanted}\", but no adapter's name contains it; the adapters \
         are: {available}"
    )]
    NamedAdapterMissing { wanted: String, available: String },
    #[error("the adapter {adapter} refused to open a device: {message}")]
    RequestDevice { adapter: String, message: String },
    #[error(
        "tensor {name} has rows of {row_bytes} bytes, over the device's {limit} byte storage \
         binding limit; a row cannot be split across buffers"
    )]
    RowOverLimit {
        name: String,
        row_bytes: u64,
        limit: u64,
    },
    #[error(
        "the {what} needs {bytes} bytes per token, over the device's {limit} byte storage \
         binding limit even for a single token"
    )]
    ActivationOverLimit {
        what: &'static str,
        bytes: u64,
        limit: u64,
    },
    #[error(
        "the GPU ran out of memory loading a model of {parameters} parameters ({message}); \
         use a smaller model or the CPU backend (GLASSBOX_BACKEND=cpu)"
    )]
    OutOfMemory { parameters: usize, message: String },
    #[error("reading results back from the GPU failed: {message}")]
    Readback { message: String },
    #[error("the GPU device was lost or stopped responding: {message}")]
    DeviceLost { message: String },
    /// The model itself is at fault (a missing tensor, a token outside the vocabulary).
    #[error(transparent)]
    Model(#[from] glassbox_model::Error),
    #[error(
        "GLASSBOX_BACKEND is \"{value}\"; it must be cpu, gpu or auto (or be unset, which \
         means auto)"
    )]
    InvalidBackendSetting { value: String },
}

impl From<glassbox_model::candle_core::Error> for GpuError {
    fn from(error: glassbox_model::candle_core::Error) -> Self {
        Self::Model(error.into())
    }
}

impl From<glassbox_model::WeightsError> for GpuError {
    fn from(error: glassbox_model::WeightsError) -> Self {
        Self::Model(error.into())
    }
}
