//! The SwiGLU activation (`shaders/swiglu.wgsl`).

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};

/// WGSL: `Params` in swiglu.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    width: u32,
    rows_per_token: u32,
    padding: [u32; 2],
}

/// `h = silu(gate) · up` element-wise over (rows · rows_per_token, width).
pub(crate) fn swiglu(
    gpu: &Gpu,
    batch: &Batch,
    gate: &wgpu::Buffer,
    up: &wgpu::Buffer,
    h: &wgpu::Buffer,
    width: u32,
    rows_per_token: u32,
) -> Dispatch {
    let params = gpu.uniform(
        "swiglu params",
        &Params {
            width,
            rows_per_token,
            padding: [0; 2],
        },
    );
    gpu.kernels.swiglu.bind(
        gpu,
        batch,
        &[&params, gate, up, h],
        Workgroups::Elements {
            per_row: width * rows_per_token,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};

    #[test]
    fn swiglu_matches_silu_times_up() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, rows_per_token, width) = (3, 2, 45);
        let n = rows * rows_per_token * width;
        // Wide gates reach silu's saturated tails on both sides.
        let gate: Vec<f32> = rng.values(n).iter().map(|v| 20.0 * v).collect();
        let up = rng.values(n);
        let (g, u) = (gpu.upload("gate", &gate), gpu.upload("up", &up));
        let h = testing::poisoned(gpu, n);
        let batch = Batch::per_forward(gpu);
        let dispatch = swiglu(gpu, &batch, &g, &u, &h, width as u32, rows_per_token as u32);
        testing::run(gpu, &batch, &[dispatch], rows as u32, 0);
        let expected: Vec<f32> = gate
            .iter()
            .zip(&up)
            .map(|(g, u)| g / (1.0 + (-g).exp()) * u)
            .collect();
        testing::assert_close(&testing::read_f32(gpu, &h, n), &expected, 1e-5, "h");
    }
}
