//! Reads Jane Austen's six novels from the `janeaustenr` R package (Debian's
//! `r-cran-janeaustenr`), where each novel is a character vector of the Project Gutenberg
//! text's lines, and cuts them into chapters.

use super::cleaning::clean_english_paragraph;
use super::rdata::{LazyLoadDb, RValue};
use super::stats::SourceStats;
use super::{CorpusError, Document};
use std::path::Path;

/// Where `fetch-sources.sh` unpacks the Debian package, below the sources directory.
pub(crate) const JANEAUSTENR_DIR: &str = "janeaustenr";
const DATA_STEM: &str = "usr/lib/R/site-library/janeaustenr/data/Rdata";
pub(crate) const JANEAUSTENR_LICENSE: &str =
    "janeaustenr/usr/share/doc/r-cran-janeaustenr/copyright";
const AUTHOR: &str = "Jane Austen";

/// The package's variable names and the novels' titles, in order of publication.
const NOVELS: [(&str, &str); 6] = [
    ("sensesensibility", "Sense and Sensibility"),
    ("prideprejudice", "Pride and Prejudice"),
    ("mansfieldpark", "Mansfield Park"),
    ("emma", "Emma"),
    ("northangerabbey", "Northanger Abbey"),
    ("persuasion", "Persuasion"),
];

pub(crate) struct Novel {
    pub title: &'static str,
    pub lines: Vec<String>,
}

pub(crate) fn read_novels(sources: &Path) -> Result<Vec<Novel>, CorpusError> {
    let stem = sources.join(JANEAUSTENR_DIR).join(DATA_STEM);
    let rdx = stem.with_extension("rdx");
    if !rdx.is_file() {
        return Err(CorpusError::MissingSources {
            sources: sources.to_path_buf(),
            missing: rdx,
        });
    }
    let rdata_error = |source| CorpusError::RData {
        path: rdx.clone(),
        source,
    };
    let db = LazyLoadDb::open(&stem).map_err(rdata_error)?;
    let mut novels = Vec::new();
    for name in db.variable_names() {
        let Some(order) = NOVELS.iter().position(|(n, _)| *n == name) else {
            return Err(CorpusError::Invalid {
                path: rdx.clone(),
                reason: format!(
                    "unexpected data set {name:?}; janeaustenr 1.0.0 holds {}",
                    NOVELS.map(|(n, _)| n).join(", ")
                ),
            });
        };
        let RValue::Character(lines) = db.load(name).map_err(rdata_error)?.value else {
            return Err(CorpusError::Invalid {
                path: rdx.clone(),
                reason: format!("{name} is not a character vector of lines"),
            });
        };
        let lines = lines.into_iter().map(Option::unwrap_or_default).collect();
        novels.push((
            order,
            Novel {
                title: NOVELS[order].1,
                lines,
            },
        ));
    }
    novels.sort_by_key(|(order, _)| *order);
    Ok(novels.into_iter().map(|(_, novel)| novel).collect())
}

/// "CHAPTER IV", "Chapter 12", "VOLUME II": a word, then a roman or arabic numeral.
fn is_heading(line: &str, words: [&str; 2]) -> bool {
    words
        .iter()
        .filter_map(|word| line.strip_prefix(word)?.strip_prefix(' '))
        .map(|numeral| numeral.trim_end_matches('.'))
        .any(|numeral| {
            !numeral.is_empty()
                && (numeral.bytes().all(|b| b.is_ascii_digit())
                    || numeral.bytes().all(|b| b"IVXLC".contains(&b)))
        })
}

/// Lines after which only the editions' endings and notes follow.
fn is_end_marker(line: &str) -> bool {
    ["THE END", "FINIS", "A NOTE ON THE TEXT"]
        .iter()
        .any(|marker| line.eq_ignore_ascii_case(marker))
}

/// Cuts a novel into chapters, one document each, paragraphs on their own lines. Title
/// pages, headings and the editions' end notes are dropped and counted in `stats`.
pub(crate) fn chapters(novel: &Novel, stats: &mut SourceStats) -> Vec<Document> {
    #[derive(PartialEq)]
    enum Part {
        FrontMatter,
        Chapter,
        BackMatter,
    }
    let mut chapters: Vec<Vec<String>> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut part = Part::FrontMatter;

    for line in &novel.lines {
        let trimmed = line.trim();
        let dropped = &mut stats.lines_dropped;
        if part == Part::BackMatter {
            if trimmed.is_empty() {
                dropped.blank += 1;
            } else {
                dropped.front_and_back_matter += 1;
            }
        } else if is_end_marker(trimmed) {
            dropped.front_and_back_matter += 1;
            finish_paragraph(&mut paragraph, &mut chapters, stats);
            part = Part::BackMatter;
        } else if is_heading(trimmed, ["CHAPTER", "Chapter"]) {
            dropped.headings += 1;
            finish_paragraph(&mut paragraph, &mut chapters, stats);
            chapters.push(Vec::new());
            part = Part::Chapter;
        } else if is_heading(trimmed, ["VOLUME", "Volume"]) {
            dropped.headings += 1;
            finish_paragraph(&mut paragraph, &mut chapters, stats);
        } else if trimmed.is_empty() {
            dropped.blank += 1;
            finish_paragraph(&mut paragraph, &mut chapters, stats);
        } else if part == Part::FrontMatter {
            dropped.front_and_back_matter += 1;
        } else {
            paragraph.push(line);
        }
    }
    finish_paragraph(&mut paragraph, &mut chapters, stats);

    let mut documents = Vec::new();
    for (number, paragraphs) in chapters.into_iter().enumerate() {
        if paragraphs.is_empty() {
            stats.documents_dropped.empty += 1;
            continue;
        }
        documents.push(Document {
            title: format!("{}, chapter {}", novel.title, number + 1),
            author: AUTHOR.to_string(),
            text: paragraphs.join("\n"),
        });
    }
    documents
}

/// Cleans the collected lines of a paragraph into the current chapter.
fn finish_paragraph(
    paragraph: &mut Vec<&str>,
    chapters: &mut [Vec<String>],
    stats: &mut SourceStats,
) {
    if paragraph.is_empty() {
        return;
    }
    match clean_english_paragraph(paragraph, &mut stats.edits) {
        Some(text) => chapters
            .last_mut()
            .expect("lines are only collected after a chapter heading")
            .push(text),
        None => stats.lines_dropped.editorial += paragraph.len() as u32,
    }
    paragraph.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    fn novel(lines: &[&str]) -> Novel {
        Novel {
            title: "Emma",
            lines: lines.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn chapters_become_documents_without_front_matter_headings_or_notes() {
        let emma = novel(&[
            "EMMA",
            "",
            "By Jane Austen",
            "VOLUME I",
            "CHAPTER I",
            "",
            "Emma Woodhouse, handsome, clever, and rich, with a comfortable home",
            "and happy disposition.",
            "",
            "                          * * * * *",
            "",
            "She was the youngest.",
            "VOLUME II",
            "CHAPTER I.",
            "",
            "Mr. Elton was the very person.",
            "",
            "",
            "FINIS",
            "A NOTE ON THE TEXT",
            "",
            "Spelling has been modernised.",
        ]);
        let mut stats = SourceStats::new(Source::Austen, "test");
        let documents = chapters(&emma, &mut stats);
        assert_eq!(
            documents,
            [
                Document {
                    title: "Emma, chapter 1".into(),
                    author: "Jane Austen".into(),
                    text: "Emma Woodhouse, handsome, clever, and rich, with a comfortable home \
                           and happy disposition.\nShe was the youngest."
                        .into(),
                },
                Document {
                    title: "Emma, chapter 2".into(),
                    author: "Jane Austen".into(),
                    text: "Mr. Elton was the very person.".into(),
                },
            ]
        );
        let dropped = &stats.lines_dropped;
        assert_eq!(dropped.headings, 4);
        assert_eq!(dropped.front_and_back_matter, 2 + 3);
        assert_eq!(dropped.editorial, 1);
        assert_eq!(dropped.blank, 8);
    }

    #[test]
    fn headings_need_a_numeral() {
        assert!(is_heading("CHAPTER XLVIII", ["CHAPTER", "Chapter"]));
        assert!(is_heading("Chapter 12", ["CHAPTER", "Chapter"]));
        assert!(!is_heading(
            "Chapter and verse were quoted.",
            ["CHAPTER", "Chapter"]
        ));
        assert!(!is_heading("CHAPTER", ["CHAPTER", "Chapter"]));
        assert!(!is_heading("VOLUME I", ["CHAPTER", "Chapter"]));
    }
}
