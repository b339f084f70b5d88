//! One module per kernel family: each builds the dispatches of its shader in `shaders/`
//! (parameters, bindings, workgroup count) and tests them against a plain Rust loop.

pub(crate) mod attention;
pub(crate) mod embedding;
pub(crate) mod linear;
pub(crate) mod logits;
pub(crate) mod moe;
pub(crate) mod rms_norm;
pub(crate) mod rope;
pub(crate) mod swiglu;
