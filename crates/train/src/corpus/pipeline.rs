//! The corpus build: read each source, clean it, drop empty, duplicate and (for 唐诗)
//! irregular documents, split by document, write the files and the statistics.

use super::austen::{self, JANEAUSTENR_LICENSE};
use super::cleaning::{clean_chinese_line, is_regulated_verse};
use super::files::write_corpus;
use super::poetry::{self, CHINESE_POETRY_LICENSE, Poem};
use super::split;
use super::stats::{CorpusStats, SourceStats};
use super::{CorpusError, Document, Language, Source, Split};
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn package(source: Source) -> &'static str {
    match source {
        Source::Songci => "chinese-poetry 2.0.1 (npm), dist/songci",
        Source::Tangshi => "chinese-poetry 2.0.1 (npm), dist/quantangshi, OpenCC t2s",
        Source::Austen => "janeaustenr 1.0.0 (Debian r-cran-janeaustenr 1.0.0-1)",
    }
}

/// Rebuilds the corpus in `out` from the packages that `models/corpus/fetch-sources.sh`
/// put in `sources`. The same packages always give byte-identical files. `progress`
/// hears one short sentence per step.
pub fn build_corpus(
    sources: &Path,
    out: &Path,
    progress: &mut dyn FnMut(&str),
) -> Result<CorpusStats, CorpusError> {
    if !sources.is_dir() {
        return Err(CorpusError::MissingSources {
            sources: sources.to_path_buf(),
            missing: sources.to_path_buf(),
        });
    }
    // Duplicates are looked for across all sources of a language: the same poem can sit in
    // two collections.
    let mut seen: HashMap<Language, HashSet<String>> = HashMap::new();
    let mut parts = Vec::new();
    let mut all_stats = Vec::new();
    for source in Source::ALL {
        progress(&format!("reading and cleaning {}", source.name()));
        let mut stats = SourceStats::new(source, package(source));
        let documents = match source {
            Source::Songci => clean_poems(poetry::read_songci(sources)?, false, &mut stats),
            Source::Tangshi => clean_poems(poetry::read_tangshi(sources)?, true, &mut stats),
            Source::Austen => {
                let mut documents = Vec::new();
                for novel in austen::read_novels(sources)? {
                    stats.raw.add_text(&novel.lines.join("\n"));
                    documents.extend(austen::chapters(&novel, &mut stats));
                }
                documents
            }
        };

        let seen = seen.entry(source.language()).or_default();
        let mut train = Vec::new();
        let mut valid = Vec::new();
        for document in documents {
            if !seen.insert(document.text.clone()) {
                stats.documents_dropped.duplicate += 1;
                continue;
            }
            stats.kept.add_text(&document.text);
            match split::assign(&document.text) {
                Split::Train => {
                    stats.train.add_text(&document.text);
                    train.push(document);
                }
                Split::Valid => {
                    stats.valid.add_text(&document.text);
                    valid.push(document);
                }
            }
        }
        parts.push((source, Split::Train, train));
        parts.push((source, Split::Valid, valid));
        all_stats.push(stats);
    }

    progress(&format!("writing {}", out.display()));
    let stats = CorpusStats::from_sources(all_stats);
    write_corpus(out, &parts, &stats)?;
    for (licence, name) in [
        (CHINESE_POETRY_LICENSE, "LICENSE.chinese-poetry.txt"),
        (JANEAUSTENR_LICENSE, "LICENSE.janeaustenr.txt"),
    ] {
        let from = sources.join(licence);
        let to = out.join(name);
        std::fs::copy(&from, &to).map_err(|source| CorpusError::Io { path: from, source })?;
    }
    Ok(stats)
}

/// Cleans ci or poems line by line. With `regulated_only`, a poem is kept only if every
/// line survived and the whole is a 绝句 or 律诗: a poem missing a line is not one.
fn clean_poems(poems: Vec<Poem>, regulated_only: bool, stats: &mut SourceStats) -> Vec<Document> {
    let mut documents = Vec::new();
    for poem in poems {
        stats.raw.add_text(&poem.lines.join("\n"));
        let mut lines = Vec::with_capacity(poem.lines.len());
        let mut lines_dropped = 0;
        for line in &poem.lines {
            match clean_chinese_line(line, &mut stats.edits) {
                Ok(line) => lines.push(line),
                Err(reason) => {
                    reason.record(&mut stats.lines_dropped);
                    lines_dropped += 1;
                }
            }
        }
        if lines.is_empty() {
            stats.documents_dropped.empty += 1;
        } else if regulated_only && (lines_dropped > 0 || !is_regulated_verse(&lines)) {
            stats.documents_dropped.not_regulated_verse += 1;
        } else {
            documents.push(Document {
                title: poem.title,
                author: poem.author,
                text: lines.join("\n"),
            });
        }
    }
    documents
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::corpus::testing::{GENERATED_CI, write_sources};

    fn build(sources: &Path, out: &Path) -> CorpusStats {
        build_corpus(sources, out, &mut |_| {}).unwrap()
    }

    #[test]
    fn the_corpus_is_cleaned_deduplicated_and_split_by_document() {
        let sources = tempfile::tempdir().unwrap();
        write_sources(sources.path());
        let out = tempfile::tempdir().unwrap();
        let stats = build(sources.path(), out.path());
        let corpus = Corpus::load(out.path()).unwrap();

        let songci = &stats.sources[0];
        assert_eq!(songci.source, Source::Songci);
        assert_eq!(songci.raw.documents, GENERATED_CI as u32 + 4);
        assert_eq!(songci.documents_dropped.duplicate, 1);
        assert_eq!(songci.documents_dropped.empty, 1);
        assert_eq!(songci.lines_dropped.missing_characters, 1);
        assert_eq!(songci.lines_dropped.editorial, 1);
        assert_eq!(songci.lines_dropped.foreign_characters, 1);
        assert_eq!(songci.kept.documents, GENERATED_CI as u32 + 2);

        let tangshi = &stats.sources[1];
        assert_eq!(tangshi.documents_dropped.not_regulated_verse, 2);
        assert_eq!(tangshi.edits.notes_removed, 1);
        let tang_titles: Vec<_> = Split::ALL
            .iter()
            .flat_map(|split| corpus.documents(Source::Tangshi, *split))
            .map(|d| d.title.as_str())
            .collect();
        assert_eq!(tang_titles.len(), 2);
        assert!(tang_titles.contains(&"静夜思") && tang_titles.contains(&"春望"));

        let austen = &stats.sources[2];
        assert_eq!(austen.raw.documents, 2);
        assert_eq!(austen.kept.documents, 24 + 55);
        assert_eq!(austen.lines_dropped.headings, 24 + 55);
        assert_eq!(austen.lines_dropped.editorial, 24 + 55);
        assert_eq!(austen.edits.markup_removed, 2 * (24 + 55));
        let chapter = Split::ALL
            .iter()
            .flat_map(|split| corpus.documents(Source::Austen, *split))
            .find(|d| d.title == "Persuasion, chapter 3")
            .unwrap();
        assert_eq!(chapter.author, "Jane Austen");
        assert_eq!(
            chapter.text,
            "Chapter 3 of Persuasion begins, and the weather is fine on day 3."
        );
        // Novels come in order of publication, whatever order the package lists them in.
        let first = &corpus.documents(Source::Austen, Split::Train)[0];
        assert!(first.title.starts_with("Emma, "), "{}", first.title);

        for source in &stats.sources {
            let counted = source.train.documents + source.valid.documents;
            assert_eq!(counted, source.kept.documents);
        }
        let zh = &stats.languages[0];
        assert_eq!(zh.language, Language::Zh);
        assert_eq!(zh.duplicates_removed, 1);
        assert_eq!(
            zh.kept.documents,
            songci.kept.documents + tangshi.kept.documents
        );

        // Every document sits on the side its own text decides, and on one side only.
        for source in Source::ALL {
            let train = corpus.documents(source, Split::Train);
            let valid = corpus.documents(source, Split::Valid);
            for (split, documents) in [(Split::Train, train), (Split::Valid, valid)] {
                for document in documents {
                    assert_eq!(split::assign(&document.text), split);
                }
            }
            assert!(
                train
                    .iter()
                    .all(|t| !valid.iter().any(|v| v.text == t.text))
            );
        }
        for language in Language::ALL {
            assert!(corpus.texts(language, Split::Train).count() > 0);
            assert!(corpus.texts(language, Split::Valid).count() > 0);
        }
    }

    #[test]
    fn rebuilding_gives_identical_files() {
        let sources = tempfile::tempdir().unwrap();
        write_sources(sources.path());
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        build(sources.path(), first.path());
        build(sources.path(), second.path());
        let mut names: Vec<_> = std::fs::read_dir(first.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3 * 2 + 2 + 2);
        for name in names {
            let a = std::fs::read(first.path().join(&name)).unwrap();
            let b = std::fs::read(second.path().join(&name)).unwrap();
            assert!(a == b, "{name:?} differs between builds");
        }
    }

    #[test]
    fn missing_sources_and_corpus_say_what_to_run() {
        let empty = tempfile::tempdir().unwrap();
        let error =
            build_corpus(&empty.path().join("nowhere"), empty.path(), &mut |_| {}).unwrap_err();
        assert!(error.to_string().contains("fetch-sources.sh"), "{error}");
        let error = Corpus::load(empty.path()).unwrap_err();
        assert!(error.to_string().contains("glassbox corpus"), "{error}");
    }
}
