//! `glassbox lessons`: one line per lesson with its widget and quiz counts.

use anyhow::{Context, Result};
use glassbox_lessons::{Course, Lang};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Check a lessons folder on disk instead of the course built into this binary.
    #[arg(long)]
    dir: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let course = match &args.dir {
        Some(dir) => {
            Course::load_dir(dir).with_context(|| format!("lessons in {}", dir.display()))?
        }
        None => Course::embedded()?,
    };
    let mut planned_total = 0;
    for summary in course.summaries(Lang::Zh) {
        planned_total += summary.planned;
        println!(
            "{:02} {} live={} planned={} quiz={}",
            summary.id, summary.slug, summary.live, summary.planned, summary.quiz
        );
    }
    println!("planned={planned_total}");
    Ok(())
}
