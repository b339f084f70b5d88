//! RMSNorm (`shaders/rms_norm.wgsl`).

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};

/// WGSL: `Params` in rms_norm.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    width: u32,
    last_row_only: u32,
    out_row: u32,
    eps: f32,
}

/// Which rows a norm reads and writes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NormRows {
    /// Every row of the batch, in place of the same row of the output.
    All,
    /// Only the batch's last row, into this row of the output.
    LastInto(u32),
}

/// `y = x / sqrt(mean(x²) + eps) · weight` row by row; x and y (rows, width), weight (width).
#[allow(clippy::too_many_arguments)]
pub(crate) fn rms_norm(
    gpu: &Gpu,
    batch: &Batch,
    x: &wgpu::Buffer,
    weight: &wgpu::Buffer,
    y: &wgpu::Buffer,
    width: u32,
    eps: f32,
    rows: NormRows,
) -> Dispatch {
    let (last_row_only, out_row, workgroups) = match rows {
        NormRows::All => (0, 0, Workgroups::PerRow(1)),
        NormRows::LastInto(row) => (1, row, Workgroups::Fixed(1)),
    };
    let params = gpu.uniform(
        "rms_norm params",
        &Params {
            width,
            last_row_only,
            out_row,
            eps,
        },
    );
    gpu.kernels
        .rms_norm
        .bind(gpu, batch, &[&params, x, weight, y], workgroups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};

    fn reference(x: &[f32], weight: &[f32], eps: f32) -> Vec<f32> {
        let width = weight.len();
        x.chunks(width)
            .flat_map(|row| {
                let mean_square = row.iter().map(|v| v * v).sum::<f32>() / width as f32;
                let rms = (mean_square + eps).sqrt();
                row.iter().zip(weight).map(move |(v, w)| v / rms * w)
            })
            .collect()
    }

    #[test]
    fn rms_norm_matches_a_loop_on_every_row() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, width, eps) = (3, 150, 1e-5);
        let x = rng.values(rows * width);
        let weight = rng.values(width);
        let (x_buffer, w_buffer) = (gpu.upload("x", &x), gpu.upload("w", &weight));
        let y = testing::poisoned(gpu, rows * width);
        let batch = Batch::per_forward(gpu);
        let norm = rms_norm(
            gpu,
            &batch,
            &x_buffer,
            &w_buffer,
            &y,
            width as u32,
            eps,
            NormRows::All,
        );
        testing::run(gpu, &batch, &[norm], rows as u32, 0);
        let actual = testing::read_f32(gpu, &y, rows * width);
        testing::assert_close(&actual, &reference(&x, &weight, eps), 1e-5, "y");
    }

    #[test]
    fn rms_norm_of_the_last_row_lands_in_the_requested_row() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, width, eps) = (4, 33, 1e-6);
        let x = rng.values(rows * width);
        let weight = rng.values(width);
        let (x_buffer, w_buffer) = (gpu.upload("x", &x), gpu.upload("w", &weight));
        let y = testing::poisoned(gpu, 3 * width);
        let batch = Batch::per_forward(gpu);
        let norm = rms_norm(
            gpu,
            &batch,
            &x_buffer,
            &w_buffer,
            &y,
            width as u32,
            eps,
            NormRows::LastInto(2),
        );
        testing::run(gpu, &batch, &[norm], rows as u32, 0);
        let actual = testing::read_f32(gpu, &y, 3 * width);
        assert!(
            actual[..2 * width].iter().all(|v| v.is_nan()),
            "rows 0 and 1 must stay untouched"
        );
        let expected = reference(&x[(rows - 1) * width..], &weight, eps);
        testing::assert_close(&actual[2 * width..], &expected, 1e-5, "y row 2");
    }
}
