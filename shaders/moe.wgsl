// moe.wgsl: mixture-of-experts routing and mixing, as Mixtral does it. Two entry points:
//
// `route`: router logits → softmax over all experts → the top_k most probable experts (ties
//   to the lower index) → their probabilities renormalised to sum to one (the gates).
// `mix`: x[t] += Σ_s gates[t, s] · expert_out[t · top_k + s], adding each token's chosen
//   experts' outputs to the residual stream.
// Between the two, the experts themselves run as matvec.wgsl over (token, slot) rows.
//
// Bindings (group 0), all row-major:
//   0 uniform      batch:         Batch { rows, start }   rows = tokens
//   1 uniform      params:        Params { experts, top_k, width }
//   route:
//   2 storage read logits:        (rows, experts) router logits
//   3 storage rw   probabilities: (rows, experts)
//   4 storage rw   chosen:        (rows, top_k) u32 expert indices, most probable first
//   5 storage rw   gates:         (rows, top_k)
//   mix:
//   2 storage read expert_out:    (rows · top_k, width)
//   3 storage read mix_gates:     (rows, top_k)
//   4 storage rw   x:             (rows, width)
// Dispatch, both: one thread per token (route) or per element of x (mix), 64 threads per
//   workgroup, ceil(rows / 64) or ceil(rows · width / 64) workgroups as a linear index
//   folded into (x, y).

struct Batch { rows: u32, start: u32, pad0: u32, pad1: u32 }
struct Params { experts: u32, top_k: u32, width: u32, pad0: u32 }

@group(0) @binding(0) var<uniform> batch: Batch;
@group(0) @binding(1) var<uniform> params: Params;

@group(0) @binding(2) var<storage, read> logits: array<f32>;
@group(0) @binding(3) var<storage, read_write> probabilities: array<f32>;
@group(0) @binding(4) var<storage, read_write> chosen: array<u32>;
@group(0) @binding(5) var<storage, read_write> gates: array<f32>;

@compute @workgroup_size(64)
fn route(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let token = (wid.x + wid.y * nwg.x) * 64u + lid;
    if (token >= batch.rows) {
        return;
    }
    let n = params.experts;
    let base = token * n;

    var m = logits[base];
    for (var e = 1u; e < n; e++) {
        m = max(m, logits[base + e]);
    }
    var total = 0.0;
    for (var e = 0u; e < n; e++) {
        let v = exp(logits[base + e] - m);
        probabilities[base + e] = v;
        total += v;
    }
    for (var e = 0u; e < n; e++) {
        probabilities[base + e] = probabilities[base + e] / total;
    }

    // Selection by rounds: each round takes the best expert ranked after the previous pick,
    // in the order (probability descending, index ascending).
    var kept = 0.0;
    var previous_p = 0.0;
    var previous_e = 0u;
    for (var s = 0u; s < params.top_k; s++) {
        var best_p = -1.0;
        var best_e = 0u;
        for (var e = 0u; e < n; e++) {
            let p = probabilities[base + e];
            let after_previous = s == 0u || p < previous_p || (p == previous_p && e > previous_e);
            if (after_previous && p > best_p) {
                best_p = p;
                best_e = e;
            }
        }
        chosen[token * params.top_k + s] = best_e;
        gates[token * params.top_k + s] = best_p;
        kept += best_p;
        previous_p = best_p;
        previous_e = best_e;
    }
    for (var s = 0u; s < params.top_k; s++) {
        gates[token * params.top_k + s] = gates[token * params.top_k + s] / kept;
    }
}

@group(0) @binding(2) var<storage, read> expert_out: array<f32>;
@group(0) @binding(3) var<storage, read> mix_gates: array<f32>;
@group(0) @binding(4) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(64)
fn mix(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let i = (wid.x + wid.y * nwg.x) * 64u + lid;
    let width = params.width;
    if (i >= batch.rows * width) {
        return;
    }
    let token = i / width;
    let column = i % width;
    var sum = 0.0;
    for (var s = 0u; s < params.top_k; s++) {
        let slot = token * params.top_k + s;
        sum += mix_gates[slot] * expert_out[slot * width + column];
    }
    x[i] += sum;
}
