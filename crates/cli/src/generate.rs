//! `glassbox generate`: continue a prompt with a model directory, printing the text or,
//! with `--json`, one `Step` trace per line.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::ArgGroup;
use glassbox_gpu::{BACKEND_ENV, BackendPreference, choose_backend, load_generator};
use glassbox_model::{Generator, ModelDir, Probes, SamplingSettings, TextStream};

#[derive(clap::Args)]
#[command(group(ArgGroup::new("prompt_source").required(true).args(["prompt", "prompt_file"])))]
pub struct Args {
    /// Model directory holding config.json, model.safetensors and tokenizer.json.
    #[arg(long, value_name = "DIR")]
    model: PathBuf,
    /// Text for the model to continue.
    #[arg(long)]
    prompt: Option<String>,
    /// Read the prompt from a UTF-8 text file.
    #[arg(long, value_name = "FILE")]
    prompt_file: Option<PathBuf>,
    /// Number of tokens to generate; stops early at the end-of-text token.
    #[arg(long, default_value_t = 32)]
    steps: usize,
    /// Divides the logits: below 1 is more predictable, above 1 more surprising; 0 is greedy.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    temperature: f32,
    /// Sample only among the k most probable tokens; 0 for no limit.
    #[arg(long, default_value_t = 0)]
    top_k: u32,
    /// Sample only among the most probable tokens that together reach this probability.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    top_p: f32,
    /// Seed of the random draws: the same seed gives the same text.
    #[arg(long, default_value_t = 0)]
    seed: u32,
    /// Always take the most probable token (the same as --temperature 0).
    #[arg(long, conflicts_with = "temperature")]
    greedy: bool,
    /// Engine: `auto` (the wgpu engine on a hardware GPU, else candle on the CPU), `cpu` or
    /// `gpu`. The GLASSBOX_BACKEND environment variable overrides it.
    #[arg(long, default_value = "auto", value_name = "auto|cpu|gpu")]
    backend: BackendPreference,
    /// Print one JSON Step (token, candidates, attention, routing) per line instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<()> {
    let settings = SamplingSettings {
        temperature: if args.greedy { 0.0 } else { args.temperature },
        top_k: args.top_k,
        top_p: args.top_p,
        seed: args.seed,
    };
    settings.validate()?;
    let prompt = read_prompt(&args)?;
    let model = ModelDir::open(&args.model)?;
    let choice = choose_backend(args.backend)
        .with_context(|| format!("cannot pick an engine (--backend or {BACKEND_ENV})"))?;
    eprintln!("backend: {choice}");
    let mut generator = load_generator(&model, &choice)
        .with_context(|| format!("cannot load the model in {}", args.model.display()))?;
    generator.set_probes(if args.json { Probes::ALL } else { Probes::NONE });

    let prefill = generator.prefill(&prompt, args.steps)?;
    if prefill.dropped > 0 {
        eprintln!(
            "note: the model's context holds {} tokens, and {} of them are kept for the \
             generated text; dropped the first {} of the prompt's {} tokens",
            generator.config().max_position_embeddings,
            args.steps,
            prefill.dropped,
            prefill.dropped as usize + prefill.tokens.len(),
        );
    }

    match print_steps(&mut generator, &settings, &args, &prompt) {
        // The reader (e.g. `head`) has seen enough; that is not an error.
        Err(error) if is_broken_pipe(&error) => Ok(()),
        other => other,
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn print_steps(
    generator: &mut Generator,
    settings: &SamplingSettings,
    args: &Args,
    prompt: &str,
) -> Result<()> {
    let eos = generator.config().eos_token_id;
    let mut out = std::io::stdout().lock();
    let mut text = TextStream::new();
    if !args.json {
        write!(out, "{prompt}")?;
    }
    for _ in 0..args.steps {
        let step = generator.step(settings, None)?;
        let finished = Some(step.token.id) == eos;
        if args.json {
            serde_json::to_writer(&mut out, &step).map_err(std::io::Error::from)?;
            writeln!(out)?;
        } else if !finished {
            write!(out, "{}", text.push(&step.token.bytes))?;
            // Show each token as it arrives, as the app does.
            out.flush()?;
        }
        if finished {
            break;
        }
    }
    if !args.json {
        writeln!(out, "{}", text.finish())?;
    }
    Ok(())
}

fn read_prompt(args: &Args) -> Result<String> {
    let Some(path) = &args.prompt_file else {
        return Ok(args.prompt.clone().unwrap_or_default());
    };
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the prompt file {}", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(prompt) => Ok(prompt),
        Err(error) => bail!(
            "the prompt file {} is not valid UTF-8 (the bytes at offset {} are not a \
             character); save it with UTF-8 encoding",
            path.display(),
            error.utf8_error().valid_up_to()
        ),
    }
}
