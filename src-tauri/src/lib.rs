//! glassbox-app: the Tauri shell. Commands are thin adapters over the domain crates; the model
//! math lives in glassbox-model, glassbox-gpu and glassbox-train, never here.

mod commands;
mod error;

use glassbox_lessons::Course;

/// State shared by every command.
pub struct AppState {
    pub course: Course,
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
        .manage(AppState { course })
        .invoke_handler(tauri::generate_handler![
            commands::course_outline,
            commands::lesson
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime starts");
}
