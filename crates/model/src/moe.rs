//! Sparse mixture-of-experts feed-forward layer, as in Mixtral (Jiang et al., 2024): a
//! router scores every expert with a softmax, each token goes to its `top_k` best experts,
//! and their outputs are summed with the chosen probabilities renormalised to sum to one.

use candle_core::{Result, Tensor};

use crate::mlp::Mlp;
use crate::ops::{linear, softmax_last_dim};
use crate::trace::Routing;

#[derive(Debug, Clone)]
pub struct Moe {
    router: Tensor, // (n_experts, d)
    experts: Vec<Mlp>,
    top_k: usize,
}

impl Moe {
    pub fn new(router: Tensor, experts: Vec<Mlp>, top_k: usize) -> Self {
        Self {
            router,
            experts,
            top_k,
        }
    }

    /// (B, T, d) → (B, T, d); also returns the routing of every token when asked.
    pub fn forward(&self, x: &Tensor, keep_routing: bool) -> Result<(Tensor, Option<Routing>)> {
        let (b, t, d) = x.dims3()?;
        let n_experts = self.experts.len();
        let tokens = x.reshape((b * t, d))?; // (N, d)
        let probabilities = softmax_last_dim(&linear(&tokens, &self.router)?)?; // (N, E)

        // Choosing experts is a discrete decision with no gradient, so it is made on the
        // host; the gradient reaches the router through the gates below.
        let host = probabilities.to_vec2::<f32>()?;
        let chosen: Vec<Vec<u32>> = host.iter().map(|row| top_k(row, self.top_k)).collect();
        let mut mask = vec![0f32; b * t * n_experts];
        let mut rows_of_expert = vec![Vec::<u32>::new(); n_experts];
        for (token, experts) in chosen.iter().enumerate() {
            for &e in experts {
                mask[token * n_experts + e as usize] = 1.0;
                rows_of_expert[e as usize].push(token as u32);
            }
        }
        let mask = Tensor::from_vec(mask, (b * t, n_experts), x.device())?;
        let kept = (&probabilities * mask)?; // (N, E), zero off the chosen experts
        let gates = kept.broadcast_div(&kept.sum_keepdim(1)?)?; // (N, E), rows sum to 1

        let mut output = tokens.zeros_like()?; // (N, d)
        for (e, (expert, rows)) in self.experts.iter().zip(&rows_of_expert).enumerate() {
            if rows.is_empty() {
                continue;
            }
            let rows = Tensor::new(rows.as_slice(), x.device())?; // (n_e)
            let expert_out = expert.forward(&tokens.index_select(&rows, 0)?)?; // (n_e, d)
            let gate = gates.index_select(&rows, 0)?.narrow(1, e, 1)?; // (n_e, 1)
            output = output.index_add(&rows, &expert_out.broadcast_mul(&gate)?, 0)?;
        }

        let routing = keep_routing.then(|| {
            let gates = chosen
                .iter()
                .zip(&host)
                .flat_map(|(experts, row)| {
                    let sum: f32 = experts.iter().map(|&e| row[e as usize]).sum();
                    experts.iter().map(move |&e| row[e as usize] / sum)
                })
                .collect();
            Routing {
                tokens: (b * t) as u32,
                experts: n_experts as u32,
                top_k: self.top_k as u32,
                probabilities: host.concat(),
                chosen: chosen.concat(),
                gates,
            }
        });
        Ok((output.reshape((b, t, d))?, routing))
    }
}

/// Indices of the `k` largest values, largest first; ties go to the lower index.
fn top_k(values: &[f32], k: usize) -> Vec<u32> {
    let mut order: Vec<u32> = (0..values.len() as u32).collect();
    order.sort_by(|&a, &b| {
        values[b as usize]
            .total_cmp(&values[a as usize])
            .then(a.cmp(&b))
    });
    order.truncate(k);
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    fn random(shape: (usize, usize)) -> Tensor {
        Tensor::randn(0f32, 0.5, shape, &Device::Cpu).unwrap()
    }

    #[test]
    fn output_is_the_gate_weighted_sum_of_the_chosen_experts() {
        let (d, ff, n_experts) = (8, 16, 4);
        let experts = (0..n_experts)
            .map(|_| Mlp::new(random((ff, d)), random((ff, d)), random((d, ff))))
            .collect();
        let moe = Moe::new(random((n_experts, d)), experts, 2);
        let x = Tensor::randn(0f32, 1.0, (1, 3, d), &Device::Cpu).unwrap();
        let (output, routing) = moe.forward(&x, true).unwrap();
        let routing = routing.unwrap();
        for token in 0..3 {
            let row = x.narrow(1, token, 1).unwrap();
            let mut expected = row.zeros_like().unwrap();
            for k in 0..2 {
                let expert = routing.chosen[token * 2 + k] as usize;
                let gate = f64::from(routing.gates[token * 2 + k]);
                let y = moe.experts[expert].forward(&row).unwrap();
                expected = expected.add(&y.affine(gate, 0.0).unwrap()).unwrap();
            }
            let diff = output
                .narrow(1, token, 1)
                .unwrap()
                .sub(&expected)
                .unwrap()
                .abs()
                .unwrap()
                .max_all()
                .unwrap()
                .to_scalar::<f32>()
                .unwrap();
            assert!(diff < 1e-5, "{diff}");
        }
    }

    #[test]
    fn top_k_prefers_larger_then_lower_index() {
        assert_eq!(top_k(&[0.1, 0.4, 0.4, 0.1], 2), [1, 2]);
        assert_eq!(top_k(&[0.25; 4], 3), [0, 1, 2]);
    }
}
