/**
 * Lesson 10's evaluation framework, as data: the product-level dimensions, the drivers behind
 * them, safety and compliance, the public benchmarks that touch each, the learner's weights
 * and example products. No Svelte here; the words are in strings.ts.
 */

/** The product-level dimensions, in the lesson table's order. */
export const PRODUCT_KEYS = [
  "language",
  "reasoning",
  "factual",
  "generation",
  "context",
  "speed",
  "robustness",
  "humanlike",
  "multimodal",
] as const;
export type ProductKey = (typeof PRODUCT_KEYS)[number];

/** What lies behind ability: the three drivers ({#drivers}). */
export const DRIVER_KEYS = ["parameters", "data", "training"] as const;
export type DriverKey = (typeof DRIVER_KEYS)[number];

/** What decides whether a model may launch at all ({#safety}). */
export const SAFETY_KEYS = ["content", "bias", "privacy"] as const;
export type SafetyKey = (typeof SAFETY_KEYS)[number];

export type DimensionKey = ProductKey | DriverKey | SafetyKey;
export type Layer = "product" | "driver" | "safety";

export const ALL_KEYS: readonly DimensionKey[] = [...PRODUCT_KEYS, ...DRIVER_KEYS, ...SAFETY_KEYS];

export function layerOf(key: DimensionKey): Layer {
  if ((PRODUCT_KEYS as readonly string[]).includes(key)) return "product";
  if ((DRIVER_KEYS as readonly string[]).includes(key)) return "driver";
  return "safety";
}

export function isProduct(key: DimensionKey): key is ProductKey {
  return layerOf(key) === "product";
}

// ----- benchmarks -----------------------------------------------------------------------------

/** Public benchmarks and tests the detail panel names; their descriptions are in strings.ts. */
export const BENCHMARK_KEYS = [
  "mmlu",
  "ceval",
  "cmmlu",
  "gsm8k",
  "humaneval",
  "truthfulqa",
  "arena",
  "mtbench",
  "needle",
  "lostMiddle",
  "ruler",
  "mmmu",
  "bbq",
] as const;
export type BenchmarkKey = (typeof BENCHMARK_KEYS)[number];

/** How each benchmark is written in both languages: names are not translated. */
export const BENCHMARK_NAMES: Record<BenchmarkKey, string> = {
  mmlu: "MMLU",
  ceval: "C-Eval",
  cmmlu: "CMMLU",
  gsm8k: "GSM8K",
  humaneval: "HumanEval",
  truthfulqa: "TruthfulQA",
  arena: "Chatbot Arena",
  mtbench: "MT-Bench",
  needle: "Needle in a haystack",
  lostMiddle: "Lost in the Middle",
  ruler: "RULER",
  mmmu: "MMMU",
  bbq: "BBQ",
};

/**
 * The benchmarks that touch each dimension. Where none fits (speed, robustness, the drivers,
 * most of safety) the panel says to measure it yourself instead of naming a poor match.
 */
export const BENCHMARKS: Record<DimensionKey, readonly BenchmarkKey[]> = {
  language: ["ceval", "cmmlu", "mmlu"],
  reasoning: ["gsm8k", "humaneval"],
  factual: ["truthfulqa"],
  generation: ["arena"],
  context: ["needle", "lostMiddle", "ruler"],
  speed: [],
  robustness: [],
  humanlike: ["arena", "mtbench"],
  multimodal: ["mmmu"],
  parameters: [],
  data: [],
  training: [],
  content: [],
  bias: ["bbq"],
  privacy: [],
};

// ----- weights --------------------------------------------------------------------------------

/** must meet a bar / nice to have / does not matter (必须达标 / 加分项 / 不重要). */
export const WEIGHT_LEVELS = ["must", "nice", "none"] as const;
export type Weight = (typeof WEIGHT_LEVELS)[number];

/** The learner's weights; a dimension not in the record has not been weighed yet. */
export type Weights = Partial<Record<ProductKey, Weight>>;

/** Picks `level` for `key`; picking the level it already has clears it. Returns a new record. */
export function toggleWeight(weights: Weights, key: ProductKey, level: Weight): Weights {
  const next: Weights = { ...weights };
  if (next[key] === level) delete next[key];
  else next[key] = level;
  return next;
}

export interface Priorities {
  must: ProductKey[];
  nice: ProductKey[];
  none: ProductKey[];
  unset: ProductKey[];
}

/** The weights grouped by level, each group in the table's order. */
export function priorities(weights: Weights): Priorities {
  const out: Priorities = { must: [], nice: [], none: [], unset: [] };
  for (const key of PRODUCT_KEYS) out[weights[key] ?? "unset"].push(key);
  return out;
}

/** When more than this many dimensions are "must", the picture no longer says what comes first. */
export const FOCUS = 3;

/**
 * The dimensions to test first: the must-haves, topped up with nice-to-haves when there are
 * fewer than three (lesson step 3: "the three highest-weighted dimensions").
 */
export function testFirst(p: Priorities): { key: ProductKey; level: "must" | "nice" }[] {
  const must = p.must.map((key) => ({ key, level: "must" as const }));
  const topUp = must.length >= FOCUS ? [] : p.nice.slice(0, FOCUS - must.length).map((key) => ({ key, level: "nice" as const }));
  return [...must, ...topUp];
}

// ----- example products -----------------------------------------------------------------------

export const PRESET_KEYS = ["knowledgeBase", "productCopy", "childrenStories", "insuranceClaims"] as const;
export type PresetKey = (typeof PRESET_KEYS)[number];

/**
 * Example products and a defensible set of weights for each: three must-haves apiece, so that
 * step 3 ("the three highest") has an answer. The learner is expected to disagree and adjust.
 */
export const PRESETS: Record<PresetKey, Record<ProductKey, Weight>> = {
  // Employees ask in their own words about long internal documents; an invented policy is
  // worse than "I don't know".
  knowledgeBase: {
    language: "must",
    reasoning: "nice",
    factual: "must",
    generation: "none",
    context: "must",
    speed: "nice",
    robustness: "nice",
    humanlike: "none",
    multimodal: "nice",
  },
  // Thousands of listings: fluent, varied, on-brand copy, cheap and fast; the facts come from the
  // product data and still must not be invented.
  productCopy: {
    language: "must",
    reasoning: "none",
    factual: "nice",
    generation: "must",
    context: "none",
    speed: "must",
    robustness: "nice",
    humanlike: "none",
    multimodal: "nice",
  },
  // Creativity and a warm, consistent voice; content safety is the veto that matters most.
  childrenStories: {
    language: "must",
    reasoning: "none",
    factual: "nice",
    generation: "must",
    context: "none",
    speed: "nice",
    robustness: "nice",
    humanlike: "must",
    multimodal: "nice",
  },
  // Applying policy terms to a customer's case: correct, rule-following, stable however asked.
  insuranceClaims: {
    language: "nice",
    reasoning: "must",
    factual: "must",
    generation: "none",
    context: "nice",
    speed: "nice",
    robustness: "must",
    humanlike: "nice",
    multimodal: "nice",
  },
};

/** The preset the weights are exactly equal to, if any. */
export function matchingPreset(weights: Weights): PresetKey | null {
  for (const key of PRESET_KEYS) {
    const preset = PRESETS[key];
    if (PRODUCT_KEYS.every((d) => weights[d] === preset[d])) return key;
  }
  return null;
}

/** How many product dimensions have a weight. */
export function weighedCount(weights: Weights): number {
  return PRODUCT_KEYS.filter((k) => weights[k] !== undefined).length;
}
