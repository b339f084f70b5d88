//! Forward speed of the candle CPU backend on the bundled `tiny` shape, and training
//! throughput against the PyTorch CPU anchor in MEASUREMENTS.md.
//!
//! `cargo run --release -p glassbox-model --example forward_speed`
//!
//! Each figure is the median of several runs; the machine's other load moves single runs.

use std::time::{Duration, Instant};

use glassbox_model::candle_core::{Device, Tensor};
use glassbox_model::{
    Backend, CpuBackend, ModelConfig, Probes, Transformer, Weights, cross_entropy,
};

const RUNS: usize = 5;
/// PyTorch 2.15, 2 threads, same shape with vocab 8192, batch 16 × 128, AdamW step
/// included (MEASUREMENTS.md).
const PYTORCH_TRAIN_TOKENS_PER_SECOND: f64 = 3215.0;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn tokens(count: usize, vocab: usize) -> Vec<u32> {
    (0..count)
        .map(|i| ((i * 7919 + 13) % vocab) as u32)
        .collect()
}

fn per_second(tokens: usize, time: Duration) -> f64 {
    tokens as f64 / time.as_secs_f64()
}

fn inference(label: &str, config: &ModelConfig) -> glassbox_model::Result<()> {
    let weights = Weights::random(config, 0, &Device::Cpu)?;
    let mut backend = CpuBackend::new(config, &weights)?;
    let context = config.max_position_embeddings;
    let prompt = tokens(context, config.vocab_size);

    let prefill = median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                backend
                    .prefill(&prompt, Probes::NONE)
                    .map(|_| start.elapsed())
            })
            .collect::<Result<_, _>>()?,
    );
    let mut decode = |probes: Probes| -> glassbox_model::Result<Duration> {
        let runs = (0..RUNS)
            .map(|_| {
                backend.prefill(&prompt[..1], probes)?;
                let start = Instant::now();
                for &token in &prompt[1..] {
                    backend.decode(token, probes)?;
                }
                Ok(start.elapsed())
            })
            .collect::<glassbox_model::Result<_>>()?;
        Ok(median(runs))
    };
    let plain = decode(Probes::NONE)?;
    let traced = decode(Probes::ALL)?;

    let prefill_rate = per_second(context, prefill);
    let plain_rate = per_second(context - 1, plain);
    let traced_rate = per_second(context - 1, traced);
    println!(
        "{label}: {:.2} M parameters",
        config.parameter_count().total as f64 / 1e6
    );
    println!("  prefill {context} tokens        {prefill_rate:>8.0} tokens/s");
    println!(
        "  decode (KV cache)          {plain_rate:>8.0} tokens/s  ({:.2}x prefill)",
        plain_rate / prefill_rate
    );
    println!(
        "  decode, full introspection {traced_rate:>8.0} tokens/s  ({:.2}x plain decode)",
        traced_rate / plain_rate
    );
    Ok(())
}

fn training(config: &ModelConfig, batch: usize) -> glassbox_model::Result<()> {
    let weights = Weights::random(config, 0, &Device::Cpu)?;
    let model = Transformer::new(config, &weights)?;
    let t = config.max_position_embeddings;
    let data = tokens(batch * (t + 1), config.vocab_size);
    let inputs: Vec<u32> = data
        .chunks(t + 1)
        .flat_map(|row| row[..t].to_vec())
        .collect();
    let targets: Vec<u32> = data
        .chunks(t + 1)
        .flat_map(|row| row[1..].to_vec())
        .collect();
    let inputs = Tensor::from_vec(inputs, (batch, t), &Device::Cpu)?;
    let targets = Tensor::from_vec(targets, (batch, t), &Device::Cpu)?;
    let runs = (0..3)
        .map(|_| {
            let start = Instant::now();
            let loss = cross_entropy(&model.forward(&inputs)?, &targets)?;
            loss.backward()?;
            Ok(start.elapsed())
        })
        .collect::<glassbox_model::Result<_>>()?;
    let rate = per_second(batch * t, median(runs));
    println!(
        "training forward+backward, batch {batch}x{t}, vocab {}: {rate:.0} tokens/s \
         ({:.2}x PyTorch's {PYTORCH_TRAIN_TOKENS_PER_SECOND:.0}, which includes AdamW)",
        config.vocab_size,
        rate / PYTORCH_TRAIN_TOKENS_PER_SECOND
    );
    Ok(())
}

fn main() -> glassbox_model::Result<()> {
    let dense = ModelConfig::default();
    println!(
        "shape: d={} layers={} heads={} vocab={} context={}, threads={}",
        dense.hidden_size,
        dense.num_hidden_layers,
        dense.num_attention_heads,
        dense.vocab_size,
        dense.max_position_embeddings,
        glassbox_model::candle_core::utils::get_num_threads()
    );
    inference("dense", &dense)?;
    inference("moe (4 experts, top-2)", &dense.clone().with_experts(4, 2))?;
    training(
        &ModelConfig {
            vocab_size: 8192,
            ..dense
        },
        16,
    )
}
