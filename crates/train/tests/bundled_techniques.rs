//! Lesson 6's compression and lesson 3's comparison on the bundled models: the quality
//! costs the lessons talk about, measured on held-out text.

use std::path::PathBuf;

use glassbox_model::candle_core::Device;
use glassbox_model::{ModelDir, SamplingSettings};
use glassbox_train::completion::{complete, complete_ngram};
use glassbox_train::compress::{Precision, prune, quantize, storage_bytes};
use glassbox_train::corpus::Corpus;
use glassbox_train::held_out::HeldOut;
use glassbox_train::ngram::NGramModel;

fn models() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

#[test]
fn compression_costs_grow_with_how_much_is_removed() {
    let dir = ModelDir::open(&models().join("tiny")).unwrap();
    let config = dir.config().unwrap();
    let weights = dir.weights(&config, &Device::Cpu).unwrap();
    let corpus = Corpus::load(&models().join("corpus")).unwrap();
    let held_out = HeldOut::from_corpus(&corpus, &dir.tokenizer().unwrap(), 128, 512).unwrap();

    // Pruning: more removed, higher loss (a few percent barely matters, most is ruinous).
    let losses: Vec<f64> = [0.0, 0.3, 0.6, 0.9]
        .iter()
        .map(|&f| {
            let pruned = prune(&config, &weights, f).unwrap();
            held_out.model_loss(&config, &pruned.weights).unwrap().mean
        })
        .collect();
    assert!(losses.windows(2).all(|w| w[0] <= w[1] + 1e-3), "{losses:?}");
    assert!(losses[3] > losses[0] + 1.0, "{losses:?}");

    // Quantization: 8 bits costs almost nothing, 4 bits more, and the sizes shrink.
    let loss = |precision| {
        let weights = quantize(&config, &weights, precision).unwrap();
        held_out.model_loss(&config, &weights).unwrap().mean
    };
    let (f32_loss, int8_loss, int4_loss) = (
        loss(Precision::F32),
        loss(Precision::Int8),
        loss(Precision::Int4),
    );
    assert_eq!(f32_loss, losses[0]);
    assert!(
        (int8_loss - f32_loss).abs() < 0.02,
        "{f32_loss} {int8_loss}"
    );
    assert!(int4_loss > int8_loss, "{int8_loss} {int4_loss}");
    let size = |p| storage_bytes(&weights, p);
    assert!(size(Precision::Int8) * 3 < size(Precision::F32));
    assert!(size(Precision::Int4) * 6 < size(Precision::F32));
}

#[test]
fn transformer_and_ngram_continue_the_same_prompt() {
    let dir = ModelDir::open(&models().join("tiny")).unwrap();
    let mut generator = dir.cpu_generator().unwrap();
    let tokenizer = dir.tokenizer().unwrap();
    let ngram = NGramModel::load(&models().join("ngram/ngram.bin.gz")).unwrap();
    let greedy = SamplingSettings::greedy();
    let ours = complete(&mut generator, "床前明月光，", 12, &greedy).unwrap();
    let theirs = complete_ngram(&ngram, 3, &tokenizer, "床前明月光，", 12, &greedy).unwrap();
    for completion in [&ours, &theirs] {
        assert!(!completion.generated.is_empty());
        assert_eq!(completion.probabilities.len(), completion.generated.len());
        assert!(
            completion
                .probabilities
                .iter()
                .all(|p| (0.0..=1.0).contains(p))
        );
        assert_eq!(completion.first_candidates.len(), 10);
        // Greedy: the first generated token is the most probable candidate.
        assert_eq!(
            completion.generated[0].id,
            completion.first_candidates[0].token.id
        );
        let sum: f32 = completion
            .first_candidates
            .iter()
            .map(|c| c.probability)
            .sum();
        assert!(sum > 0.0 && sum <= 1.0 + 1e-4);
    }
    // Same seed, same text; the n-gram needs an order it has.
    let sampled = SamplingSettings {
        seed: 3,
        ..Default::default()
    };
    let again = |g: &mut _| complete(g, "It is a truth", 16, &sampled).unwrap().text;
    assert_eq!(again(&mut generator), again(&mut generator));
    assert!(complete_ngram(&ngram, 4, &tokenizer, "x", 4, &greedy).is_err());
    assert!(complete_ngram(&ngram, 3, &tokenizer, "", 4, &greedy).is_err());
}
