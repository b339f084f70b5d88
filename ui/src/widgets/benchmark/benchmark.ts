/**
 * Lesson 10's held-out benchmark, the sums behind the widget: accuracy overall, per language and
 * per kind; what an item's four probabilities say about how the model answered it; how an item
 * reads on screen; and the item list's filters.
 */
import type { BenchmarkItem, BenchmarkItemScore } from "../workbench";

/** The models the widget scores, in the order "score all four" runs them. */
export const MODEL_KEYS = ["tiny", "tiny-sft", "tiny-moe", "trigram"] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];

export const LANGUAGES = ["zh", "en"] as const;
export type ItemLanguage = (typeof LANGUAGES)[number];
export const KINDS = ["cloze", "nextLine"] as const;
export type ItemKind = (typeof KINDS)[number];

/** Four candidates an item: picking at random is right a quarter of the time. */
export const CANDIDATES = 4;
export const CHANCE = 1 / CANDIDATES;

// ----- accuracy ---------------------------------------------------------------------------------

export interface Tally {
  correct: number;
  total: number;
}

export interface Accuracy {
  overall: Tally;
  language: Record<ItemLanguage, Tally>;
  kind: Record<ItemKind, Tally>;
}

const empty = (): Tally => ({ correct: 0, total: 0 });

/**
 * A model's scores summed: overall, per language, per kind. Scores are matched to items by id;
 * a score for an item not in the list is left out.
 */
export function tally(items: readonly BenchmarkItem[], scores: readonly BenchmarkItemScore[]): Accuracy {
  const byId = new Map(items.map((item) => [item.id, item]));
  const out: Accuracy = {
    overall: empty(),
    language: { zh: empty(), en: empty() },
    kind: { cloze: empty(), nextLine: empty() },
  };
  for (const score of scores) {
    const item = byId.get(score.id);
    if (!item) continue;
    const hit = score.correct ? 1 : 0;
    for (const t of [out.overall, out.language[item.language], out.kind[item.kind]]) {
      t.total += 1;
      t.correct += hit;
    }
  }
  return out;
}

/** A tally's share, 0 when there is nothing to count. */
export const share = (t: Tally) => (t.total === 0 ? 0 : t.correct / t.total);

/** "50%", "17.5%", "42.5%": one decimal only where it is needed. */
export function formatPercent(value: number): string {
  const tenths = Math.round(value * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

/** "20/40" */
export const formatTally = (t: Tally) => `${t.correct}/${t.total}`;

/** Scored models from the most to the least accurate; ties keep MODEL_KEYS' order. */
export function ranking(accuracies: Partial<Record<ModelKey, Accuracy>>): ModelKey[] {
  return MODEL_KEYS.filter((k) => accuracies[k] !== undefined).sort(
    (a, b) => share(accuracies[b]!.overall) - share(accuracies[a]!.overall),
  );
}

// ----- reading one item's probabilities ------------------------------------------------------

/** Thresholds of the reading: a wrong pick this sure is confident, a lead this small is a hair. */
export const CONFIDENT = 0.6;
export const TORN = 0.15;
export const HAIR = 0.1;

export type Reading = "confidentlyWrong" | "torn" | "leaningWrong" | "rightByAHair" | "clearlyRight";
export const READINGS: readonly Reading[] = ["confidentlyWrong", "torn", "leaningWrong", "rightByAHair", "clearlyRight"];

/** How far candidate `index` is ahead of the best of the others (negative when behind). */
export function lead(probabilities: readonly number[], index: number): number {
  let best = -Infinity;
  probabilities.forEach((p, i) => {
    if (i !== index && p > best) best = p;
  });
  return best === -Infinity ? probabilities[index] ?? 0 : (probabilities[index] ?? 0) - best;
}

/**
 * What an answer's probabilities say. Wrong: "confidently wrong" when the chosen wrong candidate
 * holds at least CONFIDENT of the probability, else "torn" when it leads the runner-up by less
 * than TORN, else "leaning wrong". Right: "right by a hair" when the answer leads by less than
 * HAIR, else "clearly right".
 */
export function classify(score: Pick<BenchmarkItemScore, "probabilities" | "chosen">, answer: number): Reading {
  const { probabilities, chosen } = score;
  const margin = lead(probabilities, chosen);
  if (chosen === answer) return margin < HAIR ? "rightByAHair" : "clearlyRight";
  if ((probabilities[chosen] ?? 0) >= CONFIDENT) return "confidentlyWrong";
  if (margin < TORN) return "torn";
  return "leaningWrong";
}

// ----- how an item reads --------------------------------------------------------------------

/** The blank a cloze item shows where its candidates go. */
export const BLANK = "____";

/** A cloze item as text, the blank in place of the candidate. */
export const clozeText = (item: Pick<BenchmarkItem, "before" | "after">) => `${item.before}${BLANK}${item.after}`;

/** The given line of a next-line item, without the space or line break that joins it to the next. */
export const givenLine = (item: Pick<BenchmarkItem, "before">) => item.before.trim();

/** One line for the list: line breaks shown as " / ", as a poem is quoted in running text. */
export function preview(item: Pick<BenchmarkItem, "kind" | "before" | "after">): string {
  const text = item.kind === "cloze" ? clozeText(item) : givenLine(item);
  return text.trim().replace(/\s*\n\s*/g, " / ");
}

/** A probability as a rounded percent: "72%", "<1%". */
export function formatProbability(p: number): string {
  if (p > 0 && p < 0.005) return "<1%";
  return `${Math.round(p * 100)}%`;
}

/** A lead in percentage points: one decimal under 10, whole points above. */
export function formatPoints(value: number): string {
  const points = Math.abs(value) * 100;
  return points < 10 ? (Math.round(points * 10) / 10).toString() : Math.round(points).toString();
}

/** Candidate letters, A to D. */
export const letter = (i: number) => String.fromCharCode(65 + i);

// ----- the list's filters ---------------------------------------------------------------------

export interface Filter {
  language: ItemLanguage | "all";
  kind: ItemKind | "all";
  /** Only the items this model got wrong; null for all. */
  wrongFor: ModelKey | null;
}

export const NO_FILTER: Filter = { language: "all", kind: "all", wrongFor: null };

/**
 * The items the filter lets through, in their order. "Wrong for" a model not scored yet lets
 * everything through (there is nothing to filter on).
 */
export function filterItems(
  items: readonly BenchmarkItem[],
  filter: Filter,
  scores: Partial<Record<ModelKey, readonly BenchmarkItemScore[]>>,
): BenchmarkItem[] {
  const wrong = filter.wrongFor ? scores[filter.wrongFor] : undefined;
  const wrongIds = wrong ? new Set(wrong.filter((s) => !s.correct).map((s) => s.id)) : null;
  return items.filter(
    (item) =>
      (filter.language === "all" || item.language === filter.language) &&
      (filter.kind === "all" || item.kind === filter.kind) &&
      (wrongIds === null || wrongIds.has(item.id)),
  );
}

/** Each model's score of one item, by id. */
export function scoreOf(scores: readonly BenchmarkItemScore[] | undefined, id: string): BenchmarkItemScore | undefined {
  return scores?.find((s) => s.id === id);
}
