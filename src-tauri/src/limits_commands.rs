//! Commands of lessons 10 and 11 (evaluation and limitations), all run on the workbench.

use crate::AppState;
use crate::commands::on_workbench;
use crate::error::CommandError;
use glassbox_model::SamplingSettings;
use glassbox_train::benchmark::{Item, ItemScore};
use glassbox_train::context_window::ContextProbe;
use glassbox_train::safety::Verdict;
use glassbox_train::traced::TracedCompletion;
use tauri::State;

/// The shipped held-out benchmark's items (lesson 10).
#[tauri::command]
pub async fn benchmark_items(state: State<'_, AppState>) -> Result<Vec<Item>, CommandError> {
    on_workbench(&state, |w| w.benchmark_items()).await
}

/// How a model, or "trigram", answers every benchmark item, with per-candidate probabilities.
#[tauri::command]
pub async fn benchmark_score(
    state: State<'_, AppState>,
    model: String,
) -> Result<Vec<ItemScore>, CommandError> {
    on_workbench(&state, move |w| w.benchmark_score(&model)).await
}

/// A continuation with the probability and entropy of every token (lessons 10 and 11).
#[tauri::command]
pub async fn traced_complete(
    state: State<'_, AppState>,
    model: String,
    prompt: String,
    max_tokens: usize,
    settings: SamplingSettings,
) -> Result<TracedCompletion, CommandError> {
    on_workbench(&state, move |w| {
        w.traced(&model, &prompt, max_tokens, &settings)
    })
    .await
}

/// A fact, filler and a question through the model's context window (lesson 11).
#[tauri::command]
pub async fn context_probe(
    state: State<'_, AppState>,
    model: String,
    fact: String,
    filler: String,
    question: String,
    expected: String,
) -> Result<ContextProbe, CommandError> {
    on_workbench(&state, move |w| {
        w.context_probe(&model, &fact, &filler, &question, &expected)
    })
    .await
}

/// The safety filter's verdict on a text (lesson 11).
#[tauri::command]
pub async fn safety_check(
    state: State<'_, AppState>,
    text: String,
    threshold: f64,
) -> Result<Verdict, CommandError> {
    on_workbench(&state, move |w| w.safety_check(&text, threshold)).await
}

/// The safety filter's block list.
#[tauri::command]
pub async fn safety_blocklist(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    on_workbench(&state, |w| w.safety_blocklist()).await
}
