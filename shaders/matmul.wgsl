// matmul.wgsl: tiled matrix product for the prompt, Y (+)= X · Wᵀ, with W stored [out, in]
// row-major as PyTorch's nn.Linear holds it. Each workgroup computes a 64 × 64 tile of Y,
// staging 64 × 16 slices of X and W in workgroup memory so every loaded value is used 64
// times; each of its 256 threads accumulates a 4 × 4 block of the tile in registers.
// A weight split by output rows over several buffers (crates/gpu/src/weights.rs) gets one
// dispatch per buffer, writing its columns out_offset .. out_offset + out_rows of Y.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:  Batch { rows, start }   X and Y have `rows` rows
//   1 uniform      params: Params { in_width, out_rows, out_width, out_offset, accumulate,
//                                   rows_at_position }
//   2 storage read w:      (out_rows, in_width)
//   3 storage read x:      (rows, in_width)
//   4 storage rw   y:      (rows, out_width); with rows_at_position = 1, y is a KV cache
//                          (max_positions, out_width) and row r lands at start + r
// Dispatch: one workgroup of 16 × 16 threads per 64 × 64 tile of Y:
//   ceil(out_rows / 64) · ceil(rows / 64) workgroups as a linear index folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params {
    in_width: u32,
    out_rows: u32,
    out_width: u32,
    out_offset: u32,
    accumulate: u32,
    rows_at_position: u32,
    pad0: u32,
    pad1: u32,
}

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read> x: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

const TILE: u32 = 64u;
const DEPTH: u32 = 16u;
var<workgroup> x_tile: array<f32, 1024>; // (TILE rows of X, DEPTH)
var<workgroup> w_tile: array<f32, 1024>; // (TILE rows of W, DEPTH)

@compute @workgroup_size(256)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let column_tiles = (params.out_rows + TILE - 1u) / TILE;
    let row_tiles = (batch.rows + TILE - 1u) / TILE;
    let wg = wid.x + wid.y * nwg.x;
    if (wg >= column_tiles * row_tiles) {
        return;
    }
    let first_column = (wg % column_tiles) * TILE;
    let first_row = (wg / column_tiles) * TILE;
    // Thread (tx, ty) owns rows ty + 16i and columns tx + 16j of the tile (i, j < 4).
    let tx = lid % 16u;
    let ty = lid / 16u;
    let in_width = params.in_width;

    var acc: array<f32, 16>;
    for (var k0 = 0u; k0 < in_width; k0 += DEPTH) {
        for (var q = 0u; q < 4u; q++) {
            let e = lid + 256u * q;
            let r = e / DEPTH;
            let k = k0 + e % DEPTH;
            let x_row = first_row + r;
            let w_row = first_column + r;
            var xv = 0.0;
            var wv = 0.0;
            if (x_row < batch.rows && k < in_width) {
                xv = x[x_row * in_width + k];
            }
            if (w_row < params.out_rows && k < in_width) {
                wv = w[w_row * in_width + k];
            }
            x_tile[e] = xv;
            w_tile[e] = wv;
        }
        workgroupBarrier();
        for (var k = 0u; k < DEPTH; k++) {
            var a: array<f32, 4>;
            var b: array<f32, 4>;
            for (var i = 0u; i < 4u; i++) {
                a[i] = x_tile[(ty + 16u * i) * DEPTH + k];
                b[i] = w_tile[(tx + 16u * i) * DEPTH + k];
            }
            for (var i = 0u; i < 4u; i++) {
                for (var j = 0u; j < 4u; j++) {
                    acc[i * 4u + j] += a[i] * b[j];
                }
            }
        }
        workgroupBarrier();
    }

    for (var i = 0u; i < 4u; i++) {
        let row = first_row + ty + 16u * i;
        if (row >= batch.rows) {
            continue;
        }
        let y_row = row + batch.start * params.rows_at_position;
        for (var j = 0u; j < 4u; j++) {
            let column = first_column + tx + 16u * j;
            if (column >= params.out_rows) {
                continue;
            }
            let index = y_row * params.out_width + params.out_offset + column;
            if (params.accumulate == 1u) {
                y[index] += acc[i * 4u + j];
            } else {
                y[index] = acc[i * 4u + j];
            }
        }
    }
}
