// matvec.wgsl: matrix-vector products for decoding, y[r, :] (+)= W · x[r, :], with W stored
// [out, in] row-major as PyTorch's nn.Linear holds it. Each y row is one dot product per
// output; the kernel serves:
//   - a linear layer on the one new token (rows = 1),
//   - a linear layer on a few rows (the logit lens runs the LM head on one row per layer),
//   - the experts of a MoE layer: W holds several experts' matrices back to back and y row
//     r multiplies by expert chosen[r] (rows = tokens · top_k; gate/up read x row r / top_k,
//     down reads x row r).
// A weight too large for one storage binding is split by output rows over several buffers
// (crates/gpu/src/weights.rs); each buffer gets its own dispatch writing its columns
// out_offset .. out_offset + out_rows of y.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:  Batch { rows, start }
//   1 uniform      params: Params (below)
//   2 storage read w:      (out_rows, in_width), or (experts, out_rows, in_width)
//   3 storage read x:      (rows · rows_per_token / x_row_divisor, in_width)
//   4 storage rw   y:      (rows · rows_per_token, out_width); with rows_at_position = 1, y is a
//                          KV cache (max_positions, out_width) and row r lands at start + r
//   5 storage read chosen: (rows · rows_per_token) u32 expert per y row; ignored when experts = 0
// Dispatch: one workgroup of 64 threads per 8 consecutive outputs of one y row, 8 threads
//   per dot product, each reading every 8th element so the 8 read 32 contiguous bytes
//   together: ceil(out_rows / 8) · rows · rows_per_token workgroups as a linear index folded
//   into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params {
    in_width: u32,
    out_rows: u32,
    out_width: u32,
    out_offset: u32,
    rows_per_token: u32,
    x_row_divisor: u32,
    accumulate: u32,
    rows_at_position: u32,
    experts: u32,
    first_expert: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read> x: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
@group(0) @binding(5) var<storage, read> chosen: array<u32>;

const OUTPUTS: u32 = 8u; // per workgroup
const LANES: u32 = 8u;   // threads per output

var<workgroup> partial: array<f32, 64>;
var<workgroup> expert_of_row: u32;

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let wg = wid.x + wid.y * nwg.x;
    let groups = (params.out_rows + OUTPUTS - 1u) / OUTPUTS;
    let row = wg / groups;
    if (row >= batch.rows * params.rows_per_token) {
        return;
    }
    let out = (wg % groups) * OUTPUTS + lid / LANES;
    let lane = lid % LANES;

    var matrix = 0u;
    if (params.experts > 0u) {
        if (lid == 0u) {
            expert_of_row = chosen[row];
        }
        // A uniform load, so the whole workgroup takes the same branch below.
        let expert = workgroupUniformLoad(&expert_of_row);
        if (expert - params.first_expert >= params.experts) {
            return; // this row's expert lives in another buffer
        }
        matrix = expert - params.first_expert;
    }

    // Threads past the last output still take part in the reduction's barriers.
    var sum = 0.0;
    if (out < params.out_rows) {
        let in_width = params.in_width;
        let w_base = (matrix * params.out_rows + out) * in_width;
        let x_base = (row / params.x_row_divisor) * in_width;
        for (var i = lane; i < in_width; i += LANES) {
            sum += w[w_base + i] * x[x_base + i];
        }
    }
    partial[lid] = sum;
    workgroupBarrier();
    for (var stride = LANES / 2u; stride > 0u; stride >>= 1u) {
        if (lane < stride) {
            partial[lid] += partial[lid + stride];
        }
        workgroupBarrier();
    }

    if (lane == 0u && out < params.out_rows) {
        let y_row = row + batch.start * params.rows_at_position;
        let index = y_row * params.out_width + params.out_offset + out;
        if (params.accumulate == 1u) {
            y[index] += partial[lid];
        } else {
            y[index] = partial[lid];
        }
    }
}
