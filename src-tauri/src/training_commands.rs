//! Tauri commands of the training lab (src/training): each runs off the async runtime,
//! since a design measures the machine and a start may carry a large text.

use std::sync::Arc;

use glassbox_train::runs_chart::ChartText;
use tauri::State;
use tauri::ipc::Channel;

use crate::AppState;
use crate::commands::off_the_runtime;
use crate::error::CommandError;
use crate::training::types::{
    DesignReport, ExportFormat, LabEvent, ModelDesign, RunSummary, TrainRequest,
};
use crate::training::{EventSink, TrainingLab};

async fn on_lab<T: Send + 'static>(
    state: &State<'_, AppState>,
    job: impl FnOnce(&TrainingLab) -> Result<T, String> + Send + 'static,
) -> Result<T, CommandError> {
    let lab = state.training.clone();
    off_the_runtime("training lab", move || job(&lab)).await
}

#[tauri::command]
pub async fn design_model(
    state: State<'_, AppState>,
    design: ModelDesign,
    batch_size: u32,
    seq_len: u32,
    steps: u64,
) -> Result<DesignReport, CommandError> {
    on_lab(&state, move |lab| {
        lab.design(&design, batch_size, seq_len, steps)
    })
    .await
}

#[tauri::command]
pub async fn start_training(
    state: State<'_, AppState>,
    requests: Vec<TrainRequest>,
    events: Channel<LabEvent>,
) -> Result<Vec<String>, CommandError> {
    // A closed window drops the channel; the run goes on and is kept.
    let sink: EventSink = Arc::new(move |event| {
        let _ = events.send(event);
    });
    on_lab(&state, move |lab| lab.start(requests, sink)).await
}

#[tauri::command]
pub async fn pause_training(state: State<'_, AppState>) -> Result<(), CommandError> {
    on_lab(&state, |lab| lab.pause()).await
}

#[tauri::command]
pub async fn resume_training(state: State<'_, AppState>) -> Result<(), CommandError> {
    on_lab(&state, |lab| lab.resume()).await
}

#[tauri::command]
pub async fn stop_training(state: State<'_, AppState>) -> Result<(), CommandError> {
    on_lab(&state, |lab| lab.stop()).await
}

#[tauri::command]
pub async fn list_runs(state: State<'_, AppState>) -> Result<Vec<RunSummary>, CommandError> {
    on_lab(&state, |lab| Ok(lab.list())).await
}

#[tauri::command]
pub async fn run_chart(
    state: State<'_, AppState>,
    ids: Vec<String>,
    log_scale: bool,
    text: ChartText,
) -> Result<String, CommandError> {
    on_lab(&state, move |lab| lab.chart(&ids, log_scale, text)).await
}

#[tauri::command]
pub async fn delete_run(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    on_lab(&state, move |lab| lab.delete(&id)).await
}

#[tauri::command]
pub async fn export_run(
    state: State<'_, AppState>,
    id: String,
    format: ExportFormat,
) -> Result<String, CommandError> {
    on_lab(&state, move |lab| lab.export(&id, format)).await
}
