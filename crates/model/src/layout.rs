//! Tensor names and shapes, in Hugging Face's Llama/Mixtral layout.
//!
//! Linear weights are stored `[out_features, in_features]` as PyTorch's `nn.Linear` holds
//! them. This list is the one source of truth for loading, saving, initialising and
//! counting parameters.

use crate::config::{ModelConfig, MoeShape};

pub const EMBED_TOKENS: &str = "model.embed_tokens.weight";
pub const FINAL_NORM: &str = "model.norm.weight";
pub const LM_HEAD: &str = "lm_head.weight";

/// Names of one layer's tensors: `model.layers.{layer}.…`.
pub fn layer_tensor(layer: usize, suffix: &str) -> String {
    format!("model.layers.{layer}.{suffix}")
}

pub fn input_layernorm(layer: usize) -> String {
    layer_tensor(layer, "input_layernorm.weight")
}

pub fn post_attention_layernorm(layer: usize) -> String {
    layer_tensor(layer, "post_attention_layernorm.weight")
}

/// `projection` is one of `q`, `k`, `v`, `o`.
pub fn attention_projection(layer: usize, projection: &str) -> String {
    layer_tensor(layer, &format!("self_attn.{projection}_proj.weight"))
}

/// `projection` is one of `gate`, `up`, `down`.
pub fn mlp_projection(layer: usize, projection: &str) -> String {
    layer_tensor(layer, &format!("mlp.{projection}_proj.weight"))
}

pub fn router(layer: usize) -> String {
    layer_tensor(layer, "block_sparse_moe.gate.weight")
}

/// Mixtral names the SwiGLU matrices `w1` (gate), `w3` (up) and `w2` (down).
pub fn expert_projection(layer: usize, expert: usize, w: &str) -> String {
    layer_tensor(
        layer,
        &format!("block_sparse_moe.experts.{expert}.{w}.weight"),
    )
}

/// What a tensor is for, so parameter counts can be broken down and MoE models can tell
/// the parameters every token uses from those only its experts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterGroup {
    Embedding,
    Attention,
    FeedForward,
    Router,
    Expert,
    Norm,
    LmHead,
}

/// One tensor the weights must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorSpec {
    pub name: String,
    pub shape: Vec<usize>,
    pub group: ParameterGroup,
}

impl TensorSpec {
    fn new(name: impl Into<String>, shape: &[usize], group: ParameterGroup) -> Self {
        Self {
            name: name.into(),
            shape: shape.to_vec(),
            group,
        }
    }

    pub fn element_count(&self) -> usize {
        self.shape.iter().product()
    }
}

/// Every tensor a model with this config holds, in forward order.
pub fn tensor_specs(config: &ModelConfig) -> Vec<TensorSpec> {
    use ParameterGroup::*;
    let d = config.hidden_size;
    let ff = config.intermediate_size;
    let kv = config.kv_dim();
    let mut specs = vec![TensorSpec::new(
        EMBED_TOKENS,
        &[config.vocab_size, d],
        Embedding,
    )];
    for layer in 0..config.num_hidden_layers {
        specs.push(TensorSpec::new(input_layernorm(layer), &[d], Norm));
        for (projection, shape) in [("q", [d, d]), ("k", [kv, d]), ("v", [kv, d]), ("o", [d, d])] {
            specs.push(TensorSpec::new(
                attention_projection(layer, projection),
                &shape,
                Attention,
            ));
        }
        specs.push(TensorSpec::new(post_attention_layernorm(layer), &[d], Norm));
        match config.moe() {
            None => {
                for (projection, shape) in [("gate", [ff, d]), ("up", [ff, d]), ("down", [d, ff])] {
                    specs.push(TensorSpec::new(
                        mlp_projection(layer, projection),
                        &shape,
                        FeedForward,
                    ));
                }
            }
            Some(MoeShape { experts, .. }) => {
                specs.push(TensorSpec::new(router(layer), &[experts, d], Router));
                for expert in 0..experts {
                    for (w, shape) in [("w1", [ff, d]), ("w3", [ff, d]), ("w2", [d, ff])] {
                        specs.push(TensorSpec::new(
                            expert_projection(layer, expert, w),
                            &shape,
                            Expert,
                        ));
                    }
                }
            }
        }
    }
    specs.push(TensorSpec::new(FINAL_NORM, &[d], Norm));
    if !config.tie_word_embeddings {
        specs.push(TensorSpec::new(LM_HEAD, &[config.vocab_size, d], LmHead));
    }
    specs
}

/// Parses `model.layers.{layer}.…` into the layer index.
pub(crate) fn layer_of(name: &str) -> Option<usize> {
    name.strip_prefix("model.layers.")?
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Parses `model.layers.{l}.block_sparse_moe.experts.{expert}.…` into the expert index.
pub(crate) fn expert_of(name: &str) -> Option<usize> {
    let (_, rest) = name.split_once(".block_sparse_moe.experts.")?;
    rest.split('.').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_hugging_face_layout() {
        assert_eq!(
            attention_projection(3, "q"),
            "model.layers.3.self_attn.q_proj.weight"
        );
        assert_eq!(
            mlp_projection(0, "down"),
            "model.layers.0.mlp.down_proj.weight"
        );
        assert_eq!(
            expert_projection(1, 2, "w3"),
            "model.layers.1.block_sparse_moe.experts.2.w3.weight"
        );
        assert_eq!(router(1), "model.layers.1.block_sparse_moe.gate.weight");
        assert_eq!(layer_of("model.layers.12.mlp.up_proj.weight"), Some(12));
        assert_eq!(expert_of(&expert_projection(1, 7, "w1")), Some(7));
        assert_eq!(layer_of(EMBED_TOKENS), None);
    }

    #[test]
    fn tied_models_have_no_lm_head_tensor() {
        let mut config = ModelConfig::tiny_for_tests(50);
        config.tie_word_embeddings = true;
        assert!(tensor_specs(&config).iter().all(|s| s.name != LM_HEAD));
        config.tie_word_embeddings = false;
        assert!(tensor_specs(&config).iter().any(|s| s.name == LM_HEAD));
    }
}
