//! What generation shows the UI: the prompt's prefill and each step, defined once here
//! and exported to TypeScript (`ui/src/lib/generated`) by `cargo test`.
//!
//! Matrices are flat `f32` vectors with their shape beside them, row-major, so a trace
//! stays small in JSON and maps directly onto typed arrays in the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::config::{ModelConfig, ParameterCount};
use crate::tokenizer::TokenView;

/// Which internals a forward pass records; each costs time and memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Probes {
    /// Attention probabilities of every layer and head.
    pub attention: bool,
    /// Router probabilities, chosen experts and gates of every MoE layer.
    pub routing: bool,
    /// Each layer's guess at the next token (final norm and LM head applied to the
    /// residual stream after that layer); costs one LM-head product per layer.
    pub logit_lens: bool,
}

impl Probes {
    pub const ALL: Self = Self {
        attention: true,
        routing: true,
        logit_lens: true,
    };
    pub const NONE: Self = Self {
        attention: false,
        routing: false,
        logit_lens: false,
    };
}

/// One layer's attention probabilities for consecutive query positions: the full causal
/// matrix after a prefill, a single new row after a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attention {
    pub heads: u32,
    /// Position of the first query row.
    pub first_query: u32,
    pub queries: u32,
    /// Key positions `0..keys`; a query at position p gives exactly zero to keys after p.
    pub keys: u32,
    /// Shape (heads, queries, keys); each row sums to 1.
    pub probabilities: Vec<f32>,
}

impl Attention {
    /// The probabilities with which query row `query` of `head` attends to each key.
    pub fn row(&self, head: usize, query: usize) -> &[f32] {
        let keys = self.keys as usize;
        let start = (head * self.queries as usize + query) * keys;
        &self.probabilities[start..start + keys]
    }
}

/// One MoE layer's routing decisions for consecutive tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Routing {
    pub tokens: u32,
    pub experts: u32,
    pub top_k: u32,
    /// Router softmax over all experts, shape (tokens, experts).
    pub probabilities: Vec<f32>,
    /// Chosen experts, best first, shape (tokens, top_k).
    pub chosen: Vec<u32>,
    /// Weights of the chosen experts' outputs, renormalised to sum to 1 per token,
    /// shape (tokens, top_k).
    pub gates: Vec<f32>,
}

/// The token one layer would predict if the model stopped there (the "logit lens").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LensGuess {
    pub layer: u32,
    pub token: TokenView,
    pub probability: f32,
}

/// How a step's token was picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Choice {
    /// The most probable token.
    Greedy,
    /// Drawn at random from the distribution after temperature, top-k and top-p.
    Sampled,
    /// Given by the user, whatever the model preferred.
    Forced,
}

/// A token the model considered, with its probability at each stage of sampling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Candidate {
    pub token: TokenView,
    pub logit: f32,
    /// Softmax of the logits: the model's own distribution (temperature 1).
    pub probability: f32,
    /// After dividing the logits by the temperature.
    pub tempered_probability: f32,
    /// What sampling drew from: after temperature, top-k and top-p, renormalised.
    pub sampling_probability: f32,
}

/// The prompt, run through the model at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Prefill {
    /// The tokens the model saw, after any truncation.
    pub tokens: Vec<TokenView>,
    /// Tokens cut from the start of the prompt to fit the context.
    pub dropped: u32,
    /// Per layer, the full causal attention matrix over the prompt.
    pub attention: Vec<Attention>,
    /// Per MoE layer, the routing of every prompt token; empty for dense models.
    pub routing: Vec<Routing>,
}

/// One generated token and how it came about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Step {
    /// 0 for the first generated token.
    pub index: u32,
    /// Position of the token in the sequence (prompt included).
    pub position: u32,
    pub token: TokenView,
    pub choice: Choice,
    /// The model's probability (temperature 1) of the chosen token.
    pub probability: f32,
    /// The most probable tokens, most probable first.
    pub candidates: Vec<Candidate>,
    /// Entropy in nats of the model's distribution (temperature 1).
    pub entropy: f32,
    /// Entropy in nats of the distribution sampling drew from; 0 when greedy.
    pub sampling_entropy: f32,
    /// Per layer, its guess at this token (the same prediction the candidates come from).
    pub logit_lens: Vec<LensGuess>,
    /// Per layer, the attention row of the new token over every position up to itself.
    pub attention: Vec<Attention>,
    /// Per MoE layer, the routing of the new token; empty for dense models.
    pub routing: Vec<Routing>,
}

/// What the UI shows about a loaded model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ModelInfo {
    pub name: String,
    /// Which engine runs it, e.g. "cpu (candle)".
    pub backend: String,
    pub parameters: ParameterCount,
    /// The model's `config.json`, with its Hugging Face (snake_case) keys.
    pub config: ModelConfig,
}
