//! Mixture-of-experts routing and mixing (`shaders/moe.wgsl`); the experts themselves run
//! through [`super::linear::experts`].

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};

/// WGSL: `Params` in moe.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    experts: u32,
    top_k: u32,
    width: u32,
    padding: u32,
}

/// The routing of one layer's tokens, each (rows, ·).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoutingBuffers<'a> {
    /// (rows, experts) softmax over every expert.
    pub probabilities: &'a wgpu::Buffer,
    /// (rows, top_k) u32, most probable first.
    pub chosen: &'a wgpu::Buffer,
    /// (rows, top_k), summing to one per row.
    pub gates: &'a wgpu::Buffer,
}

/// Router logits (rows, experts) → softmax, top_k experts, renormalised gates.
pub(crate) fn route(
    gpu: &Gpu,
    batch: &Batch,
    logits: &wgpu::Buffer,
    routing: RoutingBuffers<'_>,
    experts: u32,
    top_k: u32,
) -> Dispatch {
    let params = gpu.uniform(
        "route params",
        &Params {
            experts,
            top_k,
            width: 0,
            padding: 0,
        },
    );
    gpu.kernels.route.bind(
        gpu,
        batch,
        &[
            &params,
            logits,
            routing.probabilities,
            routing.chosen,
            routing.gates,
        ],
        Workgroups::Elements { per_row: 1 },
    )
}

/// `x[t] += Σ_s gates[t, s] · expert_out[t · top_k + s]`; x (rows, width).
pub(crate) fn mix(
    gpu: &Gpu,
    batch: &Batch,
    expert_out: &wgpu::Buffer,
    gates: &wgpu::Buffer,
    x: &wgpu::Buffer,
    width: u32,
    top_k: u32,
) -> Dispatch {
    let params = gpu.uniform(
        "mix params",
        &Params {
            experts: 0,
            top_k,
            width,
            padding: 0,
        },
    );
    gpu.kernels.mix.bind(
        gpu,
        batch,
        &[&params, expert_out, gates, x],
        Workgroups::Elements { per_row: width },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};

    #[test]
    fn routing_picks_the_top_k_experts_with_renormalised_gates() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, experts, top_k) = (70, 7, 3);
        let mut logits: Vec<f32> = rng.values(rows * experts).iter().map(|v| 4.0 * v).collect();
        // A tie on the last row: the lower index must win, as the host's top-k orders it.
        logits[(rows - 1) * experts..].copy_from_slice(&[0.5, 2.0, 2.0, 0.1, 2.0, -1.0, 0.0]);
        let logits_buffer = gpu.upload("logits", &logits);
        let probabilities = testing::poisoned(gpu, rows * experts);
        let chosen = gpu.upload("chosen", &vec![u32::MAX; rows * top_k]);
        let gates = testing::poisoned(gpu, rows * top_k);
        let batch = Batch::per_forward(gpu);
        let routing = RoutingBuffers {
            probabilities: &probabilities,
            chosen: &chosen,
            gates: &gates,
        };
        let dispatch = route(
            gpu,
            &batch,
            &logits_buffer,
            routing,
            experts as u32,
            top_k as u32,
        );
        testing::run(gpu, &batch, &[dispatch], rows as u32, 0);

        let actual_p = testing::read_f32(gpu, &probabilities, rows * experts);
        let actual_chosen = testing::read_u32(gpu, &chosen, rows * top_k);
        let actual_gates = testing::read_f32(gpu, &gates, rows * top_k);
        for t in 0..rows {
            let row = &logits[t * experts..][..experts];
            let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let exp: Vec<f32> = row.iter().map(|l| (l - max).exp()).collect();
            let sum: f32 = exp.iter().sum();
            let p: Vec<f32> = exp.iter().map(|e| e / sum).collect();
            testing::assert_close(
                &actual_p[t * experts..][..experts],
                &p,
                1e-6,
                &format!("p row {t}"),
            );
            let mut order: Vec<u32> = (0..experts as u32).collect();
            order.sort_by(|&a, &b| p[b as usize].total_cmp(&p[a as usize]).then(a.cmp(&b)));
            order.truncate(top_k);
            assert_eq!(
                &actual_chosen[t * top_k..][..top_k],
                order.as_slice(),
                "row {t}"
            );
            let kept: f32 = order.iter().map(|&e| p[e as usize]).sum();
            let gates: Vec<f32> = order.iter().map(|&e| p[e as usize] / kept).collect();
            testing::assert_close(
                &actual_gates[t * top_k..][..top_k],
                &gates,
                1e-6,
                &format!("gates row {t}"),
            );
        }
        assert_eq!(&actual_chosen[(rows - 1) * top_k..], [1, 2, 4]);
    }

    #[test]
    fn mixing_adds_the_gated_expert_outputs_to_the_residual() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (rows, width, top_k) = (3, 67, 2);
        let residual = rng.values(rows * width);
        let expert_out = rng.values(rows * top_k * width);
        let gates = rng.values(rows * top_k);
        let x = gpu.upload("x", &residual);
        let (out_buffer, gates_buffer) = (
            gpu.upload("expert out", &expert_out),
            gpu.upload("gates", &gates),
        );
        let batch = Batch::per_forward(gpu);
        let dispatch = mix(
            gpu,
            &batch,
            &out_buffer,
            &gates_buffer,
            &x,
            width as u32,
            top_k as u32,
        );
        testing::run(gpu, &batch, &[dispatch], rows as u32, 0);
        let expected: Vec<f32> = (0..rows * width)
            .map(|i| {
                let (t, c) = (i / width, i % width);
                let mixed: f32 = (0..top_k)
                    .map(|s| gates[t * top_k + s] * expert_out[(t * top_k + s) * width + c])
                    .sum();
                residual[i] + mixed
            })
            .collect();
        testing::assert_close(
            &testing::read_f32(gpu, &x, rows * width),
            &expected,
            1e-6,
            "x",
        );
    }
}
