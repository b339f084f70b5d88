//! Every buffer a forward writes besides the weights, allocated once at load for the
//! largest forward: `rows` token rows (a prompt chunk), or one token when decoding.

use glassbox_model::ModelConfig;

use crate::device::Gpu;
use crate::error::GpuError;

/// The routing outputs of one MoE layer, kept per layer for the trace.
#[derive(Debug)]
pub(crate) struct LayerRouting {
    pub probabilities: wgpu::Buffer, // (rows, experts)
    pub chosen: wgpu::Buffer,        // (rows, top_k) u32
    pub gates: wgpu::Buffer,         // (rows, top_k)
}

#[derive(Debug)]
pub(crate) struct Activations {
    /// Token rows one forward can hold.
    pub rows: u32,
    pub ids: wgpu::Buffer,  // (rows) u32
    pub x: wgpu::Buffer,    // (rows, d) the residual stream
    pub h: wgpu::Buffer,    // (rows, d) normed input of a sublayer
    pub q: wgpu::Buffer,    // (rows, heads, head_dim)
    pub attn: wgpu::Buffer, // (rows, heads, head_dim) attention output before o_proj
    /// Per layer, (max_positions, kv_heads, head_dim), rotated keys and values.
    pub k_cache: Vec<wgpu::Buffer>,
    pub v_cache: Vec<wgpu::Buffer>,
    /// Per layer, (heads, rows, start + rows) compact: the trace's attention matrix.
    pub attention: Vec<wgpu::Buffer>,
    /// (rows · slots, ff) where slots is top_k for MoE models, else 1.
    pub gate: wgpu::Buffer,
    pub up: wgpu::Buffer,
    pub act: wgpu::Buffer,
    /// MoE only: (rows, experts) router logits, (rows · top_k, d) expert outputs.
    pub router_logits: wgpu::Buffer,
    pub expert_out: wgpu::Buffer,
    /// Per MoE layer (empty for dense models).
    pub routing: Vec<LayerRouting>,
    pub final_h: wgpu::Buffer, // (1, d) last row after the final norm
    pub logits: wgpu::Buffer,  // (1, vocab)
    /// The logit lens: per layer, the normed last row, its logits and its top token.
    pub lens_h: wgpu::Buffer, // (layers, d)
    pub lens_logits: wgpu::Buffer, // (layers, vocab)
    pub lens_ids: wgpu::Buffer, // (layers, 1) u32
    pub lens_probs: wgpu::Buffer, // (layers, 1)
    pub lens_summary: wgpu::Buffer, // (layers, 2)
}

/// Sizes every buffer against the device's binding limit before allocating any.
struct Allocator<'a> {
    gpu: &'a Gpu,
    limit_bytes: u64,
}

impl Allocator<'_> {
    fn buffer(&self, what: &'static str, words: u64) -> Result<wgpu::Buffer, GpuError> {
        if words * 4 > self.limit_bytes {
            return Err(GpuError::ActivationOverLimit {
                what,
                bytes: words * 4,
                limit: self.limit_bytes,
            });
        }
        Ok(self.gpu.storage(what, words))
    }
}

impl Activations {
    /// The most rows a prompt chunk can have: `wanted`, capped by the context and by the
    /// largest per-row buffer fitting one binding.
    pub fn rows_for(
        config: &ModelConfig,
        wanted: usize,
        limit_bytes: u64,
    ) -> Result<u32, GpuError> {
        let (per_row_words, what) = [
            (config.hidden_size, "residual stream"),
            (
                slots(config) * config.intermediate_size,
                "feed-forward hidden layer",
            ),
            (
                config.num_attention_heads * config.max_position_embeddings,
                "attention probabilities",
            ),
        ]
        .into_iter()
        .max()
        .expect("three candidates");
        let per_row_bytes = per_row_words as u64 * 4;
        let fitting = limit_bytes / per_row_bytes;
        if fitting == 0 {
            return Err(GpuError::ActivationOverLimit {
                what,
                bytes: per_row_bytes,
                limit: limit_bytes,
            });
        }
        Ok(wanted
            .min(config.max_position_embeddings)
            .min(fitting as usize)
            .max(1) as u32)
    }

    pub fn new(
        gpu: &Gpu,
        config: &ModelConfig,
        rows: u32,
        limit_bytes: u64,
    ) -> Result<Self, GpuError> {
        let a = Allocator { gpu, limit_bytes };
        let r = u64::from(rows);
        let d = config.hidden_size as u64;
        let layers = config.num_hidden_layers;
        let vocab = config.vocab_size as u64;
        let slots = slots(config) as u64;
        let ff = config.intermediate_size as u64;
        let cache_words = (config.max_position_embeddings * config.kv_dim()) as u64;
        let attention_words =
            (config.num_attention_heads * config.max_position_embeddings) as u64 * r;
        let per_layer = |what, words| {
            (0..layers)
                .map(|_| a.buffer(what, words))
                .collect::<Result<Vec<_>, _>>()
        };
        let (experts, top_k) = config
            .moe()
            .map_or((0, 0), |m| (m.experts as u64, m.top_k as u64));
        let routing = match config.moe() {
            None => Vec::new(),
            Some(_) => (0..layers)
                .map(|_| {
                    Ok(LayerRouting {
                        probabilities: a.buffer("router probabilities", r * experts)?,
                        chosen: a.buffer("chosen experts", r * top_k)?,
                        gates: a.buffer("expert gates", r * top_k)?,
                    })
                })
                .collect::<Result<_, GpuError>>()?,
        };
        Ok(Self {
            rows,
            ids: a.buffer("token ids", r)?,
            x: a.buffer("residual stream", r * d)?,
            h: a.buffer("normed residual", r * d)?,
            q: a.buffer("queries", r * d)?,
            attn: a.buffer("attention output", r * d)?,
            k_cache: per_layer("key cache", cache_words)?,
            v_cache: per_layer("value cache", cache_words)?,
            attention: per_layer("attention probabilities", attention_words)?,
            gate: a.buffer("feed-forward gate", r * slots * ff)?,
            up: a.buffer("feed-forward up", r * slots * ff)?,
            act: a.buffer("feed-forward hidden layer", r * slots * ff)?,
            router_logits: a.buffer("router logits", r * experts)?,
            expert_out: a.buffer("expert outputs", r * top_k * d)?,
            routing,
            final_h: a.buffer("final norm", d)?,
            logits: a.buffer("logits", vocab)?,
            lens_h: a.buffer("logit lens norm", layers as u64 * d)?,
            lens_logits: a.buffer("logit lens logits", layers as u64 * vocab)?,
            lens_ids: a.buffer("logit lens tokens", layers as u64)?,
            lens_probs: a.buffer("logit lens probabilities", layers as u64)?,
            lens_summary: a.buffer("logit lens summary", layers as u64 * 2)?,
        })
    }
}

/// Feed-forward rows per token: each token runs through top_k experts in a MoE layer.
fn slots(config: &ModelConfig) -> usize {
    config.moe().map_or(1, |moe| moe.top_k)
}
