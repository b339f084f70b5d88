//! What training a model costs, before any of it runs: memory for the weights, their
//! gradients, AdamW's two moments and one batch's activations, and the arithmetic per token.
//! The model designer shows these, and the app estimates a run's time from them.

use glassbox_model::ModelConfig;

const F32_BYTES: u64 = 4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingCost {
    pub parameters: u64,
    pub embedding_parameters: u64,
    /// The weights in 32-bit floats.
    pub weight_bytes: u64,
    /// Weights, gradients and optimiser moments of the trained parameters, and activations.
    pub training_bytes: u64,
    /// Forward and backward floating-point operations per trained token.
    pub flops_per_token: f64,
}

/// The cost of training `trainable` of `config`'s parameters (all of them for plain
/// training, the adapters for LoRA) on batches of `batch_size` × `seq_len` tokens.
pub fn training_cost(
    config: &ModelConfig,
    batch_size: usize,
    seq_len: usize,
    trainable: Option<u64>,
) -> TrainingCost {
    let count = config.parameter_count();
    let parameters = count.total as u64;
    let trainable = trainable.unwrap_or(parameters);
    let weight_bytes = parameters * F32_BYTES;
    // A gradient and two moments per trained parameter.
    let optimizer_bytes = trainable * 3 * F32_BYTES;
    TrainingCost {
        parameters,
        embedding_parameters: count.embedding as u64,
        weight_bytes,
        training_bytes: weight_bytes
            + optimizer_bytes
            + activation_bytes(config, batch_size, seq_len),
        flops_per_token: flops_per_token(config, seq_len),
    }
}

/// Kaplan et al. (2020), table 1: a forward pass costs 2 FLOPs per matrix parameter plus
/// 2 · layers · context · width for attention; the backward pass costs twice the forward.
/// The embedding lookup is a copy, not arithmetic, so its parameters do not count, unless
/// the LM head reuses the table.
fn flops_per_token(config: &ModelConfig, seq_len: usize) -> f64 {
    let count = config.parameter_count();
    let lookup_only = if config.tie_word_embeddings {
        0
    } else {
        count.embedding
    };
    let matrix_parameters = (count.active_per_token - lookup_only - count.norms) as f64;
    let attention = (config.num_hidden_layers * seq_len * config.hidden_size) as f64;
    3.0 * (2.0 * matrix_parameters + 2.0 * attention)
}

/// What autograd keeps for the backward pass: per layer the normed inputs, queries, keys,
/// values, attention output and residuals (about eight widths), the feed-forward's three
/// hidden activations, and each head's attention probabilities; then the logits, their
/// softmax and its gradient.
fn activation_bytes(config: &ModelConfig, batch_size: usize, seq_len: usize) -> u64 {
    let tokens = (batch_size * seq_len) as u64;
    let per_layer = tokens * (8 * config.hidden_size as u64 + 3 * config.intermediate_size as u64)
        + (batch_size * config.num_attention_heads * seq_len * seq_len) as u64 * 2;
    let logits = tokens * config.vocab_size as u64 * 3;
    (per_layer * config.num_hidden_layers as u64 + logits) * F32_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_training_keeps_four_copies_of_every_parameter_plus_activations() {
        let config = ModelConfig::tiny_for_tests(300);
        let cost = training_cost(&config, 4, 16, None);
        assert_eq!(cost.parameters, config.parameter_count().total as u64);
        assert_eq!(cost.weight_bytes, cost.parameters * 4);
        assert!(cost.training_bytes > cost.parameters * 16);
        let lora = training_cost(&config, 4, 16, Some(1000));
        assert_eq!(
            cost.training_bytes - lora.training_bytes,
            (cost.parameters - 1000) * 12
        );
    }

    #[test]
    fn flops_grow_with_the_context_and_are_about_six_per_parameter() {
        // Tied: the embedding table is also the output layer, a matrix multiply.
        let config = ModelConfig::default();
        assert!(config.tie_word_embeddings);
        let short = training_cost(&config, 1, 16, None).flops_per_token;
        let long = training_cost(&config, 1, 128, None).flops_per_token;
        assert!(long > short);
        let count = config.parameter_count();
        let matrices = (count.total - count.norms) as f64;
        assert!(
            (short / matrices - 6.0).abs() < 0.5,
            "{short} vs {matrices}"
        );
    }
}
