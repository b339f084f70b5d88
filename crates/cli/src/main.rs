//! `glassbox`: the command line for everything the app does without a window.

mod bench;
mod benchmark;
mod corpus;
mod eval;
mod generate;
mod lessons;
mod pretrain;
mod sft;
mod sft_data;
mod tokenizer;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "glassbox",
    version,
    about = "See inside a small language model"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode the same tokens on the CPU and GPU engines and compare their speed.
    Bench(bench::Args),
    /// Build lesson 10's held-out multiple-choice items, or score a model on them.
    Benchmark(benchmark::Args),
    /// Rebuild models/corpus from the source packages (see models/corpus/fetch-sources.sh).
    Corpus(corpus::Args),
    /// Validation loss per language next to the n-gram baselines; last line val_loss=… ratio=….
    Eval(eval::Args),
    /// Continue a prompt with a model, printing the text or one JSON step trace per line.
    Generate(generate::Args),
    /// List the course's lessons with their widget and quiz counts.
    Lessons(lessons::Args),
    /// Train a model from scratch on the corpus (see models/*/train-config.json).
    Pretrain(pretrain::Args),
    /// Fine-tune a model on question→answer pairs, fully or with LoRA adapters.
    Sft(sft::Args),
    /// Build the fine-tuning pairs (models/sft/qa.jsonl) from the corpus and the hand-written ones.
    SftData(sft_data::Args),
    /// Train the byte-level BPE tokenizer on the corpus and measure it per language.
    Tokenizer(tokenizer::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Bench(args) => bench::run(args),
        Command::Benchmark(args) => benchmark::run(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Lessons(args) => lessons::run(args),
        Command::Pretrain(args) => pretrain::run(args),
        Command::Sft(args) => sft::run(args),
        Command::SftData(args) => sft_data::run(args),
        Command::Tokenizer(args) => tokenizer::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            // Exit code 2 means "the input was wrong", the convention every subcommand follows.
            ExitCode::from(2)
        }
    }
}
