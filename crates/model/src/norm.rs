//! RMSNorm (Zhang & Sennrich, 2019), as Llama applies it before attention, before the
//! feed-forward layer and before the LM head.

use candle_core::{D, Result, Tensor};

/// `x / sqrt(mean(x²) + eps) · weight`, over the last dimension.
#[derive(Debug, Clone)]
pub struct RmsNorm {
    weight: Tensor, // (d)
    eps: f64,
}

impl RmsNorm {
    pub fn new(weight: Tensor, eps: f64) -> Self {
        Self { weight, eps }
    }

    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let mean_square = x.sqr()?.mean_keepdim(D::Minus1)?; // (…, 1)
        let normalised = x.broadcast_div(&(mean_square + self.eps)?.sqrt()?)?;
        normalised.broadcast_mul(&self.weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    #[test]
    fn rms_norm_gives_unit_root_mean_square() {
        let x = Tensor::new(&[[3f32, 4.0, 0.0, 0.0]], &Device::Cpu).unwrap();
        let norm = RmsNorm::new(
            Tensor::ones(4, candle_core::DType::F32, &Device::Cpu).unwrap(),
            0.0,
        );
        let y = norm.forward(&x).unwrap().to_vec2::<f32>().unwrap();
        // rms = sqrt((9 + 16) / 4) = 2.5
        assert_eq!(y[0], [1.2, 1.6, 0.0, 0.0]);
    }
}
