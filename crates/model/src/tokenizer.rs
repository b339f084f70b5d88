//! Byte-level BPE tokenizer (Hugging Face `tokenizers`, GPT-2 style, no prefix space) and
//! an honest view of each token for display.
//!
//! Byte-level BPE works on UTF-8 bytes, so a token can hold part of a character: a CJK
//! character is three bytes and a rare one is often split across tokens. Decoding such a
//! piece alone gives `�`; [`TokenView`] instead shows the bytes (`<E4 B8>`) and flags it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tokenizers::AddedToken;
use tokenizers::decoders::DecoderWrapper;
use tokenizers::models::TrainerWrapper;
use tokenizers::models::bpe::{BPE, BpeTrainerBuilder};
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use ts_rs::TS;

use crate::error::{Error, Result};

/// One token as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TokenView {
    pub id: u32,
    /// Readable text: the piece's characters, with bytes that are not a whole UTF-8
    /// character written as `<E4 B8>`; a special token's name such as `<|endoftext|>`.
    pub text: String,
    /// The bytes this token adds to the text (empty for ids the tokenizer lacks).
    pub bytes: Vec<u8>,
    /// The piece holds only part of a UTF-8 character, so `text` shows raw bytes.
    pub partial: bool,
    /// A control token (`<|endoftext|>`, or an id the tokenizer has no piece for), not text.
    pub special: bool,
}

/// What one id stands for, worked out once when the tokenizer is loaded.
#[derive(Debug, Clone)]
struct Piece {
    bytes: Vec<u8>,
    special: bool,
}

/// A `tokenizer.json` plus each token's bytes.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    inner: tokenizers::Tokenizer,
    pieces: Vec<Piece>,
}

impl Tokenizer {
    pub fn from_file(path: &Path) -> Result<Self> {
        let inner = tokenizers::Tokenizer::from_file(path).map_err(|e| Error::TokenizerFile {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        Ok(Self::new(inner))
    }

    pub fn from_json(json: &str) -> Result<Self> {
        let inner: tokenizers::Tokenizer = json.parse().map_err(tokenizer_error)?;
        Ok(Self::new(inner))
    }

    /// Wraps any Hugging Face tokenizer; byte-level ones get byte-exact views.
    pub fn new(inner: tokenizers::Tokenizer) -> Self {
        let byte_level = matches!(inner.get_decoder(), Some(DecoderWrapper::ByteLevel(_)));
        let added = inner.get_added_tokens_decoder();
        let pieces = (0..inner.get_vocab_size(true) as u32)
            .map(|id| {
                if let Some(token) = added.get(&id) {
                    return Piece {
                        bytes: token.content.as_bytes().to_vec(),
                        special: token.special,
                    };
                }
                match inner.id_to_token(id) {
                    Some(token) if byte_level => Piece {
                        bytes: byte_level_bytes(&token).unwrap_or_else(|| token.into_bytes()),
                        special: false,
                    },
                    Some(token) => Piece {
                        bytes: token.into_bytes(),
                        special: false,
                    },
                    None => Piece {
                        bytes: Vec::new(),
                        special: true,
                    },
                }
            })
            .collect();
        Self { inner, pieces }
    }

    /// Learns a byte-level BPE vocabulary of at most `vocab_size` tokens from `texts`.
    /// `special_tokens` get the first ids, in order. Every byte has a token, so any text
    /// can be encoded.
    pub fn train<I, S>(texts: I, vocab_size: usize, special_tokens: &[&str]) -> Result<Self>
    where
        I: Iterator<Item = S> + Send,
        S: AsRef<str> + Send,
    {
        let mut inner = tokenizers::Tokenizer::new(BPE::default());
        let byte_level = ByteLevel::default().add_prefix_space(false);
        inner.with_pre_tokenizer(Some(byte_level));
        inner.with_post_processor(Some(byte_level));
        inner.with_decoder(Some(byte_level));
        let mut trainer: TrainerWrapper = BpeTrainerBuilder::new()
            .vocab_size(vocab_size)
            .min_frequency(0)
            .show_progress(false)
            .initial_alphabet(ByteLevel::alphabet().into_iter().collect())
            .special_tokens(
                special_tokens
                    .iter()
                    .map(|t| AddedToken::from(*t, true))
                    .collect(),
            )
            .build()
            .into();
        inner.train(&mut trainer, texts).map_err(tokenizer_error)?;
        Ok(Self::new(inner))
    }

    /// The `tokenizer.json` text.
    pub fn to_json(&self) -> Result<String> {
        self.inner.to_string(true).map_err(tokenizer_error)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let json = self.to_json()?;
        std::fs::write(path, json).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    }

    /// Token ids for `text`, with whatever special tokens the tokenizer's post-processor
    /// adds (a BOS token for Llama tokenizers, none for ours).
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        let encoding = self.inner.encode(text, true).map_err(tokenizer_error)?;
        Ok(encoding.get_ids().to_vec())
    }

    /// The text of `ids`, special tokens left out.
    pub fn decode(&self, ids: &[u32]) -> Result<String> {
        self.inner.decode(ids, true).map_err(tokenizer_error)
    }

    /// Number of ids, special tokens included.
    pub fn vocab_size(&self) -> usize {
        self.pieces.len()
    }

    pub fn token_id(&self, token: &str) -> Option<u32> {
        self.inner.token_to_id(token)
    }

    /// The bytes token `id` adds to the text; empty for an id the tokenizer lacks.
    pub fn token_bytes(&self, id: u32) -> &[u8] {
        self.pieces
            .get(id as usize)
            .map_or(&[], |piece| piece.bytes.as_slice())
    }

    /// How token `id` is shown. Ids past the tokenizer's vocabulary (a model may have
    /// spare embedding rows) are shown as `<unused 1234>`.
    pub fn view(&self, id: u32) -> TokenView {
        let Some(piece) = self.pieces.get(id as usize) else {
            return TokenView {
                id,
                text: format!("<unused {id}>"),
                bytes: Vec::new(),
                partial: false,
                special: true,
            };
        };
        if piece.special {
            return TokenView {
                id,
                text: String::from_utf8_lossy(&piece.bytes).into_owned(),
                bytes: piece.bytes.clone(),
                partial: false,
                special: true,
            };
        }
        let (text, partial) = readable(&piece.bytes);
        TokenView {
            id,
            text,
            bytes: piece.bytes.clone(),
            partial,
            special: false,
        }
    }

    pub fn views(&self, ids: &[u32]) -> Vec<TokenView> {
        ids.iter().map(|&id| self.view(id)).collect()
    }

    /// The Hugging Face tokenizer, for anything this wrapper does not cover.
    pub fn inner(&self) -> &tokenizers::Tokenizer {
        &self.inner
    }
}

/// The characters in `bytes`, with each run of bytes that are not a whole UTF-8
/// character written as `<E4 B8>`; and whether there was such a run.
fn readable(bytes: &[u8]) -> (String, bool) {
    let mut text = String::new();
    let mut loose = Vec::new();
    let flush = |text: &mut String, loose: &mut Vec<u8>| {
        if !loose.is_empty() {
            let hex: Vec<String> = loose.iter().map(|b| format!("{b:02X}")).collect();
            text.push_str(&format!("<{}>", hex.join(" ")));
            loose.clear();
        }
    };
    let mut partial = false;
    for chunk in bytes.utf8_chunks() {
        if !chunk.valid().is_empty() {
            flush(&mut text, &mut loose);
            text.push_str(chunk.valid());
        }
        loose.extend_from_slice(chunk.invalid());
        partial |= !chunk.invalid().is_empty();
    }
    flush(&mut text, &mut loose);
    (text, partial)
}

fn tokenizer_error(error: tokenizers::Error) -> Error {
    Error::Tokenizer {
        message: error.to_string(),
    }
}

/// GPT-2 maps each byte to a printable character so BPE can work on strings: printable
/// Latin-1 bytes stand for themselves and the other 68 bytes take the characters from
/// U+0100 upwards, in byte order. This inverts that map; `None` if `piece` is not in it.
fn byte_level_bytes(piece: &str) -> Option<Vec<u8>> {
    piece.chars().map(byte_of_char).collect()
}

fn stands_for_itself(byte: u8) -> bool {
    matches!(byte, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF)
}

fn byte_of_char(c: char) -> Option<u8> {
    let code = c as u32;
    if code < 256 && stands_for_itself(code as u8) {
        return Some(code as u8);
    }
    let index = code.checked_sub(256)? as usize;
    (0..=255u8).filter(|&b| !stands_for_itself(b)).nth(index)
}

/// Turns token bytes into text as they arrive, holding back a character whose bytes are
/// split across tokens until it is complete.
#[derive(Debug, Default)]
pub struct TextStream {
    pending: Vec<u8>,
}

impl TextStream {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a token's bytes; returns the text that is now complete.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let mut text = String::new();
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(valid) => {
                    text.push_str(valid);
                    self.pending.clear();
                    return text;
                }
                Err(error) => {
                    let (valid, rest) = self.pending.split_at(error.valid_up_to());
                    text.push_str(std::str::from_utf8(valid).expect("checked valid prefix"));
                    match error.error_len() {
                        // An incomplete character at the end: wait for the next token.
                        None => {
                            self.pending = rest.to_vec();
                            return text;
                        }
                        Some(bad) => {
                            text.push(char::REPLACEMENT_CHARACTER);
                            self.pending = rest[bad..].to_vec();
                        }
                    }
                }
            }
        }
    }

    /// Whatever is left when the text ends; an unfinished character becomes `�`.
    pub fn finish(self) -> String {
        String::from_utf8_lossy(&self.pending).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str =
        "春眠不觉晓，处处闻啼鸟。 It is a truth universally acknowledged 🙂🚀 夜来风雨声";

    fn tokenizer() -> Tokenizer {
        let corpus = [
            "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
            "It is a truth universally acknowledged, that a single man in possession.",
            "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
            "Emoji travel too 🙂🙂 🚀 and the rest of the sentence.",
        ];
        Tokenizer::train(corpus.iter().cycle().take(40), 400, &["<|endoftext|>"]).unwrap()
    }

    #[test]
    fn mixed_chinese_english_emoji_text_round_trips() {
        let tokenizer = tokenizer();
        let ids = tokenizer.encode(MIXED).unwrap();
        assert_eq!(tokenizer.decode(&ids).unwrap(), MIXED);
        let bytes: Vec<u8> = ids
            .iter()
            .flat_map(|&id| tokenizer.token_bytes(id).to_vec())
            .collect();
        assert_eq!(bytes, MIXED.as_bytes());
        let json = tokenizer.to_json().unwrap();
        let reloaded = Tokenizer::from_json(&json).unwrap();
        assert_eq!(reloaded.encode(MIXED).unwrap(), ids);
    }

    #[test]
    fn partial_character_pieces_are_flagged_and_shown_as_bytes() {
        let tokenizer = tokenizer();
        // A character the tokenizer never saw is spelled out one byte per token.
        let ids = tokenizer.encode("龘").unwrap();
        assert_eq!(ids.len(), 3);
        let views = tokenizer.views(&ids);
        assert!(views.iter().all(|v| v.partial && !v.special));
        let shown: Vec<&str> = views.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(shown, ["<E9>", "<BE>", "<98>"]);

        let whole = tokenizer.view(tokenizer.encode("It").unwrap()[0]);
        assert!(!whole.partial);
        assert_eq!(whole.text, "It");
    }

    #[test]
    fn runs_of_loose_bytes_are_shown_together() {
        let han = "中".as_bytes();
        assert_eq!(readable(&han[..2]), ("<E4 B8>".to_owned(), true));
        assert_eq!(
            readable(&[han[2], b'a', 0xE4]),
            ("<AD>a<E4>".to_owned(), true)
        );
        assert_eq!(
            readable("月 moon".as_bytes()),
            ("月 moon".to_owned(), false)
        );
    }

    #[test]
    fn special_tokens_are_named_and_flagged() {
        let tokenizer = tokenizer();
        let eos = tokenizer.token_id("<|endoftext|>").unwrap();
        assert_eq!(eos, 0);
        let view = tokenizer.view(eos);
        assert!(view.special);
        assert_eq!(view.text, "<|endoftext|>");
        let unused = tokenizer.view(tokenizer.vocab_size() as u32 + 5);
        assert!(unused.special && unused.bytes.is_empty());
    }

    #[test]
    fn spaces_are_part_of_the_following_token() {
        let tokenizer = tokenizer();
        let ids = tokenizer.encode("a truth").unwrap();
        let texts: Vec<String> = tokenizer.views(&ids).into_iter().map(|v| v.text).collect();
        assert_eq!(texts.concat(), "a truth");
        assert!(texts.iter().skip(1).any(|t| t.starts_with(' ')));
    }

    #[test]
    fn text_stream_holds_back_split_characters() {
        let mut stream = TextStream::new();
        let bytes = "中a".as_bytes();
        assert_eq!(stream.push(&bytes[..1]), "");
        assert_eq!(stream.push(&bytes[1..2]), "");
        assert_eq!(stream.push(&bytes[2..]), "中a");
        assert_eq!(stream.push(&[0xFF, b'b']), "\u{FFFD}b");
        assert_eq!(stream.push(&[0xE4]), "");
        assert_eq!(stream.finish(), "\u{FFFD}");
    }

    #[test]
    fn byte_level_map_covers_every_byte_once() {
        let chars: Vec<char> = ByteLevel::alphabet().into_iter().collect();
        assert_eq!(chars.len(), 256);
        let mut bytes: Vec<u8> = chars.iter().map(|&c| byte_of_char(c).unwrap()).collect();
        bytes.sort_unstable();
        assert_eq!(bytes, (0..=255).collect::<Vec<u8>>());
        assert_eq!(byte_of_char('Ġ'), Some(b' '));
    }
}
