//! What a training run reports while it runs. The command line prints these; the desktop
//! app forwards them to the UI through a channel, so they are serde types with TypeScript
//! twins.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::corpus::Language;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum TrainEvent {
    /// After every update.
    Step(StepReport),
    /// After every validation, with sample generations.
    Evaluation(EvaluationReport),
    /// A checkpoint was written; the run can resume from here.
    Checkpoint {
        step: u32,
        path: String,
    },
    Paused {
        step: u32,
    },
    Resumed {
        step: u32,
    },
    /// The run ended: all steps done, or cancelled (after a final checkpoint).
    Finished {
        step: u32,
        cancelled: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StepReport {
    /// Updates done, counting this one.
    pub step: u32,
    pub total_steps: u32,
    /// Mean cross-entropy of this update's batch, in nats per token.
    pub train_loss: f32,
    pub learning_rate: f32,
    /// Global gradient norm before clipping.
    pub grad_norm: f32,
    pub tokens_seen: f64,
    /// Over the last few updates.
    pub tokens_per_second: f32,
    /// Seconds until the last update at the current speed.
    pub eta_seconds: f32,
    /// Seconds spent training, pauses excluded, across resumes.
    pub elapsed_seconds: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EvaluationReport {
    pub step: u32,
    /// Mean of the languages' validation losses.
    pub val_loss: f32,
    pub languages: Vec<LanguageLoss>,
    pub samples: Vec<Sample>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LanguageLoss {
    pub language: Language,
    /// On windows of the training text (the same windows at every evaluation).
    pub train_loss: f32,
    pub val_loss: f32,
    /// Targets the validation loss averages over.
    pub val_tokens: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Sample {
    pub language: Language,
    pub prompt: String,
    /// The prompt and its continuation.
    pub text: String,
}
