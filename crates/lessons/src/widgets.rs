/// Every widget a lesson may place with `:::widget NAME`. A name outside this list is a typo
/// in a lesson, caught by validation rather than shown to a learner as a blank box.
pub const KNOWN_WIDGETS: &[&str] = &[
    // 1 concepts
    "glossary",
    "concept-map",
    "causal-attention",
    "moe-routing",
    // 2 LLMs versus traditional models
    "scale-explorer",
    "multi-task",
    // 3 history
    "model-generations",
    "timeline",
    // 4 generation
    "tokenizer",
    "generation",
    "attention",
    // 5 kinds of models
    "base-vs-sft",
    // 6 core techniques
    "pruning",
    "quantization",
    "distillation",
    // 7 six steps
    "data-cleaning",
    "model-designer",
    "pretraining",
    "reward-best-of-n",
    // 8 fine-tuning
    "finetune-lora",
    // 9 what makes a model good
    "experiments",
    // 10 evaluation
    "eval-framework",
    "perplexity",
    "benchmark",
    "false-premise",
    // 11 limitations
    "hallucination",
    "context-window",
    "safety-filter",
    "domain-gap",
];

pub(crate) fn is_known(name: &str) -> bool {
    KNOWN_WIDGETS.contains(&name)
}
