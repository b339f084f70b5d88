/**
 * What the probe widgets (lesson 10's false premise, lesson 11's hallucination and domain gap)
 * compute from a traced completion: readable token groups, surprise and perplexity, the surest
 * and most torn steps, the probability mass behind the right answer, and whether sampled answers
 * agree. No Svelte here.
 */
import type { Candidate } from "../../lib/generated/Candidate";
import type { SamplingSettings } from "../../lib/generated/SamplingSettings";
import type { TokenView } from "../../lib/generated/TokenView";

/** The backend reads at most this many characters of a prompt. */
export const MAX_PROMPT_CHARS = 4000;

export { GREEDY } from "../shared/generation";

/** Drawing by the model's own probabilities, the unlikely tail cut off. */
export function sampledAt(seed: number, topP = 0.95): SamplingSettings {
  return { temperature: 1, topK: 0, topP, seed };
}

/** Why a prompt cannot be sent, or null when it can. */
export function promptProblem(text: string): "empty" | "long" | null {
  if (text.trim() === "") return "empty";
  if ([...text].length > MAX_PROMPT_CHARS) return "long";
  return null;
}

// ----- reading tokens ---------------------------------------------------------------------------

/**
 * Neighbouring tokens shown as one piece of text: a whole token on its own, or the byte pieces
 * that together make up one or more characters (`<E3 80>` + `<8A>` = 《). `start` and `end`
 * (exclusive) index the tokens.
 */
export interface TokenGroup {
  start: number;
  end: number;
  text: string;
  /** Put together from byte pieces. */
  partial: boolean;
  special: boolean;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Bytes that decode to whole characters, or null while a character is still unfinished. */
function wholeText(bytes: number[]): string | null {
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** Tokens grouped so each group is readable text; byte pieces join until their characters are whole. */
export function groupTokens(tokens: TokenView[]): TokenGroup[] {
  const groups: TokenGroup[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i];
    if (!first.partial || first.special) {
      groups.push({ start: i, end: i + 1, text: first.text, partial: false, special: first.special });
      i++;
      continue;
    }
    // Byte pieces: gather until the bytes decode (at most 4 tokens, the longest UTF-8 character).
    const bytes: number[] = [];
    let j = i;
    let text: string | null = null;
    while (j < tokens.length && j - i < 4 && !tokens[j].special) {
      bytes.push(...tokens[j].bytes);
      j++;
      text = wholeText(bytes);
      if (text !== null) break;
    }
    if (text === null) {
      // Never whole (cut off, or begun before the text starts): each piece as its bytes.
      groups.push({ start: i, end: i + 1, text: first.text, partial: true, special: false });
      i++;
      continue;
    }
    groups.push({ start: i, end: j, text, partial: true, special: false });
    i = j;
  }
  return groups;
}

/** A piece of a token's text, with whether it is made-visible whitespace (faint). */
export type ShownPiece = { text: string; whitespace: boolean };

/** Text with spaces as "·", newlines as "↵" and tabs as "→", so no chip looks empty. */
export function showWhitespace(text: string): ShownPiece[] {
  const pieces: ShownPiece[] = [];
  for (const ch of text) {
    const shown = ch === " " ? "·" : ch === "\n" ? "↵" : ch === "\t" ? "→" : ch === "\r" ? "" : null;
    const piece = { text: shown ?? ch, whitespace: shown !== null };
    const last = pieces.at(-1);
    if (last && last.whitespace === piece.whitespace) last.text += piece.text;
    else pieces.push(piece);
  }
  return pieces;
}

/** A special token's name, short: `<|endoftext|>` → "endoftext". */
export function specialName(text: string): string {
  return text.replace(/^<\|?/, "").replace(/\|?>$/, "") || text;
}

/** A token as one line of text (for candidates and tooltips). */
export function tokenText(token: TokenView): string {
  if (token.special) return `⟨${specialName(token.text)}⟩`;
  return showWhitespace(token.text)
    .map((p) => p.text)
    .join("");
}

// ----- surprise and perplexity -----------------------------------------------------------------

/** How surprised the model was by a token: −ln p, in nats (0 = fully expected). */
export function surprise(probability: number): number {
  return -Math.log(Math.max(probability, 1e-12));
}

/** The mean of −ln p over the tokens; NaN when there are none. */
export function meanSurprise(probabilities: number[]): number {
  if (probabilities.length === 0) return NaN;
  return probabilities.reduce((sum, p) => sum + surprise(p), 0) / probabilities.length;
}

/** Perplexity: e to the mean surprise, every token counted. */
export function perplexity(probabilities: number[]): number {
  return Math.exp(meanSurprise(probabilities));
}

/** The mean of the steps' entropies (nats); NaN when there are none. */
export function meanEntropy(entropies: number[]): number {
  if (entropies.length === 0) return NaN;
  return entropies.reduce((a, b) => a + b, 0) / entropies.length;
}

/** How many times `b` is `a` (NaN when either is missing or `a` is 0). */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a <= 0) return NaN;
  return b / a;
}

/** A ratio as people say it: "3.2", "12", "1,240". */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return "—";
  if (r >= 99.5) return Math.round(r).toLocaleString("en-US");
  if (r >= 9.95) return r.toFixed(0);
  return r.toFixed(1);
}

export { formatNats } from "../shared/generation";

// ----- surest and most torn ----------------------------------------------------------------------

/**
 * The `count` steps of lowest entropy (surest first) and of highest entropy (most torn first),
 * never the same step in both; ties go to the earlier step. With fewer than 2 steps, both empty.
 */
export function extremes(entropies: number[], count = 3): { surest: number[]; torn: number[] } {
  if (entropies.length < 2) return { surest: [], torn: [] };
  const order = entropies.map((e, i) => ({ e, i }));
  const n = Math.min(count, Math.floor(entropies.length / 2));
  const surest = [...order].sort((a, b) => a.e - b.e || a.i - b.i).slice(0, n).map((x) => x.i);
  const torn = [...order]
    .sort((a, b) => b.e - a.e || a.i - b.i)
    .filter((x) => !surest.includes(x.i))
    .slice(0, n)
    .map((x) => x.i);
  return { surest, torn };
}

/** The index of the largest value (the first on a tie), or -1 when there is none. */
export function argmax(values: number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best === -1 || values[i] > values[best]) best = i;
  return best;
}

// ----- the right answer's share ----------------------------------------------------------------

/**
 * Whether a candidate token begins `answer`: its bytes are the start of the answer's bytes
 * (a byte piece of 李 counts), ignoring a leading space. Special and empty tokens never do.
 */
export function startsAnswer(token: TokenView, answer: string): boolean {
  if (token.special) return false;
  let bytes = token.bytes;
  while (bytes.length > 0 && bytes[0] === 0x20) bytes = bytes.slice(1);
  if (bytes.length === 0) return false;
  const target = Array.from(new TextEncoder().encode(answer.trim()));
  if (bytes.length > target.length) return false;
  return bytes.every((b, i) => b === target[i]);
}

/**
 * The probability at one step behind the right answer and behind everything else. `right` sums
 * the candidates that begin the answer; `shown` is what the listed candidates cover, so `rest`
 * (1 − right) includes the tail not listed. When no listed candidate begins the answer, `listed`
 * is false and the answer's share is only known to be below `below`, the smallest listed one.
 */
export function answerMass(
  candidates: Candidate[],
  answer: string,
): { right: number; rest: number; shown: number; listed: boolean; below: number } {
  const starting = candidates.filter((c) => startsAnswer(c.token, answer));
  const right = starting.reduce((s, c) => s + c.probability, 0);
  const shown = candidates.reduce((s, c) => s + c.probability, 0);
  const below = candidates.reduce((m, c) => Math.min(m, c.probability), 1);
  const r = Math.min(1, right);
  return { right: r, rest: Math.max(0, 1 - r), shown: Math.min(1, shown), listed: starting.length > 0, below };
}

/**
 * Where the answer to a "who wrote" question begins in written tokens: the step right after the
 * first point where the text so far ends with one of `markers` ("作者是", " by", " is"); -1 if none.
 */
export function stepAfter(tokens: TokenView[], markers: string[]): number {
  const bytes: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    bytes.push(...tokens[i].bytes);
    const text = new TextDecoder().decode(new Uint8Array(bytes));
    if (i + 1 < tokens.length && markers.some((m) => m !== "" && text.endsWith(m))) return i + 1;
  }
  return -1;
}

// ----- do sampled answers agree? -------------------------------------------------------------------

/** An answer compared with others: no spaces at the ends, no closing punctuation, case folded. */
export function normalizeAnswer(text: string): string {
  return text
    .trim()
    .replace(/[\s。．.!！?？,，、;；:："“”'‘’]+$/u, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** Distinct answers, most frequent first (first seen on a tie), with how many times each came. */
export function tally(answers: string[]): { answer: string; count: number }[] {
  const counts = new Map<string, { answer: string; count: number; first: number }>();
  answers.forEach((a, i) => {
    const key = normalizeAnswer(a);
    const known = counts.get(key);
    if (known) known.count++;
    else counts.set(key, { answer: a.trim(), count: 1, first: i });
  });
  return [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first).map(({ answer, count }) => ({ answer, count }));
}

/** Whether an answer names the right one (its text contains it, case folded). */
export function namesAnswer(text: string, answer: string): boolean {
  return answer.trim() !== "" && text.toLowerCase().includes(answer.trim().toLowerCase());
}

/** One token with how probable it was and how spread out the step was. */
export type TracedItem = { token: TokenView; probability: number; entropy: number };

/** Entropy bars are drawn against this many nats (a higher entropy fills the bar). */
export const ENTROPY_SCALE = 6;
/** Surprise colours deepen up to this many nats. */
export const SURPRISE_SCALE = 10;
