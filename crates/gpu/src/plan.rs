//! The forward pass as a list of dispatches, built once at load: the Llama block
//! `x = x + attention(norm(x)); x = x + feed_forward(norm(x))` for every layer, then the
//! final norm and LM head on the last row. A forward only records this list.

use glassbox_model::ModelConfig;

use crate::activations::{Activations, LayerRouting};
use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::Dispatch;
use crate::model_weights::{FeedForward, ModelWeights};
use crate::ops::attention::{AttentionBuffers, Heads, attention};
use crate::ops::embedding::gather;
use crate::ops::linear::{ExpertInput, Form, Output, experts, linear};
use crate::ops::logits::{SummaryBuffers, summarise};
use crate::ops::moe::{RoutingBuffers, mix, route};
use crate::ops::rms_norm::{NormRows, rms_norm};
use crate::ops::rope::{RopeRows, RopeTable, rope};
use crate::ops::swiglu::swiglu;
use crate::weights::Chunked;

/// Whether a dispatch always runs or only when the logit lens is probed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Always,
    LogitLens,
}

#[derive(Debug)]
pub(crate) struct Plan {
    dispatches: Vec<(Stage, Dispatch)>,
}

/// The batches a plan's dispatches read their rows from.
pub(crate) struct Batches<'a> {
    /// The forward's token rows, set before each submit.
    pub tokens: &'a Batch,
    /// One row: the last token's, for the LM head.
    pub last: &'a Batch,
    /// One row per layer: the logit lens.
    pub layers: &'a Batch,
}

impl Plan {
    /// Builds the forward with `form` for the per-token linear layers: matrix-vector
    /// products to decode one token, tiled products for a prompt.
    pub fn build(
        gpu: &Gpu,
        config: &ModelConfig,
        weights: &ModelWeights,
        a: &Activations,
        rope_table: &RopeTable,
        batches: &Batches<'_>,
        form: Form,
    ) -> Self {
        let d = config.hidden_size as u32;
        let ff = config.intermediate_size as u32;
        let kv_dim = config.kv_dim() as u32;
        let heads = Heads {
            heads: config.num_attention_heads as u32,
            kv_heads: config.num_kv_heads() as u32,
            head_dim: config.head_dim() as u32,
        };
        let mut plan = Builder {
            gpu,
            tokens: batches.tokens,
            form,
            eps: config.rms_norm_eps as f32,
            d,
            rope_table,
            dispatches: Vec::new(),
        };

        let embedding = gather(gpu, batches.tokens, &a.ids, &weights.embed_tokens, &a.x, d);
        plan.extend(Stage::Always, embedding);
        for (l, layer) in weights.layers.iter().enumerate() {
            let (k_cache, v_cache) = (&a.k_cache[l], &a.v_cache[l]);
            plan.norm(&a.x, &layer.input_norm, &a.h, NormRows::All, Stage::Always);
            plan.linear(&layer.q, d, &a.h, Output::new(&a.q, d));
            // Keys and values land straight in the cache, at the tokens' positions.
            let (k_out, v_out) = (Output::new(k_cache, kv_dim), Output::new(v_cache, kv_dim));
            plan.linear(&layer.k, d, &a.h, k_out.at_position());
            plan.linear(&layer.v, d, &a.h, v_out.at_position());
            plan.rope(&a.q, heads.heads, heads.head_dim, RopeRows::Batch);
            plan.rope(k_cache, heads.kv_heads, heads.head_dim, RopeRows::Cache);
            let buffers = AttentionBuffers {
                q: &a.q,
                k_cache,
                v_cache,
                probabilities: &a.attention[l],
                out: &a.attn,
            };
            plan.push(attention(gpu, batches.tokens, heads, buffers));
            plan.linear(&layer.o, d, &a.attn, Output::new(&a.x, d).accumulating());

            plan.norm(&a.x, &layer.post_norm, &a.h, NormRows::All, Stage::Always);
            match &layer.feed_forward {
                FeedForward::Dense { gate, up, down } => {
                    plan.linear(gate, d, &a.h, Output::new(&a.gate, ff));
                    plan.linear(up, d, &a.h, Output::new(&a.up, ff));
                    plan.push(swiglu(gpu, batches.tokens, &a.gate, &a.up, &a.act, ff, 1));
                    plan.linear(down, ff, &a.act, Output::new(&a.x, d).accumulating());
                }
                FeedForward::Sparse {
                    router,
                    gate,
                    up,
                    down,
                } => {
                    let moe = config.moe().expect("sparse layers come from a MoE config");
                    let sparse = Sparse {
                        experts: moe.experts as u32,
                        top_k: moe.top_k as u32,
                        ff,
                        routing: &a.routing[l],
                    };
                    let router_out = Output::new(&a.router_logits, sparse.experts);
                    plan.linear(router, d, &a.h, router_out);
                    plan.route(&a.router_logits, &sparse);
                    plan.experts(gate, &sparse, &a.h, ExpertInput::PerToken, &a.gate);
                    plan.experts(up, &sparse, &a.h, ExpertInput::PerToken, &a.up);
                    let (tokens, top_k) = (batches.tokens, sparse.top_k);
                    plan.push(swiglu(gpu, tokens, &a.gate, &a.up, &a.act, ff, top_k));
                    plan.experts(down, &sparse, &a.act, ExpertInput::PerSlot, &a.expert_out);
                    let gates = &sparse.routing.gates;
                    plan.push(mix(gpu, tokens, &a.expert_out, gates, &a.x, d, top_k));
                }
            }
            let (final_norm, snapshot) = (&weights.final_norm, NormRows::LastInto(l as u32));
            plan.norm(&a.x, final_norm, &a.lens_h, snapshot, Stage::LogitLens);
        }

        let vocab = config.vocab_size as u32;
        let lm_head = weights.lm_head();
        plan.norm(
            &a.x,
            &weights.final_norm,
            &a.final_h,
            NormRows::LastInto(0),
            Stage::Always,
        );
        let head = Output::new(&a.logits, vocab);
        let last = linear(
            gpu,
            batches.last,
            Form::Matvec,
            lm_head,
            d,
            &a.final_h,
            head,
        );
        plan.extend(Stage::Always, last);

        let lens_head = Output::new(&a.lens_logits, vocab);
        let lens = linear(
            gpu,
            batches.layers,
            Form::Matvec,
            lm_head,
            d,
            &a.lens_h,
            lens_head,
        );
        plan.extend(Stage::LogitLens, lens);
        let summary = SummaryBuffers {
            top_ids: &a.lens_ids,
            top_probs: &a.lens_probs,
            summary: &a.lens_summary,
        };
        let lens_top = summarise(gpu, batches.layers, &a.lens_logits, summary, vocab, 1);
        plan.extend(Stage::LogitLens, [lens_top]);
        Self {
            dispatches: plan.dispatches,
        }
    }

    /// Records the forward over `rows` token rows into `pass`.
    pub fn record(&self, pass: &mut wgpu::ComputePass<'_>, rows: u32, logit_lens: bool) {
        for (stage, dispatch) in &self.dispatches {
            if *stage == Stage::Always || logit_lens {
                dispatch.record(pass, rows);
            }
        }
    }
}

/// One MoE layer's shape and routing buffers.
struct Sparse<'a> {
    experts: u32,
    top_k: u32,
    ff: u32,
    routing: &'a LayerRouting,
}

/// Appends dispatches over the forward's token rows.
struct Builder<'a> {
    gpu: &'a Gpu,
    tokens: &'a Batch,
    form: Form,
    eps: f32,
    d: u32,
    rope_table: &'a RopeTable,
    dispatches: Vec<(Stage, Dispatch)>,
}

impl Builder<'_> {
    fn push(&mut self, dispatch: Dispatch) {
        self.dispatches.push((Stage::Always, dispatch));
    }

    fn extend(&mut self, stage: Stage, dispatches: impl IntoIterator<Item = Dispatch>) {
        self.dispatches
            .extend(dispatches.into_iter().map(|d| (stage, d)));
    }

    fn norm(
        &mut self,
        x: &wgpu::Buffer,
        weight: &wgpu::Buffer,
        y: &wgpu::Buffer,
        rows: NormRows,
        stage: Stage,
    ) {
        let norm = rms_norm(self.gpu, self.tokens, x, weight, y, self.d, self.eps, rows);
        self.dispatches.push((stage, norm));
    }

    fn linear(&mut self, w: &Chunked, in_width: u32, x: &wgpu::Buffer, y: Output<'_>) {
        let dispatches = linear(self.gpu, self.tokens, self.form, w, in_width, x, y);
        self.extend(Stage::Always, dispatches);
    }

    fn rope(&mut self, x: &wgpu::Buffer, heads: u32, head_dim: u32, rows: RopeRows) {
        let table = self.rope_table;
        self.push(rope(self.gpu, self.tokens, table, x, heads, head_dim, rows));
    }

    fn route(&mut self, logits: &wgpu::Buffer, sparse: &Sparse<'_>) {
        let outputs = RoutingBuffers {
            probabilities: &sparse.routing.probabilities,
            chosen: &sparse.routing.chosen,
            gates: &sparse.routing.gates,
        };
        let (experts, top_k) = (sparse.experts, sparse.top_k);
        self.push(route(
            self.gpu,
            self.tokens,
            logits,
            outputs,
            experts,
            top_k,
        ));
    }

    /// A projection of every token's chosen experts: gate and up map d → ff per token,
    /// down maps ff → d per (token, expert) slot.
    fn experts(
        &mut self,
        stack: &Chunked,
        sparse: &Sparse<'_>,
        x: &wgpu::Buffer,
        input: ExpertInput,
        y: &wgpu::Buffer,
    ) {
        let (out_rows, in_width) = match input {
            ExpertInput::PerToken => (sparse.ff, self.d),
            ExpertInput::PerSlot => (self.d, sparse.ff),
        };
        let chosen = &sparse.routing.chosen;
        let top_k = sparse.top_k;
        let dispatches = experts(
            self.gpu,
            self.tokens,
            stack,
            out_rows,
            in_width,
            top_k,
            chosen,
            x,
            input,
            y,
        );
        self.extend(Stage::Always, dispatches);
    }
}
