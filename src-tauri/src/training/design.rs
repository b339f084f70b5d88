//! The model designer's arithmetic: a [`ModelDesign`] as the trainer's `ModelConfig`, and
//! what training it would cost here, timed from this machine's measured speed.

use std::path::Path;
use std::time::Instant;

use glassbox_model::{ModelConfig, Tokenizer};
use glassbox_train::Trainer;
use glassbox_train::corpus::Language;
use glassbox_train::token_data::{LanguageTokens, TokenData};
use glassbox_train::training_cost::training_cost;

use super::jobs::pretrain_config;
use super::types::{DesignReport, ModelDesign};

/// Longer than a workshop can wait for one run.
const TOO_SLOW_SECONDS: f64 = 600.0;
/// The two shapes the speed is measured on: the experiments' base model, where per-step
/// overhead dominates, and one as wide as the bundled tiny, where arithmetic does.
const CALIBRATION_DESIGNS: [ModelDesign; 2] = [
    ModelDesign {
        layers: 2,
        hidden: 64,
        heads: 4,
        context: 64,
        vocab: 0,
    },
    ModelDesign {
        layers: 2,
        hidden: 128,
        heads: 4,
        context: 128,
        vocab: 0,
    },
];
const CALIBRATION_BATCH: usize = 8;
const CALIBRATION_STEPS: usize = 4;

/// How fast this machine trains: a fixed cost per update (launching many small operations)
/// plus the arithmetic at a steady rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MachineSpeed {
    pub flops_per_second: f64,
    pub step_overhead_seconds: f64,
}

impl MachineSpeed {
    pub fn seconds_per_step(&self, flops_per_step: f64) -> f64 {
        self.step_overhead_seconds + flops_per_step / self.flops_per_second
    }

    /// The speed that explains two measured (FLOPs, seconds) updates; when noise makes the
    /// bigger one no slower, all the time is put down to arithmetic.
    fn fit(small: (f64, f64), large: (f64, f64)) -> Self {
        let rate = (large.0 - small.0) / (large.1 - small.1);
        let overhead = small.1 - small.0 / rate;
        if rate.is_finite() && rate > 0.0 && overhead >= 0.0 {
            Self {
                flops_per_second: rate,
                step_overhead_seconds: overhead,
            }
        } else {
            Self {
                flops_per_second: large.0 / large.1,
                step_overhead_seconds: 0.0,
            }
        }
    }

    /// Updated from a real run's seconds per step, keeping the overhead measured before.
    pub fn learn(self, flops_per_step: f64, seconds_per_step: f64) -> Self {
        let arithmetic = seconds_per_step - self.step_overhead_seconds;
        if arithmetic > 0.0 {
            Self {
                flops_per_second: flops_per_step / arithmetic,
                ..self
            }
        } else {
            self
        }
    }
}

/// The trainer's config for a design: a Llama block with SwiGLU at 8/3 of the width
/// (rounded up to a multiple of 8, as the bundled tiny has it), no grouped heads, untied.
pub fn design_config(design: &ModelDesign) -> ModelConfig {
    let hidden = design.hidden as usize;
    ModelConfig {
        vocab_size: design.vocab as usize,
        hidden_size: hidden,
        intermediate_size: (hidden * 8).div_ceil(3).next_multiple_of(8),
        num_hidden_layers: design.layers as usize,
        num_attention_heads: design.heads as usize,
        num_key_value_heads: Some(design.heads as usize),
        max_position_embeddings: design.context as usize,
        tie_word_embeddings: false,
        ..ModelConfig::default()
    }
}

pub fn design_report(
    design: &ModelDesign,
    batch_size: usize,
    seq_len: usize,
    steps: u64,
    speed: MachineSpeed,
    tokenizer_vocab: u32,
) -> DesignReport {
    let config = design_config(design);
    let problem = config.validate().err().map(|e| e.to_string()).or_else(|| {
        (seq_len > design.context as usize).then(|| {
            format!(
                "the training sequence ({seq_len}) is longer than the context ({})",
                design.context
            )
        })
    });
    let cost = training_cost(&config, batch_size, seq_len, None);
    let seconds_per_step =
        speed.seconds_per_step(cost.flops_per_token * (batch_size * seq_len) as f64);
    let estimated_seconds = seconds_per_step * steps as f64;
    DesignReport {
        problem,
        parameters: cost.parameters,
        embedding_parameters: cost.embedding_parameters,
        weight_bytes: cost.weight_bytes,
        training_bytes: cost.training_bytes,
        flops_per_token: cost.flops_per_token,
        measured_flops_per_second: speed.flops_per_second,
        step_overhead_seconds: speed.step_overhead_seconds,
        seconds_per_step,
        estimated_seconds,
        too_slow: estimated_seconds > TOO_SLOW_SECONDS,
        tokenizer_vocab,
    }
}

/// This machine's training speed: a few updates of two small models on random tokens,
/// through the real trainer, each first (warm-up) update left out.
pub fn measure_speed(tokenizer: &Tokenizer) -> Result<MachineSpeed, String> {
    let [small, large] = CALIBRATION_DESIGNS.map(|design| time_updates(design, tokenizer));
    Ok(MachineSpeed::fit(small?, large?))
}

/// FLOPs of one update of `design` and the seconds it took.
fn time_updates(design: ModelDesign, tokenizer: &Tokenizer) -> Result<(f64, f64), String> {
    let vocab = tokenizer.vocab_size() as u32;
    let design = ModelDesign { vocab, ..design };
    let seq_len = design.context as usize;
    let stream = |seed: u32| -> Vec<u32> {
        (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761).wrapping_add(seed)) % vocab)
            .collect()
    };
    let data = TokenData {
        languages: vec![LanguageTokens {
            language: Language::En,
            train: stream(1),
            valid: stream(2),
        }],
    };
    let config = pretrain_config(
        &design,
        CALIBRATION_STEPS as u64,
        CALIBRATION_BATCH,
        seq_len,
        1e-3,
        0,
        1_000,
        0.0,
        Path::new("models"),
    );
    let cost = training_cost(&config.model, CALIBRATION_BATCH, seq_len, None);
    // Nothing is saved: the output folder is never written without a checkpoint.
    let scratch = std::env::temp_dir().join("glassbox-calibration");
    let mut trainer = Trainer::with_data(config, tokenizer.clone(), data, &scratch, false)
        .map_err(|e| e.to_string())?;
    trainer.train_step().map_err(|e| e.to_string())?;
    let started = Instant::now();
    for _ in 1..CALIBRATION_STEPS {
        trainer.train_step().map_err(|e| e.to_string())?;
    }
    let seconds = started.elapsed().as_secs_f64().max(1e-6) / (CALIBRATION_STEPS - 1) as f64;
    let flops = (CALIBRATION_BATCH * seq_len) as f64 * cost.flops_per_token;
    Ok((flops, seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: ModelDesign = ModelDesign {
        layers: 6,
        hidden: 128,
        heads: 4,
        context: 128,
        vocab: 5120,
    };

    #[test]
    fn the_bundled_tiny_designs_to_its_own_config() {
        let json = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../models/tiny/config.json"
        ))
        .unwrap();
        let tiny = ModelConfig::from_json(&json).unwrap();
        let designed = design_config(&TINY);
        assert_eq!(designed.parameter_count(), tiny.parameter_count());
        assert_eq!(designed.intermediate_size, tiny.intermediate_size);
    }

    #[test]
    fn reports_problems_and_slow_designs() {
        let speed = MachineSpeed {
            flops_per_second: 1e9,
            step_overhead_seconds: 0.0,
        };
        let report = design_report(&TINY, 8, 128, 1000, speed, 5120);
        assert_eq!(report.problem, None);
        assert_eq!(
            report.parameters,
            design_config(&TINY).parameter_count().total as u64
        );
        let doubled = design_report(&TINY, 8, 128, 2000, speed, 5120);
        assert!((doubled.estimated_seconds / report.estimated_seconds - 2.0).abs() < 1e-9);

        let odd = ModelDesign { heads: 3, ..TINY };
        assert!(
            design_report(&odd, 8, 128, 10, speed, 5120)
                .problem
                .is_some()
        );
        let long = design_report(&TINY, 8, 512, 10, speed, 5120);
        assert!(long.problem.unwrap().contains("context"));

        let gpt2 = ModelDesign {
            layers: 12,
            hidden: 768,
            heads: 12,
            context: 1024,
            vocab: 50257,
        };
        let report = design_report(&gpt2, 8, 1024, 1000, speed, 5120);
        // GPT-2's 124M shares the embedding table with the output layer; ours has both.
        assert!(
            (160e6..166e6).contains(&(report.parameters as f64)),
            "{}",
            report.parameters
        );
        assert!(report.too_slow);
    }

    #[test]
    fn the_speed_model_splits_overhead_from_arithmetic() {
        let speed = MachineSpeed::fit((1e9, 0.3), (5e9, 0.7));
        assert!((speed.flops_per_second - 1e10).abs() < 1.0);
        assert!((speed.step_overhead_seconds - 0.2).abs() < 1e-9);
        assert!((speed.seconds_per_step(3e9) - 0.5).abs() < 1e-9);
        // Noise that makes the bigger model look faster: no negative overhead.
        let noisy = MachineSpeed::fit((1e9, 0.5), (5e9, 0.4));
        assert_eq!(noisy.step_overhead_seconds, 0.0);
        let learned = speed.learn(2e10, 2.2);
        assert!((learned.flops_per_second - 1e10).abs() < 1.0);
    }
}
