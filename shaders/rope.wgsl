// rope.wgsl: rotary position embedding, in place, in Hugging Face's rotate-half layout:
// dimension i of a head is paired with dimension i + head_dim/2, and the pair at position p
// turns by the angle p · theta^(-2i/head_dim):
//   x[i]        ← x[i] · cos − x[i + half] · sin
//   x[i + half] ← x[i + half] · cos + x[i] · sin
// The angles' cosines and sines are computed on the host in f64 (as the candle reference
// does) and uploaded once, so both engines rotate by exactly the same numbers.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:  Batch { rows, start }   row r holds the token at position start + r
//   1 uniform      params: Params { heads, head_dim, rows_at_position }
//   2 storage read cos:    (max_positions, head_dim / 2)
//   3 storage read sin:    (max_positions, head_dim / 2)
//   4 storage rw   x:      (rows, heads, head_dim) queries; with rows_at_position = 1 the
//                          rows are positions of a KV cache (max_positions, heads, head_dim)
//                          and rows start .. start + rows are rotated
// Dispatch: one thread per rotated pair, 64 threads per workgroup,
//   ceil(rows · heads · head_dim/2 / 64) workgroups as a linear index folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { heads: u32, head_dim: u32, rows_at_position: u32, pad0: u32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> cos_table: array<f32>;
@group(0) @binding(3) var<storage, read> sin_table: array<f32>;
@group(0) @binding(4) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let half = params.head_dim / 2u;
    let pairs_per_row = params.heads * half;
    let pair = (wid.x + wid.y * nwg.x) * 64u + lid;
    if (pair >= batch.rows * pairs_per_row) {
        return;
    }
    let row = pair / pairs_per_row;
    let head = (pair % pairs_per_row) / half;
    let i = pair % half;
    let position = batch.start + row;
    let stored_row = row + batch.start * params.rows_at_position;

    let base = (stored_row * params.heads + head) * params.head_dim;
    let c = cos_table[position * half + i];
    let s = sin_table[position * half + i];
    let a = x[base + i];
    let b = x[base + i + half];
    x[base + i] = a * c - b * s;
    x[base + i + half] = b * c + a * s;
}
