//! glassbox-app: the Tauri shell. Commands are thin adapters over the domain crates; the model
//! math lives in glassbox-model, glassbox-gpu and glassbox-train, never here.

mod commands;
mod engine;
mod error;
mod models;
mod workbench;
mod worker;

use engine::Engine;
use glassbox_lessons::Course;
use std::path::PathBuf;
use tauri::Manager;
use workbench::Workbench;
use worker::Worker;

/// State shared by every command.
pub struct AppState {
    pub course: Course,
    pub models_dir: Option<PathBuf>,
    pub engine: Engine,
    pub workbench: Worker<Workbench>,
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "glassbox=info,warn".into()),
        )
        .init();

    // The course is compiled in and checked by tests, so failing here means a broken build.
    let course = Course::embedded().expect("the embedded course is valid");

    tauri::Builder::default()
        .setup(move |app| {
            let models_dir = models::locate_models(app.path().resource_dir().ok());
            match &models_dir {
                Some(dir) => tracing::info!(models = %dir.display(), "models folder"),
                None => tracing::warn!("no models folder found; set GLASSBOX_MODELS"),
            }
            let engine = Engine::start(models_dir.clone());
            let workbench_models = models_dir.clone();
            let workbench = Worker::start("glassbox-workbench", move || {
                Workbench::new(workbench_models)
            });
            app.manage(AppState {
                course,
                models_dir,
                engine,
                workbench,
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::course_outline,
            commands::lesson,
            commands::list_models,
            commands::load_model,
            commands::tokenize,
            commands::prefill,
            commands::prefill_tokens,
            commands::step,
            commands::play,
            commands::pause,
            commands::backend_choice,
            commands::inspect,
            commands::complete,
            commands::complete_baseline,
            commands::model_loss,
            commands::ngram_loss,
            commands::compress,
            commands::distillation
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime starts");
}
