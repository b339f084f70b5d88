//! The model card (`README.md` in a model folder): what the model is, how it was trained,
//! how well it does against the n-gram baseline, and what its text looks like. Written
//! from the files in the folder and a fresh evaluation, so it cannot drift from them.

use std::fmt::Write as _;
use std::path::Path;

use glassbox_model::ModelConfig;

use crate::model_eval::{Evaluation, ExpertLoad};
use crate::train_event::Sample;

/// Everything a card reports beyond the folder's own files.
pub struct CardInputs<'a> {
    pub name: &'a str,
    /// One paragraph saying what the model is for.
    pub summary: &'a str,
    pub config: &'a ModelConfig,
    pub evaluation: &'a Evaluation,
    pub expert_load: &'a [ExpertLoad],
    pub samples: &'a [Sample],
    /// Question → the model's answer, for fine-tuned models.
    pub answers: &'a [(String, String)],
    /// Where it was trained, e.g. "2-core x86-64 VM, no GPU".
    pub machine: &'a str,
}

/// Last values of the run's CSV log: steps, tokens, seconds, and per-language train loss.
struct RunSummary {
    steps: String,
    tokens: String,
    seconds: f64,
    train_zh: String,
    train_en: String,
}

fn run_summary(dir: &Path) -> Option<RunSummary> {
    let csv = std::fs::read_to_string(dir.join("train.csv")).ok()?;
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next()?.split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let last = rows.last()?;
    let last_filled = |name: &str| -> String {
        column(name)
            .and_then(|c| {
                rows.iter()
                    .rev()
                    .find_map(|r| r.get(c).filter(|v| !v.is_empty()))
            })
            .map_or_else(|| "–".to_owned(), |v| (*v).to_owned())
    };
    Some(RunSummary {
        steps: last[column("step")?].to_owned(),
        tokens: last[column("tokens_seen")?].to_owned(),
        seconds: last[column("elapsed_s")?].parse().ok()?,
        train_zh: last_filled("train_zh"),
        train_en: last_filled("train_en"),
    })
}

pub fn render_card(dir: &Path, inputs: &CardInputs) -> String {
    let c = inputs.config;
    let p = c.parameter_count();
    let e = inputs.evaluation;
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n\n{}\n", inputs.name, inputs.summary);
    let _ = writeln!(md, "## Shape\n");
    let _ = writeln!(md, "| | |\n|---|---|");
    let _ = writeln!(md, "| architecture | {} |", c.architectures.join(", "));
    let _ = writeln!(
        md,
        "| width / layers / heads (kv) | {} / {} / {} ({}) |",
        c.hidden_size,
        c.num_hidden_layers,
        c.num_attention_heads,
        c.num_kv_heads()
    );
    let _ = writeln!(md, "| feed-forward width | {} |", c.intermediate_size);
    if let Some(moe) = c.moe() {
        let _ = writeln!(
            md,
            "| experts | {} per layer, top-{} |",
            moe.experts, moe.top_k
        );
    }
    let _ = writeln!(md, "| context | {} tokens |", c.max_position_embeddings);
    let _ = writeln!(
        md,
        "| vocabulary | {} (byte-level BPE, `tokenizer.json`) |",
        c.vocab_size
    );
    let _ = writeln!(md, "| tied embeddings | {} |", c.tie_word_embeddings);
    let _ = writeln!(
        md,
        "| parameters | {:.2} M total, {:.2} M active per token |\n",
        p.total as f64 / 1e6,
        p.active_per_token as f64 / 1e6
    );
    let _ = writeln!(md, "## Training\n");
    let _ = writeln!(
        md,
        "Data: `models/corpus` (宋词 and 唐诗 from chinese-poetry 2.0.1, the six Austen novels \
         from janeaustenr 1.0.0; see `models/corpus/SOURCES.md`). Settings: `train-config.json` \
         (pre-training) or the command in the card's summary (fine-tuning). Machine: {}.\n",
        inputs.machine
    );
    if let Some(run) = run_summary(dir) {
        let _ = writeln!(md, "| | |\n|---|---|");
        let _ = writeln!(md, "| steps | {} |", run.steps);
        if run.tokens != "0" {
            let tokens: f64 = run.tokens.parse().unwrap_or(0.0);
            let _ = writeln!(md, "| tokens seen | {:.2} M |", tokens / 1e6);
        }
        let _ = writeln!(md, "| wall time | {:.1} min |", run.seconds / 60.0);
        let _ = writeln!(
            md,
            "| final train loss (zh / en) | {} / {} |\n",
            run.train_zh, run.train_en
        );
    }
    let _ = writeln!(md, "![loss curves](loss.svg)\n");
    let _ = writeln!(
        md,
        "## Validation (nats per token, every validation token)\n\n\
         The model reads each token with at least half its context window before it (windows \
         overlapping by half), as the n-grams read each token with their one or two tokens \
         before it. *Separate windows* scores the same tokens in windows that do not overlap, \
         where a token early in a window sees only the few before it.\n\n\
         | language | tokens | model | perplexity | separate windows | unigram | bigram (KN) | trigram (KN) |\n\
         |---|---|---|---|---|---|---|---|"
    );
    for l in &e.languages {
        let _ = writeln!(
            md,
            "| {} | {} | {:.4} | {:.1} | {:.4} | {:.4} | {:.4} | {:.4} |",
            l.language.code(),
            l.targets,
            l.model_loss,
            l.model_loss.exp(),
            l.model_loss_separate_windows,
            l.ngram_losses[0],
            l.ngram_losses[1],
            l.ngram_losses[2]
        );
    }
    let _ = writeln!(
        md,
        "| mean | | {:.4} | {:.1} | {:.4} | {:.4} | {:.4} | {:.4} |\n",
        e.model_loss(),
        e.model_loss().exp(),
        e.model_loss_separate_windows(),
        e.ngram_loss(1),
        e.ngram_loss(2),
        e.ngram_loss(3)
    );
    let _ = writeln!(
        md,
        "`glassbox eval --model {}`: `val_loss={:.4} ngram_val_loss={:.4} ratio={:.4}` \
         (the model's loss over the best n-gram baseline's).\n",
        dir.display(),
        e.model_loss(),
        e.best_ngram_loss(),
        e.ratio()
    );
    if !inputs.expert_load.is_empty() {
        let _ = writeln!(
            md,
            "## Expert load\n\nShare of routing choices per expert (each token picks two), \
             on validation text.\n"
        );
        let experts = inputs.expert_load[0].layers.first().map_or(0, Vec::len);
        let header: String = (0..experts).map(|i| format!(" expert {i} |")).collect();
        let _ = writeln!(md, "| layer | language |{header}");
        let _ = writeln!(md, "|---|---|{}", "---|".repeat(experts));
        let layers = inputs.expert_load[0].layers.len();
        for layer in 0..layers {
            for load in inputs.expert_load {
                let cells: String = load.layers[layer]
                    .iter()
                    .map(|share| format!(" {:.0}% |", share * 100.0))
                    .collect();
                let _ = writeln!(md, "| {layer} | {} |{cells}", load.language.code());
            }
        }
        md.push('\n');
    }
    if !inputs.answers.is_empty() {
        let _ = writeln!(md, "## Answers (greedy)\n");
        for (question, answer) in inputs.answers {
            let _ = writeln!(md, "- **{question}** → {}", answer.replace('\n', " / "));
        }
        md.push('\n');
    }
    if !inputs.samples.is_empty() {
        let _ = writeln!(
            md,
            "## Samples\n\nTemperature 0.8, top-k 40, top-p 0.95, seeds 0–4; prompt in bold.\n"
        );
        for s in inputs.samples {
            let continuation = s.text.strip_prefix(&s.prompt).unwrap_or(&s.text);
            let _ = writeln!(
                md,
                "- [{}] **{}**{}",
                s.language.code(),
                s.prompt,
                continuation.replace('\n', " / ")
            );
        }
        md.push('\n');
    }
    md
}
