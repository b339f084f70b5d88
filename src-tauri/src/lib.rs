//! glassbox-app: the Tauri shell. Commands are thin adapters over the domain crates; the model
//! math lives in glassbox-model, glassbox-gpu and glassbox-train, never here.

mod commands;
mod engine;
mod error;
mod limits_commands;
mod models;
mod training;
mod training_commands;
mod workbench;
mod worker;

use engine::Engine;
use glassbox_lessons::Course;
use models::ModelPaths;
use std::path::PathBuf;
use std::time::Duration;
use tauri::Manager;
use training::TrainingLab;
use workbench::Workbench;
use worker::Worker;

/// State shared by every command.
pub struct AppState {
    pub course: Course,
    pub models_dir: Option<PathBuf>,
    pub engine: Engine,
    pub workbench: Worker<Workbench>,
    pub training: TrainingLab,
}

/// How long a closing window waits for a running run's final checkpoint.
const CLOSE_CHECKPOINT_WAIT: Duration = Duration::from_secs(10);

/// The app's own folder for runs (`GLASSBOX_DATA_DIR` overrides it, for tests), and where
/// exports go: `GLASSBOX_EXPORTS_DIR`, else Downloads/Glassbox, else the data folder.
fn data_folders(app: &tauri::App) -> (PathBuf, PathBuf) {
    let data = std::env::var_os("GLASSBOX_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| app.path().app_data_dir().ok())
        .unwrap_or_else(|| std::env::temp_dir().join("glassbox"));
    let exports = std::env::var_os("GLASSBOX_EXPORTS_DIR")
        .map(PathBuf::from)
        .or_else(|| app.path().download_dir().ok().map(|d| d.join("Glassbox")))
        .unwrap_or_else(|| data.join("exports"));
    (data.join("runs"), exports)
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
            let (runs_dir, exports_dir) = data_folders(app);
            tracing::info!(runs = %runs_dir.display(), exports = %exports_dir.display(), "training folders");
            let paths = ModelPaths {
                models: models_dir.clone(),
                runs: Some(runs_dir.clone()),
            };
            let engine = Engine::start(paths.clone());
            let workbench = Worker::start("glassbox-workbench", move || Workbench::new(paths));
            let training = TrainingLab::new(models_dir.clone(), runs_dir, exports_dir);
            app.manage(AppState {
                course,
                models_dir,
                engine,
                workbench,
                training,
            });
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing mid-run stops the run after a checkpoint, so nothing trained is lost.
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                window.state::<AppState>().training.stop_and_wait(CLOSE_CHECKPOINT_WAIT);
            }
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
            commands::distillation,
            commands::corpus_stats,
            commands::clean_sample,
            limits_commands::benchmark_items,
            limits_commands::benchmark_score,
            limits_commands::traced_complete,
            limits_commands::context_probe,
            limits_commands::safety_check,
            limits_commands::safety_blocklist,
            training_commands::design_model,
            training_commands::start_training,
            training_commands::pause_training,
            training_commands::resume_training,
            training_commands::stop_training,
            training_commands::list_runs,
            training_commands::run_chart,
            training_commands::delete_run,
            training_commands::export_run
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime starts");
}
