//! The rigid layer: listed words and phrases, found as they are written. Letters match
//! whatever their case; nothing else is normalised, because that rigidity (a space, a
//! homophone or pinyin gets past it) is what the lesson shows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a listed term occurs, in characters (not bytes), so the UI can mark it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BlockMatch {
    pub term: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockList {
    terms: Vec<String>,
}

impl BlockList {
    /// One term a line; blank lines and `#` comments are skipped.
    pub fn parse(text: &str) -> Self {
        let terms = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        Self { terms }
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Every occurrence of every term, in text order.
    pub fn find(&self, text: &str) -> Vec<BlockMatch> {
        // One lower-case character per character (the first, where lowering gives several,
        // as for 'İ'), so positions in `lower` are positions in `text`.
        let lower: Vec<char> = text
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        let mut found = Vec::new();
        for term in &self.terms {
            let term_chars: Vec<char> = term.chars().collect();
            if term_chars.is_empty() || term_chars.len() > lower.len() {
                continue;
            }
            for start in 0..=lower.len() - term_chars.len() {
                if lower[start..start + term_chars.len()] == term_chars[..] {
                    found.push(BlockMatch {
                        term: term.clone(),
                        start: start as u32,
                        end: (start + term_chars.len()) as u32,
                    });
                }
            }
        }
        found.sort_by_key(|m| (m.start, m.end));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_terms() {
        let list = BlockList::parse("# a comment\n\n炸药\n  Bomb \n");
        assert_eq!(list.terms(), ["炸药", "bomb"]);
    }

    #[test]
    fn matches_ignore_case_and_count_characters() {
        let list = BlockList::parse("炸药\nbomb\n");
        let found = list.find("做BOMB和炸药");
        assert_eq!(
            found,
            [
                BlockMatch {
                    term: "bomb".into(),
                    start: 1,
                    end: 5
                },
                BlockMatch {
                    term: "炸药".into(),
                    start: 6,
                    end: 8
                },
            ]
        );
    }

    #[test]
    fn a_character_that_lowers_to_two_does_not_hide_a_match() {
        let list = BlockList::parse("bomb\n");
        let found = list.find("İ BOMB");
        assert_eq!(
            found,
            [BlockMatch {
                term: "bomb".into(),
                start: 2,
                end: 6
            }]
        );
    }

    #[test]
    fn a_space_or_a_homophone_gets_past_it() {
        let list = BlockList::parse("炸药\n");
        assert!(list.find("炸 药").is_empty());
        assert!(list.find("zha药").is_empty());
    }

    #[test]
    fn a_harmless_sentence_with_a_listed_word_is_caught_too() {
        let list = BlockList::parse("kill\n");
        assert_eq!(list.find("How do I kill a frozen program?").len(), 1);
    }
}
