//! The learned layer: logistic regression over the words (English) and the characters and
//! character pairs (Chinese) of a text, trained on the labelled examples in
//! models/safety/examples.tsv. It is tiny on purpose: every weight can be shown, so the
//! learner sees which words pushed a text towards "harmful".

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Passes over the examples; the loss has settled well before this on a few hundred.
const EPOCHS: usize = 400;
const LEARNING_RATE: f64 = 0.5;
/// L2 penalty: keeps a word seen once in one harmful example from deciding alone.
const L2: f64 = 0.01;
/// Features reported per explanation.
const EVIDENCE: usize = 6;

/// One training example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledText {
    pub harmful: bool,
    pub text: String,
}

impl LabelledText {
    /// Lines of `harmful<TAB>text` or `harmless<TAB>text`; `#` comments and blank lines
    /// are skipped; a bad line is reported with its number.
    pub fn parse_tsv(tsv: &str) -> Result<Vec<Self>, String> {
        let mut examples = Vec::new();
        for (number, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (label, text) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab between label and text", number + 1))?;
            let harmful = match label {
                "harmful" => true,
                "harmless" => false,
                other => {
                    return Err(format!(
                        "line {}: the label is {other:?}; use harmful or harmless",
                        number + 1
                    ));
                }
            };
            examples.push(Self {
                harmful,
                text: text.trim().to_owned(),
            });
        }
        if !examples.iter().any(|e| e.harmful) || examples.iter().all(|e| e.harmful) {
            return Err("the examples need both harmful and harmless texts".into());
        }
        Ok(examples)
    }
}

/// A feature of the text and how far it pushes the score (positive: towards harmful).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "SafetyEvidence")]
pub struct Evidence {
    /// The word, character or character pair as it appears.
    pub feature: String,
    pub weight: f64,
}

pub struct Classifier {
    index: HashMap<String, usize>,
    weights: Vec<f64>,
    bias: f64,
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The distinct features of `text`: lower-case English words of two letters or more, and
/// every Chinese character and pair of neighbouring characters.
fn features(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let lower = text.to_lowercase();
    for word in lower.split(|c: char| !c.is_ascii_alphabetic()) {
        if word.len() >= 2 {
            found.insert(word.to_owned());
        }
    }
    let han: Vec<Vec<char>> = lower
        .split(|c: char| !is_han(c))
        .filter(|run| !run.is_empty())
        .map(|run| run.chars().collect())
        .collect();
    for run in han {
        for (i, &c) in run.iter().enumerate() {
            found.insert(c.to_string());
            if let Some(&next) = run.get(i + 1) {
                found.insert(format!("{c}{next}"));
            }
        }
    }
    found
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Classifier {
    /// Full-batch gradient descent on the log loss; deterministic, so the same examples
    /// always give the same classifier.
    pub fn train(examples: &[LabelledText]) -> Self {
        let mut index = HashMap::new();
        let rows: Vec<(Vec<usize>, f64)> = examples
            .iter()
            .map(|e| {
                let ids = features(&e.text)
                    .into_iter()
                    .map(|f| {
                        let next = index.len();
                        *index.entry(f).or_insert(next)
                    })
                    .collect();
                (ids, if e.harmful { 1.0 } else { 0.0 })
            })
            .collect();
        let mut weights = vec![0.0; index.len()];
        let mut bias = 0.0;
        let n = rows.len() as f64;
        for _ in 0..EPOCHS {
            let mut gradient = vec![0.0; weights.len()];
            let mut bias_gradient = 0.0;
            for (ids, label) in &rows {
                let z = bias + ids.iter().map(|&i| weights[i]).sum::<f64>();
                let error = sigmoid(z) - label;
                bias_gradient += error;
                for &i in ids {
                    gradient[i] += error;
                }
            }
            for (w, g) in weights.iter_mut().zip(&gradient) {
                *w -= LEARNING_RATE * (g / n + L2 * *w);
            }
            bias -= LEARNING_RATE * bias_gradient / n;
        }
        Self {
            index,
            weights,
            bias,
        }
    }

    /// The probability that `text` is harmful, and the features that moved it most.
    pub fn explain(&self, text: &str) -> (f64, Vec<Evidence>) {
        let mut evidence: Vec<Evidence> = features(text)
            .into_iter()
            .filter_map(|f| {
                let weight = self.weights[*self.index.get(&f)?];
                Some(Evidence { feature: f, weight })
            })
            .collect();
        let z = self.bias + evidence.iter().map(|e| e.weight).sum::<f64>();
        evidence.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        evidence.truncate(EVIDENCE);
        (sigmoid(z), evidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_english_words_and_chinese_characters_and_pairs() {
        let found: Vec<String> = features("Steal 偷车 a bike!").into_iter().collect();
        assert_eq!(found, ["bike", "steal", "偷", "偷车", "车"]);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let error = LabelledText::parse_tsv("harmful\tx\nmaybe\ty\n").unwrap_err();
        assert!(error.contains("line 2"), "{error}");
        let error = LabelledText::parse_tsv("harmful\tx\n").unwrap_err();
        assert!(error.contains("both"), "{error}");
    }

    #[test]
    fn it_learns_which_words_lean_harmful() {
        let examples = LabelledText::parse_tsv(
            "harmful\t偷别人的钱\nharmful\t偷邻居的车\nharmless\t借别人的书\nharmless\t洗邻居的车\n",
        )
        .unwrap();
        let classifier = Classifier::train(&examples);
        let (harmful, evidence) = classifier.explain("偷朋友的钱");
        let (harmless, _) = classifier.explain("借朋友的书");
        assert!(harmful > 0.5 && harmless < 0.5, "{harmful} {harmless}");
        assert_eq!(evidence[0].feature, "偷");
        assert!(evidence[0].weight > 0.0);
    }

    #[test]
    fn unknown_text_falls_back_to_the_base_rate() {
        let examples =
            LabelledText::parse_tsv("harmful\tsteal\nharmless\tread\nharmless\twrite\n").unwrap();
        let (score, evidence) = Classifier::train(&examples).explain("zzz qqq");
        assert!(evidence.is_empty());
        assert!(score < 0.5, "{score}");
    }
}
