// embedding.wgsl: token embedding gather, x[r, :] = table[ids[r], :].
//
// The table may be split by token rows over several buffers (see crates/gpu/src/weights.rs);
// one dispatch per buffer writes the rows whose id falls in that buffer's range.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:  Batch { rows, start }         token rows in this forward
//   1 uniform      params: Params { width, first_token, tokens }
//   2 storage read ids:    (rows) u32 token ids
//   3 storage read table:  (tokens, width) rows first_token .. first_token + tokens of the table
//   4 storage rw   x:      (rows, width)
// Dispatch: one thread per element of x, 64 threads per workgroup,
//   ceil(rows · width / 64) workgroups as a linear index folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { width: u32, first_token: u32, tokens: u32, pad0: u32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> ids: array<u32>;
@group(0) @binding(3) var<storage, read> table: array<f32>;
@group(0) @binding(4) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let i = (wid.x + wid.y * nwg.x) * 64u + lid;
    if (i >= batch.rows * params.width) {
        return;
    }
    let row = i / params.width;
    let column = i % params.width;
    let id = ids[row];
    // Unsigned wrap-around makes ids below first_token fail this test too.
    if (id - params.first_token < params.tokens) {
        x[i] = table[(id - params.first_token) * params.width + column];
    }
}
