//! The cleaning rules run on a learner's sample text, unit by unit, for lesson 7's cleaner:
//! the very functions the corpus pipeline runs, reporting what each line (Chinese) or
//! paragraph (English) became, which rule changed it, or why it was dropped.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use super::Language;
use super::cleaning::{LineDrop, clean_chinese_line, clean_english_paragraph};
use super::stats::CleaningEdits;

/// Why a unit of sample text did not survive cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DropReason {
    Blank,
    /// Only an editor's note.
    Editorial,
    /// Holds □, a character lost from the old texts.
    MissingCharacters,
    /// Garbled by an old encoding: kana, Cyrillic, box drawing, "�".
    ForeignCharacters,
    /// An English paragraph with nothing of the author's: a footnote, a separator, a note.
    NoAuthorText,
    /// The same cleaned text came earlier.
    Duplicate,
}

impl From<LineDrop> for DropReason {
    fn from(drop: LineDrop) -> Self {
        match drop {
            LineDrop::Blank => DropReason::Blank,
            LineDrop::Editorial => DropReason::Editorial,
            LineDrop::MissingCharacters => DropReason::MissingCharacters,
            LineDrop::ForeignCharacters => DropReason::ForeignCharacters,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CleanedUnit {
    pub original: String,
    /// `None` when dropped.
    pub cleaned: Option<String>,
    pub dropped: Option<DropReason>,
    /// What the rules changed inside a kept unit.
    pub edits: CleaningEdits,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CleaningPreview {
    pub language: Language,
    pub units: Vec<CleanedUnit>,
    /// Every kept unit's edits added up.
    pub edits: CleaningEdits,
}

/// Cleans `text` as the pipeline cleans `language`'s sources: Chinese line by line, English
/// paragraph by paragraph (blank lines between them); repeats after cleaning are dropped.
pub fn preview_cleaning(text: &str, language: Language) -> CleaningPreview {
    let mut seen = HashSet::new();
    let mut edits = CleaningEdits::default();
    let units = units_of(text, language)
        .into_iter()
        .map(|lines| {
            let original = lines.join("\n");
            let mut unit_edits = CleaningEdits::default();
            let outcome = match language {
                Language::Zh => {
                    clean_chinese_line(lines[0], &mut unit_edits).map_err(DropReason::from)
                }
                Language::En => {
                    clean_english_paragraph(&lines, &mut unit_edits).ok_or(DropReason::NoAuthorText)
                }
            };
            let outcome = outcome.and_then(|cleaned| {
                if seen.insert(cleaned.clone()) {
                    Ok(cleaned)
                } else {
                    Err(DropReason::Duplicate)
                }
            });
            match outcome {
                Ok(cleaned) => {
                    edits.add(&unit_edits);
                    CleanedUnit {
                        original,
                        cleaned: Some(cleaned),
                        dropped: None,
                        edits: unit_edits,
                    }
                }
                Err(reason) => CleanedUnit {
                    original,
                    cleaned: None,
                    dropped: Some(reason),
                    edits: CleaningEdits::default(),
                },
            }
        })
        .collect();
    CleaningPreview {
        language,
        units,
        edits,
    }
}

/// Chinese: every line (blank ones too, which the rules drop). English: runs of non-blank
/// lines; the blank lines between paragraphs only separate them.
fn units_of(text: &str, language: Language) -> Vec<Vec<&str>> {
    match language {
        Language::Zh => text.lines().map(|line| vec![line]).collect(),
        Language::En => {
            let mut paragraphs = vec![Vec::new()];
            for line in text.lines() {
                match (line.trim().is_empty(), paragraphs.last_mut()) {
                    (true, Some(last)) if !last.is_empty() => paragraphs.push(Vec::new()),
                    (true, _) => {}
                    (false, Some(last)) => last.push(line),
                    (false, None) => paragraphs.push(vec![line]),
                }
            }
            paragraphs.retain(|p| !p.is_empty());
            paragraphs
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_lines_are_cleaned_dropped_or_found_twice() {
        let preview = preview_cleaning(
            "床前 明月光,\n（一作「看」）\n举头望□月\n床前明月光，\n\n",
            Language::Zh,
        );
        let reasons: Vec<_> = preview.units.iter().map(|u| u.dropped).collect();
        assert_eq!(
            reasons,
            vec![
                None,
                Some(DropReason::Editorial),
                Some(DropReason::MissingCharacters),
                Some(DropReason::Duplicate),
                Some(DropReason::Blank),
            ]
        );
        assert_eq!(preview.units[0].cleaned.as_deref(), Some("床前明月光，"));
        assert!(preview.units[0].edits.whitespace_removed > 0);
        assert!(preview.units[0].edits.punctuation_normalised > 0);
        assert_eq!(preview.edits, preview.units[0].edits);
    }

    #[test]
    fn english_paragraphs_are_joined_and_notes_dropped() {
        let text = "It is a truth  universally\n_acknowledged_, that a single man.\n\n\n* * *\n\nIt is a truth universally acknowledged, that a single man.\n";
        let preview = preview_cleaning(text, Language::En);
        assert_eq!(preview.units.len(), 3);
        assert_eq!(
            preview.units[0].cleaned.as_deref(),
            Some("It is a truth universally acknowledged, that a single man.")
        );
        assert!(preview.units[0].edits.markup_removed > 0);
        assert_eq!(preview.units[1].dropped, Some(DropReason::NoAuthorText));
        assert_eq!(preview.units[2].dropped, Some(DropReason::Duplicate));
    }
}
