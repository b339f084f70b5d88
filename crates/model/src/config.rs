//! The shape of a model, stored as Hugging Face's `config.json`.
//!
//! The keys are those of `transformers`' `LlamaConfig` (dense models) and `MixtralConfig`
//! (mixture-of-experts models), so `transformers` loads our models unchanged and we read
//! theirs. Values that follow from others (`head_dim`, the key/value group size) are
//! methods, never stored twice.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ConfigError;
use crate::layout::{self, ParameterGroup};

/// A decoder-only transformer of the Llama family: pre-norm RMSNorm, rotary positions,
/// grouped-query attention, SwiGLU feed-forward, optionally a mixture of experts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ModelConfig {
    /// The `transformers` class that loads this model: `LlamaForCausalLM` or `MixtralForCausalLM`.
    #[serde(default)]
    pub architectures: Vec<String>,
    /// `llama` or `mixtral`.
    #[serde(default)]
    pub model_type: String,
    /// Rows of the embedding table and of the LM head.
    pub vocab_size: usize,
    /// Width of the residual stream (d_model).
    pub hidden_size: usize,
    /// Width of the SwiGLU hidden layer, per expert for MoE models (d_ff).
    pub intermediate_size: usize,
    /// Number of transformer blocks.
    pub num_hidden_layers: usize,
    /// Query heads per attention layer.
    pub num_attention_heads: usize,
    /// Key/value heads per layer; absent means one per query head (no grouping).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_key_value_heads: Option<usize>,
    /// Longest sequence the model handles: the rotary table and the KV cache stop here.
    pub max_position_embeddings: usize,
    /// Base of the rotary frequencies.
    #[serde(default = "default_rope_theta")]
    pub rope_theta: f64,
    /// Added to the mean square before the square root in every RMSNorm.
    #[serde(default = "default_rms_norm_eps")]
    pub rms_norm_eps: f64,
    /// Whether the LM head reuses the embedding table (no `lm_head.weight` tensor).
    #[serde(default)]
    pub tie_word_embeddings: bool,
    /// Experts per MoE layer; absent for a dense model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_local_experts: Option<usize>,
    /// Experts each token is routed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_experts_per_tok: Option<usize>,
    /// Token that starts a document, if the tokenizer has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bos_token_id: Option<u32>,
    /// Token that ends a document; generation stops when it is produced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eos_token_id: Option<u32>,
    /// Activation of the feed-forward gate; only `silu` (SwiGLU) is implemented.
    #[serde(default = "default_hidden_act")]
    pub hidden_act: String,
}

fn default_rope_theta() -> f64 {
    10_000.0
}

fn default_rms_norm_eps() -> f64 {
    1e-6
}

fn default_hidden_act() -> String {
    "silu".to_owned()
}

/// Width of one mixture-of-experts layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoeShape {
    pub experts: usize,
    pub top_k: usize,
}

/// How many parameters a model has and where they live, counted from the tensors the
/// weights file holds (see [`crate::layout::tensor_specs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ParameterCount {
    /// Every parameter in the weights.
    pub total: usize,
    /// Parameters one token passes through: all but the experts it is not routed to.
    pub active_per_token: usize,
    pub embedding: usize,
    pub attention: usize,
    /// Dense MLPs, or experts plus routers.
    pub feed_forward: usize,
    pub norms: usize,
    /// Zero when the head is tied to the embedding.
    pub lm_head: usize,
}

impl Default for ModelConfig {
    /// The shape of the bundled `tiny` model: a few million parameters that train on a
    /// laptop in under an hour.
    fn default() -> Self {
        Self {
            architectures: vec![LLAMA_ARCHITECTURE.to_owned()],
            model_type: LLAMA_MODEL_TYPE.to_owned(),
            vocab_size: 4096,
            hidden_size: 256,
            // SwiGLU's three matrices at 8/3 · d cost what a 4 · d two-matrix MLP costs.
            intermediate_size: 688,
            num_hidden_layers: 4,
            num_attention_heads: 4,
            num_key_value_heads: Some(4),
            max_position_embeddings: 128,
            rope_theta: default_rope_theta(),
            rms_norm_eps: 1e-5,
            tie_word_embeddings: true,
            num_local_experts: None,
            num_experts_per_tok: None,
            bos_token_id: None,
            eos_token_id: None,
            hidden_act: default_hidden_act(),
        }
    }
}

const LLAMA_ARCHITECTURE: &str = "LlamaForCausalLM";
const LLAMA_MODEL_TYPE: &str = "llama";
const MIXTRAL_ARCHITECTURE: &str = "MixtralForCausalLM";
const MIXTRAL_MODEL_TYPE: &str = "mixtral";

impl ModelConfig {
    /// A dense model small enough for unit tests to run hundreds of forwards in a second;
    /// grouped-query attention (4 query heads sharing 2 key/value heads) so tests cover it.
    pub fn tiny_for_tests(vocab_size: usize) -> Self {
        Self {
            vocab_size,
            hidden_size: 32,
            intermediate_size: 64,
            num_hidden_layers: 2,
            num_attention_heads: 4,
            num_key_value_heads: Some(2),
            max_position_embeddings: 64,
            tie_word_embeddings: false,
            ..Self::default()
        }
    }

    /// The same model as `self` with every feed-forward layer replaced by `experts`
    /// experts of which each token uses `top_k`; sets the Mixtral architecture names.
    pub fn with_experts(mut self, experts: usize, top_k: usize) -> Self {
        self.num_local_experts = Some(experts);
        self.num_experts_per_tok = Some(top_k);
        self.architectures = vec![MIXTRAL_ARCHITECTURE.to_owned()];
        self.model_type = MIXTRAL_MODEL_TYPE.to_owned();
        self
    }

    /// Reads and validates a `config.json`.
    pub fn from_json(json: &str) -> Result<Self, ConfigError> {
        let config: Self =
            serde_json::from_str(json).map_err(|source| ConfigError::Parse { source })?;
        config.validate()?;
        Ok(config)
    }

    /// The `config.json` text, pretty-printed like `transformers` writes it.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and options always serialises.
        serde_json::to_string_pretty(self).expect("ModelConfig serialises to JSON")
    }

    pub fn num_kv_heads(&self) -> usize {
        self.num_key_value_heads.unwrap_or(self.num_attention_heads)
    }

    pub fn head_dim(&self) -> usize {
        self.hidden_size / self.num_attention_heads
    }

    /// Query heads that share one key/value head.
    pub fn kv_group_size(&self) -> usize {
        self.num_attention_heads / self.num_kv_heads()
    }

    /// Width of the key (and value) projection output.
    pub fn kv_dim(&self) -> usize {
        self.num_kv_heads() * self.head_dim()
    }

    /// The mixture-of-experts shape, or `None` for a dense model.
    pub fn moe(&self) -> Option<MoeShape> {
        self.num_local_experts.map(|experts| MoeShape {
            experts,
            // Mixtral's default when the key is missing.
            top_k: self.num_experts_per_tok.unwrap_or(2),
        })
    }

    /// Checks that the numbers describe a model this crate can build.
    pub fn validate(&self) -> Result<(), ConfigError> {
        for (field, value) in [
            ("vocab_size", self.vocab_size),
            ("hidden_size", self.hidden_size),
            ("intermediate_size", self.intermediate_size),
            ("num_hidden_layers", self.num_hidden_layers),
            ("num_attention_heads", self.num_attention_heads),
            ("num_key_value_heads", self.num_kv_heads()),
            ("max_position_embeddings", self.max_position_embeddings),
        ] {
            if value == 0 {
                return Err(ConfigError::Zero { field });
            }
        }
        if !self.hidden_size.is_multiple_of(self.num_attention_heads) {
            return Err(ConfigError::HeadsDoNotDivideWidth {
                hidden_size: self.hidden_size,
                num_attention_heads: self.num_attention_heads,
            });
        }
        if !self.num_attention_heads.is_multiple_of(self.num_kv_heads()) {
            return Err(ConfigError::KvHeadsDoNotDivideHeads {
                num_attention_heads: self.num_attention_heads,
                num_key_value_heads: self.num_kv_heads(),
            });
        }
        if !self.head_dim().is_multiple_of(2) {
            return Err(ConfigError::OddHeadDim {
                head_dim: self.head_dim(),
            });
        }
        for (field, value) in [
            ("rope_theta", self.rope_theta),
            ("rms_norm_eps", self.rms_norm_eps),
        ] {
            if !(value.is_finite() && value > 0.0) {
                return Err(ConfigError::NotPositive { field, value });
            }
        }
        if self.hidden_act != "silu" {
            return Err(ConfigError::UnsupportedActivation {
                hidden_act: self.hidden_act.clone(),
            });
        }
        if self.num_experts_per_tok.is_some() && self.num_local_experts.is_none() {
            return Err(ConfigError::TopKWithoutExperts);
        }
        if let Some(MoeShape { experts, top_k }) = self.moe()
            && (top_k == 0 || top_k > experts)
        {
            return Err(ConfigError::TopKOutOfRange { top_k, experts });
        }
        for (field, id) in [
            ("bos_token_id", self.bos_token_id),
            ("eos_token_id", self.eos_token_id),
        ] {
            if let Some(id) = id
                && id as usize >= self.vocab_size
            {
                return Err(ConfigError::TokenOutsideVocab {
                    field,
                    id,
                    vocab_size: self.vocab_size,
                });
            }
        }
        Ok(())
    }

    /// Counts parameters from the same tensor list the weights are checked against, so the
    /// count is exactly what the file holds.
    pub fn parameter_count(&self) -> ParameterCount {
        let mut count = ParameterCount {
            total: 0,
            active_per_token: 0,
            embedding: 0,
            attention: 0,
            feed_forward: 0,
            norms: 0,
            lm_head: 0,
        };
        let mut expert_parameters = 0;
        for spec in layout::tensor_specs(self) {
            let n = spec.element_count();
            count.total += n;
            match spec.group {
                ParameterGroup::Embedding => count.embedding += n,
                ParameterGroup::Attention => count.attention += n,
                ParameterGroup::FeedForward | ParameterGroup::Router => count.feed_forward += n,
                ParameterGroup::Expert => {
                    count.feed_forward += n;
                    expert_parameters += n;
                }
                ParameterGroup::Norm => count.norms += n,
                ParameterGroup::LmHead => count.lm_head += n,
            }
        }
        let idle_experts = match self.moe() {
            Some(MoeShape { experts, top_k }) => expert_parameters / experts * (experts - top_k),
            None => 0,
        };
        count.active_per_token = count.total - idle_experts;
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_json_uses_hugging_face_keys_and_round_trips() {
        let config = ModelConfig::tiny_for_tests(300).with_experts(4, 2);
        let json = config.to_json();
        for key in [
            "\"architectures\"",
            "\"MixtralForCausalLM\"",
            "\"model_type\": \"mixtral\"",
            "\"hidden_size\"",
            "\"intermediate_size\"",
            "\"num_hidden_layers\"",
            "\"num_attention_heads\"",
            "\"num_key_value_heads\"",
            "\"rms_norm_eps\"",
            "\"rope_theta\"",
            "\"max_position_embeddings\"",
            "\"vocab_size\"",
            "\"tie_word_embeddings\"",
            "\"num_local_experts\"",
            "\"num_experts_per_tok\"",
        ] {
            assert!(json.contains(key), "{key} missing from {json}");
        }
        assert_eq!(ModelConfig::from_json(&json).unwrap(), config);
    }

    #[test]
    fn dense_config_json_has_no_expert_keys() {
        let json = ModelConfig::default().to_json();
        assert!(!json.contains("num_local_experts"));
        assert!(json.contains("LlamaForCausalLM"));
    }

    #[test]
    fn hugging_face_defaults_fill_missing_keys() {
        let config = ModelConfig::from_json(
            r#"{"vocab_size": 10, "hidden_size": 8, "intermediate_size": 16,
                "num_hidden_layers": 1, "num_attention_heads": 2,
                "max_position_embeddings": 4, "torch_dtype": "float32"}"#,
        )
        .unwrap();
        assert_eq!(config.num_kv_heads(), 2);
        assert_eq!(config.rope_theta, 10_000.0);
        assert!(!config.tie_word_embeddings);
        assert_eq!(config.moe(), None);
    }

    #[test]
    fn invalid_configs_name_the_numbers() {
        let mut config = ModelConfig::tiny_for_tests(300);
        config.hidden_size = 30;
        let message = config.validate().unwrap_err().to_string();
        assert!(message.contains("30") && message.contains('4'), "{message}");

        let mut config = ModelConfig::tiny_for_tests(300);
        config.num_key_value_heads = Some(3);
        assert!(matches!(
            config.validate(),
            Err(ConfigError::KvHeadsDoNotDivideHeads {
                num_attention_heads: 4,
                num_key_value_heads: 3
            })
        ));

        let config = ModelConfig::tiny_for_tests(300).with_experts(2, 3);
        assert!(matches!(
            config.validate(),
            Err(ConfigError::TopKOutOfRange {
                top_k: 3,
                experts: 2
            })
        ));

        let mut config = ModelConfig::tiny_for_tests(300);
        config.eos_token_id = Some(300);
        assert!(matches!(
            config.validate(),
            Err(ConfigError::TokenOutsideVocab { id: 300, .. })
        ));
    }

    #[test]
    fn parameter_count_matches_hand_count_for_dense_model() {
        let c = ModelConfig::tiny_for_tests(100);
        let (d, f, v, kv) = (32, 64, 100, 16);
        let per_layer = d * d * 2 + d * kv * 2 + 3 * d * f + 2 * d;
        let expected = v * d + 2 * per_layer + d + v * d;
        let count = c.parameter_count();
        assert_eq!(count.total, expected);
        assert_eq!(count.active_per_token, expected);
        assert_eq!(count.lm_head, v * d);
    }

    #[test]
    fn moe_active_parameters_exclude_unrouted_experts() {
        let dense = ModelConfig::tiny_for_tests(100).parameter_count();
        let moe = ModelConfig::tiny_for_tests(100)
            .with_experts(4, 2)
            .parameter_count();
        let expert = 3 * 32 * 64;
        let router = 4 * 32;
        assert_eq!(moe.total, dense.total + 2 * (3 * expert + router));
        assert_eq!(moe.active_per_token, dense.total + 2 * (expert + router));
    }
}
