//! Validation loss: the model's mean cross-entropy on held-out text, per language.

use glassbox_model::candle_core::Device;
use glassbox_model::{Transformer, cross_entropy};

use crate::batches::{evaluation_windows, window_batches};
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
    Ok((
        if targets == 0 {
            f64::NAN
        } else {
            total / targets as f64
        },
        targets,
    ))
}
