//! Rotary position embeddings (Su et al., 2021, "RoFormer"), in the rotate-half layout of
//! Hugging Face's Llama: dimension `i` of a head is paired with dimension `i + head_dim/2`,
//! not with its neighbour, so weights trained by `transformers` work unchanged.

use candle_core::{D, Device, Result, Tensor};

/// Cosines and sines for every position up to the context length.
#[derive(Debug, Clone)]
pub struct Rope {
    cos: Tensor, // (max_positions, head_dim)
    sin: Tensor, // (max_positions, head_dim)
}

impl Rope {
    pub fn new(head_dim: usize, max_positions: usize, theta: f64, device: &Device) -> Result<Self> {
        let half = head_dim / 2;
        let mut cos = Vec::with_capacity(max_positions * head_dim);
        let mut sin = Vec::with_capacity(max_positions * head_dim);
        for position in 0..max_positions {
            // f64 so that large positions keep their precision before the cast.
            let angles: Vec<f64> = (0..half)
                .map(|i| position as f64 * theta.powf(-2.0 * i as f64 / head_dim as f64))
                .collect();
            for _ in 0..2 {
                cos.extend(angles.iter().map(|a| a.cos() as f32));
                sin.extend(angles.iter().map(|a| a.sin() as f32));
            }
        }
        Ok(Self {
            cos: Tensor::from_vec(cos, (max_positions, head_dim), device)?,
            sin: Tensor::from_vec(sin, (max_positions, head_dim), device)?,
        })
    }

    /// Rotates `x` (B, heads, T, head_dim) whose first row sits at position `start`.
    pub fn apply(&self, x: &Tensor, start: usize) -> Result<Tensor> {
        let (_, _, t, head_dim) = x.dims4()?;
        let cos = self.cos.narrow(0, start, t)?; // (T, head_dim)
        let sin = self.sin.narrow(0, start, t)?;
        let half = head_dim / 2;
        let first = x.narrow(D::Minus1, 0, half)?;
        let second = x.narrow(D::Minus1, half, half)?;
        let rotated = Tensor::cat(&[&second.neg()?, &first], D::Minus1)?; // rotate_half(x)
        x.broadcast_mul(&cos)? + rotated.broadcast_mul(&sin)?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_keeps_length_and_position_zero_is_identity() {
        let rope = Rope::new(4, 8, 10_000.0, &Device::Cpu).unwrap();
        let x = Tensor::new(&[1f32, 2.0, 3.0, 4.0], &Device::Cpu)
            .unwrap()
            .reshape((1, 1, 1, 4))
            .unwrap();
        let same = rope
            .apply(&x, 0)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        assert_eq!(same, [1.0, 2.0, 3.0, 4.0]);
        let moved = rope
            .apply(&x, 5)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        let length = |v: &[f32]| v.iter().map(|a| a * a).sum::<f32>();
        assert!((length(&moved) - 30.0).abs() < 1e-4);
        // Pair (x0, x2) turns by 5 radians: x0' = x0·cos5 − x2·sin5.
        assert!((moved[0] - (5f32.cos() - 3.0 * 5f32.sin())).abs() < 1e-5);
    }
}
