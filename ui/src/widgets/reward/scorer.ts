/**
 * Lesson 7's stand-in for a reward model: a few open rules, each adding or taking away points.
 * A real reward model is a neural network trained on people's rankings; this one can be read in
 * full, loopholes included (it never checks a fact, and echoing the question pleases it). The
 * widget shows every rule with its points, so keep RULES and the strings' rule texts together.
 * No Svelte here.
 */
import type { Completion } from "../../lib/generated/Completion";
import { scriptMix } from "../compare/compare";

export type RuleId = "ended" | "length" | "language" | "overlap" | "repeats" | "empty";

export interface Rule {
  id: RuleId;
  /** Added when the rule fires; negative takes points away. */
  points: number;
}

/** The rules in the order the widget lists them: rewards first, then penalties. */
export const RULES: readonly Rule[] = [
  { id: "ended", points: 2 },
  { id: "length", points: 1 },
  { id: "language", points: 1 },
  { id: "overlap", points: 1 },
  { id: "repeats", points: -2 },
  { id: "empty", points: -3 },
];

/** A sensible length, in units: a Chinese character or an English word counts one. */
export const LENGTH_BAND = { min: 4, max: 40 } as const;

/** "Repeats itself": the same run of this many units occurs twice. */
export const REPEAT_UNITS = 4;

/** The highest and lowest scores the rules allow, for the widget's scales. */
export const MAX_SCORE = RULES.reduce((sum, r) => sum + Math.max(0, r.points), 0);
export const MIN_SCORE = RULES.reduce((sum, r) => sum + Math.min(0, r.points), 0);

export function pointsOf(id: RuleId): number {
  return RULES.find((r) => r.id === id)!.points;
}

// ----- reading a text ---------------------------------------------------------------------

const HAN = /\p{Script=Han}/u;
/** A Chinese character on its own, or a run of anything else that is not space, punctuation or a symbol. */
const UNIT = /\p{Script=Han}|[^\s\p{P}\p{S}\p{Script=Han}]+/gu;

/** The text as units: each Chinese character, each word (lower case). */
export function units(text: string): string[] {
  return (text.match(UNIT) ?? []).map((u) => u.toLowerCase());
}

/** The language a question is in: Chinese if it has any Chinese character, else English if it has letters. */
export function questionLanguage(question: string): "zh" | "en" | null {
  if (HAN.test(question)) return "zh";
  if (/[A-Za-z]/.test(question)) return "en";
  return null;
}

/** Question words that say nothing about the subject, left out of "uses words from the question". */
const EN_STOP = new Set([
  "what", "which", "who", "whom", "whose", "why", "how", "when", "where", "does", "did", "the", "and", "are", "was",
  "were", "with", "that", "this", "from", "for", "you", "your", "can", "there", "about", "into",
]);
/**
 * Characters of asking and of grammar, not of the subject: a pair holding one is left out, so
 * that echoing the question's template (的作者是…) earns nothing.
 */
const ZH_NOT_SUBJECT = /[什么谁吗呢哪怎样为何的是了在和与一首写请个]/u;

/**
 * What an answer could take from the question: each pair of neighbouring Chinese characters
 * of its subject (the title in 《》 when it names one: 静夜, 夜思), and each English word of
 * three letters or more, except question words.
 */
export function questionPieces(question: string): string[] {
  const pieces: string[] = [];
  const titles = [...question.matchAll(/《([^》]+)》/gu)].map((m) => m[1]);
  const subject = titles.length ? titles.join(" ") : question;
  for (const run of subject.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i] + chars[i + 1];
      if (!ZH_NOT_SUBJECT.test(pair) && !pieces.includes(pair)) pieces.push(pair);
    }
  }
  for (const word of question.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) {
    const w = word.toLowerCase();
    if (w.length >= 3 && !EN_STOP.has(w) && !pieces.includes(w)) pieces.push(w);
  }
  return pieces;
}

/** The question's pieces that the answer uses too. */
export function sharedPieces(question: string, answer: string): string[] {
  const words = new Set(units(answer));
  const plain = answer.toLowerCase();
  return questionPieces(question).filter((p) => (HAN.test(p) ? plain.includes(p) : words.has(p)));
}

/** The first run of REPEAT_UNITS units that occurs twice (overlapping or not), as written; null if none. */
export function repeatedPhrase(text: string, n: number = REPEAT_UNITS): string | null {
  const u = units(text);
  const seen = new Set<string>();
  for (let i = 0; i + n <= u.length; i++) {
    const gram = u.slice(i, i + n);
    const key = gram.join(" ");
    if (seen.has(key)) return gram.every((x) => HAN.test(x)) ? gram.join("") : key;
    seen.add(key);
  }
  return null;
}

/** Whether an answer is written in the question's language (see compare's scriptMix for "mostly"). */
export function sameLanguage(question: string, answer: string): boolean {
  const lang = questionLanguage(question);
  return lang !== null && scriptMix(answer) === lang;
}

// ----- scoring ----------------------------------------------------------------------------

/** One rule that fired on an answer, with what made it fire: the length, the shared words, the repeated phrase. */
export interface Hit {
  id: RuleId;
  points: number;
  detail: string[];
}

export interface Scored {
  score: number;
  hits: Hit[];
  /** The answer's length in units. */
  length: number;
}

export type Answer = Pick<Completion, "text" | "ended">;

/** Every rule on one answer to `question`; the score is the sum of the points of those that fire. */
export function scoreAnswer(question: string, answer: Answer): Scored {
  const text = answer.text;
  const length = units(text).length;
  const hits: Hit[] = [];
  const hit = (id: RuleId, detail: string[] = []) => hits.push({ id, points: pointsOf(id), detail });

  if (answer.ended) hit("ended");
  if (length >= LENGTH_BAND.min && length <= LENGTH_BAND.max) hit("length", [String(length)]);
  if (length > 0 && sameLanguage(question, text)) hit("language");
  const shared = sharedPieces(question, text);
  if (shared.length > 0) hit("overlap", shared);
  const phrase = repeatedPhrase(text);
  if (phrase !== null) hit("repeats", [phrase]);
  if (length === 0) hit("empty");

  return { score: hits.reduce((sum, h) => sum + h.points, 0), hits, length };
}

export function fired(scored: Scored, id: RuleId): boolean {
  return scored.hits.some((h) => h.id === id);
}

// ----- selecting --------------------------------------------------------------------------

/** Best-of-n's pick: the index of the highest score, the earlier one on a tie; -1 for none. */
export function chooseBest(scores: readonly number[]): number {
  let best = -1;
  scores.forEach((s, i) => {
    if (best === -1 || s > scores[best]) best = i;
  });
  return best;
}

/** How a set of answers looks: average score, and the share that stopped by themselves or repeat. */
export interface Summary {
  count: number;
  meanScore: number;
  endedShare: number;
  repeatsShare: number;
}

export function summarize(answers: readonly Scored[]): Summary | null {
  if (answers.length === 0) return null;
  const share = (id: RuleId) => answers.filter((a) => fired(a, id)).length / answers.length;
  return {
    count: answers.length,
    meanScore: answers.reduce((sum, a) => sum + a.score, 0) / answers.length,
    endedShare: share("ended"),
    repeatsShare: share("repeats"),
  };
}

/** A score as the widget writes it: "+3", "0", "−2" (a true minus sign), one decimal for averages. */
export function formatScore(score: number, decimals = 0): string {
  const rounded = Number(score.toFixed(decimals));
  const body = Math.abs(rounded).toFixed(decimals);
  if (rounded > 0) return `+${body}`;
  if (rounded < 0) return `\u2212${body}`;
  return body;
}
