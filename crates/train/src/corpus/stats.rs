//! The cleaning report (`models/corpus/stats.json`) that lesson 7 shows for "data cleaning".
//! Counts are u32 so the generated TypeScript reads them as plain numbers.

use super::{Language, Source};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CorpusStats {
    /// One entry per source, in build order.
    pub sources: Vec<SourceStats>,
    /// The sources of each language added up.
    pub languages: Vec<LanguageStats>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TextCounts {
    pub documents: u32,
    pub lines: u32,
    /// Unicode characters (a 汉字 counts one), newlines included.
    pub characters: u32,
}

impl TextCounts {
    pub(crate) fn add_text(&mut self, text: &str) {
        self.documents += 1;
        self.lines += text.lines().count() as u32;
        self.characters += text.chars().count() as u32;
    }

    fn add(&mut self, other: &TextCounts) {
        self.documents += other.documents;
        self.lines += other.lines;
        self.characters += other.characters;
    }
}

/// Why source lines did not reach the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LinesDropped {
    /// Empty lines; in the novels they only separate paragraphs, which survive as newlines.
    pub blank: u32,
    /// "CHAPTER IV", "VOLUME II": the chapter structure becomes document boundaries.
    pub headings: u32,
    /// Title pages before the first chapter and editors' notes after the last.
    pub front_and_back_matter: u32,
    /// Lines that were only an editor's note, a footnote or a separator such as `* * *`.
    pub editorial: u32,
    /// Lines with □, the sources' mark for a character lost from the old texts.
    pub missing_characters: u32,
    /// Lines garbled by old encodings: kana, Cyrillic, box drawing, "�" inside Chinese verse.
    pub foreign_characters: u32,
}

impl LinesDropped {
    pub fn total(&self) -> u32 {
        self.blank
            + self.headings
            + self.front_and_back_matter
            + self.editorial
            + self.missing_characters
            + self.foreign_characters
    }
}

/// Changes made inside the lines that were kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CleaningEdits {
    /// Inline editors' notes removed: （一作「…」） variants in 唐诗, [bracketed] notes in novels.
    pub notes_removed: u32,
    /// Markup characters removed: `_italics_` underscores and footnote asterisks.
    pub markup_removed: u32,
    /// Punctuation made consistent: full-width in Chinese (，？！), ASCII in English, one
    /// quotation mark style, one middle dot.
    pub punctuation_normalised: u32,
    /// Spaces removed inside Chinese lines, runs of spaces collapsed in English.
    pub whitespace_removed: u32,
}

impl CleaningEdits {
    pub(crate) fn add(&mut self, other: &CleaningEdits) {
        self.notes_removed += other.notes_removed;
        self.markup_removed += other.markup_removed;
        self.punctuation_normalised += other.punctuation_normalised;
        self.whitespace_removed += other.whitespace_removed;
    }
}

/// Why whole documents were left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentsDropped {
    /// Nothing was left after cleaning.
    pub empty: u32,
    /// The same text appeared before (the same poem under two authors, for instance).
    pub duplicate: u32,
    /// Quality filter: 唐诗 that are not 绝句 or 律诗 (five or seven characters per line,
    /// four or eight lines), or lost a line in cleaning.
    pub not_regulated_verse: u32,
}

impl DocumentsDropped {
    pub fn total(&self) -> u32 {
        self.empty + self.duplicate + self.not_regulated_verse
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceStats {
    pub source: Source,
    pub language: Language,
    /// The package the text comes from, e.g. "chinese-poetry 2.0.1 (npm)".
    pub package: String,
    /// What the package holds: its items (ci, poems, novels), lines and characters.
    pub raw: TextCounts,
    /// What the corpus keeps.
    pub kept: TextCounts,
    pub train: TextCounts,
    pub valid: TextCounts,
    pub lines_dropped: LinesDropped,
    pub edits: CleaningEdits,
    pub documents_dropped: DocumentsDropped,
}

impl SourceStats {
    pub(crate) fn new(source: Source, package: &str) -> Self {
        Self {
            source,
            language: source.language(),
            package: package.to_string(),
            raw: TextCounts::default(),
            kept: TextCounts::default(),
            train: TextCounts::default(),
            valid: TextCounts::default(),
            lines_dropped: LinesDropped::default(),
            edits: CleaningEdits::default(),
            documents_dropped: DocumentsDropped::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LanguageStats {
    pub language: Language,
    pub raw: TextCounts,
    pub kept: TextCounts,
    pub train: TextCounts,
    pub valid: TextCounts,
    pub lines_dropped: u32,
    pub duplicates_removed: u32,
    pub documents_dropped: u32,
}

impl CorpusStats {
    pub(crate) fn from_sources(sources: Vec<SourceStats>) -> Self {
        let languages = Language::ALL
            .into_iter()
            .map(|language| {
                let mut total = LanguageStats {
                    language,
                    raw: TextCounts::default(),
                    kept: TextCounts::default(),
                    train: TextCounts::default(),
                    valid: TextCounts::default(),
                    lines_dropped: 0,
                    duplicates_removed: 0,
                    documents_dropped: 0,
                };
                for source in sources.iter().filter(|s| s.language == language) {
                    total.raw.add(&source.raw);
                    total.kept.add(&source.kept);
                    total.train.add(&source.train);
                    total.valid.add(&source.valid);
                    total.lines_dropped += source.lines_dropped.total();
                    total.duplicates_removed += source.documents_dropped.duplicate;
                    total.documents_dropped += source.documents_dropped.total();
                }
                total
            })
            .collect();
        Self { sources, languages }
    }
}
