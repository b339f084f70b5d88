//! `glassbox tokenizer`: train the byte-level BPE tokenizer on the corpus's training
//! documents and report how well it fits each language.

use anyhow::{Context, Result};
use glassbox_train::corpus::{Corpus, Language, Split};
use glassbox_train::tokenizer::{evaluate_tokenizer, save_tokenizer, train_tokenizer};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The corpus written by `glassbox corpus`.
    #[arg(long, default_value = "models/corpus")]
    corpus: PathBuf,
    /// Vocabulary size, special tokens included. 5120 is the smallest size measured at
    /// which the 500 most frequent Chinese characters and English words are all single
    /// tokens (4096 splits 31 of the words), keeping a tiny model's embedding table small.
    #[arg(long, default_value_t = 5120)]
    vocab: usize,
    /// The tokenizer file (Hugging Face tokenizer.json).
    #[arg(long, default_value = "models/tokenizer.json")]
    out: PathBuf,
    /// The measurements for the model card [default: tokenizer-report.json beside --out].
    #[arg(long)]
    report: Option<PathBuf>,
    /// How many of the most frequent Chinese characters and English words to check.
    #[arg(long, default_value_t = 500)]
    common: usize,
}

pub fn run(args: Args) -> Result<()> {
    let corpus = Corpus::load(&args.corpus)?;
    let texts = Language::ALL
        .into_iter()
        .flat_map(|language| corpus.texts(language, Split::Train));
    let tokenizer = train_tokenizer(texts, args.vocab, std::io::stderr().is_terminal())?;
    save_tokenizer(&tokenizer, &args.out)?;

    let report = evaluate_tokenizer(&tokenizer, &corpus, args.common)?;
    let report_path = args
        .report
        .unwrap_or_else(|| args.out.with_file_name("tokenizer-report.json"));
    let json = serde_json::to_string_pretty(&report)? + "\n";
    std::fs::write(&report_path, json)
        .with_context(|| format!("cannot write {}", report_path.display()))?;

    println!("{} tokens -> {}", report.vocab_size, args.out.display());
    for language in &report.languages {
        println!(
            "{}: {:.3} tokens per character on validation ({} tokens / {} characters); \
             {}/{} most frequent {}s are one token ({:.1}%)",
            language.language.code(),
            language.tokens_per_character,
            language.tokens,
            language.characters,
            language.single_token_units,
            language.common_units,
            language.unit,
            100.0 * language.single_token_fraction,
        );
        if !language.split_units.is_empty() {
            println!("    split: {}", language.split_units.join(" "));
        }
    }
    println!("report -> {}", report_path.display());
    Ok(())
}
