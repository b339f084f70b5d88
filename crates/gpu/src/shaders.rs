//! The WGSL sources in the workspace's `shaders/` directory, compiled into the binary.

/// One WGSL file: its name (for labels and error messages) and its source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shader {
    pub name: &'static str,
    pub source: &'static str,
}

macro_rules! shader {
    ($name:literal) => {
        Shader {
            name: $name,
            source: include_str!(concat!("../../../shaders/", $name)),
        }
    };
}

pub(crate) const EMBEDDING: Shader = shader!("embedding.wgsl");
pub(crate) const RMS_NORM: Shader = shader!("rms_norm.wgsl");
pub(crate) const ROPE: Shader = shader!("rope.wgsl");
pub(crate) const MATVEC: Shader = shader!("matvec.wgsl");
pub(crate) const MATMUL: Shader = shader!("matmul.wgsl");
pub(crate) const ATTENTION: Shader = shader!("attention.wgsl");
pub(crate) const SWIGLU: Shader = shader!("swiglu.wgsl");
pub(crate) const MOE: Shader = shader!("moe.wgsl");
pub(crate) const LOGITS: Shader = shader!("logits.wgsl");
