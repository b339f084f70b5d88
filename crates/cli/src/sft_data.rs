//! `glassbox sft-data`: build the fine-tuning pairs from the corpus's titles and authors,
//! add the hand-written ones, and write them as JSON lines.

use std::path::PathBuf;

use anyhow::Result;
use glassbox_train::corpus::Corpus;
use glassbox_train::sft_data::{corpus_pairs, read_pairs, write_pairs};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "models/corpus")]
    corpus: PathBuf,
    /// Hand-written pairs appended to the corpus-derived ones.
    #[arg(long, default_value = "models/sft/concepts.jsonl")]
    concepts: PathBuf,
    #[arg(long, default_value = "models/sft/qa.jsonl")]
    out: PathBuf,
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

pub fn run(args: Args) -> Result<()> {
    let corpus = Corpus::load(&args.corpus)?;
    let mut pairs = corpus_pairs(&corpus, args.seed);
    let from_corpus = pairs.len();
    pairs.extend(read_pairs(&args.concepts)?);
    write_pairs(&pairs, &args.out)?;
    println!(
        "{} pairs ({} from the corpus, {} hand-written) -> {}",
        pairs.len(),
        from_corpus,
        pairs.len() - from_corpus,
        args.out.display()
    );
    Ok(())
}
