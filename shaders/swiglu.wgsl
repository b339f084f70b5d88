// swiglu.wgsl: the SwiGLU activation, h = silu(gate) · up, silu(g) = g / (1 + exp(−g)).
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:  Batch { rows, start }
//   1 uniform      params: Params { width, rows_per_token }   rows_per_token is top_k for
//                          the experts of a MoE layer (one row per token and expert), else 1
//   2 storage read gate:   (rows · rows_per_token, width)
//   3 storage read up:     (rows · rows_per_token, width)
//   4 storage rw   h:      (rows · rows_per_token, width)
// Dispatch: one thread per element, 64 threads per workgroup,
//   ceil(rows · rows_per_token · width / 64) workgroups as a linear index folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { width: u32, rows_per_token: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> gate: array<f32>;
@group(0) @binding(3) var<storage, read> up: array<f32>;
@group(0) @binding(4) var<storage, read_write> h: array<f32>;

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let i = (wid.x + wid.y * nwg.x) * 64u + lid;
    if (i >= batch.rows * params.rows_per_token * params.width) {
        return;
    }
    let g = gate[i];
    h[i] = g / (1.0 + exp(-g)) * up[i];
}
