//! glassbox-lessons: reads the course in `lessons/`, checks it, and hands the app and the
//! CLI typed lessons (front matter, sections of HTML and widget slots, quiz, facilitator notes).
//!
//! The file format is documented in `lessons/README.md`.

mod course;
mod error;
mod lesson;
mod markdown;
mod quiz;
mod types;
mod widgets;

pub use course::Course;
pub use error::LessonError;
pub use types::{
    Block, Lang, Lesson, LessonSummary, QuizQuestion, Section, WidgetRef, WidgetStatus,
};
pub use widgets::KNOWN_WIDGETS;
