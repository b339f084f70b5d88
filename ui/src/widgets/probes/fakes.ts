/** Made-up traced completions for the probe widgets' tests and harness. No Svelte here. */
import type { Candidate } from "../../lib/generated/Candidate";
import type { TokenView } from "../../lib/generated/TokenView";
import type { TracedCompletion } from "../workbench";

let nextId = 1000;
function view(text: string): TokenView {
  return { id: nextId++, text, bytes: Array.from(new TextEncoder().encode(text)), partial: false, special: false };
}

/** A candidate list for a step: the written token first at `p`, then others sharing the rest. */
function candidatesFor(written: TokenView, p: number, others: string[]): Candidate[] {
  const rest = others.map((t, i) => ({ t: view(t), p: (1 - p) * 0.5 ** (i + 1) }));
  return [{ t: written, p }, ...rest].map(({ t, p }) => ({ token: t, logit: Math.log(p), probability: p, temperedProbability: p, samplingProbability: p }));
}

/**
 * A traced completion writing `pieces` (one token each) with the given probabilities and
 * entropies; the prompt read one character (or word) a token at `promptP`.
 */
export function fakeTraced(
  prompt: string,
  pieces: { text: string; p: number; e: number; others?: string[] }[],
  promptP = 0.2,
  ended = true,
): TracedCompletion {
  const promptTokens = (/[A-Za-z]/.test(prompt) ? prompt.split(/(?=\s)/) : [...prompt]).map((t) => ({ token: view(t), probability: promptP, entropy: 3 }));
  const steps = pieces.map(({ text, p, e, others }) => {
    const token = view(text);
    return { token, probability: p, entropy: e, candidates: candidatesFor(token, p, others ?? ["的", "之", "，"]) };
  });
  if (ended) {
    const end: TokenView = { id: 0, text: "<|endoftext|>", bytes: [], partial: false, special: true };
    steps.push({ token: end, probability: 0.9, entropy: 0.3, candidates: candidatesFor(end, 0.9, ["。"]) });
  }
  return { prompt: promptTokens, dropped: 0, steps, text: pieces.map((x) => x.text).join(""), ended };
}
