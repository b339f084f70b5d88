/**
 * Lesson 10's perplexity table: which models to measure, how to ask for each, and how to draw
 * and judge the answers. No Svelte here; the words are in strings.ts.
 */
import type { HeldOutLoss, Workbench } from "../workbench";

/** The bundled models and the trigram baseline, in the order they are measured and listed. */
export const MODEL_KEYS = ["tiny", "tiny-moe", "tiny-sft", "trigram"] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];

export type Language = "zh" | "en";
export const LANGUAGES: readonly Language[] = ["zh", "en"];

/** The n-gram order of the baseline row. */
export const NGRAM_ORDER = 3;

/** Targets per language in the workbench's held-out sample, until an answer says otherwise. */
export const HELD_OUT_TOKENS = 1024;

/** Asks the workbench for one row's held-out loss. */
export function measure(workbench: Pick<Workbench, "modelLoss" | "ngramLoss">, key: ModelKey): Promise<HeldOutLoss> {
  return key === "trigram" ? workbench.ngramLoss(NGRAM_ORDER) : workbench.modelLoss(key);
}

/** Perplexity of a cross-entropy in nats per token: e^H. */
export function perplexityOf(crossEntropy: number): number {
  return Math.exp(crossEntropy);
}

export { formatNats } from "../shared/generation";

/** Round numbers an axis may end on, per power of ten. */
const NICE = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round number at or above every value: where one language's axis ends. */
export function axisMax(values: readonly number[]): number {
  const top = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (top <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(top));
  const step = NICE.find((n) => n * power >= top * (1 - 1e-9)) ?? 10;
  return step * power;
}

/** An axis end: a round number, written whole where it is whole. */
export function formatAxis(max: number): string {
  return Number.isInteger(max) ? max.toLocaleString("en-US") : String(max);
}

/** A bar's width in percent of its axis. */
export function barPercent(value: number, max: number): number {
  if (!Number.isFinite(value) || max <= 0) return 0;
  return Math.min(100, Math.max(0, (value / max) * 100));
}

/** The lowest and highest of a language, once every row has a number (ties go to the first). */
export function extremes(values: Partial<Record<ModelKey, number>>): { lowest: ModelKey; highest: ModelKey } | null {
  if (!MODEL_KEYS.every((k) => values[k] !== undefined && Number.isFinite(values[k]))) return null;
  let lowest: ModelKey = MODEL_KEYS[0];
  let highest: ModelKey = MODEL_KEYS[0];
  for (const k of MODEL_KEYS) {
    if (values[k]! < values[lowest]!) lowest = k;
    if (values[k]! > values[highest]!) highest = k;
  }
  return { lowest, highest };
}

/** Models ranked within one language, lowest perplexity first; only those with a number. */
export function ranking(values: Partial<Record<ModelKey, number>>): ModelKey[] {
  return MODEL_KEYS.filter((k) => values[k] !== undefined && Number.isFinite(values[k])).sort((a, b) => values[a]! - values[b]!);
}

export type Verdict = "none" | "waiting" | "right" | "wrong";

/** A guess against the answer: no guess, no answer yet, or right or wrong. */
export function judge(guess: ModelKey | null, actual: ModelKey | null): Verdict {
  if (guess === null) return "none";
  if (actual === null) return "waiting";
  return guess === actual ? "right" : "wrong";
}
