//! `glassbox eval`: a model's validation loss and perplexity per language, next to the
//! unigram, bigram and trigram (Kneser-Ney) baselines on the same tokens.

use std::path::PathBuf;

use anyhow::Result;
use glassbox_model::ModelDir;
use glassbox_train::corpus::Corpus;
use glassbox_train::model_card::{CardInputs, render_card};
use glassbox_train::model_eval::{evaluate_model, train_ngram};
use glassbox_train::ngram::{DEFAULT_DISCOUNT, NGRAM_FILE, NGramModel};
use glassbox_train::token_data::TokenData;

#[derive(clap::Args)]
pub struct Args {
    /// The model folder (config.json, model.safetensors, tokenizer.json).
    #[arg(long)]
    model: PathBuf,
    /// The corpus whose validation documents are scored.
    #[arg(long, default_value = "models/corpus")]
    corpus: PathBuf,
    /// Folder of the n-gram baseline; it is trained on the corpus and saved here when the
    /// folder holds none for this vocabulary.
    #[arg(long, default_value = "models/ngram")]
    ngram: PathBuf,
    /// Also print the result as one JSON object.
    #[arg(long)]
    json: bool,
    /// Write the model card (README.md in the model folder) with this one-paragraph summary.
    #[arg(long)]
    card: Option<String>,
    /// Where the model was trained, for the card.
    #[arg(
        long,
        default_value = "a 2-core x86-64 virtual machine without a GPU, shared with other builds"
    )]
    machine: String,
    /// Ask the card's questions in the fine-tuning format and show the answers.
    #[arg(long)]
    answers: bool,
}

/// Questions the card asks a fine-tuned model: some written for its data, some new.
const CARD_QUESTIONS: [&str; 8] = [
    "什么是注意力？",
    "什么是温度？",
    "写一首《浣溪沙》。",
    "《静夜思》的作者是谁？",
    "What is a token?",
    "What is perplexity?",
    "Who was Jane Austen?",
    "What does a language model do?",
];

pub fn run(args: Args) -> Result<()> {
    let dir = ModelDir::open(&args.model)?;
    let tokenizer = dir.tokenizer()?;
    let corpus = Corpus::load(&args.corpus)?;
    let data = TokenData::from_corpus(&corpus, &tokenizer)?;
    let context = dir.config()?.max_position_embeddings;
    let vocab_size = dir.config()?.vocab_size;
    let ngram_path = args.ngram.join(NGRAM_FILE);
    let ngram = match NGramModel::load(&ngram_path) {
        Ok(model) if model.vocab_size() == vocab_size => model,
        _ => {
            eprintln!("training the n-gram baseline → {}", ngram_path.display());
            let model = train_ngram(&data, vocab_size, DEFAULT_DISCOUNT)?;
            model.save(&ngram_path)?;
            model
        }
    };
    let evaluation = evaluate_model(&dir, &data, &ngram)?;
    println!(
        "{:<4} {:>8} {:>9} {:>9} {:>10} {:>10} {:>10} {:>10}",
        "lang", "targets", "val loss", "ppl", "separate", "unigram", "bigram", "trigram"
    );
    for l in &evaluation.languages {
        println!(
            "{:<4} {:>8} {:>9.4} {:>9.1} {:>10.4} {:>10.4} {:>10.4} {:>10.4}",
            l.language.code(),
            l.targets,
            l.model_loss,
            l.model_loss.exp(),
            l.model_loss_separate_windows,
            l.ngram_losses[0],
            l.ngram_losses[1],
            l.ngram_losses[2],
        );
    }
    println!(
        "{:<4} {:>8} {:>9.4} {:>9.1} {:>10.4} {:>10.4} {:>10.4} {:>10.4}",
        "mean",
        "",
        evaluation.model_loss(),
        evaluation.model_loss().exp(),
        evaluation.model_loss_separate_windows(),
        evaluation.ngram_loss(1),
        evaluation.ngram_loss(2),
        evaluation.ngram_loss(3),
    );
    println!(
        "(val loss: every token read with at least {half} tokens before it; separate: the same \
         tokens in separate {context}-token windows)",
        half = context / 2,
    );
    if args.json {
        println!("{}", serde_json::to_string(&evaluation)?);
    }
    if let Some(summary) = &args.card {
        write_card(&args, &dir, &data, &evaluation, summary)?;
    }
    println!(
        "val_loss={:.4} ngram_val_loss={:.4} ratio={:.4}",
        evaluation.model_loss(),
        evaluation.best_ngram_loss(),
        evaluation.ratio()
    );
    Ok(())
}

fn write_card(
    args: &Args,
    dir: &ModelDir,
    data: &TokenData,
    evaluation: &glassbox_train::model_eval::Evaluation,
    summary: &str,
) -> Result<()> {
    let config = dir.config()?;
    let weights = dir.weights(&config, &glassbox_model::candle_core::Device::Cpu)?;
    let tokenizer = dir.tokenizer()?;
    let samples = glassbox_train::samples::samples(&config, &weights, &tokenizer, 5, 60)?;
    let expert_load = glassbox_train::model_eval::expert_load(dir, data, 32_768)?;
    let mut answers = Vec::new();
    if args.answers {
        let mut generator = glassbox_train::samples::cpu_generator(&config, &weights, &tokenizer)?;
        for question in CARD_QUESTIONS {
            let prompt = glassbox_train::sft::prompt(question);
            let text = glassbox_train::samples::generate_text(
                &mut generator,
                &prompt,
                80,
                &glassbox_model::SamplingSettings::greedy(),
            )?;
            // decode() drops the special tokens, so the question text leads the output.
            let answer = text
                .strip_prefix(question)
                .unwrap_or(&text)
                .trim()
                .to_owned();
            answers.push((question.to_owned(), answer));
        }
    }
    let card = render_card(
        dir.path(),
        &CardInputs {
            name: &dir.name(),
            summary,
            config: &config,
            evaluation,
            expert_load: &expert_load,
            samples: &samples,
            answers: &answers,
            machine: &args.machine,
        },
    );
    let path = dir.path().join("README.md");
    std::fs::write(&path, card)?;
    println!("wrote {}", path.display());
    Ok(())
}
