//! Running forwards: every token (or prompt chunk) is one command encoder and one submit
//! that computes the layers and copies back only what the trace needs.

use std::sync::Arc;

use glassbox_model::{Attention, Forward, LensTop, ModelConfig, Probes, Routing, Weights};

use crate::activations::Activations;
use crate::buffers::{Batch, Readback, Region};
use crate::device::Gpu;
use crate::error::GpuError;
use crate::model_weights::ModelWeights;
use crate::ops::linear::Form;
use crate::ops::rope::RopeTable;
use crate::plan::{Batches, Plan};
use crate::weights::WeightSplit;

/// Limits a caller may lower, to test the paths large models take on small ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GpuOptions {
    /// Largest buffer one weight tensor may fill before it is split; by default the
    /// device's storage binding limit.
    pub max_weight_bytes: Option<u64>,
    /// Most prompt tokens one submit runs; longer prompts run in chunks. By default the
    /// context length, lowered if the buffers for that many rows exceed the binding limit.
    pub max_prefill_rows: Option<usize>,
}

/// A model loaded on the GPU, with its KV cache.
#[derive(Debug)]
pub(crate) struct Engine {
    gpu: Arc<Gpu>,
    config: ModelConfig,
    weights: ModelWeights,
    activations: Activations,
    batch: Batch,
    prefill_plan: Plan,
    decode_plan: Plan,
    readback: Readback,
    position: usize,
}

impl Engine {
    pub fn load(
        gpu: Arc<Gpu>,
        config: &ModelConfig,
        weights: &Weights,
        options: GpuOptions,
    ) -> Result<Self, GpuError> {
        config.validate().map_err(glassbox_model::Error::from)?;
        weights.check(config)?;
        // Allocation failures surface through an error scope, not as a return value.
        let out_of_memory = gpu.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let engine = Self::allocate(gpu.clone(), config, weights, options)?;
        match pollster::block_on(out_of_memory.pop()) {
            None => Ok(engine),
            Some(error) => Err(GpuError::OutOfMemory {
                parameters: config.parameter_count().total,
                message: error.to_string(),
            }),
        }
    }

    fn allocate(
        gpu: Arc<Gpu>,
        config: &ModelConfig,
        weights: &Weights,
        options: GpuOptions,
    ) -> Result<Self, GpuError> {
        let limit = gpu.max_binding_bytes();
        let weight_limit = options.max_weight_bytes.unwrap_or(limit).min(limit);
        let model_weights = ModelWeights::upload(&gpu, config, weights, weight_limit)?;
        let wanted_rows = options
            .max_prefill_rows
            .unwrap_or(config.max_position_embeddings);
        let rows = Activations::rows_for(config, wanted_rows, limit)?;
        let activations = Activations::new(&gpu, config, rows, limit)?;
        let rope_table = RopeTable::new(
            &gpu,
            config.head_dim(),
            config.max_position_embeddings,
            config.rope_theta,
        );
        let batch = Batch::per_forward(&gpu);
        let batches = Batches {
            tokens: &batch,
            last: &Batch::fixed(&gpu, 1),
            layers: &Batch::fixed(&gpu, config.num_hidden_layers as u32),
        };
        let plan = |form| {
            Plan::build(
                &gpu,
                config,
                &model_weights,
                &activations,
                &rope_table,
                &batches,
                form,
            )
        };
        let prefill_plan = plan(Form::Matmul);
        let decode_plan = plan(Form::Matvec);
        let readback = Readback::new(&gpu, readback_words(config, rows));
        Ok(Self {
            gpu,
            config: config.clone(),
            weights: model_weights,
            activations,
            batch,
            prefill_plan,
            decode_plan,
            readback,
            position: 0,
        })
    }

    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    pub fn gpu(&self) -> &Arc<Gpu> {
        &self.gpu
    }

    pub fn splits(&self) -> &[WeightSplit] {
        &self.weights.splits
    }

    pub fn prefill_rows(&self) -> usize {
        self.activations.rows as usize
    }

    pub fn position(&self) -> usize {
        self.position
    }

    pub fn reset(&mut self) {
        // The cache needs no clearing: attention reads only positions below the new
        // forward's, and every one of those is rewritten before it is read.
        self.position = 0;
    }

    /// Runs `tokens` at the next positions, in chunks of at most [`Self::prefill_rows`].
    pub fn run(&mut self, tokens: &[u32], probes: Probes) -> Result<Forward, GpuError> {
        let vocab_size = self.config.vocab_size;
        if let Some(&token) = tokens.iter().find(|&&t| t as usize >= vocab_size) {
            return Err(glassbox_model::Error::TokenOutsideVocab { token, vocab_size }.into());
        }
        if tokens.is_empty() {
            return Err(glassbox_model::Error::EmptyPrompt.into());
        }
        let context = self.config.max_position_embeddings;
        if self.position + tokens.len() > context {
            return Err(glassbox_model::Error::ContextFull { context }.into());
        }
        let forwards = tokens
            .chunks(self.prefill_rows())
            .map(|chunk| self.forward(chunk, probes))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(merge(forwards))
    }

    /// One submit: the forward over `tokens` (at most [`Self::prefill_rows`]) and the copies
    /// of the logits and whatever `probes` asks for.
    fn forward(&mut self, tokens: &[u32], probes: Probes) -> Result<Forward, GpuError> {
        let gpu = &self.gpu;
        let a = &self.activations;
        let rows = tokens.len() as u32;
        let start = self.position as u32;
        self.batch.set(gpu, rows, start);
        gpu.queue
            .write_buffer(&a.ids, 0, bytemuck::cast_slice(tokens));

        let plan = if rows == 1 {
            &self.decode_plan
        } else {
            &self.prefill_plan
        };
        let mut encoder = gpu
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("forward"),
            });
        {
            let mut pass = encoder.begin_compute_pass(&wgpu::ComputePassDescriptor {
                label: Some("forward"),
                timestamp_writes: None,
            });
            plan.record(&mut pass, rows, probes.logit_lens);
        }
        let layout = TraceLayout::new(&self.config, rows, start, probes);
        let words = self.readback.record(&mut encoder, &layout.regions(a));
        gpu.queue.submit([encoder.finish()]);
        let words = self.readback.read(gpu, words)?;
        self.position += tokens.len();
        Ok(layout.parse(&words))
    }
}

/// What one forward copies back, in order: logits; the logit lens's tokens and
/// probabilities; each layer's attention; each MoE layer's routing.
struct TraceLayout {
    vocab: u64,
    layers: u64,
    heads: u64,
    rows: u64,
    start: u64,
    /// (experts, top_k) for MoE models.
    moe: Option<(u64, u64)>,
    probes: Probes,
}

impl TraceLayout {
    fn new(config: &ModelConfig, rows: u32, start: u32, probes: Probes) -> Self {
        Self {
            vocab: config.vocab_size as u64,
            layers: config.num_hidden_layers as u64,
            heads: config.num_attention_heads as u64,
            rows: rows.into(),
            start: start.into(),
            moe: config.moe().map(|m| (m.experts as u64, m.top_k as u64)),
            probes,
        }
    }

    fn keys(&self) -> u64 {
        self.start + self.rows
    }

    fn regions<'a>(&self, a: &'a Activations) -> Vec<Region<'a>> {
        let region = |buffer, words| Region {
            buffer,
            words: 0..words,
        };
        let mut regions = vec![region(&a.logits, self.vocab)];
        if self.probes.logit_lens {
            regions.push(region(&a.lens_ids, self.layers));
            regions.push(region(&a.lens_probs, self.layers));
        }
        if self.probes.attention {
            let words = self.heads * self.rows * self.keys();
            regions.extend(a.attention.iter().map(|buffer| region(buffer, words)));
        }
        if let (true, Some((experts, top_k))) = (self.probes.routing, self.moe) {
            for routing in &a.routing {
                regions.push(region(&routing.probabilities, self.rows * experts));
                regions.push(region(&routing.chosen, self.rows * top_k));
                regions.push(region(&routing.gates, self.rows * top_k));
            }
        }
        regions
    }

    fn parse(&self, words: &[u32]) -> Forward {
        let mut rest = words;
        let mut take = |n: u64| {
            let (head, tail) = rest.split_at(n as usize);
            rest = tail;
            head
        };
        let floats = |w: &[u32]| w.iter().copied().map(f32::from_bits).collect::<Vec<f32>>();

        let logits = floats(take(self.vocab));
        let logit_lens = if self.probes.logit_lens {
            let tokens = take(self.layers).to_vec();
            let probabilities = floats(take(self.layers));
            tokens
                .into_iter()
                .zip(probabilities)
                .map(|(token, probability)| LensTop { token, probability })
                .collect()
        } else {
            Vec::new()
        };
        let attention = if self.probes.attention {
            (0..self.layers)
                .map(|_| Attention {
                    heads: self.heads as u32,
                    first_query: self.start as u32,
                    queries: self.rows as u32,
                    keys: self.keys() as u32,
                    probabilities: floats(take(self.heads * self.rows * self.keys())),
                })
                .collect()
        } else {
            Vec::new()
        };
        let routing = match (self.probes.routing, self.moe) {
            (true, Some((experts, top_k))) => (0..self.layers)
                .map(|_| Routing {
                    tokens: self.rows as u32,
                    experts: experts as u32,
                    top_k: top_k as u32,
                    probabilities: floats(take(self.rows * experts)),
                    chosen: take(self.rows * top_k).to_vec(),
                    gates: floats(take(self.rows * top_k)),
                })
                .collect(),
            _ => Vec::new(),
        };
        Forward {
            start: self.start as usize,
            tokens: self.rows as usize,
            logits,
            attention,
            routing,
            logit_lens,
        }
    }
}

/// The staging words the largest forward copies back.
fn readback_words(config: &ModelConfig, rows: u32) -> u64 {
    let layers = config.num_hidden_layers as u64;
    let rows = u64::from(rows);
    let attention =
        layers * (config.num_attention_heads * config.max_position_embeddings) as u64 * rows;
    let routing = config
        .moe()
        .map_or(0, |m| layers * rows * (m.experts + 2 * m.top_k) as u64);
    config.vocab_size as u64 + 2 * layers + attention + routing
}

/// Joins the forwards of a prompt's chunks into the one forward the whole prompt would
/// have given: attention matrices over every prompt position, routing of every token, and
/// the last chunk's logits and lens.
fn merge(mut forwards: Vec<Forward>) -> Forward {
    if forwards.len() == 1 {
        return forwards.pop().expect("one forward");
    }
    let first = &forwards[0];
    let start = first.start;
    let tokens: usize = forwards.iter().map(|f| f.tokens).sum();
    let keys = start + tokens;
    let attention = (0..first.attention.len())
        .map(|layer| {
            let heads = first.attention[layer].heads as usize;
            let mut probabilities = vec![0.0; heads * tokens * keys];
            for forward in &forwards {
                let chunk = &forward.attention[layer];
                for head in 0..heads {
                    for query in 0..chunk.queries as usize {
                        let row = chunk.row(head, query);
                        let at = (head * tokens + forward.start - start + query) * keys;
                        probabilities[at..at + row.len()].copy_from_slice(row);
                    }
                }
            }
            Attention {
                heads: heads as u32,
                first_query: start as u32,
                queries: tokens as u32,
                keys: keys as u32,
                probabilities,
            }
        })
        .collect();
    let routing = (0..first.routing.len())
        .map(|layer| {
            let mut joined = Routing {
                tokens: 0,
                ..first.routing[layer].clone()
            };
            joined.probabilities.clear();
            joined.chosen.clear();
            joined.gates.clear();
            for forward in &forwards {
                let chunk = &forward.routing[layer];
                joined.tokens += chunk.tokens;
                joined.probabilities.extend(&chunk.probabilities);
                joined.chosen.extend(&chunk.chosen);
                joined.gates.extend(&chunk.gates);
            }
            joined
        })
        .collect();
    let last = forwards.pop().expect("several forwards");
    Forward {
        start,
        tokens,
        logits: last.logits,
        attention,
        routing,
        logit_lens: last.logit_lens,
    }
}
