//! Lesson 10's measurements: the shipped benchmark scored live, and continuations traced
//! token by token (probability and entropy) for the false-premise probe.

use glassbox_model::SamplingSettings;
use glassbox_train::benchmark::{
    ITEMS_FILE, ItemScore, NGramScorer, TransformerScorer, load_items, score_items,
};
use glassbox_train::traced::{TracedCompletion, traced_completion};

use super::{BenchmarkItem, MAX_COMPLETION_TOKENS, Workbench, check_prompt, message};

/// The name under which the widgets ask for the bundled trigram.
pub const TRIGRAM: &str = "trigram";
/// Candidates reported per traced step: enough to see where the probability went.
const TRACED_CANDIDATES: usize = 8;

impl Workbench {
    /// The benchmark's items (models/benchmark/items.json), read once.
    pub fn benchmark_items(&mut self) -> Result<Vec<BenchmarkItem>, String> {
        if self.benchmark.is_none() {
            let path = self.models_dir()?.join("benchmark").join(ITEMS_FILE);
            self.benchmark = Some(load_items(&path).map_err(message)?);
        }
        Ok(self.benchmark.clone().expect("loaded above"))
    }

    /// How `model` (a bundled model, a run, or "trigram") answers every benchmark item.
    pub fn benchmark_score(&mut self, model: &str) -> Result<Vec<ItemScore>, String> {
        let items = self.benchmark_items()?;
        let tokenizer = self.tokenizer()?;
        if model == TRIGRAM {
            let scorer = NGramScorer {
                ngram: self.ngram()?,
                order: 3,
            };
            return score_items(&scorer, &tokenizer, &items).map_err(message);
        }
        let loaded = self.model(model)?;
        let scorer = TransformerScorer::new(&loaded.config, &loaded.weights).map_err(message)?;
        score_items(&scorer, loaded.generator.tokenizer(), &items).map_err(message)
    }

    /// `prompt` read token by token, then continued, with every probability and entropy.
    pub fn traced(
        &mut self,
        model: &str,
        prompt: &str,
        max_tokens: usize,
        settings: &SamplingSettings,
    ) -> Result<TracedCompletion, String> {
        check_prompt(prompt)?;
        let generator = &mut self.model(model)?.generator;
        generator.set_probes(glassbox_model::Probes::NONE);
        traced_completion(
            generator,
            prompt,
            max_tokens.clamp(1, MAX_COMPLETION_TOKENS),
            settings,
            TRACED_CANDIDATES,
        )
        .map_err(message)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::bench;
    use super::*;

    #[test]
    fn every_model_sits_the_same_benchmark() {
        let mut bench = bench();
        let items = bench.benchmark_items().unwrap();
        assert_eq!(items.len(), 40);
        for model in ["tiny", TRIGRAM] {
            let scores = bench.benchmark_score(model).unwrap();
            assert_eq!(scores.len(), items.len());
            for (item, score) in items.iter().zip(&scores) {
                assert_eq!(item.id, score.id);
                assert_eq!(score.probabilities.len(), item.candidates.len());
            }
            let right = scores.iter().filter(|s| s.correct).count();
            // Four candidates: guessing gets about 10 of 40; both models know more.
            assert!(right > 12, "{model}: {right}/40");
        }
        assert!(bench.benchmark_score("nope").is_err());
    }

    #[test]
    fn a_traced_continuation_reports_each_steps_certainty() {
        let mut bench = bench();
        let traced = bench
            .traced(
                "tiny",
                "李白写《红楼梦》的时候，",
                12,
                &SamplingSettings::greedy(),
            )
            .unwrap();
        assert!(!traced.prompt.is_empty());
        assert!(!traced.steps.is_empty() && traced.steps.len() <= 12);
        for step in &traced.steps {
            assert_eq!(step.candidates.len(), TRACED_CANDIDATES);
            assert!(step.entropy >= 0.0);
        }
        assert!(
            bench
                .traced("tiny", " ", 4, &SamplingSettings::greedy())
                .is_err()
        );
    }
}
