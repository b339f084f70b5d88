// rms_norm.wgsl: RMSNorm over each row, y = x / sqrt(mean(x²) + eps) · weight.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:  Batch { rows, start }
//   1 uniform      params: Params { width, last_row_only, out_row, eps }
//   2 storage read x:      (rows, width)
//   3 storage read weight: (width)
//   4 storage rw   y:      (rows, width); with last_row_only, only row out_row of y is
//                          written, from the last row of x (the final norm before the LM
//                          head, and the logit lens's snapshot of each layer)
// Dispatch: one workgroup of 64 threads per row: `rows` workgroups, or 1 with
//   last_row_only, as a linear index folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { width: u32, last_row_only: u32, out_row: u32, eps: f32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read> weight: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let wg = wid.x + wid.y * nwg.x;
    var in_row = wg;
    var out_row = wg;
    if (params.last_row_only == 1u) {
        if (wg > 0u) {
            return;
        }
        in_row = batch.rows - 1u;
        out_row = params.out_row;
    } else if (wg >= batch.rows) {
        return;
    }
    let width = params.width;
    let x_base = in_row * width;

    var sum = 0.0;
    for (var c = lid; c < width; c += 64u) {
        let v = x[x_base + c];
        sum += v * v;
    }
    partial[lid] = sum;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride >>= 1u) {
        if (lid < stride) {
            partial[lid] += partial[lid + stride];
        }
        workgroupBarrier();
    }
    let rms = sqrt(partial[0] / f32(width) + params.eps);

    let y_base = out_row * width;
    for (var c = lid; c < width; c += 64u) {
        y[y_base + c] = x[x_base + c] / rms * weight[c];
    }
}
