//! SwiGLU feed-forward layer (Shazeer, 2020): `down(silu(gate(x)) · up(x))`.

use candle_core::{Result, Tensor};

use crate::ops::linear;

#[derive(Debug, Clone)]
pub struct Mlp {
    gate_proj: Tensor, // (d_ff, d)
    up_proj: Tensor,   // (d_ff, d)
    down_proj: Tensor, // (d, d_ff)
}

impl Mlp {
    pub fn new(gate_proj: Tensor, up_proj: Tensor, down_proj: Tensor) -> Self {
        Self {
            gate_proj,
            up_proj,
            down_proj,
        }
    }

    /// (…, d) → (…, d)
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let gate = linear(x, &self.gate_proj)?.silu()?; // (…, d_ff)
        let up = linear(x, &self.up_proj)?; // (…, d_ff)
        linear(&(gate * up)?, &self.down_proj)
    }
}
