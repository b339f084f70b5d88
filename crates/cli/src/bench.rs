//! `glassbox bench`: decode the same tokens with full traces on every engine this machine
//! has, and compare their speed against the candle CPU reference.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{ArgGroup, ValueEnum};
use glassbox_gpu::{BackendPreference, Gpu, GpuBackend, choose_backend};
use glassbox_model::candle_core::Device;
use glassbox_model::{
    Backend, CpuBackend, Generator, ModelConfig, ModelDir, Probes, SamplingSettings, Tokenizer,
    Weights,
};

const DEFAULT_PROMPT: &str = "床前明月光，疑是地上霜。The moon rose over the hills, and";

/// Untimed steps first: the first submits pay for shader compilation in the driver and
/// for first-touch allocation, which a long generation does not.
const WARM_UP_STEPS: usize = 3;

#[derive(clap::Args)]
#[command(group(ArgGroup::new("model_source").required(true).args(["model", "random"])))]
pub struct Args {
    /// Model directory holding config.json, model.safetensors and tokenizer.json.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
    /// Instead of a model directory, random weights in the shape of a bundled model (speed
    /// does not depend on the values).
    #[arg(long, value_enum, value_name = "SHAPE")]
    random: Option<Shape>,
    /// Tokens each engine decodes after the prompt.
    #[arg(long, default_value_t = 64)]
    tokens: usize,
    /// Text prefilled before decoding.
    #[arg(long, default_value = DEFAULT_PROMPT)]
    prompt: String,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Shape {
    /// The dense `tiny` model.
    Tiny,
    /// `tiny` with 4 experts, top-2.
    TinyMoe,
}

struct Model {
    name: String,
    config: ModelConfig,
    weights: Weights,
    tokenizer: Tokenizer,
}

fn load(args: &Args) -> Result<Model> {
    if let Some(path) = &args.model {
        let dir = ModelDir::open(path)?;
        let config = dir.config()?;
        let weights = dir
            .weights(&config, &Device::Cpu)
            .with_context(|| format!("cannot load the weights in {}", path.display()))?;
        return Ok(Model {
            name: dir.name(),
            config,
            weights,
            tokenizer: dir.tokenizer()?,
        });
    }
    let shape = args.random.expect("clap requires --model or --random");
    let tokenizer = glassbox_model::testing::tiny_tokenizer()?;
    let config = match shape {
        Shape::Tiny => ModelConfig::default(),
        Shape::TinyMoe => ModelConfig::default().with_experts(4, 2),
    };
    let weights = Weights::random(&config, 0, &Device::Cpu)?;
    Ok(Model {
        name: format!("random {}", shape_name(shape)),
        config,
        weights,
        tokenizer,
    })
}

/// The shape as written on the command line.
fn shape_name(shape: Shape) -> String {
    shape
        .to_possible_value()
        .expect("no shape is skipped")
        .get_name()
        .to_owned()
}

/// One engine's run.
struct Measurement {
    engine: String,
    prompt_tokens: usize,
    prefill: Duration,
    per_token: Vec<Duration>,
    tokens: Vec<u32>,
}

impl Measurement {
    fn tokens_per_second(&self) -> f64 {
        self.per_token.len() as f64 / self.per_token.iter().sum::<Duration>().as_secs_f64()
    }

    fn median(&self) -> Duration {
        let mut sorted = self.per_token.clone();
        sorted.sort();
        sorted[sorted.len() / 2]
    }
}

/// Prefills the prompt and takes `tokens` greedy steps with every probe on, as the app
/// does, timing the prefill and each step.
fn measure(backend: Box<dyn Backend>, model: &Model, args: &Args) -> Result<Measurement> {
    let engine = backend.name().to_owned();
    let mut generator = Generator::new(backend, model.tokenizer.clone(), &model.name)?;
    generator.set_probes(Probes::ALL);
    let greedy = SamplingSettings::greedy();
    generator.prefill(&args.prompt, WARM_UP_STEPS)?;
    for _ in 0..WARM_UP_STEPS {
        generator.step(&greedy, None)?;
    }

    let started = Instant::now();
    let prefill = generator.prefill(&args.prompt, args.tokens)?;
    let prefill_time = started.elapsed();
    let mut per_token = Vec::with_capacity(args.tokens);
    let mut tokens = Vec::with_capacity(args.tokens);
    for _ in 0..args.tokens {
        let started = Instant::now();
        let step = generator.step(&greedy, None)?;
        per_token.push(started.elapsed());
        tokens.push(step.token.id);
    }
    Ok(Measurement {
        engine,
        prompt_tokens: prefill.tokens.len(),
        prefill: prefill_time,
        per_token,
        tokens,
    })
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

pub fn run(args: Args) -> Result<()> {
    if args.tokens == 0 {
        bail!("--tokens is 0; ask for at least one token to decode");
    }
    let model = load(&args)?;
    let config = &model.config;
    println!(
        "model: {} ({} layers, d_model {}, vocab {}, {} parameters{})",
        model.name,
        config.num_hidden_layers,
        config.hidden_size,
        config.vocab_size,
        config.parameter_count().total,
        config.moe().map_or_else(String::new, |m| format!(
            ", {} experts top-{}",
            m.experts, m.top_k
        )),
    );

    let mut results = vec![measure(
        Box::new(CpuBackend::new(config, &model.weights)?),
        &model,
        &args,
    )?];
    match Gpu::new() {
        Ok(gpu) => {
            println!("adapter: {}", gpu.adapter());
            let backend = GpuBackend::new(Arc::new(gpu), config, &model.weights)?;
            for split in backend.weight_splits() {
                println!("note: {split}");
            }
            results.push(measure(Box::new(backend), &model, &args)?);
        }
        Err(error) => println!("no GPU engine: {error}"),
    }

    println!(
        "{} prompt tokens, then {} tokens decoded greedily with full traces \
         (attention, routing, logit lens, top-10 candidates)\n",
        results[0].prompt_tokens, args.tokens
    );
    let width = results.iter().map(|r| r.engine.len()).max().unwrap_or(0);
    println!(
        "{:<width$}  {:>12}  {:>10}  {:>14}",
        "engine", "prefill ms", "tokens/s", "median ms/tok"
    );
    for r in &results {
        println!(
            "{:<width$}  {:>12.2}  {:>10.1}  {:>14.3}",
            r.engine,
            milliseconds(r.prefill),
            r.tokens_per_second(),
            milliseconds(r.median()),
        );
    }
    if let [cpu, gpu] = results.as_slice() {
        println!(
            "\ngpu/cpu: {:.2}× the tokens per second, {:.2}× the median latency; greedy tokens {}",
            gpu.tokens_per_second() / cpu.tokens_per_second(),
            gpu.median().as_secs_f64() / cpu.median().as_secs_f64(),
            if gpu.tokens == cpu.tokens {
                "identical"
            } else {
                "DIFFER"
            }
        );
    }
    println!(
        "backend chosen here: {}",
        choose_backend(BackendPreference::Auto)?
    );
    Ok(())
}
