//! Tauri commands: parse the request, call a domain crate or the engine, map the error.

use crate::AppState;
use crate::engine::{PlayEvent, PlayRequest};
use crate::error::CommandError;
use crate::models::{self, ModelEntry};
use crate::workbench::{Baseline, CompressionReport, DistillationRun, Technique, Workbench};
use glassbox_gpu::BackendChoice;
use glassbox_lessons::{Lang, Lesson, LessonSummary};
use glassbox_model::{ModelInfo, Prefill, SamplingSettings, Step, TokenView};
use glassbox_train::completion::Completion;
use glassbox_train::corpus::preview::CleaningPreview;
use glassbox_train::corpus::{CorpusStats, Language};
use glassbox_train::held_out::HeldOutLoss;
use tauri::State;
use tauri::ipc::Channel;

#[tauri::command]
pub fn course_outline(state: State<'_, AppState>, lang: Lang) -> Vec<LessonSummary> {
    state.course.summaries(lang)
}

#[tauri::command]
pub fn lesson(state: State<'_, AppState>, id: u8, lang: Lang) -> Result<Lesson, CommandError> {
    Ok(state.course.lesson(id, lang)?.clone())
}

#[tauri::command]
pub fn list_models(state: State<'_, AppState>) -> Vec<ModelEntry> {
    let mut entries = state
        .models_dir
        .as_deref()
        .map(models::list_models)
        .unwrap_or_default();
    // Models trained in the app come after the bundled ones.
    entries.extend(state.training.models());
    entries
}

// Engine commands are async so that Tauri runs them off the main thread: the UI stays
// responsive while the engine thread works.

#[tauri::command]
pub async fn load_model(
    state: State<'_, AppState>,
    name: String,
) -> Result<ModelInfo, CommandError> {
    Ok(state.engine.load(name)?)
}

#[tauri::command]
pub async fn tokenize(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<TokenView>, CommandError> {
    Ok(state.engine.tokenize(text)?)
}

#[tauri::command]
pub async fn prefill(state: State<'_, AppState>, prompt: String) -> Result<Prefill, CommandError> {
    Ok(state.engine.prefill(prompt)?)
}

#[tauri::command]
pub async fn prefill_tokens(
    state: State<'_, AppState>,
    tokens: Vec<u32>,
) -> Result<Prefill, CommandError> {
    Ok(state.engine.prefill_tokens(tokens)?)
}

#[tauri::command]
pub async fn step(
    state: State<'_, AppState>,
    settings: SamplingSettings,
    forced: Option<u32>,
) -> Result<Step, CommandError> {
    Ok(state.engine.step(settings, forced)?)
}

#[tauri::command]
pub async fn play(
    state: State<'_, AppState>,
    settings: SamplingSettings,
    steps_per_second: f32,
    max_steps: u32,
    on_event: Channel<PlayEvent>,
) -> Result<(), CommandError> {
    let sink = Box::new(move |event: PlayEvent| {
        // A closed channel means the page went away; the engine stops at its next request.
        let _ = on_event.send(event);
    });
    Ok(state.engine.play(PlayRequest {
        settings,
        steps_per_second,
        max_steps,
        sink,
    })?)
}

#[tauri::command]
pub async fn pause(state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(state.engine.pause()?)
}

/// Which engine runs the models (GPU or CPU) and why, for the model picker.
#[tauri::command]
pub async fn backend_choice(state: State<'_, AppState>) -> Result<BackendChoice, CommandError> {
    Ok(state.engine.backend()?)
}

// Workbench commands: the lesson widgets' measurements, on their own thread.

/// Runs `job` on a blocking thread and waits for it, so that slow work (a queue of
/// measurements, a training request) never ties up the async runtime other commands need.
pub(crate) async fn off_the_runtime<T: Send + 'static>(
    what: &str,
    job: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| CommandError {
            message: format!("the {what} failed on this request: {e}"),
        })?
        .map_err(CommandError::from)
}

pub(crate) async fn on_workbench<T: Send + 'static>(
    state: &State<'_, AppState>,
    job: impl FnOnce(&mut Workbench) -> Result<T, String> + Send + 'static,
) -> Result<T, CommandError> {
    let workbench = state.workbench.clone();
    off_the_runtime("workbench", move || workbench.run(job)).await
}

/// A bundled model's attention (and routing) over `text`.
#[tauri::command]
pub async fn inspect(
    state: State<'_, AppState>,
    model: String,
    text: String,
) -> Result<Prefill, CommandError> {
    on_workbench(&state, move |w| w.inspect(&model, &text)).await
}

/// A bundled model's continuation of `prompt`.
#[tauri::command]
pub async fn complete(
    state: State<'_, AppState>,
    model: String,
    prompt: String,
    max_tokens: usize,
    settings: SamplingSettings,
) -> Result<Completion, CommandError> {
    on_workbench(&state, move |w| {
        w.complete(&model, &prompt, max_tokens, &settings)
    })
    .await
}

/// An n-gram baseline's continuation of `prompt`.
#[tauri::command]
pub async fn complete_baseline(
    state: State<'_, AppState>,
    baseline: Baseline,
    prompt: String,
    max_tokens: usize,
    settings: SamplingSettings,
) -> Result<Completion, CommandError> {
    on_workbench(&state, move |w| {
        w.complete_baseline(baseline, &prompt, max_tokens, &settings)
    })
    .await
}

#[tauri::command]
pub async fn model_loss(
    state: State<'_, AppState>,
    model: String,
) -> Result<HeldOutLoss, CommandError> {
    on_workbench(&state, move |w| w.model_loss(&model)).await
}

#[tauri::command]
pub async fn ngram_loss(
    state: State<'_, AppState>,
    order: u8,
) -> Result<HeldOutLoss, CommandError> {
    on_workbench(&state, move |w| w.ngram_loss(order)).await
}

/// The corpus pipeline's cleaning report (lesson 7).
#[tauri::command]
pub async fn corpus_stats(state: State<'_, AppState>) -> Result<CorpusStats, CommandError> {
    on_workbench(&state, |w| w.corpus_stats()).await
}

/// The cleaning rules on the learner's own sample text (lesson 7).
#[tauri::command]
pub async fn clean_sample(
    state: State<'_, AppState>,
    text: String,
    language: Language,
) -> Result<CleaningPreview, CommandError> {
    on_workbench(&state, move |w| w.clean_sample(&text, language)).await
}

/// A compressed copy of a bundled model, measured against the original.
#[tauri::command]
pub async fn compress(
    state: State<'_, AppState>,
    model: String,
    technique: Technique,
    prompt: String,
) -> Result<CompressionReport, CommandError> {
    on_workbench(&state, move |w| w.compress(&model, technique, &prompt)).await
}

/// How lesson 6's distillation pair trained.
#[tauri::command]
pub async fn distillation(
    state: State<'_, AppState>,
) -> Result<Vec<DistillationRun>, CommandError> {
    on_workbench(&state, |w| w.distillation()).await
}
