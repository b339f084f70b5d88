//! The forward pass as a list of dispatches, built once at load: the Llama block
//! `x = x + attention(norm(x)); x = x + feed_forward(norm(x))` for every layer, then the
//! final norm and LM head on the last row. A forward only records this list.

use glassbox_model::ModelConfig;

use crate::activations::Activations;
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
        let mut plan = Builder {
            gpu,
            batch: batches.tokens,
            form,
            dispatches: Vec::new(),
        };
        let d = config.hidden_size as u32;
        let ff = config.intermediate_size as u32;
        let kv_dim = config.kv_dim() as u32;
        let eps = config.rms_norm_eps as f32;
        let heads = Heads {
            heads: config.num_attention_heads as u32,
            kv_heads: config.num_kv_heads() as u32,
            head_dim: config.head_dim() as u32,
        };
        let tokens = batches.tokens;

        plan.extend(gather(gpu, tokens, &a.ids, &weights.embed_tokens, &a.x, d));
        for (l, layer) in weights.layers.iter().enumerate() {
            let (k_cache, v_cache) = (&a.k_cache[l], &a.v_cache[l]);
            plan.push(rms_norm(
                gpu,
                tokens,
                &a.x,
                &layer.input_norm,
                &a.h,
                d,
                eps,
                NormRows::All,
            ));
            plan.linear(&layer.q, d, &a.h, Output::new(&a.q, d));
            plan.linear(
                &layer.k,
                d,
                &a.h,
                Output::new(k_cache, kv_dim).at_position(),
            );
            plan.linear(
                &layer.v,
                d,
                &a.h,
                Output::new(v_cache, kv_dim).at_position(),
            );
            plan.push(rope(
                gpu,
                tokens,
                rope_table,
                &a.q,
                heads.heads,
                heads.head_dim,
                RopeRows::Batch,
            ));
            plan.push(rope(
                gpu,
                tokens,
                rope_table,
                k_cache,
                heads.kv_heads,
                heads.head_dim,
                RopeRows::Cache,
            ));
            let buffers = AttentionBuffers {
                q: &a.q,
                k_cache,
                v_cache,
                probabilities: &a.attention[l],
                out: &a.attn,
            };
            plan.push(attention(gpu, tokens, heads, buffers));
            plan.linear(&layer.o, d, &a.attn, Output::new(&a.x, d).accumulating());

            plan.push(rms_norm(
                gpu,
                tokens,
                &a.x,
                &layer.post_norm,
                &a.h,
                d,
                eps,
                NormRows::All,
            ));
            match &layer.feed_forward {
                FeedForward::Dense { gate, up, down } => {
                    plan.linear(gate, d, &a.h, Output::new(&a.gate, ff));
                    plan.linear(up, d, &a.h, Output::new(&a.up, ff));
                    plan.push(swiglu(gpu, tokens, &a.gate, &a.up, &a.act, ff, 1));
                    plan.linear(down, ff, &a.act, Output::new(&a.x, d).accumulating());
                }
                FeedForward::Sparse {
                    router,
                    gate,
                    up,
                    down,
                } => {
                    let moe = config.moe().expect("sparse layers come from a MoE config");
                    let (n_experts, top_k) = (moe.experts as u32, moe.top_k as u32);
                    let routing = &a.routing[l];
                    plan.linear(router, d, &a.h, Output::new(&a.router_logits, n_experts));
                    let outputs = RoutingBuffers {
                        probabilities: &routing.probabilities,
                        chosen: &routing.chosen,
                        gates: &routing.gates,
                    };
                    plan.push(route(
                        gpu,
                        tokens,
                        &a.router_logits,
                        outputs,
                        n_experts,
                        top_k,
                    ));
                    let chosen = &routing.chosen;
                    plan.extend(experts(
                        gpu,
                        tokens,
                        gate,
                        ff,
                        d,
                        top_k,
                        chosen,
                        &a.h,
                        ExpertInput::PerToken,
                        &a.gate,
                    ));
                    plan.extend(experts(
                        gpu,
                        tokens,
                        up,
                        ff,
                        d,
                        top_k,
                        chosen,
                        &a.h,
                        ExpertInput::PerToken,
                        &a.up,
                    ));
                    plan.push(swiglu(gpu, tokens, &a.gate, &a.up, &a.act, ff, top_k));
                    plan.extend(experts(
                        gpu,
                        tokens,
                        down,
                        d,
                        ff,
                        top_k,
                        chosen,
                        &a.act,
                        ExpertInput::PerSlot,
                        &a.expert_out,
                    ));
                    plan.push(mix(
                        gpu,
                        tokens,
                        &a.expert_out,
                        &routing.gates,
                        &a.x,
                        d,
                        top_k,
                    ));
                }
            }
            let snapshot = NormRows::LastInto(l as u32);
            let lens = rms_norm(
                gpu,
                tokens,
                &a.x,
                &weights.final_norm,
                &a.lens_h,
                d,
                eps,
                snapshot,
            );
            plan.dispatches.push((Stage::LogitLens, lens));
        }

        let vocab = config.vocab_size as u32;
        let lm_head = weights.lm_head();
        plan.push(rms_norm(
            gpu,
            tokens,
            &a.x,
            &weights.final_norm,
            &a.final_h,
            d,
            eps,
            NormRows::LastInto(0),
        ));
        let head = Output::new(&a.logits, vocab);
        plan.extend(linear(
            gpu,
            batches.last,
            Form::Matvec,
            lm_head,
            d,
            &a.final_h,
            head,
        ));

        let lens_head = Output::new(&a.lens_logits, vocab);
        for dispatch in linear(
            gpu,
            batches.layers,
            Form::Matvec,
            lm_head,
            d,
            &a.lens_h,
            lens_head,
        ) {
            plan.dispatches.push((Stage::LogitLens, dispatch));
        }
        let summary = SummaryBuffers {
            top_ids: &a.lens_ids,
            top_probs: &a.lens_probs,
            summary: &a.lens_summary,
        };
        let lens_top = summarise(gpu, batches.layers, &a.lens_logits, summary, vocab, 1);
        plan.dispatches.push((Stage::LogitLens, lens_top));
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

struct Builder<'a> {
    gpu: &'a Gpu,
    batch: &'a Batch,
    form: Form,
    dispatches: Vec<(Stage, Dispatch)>,
}

impl Builder<'_> {
    fn push(&mut self, dispatch: Dispatch) {
        self.dispatches.push((Stage::Always, dispatch));
    }

    fn extend(&mut self, dispatches: Vec<Dispatch>) {
        self.dispatches
            .extend(dispatches.into_iter().map(|d| (Stage::Always, d)));
    }

    fn linear(
        &mut self,
        w: &crate::weights::Chunked,
        in_width: u32,
        x: &wgpu::Buffer,
        y: Output<'_>,
    ) {
        let dispatches = linear(self.gpu, self.batch, self.form, w, in_width, x, y);
        self.extend(dispatches);
    }
}
