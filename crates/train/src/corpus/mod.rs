//! The training corpus: 宋词 and 唐诗 from `chinese-poetry`, Jane Austen's novels from
//! `janeaustenr`. [`build_corpus`] rebuilds `models/corpus/` from the downloaded packages;
//! [`Corpus::load`] reads it back for training.
//!
//! On disk, each source and split is one gzip text file (`songci.train.txt.gz`, ...) holding
//! documents separated by a blank line; `meta.jsonl.gz` gives each document's title and
//! author in the same order; `stats.json` is the cleaning report.

mod austen;
mod cleaning;
mod files;
mod pipeline;
mod poetry;
pub mod preview;
mod rdata;
mod split;
mod stats;
#[cfg(test)]
pub(crate) mod testing;

pub(crate) use cleaning::is_han;
pub use pipeline::build_corpus;
pub use stats::{
    CleaningEdits, CorpusStats, DocumentsDropped, LanguageStats, LinesDropped, SourceStats,
    TextCounts,
};

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The languages of the corpus; Chinese is the primary one.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "CorpusLanguage")]
pub enum Language {
    Zh,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Zh, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Zh => "zh",
            Language::En => "en",
        }
    }
}

/// Where a document comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "CorpusSource")]
pub enum Source {
    /// 宋词: the Song-dynasty ci collection of `chinese-poetry`; one document per ci.
    Songci,
    /// 唐诗: Tang-dynasty regulated verse (绝句 and 律诗), converted to simplified characters.
    Tangshi,
    /// The six Austen novels of `janeaustenr`; one document per chapter.
    Austen,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Songci, Source::Tangshi, Source::Austen];

    pub fn name(self) -> &'static str {
        match self {
            Source::Songci => "songci",
            Source::Tangshi => "tangshi",
            Source::Austen => "austen",
        }
    }

    pub fn language(self) -> Language {
        match self {
            Source::Songci | Source::Tangshi => Language::Zh,
            Source::Austen => Language::En,
        }
    }
}

/// Documents are split, never lines, so no validation text leaks into training.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Valid,
}

impl Split {
    pub const ALL: [Split; 2] = [Split::Train, Split::Valid];

    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Valid => "valid",
        }
    }
}

/// One ci, one poem or one chapter, with what supervised fine-tuning needs to ask about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// 词牌 for a ci, the poem's title for 唐诗, "Emma, chapter 3" for a chapter.
    pub title: String,
    pub author: String,
    /// Lines (zh) or paragraphs (en) separated by single newlines; never a blank line.
    pub text: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(
        "{missing} is missing; download the source packages first with \
         `models/corpus/fetch-sources.sh {sources}` (it needs npm, apt-get and opencc)"
    )]
    MissingSources { sources: PathBuf, missing: PathBuf },
    #[error(
        "{0} is missing; build the corpus with `glassbox corpus --sources DIR --out {dir}`",
        dir = .0.parent().map(Path::display).map(|d| d.to_string()).unwrap_or_default()
    )]
    MissingCorpus(PathBuf),
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not valid JSON of the expected shape: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("cannot extract the novels from {path}: {source}")]
    RData {
        path: PathBuf,
        source: rdata::RDataError,
    },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
}

/// The built corpus, every source split into training and validation documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corpus {
    parts: Vec<(Source, Split, Vec<Document>)>,
}

impl Corpus {
    /// Reads a corpus written by [`build_corpus`] (e.g. `models/corpus`).
    pub fn load(dir: &Path) -> Result<Self, CorpusError> {
        files::read_corpus(dir)
    }

    pub fn documents(&self, source: Source, split: Split) -> &[Document] {
        self.parts
            .iter()
            .find(|(s, p, _)| *s == source && *p == split)
            .map(|(_, _, documents)| documents.as_slice())
            .unwrap_or_default()
    }

    /// The texts of every source in `language`, source by source in [`Source::ALL`] order.
    pub fn texts(&self, language: Language, split: Split) -> impl Iterator<Item = &str> {
        Source::ALL
            .into_iter()
            .filter(move |source| source.language() == language)
            .flat_map(move |source| self.documents(source, split))
            .map(|document| document.text.as_str())
    }
}
