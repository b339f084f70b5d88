/**
 * How lesson 7's best-of-n demo samples: the model, the settings, the seeds and the questions.
 * No Svelte here.
 */
import type { Lang } from "../../lib/generated/Lang";
import type { SamplingSettings } from "../../lib/generated/SamplingSettings";

export const BEST_OF_N = {
  model: "tiny-sft",
  /** Room for a whole short answer and its end-of-text token (the backend allows 64). */
  maxTokens: 48,
  temperature: 1,
  topP: 0.95,
  /** n: 1 is what you see without selection; the lesson asks for 4 and 8 too. */
  nChoices: [1, 4, 8],
  defaultN: 4,
  /** Rounds of n, so the chosen answers form a distribution, not a single draw. */
  rounds: 3,
} as const;

/**
 * Answer `i` of round `r` (both from 0) uses seed (r + 1) × 100 + i. A rerun reproduces it, and
 * round r of n = 8 holds round r of n = 4 as its first four answers (and n = 1 its first), so a
 * larger n only adds candidates.
 */
export function seedOf(round: number, i: number): number {
  return (round + 1) * 100 + i;
}

export function sampling(seed: number): SamplingSettings {
  return { temperature: BEST_OF_N.temperature, topK: 0, topP: BEST_OF_N.topP, seed };
}

/**
 * Questions in the style of tiny-sft's training pairs (models/sft/qa.jsonl): a poem's author
 * (the pattern is there, this poem is not, so the model often names the wrong poet), a ci to
 * write, and a concept in each language. `check` is the fact the scorer cannot see; `gamed` a
 * written answer that takes every point while being wrong or empty of content.
 */
export interface Question {
  key: string;
  text: string;
  check: Record<Lang, string>;
  gamed: string;
}

export const QUESTIONS: readonly Question[] = [
  {
    key: "author",
    text: "《静夜思》的作者是谁？",
    check: { zh: "《静夜思》的作者是李白。", en: "“Quiet Night Thoughts” (《静夜思》) is by Li Bai (李白)." },
    gamed: "《静夜思》的作者是杜甫。",
  },
  {
    key: "temperature",
    text: "什么是温度？",
    check: {
      zh: "这里的温度指采样：在 softmax 之前除以分数，低温更确定，高温更多样。",
      en: "Here temperature is about sampling: it divides the scores before softmax; low is surer, high more varied.",
    },
    gamed: "温度就是天气有多热。",
  },
  {
    key: "ci",
    text: "写一首《浣溪沙》。",
    check: {
      zh: "《浣溪沙》上下两片，每片三句七言，共六句。",
      en: "A 《浣溪沙》 has two stanzas of three seven-character lines: six lines in all.",
    },
    gamed: "这是一首《浣溪沙》。",
  },
  {
    key: "token",
    text: "What is a token?",
    check: {
      zh: "词元是模型读写文字的单位：一个词、词的一部分或一个字。",
      en: "A token is the unit a model reads and writes: a word, part of a word, or a character.",
    },
    gamed: "A token is a token.",
  },
];

/** The first question in the learner's language. */
export function firstQuestion(lang: Lang): Question {
  return QUESTIONS.find((q) => (lang === "zh" ? /\p{Script=Han}/u : /^[A-Za-z]/).test(q.text)) ?? QUESTIONS[0];
}

/** A written answer that games the rules for any question: the question itself, said back. */
export function gamedAnswer(question: string): string {
  const q = question.trim();
  return QUESTIONS.find((p) => p.text === q)?.gamed ?? q;
}
