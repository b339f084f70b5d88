//! Validation loss: the model's mean cross-entropy on held-out text, per language.

use glassbox_model::candle_core::Device;
use glassbox_model::{Transformer, cross_entropy};

use crate::batches::{evaluation_windows, sliding_windows, window_batches};
use crate::train_error::Result;

/// Rows per forward when evaluating; memory, not speed, is what limits it.
const EVAL_BATCH: usize = 16;

/// Mean loss in nats per token over consecutive windows of `stream` (about `limit`
/// targets when given, else all), and the number of targets scored.
pub fn stream_loss(
    model: &Transformer,
    stream: &[u32],
    seq_len: usize,
    limit: Option<usize>,
) -> Result<(f64, usize)> {
    let starts = evaluation_windows(stream, seq_len, limit);
    let mut total = 0f64;
    let mut targets = 0usize;
    for (inputs, batch_targets) in
        window_batches(stream, &starts, seq_len, EVAL_BATCH, &Device::Cpu)?
    {
        let n = batch_targets.elem_count();
        let loss = cross_entropy(&model.forward(&inputs)?, &batch_targets)?;
        total += f64::from(loss.to_scalar::<f32>()?) * n as f64;
        targets += n;
    }
    Ok((mean_loss(total, targets), targets))
}

/// Mean loss in nats per token over every target of `stream`, read through windows
/// `stride` tokens apart (see [`sliding_windows`]), and the number of targets scored.
/// Unlike [`stream_loss`], no target is read with less than `seq_len - stride` tokens of
/// context except at the very start.
pub fn sliding_stream_loss(
    model: &Transformer,
    stream: &[u32],
    seq_len: usize,
    stride: usize,
) -> Result<(f64, usize)> {
    let windows = sliding_windows(stream.len(), seq_len, stride);
    let mut total = 0f64;
    let mut targets = 0usize;
    // Windows that score the same span batch together; only the first and the last differ.
    for group in windows.chunk_by(|a, b| a.scored_from == b.scored_from) {
        let scored_from = group[0].scored_from;
        let scored = seq_len - scored_from;
        let starts: Vec<usize> = group.iter().map(|w| w.start).collect();
        for (inputs, batch_targets) in
            window_batches(stream, &starts, seq_len, EVAL_BATCH, &Device::Cpu)?
        {
            let logits = model.forward(&inputs)?.narrow(1, scored_from, scored)?;
            let batch_targets = batch_targets.narrow(1, scored_from, scored)?;
            let n = batch_targets.elem_count();
            let loss = cross_entropy(&logits, &batch_targets)?;
            total += f64::from(loss.to_scalar::<f32>()?) * n as f64;
            targets += n;
        }
    }
    Ok((mean_loss(total, targets), targets))
}

fn mean_loss(total: f64, targets: usize) -> f64 {
    if targets == 0 {
        f64::NAN
    } else {
        total / targets as f64
    }
}

#[cfg(test)]
mod tests {
    use glassbox_model::candle_core::Tensor;
    use glassbox_model::{ModelConfig, Weights};

    use super::*;

    const SEQ_LEN: usize = 8;

    fn model() -> Transformer {
        let config = ModelConfig::tiny_for_tests(50);
        let weights = Weights::random(&config, 5, &Device::Cpu).unwrap();
        Transformer::frozen(&config, &weights).unwrap()
    }

    fn stream(len: usize) -> Vec<u32> {
        (0..len).map(|i| (i * 7 % 50) as u32).collect()
    }

    #[test]
    fn separate_windows_match_the_consecutive_window_loss() {
        let (model, stream) = (model(), stream(4 * SEQ_LEN + 1));
        let (plain, n) = stream_loss(&model, &stream, SEQ_LEN, None).unwrap();
        let (sliding, m) = sliding_stream_loss(&model, &stream, SEQ_LEN, SEQ_LEN).unwrap();
        assert_eq!((n, m), (32, 32));
        assert!((plain - sliding).abs() < 1e-5, "{plain} vs {sliding}");
    }

    /// Each target scored alone, after exactly the tokens its window gives it.
    #[test]
    fn overlapping_windows_equal_each_target_scored_after_its_own_context() {
        let (model, stream) = (model(), stream(43));
        let mut expected = 0f64;
        for window in sliding_windows(stream.len(), SEQ_LEN, 3) {
            for offset in window.scored_from..SEQ_LEN {
                let target = window.start + offset + 1;
                let context = &stream[window.start..target];
                let inputs = Tensor::new(context, &Device::Cpu)
                    .unwrap()
                    .unsqueeze(0)
                    .unwrap();
                let last = model
                    .forward(&inputs)
                    .unwrap()
                    .narrow(1, offset, 1)
                    .unwrap();
                let truth = Tensor::new(&[[stream[target]]], &Device::Cpu).unwrap();
                let loss = cross_entropy(&last, &truth)
                    .unwrap()
                    .to_scalar::<f32>()
                    .unwrap();
                expected += f64::from(loss);
            }
        }
        let (loss, n) = sliding_stream_loss(&model, &stream, SEQ_LEN, 3).unwrap();
        assert_eq!(n, 42);
        assert!(
            (loss - expected / 42.0).abs() < 1e-4,
            "{loss} vs {}",
            expected / 42.0
        );
    }
}
