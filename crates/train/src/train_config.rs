//! What one pre-training run is: the model's shape, the optimisation settings and the data,
//! read from one JSON or TOML file so a run can be repeated exactly.

use std::path::{Path, PathBuf};

use glassbox_model::ModelConfig;
use serde::{Deserialize, Serialize};

use crate::optimizer::AdamWSettings;
use crate::schedule::LrSchedule;
use crate::train_error::{Result, TrainError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainConfig {
    /// The model, as in its `config.json`; `vocab_size` must match the tokenizer.
    pub model: ModelConfig,
    pub training: TrainingSettings,
    pub data: DataSettings,
    /// Train on a teacher model's probabilities as well as on the text (lesson 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distill: Option<DistillSettings>,
    /// Start from this model folder's weights instead of random ones: continued
    /// pre-training. The optimizer and the schedule start afresh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init_from: Option<PathBuf>,
}

/// Knowledge distillation (Hinton et al. 2015): the loss mixes the usual next-token loss
/// with the cross-entropy against the teacher's softened distribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistillSettings {
    /// The teacher's model folder; its tokenizer must be the student's.
    pub teacher: PathBuf,
    /// Softens both distributions (logits divided by it) so the teacher's second and third
    /// choices carry signal; the soft loss is scaled by its square to keep gradients level.
    #[serde(default = "default_distill_temperature")]
    pub temperature: f64,
    /// Weight of the soft loss; the text's own next-token loss gets the rest.
    #[serde(default = "default_distill_alpha")]
    pub alpha: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingSettings {
    /// Optimiser updates in the whole run.
    pub steps: u64,
    /// Sequences per update.
    pub batch_size: usize,
    /// Tokens per sequence; at most the model's context.
    pub seq_len: usize,
    /// Learning rate at the end of warmup.
    pub peak_lr: f64,
    /// Updates over which the learning rate rises linearly from zero.
    #[serde(default = "default_warmup")]
    pub warmup_steps: u64,
    /// The learning rate the cosine decays to, as a fraction of the peak.
    #[serde(default = "default_final_lr_fraction")]
    pub final_lr_fraction: f64,
    #[serde(default = "default_weight_decay")]
    pub weight_decay: f64,
    #[serde(default = "default_beta1")]
    pub beta1: f64,
    #[serde(default = "default_beta2")]
    pub beta2: f64,
    /// Longest global gradient norm; longer gradients are scaled down.
    #[serde(default = "default_grad_clip")]
    pub grad_clip: f64,
    /// Updates between validations (and sample generations).
    #[serde(default = "default_eval_interval")]
    pub eval_interval: u64,
    /// Validation tokens per language at each periodic evaluation; the final one uses all.
    #[serde(default = "default_eval_tokens")]
    pub eval_tokens: usize,
    /// Updates between checkpoints; every evaluation also writes one.
    #[serde(default = "default_eval_interval")]
    pub checkpoint_interval: u64,
    /// Seeds the initial weights and the batch draws.
    #[serde(default)]
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSettings {
    /// The corpus folder written by `glassbox corpus`.
    #[serde(default = "default_corpus")]
    pub corpus: PathBuf,
    /// The tokenizer written by `glassbox tokenizer`.
    #[serde(default = "default_tokenizer")]
    pub tokenizer: PathBuf,
    /// Share of the sequences in a batch drawn from Chinese text; the rest are English.
    #[serde(default = "default_zh_fraction")]
    pub zh_fraction: f64,
}

fn default_distill_temperature() -> f64 {
    2.0
}
fn default_distill_alpha() -> f64 {
    0.5
}
fn default_warmup() -> u64 {
    100
}
fn default_final_lr_fraction() -> f64 {
    0.1
}
fn default_weight_decay() -> f64 {
    0.1
}
fn default_beta1() -> f64 {
    0.9
}
fn default_beta2() -> f64 {
    0.95
}
fn default_grad_clip() -> f64 {
    1.0
}
fn default_eval_interval() -> u64 {
    200
}
fn default_eval_tokens() -> usize {
    16_384
}
fn default_corpus() -> PathBuf {
    PathBuf::from("models/corpus")
}
fn default_tokenizer() -> PathBuf {
    PathBuf::from("models/tokenizer.json")
}
fn default_zh_fraction() -> f64 {
    0.5
}

impl TrainConfig {
    /// Reads a `.toml` file as TOML and anything else as JSON; relative data paths stay
    /// relative to the working directory, as on the command line.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| TrainError::Read {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        let parse_error = |reason: String| TrainError::Read {
            path: path.to_owned(),
            reason,
        };
        let config: Self = if path.extension().is_some_and(|e| e == "toml") {
            toml::from_str(&text).map_err(|e| parse_error(e.to_string()))?
        } else {
            serde_json::from_str(&text).map_err(|e| parse_error(e.to_string()))?
        };
        config.validate()?;
        Ok(config)
    }

    /// Checks every number before any time is spent loading data.
    pub fn validate(&self) -> Result<()> {
        self.model.validate().map_err(glassbox_model::Error::from)?;
        let t = &self.training;
        for (setting, value) in [
            ("peak_lr", t.peak_lr),
            ("grad_clip", t.grad_clip),
            ("steps", t.steps as f64),
            ("batch_size", t.batch_size as f64),
            ("seq_len", t.seq_len as f64),
            ("eval_interval", t.eval_interval as f64),
            ("checkpoint_interval", t.checkpoint_interval as f64),
            ("eval_tokens", t.eval_tokens as f64),
        ] {
            if !(value.is_finite() && value > 0.0) {
                return Err(TrainError::NotPositive { setting, value });
            }
        }
        for (setting, value, min, max) in [
            ("final_lr_fraction", t.final_lr_fraction, 0.0, 1.0),
            ("weight_decay", t.weight_decay, 0.0, 1.0),
            ("beta1", t.beta1, 0.0, 0.999_999),
            ("beta2", t.beta2, 0.0, 0.999_999),
            ("zh_fraction", self.data.zh_fraction, 0.0, 1.0),
            (
                "distill.alpha",
                self.distill.as_ref().map_or(0.0, |d| d.alpha),
                0.0,
                1.0,
            ),
            (
                "distill.temperature",
                self.distill.as_ref().map_or(1.0, |d| d.temperature),
                0.05,
                100.0,
            ),
        ] {
            if !(value.is_finite() && (min..=max).contains(&value)) {
                return Err(TrainError::OutOfRange {
                    setting,
                    value,
                    min,
                    max,
                });
            }
        }
        if t.seq_len > self.model.max_position_embeddings {
            return Err(TrainError::SequenceTooLong {
                seq_len: t.seq_len,
                context: self.model.max_position_embeddings,
            });
        }
        Ok(())
    }

    pub fn schedule(&self) -> LrSchedule {
        LrSchedule {
            peak: self.training.peak_lr,
            warmup_steps: self.training.warmup_steps,
            total_steps: self.training.steps,
            final_fraction: self.training.final_lr_fraction,
        }
    }

    pub fn adamw(&self) -> AdamWSettings {
        AdamWSettings {
            beta1: self.training.beta1,
            beta2: self.training.beta2,
            weight_decay: self.training.weight_decay,
            ..AdamWSettings::default()
        }
    }

    /// Tokens one update consumes.
    pub fn tokens_per_step(&self) -> usize {
        self.training.batch_size * self.training.seq_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
[model]
vocab_size = 300
hidden_size = 32
intermediate_size = 64
num_hidden_layers = 2
num_attention_heads = 4
max_position_embeddings = 64

[training]
steps = 10
batch_size = 2
seq_len = 16
peak_lr = 1e-3

[data]
zh_fraction = 0.5
"#;

    fn write(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn toml_and_json_give_the_same_config_with_defaults_filled() {
        let (_d, toml_path) = write("run.toml", TOML);
        let from_toml = TrainConfig::from_file(&toml_path).unwrap();
        assert_eq!(from_toml.training.warmup_steps, 100);
        assert_eq!(from_toml.training.grad_clip, 1.0);
        let json = serde_json::to_string(&from_toml).unwrap();
        let (_d, json_path) = write("run.json", &json);
        assert_eq!(TrainConfig::from_file(&json_path).unwrap(), from_toml);
    }

    #[test]
    fn zero_or_negative_learning_rate_is_a_clear_error() {
        for lr in ["0.0", "-1e-3"] {
            let (_d, path) = write("run.toml", &TOML.replace("1e-3", lr));
            let error = TrainConfig::from_file(&path).unwrap_err().to_string();
            assert!(
                error.contains("peak_lr is") && error.contains("positive"),
                "{error}"
            );
        }
    }

    #[test]
    fn sequence_longer_than_the_context_is_refused() {
        let (_d, path) = write("run.toml", &TOML.replace("seq_len = 16", "seq_len = 65"));
        let error = TrainConfig::from_file(&path).unwrap_err().to_string();
        assert!(error.contains("longer than the model's context"), "{error}");
    }
}
