// logits.wgsl: what a row of logits says, computed where the logits are so only a few
// numbers travel back: the top_k tokens with their softmax probabilities, the entropy of
// the softmax in nats, and the log-normaliser (log Σ exp logits) from which any token's
// probability follows.
//   p_i = exp(l_i − m) / Z with m = max l, Z = Σ exp(l_i − m)
//   H   = −Σ p_i ln p_i = ln Z − Σ exp(l_i − m) · (l_i − m) / Z
// Top-k runs in top_k rounds; each round takes the best token ranked after the previous
// pick in the order (logit descending, id ascending), so ties go to the lower id exactly as
// the host's sampling orders them.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:         Batch { rows, start }
//   1 uniform      params:        Params { vocab, top_k }
//   2 storage read logits:        (rows, vocab)
//   3 storage rw   top_ids:       (rows, top_k) u32, most probable first
//   4 storage rw   top_probs:     (rows, top_k)
//   5 storage rw   summary:       (rows, 2): entropy, log-normaliser
// Dispatch: one workgroup of 64 threads per row: `rows` workgroups as a linear index folded
//   into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { vocab: u32, top_k: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read> logits: array<f32>;
@group(0) @binding(3) var<storage, read_write> top_ids: array<u32>;
@group(0) @binding(4) var<storage, read_write> top_probs: array<f32>;
@group(0) @binding(5) var<storage, read_write> summary: array<f32>;

var<workgroup> partial_value: array<f32, 64>;
var<workgroup> partial_id: array<u32, 64>;

const LOWEST: f32 = -3.4028235e38;

// Sum over the workgroup; every thread gets the result.
fn reduce_sum(lid: u32, value: f32) -> f32 {
    partial_value[lid] = value;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride >>= 1u) {
        if (lid < stride) {
            partial_value[lid] += partial_value[lid + stride];
        }
        workgroupBarrier();
    }
    let result = partial_value[0];
    workgroupBarrier();
    return result;
}

// The best (value, id) over the workgroup: larger value, then lower id.
fn reduce_best(lid: u32, value: f32, id: u32) -> vec2<u32> {
    partial_value[lid] = value;
    partial_id[lid] = id;
    workgroupBarrier();
    for (var stride = 32u; stride > 0u; stride >>= 1u) {
        if (lid < stride) {
            let v = partial_value[lid + stride];
            let i = partial_id[lid + stride];
            if (v > partial_value[lid] || (v == partial_value[lid] && i < partial_id[lid])) {
                partial_value[lid] = v;
                partial_id[lid] = i;
            }
        }
        workgroupBarrier();
    }
    let result = vec2<u32>(bitcast<u32>(partial_value[0]), partial_id[0]);
    workgroupBarrier();
    return result;
}

@compute @workgroup_size(64)
fn main(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let row = wid.x + wid.y * nwg.x;
    if (row >= batch.rows) {
        return;
    }
    let vocab = params.vocab;
    let base = row * vocab;

    // Round 0 of top-k is the maximum, which the softmax needs first.
    var best = LOWEST;
    var best_id = 0xffffffffu;
    for (var i = lid; i < vocab; i += 64u) {
        let l = logits[base + i];
        if (l > best) {
            best = l;
            best_id = i;
        }
    }
    let top = reduce_best(lid, best, best_id);
    let m = bitcast<f32>(top.x);

    var z_part = 0.0;
    var weighted_part = 0.0;
    for (var i = lid; i < vocab; i += 64u) {
        let shifted = logits[base + i] - m;
        let e = exp(shifted);
        z_part += e;
        weighted_part += e * shifted;
    }
    let z = reduce_sum(lid, z_part);
    let weighted = reduce_sum(lid, weighted_part);

    var previous = m;
    var previous_id = top.y;
    for (var s = 0u; s < params.top_k; s++) {
        if (s > 0u) {
            best = LOWEST;
            best_id = 0xffffffffu;
            for (var i = lid; i < vocab; i += 64u) {
                let l = logits[base + i];
                let after_previous = l < previous || (l == previous && i > previous_id);
                if (after_previous && (l > best || (l == best && i < best_id))) {
                    best = l;
                    best_id = i;
                }
            }
            let next = reduce_best(lid, best, best_id);
            previous = bitcast<f32>(next.x);
            previous_id = next.y;
        }
        if (lid == 0u) {
            top_ids[row * params.top_k + s] = previous_id;
            top_probs[row * params.top_k + s] = exp(previous - m) / z;
        }
    }
    if (lid == 0u) {
        summary[row * 2u] = log(z) - weighted / z;
        summary[row * 2u + 1u] = m + log(z);
    }
}
