//! Supervised fine-tuning: teach a pre-trained model to answer in the chat format
//! `<|question|>…<|answer|>…<|endoftext|>`. The loss counts only the answer's tokens (and
//! the closing `<|endoftext|>`, so the model learns to stop): the question is given, not
//! something to imitate. Full fine-tuning updates every weight; with a LoRA rank only the
//! low-rank adapters train and are merged into the weights when saving.

use std::path::Path;
use std::time::Instant;

use glassbox_model::candle_core::{Device, Tensor};
use glassbox_model::model_dir::WEIGHTS_FILE;
use glassbox_model::{ModelConfig, ModelDir, Tokenizer, Transformer, Weights, cross_entropy};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::atomic_file::{write_atomically, write_file_atomically};
use crate::clipping::clip_gradients;
use crate::lora::Lora;
use crate::optimizer::{AdamW, AdamWSettings};
use crate::schedule::LrSchedule;
use crate::sft_data::QaPair;
use crate::token_data::end_of_text;
use crate::tokenizer::{ANSWER, QUESTION};
use crate::train_control::{RunState, TrainControl};
use crate::train_error::{Result, TrainError};
use crate::train_event::{StepReport, TrainEvent};
use crate::training_log::TrainingLog;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SftSettings {
    pub steps: u64,
    pub batch_size: usize,
    pub peak_lr: f64,
    pub warmup_steps: u64,
    pub seed: u64,
    /// Train LoRA adapters of this rank instead of every weight.
    pub lora_rank: Option<usize>,
}

impl SftSettings {
    fn validate(&self) -> Result<()> {
        for (setting, value) in [
            ("steps", self.steps as f64),
            ("batch_size", self.batch_size as f64),
            ("peak_lr", self.peak_lr),
            ("lora rank", self.lora_rank.unwrap_or(1) as f64),
        ] {
            if !(value.is_finite() && value > 0.0) {
                return Err(TrainError::NotPositive { setting, value });
            }
        }
        Ok(())
    }
}

/// One pair as tokens, and where its answer starts.
#[derive(Debug, Clone, PartialEq)]
pub struct SftExample {
    pub tokens: Vec<u32>,
    /// Index of the `<|answer|>` token: the targets from here on are supervised.
    pub answer_marker: usize,
}

/// The question as the model sees it at inference: everything up to `<|answer|>`.
pub fn prompt(question: &str) -> String {
    format!("{QUESTION}{question}{ANSWER}")
}

/// Encodes the pairs; pairs longer than `context` tokens are left out and counted.
pub fn encode_pairs(
    pairs: &[QaPair],
    tokenizer: &Tokenizer,
    context: usize,
) -> Result<(Vec<SftExample>, usize)> {
    let end = end_of_text(tokenizer)?;
    let marker = |token: &'static str| {
        tokenizer
            .token_id(token)
            .ok_or(TrainError::MissingSpecialToken(token))
    };
    let (question_id, answer_id) = (marker(QUESTION)?, marker(ANSWER)?);
    let mut examples = Vec::new();
    let mut dropped = 0;
    for pair in pairs {
        let mut tokens = vec![question_id];
        tokens.extend(tokenizer.encode(&pair.question)?);
        let answer_marker = tokens.len();
        tokens.push(answer_id);
        tokens.extend(tokenizer.encode(&pair.answer)?);
        tokens.push(end);
        // Inputs drop the last token, so a pair of context + 1 tokens still fits.
        if tokens.len() > context + 1 {
            dropped += 1;
            continue;
        }
        examples.push(SftExample {
            tokens,
            answer_marker,
        });
    }
    if examples.is_empty() {
        return Err(TrainError::Empty {
            what: format!("question→answer pair that fits the context of {context} tokens"),
        });
    }
    Ok((examples, dropped))
}

/// A padded batch: inputs and targets (B, T) and the flat indices (into B·T) of the
/// supervised targets.
pub struct SftBatch {
    pub inputs: Tensor,
    pub targets: Tensor,
    pub supervised: Tensor,
}

pub fn sft_batch(examples: &[&SftExample], pad: u32, device: &Device) -> Result<SftBatch> {
    let t = examples
        .iter()
        .map(|e| e.tokens.len() - 1)
        .max()
        .unwrap_or(1);
    let mut inputs = Vec::with_capacity(examples.len() * t);
    let mut targets = Vec::with_capacity(examples.len() * t);
    let mut supervised = Vec::new();
    for (row, example) in examples.iter().enumerate() {
        let n = example.tokens.len() - 1;
        inputs.extend_from_slice(&example.tokens[..n]);
        targets.extend_from_slice(&example.tokens[1..]);
        inputs.extend(std::iter::repeat_n(pad, t - n));
        targets.extend(std::iter::repeat_n(pad, t - n));
        // Target j is token j + 1: supervised from the first answer token on.
        supervised.extend((example.answer_marker..n).map(|j| (row * t + j) as u32));
    }
    let b = examples.len();
    Ok(SftBatch {
        inputs: Tensor::from_vec(inputs, (b, t), device)?,
        targets: Tensor::from_vec(targets, (b, t), device)?,
        supervised: Tensor::from_vec(supervised.clone(), supervised.len(), device)?,
    })
}

/// Mean cross-entropy over the supervised targets only.
pub fn masked_loss(model: &Transformer, batch: &SftBatch) -> Result<Tensor> {
    let logits = model.forward(&batch.inputs)?; // (B, T, V)
    let vocab = logits.dim(2)?;
    let rows = logits
        .reshape(((), vocab))?
        .index_select(&batch.supervised, 0)?; // (N, V)
    let targets = batch
        .targets
        .flatten_all()?
        .index_select(&batch.supervised, 0)?; // (N)
    Ok(cross_entropy(&rows, &targets)?)
}

/// What a fine-tuning run did.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SftReport {
    pub examples: usize,
    pub dropped: usize,
    pub trainable_parameters: usize,
    pub total_parameters: usize,
    pub final_loss: f32,
    pub seconds: f64,
    pub cancelled: bool,
}

/// The parameters a run trains: all weights, or LoRA adapters over frozen ones.
enum Trainable {
    Full,
    Lora(Lora),
}

impl Trainable {
    fn model(&self, config: &ModelConfig, weights: &Weights) -> Result<Transformer> {
        match self {
            Trainable::Full => Ok(Transformer::new(config, weights)?),
            Trainable::Lora(lora) => lora.model(config, weights),
        }
    }
}

/// Fine-tunes the model in `base` on `pairs` and writes a plain model folder to `out`.
pub fn fine_tune(
    base: &ModelDir,
    pairs: &[QaPair],
    settings: &SftSettings,
    out: &Path,
    control: &TrainControl,
    on_event: &mut dyn FnMut(TrainEvent),
) -> Result<SftReport> {
    settings.validate()?;
    let config = base.config()?;
    let tokenizer = base.tokenizer()?;
    let weights = base.weights(&config, &Device::Cpu)?;
    let (examples, dropped) = encode_pairs(pairs, &tokenizer, config.max_position_embeddings)?;
    if settings.batch_size > examples.len() {
        return Err(TrainError::BatchLargerThanData {
            batch_size: settings.batch_size,
            seq_len: config.max_position_embeddings,
            tokens: examples.len() * config.max_position_embeddings,
        });
    }
    let adamw = AdamWSettings {
        weight_decay: 0.0,
        ..AdamWSettings::default()
    };
    let (trainable, mut optimizer) = match settings.lora_rank {
        None => (Trainable::Full, AdamW::new(&weights, adamw)?),
        Some(rank) => {
            let lora = Lora::new(&config, &weights, rank, settings.seed)?;
            let optimizer = AdamW::for_vars(lora.vars(), adamw)?;
            (Trainable::Lora(lora), optimizer)
        }
    };
    // Built once: the model holds the parameter tensors, and the optimiser updates them
    // in place (for LoRA, B · A is recomputed from the adapters inside each forward).
    let model = trainable.model(&config, &weights)?;
    let schedule = LrSchedule {
        peak: settings.peak_lr,
        warmup_steps: settings.warmup_steps,
        total_steps: settings.steps,
        final_fraction: 0.1,
    };
    let pad = end_of_text(&tokenizer)?;
    let started = Instant::now();
    let mut log = TrainingLog::default();
    let mut final_loss = f32::NAN;
    let mut cancelled = false;
    for step in 0..settings.steps {
        if control.wait_if_paused(step as u32, on_event) == RunState::Cancelled {
            cancelled = true;
            break;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        rng.set_stream(step);
        let rows: Vec<&SftExample> = (0..settings.batch_size)
            .map(|_| &examples[rng.random_range(0..examples.len())])
            .collect();
        let batch = sft_batch(&rows, pad, &Device::Cpu)?;
        let step_started = Instant::now();
        let loss = masked_loss(&model, &batch)?;
        let grads = loss.backward()?;
        let mut gradients = optimizer.gradients(&grads);
        let grad_norm = clip_gradients(&mut gradients, 1.0)?;
        let lr = schedule.at(step);
        optimizer.apply(&gradients, lr)?;
        final_loss = loss.to_scalar::<f32>()?;
        let seconds = step_started.elapsed().as_secs_f64();
        let report = StepReport {
            step: step as u32 + 1,
            total_steps: settings.steps as u32,
            train_loss: final_loss,
            learning_rate: lr as f32,
            grad_norm: grad_norm as f32,
            tokens_seen: 0.0,
            tokens_per_second: (batch.inputs.elem_count() as f64 / seconds) as f32,
            eta_seconds: (seconds * (settings.steps - step - 1) as f64) as f32,
            elapsed_seconds: started.elapsed().as_secs_f32(),
        };
        log.steps.push(report.clone());
        on_event(TrainEvent::Step(report));
    }
    let merged = match &trainable {
        Trainable::Full => weights.clone(),
        Trainable::Lora(lora) => lora.merged(&config, &weights)?,
    };
    save_model(out, &config, &merged, &tokenizer)?;
    write_file_atomically(&out.join("train.csv"), log.to_csv().as_bytes())?;
    crate::loss_chart::write_svg(&log, &out.join("loss.svg"))?;
    on_event(TrainEvent::Finished {
        step: log.steps.len() as u32,
        cancelled,
    });
    Ok(SftReport {
        examples: examples.len(),
        dropped,
        trainable_parameters: optimizer.parameter_count(),
        total_parameters: config.parameter_count().total,
        final_loss,
        seconds: started.elapsed().as_secs_f64(),
        cancelled,
    })
}

/// Writes a model folder with the weights replaced atomically.
pub fn save_model(
    out: &Path,
    config: &ModelConfig,
    weights: &Weights,
    tokenizer: &Tokenizer,
) -> Result<()> {
    let io = |e: String| TrainError::Write {
        path: out.to_owned(),
        reason: e,
    };
    std::fs::create_dir_all(out).map_err(|e| io(e.to_string()))?;
    write_file_atomically(&out.join("config.json"), config.to_json().as_bytes())?;
    write_file_atomically(&out.join("tokenizer.json"), tokenizer.to_json()?.as_bytes())?;
    write_atomically(&out.join(WEIGHTS_FILE), |tmp| {
        weights.save(tmp).map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training_testing;

    fn pairs() -> Vec<QaPair> {
        [
            ("明月几时有？", "把酒问青天。"),
            ("Who is Emma?", "Emma Woodhouse, handsome and rich."),
        ]
        .map(|(q, a)| QaPair {
            question: q.to_owned(),
            answer: a.to_owned(),
            kind: "test".to_owned(),
        })
        .to_vec()
    }

    fn base_model() -> (tempfile::TempDir, ModelDir) {
        let tokenizer = training_testing::tokenizer();
        let config = training_testing::config(&tokenizer, 1).model;
        let weights = Weights::random(&config, 2, &Device::Cpu).unwrap();
        let dir = tempfile::tempdir().unwrap();
        save_model(dir.path(), &config, &weights, &tokenizer).unwrap();
        let model = ModelDir::open(dir.path()).unwrap();
        (dir, model)
    }

    #[test]
    fn only_answer_tokens_and_the_end_are_supervised() {
        let tokenizer = training_testing::tokenizer();
        let (examples, dropped) = encode_pairs(&pairs(), &tokenizer, 64).unwrap();
        assert_eq!(dropped, 0);
        let rows: Vec<&SftExample> = examples.iter().collect();
        let batch = sft_batch(&rows, 0, &Device::Cpu).unwrap();
        let targets = batch
            .targets
            .flatten_all()
            .unwrap()
            .to_vec1::<u32>()
            .unwrap();
        let supervised = batch.supervised.to_vec1::<u32>().unwrap();
        let t = batch.targets.dim(1).unwrap();
        let end = end_of_text(&tokenizer).unwrap();
        for (row, (pair, example)) in pairs().iter().zip(&examples).enumerate() {
            let chosen: Vec<u32> = supervised
                .iter()
                .filter(|&&i| i as usize / t == row)
                .map(|&i| targets[i as usize])
                .collect();
            let mut expected = tokenizer.encode(&pair.answer).unwrap();
            expected.push(end);
            assert_eq!(chosen, expected, "row {row}");
            let question = tokenizer.encode(&pair.question).unwrap();
            assert_eq!(&example.tokens[1..=question.len()], question.as_slice());
        }
        assert!(encode_pairs(&pairs(), &tokenizer, 4).is_err());
    }

    #[test]
    fn lora_trains_only_the_adapters_and_merges_into_a_plain_model() {
        let (_base_dir, base) = base_model();
        let config = base.config().unwrap();
        let before = base.weights(&config, &Device::Cpu).unwrap();
        let weights = base.weights(&config, &Device::Cpu).unwrap();
        let lora = Lora::new(&config, &weights, 2, 0).unwrap();
        // Rank 2 × (in + out) for q (32→32), v (32→16, two key/value heads) and o (32→32).
        let expected = config.num_hidden_layers * 2 * ((32 + 32) + (32 + 16) + (32 + 32));
        assert_eq!(lora.trainable_parameters(), expected);
        let out = tempfile::tempdir().unwrap();
        let settings = SftSettings {
            steps: 5,
            batch_size: 2,
            peak_lr: 1e-2,
            warmup_steps: 1,
            seed: 0,
            lora_rank: Some(2),
        };
        let report = fine_tune(
            &base,
            &pairs(),
            &settings,
            out.path(),
            &TrainControl::new(),
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(report.trainable_parameters, expected);
        // The base folder is untouched and the output differs only in adapted matrices.
        let base_after = base.weights(&config, &Device::Cpu).unwrap();
        let tuned = ModelDir::open(out.path())
            .unwrap()
            .weights(&config, &Device::Cpu)
            .unwrap();
        for (name, var) in before.iter() {
            let diff = |other: &Weights| {
                (var.as_tensor() - other.tensor(name).unwrap())
                    .unwrap()
                    .abs()
                    .unwrap()
                    .max_all()
                    .unwrap()
                    .to_scalar::<f32>()
                    .unwrap()
            };
            assert_eq!(diff(&base_after), 0.0, "{name} changed in the base");
            let adapted = crate::lora::ADAPTED_PROJECTIONS
                .iter()
                .any(|p| name.ends_with(&format!("self_attn.{p}_proj.weight")));
            assert_eq!(diff(&tuned) > 0.0, adapted, "{name}");
        }
    }

    #[test]
    fn full_fine_tuning_lowers_the_answer_loss() {
        let (_base_dir, base) = base_model();
        let out = tempfile::tempdir().unwrap();
        let settings = SftSettings {
            steps: 30,
            batch_size: 2,
            peak_lr: 3e-3,
            warmup_steps: 2,
            seed: 0,
            lora_rank: None,
        };
        let mut losses = Vec::new();
        fine_tune(
            &base,
            &pairs(),
            &settings,
            out.path(),
            &TrainControl::new(),
            &mut |e| {
                if let TrainEvent::Step(s) = e {
                    losses.push(s.train_loss)
                }
            },
        )
        .unwrap();
        assert!(losses[29] < losses[0] - 1.0, "{losses:?}");
        ModelDir::open(out.path()).unwrap().cpu_generator().unwrap();
    }
}
