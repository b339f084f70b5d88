//! Byte-level BPE training (the GPT-2 scheme) with Hugging Face `tokenizers`, and the
//! measurements the model card reports: tokens per character and how many common Chinese
//! characters and English words are single tokens.
//!
//! Byte-level means every string can be encoded, emoji and rare characters included, with
//! no unknown token; BPE then merges the byte pairs that are frequent in our corpus.

use crate::corpus::{Corpus, Language, Split, is_han};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tokenizers::decoders::byte_level::ByteLevel as ByteLevelDecoder;
use tokenizers::models::TrainerWrapper;
use tokenizers::models::bpe::{BPE, BpeTrainerBuilder};
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::{AddedToken, Tokenizer};

/// Separates documents in training batches and ends a generation.
pub const END_OF_TEXT: &str = "<|endoftext|>";
/// Opens the question of a question→answer pair in supervised fine-tuning.
pub const QUESTION: &str = "<|question|>";
/// Opens the answer of a question→answer pair.
pub const ANSWER: &str = "<|answer|>";
/// The special tokens, which take ids 0, 1 and 2 in this order.
pub const SPECIAL_TOKENS: [&str; 3] = [END_OF_TEXT, QUESTION, ANSWER];

/// 256 byte tokens and the special tokens come before any merge.
pub const MIN_VOCAB_SIZE: usize = 256 + SPECIAL_TOKENS.len();

#[derive(Debug, thiserror::Error)]
pub enum TokenizerError {
    #[error(
        "a vocabulary of {0} is too small: byte-level BPE needs {MIN_VOCAB_SIZE} tokens \
         (256 bytes and {n} special tokens) before it can learn any merge",
        n = SPECIAL_TOKENS.len()
    )]
    VocabTooSmall(usize),
    #[error("training the tokenizer failed: {0}")]
    Training(tokenizers::Error),
    #[error("encoding with the tokenizer failed: {0}")]
    Encoding(tokenizers::Error),
    #[error("cannot write the tokenizer to {path}: {source}")]
    Save {
        path: PathBuf,
        source: tokenizers::Error,
    },
}

/// Trains a byte-level BPE tokenizer with `vocab_size` tokens on `texts`. The same texts in
/// the same order give the same tokenizer.
pub fn train_tokenizer<'a>(
    texts: impl Iterator<Item = &'a str> + Send,
    vocab_size: usize,
    show_progress: bool,
) -> Result<Tokenizer, TokenizerError> {
    if vocab_size < MIN_VOCAB_SIZE {
        return Err(TokenizerError::VocabTooSmall(vocab_size));
    }
    let mut trainer: TrainerWrapper = BpeTrainerBuilder::new()
        .vocab_size(vocab_size)
        .show_progress(show_progress)
        .special_tokens(
            SPECIAL_TOKENS
                .iter()
                .map(|token| AddedToken::from(*token, true))
                .collect(),
        )
        // All 256 byte symbols, even those the corpus lacks, so nothing is ever unknown.
        .initial_alphabet(ByteLevel::alphabet().into_iter().collect())
        .build()
        .into();
    let mut tokenizer = Tokenizer::new(BPE::default());
    // No prefix space: "明月" at the start of a poem should not become " 明月".
    tokenizer
        .with_pre_tokenizer(Some(ByteLevel::default().add_prefix_space(false)))
        .with_decoder(Some(ByteLevelDecoder::default()));
    tokenizer
        .train(&mut trainer, texts)
        .map_err(TokenizerError::Training)?;
    Ok(tokenizer)
}

/// Writes `tokenizer.json`, pretty-printed so that a retrained vocabulary diffs readably.
pub fn save_tokenizer(tokenizer: &Tokenizer, path: &Path) -> Result<(), TokenizerError> {
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| TokenizerError::Save {
            path: path.to_path_buf(),
            source: source.into(),
        })?;
    }
    tokenizer
        .save(path, true)
        .map_err(|source| TokenizerError::Save {
            path: path.to_path_buf(),
            source,
        })
}

/// What the model card says about a tokenizer, per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenizerReport {
    pub vocab_size: u32,
    pub languages: Vec<LanguageReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LanguageReport {
    pub language: Language,
    /// Characters and tokens of the validation documents, which the tokenizer never saw.
    pub characters: u32,
    pub tokens: u32,
    pub tokens_per_character: f64,
    /// "character" for Chinese; "word" for English, taken with the space before it when
    /// the text has one, as the tokenizer sees it.
    pub unit: String,
    /// How many of the most frequent units in the training documents were checked.
    pub common_units: u32,
    /// How many of them are a single token.
    pub single_token_units: u32,
    pub single_token_fraction: f64,
    /// The most frequent units that still take several tokens, most frequent first.
    pub split_units: Vec<String>,
}

/// How many multi-token units a report lists.
const SPLIT_UNITS_SHOWN: usize = 20;

/// Measures `tokenizer` on `corpus`: tokens per character on validation documents, and
/// which of the `common` most frequent Chinese characters and English words of the
/// training documents are single tokens.
pub fn evaluate_tokenizer(
    tokenizer: &Tokenizer,
    corpus: &Corpus,
    common: usize,
) -> Result<TokenizerReport, TokenizerError> {
    let mut languages = Vec::new();
    for language in Language::ALL {
        let mut characters = 0usize;
        let mut tokens = 0usize;
        for text in corpus.texts(language, Split::Valid) {
            characters += text.chars().count();
            tokens += token_count(tokenizer, text)?;
        }

        let (unit, units) = match language {
            Language::Zh => ("character", most_frequent_han(corpus, common)),
            Language::En => ("word", most_frequent_words(corpus, common)),
        };
        let mut single = 0;
        let mut split_units = Vec::new();
        for unit_text in &units {
            if token_count(tokenizer, unit_text)? == 1 {
                single += 1;
            } else if split_units.len() < SPLIT_UNITS_SHOWN {
                split_units.push(unit_text.clone());
            }
        }
        languages.push(LanguageReport {
            language,
            characters: characters as u32,
            tokens: tokens as u32,
            tokens_per_character: ratio(tokens, characters),
            unit: unit.to_string(),
            common_units: units.len() as u32,
            single_token_units: single,
            single_token_fraction: ratio(single as usize, units.len()),
            split_units,
        });
    }
    Ok(TokenizerReport {
        vocab_size: tokenizer.get_vocab_size(true) as u32,
        languages,
    })
}

fn token_count(tokenizer: &Tokenizer, text: &str) -> Result<usize, TokenizerError> {
    tokenizer
        .encode_fast(text, false)
        .map(|encoding| encoding.len())
        .map_err(TokenizerError::Encoding)
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// The `n` most frequent items, ties broken alphabetically so reports are reproducible.
fn top(counts: HashMap<String, usize>, n: usize) -> Vec<String> {
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.into_iter().take(n).map(|(unit, _)| unit).collect()
}

fn most_frequent_han(corpus: &Corpus, n: usize) -> Vec<String> {
    let mut counts = HashMap::new();
    for text in corpus.texts(Language::Zh, Split::Train) {
        for c in text.chars().filter(|c| is_han(*c)) {
            *counts.entry(c.to_string()).or_insert(0) += 1;
        }
    }
    top(counts, n)
}

/// English words in the form the byte-level pre-tokenizer hands to BPE: with the space
/// before them (" house") or without one, after a quote or at a paragraph's start ("Oh").
fn most_frequent_words(corpus: &Corpus, n: usize) -> Vec<String> {
    let mut counts = HashMap::new();
    for text in corpus.texts(Language::En, Split::Train) {
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), '\n')]) {
            match (start, c.is_ascii_alphabetic()) {
                (None, true) => start = Some(i),
                (Some(from), false) => {
                    let with_space = text[..from].ends_with(' ');
                    let word = &text[from - usize::from(with_space)..i];
                    *counts.entry(word.to_string()).or_insert(0) += 1;
                    start = None;
                }
                _ => {}
            }
        }
    }
    top(counts, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 4] = [
        "明月几时有？把酒问青天。不知天上宫阙，今夕是何年。",
        "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
        "It is a truth universally acknowledged, that a single man in possession of a good \
         fortune, must be in want of a wife.",
        "Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy \
         disposition, seemed to unite some of the best blessings of existence.",
    ];

    fn small_tokenizer() -> Tokenizer {
        train_tokenizer(TEXTS.iter().copied().cycle().take(40), 400, false).unwrap()
    }

    #[test]
    fn decoding_an_encoding_gives_back_the_text() {
        let tokenizer = small_tokenizer();
        for text in [
            "明月几时有？It is a truth universally acknowledged.",
            "  leading spaces,\ttabs\nand newlines\n\n",
            "emoji 🙂👩‍🚀 and rare characters 𫛶㶉, never seen in training: ÆØÅ ß ĳ",
            "",
        ] {
            let ids = tokenizer.encode(text, false).unwrap().get_ids().to_vec();
            assert_eq!(tokenizer.decode(&ids, false).unwrap(), text);
        }
    }

    #[test]
    fn special_tokens_are_single_ids_in_order() {
        let tokenizer = small_tokenizer();
        for (id, token) in SPECIAL_TOKENS.iter().enumerate() {
            assert_eq!(tokenizer.token_to_id(token), Some(id as u32));
        }
        let text = format!("{QUESTION}谁写了《静夜思》？{ANSWER}李白{END_OF_TEXT}");
        let ids = tokenizer
            .encode(text.as_str(), false)
            .unwrap()
            .get_ids()
            .to_vec();
        assert_eq!(ids.first(), Some(&1));
        assert_eq!(ids.last(), Some(&0));
        assert_eq!(ids.iter().filter(|id| **id < 3).count(), 3);
        assert_eq!(tokenizer.decode(&ids, false).unwrap(), text);
    }

    #[test]
    fn training_is_deterministic_and_learns_frequent_units() {
        let first = small_tokenizer();
        let second = small_tokenizer();
        assert_eq!(
            first.to_string(false).unwrap(),
            second.to_string(false).unwrap()
        );
        assert_eq!(first.get_vocab_size(true), 400);
        // Merges pay off: a training sentence takes far fewer tokens than bytes.
        let sentence = TEXTS[2];
        assert!(first.encode(sentence, false).unwrap().len() < sentence.len() / 2);
    }

    #[test]
    fn the_report_measures_each_language_on_the_corpus() {
        let sources = tempfile::tempdir().unwrap();
        crate::corpus::testing::write_sources(sources.path());
        let out = tempfile::tempdir().unwrap();
        crate::corpus::build_corpus(sources.path(), out.path(), &mut |_| {}).unwrap();
        let corpus = Corpus::load(out.path()).unwrap();
        let texts = Language::ALL
            .into_iter()
            .flat_map(|language| corpus.texts(language, Split::Train));
        let tokenizer = train_tokenizer(texts, 600, false).unwrap();

        let report = evaluate_tokenizer(&tokenizer, &corpus, 10).unwrap();
        assert_eq!(report.vocab_size, 600);
        let [zh, en] = &report.languages[..] else {
            panic!("one report per language: {report:?}");
        };
        assert_eq!((zh.language, zh.unit.as_str()), (Language::Zh, "character"));
        assert_eq!((en.language, en.unit.as_str()), (Language::En, "word"));
        for language in [zh, en] {
            assert_eq!(language.common_units, 10);
            assert!(language.tokens > 0 && language.characters > 0);
            let ratio = language.tokens as f64 / language.characters as f64;
            assert_eq!(language.tokens_per_character, ratio);
            let split = language.common_units - language.single_token_units;
            assert_eq!(language.split_units.len() as u32, split);
        }
        // The fixture's chapters repeat one sentence, so its words are all learnt, the first
        // one without a space before it.
        assert!(en.split_units.is_empty(), "{:?}", en.split_units);
        assert_eq!(en.single_token_fraction, 1.0);
    }

    #[test]
    fn too_small_a_vocabulary_is_refused() {
        let error = train_tokenizer(TEXTS.iter().copied(), 100, false).unwrap_err();
        assert!(matches!(error, TokenizerError::VocabTooSmall(100)));
        assert!(error.to_string().contains("259"), "{error}");
    }
}
