//! Glassbox's training side: the corpus and the tokenizer trained on it, pre-training with
//! our own AdamW, evaluation against an n-gram baseline, and supervised fine-tuning.

pub mod atomic_file;
pub mod batches;
pub mod benchmark;
pub mod clipping;
pub mod completion;
pub mod compress;
pub mod context_window;
pub mod corpus;
pub mod evaluate;
pub mod held_out;
pub mod lora;
pub mod loss_chart;
pub mod model_card;
pub mod model_eval;
pub mod ngram;
pub mod optimizer;
pub mod runs_chart;
pub mod safety;
pub mod samples;
pub mod schedule;
pub mod sft;
pub mod sft_data;
pub mod token_data;
pub mod tokenizer;
pub mod traced;
pub mod train_config;
pub mod train_control;
pub mod train_error;
pub mod train_event;
pub mod trainer;
pub mod training_cost;
pub mod training_log;
#[cfg(test)]
mod training_testing;

pub use train_config::TrainConfig;
pub use train_control::{RunState, TrainControl};
pub use train_error::TrainError;
pub use train_event::TrainEvent;
pub use trainer::Trainer;
