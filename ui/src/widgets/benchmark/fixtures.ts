/**
 * Made-up benchmark data for the tests and the screenshot harness (not used by the app): items
 * shaped like models/benchmark/items.json, and scores whose tallies match the model card's
 * measured accuracy, with probabilities spread so every reading occurs.
 */
import type { BenchmarkItem, BenchmarkItemScore } from "../workbench";
import { KINDS, LANGUAGES, MODEL_KEYS, type ItemLanguage, type ModelKey } from "./benchmark";

/** Right answers per language, as measured when the items were built (models/benchmark/README.md). */
export const MEASURED: Record<ModelKey, Record<ItemLanguage, number>> = {
  tiny: { zh: 10, en: 10 },
  "tiny-sft": { zh: 7, en: 9 },
  trigram: { zh: 6, en: 11 },
  "tiny-moe": { zh: 1, en: 6 },
};

/** 40 small items with the real ids: zh-cloze-01..10, zh-next-01..10, en-cloze-01..10, en-next-01..10. */
export function fakeItems(): BenchmarkItem[] {
  const out: BenchmarkItem[] = [];
  for (const language of LANGUAGES) {
    for (const kind of KINDS) {
      for (let n = 1; n <= 10; n++) {
        const num = String(n).padStart(2, "0");
        const id = `${language}-${kind === "cloze" ? "cloze" : "next"}-${num}`;
        const zh = language === "zh";
        out.push({
          id,
          language,
          kind,
          source: zh ? (kind === "cloze" ? `唐诗《诗${n}》（作者${n}）` : `宋词《词${n}》（作者${n}）`) : `Persuasion, chapter ${n}`,
          before: kind === "cloze" ? (zh ? `第一句${n}，\n第二句` : `She said ${n} `) : zh ? `上一句${n}。\n` : `He came ${n}. `,
          after: kind === "cloze" ? (zh ? "。" : " to him.") : "",
          candidates: [0, 1, 2, 3].map((c) => (zh ? `候选${c}` : `cand${c}`)),
          answer: n % 4,
        });
      }
    }
  }
  return out;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedOf = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/**
 * `model`'s made-up answers: in each language exactly MEASURED's count right; the top candidate
 * leads by anything from a hair to far ahead.
 */
export function fakeScores(items: readonly BenchmarkItem[], model: ModelKey): BenchmarkItemScore[] {
  const random = prng(seedOf(model));
  const rightIds = new Set<string>();
  for (const language of LANGUAGES) {
    const ids = items.filter((i) => i.language === language).map((i) => i.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    for (const id of ids.slice(0, MEASURED[model][language])) rightIds.add(id);
  }
  return items.map((item) => {
    const right = rightIds.has(item.id);
    const wrongs = [0, 1, 2, 3].filter((c) => c !== item.answer);
    const top = right ? item.answer : wrongs[Math.floor(random() * wrongs.length)];
    const spread = [0.08, 0.4, 1.2, 3][Math.floor(random() * 4)];
    const logits = [0, 1, 2, 3].map((c) => (c === top ? 0 : -(0.03 + random() * spread + (random() < 0.5 ? 0 : spread))));
    const total = logits.reduce((sum, x) => sum + Math.exp(x), 0);
    const probabilities = logits.map((x) => Math.exp(x) / total);
    const base = -20 - random() * 30;
    return {
      id: item.id,
      logProbabilities: logits.map((x) => base + x),
      probabilities,
      chosen: top,
      correct: right,
    };
  });
}

export { MODEL_KEYS };
