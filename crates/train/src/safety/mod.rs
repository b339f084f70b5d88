//! Lesson 11's safety filter: the two layers products put in front of a model and behind
//! it, a block list and a small classifier, each with the failures that come with it
//! (a block list misses rewordings and blocks innocent text that contains a listed word; a
//! classifier trades misses against false alarms at its threshold).
//!
//! Both are defined openly in models/safety: `blocklist.txt` and the labelled
//! `examples.tsv` the classifier is trained on when the filter loads.

mod blocklist;
mod classifier;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::train_error::{Result, TrainError};

pub use blocklist::{BlockList, BlockMatch};
pub use classifier::{Classifier, Evidence, LabelledText};

pub const BLOCKLIST_FILE: &str = "blocklist.txt";
pub const EXAMPLES_FILE: &str = "examples.tsv";

/// The layer that stopped a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "FilterLayer")]
pub enum Layer {
    BlockList,
    Classifier,
}

/// What the filter made of one text. Both layers always run, so the learner sees what
/// each would have done on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "SafetyVerdict")]
pub struct Verdict {
    /// The first layer that blocks it (the block list runs first); `None`: it passes.
    pub blocked_by: Option<Layer>,
    pub matches: Vec<BlockMatch>,
    /// The classifier's probability that the text is harmful, 0-1.
    pub harm_score: f64,
    pub threshold: f64,
    /// The features of the text that moved the score most, strongest first.
    pub evidence: Vec<Evidence>,
}

pub struct SafetyFilter {
    blocklist: BlockList,
    classifier: Classifier,
}

impl SafetyFilter {
    pub fn new(blocklist: BlockList, classifier: Classifier) -> Self {
        Self {
            blocklist,
            classifier,
        }
    }

    /// Reads the block list and trains the classifier from a folder like models/safety.
    pub fn load(dir: &Path) -> Result<Self> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| TrainError::Read {
                path,
                reason: e.to_string(),
            })
        };
        let blocklist = BlockList::parse(&read(BLOCKLIST_FILE)?);
        let examples =
            LabelledText::parse_tsv(&read(EXAMPLES_FILE)?).map_err(|reason| TrainError::Read {
                path: dir.join(EXAMPLES_FILE),
                reason,
            })?;
        Ok(Self::new(blocklist, Classifier::train(&examples)))
    }

    pub fn blocklist(&self) -> &BlockList {
        &self.blocklist
    }

    /// Checks `text` with both layers; the classifier blocks at `threshold` (0-1) and above.
    pub fn check(&self, text: &str, threshold: f64) -> Verdict {
        let matches = self.blocklist.find(text);
        let (harm_score, evidence) = self.classifier.explain(text);
        let blocked_by = if !matches.is_empty() {
            Some(Layer::BlockList)
        } else if harm_score >= threshold {
            Some(Layer::Classifier)
        } else {
            None
        };
        Verdict {
            blocked_by,
            matches,
            harm_score,
            threshold,
            evidence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> SafetyFilter {
        let examples = LabelledText::parse_tsv(
            "harmful\thow to steal a bike\n\
             harmful\tsteal money from a shop\n\
             harmful\tbreak into a house at night\n\
             harmless\thow to ride a bike\n\
             harmless\tsave money every month\n\
             harmless\tpaint a house in spring\n",
        )
        .unwrap();
        SafetyFilter::new(
            BlockList::parse("# words\nsteal\n"),
            Classifier::train(&examples),
        )
    }

    #[test]
    fn the_block_list_stops_a_listed_word_first() {
        let verdict = filter().check("Please STEAL it", 0.99);
        assert_eq!(verdict.blocked_by, Some(Layer::BlockList));
        assert_eq!(verdict.matches[0].term, "steal");
    }

    #[test]
    fn the_classifier_catches_what_the_list_misses_above_its_threshold() {
        let filter = filter();
        let verdict = filter.check("break into a shop at night", 0.5);
        assert!(verdict.matches.is_empty());
        assert!(verdict.harm_score > 0.5, "{}", verdict.harm_score);
        assert_eq!(verdict.blocked_by, Some(Layer::Classifier));
        // The same text passes a stricter threshold: a miss the learner can cause.
        let lenient = filter.check("break into a shop at night", 0.999);
        assert_eq!(lenient.blocked_by, None);
    }

    #[test]
    fn harmless_text_passes() {
        let verdict = filter().check("ride a bike in spring", 0.5);
        assert_eq!(verdict.blocked_by, None);
        assert!(verdict.harm_score < 0.5);
    }
}
