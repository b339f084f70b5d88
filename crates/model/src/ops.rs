//! Differentiable building blocks. candle's fused `softmax_last_dim`, `rms_norm` and
//! `LayerNorm` have no backward pass, so the model is built from these instead.

use candle_core::{D, Result, Tensor};

/// `x · Wᵀ` for a PyTorch-layout weight `[out_features, in_features]`, over any number of
/// leading dimensions.
pub fn linear(x: &Tensor, weight: &Tensor) -> Result<Tensor> {
    let (out_features, in_features) = weight.dims2()?;
    let mut dims = x.dims().to_vec();
    let rows = x.elem_count() / in_features;
    let y = x.reshape((rows, in_features))?.matmul(&weight.t()?)?; // (rows, out)
    if let Some(last) = dims.last_mut() {
        *last = out_features;
    }
    y.reshape(dims)
}

/// Softmax over the last dimension. Subtracting the row maximum keeps `exp` finite; it is
/// detached because softmax does not change when a constant is subtracted, so it needs no
/// gradient. Entries of `-inf` get exactly zero probability.
pub fn softmax_last_dim(x: &Tensor) -> Result<Tensor> {
    let max = x.max_keepdim(D::Minus1)?.detach();
    let exp = x.broadcast_sub(&max)?.exp()?;
    let sum = exp.sum_keepdim(D::Minus1)?;
    exp.broadcast_div(&sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    #[test]
    fn linear_matches_pytorch_weight_layout() {
        let x = Tensor::new(&[[[1f32, 2.0]]], &Device::Cpu).unwrap(); // (1, 1, 2)
        let w = Tensor::new(&[[1f32, 0.0], [0.0, 1.0], [1.0, 1.0]], &Device::Cpu).unwrap(); // (3, 2)
        let y = linear(&x, &w).unwrap();
        assert_eq!(y.dims(), &[1, 1, 3]);
        assert_eq!(
            y.flatten_all().unwrap().to_vec1::<f32>().unwrap(),
            [1.0, 2.0, 3.0]
        );
    }

    #[test]
    fn softmax_sums_to_one_and_has_a_gradient() {
        let x = Var::new(&[[1f32, 2.0, f32::NEG_INFINITY]], &Device::Cpu).unwrap();
        let p = softmax_last_dim(&x).unwrap();
        let values = p.to_vec2::<f32>().unwrap();
        assert!((values[0].iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert_eq!(values[0][2], 0.0);
        let loss = p.narrow(1, 0, 1).unwrap().sum_all().unwrap();
        let grads = loss.backward().unwrap();
        let g = grads.get(&x).unwrap().to_vec2::<f32>().unwrap();
        assert!(g[0][0] > 0.0 && g[0][1] < 0.0);
    }
}
