// attention.wgsl: causal grouped-query attention of the new rows over a preallocated KV
// cache, keeping the probabilities for the trace.
//
// Query row t sits at position p = start + t and attends to keys 0 ..= p; query head h reads
// key/value head h / (heads / kv_heads), so a group of query heads shares one cache entry.
//   probabilities[h, t, j] = softmax_j(q[t, h] · k[j, g] · scale), exactly 0 for j > p
//   out[t, h]              = Σ_j probabilities[h, t, j] · v[j, g]
// The probabilities are written compactly as (heads, rows, keys) with keys = start + rows,
// the layout of the trace's attention matrix, so they are copied to the host as they are.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:         Batch { rows, start }
//   1 uniform      params:        Params { heads, kv_heads, head_dim, scale }
//   2 storage read q:             (rows, heads, head_dim), already rotated
//   3 storage read k_cache:       (max_positions, kv_heads, head_dim), rows 0 .. start + rows filled
//   4 storage read v_cache:       (max_positions, kv_heads, head_dim)
//   5 storage rw   probabilities: (heads, rows, start + rows)
//   6 storage rw   out:           (rows, heads, head_dim)
// Dispatch: one workgroup of 64 threads per (query row, head): rows · heads workgroups as a
//   linear index folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { heads: u32, kv_heads: u32, head_dim: u32, scale: f32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> q: array<f32>;
@group(0) @binding(3) var<storage, read> k_cache: array<f32>;
@group(0) @binding(4) var<storage, read> v_cache: array<f32>;
@group(0) @binding(5) var<storage, read_write> probabilities: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

var<workgroup> partial: array<f32, 64>;

fn reduce_max(lid: u32, value: f32) -> f32 {
    partial[lid] = value;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride >>= 1u) {
        if (lid < stride) {
            partial[lid] = max(partial[lid], partial[lid + stride]);
        }
        workgroupBarrier();
    }
    let result = partial[0];
    workgroupBarrier(); // partial is reused by the next reduction
    return result;
}

fn reduce_sum(lid: u32, value: f32) -> f32 {
    partial[lid] = value;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride >>= 1u) {
        if (lid < stride) {
            partial[lid] += partial[lid + stride];
        }
        workgroupBarrier();
    }
    let result = partial[0];
    workgroupBarrier();
    return result;
}

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let wg = wid.x + wid.y * nwg.x;
    let head = wg % params.heads;
    let row = wg / params.heads;
    if (row >= batch.rows) {
        return;
    }
    let head_dim = params.head_dim;
    let kv_head = head / (params.heads / params.kv_heads);
    let kv_width = params.kv_heads * head_dim;
    let keys = batch.start + batch.rows;
    let position = batch.start + row;
    let q_base = (row * params.heads + head) * head_dim;
    let p_base = (head * batch.rows + row) * keys;

    // Scores, kept in the probability row until they are normalised.
    var row_max = -3.4028235e38;
    for (var j = lid; j <= position; j += 64u) {
        let k_base = j * kv_width + kv_head * head_dim;
        var dot = 0.0;
        for (var d = 0u; d < head_dim; d++) {
            dot += q[q_base + d] * k_cache[k_base + d];
        }
        let score = dot * params.scale;
        probabilities[p_base + j] = score;
        row_max = max(row_max, score);
    }
    for (var j = position + 1u + lid; j < keys; j += 64u) {
        probabilities[p_base + j] = 0.0;
    }
    let m = reduce_max(lid, row_max);

    // Each thread rereads only the entries it wrote itself, so no barrier is needed yet.
    var row_sum = 0.0;
    for (var j = lid; j <= position; j += 64u) {
        let e = exp(probabilities[p_base + j] - m);
        probabilities[p_base + j] = e;
        row_sum += e;
    }
    let total = reduce_sum(lid, row_sum);
    for (var j = lid; j <= position; j += 64u) {
        probabilities[p_base + j] = probabilities[p_base + j] / total;
    }
    // The weighted sum below reads every thread's probabilities.
    storageBarrier();

    for (var d = lid; d < head_dim; d += 64u) {
        var acc = 0.0;
        for (var j = 0u; j <= position; j++) {
            acc += probabilities[p_base + j] * v_cache[j * kv_width + kv_head * head_dim + d];
        }
        out[q_base + d] = acc;
    }
}
