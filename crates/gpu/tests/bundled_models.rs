//! The models the app ships (models/tiny, models/tiny-moe) write the same greedy text on the
//! wgpu engine as on the candle reference, loaded exactly as the app and the CLI load them.

use std::path::PathBuf;

use glassbox_gpu::{BackendChoice, BackendKind, ChoiceReason, load_generator};
use glassbox_model::{ModelDir, Probes, SamplingSettings};

const STEPS: usize = 24;
const PROMPTS: [&str; 2] = ["春眠不觉晓，", "It is a truth universally acknowledged"];

fn bundled(name: &str) -> ModelDir {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../models")
        .join(name);
    ModelDir::open(&dir).unwrap_or_else(|e| panic!("the bundled model {name}: {e}"))
}

fn engine(kind: BackendKind) -> BackendChoice {
    BackendChoice {
        kind,
        reason: ChoiceReason::Setting,
        adapter: None,
    }
}

fn greedy_text(model: &ModelDir, kind: BackendKind, prompt: &str) -> Vec<u32> {
    let mut generator = load_generator(model, &engine(kind)).unwrap();
    generator.set_probes(Probes::NONE);
    generator.prefill(prompt, STEPS).unwrap();
    (0..STEPS)
        .map(|_| {
            generator
                .step(&SamplingSettings::greedy(), None)
                .unwrap()
                .token
                .id
        })
        .collect()
}

fn same_text_on_both_engines(name: &str) {
    let model = bundled(name);
    for prompt in PROMPTS {
        let cpu = greedy_text(&model, BackendKind::Cpu, prompt);
        let gpu = greedy_text(&model, BackendKind::Gpu, prompt);
        assert_eq!(cpu, gpu, "{name} after {prompt:?}: cpu text, then gpu text");
    }
}

#[test]
fn tiny_writes_the_same_greedy_text_on_both_engines() {
    same_text_on_both_engines("tiny");
}

#[test]
fn tiny_moe_writes_the_same_greedy_text_on_both_engines() {
    same_text_on_both_engines("tiny-moe");
}
