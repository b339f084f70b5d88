//! Tauri commands: parse the request, call a domain crate, map the error.

use crate::AppState;
use crate::error::CommandError;
use glassbox_lessons::{Lang, Lesson, LessonSummary};
use tauri::State;

#[tauri::command]
pub fn course_outline(state: State<'_, AppState>, lang: Lang) -> Vec<LessonSummary> {
    state.course.summaries(lang)
}

#[tauri::command]
pub fn lesson(state: State<'_, AppState>, id: u8, lang: Lang) -> Result<Lesson, CommandError> {
    Ok(state.course.lesson(id, lang)?.clone())
}
