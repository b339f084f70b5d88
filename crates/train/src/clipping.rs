//! Gradient-norm clipping: when the gradient of all parameters together is longer than
//! `max_norm`, it is scaled down to that length. One bad batch then cannot throw the
//! weights far, while the direction of the step is kept.

use glassbox_model::candle_core::Tensor;

use crate::train_error::Result;

/// Scales `gradients` in place so their global L2 norm is at most `max_norm`; returns the
/// norm before clipping.
pub fn clip_gradients(gradients: &mut [Option<Tensor>], max_norm: f64) -> Result<f64> {
    let mut sum_of_squares = 0f64;
    for g in gradients.iter().flatten() {
        sum_of_squares += f64::from(g.sqr()?.sum_all()?.to_scalar::<f32>()?);
    }
    let norm = sum_of_squares.sqrt();
    if norm > max_norm {
        let scale = max_norm / norm;
        for g in gradients.iter_mut().flatten() {
            *g = (&*g * scale)?;
        }
    }
    Ok(norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use glassbox_model::candle_core::Device;

    fn norm(gradients: &[Option<Tensor>]) -> f64 {
        let mut s = 0f64;
        for g in gradients.iter().flatten() {
            s += f64::from(
                g.sqr()
                    .unwrap()
                    .sum_all()
                    .unwrap()
                    .to_scalar::<f32>()
                    .unwrap(),
            );
        }
        s.sqrt()
    }

    #[test]
    fn long_gradients_are_scaled_to_the_limit_and_short_ones_kept() {
        let mut gradients = vec![
            Some(Tensor::new(&[3f32, 0.0], &Device::Cpu).unwrap()),
            None,
            Some(Tensor::new(&[[4f32]], &Device::Cpu).unwrap()),
        ];
        let before = clip_gradients(&mut gradients, 1.0).unwrap();
        assert!((before - 5.0).abs() < 1e-9);
        assert!((norm(&gradients) - 1.0).abs() < 1e-6);
        let first = gradients[0].as_ref().unwrap().to_vec1::<f32>().unwrap();
        assert!((first[0] - 0.6).abs() < 1e-6);

        let mut short = vec![Some(Tensor::new(&[0.3f32, 0.4], &Device::Cpu).unwrap())];
        clip_gradients(&mut short, 1.0).unwrap();
        assert_eq!(
            short[0].as_ref().unwrap().to_vec1::<f32>().unwrap(),
            [0.3, 0.4]
        );
    }
}
