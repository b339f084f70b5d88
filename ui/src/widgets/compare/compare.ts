/** What the comparison widgets send and how they read the answers; no Svelte here. */
import type { SamplingSettings } from "../../lib/generated/SamplingSettings";
import type { TokenView } from "../../lib/generated/TokenView";
import type { HeldOutLoss } from "../workbench";
import type { Mix } from "./strings";

/** One column of a side-by-side, the greedy settings, the token budget, perplexity as written: shared with distillation. */
export { GREEDY, MAX_TOKENS, formatPerplexity, type ColumnState } from "../shared/generation";

/** An example that fills the box and runs; `attrs` name it for tests (data-task, data-preset). */
export type Preset = { key: string; label: string; text: string; attrs: Record<string, string> };

/** Lesson 3's and lesson 2's sampling: a little conservative, the same for every model. */
export function sampled(seed: number): SamplingSettings {
  return { temperature: 0.8, topK: 40, topP: 0.95, seed };
}

/** Lesson 2 fixes the seed so a task gives the same text every time it is clicked. */
export const TASK_SEED = 42;
export const DEFAULT_SEED = 42;
const MAX_SEED = 0xffffffff;

/** tiny-sft's chat template (lesson 5); its markers are single special tokens. */
export const QUESTION_MARK = "<|question|>";
export const ANSWER_MARK = "<|answer|>";
export function sftPrompt(question: string): string {
  return `${QUESTION_MARK}${question}${ANSWER_MARK}`;
}

/** A seed as the sampler takes it (u32), or null when the box holds something else. */
export function parseSeed(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= MAX_SEED ? n : null;
}

/** A held-out loss per language as perplexity; `mean` is the exponential of the mean loss. */
export function perplexities(loss: HeldOutLoss): { zh: number; en: number; mean: number } {
  return { zh: Math.exp(loss.zh), en: Math.exp(loss.en), mean: loss.perplexity };
}

/** A count with a thousands separator, as the brief's "1,024". */
export function formatTokens(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * Which script a text is mostly in: Han characters against Latin letters, the two the bundled
 * corpus has. "mixed" when the smaller one is at least a quarter of the letters.
 */
export function scriptMix(text: string): Mix {
  let han = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{Script=Han}/u.test(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  // A Chinese character carries about as much as an English word of five letters.
  const zh = han;
  const en = latin / 5;
  if (zh + en === 0) return "none";
  if (Math.min(zh, en) / (zh + en) >= 0.25) return "mixed";
  return zh > en ? "zh" : "en";
}

/** How many bytes a UTF-8 character takes, read from its first byte (0 for a continuation byte). */
function utf8Length(first: number): number {
  if (first < 0x80) return 1;
  if (first >= 0xf0) return 4;
  if (first >= 0xe0) return 3;
  if (first >= 0xc0) return 2;
  return 0;
}

/**
 * When the first written token is only the start of a character (a byte piece such as
 * `<E3 80>`), the character it begins, put together from the tokens that follow; null otherwise.
 * Lesson 5's "《" is two byte pieces in the bundled vocabulary.
 */
export function characterBegun(tokens: TokenView[]): string | null {
  const first = tokens[0];
  if (!first?.partial || first.bytes.length === 0) return null;
  const needed = utf8Length(first.bytes[0]);
  if (needed < 2) return null;
  const bytes: number[] = [];
  for (const token of tokens) {
    if (token.special) break;
    bytes.push(...token.bytes);
    if (bytes.length >= needed) break;
  }
  if (bytes.length < needed) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes.slice(0, needed)));
  } catch {
    return null;
  }
}
