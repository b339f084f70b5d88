//! The training lab: runs train on their own thread, one queue at a time, through the same
//! library code as the command line, and stream [`LabEvent`]s to whoever started them.
//! Runs are kept in the app's data folder (see [`runs`]) with their checkpoints, so
//! stopping or closing the window mid-run keeps everything saved so far.

mod design;
mod jobs;
mod runs;
pub mod types;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use glassbox_model::Tokenizer;
use glassbox_train::corpus::Corpus;
use glassbox_train::runs_chart::ChartText;
use glassbox_train::token_data::TokenData;
use glassbox_train::training_log::TrainingLog;
use glassbox_train::{TrainControl, TrainEvent};

use crate::models::{ModelEntry, ModelSummary, describe_run};
use runs::RunStore;
use types::{
    DesignReport, ExportFormat, LabEvent, ModelDesign, RunStatus, RunSummary, TrainRequest,
};

/// Where a queue's events go: a Tauri channel in the app, a vector in tests.
pub type EventSink = Arc<dyn Fn(LabEvent) + Send + Sync>;

/// The most runs one request may queue.
const MAX_QUEUE: usize = 8;

#[derive(Clone)]
pub struct TrainingLab {
    shared: Arc<Shared>,
}

struct Shared {
    models_dir: Option<PathBuf>,
    runs: RunStore,
    exports_dir: PathBuf,
    state: Mutex<LabState>,
}

#[derive(Default)]
struct LabState {
    queue: Option<Queue>,
    tokenizer: Option<Tokenizer>,
    corpus: Option<Arc<TokenData>>,
    speed: Option<design::MachineSpeed>,
}

struct Queue {
    ids: Vec<String>,
    /// The running run's id, control and log so far.
    current: Option<(String, TrainControl)>,
    live_log: TrainingLog,
    stopped: bool,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl TrainingLab {
    pub fn new(models_dir: Option<PathBuf>, runs_dir: PathBuf, exports_dir: PathBuf) -> Self {
        Self {
            shared: Arc::new(Shared {
                models_dir,
                runs: RunStore::new(runs_dir),
                exports_dir,
                state: Mutex::new(LabState::default()),
            }),
        }
    }

    pub fn runs_dir(&self) -> &Path {
        self.shared.runs.dir()
    }

    fn state(&self) -> MutexGuard<'_, LabState> {
        // A panic while holding the lock leaves plain data; carry on with it.
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn models_dir(&self) -> Result<&Path, String> {
        self.shared
            .models_dir
            .as_deref()
            .ok_or_else(|| "No models folder was found; set GLASSBOX_MODELS.".to_owned())
    }

    fn tokenizer(&self) -> Result<Tokenizer, String> {
        if let Some(tokenizer) = &self.state().tokenizer {
            return Ok(tokenizer.clone());
        }
        let path = self.models_dir()?.join("tokenizer.json");
        let tokenizer = Tokenizer::from_file(&path)
            .map_err(|e| format!("Could not read the bundled tokenizer: {e}"))?;
        self.state().tokenizer = Some(tokenizer.clone());
        Ok(tokenizer)
    }

    /// The bundled corpus as tokens; tokenised on first use (some seconds), then kept.
    fn corpus_tokens(&self) -> Result<TokenData, String> {
        if let Some(tokens) = &self.state().corpus {
            return Ok(tokens.as_ref().clone());
        }
        let corpus = Corpus::load(&self.models_dir()?.join("corpus"))
            .map_err(|e| format!("Could not read the bundled corpus: {e}"))?;
        let tokens =
            TokenData::from_corpus(&corpus, &self.tokenizer()?).map_err(|e| e.to_string())?;
        self.state().corpus = Some(Arc::new(tokens.clone()));
        Ok(tokens)
    }

    /// The design's size, memory and time on this machine. The speed is measured once (a few
    /// seconds) and then refreshed by every finished pre-training run.
    pub fn design(
        &self,
        design: &ModelDesign,
        batch_size: u32,
        seq_len: u32,
        steps: u64,
    ) -> Result<DesignReport, String> {
        let tokenizer = self.tokenizer()?;
        let cached = self.state().speed;
        let speed = match cached {
            Some(speed) => speed,
            None => {
                let speed = design::measure_speed(&tokenizer)?;
                self.state().speed = Some(speed);
                speed
            }
        };
        Ok(design::design_report(
            design,
            batch_size as usize,
            seq_len as usize,
            steps,
            speed,
            tokenizer.vocab_size() as u32,
        ))
    }

    /// Queues `requests` and starts training them on a new thread; refused while another
    /// queue runs. Returns the runs' ids.
    pub fn start(
        &self,
        requests: Vec<TrainRequest>,
        sink: EventSink,
    ) -> Result<Vec<String>, String> {
        if requests.is_empty() || requests.len() > MAX_QUEUE {
            return Err(format!("Start 1 to {MAX_QUEUE} runs at a time."));
        }
        for request in &requests {
            jobs::validate(request)?;
        }
        let models_dir = self.models_dir()?.to_owned();
        let mut state = self.state();
        if state.queue.is_some() {
            return Err(
                "A training run is already in progress. Stop it, or wait for it to finish, before starting another."
                    .into(),
            );
        }
        let created_at = now();
        let mut summaries = Vec::new();
        for request in &requests {
            let id = self.shared.runs.new_id(created_at);
            let summary = jobs::new_summary(id, created_at, request, &models_dir)?;
            self.shared.runs.save(&summary)?;
            summaries.push(summary);
        }
        let ids: Vec<String> = summaries.iter().map(|s| s.id.clone()).collect();
        state.queue = Some(Queue {
            ids: ids.clone(),
            current: None,
            live_log: TrainingLog::default(),
            stopped: false,
        });
        drop(state);
        let lab = self.clone();
        let spawned = std::thread::Builder::new()
            .name("glassbox-training".into())
            .spawn(move || lab.run_queue(requests, summaries, sink));
        if let Err(e) = spawned {
            self.state().queue = None;
            return Err(format!("Could not start the training thread: {e}"));
        }
        Ok(ids)
    }

    fn run_queue(&self, requests: Vec<TrainRequest>, summaries: Vec<RunSummary>, sink: EventSink) {
        for (request, mut summary) in requests.into_iter().zip(summaries) {
            if self.state().queue.as_ref().is_none_or(|q| q.stopped) {
                // Never started: nothing worth keeping.
                let _ = self.shared.runs.delete(&summary.id);
                continue;
            }
            self.run_one(&request, &mut summary, &sink);
        }
        self.state().queue = None;
        sink(LabEvent::QueueEnded);
    }

    fn run_one(&self, request: &TrainRequest, summary: &mut RunSummary, sink: &EventSink) {
        let control = TrainControl::new();
        if let Some(queue) = self.state().queue.as_mut() {
            queue.current = Some((summary.id.clone(), control.clone()));
            queue.live_log = TrainingLog::default();
        }
        summary.status = RunStatus::Running;
        let _ = self.shared.runs.save(summary);
        sink(LabEvent::RunStarted {
            run: summary.clone(),
        });

        let mut timing = StepTiming::default();
        let outcome = self.shared.runs.run_dir(&summary.id).and_then(|dir| {
            let models_dir = self.models_dir()?.to_owned();
            let tokenizer = self.tokenizer()?;
            let corpus = || self.corpus_tokens();
            let resources = jobs::Resources {
                models_dir: &models_dir,
                tokenizer: &tokenizer,
                corpus: &corpus,
            };
            let out = dir.join(crate::models::RUN_MODEL_DIR);
            let mut on_event = |event: TrainEvent| {
                timing.observe(&event);
                self.record(summary, &event);
                sink(LabEvent::Train {
                    run_id: summary.id.clone(),
                    event,
                });
            };
            panic::catch_unwind(AssertUnwindSafe(|| {
                jobs::execute(request, &resources, &out, &control, &mut on_event)
            }))
            .unwrap_or_else(|_| Err("Training stopped on an internal error.".into()))
        });
        summary.seconds_per_step = timing.median();
        match outcome {
            Ok(cancelled) => {
                summary.status = if cancelled {
                    RunStatus::Stopped
                } else {
                    RunStatus::Finished
                };
                if let Some(seconds) = summary.seconds_per_step
                    && !cancelled
                {
                    self.learn_speed(request, seconds);
                }
            }
            Err(message) => {
                tracing::warn!(run = %summary.id, %message, "training failed");
                summary.status = RunStatus::Failed;
                summary.error = Some(message);
            }
        }
        let log = self.live_log();
        let saved = self
            .shared
            .runs
            .save_log(&summary.id, &log)
            .and_then(|()| self.shared.runs.save(summary));
        if let Err(message) = saved {
            summary.status = RunStatus::Failed;
            summary.error = Some(message);
        }
        sink(LabEvent::RunEnded {
            run: summary.clone(),
        });
    }

    /// Folds a trainer event into the run's record and live log; a checkpoint saves both.
    fn record(&self, summary: &mut RunSummary, event: &TrainEvent) {
        match event {
            TrainEvent::Step(step) => {
                summary.step = step.step;
                summary.train_loss = Some(step.train_loss);
                summary.tokens_per_second = Some(step.tokens_per_second);
                if let Some(queue) = self.state().queue.as_mut() {
                    queue.live_log.steps.push(step.clone());
                }
            }
            TrainEvent::Evaluation(evaluation) => {
                summary.val_loss = Some(evaluation.val_loss);
                summary.samples = evaluation.samples.clone();
                if let Some(queue) = self.state().queue.as_mut() {
                    queue.live_log.evaluations.push(evaluation.clone());
                }
            }
            TrainEvent::Checkpoint { .. } => {
                let _ = self.shared.runs.save_log(&summary.id, &self.live_log());
                let _ = self.shared.runs.save(summary);
            }
            TrainEvent::Paused { .. } => summary.status = RunStatus::Paused,
            TrainEvent::Resumed { .. } => summary.status = RunStatus::Running,
            TrainEvent::Finished { .. } => {}
        }
    }

    fn live_log(&self) -> TrainingLog {
        self.state()
            .queue
            .as_ref()
            .map(|q| q.live_log.clone())
            .unwrap_or_default()
    }

    /// A finished pre-training run is the best measure of this machine's arithmetic speed.
    fn learn_speed(&self, request: &TrainRequest, seconds_per_step: f32) {
        if let types::TrainJob::Pretrain {
            design,
            batch_size,
            seq_len,
            ..
        } = &request.job
        {
            let config = design::design_config(design);
            let cost = glassbox_train::training_cost::training_cost(
                &config,
                *batch_size as usize,
                *seq_len as usize,
                None,
            );
            let flops = cost.flops_per_token * (*batch_size * *seq_len) as f64;
            let mut state = self.state();
            if let Some(speed) = state.speed {
                state.speed = Some(speed.learn(flops, f64::from(seconds_per_step)));
            }
        }
    }

    fn with_current(&self, act: impl FnOnce(&TrainControl)) -> Result<(), String> {
        match self.state().queue.as_ref().and_then(|q| q.current.as_ref()) {
            Some((_, control)) => {
                act(control);
                Ok(())
            }
            None => Err("No training run is in progress.".into()),
        }
    }

    pub fn pause(&self) -> Result<(), String> {
        self.with_current(TrainControl::pause)
    }

    pub fn resume(&self) -> Result<(), String> {
        self.with_current(TrainControl::resume)
    }

    /// Stops the running run after a checkpoint and drops the runs queued after it.
    pub fn stop(&self) -> Result<(), String> {
        let mut state = self.state();
        let queue = state
            .queue
            .as_mut()
            .ok_or("No training run is in progress.")?;
        queue.stopped = true;
        if let Some((_, control)) = &queue.current {
            control.cancel();
        }
        Ok(())
    }

    /// Stops any run and waits (up to `limit`) for its checkpoint, for a closing window.
    pub fn stop_and_wait(&self, limit: Duration) {
        if self.stop().is_err() {
            return;
        }
        let started = Instant::now();
        while self.state().queue.is_some() && started.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn active_ids(&self) -> Vec<String> {
        self.state()
            .queue
            .as_ref()
            .map(|q| q.ids.clone())
            .unwrap_or_default()
    }

    pub fn list(&self) -> Vec<RunSummary> {
        self.shared.runs.list(&self.active_ids())
    }

    /// Finished and stopped runs whose model can be opened, for the model picker.
    pub fn models(&self) -> Vec<ModelEntry> {
        self.list()
            .into_iter()
            .filter(|run| matches!(run.status, RunStatus::Finished | RunStatus::Stopped))
            .filter_map(|run| {
                let dir = self.shared.runs.model_dir(&run.id).ok()?;
                dir.join(glassbox_model::model_dir::CONFIG_FILE)
                    .is_file()
                    .then(|| {
                        let summary = ModelSummary {
                            zh: format!("在本应用里训练的模型：{}", run.name),
                            en: format!("Trained in this app: {}", run.name),
                        };
                        describe_run(&dir, &run.id, summary)
                    })
            })
            .collect()
    }

    /// The run's log: the live one while it trains, the saved one after.
    fn log_of(&self, id: &str) -> Result<TrainingLog, String> {
        {
            let state = self.state();
            if let Some(queue) = &state.queue
                && queue
                    .current
                    .as_ref()
                    .is_some_and(|(current, _)| current == id)
            {
                return Ok(queue.live_log.clone());
            }
        }
        self.shared.runs.load_log(id)
    }

    pub fn chart(
        &self,
        ids: &[String],
        log_scale: bool,
        text: ChartText,
    ) -> Result<String, String> {
        let runs: Vec<(RunSummary, TrainingLog)> = ids
            .iter()
            .map(|id| Ok((self.shared.runs.load(id)?, self.log_of(id)?)))
            .collect::<Result<_, String>>()?;
        let pairs: Vec<(&RunSummary, &TrainingLog)> = runs.iter().map(|(r, l)| (r, l)).collect();
        runs::chart(&pairs, log_scale, text)
    }

    pub fn delete(&self, id: &str) -> Result<(), String> {
        if self.active_ids().iter().any(|active| active == id) {
            return Err("This run is still training; stop it before deleting it.".into());
        }
        self.shared.runs.delete(id)
    }

    pub fn export(&self, id: &str, format: ExportFormat) -> Result<String, String> {
        let run = self.shared.runs.load(id)?;
        let log = self.log_of(id)?;
        let path = self
            .shared
            .runs
            .export(&run, &log, format, &self.shared.exports_dir)?;
        Ok(path.display().to_string())
    }
}

/// Wall time between consecutive updates, leaving out those with an evaluation, a
/// checkpoint or a pause in between, for a fair seconds-per-step.
#[derive(Default)]
struct StepTiming {
    last: Option<Instant>,
    seconds: Vec<f32>,
}

impl StepTiming {
    fn observe(&mut self, event: &TrainEvent) {
        match event {
            TrainEvent::Step(_) => {
                let now = Instant::now();
                if let Some(last) = self.last {
                    self.seconds.push(now.duration_since(last).as_secs_f32());
                }
                self.last = Some(now);
            }
            _ => self.last = None,
        }
    }

    fn median(&self) -> Option<f32> {
        let mut sorted = self.seconds.clone();
        sorted.sort_by(f32::total_cmp);
        sorted.get(sorted.len() / 2).copied()
    }
}

#[cfg(test)]
mod tests;
