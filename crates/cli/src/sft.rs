//! `glassbox sft`: supervised fine-tuning of a model on question→answer pairs, full or
//! with LoRA adapters, written as a plain model folder.

use std::path::PathBuf;

use anyhow::{Context, Result};
use glassbox_model::ModelDir;
use glassbox_train::sft::{SftSettings, fine_tune};
use glassbox_train::sft_data::read_pairs;
use glassbox_train::{TrainControl, TrainEvent};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(clap::Args)]
pub struct Args {
    /// The pre-trained model folder.
    #[arg(long)]
    base: PathBuf,
    /// JSON lines of {"question", "answer", "kind"} (see `glassbox sft-data`).
    #[arg(long)]
    data: PathBuf,
    /// Where the fine-tuned model folder is written.
    #[arg(long)]
    out: PathBuf,
    /// Train LoRA adapters of this rank on the attention's q, v and o projections instead
    /// of every weight.
    #[arg(long)]
    lora: Option<usize>,
    #[arg(long, default_value_t = 400)]
    steps: u64,
    #[arg(long, default_value_t = 16)]
    batch_size: usize,
    /// Peak learning rate [default: 1e-3 full, 3e-3 LoRA].
    #[arg(long)]
    lr: Option<f64>,
    #[arg(long, default_value_t = 0)]
    seed: u64,
}

pub fn run(args: Args) -> Result<()> {
    let base = ModelDir::open(&args.base)?;
    let pairs = read_pairs(&args.data)?;
    let settings = SftSettings {
        steps: args.steps,
        batch_size: args.batch_size,
        peak_lr: args
            .lr
            .unwrap_or(if args.lora.is_some() { 3e-3 } else { 1e-3 }),
        warmup_steps: (args.steps / 20).max(1),
        seed: args.seed,
        lora_rank: args.lora,
    };
    let control = TrainControl::new();
    let on_interrupt = control.clone();
    ctrlc::set_handler(move || on_interrupt.cancel())
        .context("cannot install the Ctrl-C handler")?;
    let bar = ProgressBar::new(args.steps).with_style(ProgressStyle::with_template(
        "{bar:30} {pos}/{len} steps  answer loss {msg}  [{elapsed_precise} < {eta_precise}]",
    )?);
    let report = fine_tune(
        &base,
        &pairs,
        &settings,
        &args.out,
        &control,
        &mut |event| match event {
            TrainEvent::Step(step) => {
                bar.set_position(u64::from(step.step));
                bar.set_message(format!("{:.3}", step.train_loss));
            }
            TrainEvent::Finished { .. } => bar.finish_and_clear(),
            _ => {}
        },
    )?;
    println!(
        "{} pairs ({} too long for the context, left out); trained {} of {} parameters ({:.2}%){}",
        report.examples,
        report.dropped,
        report.trainable_parameters,
        report.total_parameters,
        100.0 * report.trainable_parameters as f64 / report.total_parameters as f64,
        args.lora
            .map(|r| format!(" with LoRA rank {r}, merged into the weights"))
            .unwrap_or_default()
    );
    println!(
        "final answer loss {:.4} after {:.0} s{}; wrote {}",
        report.final_loss,
        report.seconds,
        if report.cancelled {
            " (stopped early)"
        } else {
            ""
        },
        args.out.display()
    );
    Ok(())
}
