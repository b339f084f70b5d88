//! Training batches: each row is a random window of one language's token stream, the
//! language drawn with the configured mix. The draws of update `n` come from ChaCha8
//! seeded with the run's seed on stream `n`, so they depend on nothing but the seed and
//! the step: a resumed run sees exactly the batches it would have seen.
//!
//! Validation instead walks the stream in consecutive windows, so every validation token
//! is predicted once and the n-gram baseline can be scored on the same targets.

use glassbox_model::candle_core::{Device, Tensor};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::corpus::Language;
use crate::token_data::TokenData;
use crate::train_error::{Result, TrainError};

/// Inputs (B, T) and the next-token targets (B, T).
#[derive(Debug, Clone)]
pub struct Batch {
    pub inputs: Tensor,
    pub targets: Tensor,
    /// Language of each row.
    pub languages: Vec<Language>,
}

#[derive(Debug, Clone)]
pub struct BatchSampler {
    pub batch_size: usize,
    pub seq_len: usize,
    pub zh_fraction: f64,
    pub seed: u64,
}

impl BatchSampler {
    /// Checks that every language the mix draws from has at least one window, and that a
    /// batch is not larger than the data.
    pub fn check(&self, data: &TokenData) -> Result<()> {
        let needed = self.seq_len + 1;
        let mut total = 0;
        for tokens in &data.languages {
            total += tokens.train.len();
            let drawn = match tokens.language {
                Language::Zh => self.zh_fraction > 0.0,
                Language::En => self.zh_fraction < 1.0,
            };
            if drawn && tokens.train.len() < needed {
                return Err(TrainError::TooLittleData {
                    language: tokens.language.code(),
                    tokens: tokens.train.len(),
                    needed,
                });
            }
        }
        if total == 0 {
            return Err(TrainError::Empty {
                what: "training text".to_owned(),
            });
        }
        if self.batch_size * self.seq_len > total {
            return Err(TrainError::BatchLargerThanData {
                batch_size: self.batch_size,
                seq_len: self.seq_len,
                tokens: total,
            });
        }
        Ok(())
    }

    /// The batch of update `step`.
    pub fn batch(&self, data: &TokenData, step: u64, device: &Device) -> Result<Batch> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(step);
        let (b, t) = (self.batch_size, self.seq_len);
        let mut inputs = Vec::with_capacity(b * t);
        let mut targets = Vec::with_capacity(b * t);
        let mut languages = Vec::with_capacity(b);
        for _ in 0..b {
            let language = if rng.random::<f64>() < self.zh_fraction {
                Language::Zh
            } else {
                Language::En
            };
            let stream = &data
                .get(language)
                .ok_or_else(|| TrainError::Empty {
                    what: format!("{} training text", language.code()),
                })?
                .train;
            let start = rng.random_range(0..=stream.len() - (t + 1));
            let window = &stream[start..start + t + 1];
            inputs.extend_from_slice(&window[..t]);
            targets.extend_from_slice(&window[1..]);
            languages.push(language);
        }
        Ok(Batch {
            inputs: Tensor::from_vec(inputs, (b, t), device)?,
            targets: Tensor::from_vec(targets, (b, t), device)?,
            languages,
        })
    }
}

/// Consecutive windows over `stream`: window `i` reads tokens `i·T .. i·T + T` and
/// predicts `i·T + 1 ..= i·T + T`. The tail that does not fill a window is left out.
/// With `limit`, evenly spaced windows covering about `limit` targets are kept.
pub fn evaluation_windows(stream: &[u32], seq_len: usize, limit: Option<usize>) -> Vec<usize> {
    if stream.len() < seq_len + 1 {
        return Vec::new();
    }
    let count = (stream.len() - 1) / seq_len;
    let starts: Vec<usize> = (0..count).map(|i| i * seq_len).collect();
    match limit {
        Some(limit) if limit / seq_len < count => {
            let keep = (limit / seq_len).max(1);
            (0..keep).map(|k| starts[k * count / keep]).collect()
        }
        _ => starts,
    }
}

/// A window over an evaluation stream: it reads `seq_len` tokens from `start`, and of its
/// targets it scores those from offset `scored_from` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoredWindow {
    pub start: usize,
    pub scored_from: usize,
}

/// Windows that score every target of a stream of `stream_len` tokens exactly once, the
/// tail included. Window `k` starts `stride` tokens after window `k - 1` and scores only
/// the targets that one did not reach, so after the first window every target is read
/// with at least `seq_len - stride` tokens before it (the strided evaluation of
/// fixed-length models). With `stride == seq_len` the windows do not overlap.
pub fn sliding_windows(stream_len: usize, seq_len: usize, stride: usize) -> Vec<ScoredWindow> {
    if seq_len == 0 || stream_len < seq_len + 1 {
        return Vec::new();
    }
    let stride = stride.clamp(1, seq_len);
    let last_target = stream_len - 1;
    let last_start = last_target - seq_len;
    let mut windows = vec![ScoredWindow {
        start: 0,
        scored_from: 0,
    }];
    let mut scored_to = seq_len;
    while scored_to < last_target {
        let start = (scored_to + stride - seq_len).min(last_start);
        windows.push(ScoredWindow {
            start,
            scored_from: scored_to - start,
        });
        scored_to = start + seq_len;
    }
    windows
}

/// The windows starting at `starts` as batches of at most `batch_size` rows.
pub fn window_batches(
    stream: &[u32],
    starts: &[usize],
    seq_len: usize,
    batch_size: usize,
    device: &Device,
) -> Result<Vec<(Tensor, Tensor)>> {
    starts
        .chunks(batch_size.max(1))
        .map(|chunk| {
            let mut inputs = Vec::with_capacity(chunk.len() * seq_len);
            let mut targets = Vec::with_capacity(chunk.len() * seq_len);
            for &start in chunk {
                inputs.extend_from_slice(&stream[start..start + seq_len]);
                targets.extend_from_slice(&stream[start + 1..start + seq_len + 1]);
            }
            Ok((
                Tensor::from_vec(inputs, (chunk.len(), seq_len), device)?,
                Tensor::from_vec(targets, (chunk.len(), seq_len), device)?,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token_data::LanguageTokens;

    fn data(zh: usize, en: usize) -> TokenData {
        TokenData {
            languages: vec![
                LanguageTokens {
                    language: Language::Zh,
                    train: (0..zh as u32).collect(),
                    valid: vec![],
                },
                LanguageTokens {
                    language: Language::En,
                    train: (1000..1000 + en as u32).collect(),
                    valid: vec![],
                },
            ],
        }
    }

    fn sampler(zh_fraction: f64) -> BatchSampler {
        BatchSampler {
            batch_size: 64,
            seq_len: 8,
            zh_fraction,
            seed: 5,
        }
    }

    #[test]
    fn targets_are_inputs_shifted_by_one_and_the_mix_is_respected() {
        let data = data(500, 500);
        let batch = sampler(0.25).batch(&data, 3, &Device::Cpu).unwrap();
        let inputs = batch.inputs.to_vec2::<u32>().unwrap();
        let targets = batch.targets.to_vec2::<u32>().unwrap();
        for (row, target) in inputs.iter().zip(&targets) {
            assert_eq!(row[1..], target[..7]);
            assert_eq!(row[0] < 1000, target[7] < 1000, "a row mixes languages");
        }
        let zh = batch
            .languages
            .iter()
            .filter(|&&l| l == Language::Zh)
            .count();
        assert!((8..=24).contains(&zh), "{zh} of 64 rows are Chinese");
        let again = sampler(0.25).batch(&data, 3, &Device::Cpu).unwrap();
        assert_eq!(again.inputs.to_vec2::<u32>().unwrap(), inputs);
        let next = sampler(0.25).batch(&data, 4, &Device::Cpu).unwrap();
        assert_ne!(next.inputs.to_vec2::<u32>().unwrap(), inputs);
    }

    #[test]
    fn batch_larger_than_the_data_and_empty_data_are_clear_errors() {
        let error = sampler(0.5).check(&data(100, 100)).unwrap_err().to_string();
        assert!(
            error.contains("more tokens per step than the 200"),
            "{error}"
        );
        let error = sampler(0.5).check(&data(0, 0)).unwrap_err().to_string();
        assert!(error.contains("too few for one sequence"), "{error}");
        let only_english = sampler(0.0);
        assert!(only_english.check(&data(0, 5000)).is_ok());
    }

    /// The target positions each window scores, in order.
    fn scored_positions(windows: &[ScoredWindow], seq_len: usize) -> Vec<usize> {
        windows
            .iter()
            .flat_map(|w| w.start + 1 + w.scored_from..=w.start + seq_len)
            .collect()
    }

    #[test]
    fn sliding_windows_score_every_target_once_with_enough_context() {
        for (len, seq_len, stride) in [(33, 8, 4), (34, 8, 4), (9, 8, 4), (100, 8, 3), (41, 8, 8)] {
            let windows = sliding_windows(len, seq_len, stride);
            let positions = scored_positions(&windows, seq_len);
            assert_eq!(
                positions,
                (1..len).collect::<Vec<_>>(),
                "{len} {seq_len} {stride}"
            );
            for w in &windows[1..] {
                assert!(w.scored_from >= seq_len - stride, "{w:?}");
                assert!(w.start + seq_len < len, "{w:?} reads past the end");
            }
        }
        assert_eq!(
            sliding_windows(33, 8, 8),
            [0, 8, 16, 24].map(|start| ScoredWindow {
                start,
                scored_from: 0
            })
        );
        assert_eq!(
            sliding_windows(17, 8, 4)[1..],
            [
                ScoredWindow {
                    start: 4,
                    scored_from: 4
                },
                ScoredWindow {
                    start: 8,
                    scored_from: 4
                }
            ]
        );
        assert!(sliding_windows(8, 8, 4).is_empty());
    }

    #[test]
    fn evaluation_windows_predict_every_token_once() {
        let starts = evaluation_windows(&[0; 33], 8, None);
        assert_eq!(starts, [0, 8, 16, 24]);
        let spread = evaluation_windows(&[0; 801], 8, Some(32));
        assert_eq!(spread, [0, 200, 400, 600]);
        assert!(evaluation_windows(&[0; 8], 8, None).is_empty());
    }
}
