//! The training objective: next-token cross-entropy.
//!
//! Written as one fused operation with its own backward pass (softmax minus one-hot)
//! rather than from candle's elementary ops: the logits are batch × context × vocab (16 ×
//! 128 × 8192 floats is 64 MB), and the elementary version makes a dozen passes and
//! temporaries of that size, about a fifth of a training step.

use candle_core::{CpuStorage, CustomOp2, CustomOp3, D, Layout, Shape, Tensor, WithDType, bail};

use crate::error::Result;

/// Mean negative log-probability, in nats, of `targets` (B, T) under `logits` (B, T, V).
pub fn cross_entropy(logits: &Tensor, targets: &Tensor) -> Result<Tensor> {
    let vocab = logits.dim(D::Minus1)?;
    let logits = logits.reshape(((), vocab))?.contiguous()?; // (N, V)
    let targets = targets.flatten_all()?.contiguous()?; // (N)
    let per_token = logits.apply_op2(&targets, CrossEntropy)?; // (N)
    Ok(per_token.mean_all()?)
}

/// Per row of logits (N, V) and target ids (N): `logsumexp(row) - row[target]`.
struct CrossEntropy;

/// Gradient of [`CrossEntropy`] given the gradient of each row's loss:
/// `(softmax(row) - onehot(target)) · row_grad`.
struct CrossEntropyGrad;

/// The elements of a tensor the kernels below index row by row.
fn contiguous<'a, T: WithDType>(
    storage: &'a CpuStorage,
    layout: &Layout,
) -> candle_core::Result<&'a [T]> {
    match layout.contiguous_offsets() {
        Some((start, end)) => Ok(&storage.as_slice::<T>()?[start..end]),
        None => bail!("cross-entropy needs contiguous inputs"),
    }
}

fn check_targets(targets: &[u32], vocab: usize) -> candle_core::Result<()> {
    if let Some(&bad) = targets.iter().find(|&&t| t as usize >= vocab) {
        bail!("target token {bad} is outside the vocabulary of {vocab} tokens");
    }
    Ok(())
}

/// `max` and `log Σ exp(x - max)` of a row, summed in f64 so long rows stay exact.
fn log_sum_exp(row: &[f32]) -> f32 {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f64 = row.iter().map(|&x| f64::from((x - max).exp())).sum();
    max + sum.ln() as f32
}

/// Runs `work` on chunks of rows in parallel, as candle spreads its own kernels.
fn for_row_chunks<T: Send>(out: &mut [T], row_len: usize, work: impl Fn(usize, &mut [T]) + Sync) {
    let rows = out.len() / row_len.max(1);
    let threads = candle_core::utils::get_num_threads().clamp(1, rows.max(1));
    let rows_per_chunk = rows.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (chunk, slice) in out.chunks_mut(rows_per_chunk * row_len).enumerate() {
            let work = &work;
            scope.spawn(move || work(chunk * rows_per_chunk, slice));
        }
    });
}

impl CustomOp2 for CrossEntropy {
    fn name(&self) -> &'static str {
        "cross-entropy"
    }

    fn cpu_fwd(
        &self,
        logits: &CpuStorage,
        logits_layout: &Layout,
        targets: &CpuStorage,
        targets_layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let (n, vocab) = logits_layout.shape().dims2()?;
        let logits = contiguous::<f32>(logits, logits_layout)?;
        let targets = contiguous::<u32>(targets, targets_layout)?;
        check_targets(targets, vocab)?;
        let mut losses = vec![0f32; n];
        for_row_chunks(&mut losses, 1, |first, out| {
            for (i, loss) in out.iter_mut().enumerate() {
                let row = &logits[(first + i) * vocab..][..vocab];
                *loss = log_sum_exp(row) - row[targets[first + i] as usize];
            }
        });
        Ok((CpuStorage::F32(losses), Shape::from(n)))
    }

    fn bwd(
        &self,
        logits: &Tensor,
        targets: &Tensor,
        _losses: &Tensor,
        grad_losses: &Tensor,
    ) -> candle_core::Result<(Option<Tensor>, Option<Tensor>)> {
        let grad =
            logits.apply_op3_no_bwd(targets, &grad_losses.contiguous()?, &CrossEntropyGrad)?;
        Ok((Some(grad), None))
    }
}

impl CustomOp3 for CrossEntropyGrad {
    fn name(&self) -> &'static str {
        "cross-entropy-grad"
    }

    fn cpu_fwd(
        &self,
        logits: &CpuStorage,
        logits_layout: &Layout,
        targets: &CpuStorage,
        targets_layout: &Layout,
        row_grads: &CpuStorage,
        row_grads_layout: &Layout,
    ) -> candle_core::Result<(CpuStorage, Shape)> {
        let (n, vocab) = logits_layout.shape().dims2()?;
        let logits = contiguous::<f32>(logits, logits_layout)?;
        let targets = contiguous::<u32>(targets, targets_layout)?;
        let row_grads = contiguous::<f32>(row_grads, row_grads_layout)?;
        let mut grad = vec![0f32; n * vocab];
        for_row_chunks(&mut grad, vocab, |first, out| {
            for (i, grad_row) in out.chunks_mut(vocab).enumerate() {
                let row = first + i;
                let logits_row = &logits[row * vocab..][..vocab];
                let normaliser = log_sum_exp(logits_row);
                for (g, &x) in grad_row.iter_mut().zip(logits_row) {
                    *g = (x - normaliser).exp() * row_grads[row];
                }
                grad_row[targets[row] as usize] -= row_grads[row];
            }
        });
        Ok((CpuStorage::F32(grad), Shape::from((n, vocab))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{DType, Device, Var};

    /// The textbook formula from elementary differentiable ops, as a reference.
    fn reference(logits: &Tensor, targets: &Tensor) -> Tensor {
        let vocab = logits.dim(D::Minus1).unwrap();
        let logits = logits.reshape(((), vocab)).unwrap();
        let targets = targets.flatten_all().unwrap().unsqueeze(1).unwrap();
        let log_normaliser = logits.log_sum_exp(1).unwrap();
        let target_logits = logits.gather(&targets, 1).unwrap().squeeze(1).unwrap();
        (log_normaliser - target_logits)
            .unwrap()
            .mean_all()
            .unwrap()
    }

    #[test]
    fn uniform_logits_give_log_vocab() {
        let logits = Tensor::zeros((2, 3, 8), DType::F32, &Device::Cpu).unwrap();
        let targets = Tensor::zeros((2, 3), DType::U32, &Device::Cpu).unwrap();
        let loss = cross_entropy(&logits, &targets)
            .unwrap()
            .to_scalar::<f32>()
            .unwrap();
        assert!((loss - 8f32.ln()).abs() < 1e-6);
    }

    #[test]
    fn fused_loss_and_gradient_match_the_textbook_formula() {
        let logits = Var::randn(0f32, 3.0, (3, 5, 37), &Device::Cpu).unwrap();
        let targets: Vec<u32> = (0..15).map(|i| (i * 11 % 37) as u32).collect();
        let targets = Tensor::from_vec(targets, (3, 5), &Device::Cpu).unwrap();
        let fused = cross_entropy(&logits, &targets).unwrap();
        let expected = reference(&logits, &targets);
        let difference = |a: &Tensor, b: &Tensor| {
            (a - b)
                .unwrap()
                .abs()
                .unwrap()
                .max_all()
                .unwrap()
                .to_scalar::<f32>()
                .unwrap()
        };
        assert!(difference(&fused, &expected) < 1e-5);
        let fused_grad = fused.backward().unwrap().remove(&logits).unwrap();
        let expected_grad = expected.backward().unwrap().remove(&logits).unwrap();
        assert!(difference(&fused_grad, &expected_grad) < 1e-6);
    }

    #[test]
    fn target_outside_the_vocabulary_is_an_error() {
        let logits = Tensor::zeros((1, 2, 4), DType::F32, &Device::Cpu).unwrap();
        let targets = Tensor::new(&[[1u32, 4]], &Device::Cpu).unwrap();
        let error = cross_entropy(&logits, &targets).unwrap_err();
        assert!(
            error.to_string().contains("outside the vocabulary"),
            "{error}"
        );
    }
}
