//! The workbench: what the lesson widgets measure on the bundled models, one request at a
//! time and apart from the generation engine, so a widget never disturbs the text in the
//! generation lab. It keeps CPU copies of the models it was asked about, the n-gram
//! baselines and a fixed held-out sample of the validation text.

use std::collections::HashMap;
use std::path::Path;

use glassbox_model::candle_core::Device;
use glassbox_model::{
    CpuBackend, Generator, ModelConfig, ModelDir, Prefill, Probes, SamplingSettings, Tokenizer,
    Weights,
};
use glassbox_train::benchmark::Item as BenchmarkItem;
use glassbox_train::completion::{Completion, complete, complete_ngram};
use glassbox_train::compress::{Precision, prune, quantize, storage_bytes};
use glassbox_train::corpus::preview::{CleaningPreview, preview_cleaning};
use glassbox_train::corpus::{Corpus, CorpusStats, Language, Split};
use glassbox_train::held_out::{HeldOut, HeldOutLoss};
use glassbox_train::ngram::NGramModel;
use glassbox_train::safety::SafetyFilter;
use glassbox_train::token_data::tokenize;
use glassbox_train::train_config::TrainConfig;
use glassbox_train::trainer::{LOG_FILE, RUN_CONFIG_FILE};
use glassbox_train::training_log::{ValidationPoint, validation_curve};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::models::ModelPaths;

mod evaluation;
mod limitations;

/// Held-out targets per language: enough for losses steady to about 0.01, few enough to
/// answer a slider in about a second.
const HELD_OUT_TOKENS: usize = 1024;
/// The longest prompt a widget may send; longer text is a paste gone wrong.
const MAX_PROMPT_CHARS: usize = 4000;
/// The most tokens one completion may ask for.
const MAX_COMPLETION_TOKENS: usize = 64;
/// Kneser-Ney discount of the bundled n-gram (models/ngram/README.md).
const NGRAM_DISCOUNT: f64 = 0.75;

/// A compression technique at one setting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum Technique {
    /// Remove this fraction (0-1) of the matrix weights, smallest first.
    Prune {
        fraction: f64,
    },
    Quantize {
        precision: Precision,
    },
}

/// Which n-gram baseline continues a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Baseline {
    /// The bundled model of this order (1-3), counted on the whole corpus.
    Corpus { order: u8 },
    /// A trigram counted on the Chinese poems alone: a model built for one job.
    PoemsOnly,
}

/// A compressed model next to the original, on the same held-out text and prompt.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CompressionReport {
    /// Bytes of the weights as this technique stores them (pruning keeps the dense file).
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub original_bytes: u64,
    /// Matrix weights that are exactly zero.
    #[ts(type = "number")]
    pub zeroed: u64,
    #[ts(type = "number")]
    pub matrix_parameters: u64,
    pub loss: HeldOutLoss,
    pub original_loss: HeldOutLoss,
    /// The compressed model's greedy continuation of the prompt.
    pub completion: Completion,
}

/// Lesson 6's distillation pair: the same student trained on the text alone and with tiny
/// as its teacher (crates/train/configs/student*.toml).
pub const DISTILLATION_RUNS: [&str; 2] = ["student", "student-distilled"];

/// One run of the distillation pair, as its folder records it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DistillationRun {
    pub model: String,
    /// The teacher's folder name; `None` for the student trained on text alone.
    pub teacher: Option<String>,
    pub temperature: Option<f64>,
    pub alpha: Option<f64>,
    #[ts(type = "number")]
    pub parameters: u64,
    #[ts(type = "number")]
    pub steps: u64,
    /// Validation loss during training, from its `train.csv`.
    pub curve: Vec<ValidationPoint>,
}

struct Loaded {
    config: ModelConfig,
    weights: Weights,
    generator: Generator,
    /// The uncompressed model's held-out loss, once measured.
    loss: Option<HeldOutLoss>,
}

pub struct Workbench {
    paths: ModelPaths,
    models: HashMap<String, Loaded>,
    corpus: Option<Corpus>,
    held_out: Option<HeldOut>,
    ngram: Option<NGramModel>,
    poem_ngram: Option<NGramModel>,
    benchmark: Option<Vec<BenchmarkItem>>,
    safety: Option<SafetyFilter>,
}

fn message(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn check_prompt(prompt: &str) -> Result<(), String> {
    if prompt.trim().is_empty() {
        return Err("the text is empty; type something first".into());
    }
    let chars = prompt.chars().count();
    if chars > MAX_PROMPT_CHARS {
        return Err(format!(
            "the text has {chars} characters; the widgets take at most {MAX_PROMPT_CHARS}"
        ));
    }
    Ok(())
}

impl Workbench {
    pub fn new(paths: ModelPaths) -> Self {
        Self {
            paths,
            models: HashMap::new(),
            corpus: None,
            held_out: None,
            ngram: None,
            poem_ngram: None,
            benchmark: None,
            safety: None,
        }
    }

    fn models_dir(&self) -> Result<&Path, String> {
        self.paths
            .models
            .as_deref()
            .ok_or_else(|| "no models folder was found; set GLASSBOX_MODELS".to_owned())
    }

    /// A bundled model by folder name, or a trained run's (`run:<id>`), loaded on first use.
    fn model(&mut self, name: &str) -> Result<&mut Loaded, String> {
        if !self.models.contains_key(name) {
            let dir = ModelDir::open(&self.paths.resolve(name)?).map_err(message)?;
            let config = dir.config().map_err(message)?;
            let weights = dir.weights(&config, &Device::Cpu).map_err(message)?;
            let generator = generator(&config, &weights, dir.tokenizer().map_err(message)?, name)?;
            self.models.insert(
                name.to_owned(),
                Loaded {
                    config,
                    weights,
                    generator,
                    loss: None,
                },
            );
        }
        Ok(self.models.get_mut(name).expect("inserted above"))
    }

    fn corpus(&mut self) -> Result<&Corpus, String> {
        if self.corpus.is_none() {
            let dir = self.models_dir()?.join("corpus");
            self.corpus = Some(Corpus::load(&dir).map_err(message)?);
        }
        Ok(self.corpus.as_ref().expect("loaded above"))
    }

    /// The shared tokenizer of the bundled models and the n-gram (models/tokenizer.json).
    fn tokenizer(&self) -> Result<Tokenizer, String> {
        Tokenizer::from_file(&self.models_dir()?.join("tokenizer.json")).map_err(message)
    }

    fn held_out(&mut self) -> Result<&HeldOut, String> {
        if self.held_out.is_none() {
            let tokenizer = self.tokenizer()?;
            let corpus = self.corpus()?;
            // Windows as long as the bundled models' context.
            let held_out =
                HeldOut::from_corpus(corpus, &tokenizer, 128, HELD_OUT_TOKENS).map_err(message)?;
            self.held_out = Some(held_out);
        }
        Ok(self.held_out.as_ref().expect("built above"))
    }

    fn ngram(&mut self) -> Result<&NGramModel, String> {
        if self.ngram.is_none() {
            let path = self.models_dir()?.join("ngram/ngram.bin.gz");
            self.ngram = Some(NGramModel::load(&path).map_err(message)?);
        }
        Ok(self.ngram.as_ref().expect("loaded above"))
    }

    fn poem_ngram(&mut self) -> Result<&NGramModel, String> {
        if self.poem_ngram.is_none() {
            let tokenizer = self.tokenizer()?;
            let corpus = self.corpus()?;
            let poems =
                tokenize(corpus.texts(Language::Zh, Split::Train), &tokenizer).map_err(message)?;
            let ngram = NGramModel::train(vec![poems], tokenizer.vocab_size(), NGRAM_DISCOUNT)
                .map_err(message)?;
            self.poem_ngram = Some(ngram);
        }
        Ok(self.poem_ngram.as_ref().expect("built above"))
    }

    /// The model's attention (and routing, for MoE) over `text`.
    pub fn inspect(&mut self, model: &str, text: &str) -> Result<Prefill, String> {
        check_prompt(text)?;
        let generator = &mut self.model(model)?.generator;
        generator.set_probes(Probes {
            attention: true,
            routing: true,
            logit_lens: false,
        });
        generator.prefill(text, 0).map_err(message)
    }

    pub fn complete(
        &mut self,
        model: &str,
        prompt: &str,
        max_tokens: usize,
        settings: &SamplingSettings,
    ) -> Result<Completion, String> {
        check_prompt(prompt)?;
        let generator = &mut self.model(model)?.generator;
        generator.set_probes(Probes::NONE);
        complete(
            generator,
            prompt,
            max_tokens.clamp(1, MAX_COMPLETION_TOKENS),
            settings,
        )
        .map_err(message)
    }

    pub fn complete_baseline(
        &mut self,
        baseline: Baseline,
        prompt: &str,
        max_tokens: usize,
        settings: &SamplingSettings,
    ) -> Result<Completion, String> {
        check_prompt(prompt)?;
        let tokenizer = self.tokenizer()?;
        let (ngram, order) = match baseline {
            Baseline::Corpus { order } => (self.ngram()?, usize::from(order)),
            Baseline::PoemsOnly => (self.poem_ngram()?, 3),
        };
        let max_tokens = max_tokens.clamp(1, MAX_COMPLETION_TOKENS);
        complete_ngram(ngram, order, &tokenizer, prompt, max_tokens, settings).map_err(message)
    }

    /// A bundled model's loss on the held-out sample.
    pub fn model_loss(&mut self, model: &str) -> Result<HeldOutLoss, String> {
        self.held_out()?;
        self.model(model)?;
        let held_out = self.held_out.as_ref().expect("built above");
        let loaded = self.models.get_mut(model).expect("loaded above");
        if let Some(loss) = loaded.loss {
            return Ok(loss);
        }
        let loss = held_out
            .model_loss(&loaded.config, &loaded.weights)
            .map_err(message)?;
        loaded.loss = Some(loss);
        Ok(loss)
    }

    /// The n-gram model of `order` (1-3) on exactly the same held-out targets.
    pub fn ngram_loss(&mut self, order: u8) -> Result<HeldOutLoss, String> {
        self.held_out()?;
        self.ngram()?;
        let held_out = self.held_out.as_ref().expect("built above");
        let ngram = self.ngram.as_ref().expect("loaded above");
        held_out
            .ngram_loss(ngram, usize::from(order))
            .map_err(message)
    }

    /// How the distillation pair trained, read from their folders.
    /// The corpus pipeline's own report: documents in, cleaned, deduplicated and kept.
    pub fn corpus_stats(&self) -> Result<CorpusStats, String> {
        let path = self.models_dir()?.join("corpus").join("stats.json");
        let json = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_str(&json).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }

    /// The pipeline's cleaning rules on a sample text.
    pub fn clean_sample(&self, text: &str, language: Language) -> Result<CleaningPreview, String> {
        check_prompt(text)?;
        Ok(preview_cleaning(text, language))
    }

    pub fn distillation(&self) -> Result<Vec<DistillationRun>, String> {
        let models = self.models_dir()?;
        DISTILLATION_RUNS
            .iter()
            .map(|&name| {
                let dir = models.join(name);
                let config = TrainConfig::from_file(&dir.join(RUN_CONFIG_FILE)).map_err(message)?;
                let csv = std::fs::read_to_string(dir.join(LOG_FILE))
                    .map_err(|e| format!("cannot read {}: {e}", dir.join(LOG_FILE).display()))?;
                let distill = config.distill.as_ref();
                Ok(DistillationRun {
                    model: name.to_owned(),
                    teacher: distill.and_then(|d| {
                        d.teacher
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                    }),
                    temperature: distill.map(|d| d.temperature),
                    alpha: distill.map(|d| d.alpha),
                    parameters: config.model.parameter_count().total as u64,
                    steps: config.training.steps,
                    curve: validation_curve(&csv),
                })
            })
            .collect()
    }

    /// Compresses a copy of `model` and measures what that cost.
    pub fn compress(
        &mut self,
        model: &str,
        technique: Technique,
        prompt: &str,
    ) -> Result<CompressionReport, String> {
        check_prompt(prompt)?;
        let original_loss = self.model_loss(model)?;
        let loaded = self.model(model)?;
        let (config, original) = (loaded.config.clone(), loaded.weights.clone());
        let tokenizer = loaded.generator.tokenizer().clone();
        let (weights, bytes) = match technique {
            Technique::Prune { fraction } => {
                let pruned = prune(&config, &original, fraction).map_err(message)?;
                (pruned.weights, storage_bytes(&original, Precision::F32))
            }
            Technique::Quantize { precision } => (
                quantize(&config, &original, precision).map_err(message)?,
                storage_bytes(&original, precision),
            ),
        };
        let held_out = self.held_out()?;
        let loss = held_out.model_loss(&config, &weights).map_err(message)?;
        let mut generator = generator(&config, &weights, tokenizer, model)?;
        generator.set_probes(Probes::NONE);
        let completion =
            complete(&mut generator, prompt, 24, &SamplingSettings::greedy()).map_err(message)?;
        Ok(CompressionReport {
            bytes,
            original_bytes: storage_bytes(&original, Precision::F32),
            zeroed: zeroed_matrix_weights(&weights)?,
            matrix_parameters: matrix_parameters(&weights),
            loss,
            original_loss,
            completion,
        })
    }
}

fn generator(
    config: &ModelConfig,
    weights: &Weights,
    tokenizer: Tokenizer,
    name: &str,
) -> Result<Generator, String> {
    let backend = CpuBackend::new(config, weights).map_err(message)?;
    Generator::new(Box::new(backend), tokenizer, name).map_err(message)
}

fn matrices(weights: &Weights) -> impl Iterator<Item = &glassbox_model::candle_core::Tensor> {
    weights
        .iter()
        .map(|(_, var)| var.as_tensor())
        .filter(|t| t.rank() == 2)
}

fn matrix_parameters(weights: &Weights) -> u64 {
    matrices(weights).map(|t| t.elem_count() as u64).sum()
}

fn zeroed_matrix_weights(weights: &Weights) -> Result<u64, String> {
    let mut zeroed = 0;
    for tensor in matrices(weights) {
        let values = tensor.flatten_all().and_then(|t| t.to_vec1::<f32>());
        zeroed += values
            .map_err(message)?
            .iter()
            .filter(|&&v| v == 0.0)
            .count() as u64;
    }
    Ok(zeroed)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// One workbench over the bundled models for every test: loading is the slow part.
    pub(crate) fn bench() -> std::sync::MutexGuard<'static, Workbench> {
        static BENCH: std::sync::OnceLock<std::sync::Mutex<Workbench>> = std::sync::OnceLock::new();
        let models = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models");
        BENCH
            .get_or_init(|| {
                std::sync::Mutex::new(Workbench::new(ModelPaths {
                    models: Some(models),
                    runs: None,
                }))
            })
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::testing::bench;

    #[test]
    fn inspect_shows_causal_attention_and_moe_routing() {
        let mut bench = bench();
        let prefill = bench.inspect("tiny", "春风又绿江南岸").unwrap();
        let n = prefill.tokens.len();
        assert_eq!(prefill.attention.len(), 6);
        let layer = &prefill.attention[0];
        assert_eq!((layer.queries as usize, layer.keys as usize), (n, n));
        // Causal: nothing after the query.
        for q in 0..n {
            assert!(layer.row(0, q)[q + 1..].iter().all(|&p| p == 0.0));
        }
        assert!(prefill.routing.is_empty());
        let moe = bench.inspect("tiny-moe", "It is a truth").unwrap();
        assert!(!moe.routing.is_empty());
        assert_eq!(moe.routing[0].tokens as usize, moe.tokens.len());
    }

    #[test]
    fn bad_requests_get_a_sentence() {
        let mut bench = bench();
        for name in ["", "../tiny", "nope", ".hidden"] {
            assert!(!bench.inspect(name, "hi").unwrap_err().is_empty(), "{name}");
        }
        assert!(bench.inspect("tiny", "   ").unwrap_err().contains("empty"));
        let huge = "字".repeat(MAX_PROMPT_CHARS + 1);
        assert!(
            bench
                .inspect("tiny", &huge)
                .unwrap_err()
                .contains("at most")
        );
        // Odd Unicode is just text.
        bench.inspect("tiny", "🦀\u{200b}é\u{301}").unwrap();
        for order in [0, 4, 255] {
            assert!(
                bench.ngram_loss(order).unwrap_err().contains("order"),
                "{order}"
            );
        }
        let prune_all = Technique::Prune { fraction: 2.0 };
        assert!(bench.compress("tiny", prune_all, "春").is_err());
    }

    #[test]
    fn the_poems_only_baseline_writes_poetry_whatever_it_is_given() {
        let mut bench = bench();
        let greedy = SamplingSettings::greedy();
        let english = "It is a truth universally acknowledged";
        let completion = bench
            .complete_baseline(Baseline::PoemsOnly, english, 16, &greedy)
            .unwrap();
        let han = completion
            .text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
        assert!(han.count() >= 4, "{}", completion.text);
        let corpus = bench
            .complete_baseline(Baseline::Corpus { order: 3 }, english, 16, &greedy)
            .unwrap();
        assert!(corpus.text.is_ascii(), "{}", corpus.text);
    }

    #[test]
    fn compression_reports_size_loss_and_text() {
        let mut bench = bench();
        let half = bench
            .compress("tiny", Technique::Prune { fraction: 0.5 }, "明月")
            .unwrap();
        assert_eq!(half.bytes, half.original_bytes);
        let ratio = half.zeroed as f64 / half.matrix_parameters as f64;
        assert!((0.5..0.51).contains(&ratio), "{ratio}");
        assert!(half.loss.mean > half.original_loss.mean);
        assert!(!half.completion.generated.is_empty());
        let int8 = Technique::Quantize {
            precision: Precision::Int8,
        };
        let report = bench.compress("tiny", int8, "明月").unwrap();
        assert!(report.bytes * 3 < report.original_bytes);
        assert!((report.loss.mean - report.original_loss.mean).abs() < 0.05);
        // The n-gram is scored on the same targets as the model.
        let trigram = bench.ngram_loss(3).unwrap();
        assert_eq!(trigram.tokens_per_language, report.loss.tokens_per_language);
        assert!(bench.ngram_loss(1).unwrap().mean > trigram.mean);
    }

    #[test]
    fn the_distillation_pair_reports_its_runs() {
        let bench = bench();
        let runs = bench.distillation().unwrap();
        assert_eq!(runs.len(), 2);
        let (plain, distilled) = (&runs[0], &runs[1]);
        assert_eq!(plain.teacher, None);
        assert_eq!(distilled.teacher.as_deref(), Some("tiny"));
        // The same student, the same schedule: only the teacher differs.
        assert_eq!(plain.parameters, distilled.parameters);
        assert_eq!(plain.steps, distilled.steps);
        for run in &runs {
            assert!(run.curve.len() >= 2, "{}", run.model);
            assert!(run.curve.windows(2).all(|w| w[0].step <= w[1].step));
            assert!(run.curve.last().unwrap().val_loss < run.curve[0].val_loss);
        }
    }

    #[test]
    fn the_cleaning_report_and_the_cleaner_come_from_the_pipeline() {
        let bench = bench();
        let stats = bench.corpus_stats().unwrap();
        assert_eq!(stats.languages.len(), 2);
        assert!(
            stats
                .sources
                .iter()
                .all(|s| s.kept.characters <= s.raw.characters)
        );
        let preview = bench
            .clean_sample("床前 明月光,\n床前明月光，", Language::Zh)
            .unwrap();
        assert_eq!(preview.units.len(), 2);
        assert!(bench.clean_sample("  ", Language::En).is_err());
    }
}
