//! Reads the Chinese sources: 宋词 from the `chinese-poetry` npm package as published
//! (already simplified), and 唐诗 from the copy that `fetch-sources.sh` converted to
//! simplified characters with OpenCC.

use super::CorpusError;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Where `fetch-sources.sh` unpacks the npm package, below the sources directory.
pub(crate) const CHINESE_POETRY_DIR: &str = "chinese-poetry";
/// Where `fetch-sources.sh` writes 全唐诗 after OpenCC's t2s conversion.
pub(crate) const TANGSHI_SIMPLIFIED_DIR: &str = "tangshi-simplified";
pub(crate) const CHINESE_POETRY_LICENSE: &str = "chinese-poetry/LICENSE";

/// A ci or a poem as the package stores it.
#[derive(Debug, Deserialize)]
struct PackagedPoem {
    author: String,
    paragraphs: Vec<String>,
    /// 词牌, the tune a ci is written to; ci have no other title.
    #[serde(default)]
    rhythmic: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Poem {
    pub title: String,
    pub author: String,
    pub lines: Vec<String>,
}

pub(crate) fn read_songci(sources: &Path) -> Result<Vec<Poem>, CorpusError> {
    let dir = sources.join(CHINESE_POETRY_DIR).join("dist/songci");
    read_poems(sources, &dir, "ci.song.")
}

pub(crate) fn read_tangshi(sources: &Path) -> Result<Vec<Poem>, CorpusError> {
    let dir = sources.join(TANGSHI_SIMPLIFIED_DIR);
    read_poems(sources, &dir, "poet.tang.")
}

fn read_poems(sources: &Path, dir: &Path, prefix: &str) -> Result<Vec<Poem>, CorpusError> {
    let mut poems = Vec::new();
    for path in numbered_json_files(sources, dir, prefix)? {
        let bytes = std::fs::read(&path).map_err(|source| CorpusError::Io {
            path: path.clone(),
            source,
        })?;
        let packaged: Vec<PackagedPoem> =
            serde_json::from_slice(&bytes).map_err(|source| CorpusError::Json {
                path: path.clone(),
                source,
            })?;
        poems.extend(packaged.into_iter().map(|poem| Poem {
            title: tidy_title(poem.rhythmic.or(poem.title).as_deref().unwrap_or_default()),
            author: poem.author.trim().to_string(),
            lines: poem.paragraphs,
        }));
    }
    Ok(poems)
}

/// Titles are metadata for fine-tuning questions, so only spacing and the middle dot of
/// "木兰花・玉楼春" are made consistent.
fn tidy_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['・', '•'], "·")
}

/// `prefix<N>.json` files ordered by N (0, 1000, 2000, ...), then any others by name
/// (the package's `ci.song.2019y.json`), so the corpus order is the collection's order.
fn numbered_json_files(
    sources: &Path,
    dir: &Path,
    prefix: &str,
) -> Result<Vec<PathBuf>, CorpusError> {
    let missing = || CorpusError::MissingSources {
        sources: sources.to_path_buf(),
        missing: dir.join(format!("{prefix}*.json")),
    };
    let entries = std::fs::read_dir(dir).map_err(|_| missing())?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|source| CorpusError::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(middle) = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".json"))
        {
            let number = middle.parse::<u64>().ok();
            files.push((number.is_none(), number, name.to_string(), path));
        }
    }
    if files.is_empty() {
        return Err(missing());
    }
    files.sort();
    Ok(files.into_iter().map(|(_, _, _, path)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbered_files_in_collection_order() {
        let sources = tempfile::tempdir().unwrap();
        let dir = sources.path().join(CHINESE_POETRY_DIR).join("dist/songci");
        std::fs::create_dir_all(&dir).unwrap();
        let ci = |author: &str, tune: &str| {
            format!(
                r#"[{{"author":"{author}","paragraphs":["明月几时有？"],"rhythmic":"{tune}"}}]"#
            )
        };
        std::fs::write(dir.join("ci.song.1000.json"), ci("乙", "水调歌头")).unwrap();
        std::fs::write(dir.join("ci.song.2019y.json"), ci("丙", "木兰花・玉楼春")).unwrap();
        std::fs::write(dir.join("ci.song.0.json"), ci(" 甲 ", "念奴娇  赤壁怀古")).unwrap();
        std::fs::write(dir.join("author.song.json"), "not a ci file").unwrap();

        let poems = read_songci(sources.path()).unwrap();
        let summary: Vec<_> = poems
            .iter()
            .map(|p| (p.author.as_str(), p.title.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("甲", "念奴娇 赤壁怀古"),
                ("乙", "水调歌头"),
                ("丙", "木兰花·玉楼春")
            ]
        );
        assert_eq!(poems[0].lines, ["明月几时有？"]);
    }

    #[test]
    fn missing_sources_name_the_fetch_script() {
        let sources = tempfile::tempdir().unwrap();
        let error = read_tangshi(sources.path()).unwrap_err();
        assert!(matches!(error, CorpusError::MissingSources { .. }));
        assert!(error.to_string().contains("fetch-sources.sh"), "{error}");
    }
}
