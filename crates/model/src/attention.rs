//! Causal self-attention with grouped-query heads (Ainslie et al., 2023): several query
//! heads share one key/value head, which shrinks the KV cache without changing the maths.

use candle_core::{Device, Result, Tensor};

use crate::kv_cache::KvCache;
use crate::ops::{linear, softmax_last_dim};
use crate::rope::Rope;

#[derive(Debug, Clone)]
pub struct Attention {
    q_proj: Tensor, // (n_heads · head_dim, d)
    k_proj: Tensor, // (n_kv_heads · head_dim, d)
    v_proj: Tensor, // (n_kv_heads · head_dim, d)
    o_proj: Tensor, // (d, n_heads · head_dim)
    n_heads: usize,
    n_kv_heads: usize,
    head_dim: usize,
}

/// What one attention layer produced.
pub struct AttentionOutput {
    pub output: Tensor, // (B, T, d)
    /// Attention probabilities (B, n_heads, T, S), kept only when asked for.
    pub probabilities: Option<Tensor>,
}

impl Attention {
    pub fn new(
        [q_proj, k_proj, v_proj, o_proj]: [Tensor; 4],
        n_heads: usize,
        n_kv_heads: usize,
        head_dim: usize,
    ) -> Self {
        Self {
            q_proj,
            k_proj,
            v_proj,
            o_proj,
            n_heads,
            n_kv_heads,
            head_dim,
        }
    }

    /// Attends from the T positions of `x` (B, T, d), the first at position `start`, to
    /// themselves and to what `cache` holds for `layer`.
    pub fn forward(
        &self,
        x: &Tensor,
        rope: &Rope,
        start: usize,
        cache: Option<(&mut KvCache, usize)>,
        keep_probabilities: bool,
    ) -> Result<AttentionOutput> {
        let (b, t, _) = x.dims3()?;
        let (h, kv, hd) = (self.n_heads, self.n_kv_heads, self.head_dim);
        let q = linear(x, &self.q_proj)?
            .reshape((b, t, h, hd))?
            .transpose(1, 2)?; // (B, h, T, hd)
        let k = linear(x, &self.k_proj)?
            .reshape((b, t, kv, hd))?
            .transpose(1, 2)?; // (B, kv, T, hd)
        let v = linear(x, &self.v_proj)?
            .reshape((b, t, kv, hd))?
            .transpose(1, 2)?; // (B, kv, T, hd)
        let q = rope.apply(&q.contiguous()?, start)?;
        let k = rope.apply(&k.contiguous()?, start)?;
        let v = v.contiguous()?;
        let (k, v) = match cache {
            Some((cache, layer)) => cache.append(layer, &k, &v)?, // (B, kv, S, hd)
            None => (k, v),
        };
        let s = k.dims()[2];

        // Query heads h = g · group + r share key/value head g, so the group's queries are
        // stacked as rows of one matrix: no copy of k or v per query head.
        let group = h / kv;
        let q = q.reshape((b, kv, group * t, hd))?; // (B, kv, group·T, hd)
        let scores = (q.matmul(&k.t()?)? * (1.0 / (hd as f64).sqrt()))?; // (B, kv, group·T, S)
        let scores = scores.reshape((b, h, t, s))?; // (B, h, T, S)
        let scores = match causal_mask(t, s, x.device())? {
            Some(mask) => scores.broadcast_add(&mask)?,
            None => scores,
        };
        let probabilities = softmax_last_dim(&scores)?; // (B, h, T, S)
        let mixed = probabilities
            .reshape((b, kv, group * t, s))?
            .matmul(&v)? // (B, kv, group·T, hd)
            .reshape((b, h, t, hd))?
            .transpose(1, 2)? // (B, T, h, hd)
            .reshape((b, t, h * hd))?;
        Ok(AttentionOutput {
            output: linear(&mixed, &self.o_proj)?,
            probabilities: keep_probabilities.then_some(probabilities),
        })
    }
}

/// `-inf` where query row `i` (at position S − T + i) would see a later key; `None` when
/// nothing is masked, as for a single new token.
fn causal_mask(t: usize, s: usize, device: &Device) -> Result<Option<Tensor>> {
    if t == 1 {
        return Ok(None);
    }
    let offset = s - t;
    let mask: Vec<f32> = (0..t)
        .flat_map(|i| {
            (0..s).map(move |j| {
                if j > offset + i {
                    f32::NEG_INFINITY
                } else {
                    0.0
                }
            })
        })
        .collect();
    Tensor::from_vec(mask, (t, s), device).map(Some)
}
