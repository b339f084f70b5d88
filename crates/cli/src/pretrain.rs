//! `glassbox pretrain`: train a model from scratch on the corpus, with a progress bar,
//! periodic validation and samples, checkpoints, and Ctrl-C to stop with a checkpoint.

use std::path::PathBuf;

use anyhow::{Context, Result};
use glassbox_train::train_event::EvaluationReport;
use glassbox_train::{TrainConfig, TrainControl, TrainEvent, Trainer};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(clap::Args)]
pub struct Args {
    /// The run's settings: model shape, training hyper-parameters and data (JSON or TOML).
    #[arg(long)]
    config: PathBuf,
    /// Where the model, checkpoints, log and loss chart are written.
    #[arg(long)]
    out: PathBuf,
    /// Continue the run saved in --out instead of starting afresh.
    #[arg(long)]
    resume: bool,
}

pub fn run(args: Args) -> Result<()> {
    let config = TrainConfig::from_file(&args.config)?;
    let parameters = config.model.parameter_count();
    eprintln!(
        "model: {} parameters ({} active per token); {} steps of {} tokens",
        parameters.total,
        parameters.active_per_token,
        config.training.steps,
        config.tokens_per_step()
    );
    eprintln!("tokenizing the corpus…");
    let mut trainer = Trainer::start(config, &args.out, args.resume)?;
    let control = TrainControl::new();
    let on_interrupt = control.clone();
    ctrlc::set_handler(move || on_interrupt.cancel())
        .context("cannot install the Ctrl-C handler")?;

    let bar =
        ProgressBar::new(trainer.config().training.steps).with_style(ProgressStyle::with_template(
            "{bar:30} {pos}/{len} steps  loss {msg}  [{elapsed_precise} < {eta_precise}]",
        )?);
    bar.set_position(trainer.step());
    let cancelled = trainer.run(&control, &mut |event| match event {
        TrainEvent::Step(step) => {
            bar.set_position(u64::from(step.step));
            bar.set_message(format!(
                "{:.3}  lr {:.2e}  {:.0} tok/s",
                step.train_loss, step.learning_rate, step.tokens_per_second
            ));
        }
        TrainEvent::Evaluation(evaluation) => bar.suspend(|| print_evaluation(&evaluation)),
        TrainEvent::Checkpoint { .. } => {}
        TrainEvent::Paused { step } => bar.println(format!("paused at step {step}")),
        TrainEvent::Resumed { step } => bar.println(format!("resumed at step {step}")),
        TrainEvent::Finished { step, cancelled } => {
            bar.finish_and_clear();
            if cancelled {
                eprintln!(
                    "stopped at step {step}; checkpoint saved. Continue with \
                     `glassbox pretrain --config {} --out {} --resume`",
                    args.config.display(),
                    args.out.display()
                );
            }
        }
    })?;
    if !cancelled {
        println!("wrote {}", args.out.display());
    }
    Ok(())
}

pub fn print_evaluation(evaluation: &EvaluationReport) {
    let languages: Vec<String> = evaluation
        .languages
        .iter()
        .map(|l| {
            format!(
                "{} val {:.4} (train {:.4})",
                l.language.code(),
                l.val_loss,
                l.train_loss
            )
        })
        .collect();
    println!(
        "step {}: val_loss {:.4}; {}",
        evaluation.step,
        evaluation.val_loss,
        languages.join(", ")
    );
    for sample in &evaluation.samples {
        println!(
            "  [{}] {}",
            sample.language.code(),
            sample.text.replace('\n', " / ")
        );
    }
}
