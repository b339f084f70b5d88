//! The decoder-only transformer: Llama (Touvron et al., 2023) and, with experts, Mixtral.
//! Follows `transformers`' `modeling_llama.py` / `modeling_mixtral.py`, so weights move
//! between the two unchanged.
//!
//! One forward serves training (autograd through the parameters) and inference (KV
//! cache, introspection): `x = x + attention(norm(x)); x = x + feed_forward(norm(x))`.

use candle_core::{D, Device, Tensor};

use crate::attention::Attention;
use crate::config::ModelConfig;
use crate::error::{Error, Result};
use crate::kv_cache::KvCache;
use crate::layout;
use crate::mlp::Mlp;
use crate::moe::Moe;
use crate::norm::RmsNorm;
use crate::ops::linear;
use crate::rope::Rope;
use crate::trace::{Probes, Routing};
use crate::weights::Weights;

#[derive(Debug, Clone)]
enum FeedForward {
    Dense(Mlp),
    Sparse(Moe),
}

#[derive(Debug, Clone)]
struct Block {
    input_layernorm: RmsNorm,
    attention: Attention,
    post_attention_layernorm: RmsNorm,
    feed_forward: FeedForward,
}

/// The model's internals from one forward pass, recorded as [`Probes`] asked.
#[derive(Debug, Default)]
pub struct Internals {
    /// Per layer, attention probabilities (B, n_heads, T, S).
    pub attention: Vec<Tensor>,
    /// Per MoE layer, the routing of all B · T tokens.
    pub routing: Vec<Routing>,
    /// Per layer, the residual stream after that layer (B, T, d).
    pub residuals: Vec<Tensor>,
}

#[derive(Debug, Clone)]
pub struct Transformer {
    config: ModelConfig,
    embed_tokens: Tensor, // (vocab, d)
    blocks: Vec<Block>,
    norm: RmsNorm,
    lm_head: Tensor, // (vocab, d); the embedding table itself when tied
    rope: Rope,
}

impl Transformer {
    /// A model that shares `weights`' parameters: gradients reach them, and optimiser
    /// updates are seen by the next forward. For training.
    pub fn new(config: &ModelConfig, weights: &Weights) -> Result<Self> {
        Self::build(config, weights, |_, t| Ok(t.clone()))
    }

    /// A model with its own copy of the parameters, outside autograd: later updates to
    /// `weights` do not reach it, and forwards record no graph. For inference.
    pub fn frozen(config: &ModelConfig, weights: &Weights) -> Result<Self> {
        Self::build(config, weights, |_, t| Ok(t.detach().copy()?))
    }

    /// A model whose parameter `name` is `adapt(name, tensor)`: for fine-tuning methods
    /// that train something other than the weights themselves, such as LoRA's low-rank
    /// updates added to frozen matrices.
    pub fn adapted(
        config: &ModelConfig,
        weights: &Weights,
        adapt: impl Fn(&str, &Tensor) -> Result<Tensor>,
    ) -> Result<Self> {
        Self::build(config, weights, adapt)
    }

    fn build(
        config: &ModelConfig,
        weights: &Weights,
        take: impl Fn(&str, &Tensor) -> Result<Tensor>,
    ) -> Result<Self> {
        config.validate()?;
        weights.check(config)?;
        let get = |name: &str| take(name, weights.tensor(name)?);
        let norm = |name: &str| Ok::<_, Error>(RmsNorm::new(get(name)?, config.rms_norm_eps));
        let blocks = (0..config.num_hidden_layers)
            .map(|layer| {
                let attention = Attention::new(
                    [
                        get(&layout::attention_projection(layer, "q"))?,
                        get(&layout::attention_projection(layer, "k"))?,
                        get(&layout::attention_projection(layer, "v"))?,
                        get(&layout::attention_projection(layer, "o"))?,
                    ],
                    config.num_attention_heads,
                    config.num_kv_heads(),
                    config.head_dim(),
                );
                let feed_forward = match config.moe() {
                    None => FeedForward::Dense(Mlp::new(
                        get(&layout::mlp_projection(layer, "gate"))?,
                        get(&layout::mlp_projection(layer, "up"))?,
                        get(&layout::mlp_projection(layer, "down"))?,
                    )),
                    Some(moe) => {
                        let experts = (0..moe.experts)
                            .map(|e| {
                                Ok(Mlp::new(
                                    get(&layout::expert_projection(layer, e, "w1"))?,
                                    get(&layout::expert_projection(layer, e, "w3"))?,
                                    get(&layout::expert_projection(layer, e, "w2"))?,
                                ))
                            })
                            .collect::<Result<_>>()?;
                        FeedForward::Sparse(Moe::new(
                            get(&layout::router(layer))?,
                            experts,
                            moe.top_k,
                        ))
                    }
                };
                Ok(Block {
                    input_layernorm: norm(&layout::input_layernorm(layer))?,
                    attention,
                    post_attention_layernorm: norm(&layout::post_attention_layernorm(layer))?,
                    feed_forward,
                })
            })
            .collect::<Result<_>>()?;
        let embed_tokens = get(layout::EMBED_TOKENS)?;
        let lm_head = if config.tie_word_embeddings {
            embed_tokens.clone()
        } else {
            get(layout::LM_HEAD)?
        };
        let rope = Rope::new(
            config.head_dim(),
            config.max_position_embeddings,
            config.rope_theta,
            embed_tokens.device(),
        )?;
        Ok(Self {
            config: config.clone(),
            embed_tokens,
            blocks,
            norm: norm(layout::FINAL_NORM)?,
            lm_head,
            rope,
        })
    }

    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    pub fn device(&self) -> &Device {
        self.embed_tokens.device()
    }

    /// An empty cache for [`Self::forward_cached`].
    pub fn new_cache(&self) -> KvCache {
        KvCache::new(self.config.num_hidden_layers)
    }

    /// Logits (B, T, vocab) for token ids (B, T), every position attending causally to
    /// the ones before it. The training forward.
    pub fn forward(&self, ids: &Tensor) -> Result<Tensor> {
        let (hidden, _) = self.run(ids, None, Probes::NONE)?;
        self.logits(&hidden)
    }

    /// Runs ids (B, T) that follow the positions in `cache`, appends their keys and values
    /// to it, and returns the logits after the last position (B, vocab) with the
    /// internals `probes` asks for.
    pub fn forward_cached(
        &self,
        ids: &Tensor,
        cache: &mut KvCache,
        probes: Probes,
    ) -> Result<(Tensor, Internals)> {
        let (hidden, internals) = self.run(ids, Some(cache), probes)?;
        let last = hidden.dim(1)? - 1;
        let logits = self.logits(&hidden.narrow(1, last, 1)?)?.squeeze(1)?; // (B, vocab)
        Ok((logits, internals))
    }

    /// Final norm and LM head: residual stream (…, d) → logits (…, vocab). Applied to an
    /// intermediate layer's residual, this is the logit lens.
    pub fn logits(&self, residual: &Tensor) -> Result<Tensor> {
        Ok(linear(&self.norm.forward(residual)?, &self.lm_head)?)
    }

    /// The residual stream after the last block (B, T, d), before the final norm.
    fn run(
        &self,
        ids: &Tensor,
        mut cache: Option<&mut KvCache>,
        probes: Probes,
    ) -> Result<(Tensor, Internals)> {
        let (b, t) = ids.dims2()?;
        let start = cache.as_ref().map_or(0, |cache| cache.len());
        let context = self.config.max_position_embeddings;
        if start + t > context {
            return Err(Error::ContextFull { context });
        }
        let mut internals = Internals::default();
        let mut x = self
            .embed_tokens
            .index_select(&ids.flatten_all()?, 0)? // (B·T, d)
            .reshape((b, t, self.config.hidden_size))?; // (B, T, d)
        for (layer, block) in self.blocks.iter().enumerate() {
            let attention = block.attention.forward(
                &block.input_layernorm.forward(&x)?,
                &self.rope,
                start,
                cache.as_deref_mut().map(|cache| (cache, layer)),
                probes.attention,
            )?;
            x = (x + attention.output)?;
            internals.attention.extend(attention.probabilities);
            let normed = block.post_attention_layernorm.forward(&x)?;
            let feed_forward = match &block.feed_forward {
                FeedForward::Dense(mlp) => mlp.forward(&normed)?,
                FeedForward::Sparse(moe) => {
                    let (output, routing) = moe.forward(&normed, probes.routing)?;
                    internals.routing.extend(routing);
                    output
                }
            };
            x = (x + feed_forward)?;
            if probes.logit_lens {
                internals.residuals.push(x.clone());
            }
        }
        Ok((x, internals))
    }
}

/// Index and softmax probability of the largest entry of `logits` (vocab).
pub(crate) fn top_token(logits: &Tensor) -> Result<(u32, f32)> {
    let logits = logits.flatten_all()?;
    let max = logits.max(D::Minus1)?.to_scalar::<f32>()?;
    let token = logits.argmax(D::Minus1)?.to_scalar::<u32>()?;
    let normaliser = (logits - f64::from(max))?
        .exp()?
        .sum_all()?
        .to_scalar::<f32>()?;
    Ok((token, 1.0 / normaliser))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loss::cross_entropy;

    fn model(config: &ModelConfig, seed: u64) -> (Weights, Transformer) {
        let weights = Weights::random(config, seed, &Device::Cpu).unwrap();
        let model = Transformer::new(config, &weights).unwrap();
        (weights, model)
    }

    fn ids(values: &[u32], rows: usize) -> Tensor {
        Tensor::from_vec(values.to_vec(), (rows, values.len() / rows), &Device::Cpu).unwrap()
    }

    fn every_parameter_gets_a_gradient(config: &ModelConfig) {
        let (weights, model) = model(config, 5);
        let tokens: Vec<u32> = (0..48)
            .map(|i| (i * 7 + 3) % config.vocab_size as u32)
            .collect();
        let inputs = ids(&tokens[..46], 2);
        let targets = ids(&tokens[2..], 2);
        let loss = cross_entropy(&model.forward(&inputs).unwrap(), &targets).unwrap();
        let grads = loss.backward().unwrap();
        for (name, var) in weights.iter() {
            let grad = grads
                .get(var)
                .unwrap_or_else(|| panic!("no gradient for {name}"));
            let largest = grad
                .abs()
                .unwrap()
                .max_all()
                .unwrap()
                .to_scalar::<f32>()
                .unwrap();
            assert!(largest > 0.0, "zero gradient for {name}");
        }
        // One SGD step lowers the loss on the same batch.
        for var in weights.vars() {
            let grad = grads.get(&var).unwrap();
            var.set(&(var.as_tensor() - (grad * 0.5).unwrap()).unwrap())
                .unwrap();
        }
        let after = cross_entropy(&model.forward(&inputs).unwrap(), &targets).unwrap();
        assert!(after.to_scalar::<f32>().unwrap() < loss.to_scalar::<f32>().unwrap());
    }

    #[test]
    fn training_step_gives_every_dense_parameter_a_gradient() {
        every_parameter_gets_a_gradient(&ModelConfig::tiny_for_tests(64));
    }

    #[test]
    fn training_step_gives_every_moe_parameter_a_gradient() {
        every_parameter_gets_a_gradient(&ModelConfig::tiny_for_tests(64).with_experts(4, 2));
    }

    #[test]
    fn training_step_gives_tied_embeddings_a_gradient() {
        let mut config = ModelConfig::tiny_for_tests(64);
        config.tie_word_embeddings = true;
        every_parameter_gets_a_gradient(&config);
    }

    fn assert_causal_rows(probabilities: &Tensor, first_query: usize) {
        let (_, heads, queries, keys) = probabilities.dims4().unwrap();
        let values = probabilities
            .flatten_all()
            .unwrap()
            .to_vec1::<f32>()
            .unwrap();
        for head in 0..heads {
            for q in 0..queries {
                let row = &values[(head * queries + q) * keys..][..keys];
                let position = first_query + q;
                assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5);
                assert!(row[position + 1..].iter().all(|&p| p == 0.0));
                assert!(row[..=position].iter().all(|&p| p > 0.0));
            }
        }
    }

    #[test]
    fn attention_rows_sum_to_one_with_exactly_zero_weight_on_future_positions() {
        let config = ModelConfig::tiny_for_tests(64);
        let (_, model) = model(&config, 2);
        let mut cache = model.new_cache();
        let (_, internals) = model
            .forward_cached(&ids(&[5, 9, 1, 33, 7, 2, 60], 1), &mut cache, Probes::ALL)
            .unwrap();
        assert_eq!(internals.attention.len(), config.num_hidden_layers);
        for probabilities in &internals.attention {
            assert_eq!(probabilities.dims(), &[1, 4, 7, 7]);
            assert_causal_rows(probabilities, 0);
        }
        let (_, internals) = model
            .forward_cached(&ids(&[11], 1), &mut cache, Probes::ALL)
            .unwrap();
        for probabilities in &internals.attention {
            assert_eq!(probabilities.dims(), &[1, 4, 1, 8]);
            assert_causal_rows(probabilities, 7);
        }
    }

    fn max_abs_diff(a: &Tensor, b: &Tensor) -> f32 {
        (a - b)
            .unwrap()
            .abs()
            .unwrap()
            .max_all()
            .unwrap()
            .to_scalar()
            .unwrap()
    }

    fn kv_cache_matches_recompute(config: &ModelConfig) {
        let (_, model) = model(config, 3);
        let prompt = [3u32, 17, 42, 8];
        let mut sequence = prompt.to_vec();
        let mut cache = model.new_cache();
        let (mut logits, _) = model
            .forward_cached(&ids(&prompt, 1), &mut cache, Probes::NONE)
            .unwrap();
        for _ in 0..32 {
            let full = model.forward(&ids(&sequence, 1)).unwrap(); // (1, T, vocab)
            let last = full
                .narrow(1, sequence.len() - 1, 1)
                .unwrap()
                .squeeze(1)
                .unwrap();
            let diff = max_abs_diff(&logits, &last);
            assert!(diff < 1e-5, "cached and recomputed logits differ by {diff}");
            let next = logits.argmax(D::Minus1).unwrap().to_vec1::<u32>().unwrap()[0];
            sequence.push(next);
            (logits, _) = model
                .forward_cached(&ids(&[next], 1), &mut cache, Probes::NONE)
                .unwrap();
        }
        assert_eq!(cache.len(), prompt.len() + 32);
    }

    #[test]
    fn kv_cached_decoding_matches_full_recompute() {
        kv_cache_matches_recompute(&ModelConfig::tiny_for_tests(64));
    }

    #[test]
    fn kv_cached_moe_decoding_matches_full_recompute() {
        kv_cache_matches_recompute(&ModelConfig::tiny_for_tests(64).with_experts(4, 2));
    }

    #[test]
    fn moe_gates_sum_to_one_over_exactly_top_k_distinct_experts() {
        let config = ModelConfig::tiny_for_tests(64).with_experts(4, 2);
        let (_, model) = model(&config, 4);
        let mut cache = model.new_cache();
        let (_, internals) = model
            .forward_cached(
                &ids(&[1, 2, 3, 4, 5, 6, 7, 8, 9], 1),
                &mut cache,
                Probes::ALL,
            )
            .unwrap();
        assert_eq!(internals.routing.len(), config.num_hidden_layers);
        for routing in &internals.routing {
            assert_eq!((routing.tokens, routing.experts, routing.top_k), (9, 4, 2));
            for token in 0..9 {
                let chosen = &routing.chosen[token * 2..][..2];
                let gates = &routing.gates[token * 2..][..2];
                let probabilities = &routing.probabilities[token * 4..][..4];
                assert_ne!(chosen[0], chosen[1]);
                assert!((gates.iter().sum::<f32>() - 1.0).abs() < 1e-6);
                assert!((probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-5);
                let best = probabilities.iter().cloned().fold(f32::MIN, f32::max);
                assert_eq!(probabilities[chosen[0] as usize], best);
                assert!(gates[0] >= gates[1]);
            }
        }
    }

    #[test]
    fn frozen_model_ignores_later_updates_to_the_weights() {
        let config = ModelConfig::tiny_for_tests(64);
        let weights = Weights::random(&config, 1, &Device::Cpu).unwrap();
        let frozen = Transformer::frozen(&config, &weights).unwrap();
        let live = Transformer::new(&config, &weights).unwrap();
        let input = ids(&[1, 2, 3], 1);
        let before = frozen.forward(&input).unwrap();
        let embed = weights.get(layout::EMBED_TOKENS).unwrap();
        embed.set(&embed.zeros_like().unwrap()).unwrap();
        assert_eq!(max_abs_diff(&before, &frozen.forward(&input).unwrap()), 0.0);
        assert!(max_abs_diff(&before, &live.forward(&input).unwrap()) > 0.0);
    }

    #[test]
    fn sequence_longer_than_the_context_is_refused() {
        let config = ModelConfig::tiny_for_tests(64);
        let (_, model) = model(&config, 1);
        let too_long: Vec<u32> = vec![1; config.max_position_embeddings + 1];
        assert!(matches!(
            model.forward(&ids(&too_long, 1)),
            Err(Error::ContextFull { context: 64 })
        ));
    }
}
