//! The corpus as token ids: per language, one long stream of training tokens and one of
//! validation tokens, each document followed by `<|endoftext|>` so the model learns where
//! a poem or chapter ends.

use glassbox_model::Tokenizer;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::corpus::{Corpus, Language, Split};
use crate::tokenizer::END_OF_TEXT;
use crate::train_error::{Result, TrainError};

/// One language's tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageTokens {
    pub language: Language,
    pub train: Vec<u32>,
    pub valid: Vec<u32>,
}

/// Every language's tokens, in [`Language::ALL`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenData {
    pub languages: Vec<LanguageTokens>,
}

impl TokenData {
    /// Tokenises the whole corpus (in parallel, through `tokenizers`' batch encoder).
    pub fn from_corpus(corpus: &Corpus, tokenizer: &Tokenizer) -> Result<Self> {
        let languages = Language::ALL
            .into_iter()
            .map(|language| {
                Ok(LanguageTokens {
                    language,
                    train: tokenize(corpus.texts(language, Split::Train), tokenizer)?,
                    valid: tokenize(corpus.texts(language, Split::Valid), tokenizer)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Self { languages })
    }

    pub fn get(&self, language: Language) -> Option<&LanguageTokens> {
        self.languages.iter().find(|l| l.language == language)
    }

    pub fn train_tokens(&self) -> usize {
        self.languages.iter().map(|l| l.train.len()).sum()
    }

    /// A user's own text as one language's data: the language most of its letters belong
    /// to, the last tenth (from a line break where there is one) held out for validation.
    pub fn from_text(text: &str, tokenizer: &Tokenizer) -> Result<Self> {
        if text.trim().is_empty() {
            return Err(TrainError::Empty {
                what: "text in the file".to_owned(),
            });
        }
        let cut = validation_cut(text);
        let (train, valid) = text.split_at(cut);
        Ok(Self {
            languages: vec![LanguageTokens {
                language: main_language(text),
                train: tokenize(std::iter::once(train), tokenizer)?,
                valid: tokenize(std::iter::once(valid), tokenizer)?,
            }],
        })
    }

    /// Keeps the first `tokens` training tokens, shared evenly by the languages: the "data
    /// amount" knob. Validation text is untouched, so runs stay comparable.
    pub fn keep_train_tokens(&mut self, tokens: usize) {
        let share = tokens / self.languages.len().max(1);
        for language in &mut self.languages {
            language.train.truncate(share);
        }
    }

    /// Replaces `fraction` of the training tokens with tokens drawn uniformly from the
    /// vocabulary (seeded): the "noisy data" knob. Validation text stays clean.
    pub fn add_noise(&mut self, fraction: f64, vocab_size: usize, seed: u64) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for language in &mut self.languages {
            for token in &mut language.train {
                if rng.random::<f64>() < fraction {
                    *token = rng.random_range(0..vocab_size as u32);
                }
            }
        }
    }
}

/// Where the validation tenth of a text starts: at the line break nearest to 90% if one is
/// close, else at the character boundary there.
fn validation_cut(text: &str) -> usize {
    let target = text.len() * 9 / 10;
    let window = text.len() / 20;
    let line_break = text[..target]
        .rfind('\n')
        .filter(|&i| target - i <= window)
        .map(|i| i + 1);
    line_break.unwrap_or_else(|| {
        (target..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len())
    })
}

/// Chinese when Han characters outnumber Latin letters.
fn main_language(text: &str) -> Language {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if han > latin {
        Language::Zh
    } else {
        Language::En
    }
}

/// The documents' tokens, each followed by the end-of-text token.
pub fn tokenize<'a>(
    documents: impl Iterator<Item = &'a str>,
    tokenizer: &Tokenizer,
) -> Result<Vec<u32>> {
    let end = end_of_text(tokenizer)?;
    let documents: Vec<&str> = documents.collect();
    let encodings = tokenizer
        .inner()
        .encode_batch(documents, false)
        .map_err(|e| glassbox_model::Error::Tokenizer {
            message: e.to_string(),
        })?;
    let mut tokens = Vec::new();
    for encoding in encodings {
        tokens.extend_from_slice(encoding.get_ids());
        tokens.push(end);
    }
    Ok(tokens)
}

pub fn end_of_text(tokenizer: &Tokenizer) -> Result<u32> {
    tokenizer
        .token_id(END_OF_TEXT)
        .ok_or(TrainError::MissingSpecialToken(END_OF_TEXT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training_testing;

    #[test]
    fn a_users_text_becomes_one_language_with_a_held_out_tenth() {
        let tokenizer = training_testing::tokenizer();
        let lines: Vec<String> = (0..40)
            .map(|i| format!("Line {i}: the family of Dashwood had long been settled."))
            .collect();
        let text = lines.join("\n");
        let data = TokenData::from_text(&text, &tokenizer).unwrap();
        assert_eq!(data.languages.len(), 1);
        assert_eq!(data.languages[0].language, Language::En);
        let (train, valid) = (data.languages[0].train.len(), data.languages[0].valid.len());
        assert!(valid * 6 < train && valid * 15 > train, "{train} / {valid}");

        let poem = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n".repeat(30);
        let data = TokenData::from_text(&poem, &tokenizer).unwrap();
        assert_eq!(data.languages[0].language, Language::Zh);
        assert!(TokenData::from_text(" \n\t", &tokenizer).is_err());
    }

    #[test]
    fn data_amount_and_noise_touch_only_the_training_tokens() {
        let tokenizer = training_testing::tokenizer();
        let data = training_testing::data(&tokenizer);
        let mut smaller = data.clone();
        smaller.keep_train_tokens(100);
        assert_eq!(smaller.train_tokens(), 100);
        assert_eq!(smaller.languages[0].valid, data.languages[0].valid);

        let mut noisy = data.clone();
        noisy.add_noise(0.5, tokenizer.vocab_size(), 7);
        let changed = noisy.languages[1]
            .train
            .iter()
            .zip(&data.languages[1].train)
            .filter(|(a, b)| a != b)
            .count() as f64
            / data.languages[1].train.len() as f64;
        assert!((0.35..0.6).contains(&changed), "{changed}");
        assert_eq!(noisy.languages[1].valid, data.languages[1].valid);
    }
}
