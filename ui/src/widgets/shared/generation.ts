/** What the widgets that ask models for text share; no Svelte here. */
import type { Lang } from "../../lib/generated/Lang";
import type { SamplingSettings } from "../../lib/generated/SamplingSettings";

/** One answer being waited for: nothing asked yet, waiting, an answer, or the rejection's text. */
export type ColumnState<T> =
  | { status: "idle" }
  | { status: "busy" }
  | { status: "done"; value: T }
  | { status: "failed"; message: string };

/** How many tokens each side writes: enough for a few lines, short enough to read side by side. */
export const MAX_TOKENS = 40;

/** Always the most probable token (temperature 0): the seed and cut-offs play no part. */
export const GREEDY: SamplingSettings = { temperature: 0, topK: 0, topP: 1, seed: 0 };

/** Nats (a cross-entropy, an entropy) as the lessons write them: two decimals, "—" for no number. */
export function formatNats(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : "—";
}

/** A perplexity as the lessons write it: whole numbers from 100 up ("2,168" / "2168"), one decimal below. */
export function formatPerplexity(p: number, lang: Lang): string {
  if (!Number.isFinite(p)) return "—";
  if (p >= 100) {
    const whole = Math.round(p);
    return lang === "en" ? whole.toLocaleString("en-US") : String(whole);
  }
  return p.toFixed(1);
}
