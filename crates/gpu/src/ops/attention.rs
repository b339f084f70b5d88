//! Causal grouped-query attention over the KV cache (`shaders/attention.wgsl`).

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};

/// WGSL: `Params` in attention.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    heads: u32,
    kv_heads: u32,
    head_dim: u32,
    scale: f32,
}

/// The shape of one attention layer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Heads {
    pub heads: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
}

/// The buffers one attention layer reads and writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttentionBuffers<'a> {
    /// (rows, heads, head_dim), rotated.
    pub q: &'a wgpu::Buffer,
    /// (max_positions, kv_heads, head_dim), filled up to start + rows.
    pub k_cache: &'a wgpu::Buffer,
    pub v_cache: &'a wgpu::Buffer,
    /// (heads, rows, start + rows), written.
    pub probabilities: &'a wgpu::Buffer,
    /// (rows, heads, head_dim), written.
    pub out: &'a wgpu::Buffer,
}

pub(crate) fn attention(
    gpu: &Gpu,
    batch: &Batch,
    shape: Heads,
    buffers: AttentionBuffers<'_>,
) -> Dispatch {
    let params = gpu.uniform(
        "attention params",
        &Params {
            heads: shape.heads,
            kv_heads: shape.kv_heads,
            head_dim: shape.head_dim,
            // In f64 before the cast, as the candle reference scales its scores.
            scale: (1.0 / (shape.head_dim as f64).sqrt()) as f32,
        },
    );
    let AttentionBuffers {
        q,
        k_cache,
        v_cache,
        probabilities,
        out,
    } = buffers;
    gpu.kernels.attention.bind(
        gpu,
        batch,
        &[&params, q, k_cache, v_cache, probabilities, out],
        Workgroups::PerRow(shape.heads),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};

    /// Attention of `rows` queries at positions start.. over keys 0..start + rows, written
    /// from the definition: returns (probabilities (heads, rows, keys), out (rows, heads, hd)).
    fn reference(
        q: &[f32],
        k: &[f32],
        v: &[f32],
        shape: Heads,
        rows: usize,
        start: usize,
    ) -> (Vec<f32>, Vec<f32>) {
        let (heads, kv_heads, hd) = (
            shape.heads as usize,
            shape.kv_heads as usize,
            shape.head_dim as usize,
        );
        let keys = start + rows;
        let mut probabilities = vec![0.0; heads * rows * keys];
        let mut out = vec![0.0; rows * heads * hd];
        for h in 0..heads {
            let g = h / (heads / kv_heads);
            for t in 0..rows {
                let query = &q[(t * heads + h) * hd..][..hd];
                let key = |j: usize| &k[(j * kv_heads + g) * hd..][..hd];
                let scores: Vec<f32> = (0..=start + t)
                    .map(|j| {
                        query.iter().zip(key(j)).map(|(a, b)| a * b).sum::<f32>()
                            / (hd as f32).sqrt()
                    })
                    .collect();
                let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let exp: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
                let sum: f32 = exp.iter().sum();
                for (j, e) in exp.iter().enumerate() {
                    let p = e / sum;
                    probabilities[(h * rows + t) * keys + j] = p;
                    for d in 0..hd {
                        out[(t * heads + h) * hd + d] += p * v[(j * kv_heads + g) * hd + d];
                    }
                }
            }
        }
        (probabilities, out)
    }

    fn check(shape: Heads, rows: usize, start: usize) {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let positions = start + rows + 3; // spare cache rows the kernel must not read
        let kv_width = (shape.kv_heads * shape.head_dim) as usize;
        let q_width = (shape.heads * shape.head_dim) as usize;
        let q = rng.values(rows * q_width);
        // Larger keys give peaked, varied rows rather than near-uniform ones.
        let k: Vec<f32> = rng
            .values(positions * kv_width)
            .iter()
            .map(|v| 3.0 * v)
            .collect();
        let v = rng.values(positions * kv_width);
        let keys = start + rows;
        let (q_buffer, k_buffer, v_buffer) = (
            gpu.upload("q", &q),
            gpu.upload("k", &k),
            gpu.upload("v", &v),
        );
        let probabilities = testing::poisoned(gpu, shape.heads as usize * rows * keys);
        let out = testing::poisoned(gpu, rows * q_width);
        let batch = Batch::per_forward(gpu);
        let buffers = AttentionBuffers {
            q: &q_buffer,
            k_cache: &k_buffer,
            v_cache: &v_buffer,
            probabilities: &probabilities,
            out: &out,
        };
        let dispatch = attention(gpu, &batch, shape, buffers);
        testing::run(gpu, &batch, &[dispatch], rows as u32, start as u32);

        let (expected_p, expected_out) = reference(&q, &k, &v, shape, rows, start);
        let actual_p = testing::read_f32(gpu, &probabilities, expected_p.len());
        testing::assert_close(&actual_p, &expected_p, 1e-5, "probabilities");
        // Future keys get exactly zero, not merely a small number.
        for h in 0..shape.heads as usize {
            for t in 0..rows {
                let row = &actual_p[(h * rows + t) * keys..][..keys];
                assert!(
                    row[start + t + 1..].iter().all(|&p| p == 0.0),
                    "head {h} row {t} sees the future"
                );
            }
        }
        let actual_out = testing::read_f32(gpu, &out, expected_out.len());
        testing::assert_close(&actual_out, &expected_out, 1e-5, "out");
    }

    #[test]
    fn prompt_attention_is_causal_and_grouped() {
        // 6 query heads share 2 key/value heads; 70 keys span two 64-thread passes.
        let shape = Heads {
            heads: 6,
            kv_heads: 2,
            head_dim: 10,
        };
        check(shape, 70, 0);
    }

    #[test]
    fn decoding_attends_over_the_whole_cache() {
        let shape = Heads {
            heads: 4,
            kv_heads: 4,
            head_dim: 66,
        };
        check(shape, 1, 80);
    }

    #[test]
    fn a_prompt_continued_from_a_filled_cache_is_causal() {
        let shape = Heads {
            heads: 3,
            kv_heads: 1,
            head_dim: 8,
        };
        check(shape, 5, 7);
    }
}
