//! The n-gram baseline: interpolated Kneser-Ney (Chen & Goodman, 1998) over the same
//! tokens the transformer sees, as unigram, bigram and trigram models. Lesson 3 compares
//! it live with the transformer; `glassbox eval` reports the transformer's loss as a
//! ratio of the best n-gram loss.
//!
//! Kneser-Ney subtracts a fixed discount D from every seen count and gives the mass it
//! frees to the next-lower order. The lower orders count *continuations* (how many
//! distinct tokens precede a token) rather than occurrences, because they only matter
//! when the longer context was never seen: "Francisco" is frequent but follows almost
//! only "San", so it is a poor guess after an unseen context.
//!
//! ```text
//! P3(w | u v) = max(c(u v w) − D, 0) / c(u v ·) + D · N1+(u v ·) / c(u v ·) · P2(w | v)
//! P2(w | v)   = max(N1+(· v w) − D, 0) / N1+(· v ·) + D · N1+(v ·) / N1+(· v ·) · P1(w)
//! P1(w)       = max(N1+(· w) − D, 0) / N1+(· ·) + D · |{w: N1+(· w) > 0}| / N1+(· ·) / V
//! ```
//!
//! A context never seen falls through to the lower order. The bigram and unigram models,
//! when they are the highest order, use plain counts in place of continuation counts.
//! Unigram and bigram baselines are reported too, so the lesson can show what each
//! order of context buys.
//!
//! On disk the model is its training token streams (u16, gzip) with the discount: the
//! counts follow from them in a second, and the tokens are smaller than the count tables.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::atomic_file::write_file_atomically;
use crate::train_error::{Result, TrainError};

/// The discount Chen & Goodman found to work well across corpora.
pub const DEFAULT_DISCOUNT: f64 = 0.75;
pub const NGRAM_FILE: &str = "ngram.bin.gz";
const MAGIC: &[u8; 8] = b"GBNGRAM1";

/// Counts of the tokens that follow one context, sorted by token.
#[derive(Debug, Clone, Default)]
struct Followers {
    tokens: Vec<u32>,
    counts: Vec<u32>,
    total: u64,
}

impl Followers {
    fn from_map(map: HashMap<u32, u32>) -> Self {
        let mut pairs: Vec<(u32, u32)> = map.into_iter().collect();
        pairs.sort_unstable();
        Self {
            total: pairs.iter().map(|&(_, c)| u64::from(c)).sum(),
            tokens: pairs.iter().map(|&(t, _)| t).collect(),
            counts: pairs.iter().map(|&(_, c)| c).collect(),
        }
    }

    fn count(&self, token: u32) -> u32 {
        self.tokens
            .binary_search(&token)
            .map_or(0, |i| self.counts[i])
    }

    fn types(&self) -> usize {
        self.tokens.len()
    }
}

/// Unigram, bigram and trigram counts of some token streams, with Kneser-Ney queries.
#[derive(Debug, Clone)]
pub struct NGramModel {
    vocab_size: usize,
    discount: f64,
    streams: Vec<Vec<u32>>,
    /// c(w), for the unigram model.
    unigram: Vec<u64>,
    unigram_total: u64,
    /// N1+(· w): distinct tokens seen before w.
    unigram_continuations: Vec<u64>,
    unigram_continuation_total: u64,
    unigram_continuation_types: usize,
    /// c(v w) by v, for the bigram model.
    bigram: HashMap<u32, Followers>,
    /// N1+(· v w) by v, for the trigram model's middle order.
    bigram_continuations: HashMap<u32, Followers>,
    /// c(u v w) by (u, v).
    trigram: HashMap<(u32, u32), Followers>,
}

impl NGramModel {
    /// Counts every n-gram inside each stream (none across streams).
    pub fn train(streams: Vec<Vec<u32>>, vocab_size: usize, discount: f64) -> Result<Self> {
        if !(discount > 0.0 && discount < 1.0) {
            return Err(TrainError::OutOfRange {
                setting: "discount",
                value: discount,
                min: 0.0,
                max: 1.0,
            });
        }
        if streams.iter().all(|s| s.is_empty()) {
            return Err(TrainError::Empty {
                what: "n-gram training text".to_owned(),
            });
        }
        if let Some(&bad) = streams
            .iter()
            .flatten()
            .find(|&&t| t as usize >= vocab_size)
        {
            return Err(TrainError::OutOfRange {
                setting: "token id",
                value: f64::from(bad),
                min: 0.0,
                max: (vocab_size - 1) as f64,
            });
        }
        let mut unigram = vec![0u64; vocab_size];
        let mut bigram: HashMap<u32, HashMap<u32, u32>> = HashMap::new();
        let mut trigram: HashMap<(u32, u32), HashMap<u32, u32>> = HashMap::new();
        for stream in &streams {
            for (i, &w) in stream.iter().enumerate() {
                unigram[w as usize] += 1;
                if i >= 1 {
                    *bigram
                        .entry(stream[i - 1])
                        .or_default()
                        .entry(w)
                        .or_default() += 1;
                }
                if i >= 2 {
                    *trigram
                        .entry((stream[i - 2], stream[i - 1]))
                        .or_default()
                        .entry(w)
                        .or_default() += 1;
                }
            }
        }
        // N1+(· w) from the distinct bigrams, N1+(· v w) from the distinct trigrams.
        let mut unigram_continuations = vec![0u64; vocab_size];
        for followers in bigram.values() {
            for &w in followers.keys() {
                unigram_continuations[w as usize] += 1;
            }
        }
        let mut bigram_continuations: HashMap<u32, HashMap<u32, u32>> = HashMap::new();
        for (&(_, v), followers) in &trigram {
            let entry = bigram_continuations.entry(v).or_default();
            for &w in followers.keys() {
                *entry.entry(w).or_default() += 1;
            }
        }
        let convert = |m: HashMap<u32, HashMap<u32, u32>>| {
            m.into_iter()
                .map(|(k, f)| (k, Followers::from_map(f)))
                .collect::<HashMap<_, _>>()
        };
        Ok(Self {
            vocab_size,
            discount,
            unigram_continuation_total: unigram_continuations.iter().sum(),
            unigram_continuation_types: unigram_continuations.iter().filter(|&&c| c > 0).count(),
            unigram_continuations,
            unigram_total: unigram.iter().sum(),
            unigram,
            bigram: convert(bigram),
            bigram_continuations: convert(bigram_continuations),
            trigram: trigram
                .into_iter()
                .map(|(k, f)| (k, Followers::from_map(f)))
                .collect(),
            streams,
        })
    }

    pub fn vocab_size(&self) -> usize {
        self.vocab_size
    }

    pub fn discount(&self) -> f64 {
        self.discount
    }

    /// P(w) with add-one smoothing: the baseline with no context at all.
    pub fn unigram_probability(&self, w: u32) -> f64 {
        (self.unigram[w as usize] + 1) as f64 / (self.unigram_total + self.vocab_size as u64) as f64
    }

    /// The Kneser-Ney lowest order: continuation counts mixed with the uniform
    /// distribution, so a token never seen keeps some probability.
    fn continuation_unigram(&self, w: u32) -> f64 {
        let d = self.discount;
        let total = self.unigram_continuation_total as f64;
        if total == 0.0 {
            return 1.0 / self.vocab_size as f64;
        }
        let seen = (self.unigram_continuations[w as usize] as f64 - d).max(0.0) / total;
        let freed = d * self.unigram_continuation_types as f64 / total;
        seen + freed / self.vocab_size as f64
    }

    /// Interpolated Kneser-Ney with `followers` as the counts after the context.
    fn interpolate(&self, followers: Option<&Followers>, w: u32, lower: f64) -> f64 {
        match followers {
            Some(f) if f.total > 0 => {
                let d = self.discount;
                let total = f.total as f64;
                (f64::from(f.count(w)) - d).max(0.0) / total + d * f.types() as f64 / total * lower
            }
            _ => lower,
        }
    }

    /// P(w | v) from the bigram model (plain counts at the top order).
    pub fn bigram_probability(&self, v: u32, w: u32) -> f64 {
        self.interpolate(self.bigram.get(&v), w, self.continuation_unigram(w))
    }

    /// P(w | u v) from the trigram model.
    pub fn trigram_probability(&self, u: u32, v: u32, w: u32) -> f64 {
        let middle = self.interpolate(
            self.bigram_continuations.get(&v),
            w,
            self.continuation_unigram(w),
        );
        self.interpolate(self.trigram.get(&(u, v)), w, middle)
    }

    /// P(w | context) from the highest order the context allows (up to `order`).
    pub fn probability(&self, order: usize, context: &[u32], w: u32) -> f64 {
        match (order, context) {
            (3.., [.., u, v]) => self.trigram_probability(*u, *v, w),
            (2.., [.., v]) => self.bigram_probability(*v, w),
            (2.., []) => self.continuation_unigram(w),
            _ => self.unigram_probability(w),
        }
    }

    /// The whole next-token distribution after `context` (what lesson 3 draws).
    pub fn distribution(&self, order: usize, context: &[u32]) -> Vec<f64> {
        (0..self.vocab_size as u32)
            .map(|w| self.probability(order, context, w))
            .collect()
    }

    /// Mean negative log-probability in nats of `stream[i]` for every `i` in `targets`,
    /// each given the tokens before it in the stream.
    pub fn loss(&self, order: usize, stream: &[u32], targets: impl Iterator<Item = usize>) -> f64 {
        let mut total = 0f64;
        let mut n = 0usize;
        for i in targets {
            let context = &stream[i.saturating_sub(order - 1)..i];
            total -= self.probability(order, context, stream[i]).ln();
            n += 1;
        }
        total / n.max(1) as f64
    }

    /// Writes the discount, vocabulary size and training streams, gzip-compressed.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&self.discount.to_le_bytes());
        raw.extend_from_slice(&(self.vocab_size as u32).to_le_bytes());
        raw.extend_from_slice(&(self.streams.len() as u32).to_le_bytes());
        let wide = self.vocab_size > usize::from(u16::MAX) + 1;
        raw.push(u8::from(wide));
        for stream in &self.streams {
            raw.extend_from_slice(&(stream.len() as u64).to_le_bytes());
            for &t in stream {
                if wide {
                    raw.extend_from_slice(&t.to_le_bytes());
                } else {
                    raw.extend_from_slice(&(t as u16).to_le_bytes());
                }
            }
        }
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder
            .write_all(&raw)
            .and_then(|_| encoder.finish())
            .map_err(|e| TrainError::Write {
                path: path.to_owned(),
                reason: e.to_string(),
            })
            .and_then(|bytes| write_file_atomically(path, &bytes))
    }

    pub fn load(path: &Path) -> Result<Self> {
        let bad = |reason: &str| TrainError::Read {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        let file = std::fs::File::open(path).map_err(|e| bad(&e.to_string()))?;
        let mut raw = Vec::new();
        GzDecoder::new(file)
            .read_to_end(&mut raw)
            .map_err(|e| bad(&e.to_string()))?;
        let mut reader = ByteReader { bytes: &raw };
        let truncated = || bad("the file is cut off; save the n-gram model again");
        if reader.take(8).ok_or_else(truncated)? != MAGIC {
            return Err(bad("not a Glassbox n-gram file"));
        }
        let discount = f64::from_le_bytes(reader.array().ok_or_else(truncated)?);
        let vocab_size = u32::from_le_bytes(reader.array().ok_or_else(truncated)?) as usize;
        let stream_count = u32::from_le_bytes(reader.array().ok_or_else(truncated)?);
        let wide = reader.take(1).ok_or_else(truncated)?[0] == 1;
        let mut streams = Vec::new();
        for _ in 0..stream_count {
            let len = u64::from_le_bytes(reader.array().ok_or_else(truncated)?) as usize;
            let width = if wide { 4 } else { 2 };
            let bytes = reader.take(len * width).ok_or_else(truncated)?;
            streams.push(if wide {
                bytes
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect()
            } else {
                bytes
                    .chunks_exact(2)
                    .map(|c| u32::from(u16::from_le_bytes([c[0], c[1]])))
                    .collect()
            });
        }
        Self::train(streams, vocab_size, discount)
    }
}

struct ByteReader<'a> {
    bytes: &'a [u8],
}

impl<'a> ByteReader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N).and_then(|b| b.try_into().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> NGramModel {
        let streams = vec![
            vec![1, 2, 3, 1, 2, 4, 1, 2, 3, 5, 0],
            vec![6, 2, 3, 3, 7, 1],
        ];
        NGramModel::train(streams, 10, DEFAULT_DISCOUNT).unwrap()
    }

    #[test]
    fn every_order_sums_to_one_over_the_vocabulary() {
        let model = model();
        for order in 1..=3 {
            for context in [&[][..], &[2], &[1, 2], &[9, 9], &[2, 3], &[8]] {
                let sum: f64 = model.distribution(order, context).iter().sum();
                assert!((sum - 1.0).abs() < 1e-9, "order {order} {context:?}: {sum}");
            }
        }
    }

    #[test]
    fn seen_continuations_are_likelier_and_unseen_tokens_keep_some_mass() {
        let model = model();
        let after_1_2 = model.distribution(3, &[1, 2]);
        assert!(after_1_2[3] > after_1_2[4] && after_1_2[4] > after_1_2[9]);
        assert!(after_1_2[9] > 0.0);
        let stream = [1, 2, 3, 1, 2, 4];
        let trigram = model.loss(3, &stream, 1..stream.len());
        let unigram = model.loss(1, &stream, 1..stream.len());
        assert!(trigram < unigram, "{trigram} vs {unigram}");
    }

    #[test]
    fn saved_model_gives_the_same_probabilities() {
        let model = model();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(NGRAM_FILE);
        model.save(&path).unwrap();
        let loaded = NGramModel::load(&path).unwrap();
        assert_eq!(
            loaded.distribution(3, &[1, 2]),
            model.distribution(3, &[1, 2])
        );
        std::fs::write(&path, b"nonsense").unwrap();
        assert!(NGramModel::load(&path).is_err());
    }

    #[test]
    fn empty_text_and_bad_discount_are_refused() {
        let error = NGramModel::train(vec![vec![]], 10, 0.75).unwrap_err();
        assert!(
            error.to_string().contains("no n-gram training text"),
            "{error}"
        );
        assert!(NGramModel::train(vec![vec![1]], 10, 1.5).is_err());
    }
}
