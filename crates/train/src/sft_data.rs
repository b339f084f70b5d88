//! Question→answer pairs for supervised fine-tuning, in the tokenizer's chat format:
//! `<|question|>…<|answer|>…<|endoftext|>`.
//!
//! Most pairs are built from the corpus's structured fields (who wrote a poem, which tune
//! a ci follows, how a first line goes on, which novel a sentence opens), so the answers
//! are facts the pre-trained model has seen as text. The rest are short hand-written
//! pairs about the course's subject (`models/sft/concepts.jsonl`). Only training
//! documents are used; validation text stays unseen.

use std::collections::HashMap;
use std::path::Path;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, Document, Source, Split};
use crate::train_error::{Result, TrainError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QaPair {
    pub question: String,
    pub answer: String,
    /// Which rule made the pair, or `concepts` for the hand-written ones.
    pub kind: String,
}

/// Pairs of each corpus-derived kind; enough to teach the format without drowning the
/// hand-written pairs.
const PER_KIND: usize = 150;
/// Longest answer in characters; the whole pair must fit the model's 128-token context.
const MAX_ZH_ANSWER_CHARS: usize = 60;
const MAX_EN_ANSWER_CHARS: usize = 160;

/// The corpus-derived pairs, shuffled with `seed`, followed by nothing else; callers
/// append the hand-written pairs.
pub fn corpus_pairs(corpus: &Corpus, seed: u64) -> Vec<QaPair> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut pairs = Vec::new();
    let mut take = |mut kind_pairs: Vec<QaPair>| {
        kind_pairs.shuffle(&mut rng);
        kind_pairs.truncate(PER_KIND);
        pairs.extend(kind_pairs);
    };
    let tangshi = corpus.documents(Source::Tangshi, Split::Train);
    let songci = corpus.documents(Source::Songci, Split::Train);
    let austen = corpus.documents(Source::Austen, Split::Train);

    // A title names one poem only if no other poem has it.
    let mut title_counts: HashMap<&str, usize> = HashMap::new();
    for poem in tangshi {
        *title_counts.entry(poem.title.as_str()).or_default() += 1;
    }
    take(
        tangshi
            .iter()
            .filter(|p| title_counts[p.title.as_str()] == 1 && !p.author.is_empty())
            .map(|p| {
                pair(
                    format!("《{}》的作者是谁？", p.title),
                    format!("《{}》的作者是{}。", p.title, p.author),
                    "tangshi-author",
                )
            })
            .collect(),
    );
    take(
        songci
            .iter()
            .filter(|c| !c.author.is_empty())
            .filter_map(|c| {
                let first = first_line(c)?;
                Some(pair(
                    format!("“{first}”出自哪首词？"),
                    format!("出自{}的《{}》。", c.author, c.title),
                    "songci-source",
                ))
            })
            .collect(),
    );
    take(
        songci
            .iter()
            .filter(|c| c.text.chars().count() <= MAX_ZH_ANSWER_CHARS)
            .map(|c| {
                pair(
                    format!("写一首《{}》。", c.title),
                    c.text.clone(),
                    "songci-write",
                )
            })
            .collect(),
    );
    take(
        tangshi
            .iter()
            .chain(songci)
            .filter(|p| p.text.chars().count() <= MAX_ZH_ANSWER_CHARS)
            .filter_map(|p| {
                let (first, rest) = p.text.split_once('\n')?;
                Some(pair(
                    format!("续写：{first}"),
                    rest.to_owned(),
                    "zh-continue",
                ))
            })
            .collect(),
    );
    take(
        austen
            .iter()
            .filter_map(|chapter| {
                let (novel, _) = chapter.title.split_once(", chapter")?;
                let sentence = sentences(&chapter.text).next()?;
                (sentence.len() <= MAX_EN_ANSWER_CHARS).then(|| {
                    pair(
                        format!("Which novel begins a chapter with: \"{sentence}\""),
                        format!("{novel}, by Jane Austen."),
                        "austen-novel",
                    )
                })
            })
            .collect(),
    );
    take(
        austen
            .iter()
            .flat_map(|chapter| {
                let all: Vec<&str> = sentences(&chapter.text).collect();
                all.windows(2)
                    .filter(|w| {
                        w[0].len() <= MAX_EN_ANSWER_CHARS && w[1].len() <= MAX_EN_ANSWER_CHARS
                    })
                    .map(|w| {
                        pair(
                            format!("Continue: {}", w[0]),
                            w[1].to_owned(),
                            "austen-continue",
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
    );
    pairs
}

fn pair(question: String, answer: String, kind: &str) -> QaPair {
    QaPair {
        question,
        answer,
        kind: kind.to_owned(),
    }
}

fn first_line(document: &Document) -> Option<&str> {
    document.text.lines().next().filter(|l| !l.is_empty())
}

/// Titles Austen abbreviates with a full stop that does not end the sentence.
const ABBREVIATIONS: [&str; 6] = ["Mr", "Mrs", "Dr", "St", "Col", "Capt"];

/// Sentences of English prose: split after `.`, `!` or `?` and a space, except after a
/// title such as "Mr."; fragments under 20 bytes are skipped.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut found = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let ends = matches!(c, '.' | '!' | '?')
            && bytes.get(i + 1).is_none_or(|&b| b == b' ' || b == b'\n');
        if !ends {
            continue;
        }
        let before = &text[start..i];
        let last_word = before.rsplit(' ').next().unwrap_or_default();
        if c == '.' && ABBREVIATIONS.contains(&last_word) {
            continue;
        }
        found.push(text[start..=i].trim());
        start = i + 1;
    }
    found
        .into_iter()
        .filter(|s| s.len() > 20 && !s.contains('\n'))
}

/// Reads a JSON-lines file of pairs; a bad line is reported with its number.
pub fn read_pairs(path: &Path) -> Result<Vec<QaPair>> {
    let text = std::fs::read_to_string(path).map_err(|e| TrainError::Read {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let pair: QaPair = serde_json::from_str(line).map_err(|e| TrainError::BadData {
            path: path.to_owned(),
            line: i + 1,
            reason: format!("expected {{\"question\", \"answer\", \"kind\"}}: {e}"),
        })?;
        if pair.question.trim().is_empty() || pair.answer.trim().is_empty() {
            return Err(TrainError::BadData {
                path: path.to_owned(),
                line: i + 1,
                reason: "the question or the answer is empty".to_owned(),
            });
        }
        pairs.push(pair);
    }
    if pairs.is_empty() {
        return Err(TrainError::Empty {
            what: format!("question→answer pair in {}", path.display()),
        });
    }
    Ok(pairs)
}

pub fn write_pairs(pairs: &[QaPair], path: &Path) -> Result<()> {
    let mut text = String::new();
    for pair in pairs {
        // A struct of strings always serialises.
        text.push_str(&serde_json::to_string(pair).expect("pair serialises"));
        text.push('\n');
    }
    crate::atomic_file::write_file_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_prose_and_skip_fragments() {
        let text =
            "It is a truth universally acknowledged. Yes! Mr. Bennet was silent for a while.";
        let all: Vec<&str> = sentences(text).collect();
        assert_eq!(
            all,
            [
                "It is a truth universally acknowledged.",
                "Mr. Bennet was silent for a while."
            ]
        );
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("qa.jsonl");
        std::fs::write(
            &path,
            "{\"question\":\"q\",\"answer\":\"a\",\"kind\":\"k\"}\nnot json\n",
        )
        .unwrap();
        let error = read_pairs(&path).unwrap_err().to_string();
        assert!(error.contains("line 2"), "{error}");
        std::fs::write(&path, "\n").unwrap();
        assert!(
            read_pairs(&path)
                .unwrap_err()
                .to_string()
                .contains("no question")
        );
    }
}
