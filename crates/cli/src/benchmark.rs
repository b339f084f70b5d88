//! `glassbox benchmark`: build lesson 10's multiple-choice items from the validation split,
//! or score a model (or the n-gram) on them.

use std::path::PathBuf;

use anyhow::Result;
use glassbox_model::ModelDir;
use glassbox_model::candle_core::Device;
use glassbox_train::benchmark::{
    Item, ItemKind, ItemScore, NGramScorer, TransformerScorer, build_items, load_items, save_items,
    score_items,
};
use glassbox_train::corpus::{Corpus, Language};
use glassbox_train::ngram::{NGRAM_FILE, NGramModel};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Cut the items out of the corpus's validation documents and write them.
    Build {
        #[arg(long, default_value = "models/corpus")]
        corpus: PathBuf,
        #[arg(long, default_value = "models/benchmark/items.json")]
        out: PathBuf,
        #[arg(long, default_value_t = 10)]
        seed: u64,
    },
    /// Score a model folder, or the n-gram with --ngram, and print accuracy per language
    /// and per kind of item.
    Score {
        #[arg(long, required_unless_present = "ngram")]
        model: Option<PathBuf>,
        /// Score the n-gram model of this order (1-3) from models/ngram instead.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3))]
        ngram: Option<u8>,
        #[arg(long, default_value = "models/benchmark/items.json")]
        items: PathBuf,
        #[arg(long, default_value = "models")]
        models: PathBuf,
        /// Also print every item: right or wrong, and the share each candidate gets.
        #[arg(long)]
        items_detail: bool,
    },
}

pub fn run(args: Args) -> Result<()> {
    match args.action {
        Action::Build { corpus, out, seed } => {
            let items = build_items(&Corpus::load(&corpus)?, seed);
            save_items(&items, &out)?;
            println!("{} items -> {}", items.len(), out.display());
            Ok(())
        }
        Action::Score {
            model,
            ngram,
            items,
            models,
            items_detail,
        } => {
            let items = load_items(&items)?;
            let tokenizer = glassbox_model::Tokenizer::from_file(&models.join("tokenizer.json"))?;
            let scores = match (ngram, model) {
                (Some(order), _) => {
                    let ngram = NGramModel::load(&models.join("ngram").join(NGRAM_FILE))?;
                    let scorer = NGramScorer {
                        ngram: &ngram,
                        order: usize::from(order),
                    };
                    score_items(&scorer, &tokenizer, &items)?
                }
                (None, Some(dir)) => {
                    let dir = ModelDir::open(&dir)?;
                    let config = dir.config()?;
                    let weights = dir.weights(&config, &Device::Cpu)?;
                    let scorer = TransformerScorer::new(&config, &weights)?;
                    score_items(&scorer, &dir.tokenizer()?, &items)?
                }
                (None, None) => unreachable!("clap requires --model or --ngram"),
            };
            if items_detail {
                print_items(&items, &scores);
            }
            print_accuracy(&items, &scores);
            Ok(())
        }
    }
}

fn print_items(items: &[Item], scores: &[ItemScore]) {
    for (item, score) in items.iter().zip(scores) {
        let shares: Vec<String> = item
            .candidates
            .iter()
            .zip(&score.probabilities)
            .enumerate()
            .map(|(i, (text, share))| {
                let mark = if i == item.answer { "*" } else { "" };
                format!("{mark}{text:?} {:.0}%", share * 100.0)
            })
            .collect();
        let verdict = if score.correct { "right" } else { "wrong" };
        println!("{} {verdict}: {}", item.id, shares.join(", "));
    }
}

fn print_accuracy(items: &[Item], scores: &[ItemScore]) {
    let tally = |keep: &dyn Fn(&Item) -> bool| {
        items
            .iter()
            .zip(scores)
            .filter(|(item, _)| keep(item))
            .fold((0, 0), |(r, t), (_, s)| (r + usize::from(s.correct), t + 1))
    };
    for language in Language::ALL {
        let (right, total) = tally(&|item| item.language == language);
        println!("{}: {right}/{total}", language.code());
    }
    for (kind, name) in [
        (ItemKind::Cloze, "cloze"),
        (ItemKind::NextLine, "next line"),
    ] {
        let (right, total) = tally(&|item| item.kind == kind);
        println!("{name}: {right}/{total}");
    }
    let right = scores.iter().filter(|s| s.correct).count();
    println!(
        "accuracy={:.3} ({right}/{})",
        right as f64 / scores.len() as f64,
        scores.len()
    );
}
