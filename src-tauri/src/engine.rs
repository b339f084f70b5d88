//! The engine thread: owns the loaded model and runs every generation request in order, so
//! the UI never waits on model math and two requests never touch the model at once.

use crate::models;
use crate::models::ModelPaths;
use glassbox_gpu::{BackendChoice, BackendKind, BackendPreference, choose_backend, load_generator};
use glassbox_model::{Generator, ModelDir, ModelInfo, Prefill, SamplingSettings, Step, TokenView};
use serde::Serialize;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// What a play loop reports: each step as it is made, then why it stopped.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum PlayEvent {
    Step {
        step: Box<Step>,
    },
    Stopped {
        reason: StopReason,
        message: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum StopReason {
    Paused,
    Finished,
    ContextFull,
    /// Another request (a new prompt, another model) replaced the text being played.
    Cancelled,
    Error,
}

/// Where play events go; a Tauri channel in the app, a plain closure in tests.
pub type PlaySink = Box<dyn FnMut(PlayEvent) + Send>;

pub struct PlayRequest {
    pub settings: SamplingSettings,
    pub steps_per_second: f32,
    pub max_steps: u32,
    pub sink: PlaySink,
}

type Reply<T> = Sender<Result<T, String>>;

enum Request {
    Load(String, Reply<ModelInfo>),
    Tokenize(String, Reply<Vec<TokenView>>),
    Prefill(String, Reply<Prefill>),
    PrefillTokens(Vec<u32>, Reply<Prefill>),
    Step(SamplingSettings, Option<u32>, Reply<Step>),
    Play(PlayRequest, Reply<()>),
    Pause(Reply<()>),
    Backend(Reply<BackendChoice>),
}

/// Room kept after the prompt for generated tokens: a long prompt loses its start instead.
const GENERATION_ROOM: usize = 48;

/// The UI's handle on the engine thread; cheap to clone.
#[derive(Clone)]
pub struct Engine {
    requests: Sender<Request>,
}

impl Engine {
    pub fn start(paths: ModelPaths) -> Engine {
        let (requests, inbox) = mpsc::channel();
        std::thread::Builder::new()
            .name("glassbox-engine".into())
            .spawn(move || EngineThread::new(paths).run(inbox))
            .expect("the OS can start a thread");
        Engine { requests }
    }

    fn ask<T>(&self, make: impl FnOnce(Reply<T>) -> Request) -> Result<T, String> {
        let (reply, answer) = mpsc::channel();
        self.requests
            .send(make(reply))
            .map_err(|_| "The model engine has stopped; restart Glassbox.".to_string())?;
        answer.recv().map_err(|_| {
            "The model engine stopped while answering; restart Glassbox.".to_string()
        })?
    }

    pub fn load(&self, name: String) -> Result<ModelInfo, String> {
        self.ask(|r| Request::Load(name, r))
    }
    pub fn tokenize(&self, text: String) -> Result<Vec<TokenView>, String> {
        self.ask(|r| Request::Tokenize(text, r))
    }
    pub fn prefill(&self, prompt: String) -> Result<Prefill, String> {
        self.ask(|r| Request::Prefill(prompt, r))
    }
    pub fn prefill_tokens(&self, tokens: Vec<u32>) -> Result<Prefill, String> {
        self.ask(|r| Request::PrefillTokens(tokens, r))
    }
    pub fn step(&self, settings: SamplingSettings, forced: Option<u32>) -> Result<Step, String> {
        self.ask(|r| Request::Step(settings, forced, r))
    }
    /// Starts playing; returns at once, the steps arrive through the request's sink.
    pub fn play(&self, request: PlayRequest) -> Result<(), String> {
        self.ask(|r| Request::Play(request, r))
    }
    pub fn pause(&self) -> Result<(), String> {
        self.ask(Request::Pause)
    }
    /// Which engine runs the models, and why.
    pub fn backend(&self) -> Result<BackendChoice, String> {
        self.ask(Request::Backend)
    }
}

struct Playing {
    request: PlayRequest,
    made: u32,
    next_at: Instant,
}

struct EngineThread {
    paths: ModelPaths,
    /// Decided at the first load: looking for GPU adapters takes a moment.
    backend: Option<BackendChoice>,
    generator: Option<Generator>,
    playing: Option<Playing>,
}

impl EngineThread {
    fn new(paths: ModelPaths) -> Self {
        Self {
            paths,
            backend: None,
            generator: None,
            playing: None,
        }
    }

    fn run(mut self, inbox: Receiver<Request>) {
        loop {
            let request = match &self.playing {
                None => match inbox.recv() {
                    Ok(request) => Some(request),
                    Err(_) => return,
                },
                // While playing, a request may arrive before the next step is due.
                Some(playing) => {
                    let wait = playing.next_at.saturating_duration_since(Instant::now());
                    match inbox.recv_timeout(wait) {
                        Ok(request) => Some(request),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            };
            match request {
                Some(request) => self.handle(request),
                None => self.play_one_step(),
            }
        }
    }

    fn handle(&mut self, request: Request) {
        match request {
            Request::Pause(reply) => {
                self.stop_playing(StopReason::Paused, None);
                let _ = reply.send(Ok(()));
            }
            Request::Play(play, reply) => {
                let _ = reply.send(self.start_playing(play));
            }
            Request::Backend(reply) => {
                let _ = reply.send(Ok(self.backend_choice().clone()));
            }
            Request::Tokenize(text, reply) => {
                let answer = self.generator_mut().and_then(|g| {
                    let tokenizer = g.tokenizer();
                    let ids = tokenizer.encode(&text).map_err(|e| e.to_string())?;
                    Ok(tokenizer.views(&ids))
                });
                let _ = reply.send(answer);
            }
            // The rest change or extend the text, so a running play stops first.
            Request::Load(name, reply) => {
                self.stop_playing(StopReason::Cancelled, None);
                let _ = reply.send(self.load(&name));
            }
            Request::Prefill(prompt, reply) => {
                self.stop_playing(StopReason::Cancelled, None);
                let _ = reply.send(self.with_room(|g, room| g.prefill(&prompt, room)));
            }
            Request::PrefillTokens(tokens, reply) => {
                self.stop_playing(StopReason::Cancelled, None);
                // Replayed tokens already fit: keep them all, leaving whatever room remains.
                let answer = self.generator_mut().and_then(|g| {
                    let context = g.config().max_position_embeddings;
                    let room = context.saturating_sub(tokens.len()).min(GENERATION_ROOM);
                    g.prefill_tokens(&tokens, room).map_err(|e| e.to_string())
                });
                let _ = reply.send(answer);
            }
            Request::Step(settings, forced, reply) => {
                self.stop_playing(StopReason::Cancelled, None);
                let answer = self
                    .generator_mut()
                    .and_then(|g| g.step(&settings, forced).map_err(|e| e.to_string()));
                let _ = reply.send(answer);
            }
        }
    }

    /// Runs a prefill, keeping room after the prompt for generated tokens.
    fn with_room<T>(
        &mut self,
        prefill: impl FnOnce(&mut Generator, usize) -> glassbox_model::Result<T>,
    ) -> Result<T, String> {
        let generator = self.generator_mut()?;
        let room = GENERATION_ROOM.min(generator.config().max_position_embeddings / 2);
        prefill(generator, room).map_err(|e| e.to_string())
    }

    fn load(&mut self, name: &str) -> Result<ModelInfo, String> {
        let dir = ModelDir::open(&self.paths.resolve(name)?)
            .map_err(|e| format!("Could not open the model {name}: {e}"))?;
        let choice = self.backend_choice().clone();
        let mut generator = match load_generator(&dir, &choice) {
            Ok(generator) => generator,
            // A GPU that cannot take the model (driver trouble, memory) should not stop the
            // lesson: the CPU engine gives the same results, only slower.
            Err(error) if choice.kind == BackendKind::Gpu => {
                tracing::warn!(%error, "the GPU engine could not load the model; using the CPU");
                let fallback = BackendChoice::cpu_after_gpu_failure(choice.adapter);
                let generator = load_generator(&dir, &fallback);
                self.backend = Some(fallback);
                generator.map_err(|e| format!("Could not open the model {name}: {e}"))?
            }
            Err(error) => return Err(format!("Could not open the model {name}: {error}")),
        };
        // The name the UI asked for, so the picker finds it: a run's folder is called `model`.
        generator.rename(name);
        let info = generator.info();
        tracing::info!(model = name, backend = %info.backend, "model loaded");
        self.generator = Some(generator);
        Ok(info)
    }

    fn backend_choice(&mut self) -> &BackendChoice {
        self.backend.get_or_insert_with(|| {
            // GLASSBOX_BACKEND may override the automatic choice; a bad value or a GPU asked
            // for where there is none falls back to the CPU, which always works.
            choose_backend(BackendPreference::Auto).unwrap_or_else(|error| {
                tracing::warn!(%error, "no usable GPU engine; using the CPU");
                BackendChoice::cpu_after_gpu_failure(None)
            })
        })
    }

    fn generator_mut(&mut self) -> Result<&mut Generator, String> {
        if self.generator.is_none() {
            self.load(models::DEFAULT_MODEL)?;
        }
        Ok(self.generator.as_mut().expect("loaded above"))
    }

    fn start_playing(&mut self, request: PlayRequest) -> Result<(), String> {
        if self.playing.is_some() {
            return Err("Already playing: press Pause first.".into());
        }
        if !(request.steps_per_second > 0.0 && request.steps_per_second.is_finite()) {
            return Err("The play speed must be more than 0 steps per second.".into());
        }
        self.generator_mut()?;
        self.playing = Some(Playing {
            request,
            made: 0,
            next_at: Instant::now(),
        });
        Ok(())
    }

    fn play_one_step(&mut self) {
        let Some(playing) = self.playing.as_mut() else {
            return;
        };
        let generator = self
            .generator
            .as_mut()
            .expect("play starts only with a model");
        let result = generator.step(&playing.request.settings, None);
        match result {
            Ok(step) => {
                let end_of_text = Some(step.token.id) == generator.config().eos_token_id;
                (playing.request.sink)(PlayEvent::Step {
                    step: Box::new(step),
                });
                playing.made += 1;
                let interval = Duration::from_secs_f32(1.0 / playing.request.steps_per_second);
                // A fixed rate: the step's own time counts towards the interval, and a slow
                // step is followed at once rather than pushing every later step back.
                playing.next_at = (playing.next_at + interval).max(Instant::now());
                if end_of_text {
                    let message = "The model wrote its end-of-text token.".to_string();
                    self.stop_playing(StopReason::Finished, Some(message));
                } else if playing.made >= playing.request.max_steps {
                    self.stop_playing(StopReason::Finished, None);
                }
            }
            Err(glassbox_model::Error::ContextFull { context }) => {
                let message =
                    format!("The context is full ({context} tokens): the model cannot see more.");
                self.stop_playing(StopReason::ContextFull, Some(message));
            }
            Err(err) => self.stop_playing(StopReason::Error, Some(err.to_string())),
        }
    }

    fn stop_playing(&mut self, reason: StopReason, message: Option<String>) {
        if let Some(mut playing) = self.playing.take() {
            (playing.request.sink)(PlayEvent::Stopped { reason, message });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn engine_with_tiny_model() -> (Engine, tempfile::TempDir) {
        let models = tempfile::tempdir().unwrap();
        glassbox_model::testing::write_tiny_model(&models.path().join(models::DEFAULT_MODEL), 7)
            .unwrap();
        (
            Engine::start(ModelPaths {
                models: Some(models.path().to_owned()),
                runs: None,
            }),
            models,
        )
    }

    fn greedy() -> SamplingSettings {
        SamplingSettings {
            temperature: 0.0,
            top_k: 0,
            top_p: 1.0,
            seed: 1,
        }
    }

    /// A play slow enough that the test acts before it finishes.
    fn slow_play(sink: PlaySink) -> PlayRequest {
        PlayRequest {
            settings: greedy(),
            steps_per_second: 2.0,
            max_steps: 100,
            sink,
        }
    }

    fn recording_sink() -> (PlaySink, Arc<Mutex<Vec<PlayEvent>>>) {
        let events = Arc::new(Mutex::new(Vec::new()));
        let seen = events.clone();
        (Box::new(move |e| seen.lock().unwrap().push(e)), events)
    }

    fn wait_for_stop(events: &Arc<Mutex<Vec<PlayEvent>>>) -> StopReason {
        for _ in 0..500 {
            if let Some(PlayEvent::Stopped { reason, .. }) = events.lock().unwrap().last() {
                return *reason;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("play never stopped");
    }

    #[test]
    fn a_run_trained_in_the_app_loads_under_its_run_name() {
        let runs = tempfile::tempdir().unwrap();
        let dir = runs.path().join("17-0").join(models::RUN_MODEL_DIR);
        glassbox_model::testing::write_tiny_model(&dir, 7).unwrap();
        let engine = Engine::start(ModelPaths {
            models: None,
            runs: Some(runs.path().to_owned()),
        });
        assert_eq!(engine.load("run:17-0".into()).unwrap().name, "run:17-0");
        assert!(engine.load("run:../17-0".into()).is_err());
    }

    #[test]
    fn the_model_runs_on_the_engine_the_choice_names() {
        let (engine, _dir) = engine_with_tiny_model();
        let choice = engine.backend().unwrap();
        let info = engine.load(models::DEFAULT_MODEL.into()).unwrap();
        let expected = match choice.kind {
            BackendKind::Cpu => "cpu",
            BackendKind::Gpu => "gpu",
        };
        assert!(
            info.backend.starts_with(expected),
            "{choice} but the model runs on {}",
            info.backend
        );
    }

    #[test]
    fn stepping_before_a_prompt_is_explained() {
        let (engine, _dir) = engine_with_tiny_model();
        let err = engine.step(greedy(), None).unwrap_err();
        assert!(!err.is_empty());
    }

    #[test]
    fn prefill_then_steps_extend_the_text_and_forcing_picks_the_token() {
        let (engine, _dir) = engine_with_tiny_model();
        let prefill = engine.prefill("hello world".into()).unwrap();
        let first = engine.step(greedy(), None).unwrap();
        assert_eq!(first.position as usize, prefill.tokens.len());
        let forced = engine.step(greedy(), Some(5)).unwrap();
        assert_eq!(forced.token.id, 5);
        assert_eq!(forced.index, 1);
    }

    #[test]
    fn play_streams_steps_then_finishes() {
        let (engine, _dir) = engine_with_tiny_model();
        engine.prefill("hello".into()).unwrap();
        let (sink, events) = recording_sink();
        engine
            .play(PlayRequest {
                settings: greedy(),
                steps_per_second: 200.0,
                max_steps: 4,
                sink,
            })
            .unwrap();
        assert_eq!(wait_for_stop(&events), StopReason::Finished);
        let steps = events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| matches!(e, PlayEvent::Step { .. }))
            .count();
        assert_eq!(steps, 4);
    }

    #[test]
    fn a_second_play_is_refused_and_pause_stops_the_first() {
        let (engine, _dir) = engine_with_tiny_model();
        engine.prefill("hello".into()).unwrap();
        let (sink, events) = recording_sink();
        engine.play(slow_play(sink)).unwrap();
        let (second, _) = recording_sink();
        let err = engine.play(slow_play(second)).unwrap_err();
        assert!(err.contains("Pause"), "{err}");
        engine.pause().unwrap();
        assert_eq!(wait_for_stop(&events), StopReason::Paused);
    }

    #[test]
    fn a_new_prompt_cancels_a_running_play() {
        let (engine, _dir) = engine_with_tiny_model();
        engine.prefill("hello".into()).unwrap();
        let (sink, events) = recording_sink();
        engine.play(slow_play(sink)).unwrap();
        engine.prefill("world".into()).unwrap();
        assert_eq!(wait_for_stop(&events), StopReason::Cancelled);
    }

    #[test]
    fn bad_requests_get_sentences_not_panics() {
        let (engine, _dir) = engine_with_tiny_model();
        assert!(engine.prefill(String::new()).is_err());
        assert!(
            engine
                .load("../etc".into())
                .unwrap_err()
                .contains("no model called")
        );
        assert!(
            engine
                .load("missing".into())
                .unwrap_err()
                .contains("missing")
        );
        // The engine still works afterwards.
        assert!(!engine.tokenize("还在 working".into()).unwrap().is_empty());
    }
}
