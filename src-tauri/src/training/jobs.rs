//! One queued run: the UI's request checked, turned into the trainer's config and data, and
//! run through the same library code as `glassbox pretrain` and `glassbox sft`.

use std::path::Path;

use glassbox_model::{ModelDir, Tokenizer};
use glassbox_train::lora::Lora;
use glassbox_train::sft::{SftSettings, fine_tune};
use glassbox_train::sft_data::read_pairs;
use glassbox_train::token_data::TokenData;
use glassbox_train::train_config::{DataSettings, TrainConfig, TrainingSettings};
use glassbox_train::training_cost::training_cost;
use glassbox_train::{TrainControl, TrainEvent, Trainer};

use super::design::design_config;
use super::types::{
    DataChoice, ModelDesign, RunKind, RunStatus, RunSummary, TrainJob, TrainRequest,
};
use crate::models::is_plain_name;

/// The largest text file a run takes; bigger ones would take hours to train on anyway.
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;
const MAX_NAME_CHARS: usize = 80;
const MAX_STEPS: u64 = 100_000;
/// Far past divergence; anything larger is a typo.
const MAX_LEARNING_RATE: f64 = 10.0;
const MAX_BATCH: u32 = 512;
const MAX_LORA_RANK: u32 = 64;
/// Validation tokens per language at each periodic evaluation: steady enough to see a
/// trend, quick enough not to stall a small run.
const EVAL_TOKENS: usize = 4_096;
const SFT_DATA: &str = "sft/qa.jsonl";

/// Checks a request before anything is queued, so a bad one fails at once and clearly.
pub fn validate(request: &TrainRequest) -> Result<(), String> {
    let name = request.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "A run needs a name of 1 to {MAX_NAME_CHARS} characters."
        ));
    }
    let (steps, batch_size, peak_lr) = match &request.job {
        TrainJob::Pretrain {
            steps,
            batch_size,
            peak_lr,
            seq_len,
            design,
            data,
            noise,
            data_tokens,
            eval_interval,
            ..
        } => {
            if *seq_len == 0 || *seq_len > design.context {
                return Err(format!(
                    "The training sequence ({seq_len} tokens) must be between 1 and the model's context ({}).",
                    design.context
                ));
            }
            if !(0.0..=1.0).contains(noise) {
                return Err(format!(
                    "Noise is a share of the tokens, 0 to 1; {noise} is not."
                ));
            }
            if *data_tokens == Some(0) || *eval_interval == 0 {
                return Err(
                    "The data amount and the evaluation interval must be above zero.".into(),
                );
            }
            if let DataChoice::Text { text, .. } = data
                && text.len() > MAX_TEXT_BYTES
            {
                return Err(format!(
                    "The text is {:.1} MB; the app trains on at most {} MB. Use a shorter excerpt.",
                    text.len() as f64 / 1e6,
                    MAX_TEXT_BYTES / 1_000_000
                ));
            }
            (*steps, *batch_size, *peak_lr)
        }
        TrainJob::FineTune {
            steps,
            batch_size,
            peak_lr,
            base,
            lora_rank,
            ..
        } => {
            if !is_plain_name(base) {
                return Err(format!("There is no bundled model called {base:?}."));
            }
            if lora_rank.is_some_and(|r| r == 0 || r > MAX_LORA_RANK) {
                return Err(format!(
                    "The LoRA rank must be between 1 and {MAX_LORA_RANK}."
                ));
            }
            (*steps, *batch_size, *peak_lr)
        }
    };
    if steps == 0 || steps > MAX_STEPS {
        return Err(format!("Steps must be between 1 and {MAX_STEPS}."));
    }
    if batch_size == 0 || batch_size > MAX_BATCH {
        return Err(format!("The batch size must be between 1 and {MAX_BATCH}."));
    }
    if !(peak_lr.is_finite() && peak_lr > 0.0 && peak_lr <= MAX_LEARNING_RATE) {
        return Err(format!(
            "The learning rate must be above 0 and at most {MAX_LEARNING_RATE}; {peak_lr} is not."
        ));
    }
    Ok(())
}

/// The trainer's settings for a pre-training run of `design`.
#[allow(clippy::too_many_arguments)]
pub fn pretrain_config(
    design: &ModelDesign,
    steps: u64,
    batch_size: usize,
    seq_len: usize,
    peak_lr: f64,
    seed: u64,
    eval_interval: u64,
    zh_fraction: f64,
    models_dir: &Path,
) -> TrainConfig {
    TrainConfig {
        model: design_config(design),
        training: TrainingSettings {
            steps,
            batch_size,
            seq_len,
            peak_lr,
            warmup_steps: (steps / 10).clamp(1, 100),
            final_lr_fraction: 0.1,
            weight_decay: 0.1,
            beta1: 0.9,
            beta2: 0.95,
            grad_clip: 1.0,
            eval_interval,
            eval_tokens: EVAL_TOKENS,
            checkpoint_interval: eval_interval,
            seed,
        },
        data: DataSettings {
            corpus: models_dir.join("corpus"),
            tokenizer: models_dir.join("tokenizer.json"),
            zh_fraction,
        },
        distill: None,
        init_from: None,
    }
}

/// What a run needs from the lab besides its request.
pub struct Resources<'a> {
    pub models_dir: &'a Path,
    pub tokenizer: &'a Tokenizer,
    /// The bundled corpus as tokens, tokenised once and shared by every run.
    pub corpus: &'a dyn Fn() -> Result<TokenData, String>,
}

/// The record of a run about to start: its size and memory known before it trains.
pub fn new_summary(
    id: String,
    created_at: u64,
    request: &TrainRequest,
    models_dir: &Path,
) -> Result<RunSummary, String> {
    let (kind, config, trainable, batch_size, seq_len, total_steps) = match &request.job {
        TrainJob::Pretrain {
            design,
            steps,
            batch_size,
            seq_len,
            ..
        } => (
            RunKind::Pretrain,
            design_config(design),
            None,
            *batch_size,
            *seq_len as usize,
            *steps,
        ),
        TrainJob::FineTune {
            base,
            lora_rank,
            steps,
            batch_size,
            ..
        } => {
            let config = ModelDir::open(&models_dir.join(base))
                .and_then(|dir| dir.config())
                .map_err(|e| format!("Could not open the model {base}: {e}"))?;
            let trainable = lora_rank.map(|r| Lora::parameter_count(&config, r as usize) as u64);
            let context = config.max_position_embeddings;
            (
                RunKind::FineTune,
                config,
                trainable,
                *batch_size,
                context,
                *steps,
            )
        }
    };
    let cost = training_cost(&config, batch_size as usize, seq_len, trainable);
    let mut stored = request.clone();
    if let TrainJob::Pretrain {
        data: DataChoice::Text { text, .. },
        ..
    } = &mut stored.job
    {
        // The user's text stays theirs: the record keeps the file's name only.
        text.clear();
    }
    Ok(RunSummary {
        id,
        name: request.name.trim().to_owned(),
        series: request.series.clone(),
        kind,
        status: RunStatus::Queued,
        created_at,
        step: 0,
        total_steps: total_steps as u32,
        train_loss: None,
        val_loss: None,
        parameters: cost.parameters,
        trainable_parameters: trainable.unwrap_or(cost.parameters),
        training_bytes: cost.training_bytes,
        tokens_per_second: None,
        seconds_per_step: None,
        random_guess_loss: (config.vocab_size as f32).ln(),
        samples: Vec::new(),
        error: None,
        request: stored,
    })
}

/// Runs the request to its end or until `control` cancels it, writing the model to `out`.
/// Returns whether it was cancelled.
pub fn execute(
    request: &TrainRequest,
    resources: &Resources,
    out: &Path,
    control: &TrainControl,
    on_event: &mut dyn FnMut(TrainEvent),
) -> Result<bool, String> {
    let text = |e: glassbox_train::TrainError| e.to_string();
    match &request.job {
        TrainJob::Pretrain {
            design,
            data,
            steps,
            batch_size,
            seq_len,
            peak_lr,
            seed,
            eval_interval,
            data_tokens,
            noise,
        } => {
            let tokenizer_vocab = resources.tokenizer.vocab_size() as u32;
            if design.vocab != tokenizer_vocab {
                return Err(format!(
                    "This design's vocabulary is {}, but training here uses the bundled tokenizer's {tokenizer_vocab} tokens; set the vocabulary to {tokenizer_vocab}.",
                    design.vocab
                ));
            }
            let (mut tokens, zh_fraction) = match data {
                DataChoice::Bundled { zh_fraction } => ((resources.corpus)()?, *zh_fraction),
                DataChoice::Text { text: body, .. } => {
                    let tokens = TokenData::from_text(body, resources.tokenizer).map_err(text)?;
                    let zh = tokens.languages[0].language == glassbox_train::corpus::Language::Zh;
                    (tokens, if zh { 1.0 } else { 0.0 })
                }
            };
            if let Some(keep) = data_tokens {
                tokens.keep_train_tokens(*keep as usize);
            }
            if *noise > 0.0 {
                tokens.add_noise(*noise, tokenizer_vocab as usize, *seed);
            }
            let config = pretrain_config(
                design,
                *steps,
                *batch_size as usize,
                *seq_len as usize,
                *peak_lr,
                *seed,
                *eval_interval,
                zh_fraction,
                resources.models_dir,
            );
            let mut trainer =
                Trainer::with_data(config, resources.tokenizer.clone(), tokens, out, false)
                    .map_err(text)?;
            trainer.run(control, on_event).map_err(text)
        }
        TrainJob::FineTune {
            base,
            lora_rank,
            steps,
            batch_size,
            peak_lr,
            seed,
        } => {
            let base_dir = ModelDir::open(&resources.models_dir.join(base))
                .map_err(|e| format!("Could not open the model {base}: {e}"))?;
            let pairs = read_pairs(&resources.models_dir.join(SFT_DATA)).map_err(text)?;
            let settings = SftSettings {
                steps: *steps,
                batch_size: *batch_size as usize,
                peak_lr: *peak_lr,
                warmup_steps: (*steps / 10).max(1),
                seed: *seed,
                lora_rank: lora_rank.map(|r| r as usize),
            };
            let report =
                fine_tune(&base_dir, &pairs, &settings, out, control, on_event).map_err(text)?;
            Ok(report.cancelled)
        }
    }
}
