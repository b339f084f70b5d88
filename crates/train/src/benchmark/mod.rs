//! Lesson 10's small benchmark: cloze and next-line items cut from validation text the
//! models never trained on, each with four candidates, scored by comparing the
//! probabilities a model gives the candidates (the way lm-evaluation-harness scores
//! multiple choice), never by asking it to write a letter.
//!
//! `glassbox benchmark` builds the items once from the corpus and the app ships the file
//! (models/benchmark/items.json); scoring happens live, per model.

mod build;
mod score;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::corpus::Language;
use crate::train_error::{Result, TrainError};

pub use build::{ITEMS_PER_KIND, build_items};
pub use score::{ItemScore, NGramScorer, SequenceScorer, TransformerScorer, score_items};

/// What an item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "BenchmarkKind")]
pub enum ItemKind {
    /// A piece is missing from a line; which candidate fills it?
    Cloze,
    /// Given one line, which candidate is the line that really follows?
    NextLine,
}

/// One multiple-choice item. Candidate `i` reads as the text `before + candidates[i] + after`,
/// and that whole text is what a model scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "BenchmarkItem")]
pub struct Item {
    /// `zh-cloze-01` and so on: language, kind, number.
    pub id: String,
    pub language: Language,
    pub kind: ItemKind,
    /// Where the text comes from: a poem's title and author, or a novel's chapter.
    pub source: String,
    pub before: String,
    pub after: String,
    pub candidates: Vec<String>,
    /// Index of the true candidate.
    pub answer: usize,
}

impl Item {
    /// The full text with candidate `index` in place.
    pub fn text(&self, index: usize) -> String {
        format!("{}{}{}", self.before, self.candidates[index], self.after)
    }
}

/// The items file shipped with the app.
pub const ITEMS_FILE: &str = "items.json";

pub fn save_items(items: &[Item], path: &Path) -> Result<()> {
    let json = serde_json::to_string_pretty(items).map_err(|e| TrainError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    crate::atomic_file::write_file_atomically(path, json.as_bytes())
}

/// Reads an items file, refusing one whose answers point past their candidates.
pub fn load_items(path: &Path) -> Result<Vec<Item>> {
    let bad = |reason: String| TrainError::Read {
        path: path.to_owned(),
        reason,
    };
    let json = std::fs::read_to_string(path).map_err(|e| bad(e.to_string()))?;
    let items: Vec<Item> = serde_json::from_str(&json).map_err(|e| bad(e.to_string()))?;
    if let Some(item) = items
        .iter()
        .find(|i| i.candidates.len() < 2 || i.answer >= i.candidates.len())
    {
        return Err(bad(format!(
            "item {} needs at least two candidates and an answer among them",
            item.id
        )));
    }
    Ok(items)
}
