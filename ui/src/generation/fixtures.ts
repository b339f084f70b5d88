/**
 * Hand-written data in the shapes of the generated types: a 2-layer, 2-head model, a
 * 5-token prompt ("今天天气很" with 天 split into byte pieces), and steps with 5 candidates.
 */
import type { Attention } from "../lib/generated/Attention";
import type { Candidate } from "../lib/generated/Candidate";
import type { Choice } from "../lib/generated/Choice";
import type { ModelInfo } from "../lib/generated/ModelInfo";
import type { Prefill } from "../lib/generated/Prefill";
import type { Routing } from "../lib/generated/Routing";
import type { Step } from "../lib/generated/Step";
import type { TokenView } from "../lib/generated/TokenView";
import type { ModelEntry } from "./engine";

export const LAYERS = 2;
export const HEADS = 2;
export const CONTEXT = 16;
export const VOCAB = 4096;

export function token(id: number, text: string, extra: Partial<TokenView> = {}): TokenView {
  const bytes = extra.bytes ?? Array.from(new TextEncoder().encode(text));
  return { id, text, bytes, partial: false, special: false, ...extra };
}

/** 今 天(two byte pieces) 气 很 — five tokens, four characters. */
export const PROMPT_TOKENS: TokenView[] = [
  token(1201, "今"),
  token(300, "<E5 A4>", { bytes: [0xe5, 0xa4], partial: true }),
  token(301, "<A9>", { bytes: [0xa9], partial: true }),
  token(1305, "气"),
  token(1410, "很"),
];
export const PROMPT_TEXT = "今天气很";

export const END_OF_TEXT = token(0, "<|endoftext|>", { bytes: [], special: true });

export function modelInfo(name = "tiny", moe = false): ModelInfo {
  return {
    name,
    backend: "cpu (candle)",
    parameters: {
      total: moe ? 9_800_000 : 3_200_000,
      activePerToken: moe ? 5_400_000 : 3_200_000,
      embedding: 1_000_000,
      attention: 1_000_000,
      feedForward: moe ? 7_000_000 : 1_100_000,
      norms: 2_000,
      lmHead: 0,
    },
    config: {
      architectures: [moe ? "MixtralForCausalLM" : "LlamaForCausalLM"],
      model_type: moe ? "mixtral" : "llama",
      vocab_size: VOCAB,
      hidden_size: 64,
      intermediate_size: 172,
      num_hidden_layers: LAYERS,
      num_attention_heads: HEADS,
      num_key_value_heads: HEADS,
      max_position_embeddings: CONTEXT,
      rope_theta: 10000,
      rms_norm_eps: 1e-5,
      tie_word_embeddings: true,
      num_local_experts: moe ? 4 : null,
      num_experts_per_tok: moe ? 2 : null,
      bos_token_id: null,
      eos_token_id: 0,
      hidden_act: "silu",
    },
  };
}

export const MODELS: ModelEntry[] = [
  { name: "tiny", info: modelInfo("tiny"), summary: { zh: "小型稠密模型，读过古诗和英文小说。", en: "Small dense model; read Chinese poems and English novels." }, error: null },
  { name: "tiny-moe", info: modelInfo("tiny-moe", true), summary: { zh: "4 个专家、每次选 2 个。", en: "4 experts, 2 per token." }, error: null },
  { name: "tiny-sft", info: null, summary: { zh: "指令微调版。", en: "Instruction-tuned." }, error: "models/tiny-sft/model.safetensors is missing" },
];

/**
 * A deterministic causal weight: query q gives key k (k ≤ q) a weight ∝ (k + 1 + layer + head),
 * so every row sums to 1 and rows differ by layer and head.
 */
export function weight(layer: number, head: number, q: number, k: number): number {
  if (k > q) return 0;
  let total = 0;
  for (let j = 0; j <= q; j++) total += j + 1 + layer + head;
  return (k + 1 + layer + head) / total;
}

/** Rows firstQuery..firstQuery+queries of every layer, over keys 0..firstQuery+queries. */
export function attentionRows(firstQuery: number, queries: number, layers = LAYERS, heads = HEADS): Attention[] {
  const keys = firstQuery + queries;
  return Array.from({ length: layers }, (_, layer) => {
    const probabilities: number[] = [];
    for (let h = 0; h < heads; h++) {
      for (let q = 0; q < queries; q++) {
        for (let k = 0; k < keys; k++) probabilities.push(weight(layer, h, firstQuery + q, k));
      }
    }
    return { heads, firstQuery, queries, keys, probabilities };
  });
}

/** Routing for `tokens` tokens: 4 experts, top-2, token t goes to experts t%4 and (t+1)%4. */
export function routing(firstToken: number, tokens: number, layers = LAYERS): Routing[] {
  return Array.from({ length: layers }, (_, layer) => {
    const chosen: number[] = [];
    const gates: number[] = [];
    const probabilities: number[] = [];
    for (let i = 0; i < tokens; i++) {
      const t = firstToken + i + layer;
      chosen.push(t % 4, (t + 1) % 4);
      gates.push(0.7, 0.3);
      const p = [0.1, 0.1, 0.1, 0.1];
      p[t % 4] = 0.49;
      p[(t + 1) % 4] = 0.21;
      probabilities.push(...p);
    }
    return { tokens, experts: 4, topK: 2, probabilities, chosen, gates };
  });
}

export function prefill(tokens: TokenView[] = PROMPT_TOKENS, options: { dropped?: number; moe?: boolean } = {}): Prefill {
  return {
    tokens,
    dropped: options.dropped ?? 0,
    attention: attentionRows(0, tokens.length),
    routing: options.moe ? routing(0, tokens.length) : [],
  };
}

/** Five candidates, most probable first; the 4th is a byte piece. */
export const CANDIDATE_TOKENS: TokenView[] = [
  token(1520, "好"),
  token(1633, "热"),
  token(1702, "冷"),
  token(310, "<E6 99>", { bytes: [0xe6, 0x99], partial: true }),
  END_OF_TEXT,
];
const PROBABILITIES = [0.46, 0.21, 0.12, 0.05, 0.02];

export function candidates(settings: { sharpen?: boolean } = {}): Candidate[] {
  return CANDIDATE_TOKENS.map((t, i) => ({
    token: t,
    logit: 6 - i,
    probability: PROBABILITIES[i],
    temperedProbability: settings.sharpen ? [0.7, 0.18, 0.08, 0.02, 0.01][i] : PROBABILITIES[i],
    samplingProbability: settings.sharpen ? [0.73, 0.19, 0.08, 0, 0][i] : PROBABILITIES[i] / 0.86,
  }));
}

export function step(
  index: number,
  position: number,
  chosen: TokenView = CANDIDATE_TOKENS[0],
  choice: Choice = "greedy",
  options: { moe?: boolean } = {},
): Step {
  const list = candidates({ sharpen: choice === "sampled" });
  const probability = list.find((c) => c.token.id === chosen.id)?.probability ?? 0.001;
  return {
    index,
    position,
    token: chosen,
    choice,
    probability,
    candidates: list,
    entropy: 1.6,
    samplingEntropy: 1.1,
    logitLens: [],
    attention: attentionRows(position, 1),
    routing: options.moe ? routing(position, 1) : [],
  };
}
