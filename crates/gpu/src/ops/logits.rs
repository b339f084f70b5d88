//! What a row of logits says, computed on the GPU (`shaders/logits.wgsl`): the top-k
//! tokens and their probabilities, the entropy, and the log-normaliser.

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};

/// WGSL: `Params` in logits.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    vocab: u32,
    top_k: u32,
    padding: [u32; 2],
}

/// Where the summary of each row goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SummaryBuffers<'a> {
    /// (rows, top_k) u32 token ids, most probable first.
    pub top_ids: &'a wgpu::Buffer,
    /// (rows, top_k) softmax probabilities.
    pub top_probs: &'a wgpu::Buffer,
    /// (rows, 2): entropy in nats, log Σ exp logits.
    pub summary: &'a wgpu::Buffer,
}

/// Summarises logits (rows, vocab) row by row.
pub(crate) fn summarise(
    gpu: &Gpu,
    batch: &Batch,
    logits: &wgpu::Buffer,
    out: SummaryBuffers<'_>,
    vocab: u32,
    top_k: u32,
) -> Dispatch {
    let params = gpu.uniform(
        "logits params",
        &Params {
            vocab,
            top_k,
            padding: [0; 2],
        },
    );
    gpu.kernels.logits.bind(
        gpu,
        batch,
        &[&params, logits, out.top_ids, out.top_probs, out.summary],
        Workgroups::PerRow(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};

    #[test]
    fn summary_gives_top_k_probabilities_entropy_and_normaliser() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, vocab, top_k) = (3, 1000, 5);
        let mut logits: Vec<f32> = rng.values(rows * vocab).iter().map(|v| 8.0 * v).collect();
        // Ties in the middle row: equal logits are ranked by the lower id.
        for id in [700, 3, 450] {
            logits[vocab + id] = 9.0;
        }
        let logits_buffer = gpu.upload("logits", &logits);
        let top_ids = gpu.upload("top ids", &vec![u32::MAX; rows * top_k]);
        let top_probs = testing::poisoned(gpu, rows * top_k);
        let summary = testing::poisoned(gpu, rows * 2);
        let batch = Batch::per_forward(gpu);
        let out = SummaryBuffers {
            top_ids: &top_ids,
            top_probs: &top_probs,
            summary: &summary,
        };
        let dispatch = summarise(gpu, &batch, &logits_buffer, out, vocab as u32, top_k as u32);
        testing::run(gpu, &batch, &[dispatch], rows as u32, 0);

        let ids = testing::read_u32(gpu, &top_ids, rows * top_k);
        let probs = testing::read_f32(gpu, &top_probs, rows * top_k);
        let summary = testing::read_f32(gpu, &summary, rows * 2);
        for r in 0..rows {
            let row = &logits[r * vocab..][..vocab];
            let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max) as f64;
            let z: f64 = row.iter().map(|&l| (l as f64 - max).exp()).sum();
            let p: Vec<f64> = row.iter().map(|&l| (l as f64 - max).exp() / z).collect();
            let entropy: f64 = -p.iter().map(|p| p * p.ln()).sum::<f64>();
            let mut order: Vec<u32> = (0..vocab as u32).collect();
            order.sort_by(|&a, &b| row[b as usize].total_cmp(&row[a as usize]).then(a.cmp(&b)));
            assert_eq!(&ids[r * top_k..][..top_k], &order[..top_k], "row {r}");
            let expected: Vec<f32> = order[..top_k]
                .iter()
                .map(|&t| p[t as usize] as f32)
                .collect();
            testing::assert_close(
                &probs[r * top_k..][..top_k],
                &expected,
                1e-5,
                &format!("probs row {r}"),
            );
            let expected_summary = [entropy as f32, (max + z.ln()) as f32];
            testing::assert_close(
                &summary[r * 2..][..2],
                &expected_summary,
                1e-5,
                &format!("summary row {r}"),
            );
        }
        assert_eq!(&ids[top_k..top_k + 3], [3, 450, 700]);
    }
}
