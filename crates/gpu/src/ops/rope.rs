//! Rotary position embedding (`shaders/rope.wgsl`), in Hugging Face's rotate-half layout.

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};

/// WGSL: `Params` in rope.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    heads: u32,
    head_dim: u32,
    rows_at_position: u32,
    padding: u32,
}

/// Cosines and sines of every rotation angle, each (max_positions, head_dim / 2).
#[derive(Debug)]
pub(crate) struct RopeTable {
    cos: wgpu::Buffer,
    sin: wgpu::Buffer,
}

impl RopeTable {
    /// Angle p · theta^(-2i/head_dim) for pair i at position p, computed in f64 before
    /// the cast exactly as the candle reference computes it.
    pub fn new(gpu: &Gpu, head_dim: usize, max_positions: usize, theta: f64) -> Self {
        let (cos, sin) = angles(head_dim, max_positions, theta)
            .map(|a| (a.cos() as f32, a.sin() as f32))
            .unzip::<f32, f32, Vec<f32>, Vec<f32>>();
        Self {
            cos: gpu.upload("rope cos", &cos),
            sin: gpu.upload("rope sin", &sin),
        }
    }
}

fn angles(head_dim: usize, max_positions: usize, theta: f64) -> impl Iterator<Item = f64> {
    (0..max_positions).flat_map(move |position| {
        (0..head_dim / 2)
            .map(move |i| position as f64 * theta.powf(-2.0 * i as f64 / head_dim as f64))
    })
}

/// Where the rows of the rotated buffer live.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RopeRows {
    /// Row r of the buffer is the batch's row r (queries).
    Batch,
    /// The buffer is a KV cache indexed by position; rows start .. start + rows turn.
    Cache,
}

/// Rotates x (rows, heads, head_dim) in place, row r by the angles of position start + r.
pub(crate) fn rope(
    gpu: &Gpu,
    batch: &Batch,
    table: &RopeTable,
    x: &wgpu::Buffer,
    heads: u32,
    head_dim: u32,
    rows: RopeRows,
) -> Dispatch {
    let params = gpu.uniform(
        "rope params",
        &Params {
            heads,
            head_dim,
            rows_at_position: matches!(rows, RopeRows::Cache) as u32,
            padding: 0,
        },
    );
    gpu.kernels.rope.bind(
        gpu,
        batch,
        &[&params, &table.cos, &table.sin, x],
        Workgroups::Elements {
            per_row: heads * head_dim / 2,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};

    /// Rotate-half by the HF convention, from first principles.
    fn reference(x: &[f32], heads: usize, head_dim: usize, start: usize, theta: f64) -> Vec<f32> {
        let half = head_dim / 2;
        let mut out = x.to_vec();
        for (r, row) in x.chunks(heads * head_dim).enumerate() {
            for h in 0..heads {
                for i in 0..half {
                    let angle = (start + r) as f64 * theta.powf(-2.0 * i as f64 / head_dim as f64);
                    let (c, s) = (angle.cos() as f32, angle.sin() as f32);
                    let (a, b) = (row[h * head_dim + i], row[h * head_dim + i + half]);
                    let base = r * heads * head_dim + h * head_dim;
                    out[base + i] = a * c - b * s;
                    out[base + i + half] = b * c + a * s;
                }
            }
        }
        out
    }

    #[test]
    fn rope_rotates_query_rows_by_their_positions() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, heads, head_dim, start, theta) = (3, 5, 14, 4, 10_000.0);
        let x = rng.values(rows * heads * head_dim);
        let buffer = gpu.upload("q", &x);
        let table = RopeTable::new(gpu, head_dim, 16, theta);
        let batch = Batch::per_forward(gpu);
        let dispatch = rope(
            gpu,
            &batch,
            &table,
            &buffer,
            heads as u32,
            head_dim as u32,
            RopeRows::Batch,
        );
        testing::run(gpu, &batch, &[dispatch], rows as u32, start as u32);
        let actual = testing::read_f32(gpu, &buffer, x.len());
        testing::assert_close(
            &actual,
            &reference(&x, heads, head_dim, start, theta),
            1e-6,
            "q",
        );
    }

    #[test]
    fn rope_on_a_cache_turns_only_the_new_positions() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (positions, heads, head_dim, start, rows, theta) = (9, 2, 6, 5, 2, 500.0);
        let width = heads * head_dim;
        let cache = rng.values(positions * width);
        let buffer = gpu.upload("k cache", &cache);
        let table = RopeTable::new(gpu, head_dim, positions, theta);
        let batch = Batch::per_forward(gpu);
        let dispatch = rope(
            gpu,
            &batch,
            &table,
            &buffer,
            heads as u32,
            head_dim as u32,
            RopeRows::Cache,
        );
        testing::run(gpu, &batch, &[dispatch], rows as u32, start as u32);
        let actual = testing::read_f32(gpu, &buffer, cache.len());
        let new = start * width..(start + rows) * width;
        let mut expected = cache.clone();
        expected[new.clone()].copy_from_slice(&reference(
            &cache[new],
            heads,
            head_dim,
            start,
            theta,
        ));
        testing::assert_close(&actual, &expected, 1e-6, "k cache");
    }
}
