//! Pre-training as a library: the loop the `glassbox pretrain` command and the desktop
//! app's training thread both run. It reports through [`TrainEvent`]s and obeys a
//! [`TrainControl`], and keeps its output folder a loadable model at every checkpoint:
//!
//! ```text
//! out/config.json, model.safetensors, tokenizer.json   the model (Hugging Face layout)
//! out/train-config.json                               the run's settings
//! out/train.csv, loss.svg, loss.png                   the log and its chart
//! out/checkpoint/optimizer.safetensors, state.json    what resuming needs besides the model
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use glassbox_model::candle_core::{D, Device, Tensor};
use glassbox_model::model_dir::{CONFIG_FILE, TOKENIZER_FILE, WEIGHTS_FILE};
use glassbox_model::{ModelDir, Tokenizer, Transformer, Weights, cross_entropy};
use serde::{Deserialize, Serialize};

use crate::atomic_file::{write_atomically, write_file_atomically};
use crate::batches::BatchSampler;
use crate::corpus::Corpus;
use crate::evaluate::stream_loss;
use crate::loss_chart::{write_png, write_svg};
use crate::optimizer::AdamW;
use crate::samples::samples;
use crate::token_data::{TokenData, end_of_text};
use crate::train_config::{DistillSettings, TrainConfig};
use crate::train_control::{RunState, TrainControl};
use crate::train_error::{Result, TrainError};
use crate::train_event::{EvaluationReport, LanguageLoss, StepReport, TrainEvent};
use crate::training_log::TrainingLog;

pub const CHECKPOINT_DIR: &str = "checkpoint";
pub const OPTIMIZER_FILE: &str = "optimizer.safetensors";
pub const STATE_FILE: &str = "state.json";
pub const RUN_CONFIG_FILE: &str = "train-config.json";
pub const LOG_FILE: &str = "train.csv";
pub const CHART_SVG: &str = "loss.svg";
pub const CHART_PNG: &str = "loss.png";

/// Samples per language at each evaluation, and their length in tokens.
const SAMPLES_PER_LANGUAGE: usize = 2;
const SAMPLE_TOKENS: usize = 48;
/// Weight of the newest update in the smoothed tokens-per-second figure.
const SPEED_SMOOTHING: f64 = 0.1;

/// What resuming needs besides the model and the optimizer's moments.
#[derive(Debug, Serialize, Deserialize)]
struct TrainerState {
    step: u64,
    elapsed_seconds: f64,
    log: TrainingLog,
}

/// How one update went.
#[derive(Debug, Clone, Copy)]
pub struct UpdateStats {
    pub loss: f32,
    pub grad_norm: f64,
    pub learning_rate: f64,
}

pub struct Trainer {
    config: TrainConfig,
    out: PathBuf,
    tokenizer: Tokenizer,
    data: TokenData,
    sampler: BatchSampler,
    weights: Weights,
    model: Transformer,
    optimizer: AdamW,
    step: u64,
    elapsed_seconds: f64,
    log: TrainingLog,
    teacher: Option<Teacher>,
}

/// The frozen model a distilled student learns from.
struct Teacher {
    model: Transformer,
    temperature: f64,
    alpha: f64,
}

impl Teacher {
    fn load(settings: &DistillSettings, tokenizer: &Tokenizer, seq_len: usize) -> Result<Self> {
        let dir = ModelDir::open(&settings.teacher)?;
        let config = dir.config()?;
        if dir.tokenizer()?.to_json()? != tokenizer.to_json()?
            || config.vocab_size != tokenizer.vocab_size()
        {
            return Err(TrainError::TeacherTokenizer {
                path: settings.teacher.clone(),
            });
        }
        if seq_len > config.max_position_embeddings {
            return Err(TrainError::SequenceTooLong {
                seq_len,
                context: config.max_position_embeddings,
            });
        }
        let weights = dir.weights(&config, &Device::Cpu)?;
        Ok(Self {
            model: Transformer::frozen(&config, &weights)?,
            temperature: settings.temperature,
            alpha: settings.alpha,
        })
    }

    /// The student's cross-entropy against the teacher's softened distribution, times the
    /// temperature squared (Hinton et al. 2015), averaged over positions.
    fn soft_loss(&self, inputs: &Tensor, student_logits: &Tensor) -> Result<Tensor> {
        let t = self.temperature;
        let teacher = (self.model.forward(inputs)?.detach() / t)?;
        let targets = log_softmax(&teacher)?.exp()?;
        let log_probs = log_softmax(&(student_logits / t)?)?;
        let per_position = (targets * log_probs)?.sum(D::Minus1)?.neg()?;
        Ok((per_position.mean_all()? * (t * t))?)
    }

    /// The training loss: soft and hard losses mixed by `alpha`.
    fn mix(&self, soft: &Tensor, hard: &Tensor) -> Result<Tensor> {
        Ok(((soft * self.alpha)? + (hard * (1.0 - self.alpha))?)?)
    }
}

/// Log-softmax over the last dimension from differentiable primitives (candle-nn's fused
/// softmax has no backward pass).
fn log_softmax(x: &Tensor) -> Result<Tensor> {
    let shifted = x.broadcast_sub(&x.max_keepdim(D::Minus1)?.detach())?;
    let log_sum = shifted.exp()?.sum_keepdim(D::Minus1)?.log()?;
    Ok(shifted.broadcast_sub(&log_sum)?)
}

impl Trainer {
    /// Loads the tokenizer and corpus the config names and prepares a run writing to `out`;
    /// with `resume`, continues the run saved there.
    pub fn start(config: TrainConfig, out: &Path, resume: bool) -> Result<Self> {
        config.validate()?;
        let tokenizer = Tokenizer::from_file(&config.data.tokenizer)?;
        let corpus = Corpus::load(&config.data.corpus)?;
        let data = TokenData::from_corpus(&corpus, &tokenizer)?;
        Self::with_data(config, tokenizer, data, out, resume)
    }

    /// As [`Self::start`], with the tokens already at hand (tests, the app).
    pub fn with_data(
        mut config: TrainConfig,
        tokenizer: Tokenizer,
        data: TokenData,
        out: &Path,
        resume: bool,
    ) -> Result<Self> {
        config.validate()?;
        if tokenizer.vocab_size() != config.model.vocab_size {
            return Err(TrainError::VocabMismatch {
                tokenizer: tokenizer.vocab_size(),
                model: config.model.vocab_size,
            });
        }
        config.model.eos_token_id = Some(end_of_text(&tokenizer)?);
        let sampler = BatchSampler {
            batch_size: config.training.batch_size,
            seq_len: config.training.seq_len,
            zh_fraction: config.data.zh_fraction,
            seed: config.training.seed,
        };
        sampler.check(&data)?;
        let device = Device::Cpu;
        let checkpoint = out.join(CHECKPOINT_DIR);
        let (weights, state) = if resume {
            let state_path = checkpoint.join(STATE_FILE);
            let json =
                std::fs::read_to_string(&state_path).map_err(|_| TrainError::NoCheckpoint {
                    path: out.to_owned(),
                })?;
            let state: TrainerState =
                serde_json::from_str(&json).map_err(|e| TrainError::Read {
                    path: state_path,
                    reason: e.to_string(),
                })?;
            let weights = Weights::load(&out.join(WEIGHTS_FILE), &config.model, &device)?;
            (weights, Some(state))
        } else if let Some(dir) = &config.init_from {
            (
                Weights::load(&dir.join(WEIGHTS_FILE), &config.model, &device)?,
                None,
            )
        } else {
            (
                Weights::random(&config.model, config.training.seed, &device)?,
                None,
            )
        };
        let model = Transformer::new(&config.model, &weights)?;
        let teacher = config
            .distill
            .as_ref()
            .map(|settings| Teacher::load(settings, &tokenizer, config.training.seq_len))
            .transpose()?;
        let mut optimizer = AdamW::new(&weights, config.adamw())?;
        let (step, elapsed_seconds, log) = match state {
            Some(mut state) => {
                optimizer.load(&checkpoint.join(OPTIMIZER_FILE), state.step, &device)?;
                state.log.truncate(state.step as u32);
                (state.step, state.elapsed_seconds, state.log)
            }
            None => (0, 0.0, TrainingLog::default()),
        };
        Ok(Self {
            config,
            out: out.to_owned(),
            tokenizer,
            data,
            sampler,
            weights,
            model,
            optimizer,
            step,
            elapsed_seconds,
            log,
            teacher,
        })
    }

    /// Updates done so far.
    pub fn step(&self) -> u64 {
        self.step
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    pub fn log(&self) -> &TrainingLog {
        &self.log
    }

    /// One optimiser update on the batch of the current step.
    pub fn train_step(&mut self) -> Result<UpdateStats> {
        let batch = self.sampler.batch(&self.data, self.step, &Device::Cpu)?;
        let logits = self.model.forward(&batch.inputs)?; // (B, T, vocab)
        let loss = cross_entropy(&logits, &batch.targets)?;
        // A distilled student learns from the mix; the log keeps the text's own loss, so
        // runs with and without a teacher compare directly.
        let objective = match &self.teacher {
            Some(teacher) => teacher.mix(&teacher.soft_loss(&batch.inputs, &logits)?, &loss)?,
            None => loss.clone(),
        };
        let grads = objective.backward()?;
        let mut gradients = self.optimizer.gradients(&grads);
        drop(grads);
        let grad_norm =
            crate::clipping::clip_gradients(&mut gradients, self.config.training.grad_clip)?;
        let learning_rate = self.config.schedule().at(self.step);
        self.optimizer.apply(&gradients, learning_rate)?;
        self.step += 1;
        Ok(UpdateStats {
            loss: loss.to_scalar::<f32>()?,
            grad_norm,
            learning_rate,
        })
    }

    /// Training and validation loss per language on about `limit` targets each (all the
    /// validation text with `None`), and `samples_per_language` generations.
    pub fn evaluate(
        &self,
        limit: Option<usize>,
        samples_per_language: usize,
    ) -> Result<EvaluationReport> {
        let model = Transformer::frozen(&self.config.model, &self.weights)?;
        let seq_len = self.config.training.seq_len;
        let train_limit = limit.unwrap_or(self.config.training.eval_tokens);
        let mut languages = Vec::new();
        for tokens in &self.data.languages {
            let (val_loss, val_tokens) = stream_loss(&model, &tokens.valid, seq_len, limit)?;
            if val_tokens == 0 {
                continue;
            }
            let (train_loss, _) = stream_loss(&model, &tokens.train, seq_len, Some(train_limit))?;
            languages.push(LanguageLoss {
                language: tokens.language,
                train_loss: train_loss as f32,
                val_loss: val_loss as f32,
                val_tokens: val_tokens as u32,
            });
        }
        let val_loss = languages.iter().map(|l| l.val_loss).sum::<f32>() / languages.len() as f32;
        Ok(EvaluationReport {
            step: self.step as u32,
            val_loss,
            languages,
            samples: samples(
                &self.config.model,
                &self.weights,
                &self.tokenizer,
                samples_per_language,
                SAMPLE_TOKENS,
            )?,
        })
    }

    /// Writes the model, the optimizer state, the log and the chart; every file is
    /// replaced atomically, the model last-but-one and the state last, so the state never
    /// points past the weights on disk.
    pub fn save_checkpoint(&self) -> Result<PathBuf> {
        let out = &self.out;
        let checkpoint = out.join(CHECKPOINT_DIR);
        write_file_atomically(
            &out.join(CONFIG_FILE),
            self.config.model.to_json().as_bytes(),
        )?;
        write_file_atomically(
            &out.join(RUN_CONFIG_FILE),
            pretty_json(&self.config).as_bytes(),
        )?;
        let tokenizer_json = self.tokenizer.to_json()?;
        write_file_atomically(&out.join(TOKENIZER_FILE), tokenizer_json.as_bytes())?;
        self.optimizer.save(&checkpoint.join(OPTIMIZER_FILE))?;
        write_atomically(&out.join(WEIGHTS_FILE), |tmp| {
            self.weights.save(tmp).map_err(|e| e.to_string())
        })?;
        let state = TrainerState {
            step: self.step,
            elapsed_seconds: self.elapsed_seconds,
            log: self.log.clone(),
        };
        write_file_atomically(&checkpoint.join(STATE_FILE), pretty_json(&state).as_bytes())?;
        write_file_atomically(&out.join(LOG_FILE), self.log.to_csv().as_bytes())?;
        write_svg(&self.log, &out.join(CHART_SVG))?;
        write_png(&self.log, &out.join(CHART_PNG))?;
        Ok(out.to_owned())
    }

    /// Trains until the configured number of steps or until `control` cancels, reporting
    /// every update, evaluation and checkpoint to `on_event`. Returns whether the run was
    /// cancelled; either way a checkpoint holds the last update.
    pub fn run(
        &mut self,
        control: &TrainControl,
        on_event: &mut dyn FnMut(TrainEvent),
    ) -> Result<bool> {
        let total = self.config.training.steps;
        let tokens_per_step = self.config.tokens_per_step() as f64;
        let mut speed: Option<f64> = None;
        while self.step < total {
            if control.wait_if_paused(self.step as u32, on_event) == RunState::Cancelled {
                self.checkpoint(on_event)?;
                on_event(TrainEvent::Finished {
                    step: self.step as u32,
                    cancelled: true,
                });
                return Ok(true);
            }
            let started = Instant::now();
            let stats = self.train_step()?;
            let seconds = started.elapsed().as_secs_f64();
            self.elapsed_seconds += seconds;
            let now = tokens_per_step / seconds.max(1e-9);
            let smoothed = speed.map_or(now, |s| s + SPEED_SMOOTHING * (now - s));
            speed = Some(smoothed);
            let report = StepReport {
                step: self.step as u32,
                total_steps: total as u32,
                train_loss: stats.loss,
                learning_rate: stats.learning_rate as f32,
                grad_norm: stats.grad_norm as f32,
                tokens_seen: self.step as f64 * tokens_per_step,
                tokens_per_second: smoothed as f32,
                eta_seconds: ((total - self.step) as f64 * tokens_per_step / smoothed) as f32,
                elapsed_seconds: self.elapsed_seconds as f32,
            };
            self.log.steps.push(report.clone());
            on_event(TrainEvent::Step(report));

            let last = self.step == total;
            if last || self.step.is_multiple_of(self.config.training.eval_interval) {
                let started = Instant::now();
                // The final evaluation scores all the validation text.
                let limit = (!last).then_some(self.config.training.eval_tokens);
                let evaluation = self.evaluate(limit, SAMPLES_PER_LANGUAGE)?;
                self.elapsed_seconds += started.elapsed().as_secs_f64();
                self.log.evaluations.push(evaluation.clone());
                on_event(TrainEvent::Evaluation(evaluation));
                self.checkpoint(on_event)?;
            } else if self
                .step
                .is_multiple_of(self.config.training.checkpoint_interval)
            {
                self.checkpoint(on_event)?;
            }
        }
        on_event(TrainEvent::Finished {
            step: self.step as u32,
            cancelled: false,
        });
        Ok(false)
    }

    fn checkpoint(&self, on_event: &mut dyn FnMut(TrainEvent)) -> Result<()> {
        let path = self.save_checkpoint()?;
        on_event(TrainEvent::Checkpoint {
            step: self.step as u32,
            path: path.display().to_string(),
        });
        Ok(())
    }
}

/// Pretty JSON for the small serde values a checkpoint writes.
fn pretty_json(value: &impl Serialize) -> String {
    // Plain structs of numbers, strings and vectors always serialise.
    serde_json::to_string_pretty(value).expect("training state serialises to JSON") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training_testing::{self, values};

    fn trainer(steps: u64, out: &Path, resume: bool) -> Trainer {
        let tokenizer = training_testing::tokenizer();
        let data = training_testing::data(&tokenizer);
        let config = training_testing::config(&tokenizer, steps);
        Trainer::with_data(config, tokenizer, data, out, resume).unwrap()
    }

    #[test]
    fn loss_falls_over_a_few_steps() {
        let dir = tempfile::tempdir().unwrap();
        let mut trainer = trainer(40, dir.path(), false);
        let losses: Vec<f32> = (0..40)
            .map(|_| trainer.train_step().unwrap().loss)
            .collect();
        let first: f32 = losses[..5].iter().sum::<f32>() / 5.0;
        let last: f32 = losses[35..].iter().sum::<f32>() / 5.0;
        assert!(last < first - 1.0, "loss went from {first} to {last}");
    }

    #[test]
    fn resumed_run_matches_an_uninterrupted_one() {
        let straight_dir = tempfile::tempdir().unwrap();
        let mut straight = trainer(6, straight_dir.path(), false);
        for _ in 0..6 {
            straight.train_step().unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let mut first = trainer(6, dir.path(), false);
        for _ in 0..3 {
            first.train_step().unwrap();
        }
        first.save_checkpoint().unwrap();
        drop(first);
        let mut resumed = trainer(6, dir.path(), true);
        assert_eq!(resumed.step(), 3);
        for _ in 0..3 {
            resumed.train_step().unwrap();
        }
        let (a, b) = (values(straight.weights()), values(resumed.weights()));
        let worst = a
            .iter()
            .zip(&b)
            .map(|(x, y)| (x - y).abs())
            .fold(0f32, f32::max);
        assert!(worst <= 1e-6, "resumed weights differ by up to {worst}");
    }

    #[test]
    fn a_continued_run_starts_from_the_given_weights_with_a_fresh_optimizer() {
        let first_dir = tempfile::tempdir().unwrap();
        let mut first = trainer(3, first_dir.path(), false);
        for _ in 0..3 {
            first.train_step().unwrap();
        }
        first.save_checkpoint().unwrap();
        let tokenizer = training_testing::tokenizer();
        let data = training_testing::data(&tokenizer);
        let mut config = training_testing::config(&tokenizer, 5);
        config.init_from = Some(first_dir.path().to_owned());
        let dir = tempfile::tempdir().unwrap();
        let continued = Trainer::with_data(config, tokenizer, data, dir.path(), false).unwrap();
        assert_eq!(continued.step(), 0);
        assert_eq!(values(continued.weights()), values(first.weights()));
    }

    #[test]
    fn a_paused_and_resumed_run_matches_an_uninterrupted_one() {
        let straight_dir = tempfile::tempdir().unwrap();
        let mut straight = trainer(6, straight_dir.path(), false);
        straight.run(&TrainControl::new(), &mut |_| {}).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let mut paused = trainer(6, dir.path(), false);
        let control = TrainControl::new();
        let remote = control.clone();
        let mut events = Vec::new();
        paused
            .run(&control, &mut |event| {
                if matches!(event, TrainEvent::Step(ref s) if s.step == 3) {
                    remote.pause();
                    let resumer = remote.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(std::time::Duration::from_millis(150));
                        resumer.resume();
                    });
                }
                events.push(event);
            })
            .unwrap();
        assert!(events.contains(&TrainEvent::Paused { step: 3 }));
        assert!(events.contains(&TrainEvent::Resumed { step: 3 }));
        assert_eq!(paused.step(), 6);
        assert_eq!(values(straight.weights()), values(paused.weights()));
    }

    #[test]
    fn run_reports_evaluations_and_stops_with_a_checkpoint_when_cancelled() {
        let dir = tempfile::tempdir().unwrap();
        let mut trainer = trainer(4, dir.path(), false);
        let mut events = Vec::new();
        let cancelled = trainer
            .run(&TrainControl::new(), &mut |e| events.push(e))
            .unwrap();
        assert!(!cancelled);
        let evaluation = events.iter().find_map(|e| match e {
            TrainEvent::Evaluation(report) => Some(report),
            _ => None,
        });
        let evaluation = evaluation.expect("the last step evaluates");
        assert_eq!(evaluation.languages.len(), 2);
        assert_eq!(evaluation.samples.len(), 2 * SAMPLES_PER_LANGUAGE);
        for file in [
            CONFIG_FILE,
            WEIGHTS_FILE,
            TOKENIZER_FILE,
            LOG_FILE,
            CHART_SVG,
            CHART_PNG,
        ] {
            assert!(dir.path().join(file).is_file(), "{file} missing");
        }
        glassbox_model::ModelDir::open(dir.path())
            .unwrap()
            .cpu_generator()
            .unwrap();

        let control = TrainControl::new();
        control.cancel();
        let other = tempfile::tempdir().unwrap();
        let mut events = Vec::new();
        let mut cancelled_run = super::tests::trainer(4, other.path(), false);
        assert!(
            cancelled_run
                .run(&control, &mut |e| events.push(e))
                .unwrap()
        );
        assert!(matches!(
            events.last(),
            Some(TrainEvent::Finished {
                step: 0,
                cancelled: true
            })
        ));
        assert!(other.path().join(CHECKPOINT_DIR).join(STATE_FILE).is_file());
    }

    #[test]
    fn resuming_without_a_checkpoint_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let tokenizer = training_testing::tokenizer();
        let data = training_testing::data(&tokenizer);
        let config = training_testing::config(&tokenizer, 2);
        let error = Trainer::with_data(config, tokenizer, data, dir.path(), true)
            .err()
            .unwrap();
        assert!(error.to_string().contains("no checkpoint"), "{error}");
    }

    #[test]
    fn a_distilled_student_moves_towards_its_teacher() {
        let teacher_dir = tempfile::tempdir().unwrap();
        let mut teacher = trainer(30, teacher_dir.path(), false);
        for _ in 0..30 {
            teacher.train_step().unwrap();
        }
        teacher.save_checkpoint().unwrap();

        let tokenizer = training_testing::tokenizer();
        let data = training_testing::data(&tokenizer);
        let mut config = training_testing::config(&tokenizer, 20);
        config.training.seed = 5;
        config.distill = Some(DistillSettings {
            teacher: teacher_dir.path().to_owned(),
            temperature: 2.0,
            alpha: 1.0,
        });
        let dir = tempfile::tempdir().unwrap();
        let mut student = Trainer::with_data(config, tokenizer, data, dir.path(), false).unwrap();
        // KL divergence from the teacher: the soft loss minus its floor, the teacher's
        // own (scaled) entropy.
        let divergence = |student: &Trainer| {
            let batch = student
                .sampler
                .batch(&student.data, 0, &Device::Cpu)
                .unwrap();
            let teacher = student.teacher.as_ref().unwrap();
            let loss = |logits: &Tensor| {
                let soft = teacher.soft_loss(&batch.inputs, logits).unwrap();
                soft.to_scalar::<f32>().unwrap()
            };
            loss(&student.model.forward(&batch.inputs).unwrap())
                - loss(&teacher.model.forward(&batch.inputs).unwrap())
        };
        let before = divergence(&student);
        for _ in 0..20 {
            student.train_step().unwrap();
        }
        let after = divergence(&student);
        assert!(after < before * 0.7, "KL went from {before} to {after}");
    }

    #[test]
    fn a_teacher_with_another_tokenizer_is_refused() {
        let teacher_dir = tempfile::tempdir().unwrap();
        glassbox_model::testing::write_tiny_model(teacher_dir.path(), 1).unwrap();
        let tokenizer = training_testing::tokenizer();
        let data = training_testing::data(&tokenizer);
        let mut config = training_testing::config(&tokenizer, 2);
        config.distill = Some(DistillSettings {
            teacher: teacher_dir.path().to_owned(),
            temperature: 2.0,
            alpha: 0.5,
        });
        let dir = tempfile::tempdir().unwrap();
        let error = Trainer::with_data(config, tokenizer, data, dir.path(), false)
            .err()
            .unwrap();
        assert!(error.to_string().contains("same tokens"), "{error}");
    }

    #[test]
    fn log_softmax_is_normalised_and_differentiable() {
        let x = glassbox_model::candle_core::Var::new(
            &[[1f32, 2.0, 30.0], [-5.0, 0.0, 5.0]],
            &Device::Cpu,
        )
        .unwrap();
        let log_p = log_softmax(x.as_tensor()).unwrap();
        for row in log_p.exp().unwrap().to_vec2::<f32>().unwrap() {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        }
        let grads = log_p
            .narrow(1, 0, 1)
            .unwrap()
            .sum_all()
            .unwrap()
            .backward()
            .unwrap();
        let grad = grads.get(&x).unwrap().to_vec2::<f32>().unwrap();
        assert!(grad.iter().flatten().any(|&g| g != 0.0));
    }
}
