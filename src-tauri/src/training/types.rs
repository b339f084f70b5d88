//! What the training lab and the UI say to each other: requests for runs, the runs' records
//! and the events a running queue streams. Each has a generated TypeScript twin.

use glassbox_train::TrainEvent;
use glassbox_train::train_event::Sample;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A model's shape as the designer and the pre-training widget set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ModelDesign {
    pub layers: u32,
    /// Width of the residual stream.
    pub hidden: u32,
    pub heads: u32,
    /// Longest sequence the model reads.
    pub context: u32,
    /// Rows of the embedding table; training needs the bundled tokenizer's size.
    pub vocab: u32,
}

/// What a design costs to train on this machine, from the trainer's own arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DesignReport {
    /// Why the design cannot be built (heads that do not divide the width, …), if so.
    pub problem: Option<String>,
    #[ts(type = "number")]
    pub parameters: u64,
    #[ts(type = "number")]
    pub embedding_parameters: u64,
    /// The weights in 32-bit floats.
    #[ts(type = "number")]
    pub weight_bytes: u64,
    /// Weights, gradients, AdamW's two moments and one batch's activations.
    #[ts(type = "number")]
    pub training_bytes: u64,
    /// Floating-point operations per trained token (forward and backward).
    pub flops_per_token: f64,
    /// This machine's measured training throughput, in FLOP/s.
    pub measured_flops_per_second: f64,
    /// The measured fixed cost of an update, whatever its size.
    pub step_overhead_seconds: f64,
    pub seconds_per_step: f64,
    /// For the requested number of steps.
    pub estimated_seconds: f64,
    /// Longer than a workshop can wait (ten minutes).
    pub too_slow: bool,
    /// The bundled tokenizer's vocabulary, which a trained model must use.
    pub tokenizer_vocab: u32,
}

/// The text a pre-training run learns from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum DataChoice {
    /// The bundled corpus; `zh_fraction` of each batch is Chinese.
    #[serde(rename_all = "camelCase")]
    Bundled { zh_fraction: f64 },
    /// The user's own text file, already read and decoded by the UI.
    Text { name: String, text: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum TrainJob {
    #[serde(rename_all = "camelCase")]
    Pretrain {
        design: ModelDesign,
        data: DataChoice,
        #[ts(type = "number")]
        steps: u64,
        batch_size: u32,
        seq_len: u32,
        peak_lr: f64,
        #[ts(type = "number")]
        seed: u64,
        /// Updates between validations and samples.
        #[ts(type = "number")]
        eval_interval: u64,
        /// Keep only this many training tokens (split evenly over the languages).
        #[ts(type = "number | null")]
        data_tokens: Option<u64>,
        /// Share (0-1) of training tokens replaced by random ones; validation stays clean.
        noise: f64,
    },
    #[serde(rename_all = "camelCase")]
    FineTune {
        /// A bundled model's folder name.
        base: String,
        /// LoRA adapters of this rank; `None` trains every weight.
        lora_rank: Option<u32>,
        #[ts(type = "number")]
        steps: u64,
        batch_size: u32,
        peak_lr: f64,
        #[ts(type = "number")]
        seed: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TrainRequest {
    /// What the run list and the chart's legend call it.
    pub name: String,
    /// Runs started together to compare one knob share a series.
    pub series: Option<String>,
    pub job: TrainJob,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RunStatus {
    Queued,
    Running,
    Paused,
    Finished,
    /// Stopped by the user; the checkpoint holds the last update.
    Stopped,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RunKind {
    Pretrain,
    FineTune,
}

/// One run as the runs list shows it; kept as `run.json` in the run's folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RunSummary {
    pub id: String,
    pub name: String,
    pub series: Option<String>,
    pub kind: RunKind,
    pub status: RunStatus,
    /// Seconds since the Unix epoch.
    #[ts(type = "number")]
    pub created_at: u64,
    pub step: u32,
    pub total_steps: u32,
    /// The last update's batch loss.
    pub train_loss: Option<f32>,
    /// The last validation's loss (pre-training only).
    pub val_loss: Option<f32>,
    #[ts(type = "number")]
    pub parameters: u64,
    /// What the optimiser updates: all parameters, or LoRA's adapters.
    #[ts(type = "number")]
    pub trainable_parameters: u64,
    /// Weights, gradients, optimiser state and activations, estimated before the run.
    #[ts(type = "number")]
    pub training_bytes: u64,
    pub tokens_per_second: Option<f32>,
    /// Median wall time of an update.
    pub seconds_per_step: Option<f32>,
    /// ln(vocabulary): the loss of guessing uniformly at random.
    pub random_guess_loss: f32,
    /// The newest samples of what the model writes.
    pub samples: Vec<Sample>,
    pub error: Option<String>,
    /// The request, with a user's text left out.
    pub request: TrainRequest,
}

/// What a running queue streams to the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum LabEvent {
    RunStarted {
        run: RunSummary,
    },
    #[serde(rename_all = "camelCase")]
    Train {
        run_id: String,
        event: TrainEvent,
    },
    /// Finished, stopped or failed; `run.error` says why a run failed.
    RunEnded {
        run: RunSummary,
    },
    /// Every run of the request is done.
    QueueEnded,
}

/// A file a run can be exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ExportFormat {
    Svg,
    Png,
    Csv,
}
