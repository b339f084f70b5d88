//! `glassbox corpus`: rebuild models/corpus from the downloaded source packages and print
//! the cleaning statistics.

use anyhow::Result;
use glassbox_train::corpus::{CorpusStats, build_corpus};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Where models/corpus/fetch-sources.sh put the packages.
    #[arg(long, default_value = "target/corpus-sources")]
    sources: PathBuf,
    /// Where the corpus files, meta.jsonl.gz and stats.json are written.
    #[arg(long, default_value = "models/corpus")]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<()> {
    let spinner = ProgressBar::new_spinner()
        .with_style(ProgressStyle::with_template("{spinner} {msg} ({elapsed})")?);
    spinner.enable_steady_tick(Duration::from_millis(120));
    let stats = build_corpus(&args.sources, &args.out, &mut |step| {
        spinner.set_message(step.to_string())
    });
    spinner.finish_and_clear();
    let stats = stats?;
    print_stats(&stats);
    println!("wrote {}", args.out.display());
    Ok(())
}

fn print_stats(stats: &CorpusStats) {
    println!(
        "{:<8} {:>4} {:>9} {:>9} {:>11} {:>8} {:>7} {:>10} {:>13} {:>13}",
        "source",
        "lang",
        "items",
        "kept",
        "train/valid",
        "dropped",
        "dupes",
        "lines cut",
        "raw chars",
        "kept chars",
    );
    for source in &stats.sources {
        println!(
            "{:<8} {:>4} {:>9} {:>9} {:>11} {:>8} {:>7} {:>10} {:>13} {:>13}",
            source.source.name(),
            source.language.code(),
            source.raw.documents,
            source.kept.documents,
            format!("{}/{}", source.train.documents, source.valid.documents),
            source.documents_dropped.total(),
            source.documents_dropped.duplicate,
            source.lines_dropped.total(),
            source.raw.characters,
            source.kept.characters,
        );
    }
    for language in &stats.languages {
        println!(
            "{}: {} documents ({} train, {} validation), {} characters; {} duplicates and {} \
             other documents removed, {} lines dropped",
            language.language.code(),
            language.kept.documents,
            language.train.documents,
            language.valid.documents,
            language.kept.characters,
            language.duplicates_removed,
            language.documents_dropped - language.duplicates_removed,
            language.lines_dropped,
        );
    }
}
