//! The corpus directory's files: gzip text per source and split, one metadata line per
//! document, and the statistics report.

use super::{Corpus, CorpusError, CorpusStats, Document, Source, Split};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::Path;

pub(crate) const META_FILE: &str = "meta.jsonl.gz";
pub(crate) const STATS_FILE: &str = "stats.json";
/// Between documents in the text files; documents themselves never contain a blank line.
const DOCUMENT_SEPARATOR: &str = "\n\n";

pub(crate) fn text_file(source: Source, split: Split) -> String {
    format!("{}.{}.txt.gz", source.name(), split.name())
}

/// One line of `meta.jsonl.gz`, in the order of the documents in the text files.
#[derive(Debug, Serialize, Deserialize)]
struct MetaLine {
    source: Source,
    split: Split,
    title: String,
    author: String,
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> CorpusError + '_ {
    move |source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn write_gzip(path: &Path, text: &str) -> Result<(), CorpusError> {
    // flate2 writes no file name and a zero timestamp, so equal text gives equal bytes.
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(text.as_bytes()).map_err(io_error(path))?;
    let bytes = encoder.finish().map_err(io_error(path))?;
    std::fs::write(path, bytes).map_err(io_error(path))
}

fn read_gzip(path: &Path) -> Result<String, CorpusError> {
    let file = std::fs::File::open(path).map_err(|_| CorpusError::MissingCorpus(path.into()))?;
    let mut text = String::new();
    GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(io_error(path))?;
    Ok(text)
}

pub(crate) fn write_corpus(
    out: &Path,
    parts: &[(Source, Split, Vec<Document>)],
    stats: &CorpusStats,
) -> Result<(), CorpusError> {
    std::fs::create_dir_all(out).map_err(io_error(out))?;
    let mut meta = String::new();
    for (source, split, documents) in parts {
        let path = out.join(text_file(*source, *split));
        let mut text = String::new();
        for document in documents {
            if document.text.is_empty()
                || document.text.contains(DOCUMENT_SEPARATOR)
                || document.text.starts_with('\n')
                || document.text.ends_with('\n')
            {
                return Err(CorpusError::Invalid {
                    path,
                    reason: format!(
                        "document {:?} is empty or has blank lines, which separate documents",
                        document.title
                    ),
                });
            }
            if !text.is_empty() {
                text.push_str(DOCUMENT_SEPARATOR);
            }
            text.push_str(&document.text);
            let line = MetaLine {
                source: *source,
                split: *split,
                title: document.title.clone(),
                author: document.author.clone(),
            };
            meta.push_str(&serde_json::to_string(&line).expect("strings always serialise"));
            meta.push('\n');
        }
        if !text.is_empty() {
            text.push('\n');
        }
        write_gzip(&path, &text)?;
    }
    write_gzip(&out.join(META_FILE), &meta)?;
    let stats_path = out.join(STATS_FILE);
    let json = serde_json::to_string_pretty(stats).expect("statistics always serialise");
    std::fs::write(&stats_path, json + "\n").map_err(io_error(&stats_path))
}

pub(crate) fn read_corpus(dir: &Path) -> Result<Corpus, CorpusError> {
    let meta_path = dir.join(META_FILE);
    let meta_text = read_gzip(&meta_path)?;
    let mut meta = Vec::new();
    for (number, line) in meta_text.lines().enumerate() {
        let line: MetaLine = serde_json::from_str(line).map_err(|error| CorpusError::Invalid {
            path: meta_path.clone(),
            reason: format!("line {}: {error}", number + 1),
        })?;
        meta.push(line);
    }

    let mut parts = Vec::new();
    for source in Source::ALL {
        for split in Split::ALL {
            let path = dir.join(text_file(source, split));
            let text = read_gzip(&path)?;
            let texts: Vec<&str> = match text.strip_suffix('\n') {
                Some(body) => body.split(DOCUMENT_SEPARATOR).collect(),
                None if text.is_empty() => Vec::new(),
                None => {
                    return Err(CorpusError::Invalid {
                        path,
                        reason: "the file does not end in a newline; was it cut short?".into(),
                    });
                }
            };
            let titles: Vec<&MetaLine> = meta
                .iter()
                .filter(|line| line.source == source && line.split == split)
                .collect();
            if titles.len() != texts.len() {
                return Err(CorpusError::Invalid {
                    path,
                    reason: format!(
                        "{} documents, but {} describes {}; rebuild the corpus",
                        texts.len(),
                        meta_path.display(),
                        titles.len()
                    ),
                });
            }
            let documents = texts
                .into_iter()
                .zip(titles)
                .map(|(text, line)| Document {
                    title: line.title.clone(),
                    author: line.author.clone(),
                    text: text.to_string(),
                })
                .collect();
            parts.push((source, split, documents));
        }
    }
    Ok(Corpus { parts })
}
