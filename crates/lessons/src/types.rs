//! The lesson types the UI receives; ts-rs generates their TypeScript twins.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The course languages; Chinese is the primary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// Whether a widget is built (`live`, driven by the real model) or still a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum WidgetStatus {
    Live,
    Planned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WidgetRef {
    pub name: String,
    pub status: WidgetStatus,
}

/// A piece of a section: rendered Markdown, or the slot where a widget goes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[ts(export)]
pub enum Block {
    Html { html: String },
    Widget { name: String, status: WidgetStatus },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Section {
    /// Shared by both languages, so switching language keeps the learner's place.
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuizQuestion {
    pub question: String,
    pub choices: Vec<String>,
    /// Index into `choices`, from 0.
    pub answer: u32,
    pub explain: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Lesson {
    pub id: u8,
    pub slug: String,
    pub lang: Lang,
    pub title: String,
    pub goal: String,
    pub minutes: u32,
    pub widgets: Vec<WidgetRef>,
    pub sections: Vec<Section>,
    pub quiz: Vec<QuizQuestion>,
    /// Facilitator notes, rendered to HTML.
    pub notes_html: String,
}

/// One line of the home screen (and of `glassbox lessons`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LessonSummary {
    pub id: u8,
    pub slug: String,
    pub title: String,
    pub goal: String,
    pub minutes: u32,
    pub live: u32,
    pub planned: u32,
    pub quiz: u32,
}

impl Lesson {
    pub fn summary(&self) -> LessonSummary {
        let count = |status| self.widgets.iter().filter(|w| w.status == status).count() as u32;
        LessonSummary {
            id: self.id,
            slug: self.slug.clone(),
            title: self.title.clone(),
            goal: self.goal.clone(),
            minutes: self.minutes,
            live: count(WidgetStatus::Live),
            planned: count(WidgetStatus::Planned),
            quiz: self.quiz.len() as u32,
        }
    }
}
