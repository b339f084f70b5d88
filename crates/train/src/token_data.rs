//! The corpus as token ids: per language, one long stream of training tokens and one of
//! validation tokens, each document followed by `<|endoftext|>` so the model learns where
//! a poem or chapter ends.

use glassbox_model::Tokenizer;

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
