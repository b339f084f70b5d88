import { describe, expect, it } from "vitest";
import type { BenchmarkItemScore } from "../workbench";
import {
  CHANCE,
  NO_FILTER,
  classify,
  clozeText,
  filterItems,
  formatPercent,
  formatPoints,
  formatProbability,
  formatTally,
  givenLine,
  lead,
  preview,
  ranking,
  share,
  tally,
} from "./benchmark";
import { MEASURED, fakeItems, fakeScores } from "./fixtures";

const items = fakeItems();
const score = (id: string, correct: boolean): BenchmarkItemScore => ({
  id,
  logProbabilities: [-1, -2, -3, -4],
  probabilities: [0.4, 0.3, 0.2, 0.1],
  chosen: 0,
  correct,
});

describe("accuracy", () => {
  it("counts overall, per language and per kind", () => {
    const scores = [
      score("zh-cloze-01", true),
      score("zh-cloze-02", false),
      score("zh-next-01", true),
      score("en-cloze-01", false),
      score("en-next-01", true),
      score("en-next-02", true),
    ];
    const acc = tally(items, scores);
    expect(acc.overall).toEqual({ correct: 4, total: 6 });
    expect(acc.language.zh).toEqual({ correct: 2, total: 3 });
    expect(acc.language.en).toEqual({ correct: 2, total: 3 });
    expect(acc.kind.cloze).toEqual({ correct: 1, total: 3 });
    expect(acc.kind.nextLine).toEqual({ correct: 3, total: 3 });
  });

  it("leaves out scores for items it does not know, and counts nothing as 0", () => {
    const acc = tally(items, [score("xx-cloze-99", true)]);
    expect(acc.overall).toEqual({ correct: 0, total: 0 });
    expect(share(acc.overall)).toBe(0);
  });

  it("matches the model card on the fixtures: tiny 20/40 (zh 10/20, en 10/20) and so on", () => {
    for (const [model, want] of Object.entries(MEASURED)) {
      const acc = tally(items, fakeScores(items, model as keyof typeof MEASURED));
      expect(acc.language.zh).toEqual({ correct: want.zh, total: 20 });
      expect(acc.language.en).toEqual({ correct: want.en, total: 20 });
      expect(acc.overall.correct).toBe(want.zh + want.en);
      expect(acc.kind.cloze.total + acc.kind.nextLine.total).toBe(40);
      expect(acc.kind.cloze.correct + acc.kind.nextLine.correct).toBe(want.zh + want.en);
    }
  });

  it("formats tallies and percents, with a decimal only where needed", () => {
    expect(formatTally({ correct: 20, total: 40 })).toBe("20/40");
    expect(formatPercent(20 / 40)).toBe("50%");
    expect(formatPercent(7 / 40)).toBe("17.5%");
    expect(formatPercent(17 / 40)).toBe("42.5%");
    expect(formatPercent(CHANCE)).toBe("25%");
    expect(formatPercent(1 / 3)).toBe("33.3%");
  });

  it("ranks the scored models from most to least accurate", () => {
    const acc = (c: number) => tally(items, items.map((it, i) => score(it.id, i < c)));
    expect(ranking({ "tiny-moe": acc(7), tiny: acc(20), trigram: acc(17) })).toEqual(["tiny", "trigram", "tiny-moe"]);
    expect(ranking({})).toEqual([]);
  });
});

describe("reading an item's probabilities", () => {
  const read = (probabilities: number[], chosen: number, answer: number) => classify({ probabilities, chosen }, answer);

  it("calls a wrong pick holding 60% or more confidently wrong", () => {
    expect(read([0.1, 0.72, 0.1, 0.08], 1, 0)).toBe("confidentlyWrong");
    expect(read([0.2, 0.6, 0.1, 0.1], 1, 0)).toBe("confidentlyWrong");
  });

  it("calls a wrong pick less than 15 points ahead torn", () => {
    expect(read([0.3, 0.35, 0.2, 0.15], 1, 0)).toBe("torn");
    expect(read([0.1, 0.4, 0.26, 0.24], 1, 0)).toBe("torn");
  });

  it("calls any other wrong pick leaning wrong", () => {
    expect(read([0.1, 0.55, 0.2, 0.15], 1, 0)).toBe("leaningWrong");
  });

  it("calls a right answer less than 10 points ahead right by a hair, else clearly right", () => {
    expect(read([0.33, 0.27, 0.2, 0.2], 0, 0)).toBe("rightByAHair");
    expect(read([0.45, 0.3, 0.15, 0.1], 0, 0)).toBe("clearlyRight");
    expect(read([0.9, 0.05, 0.03, 0.02], 0, 0)).toBe("clearlyRight");
  });

  it("measures a candidate's lead over the best of the others", () => {
    expect(lead([0.5, 0.3, 0.1, 0.1], 0)).toBeCloseTo(0.2, 10);
    expect(lead([0.5, 0.3, 0.1, 0.1], 1)).toBeCloseTo(-0.2, 10);
    expect(formatPoints(0.066)).toBe("6.6");
    expect(formatPoints(0.2)).toBe("20");
    expect(formatProbability(0.004)).toBe("<1%");
    expect(formatProbability(0.634)).toBe("63%");
    expect(formatProbability(0)).toBe("0%");
  });
});

describe("how an item reads", () => {
  it("puts a visible blank where a cloze item's candidate goes", () => {
    expect(clozeText({ before: "百行既无点，三黜道", after: "。" })).toBe("百行既无点，三黜道____。");
    expect(clozeText({ before: '"I never heard him ', after: " Anne twice." })).toBe('"I never heard him ____ Anne twice.');
  });

  it("gives a next-line item's line without the joining space or line break", () => {
    expect(givenLine({ before: "远水湛寒碧，独钓绿蓑翁。\n" })).toBe("远水湛寒碧，独钓绿蓑翁。");
    expect(givenLine({ before: "She cried. " })).toBe("She cried.");
  });

  it("previews an item on one line, line breaks as slashes", () => {
    expect(preview({ kind: "cloze", before: "高情遗轩冕，降志救世人。\n百行既无点，三黜道", after: "。" })).toBe(
      "高情遗轩冕，降志救世人。 / 百行既无点，三黜道____。",
    );
    expect(preview({ kind: "nextLine", before: "远水湛寒碧，独钓绿蓑翁。\n", after: "" })).toBe("远水湛寒碧，独钓绿蓑翁。");
  });
});

describe("filters", () => {
  const tinyScores = fakeScores(items, "tiny");

  it("lets everything through with no filter", () => {
    expect(filterItems(items, NO_FILTER, {})).toHaveLength(40);
  });

  it("filters by language and by kind", () => {
    const zh = filterItems(items, { ...NO_FILTER, language: "zh" }, {});
    expect(zh).toHaveLength(20);
    expect(zh.every((i) => i.language === "zh")).toBe(true);
    const enNext = filterItems(items, { ...NO_FILTER, language: "en", kind: "nextLine" }, {});
    expect(enNext.map((i) => i.id)).toEqual(Array.from({ length: 10 }, (_, n) => `en-next-${String(n + 1).padStart(2, "0")}`));
  });

  it("keeps only the items a model got wrong, combined with the other filters", () => {
    const wrong = filterItems(items, { ...NO_FILTER, wrongFor: "tiny" }, { tiny: tinyScores });
    expect(wrong).toHaveLength(20);
    const wrongIds = new Set(tinyScores.filter((s) => !s.correct).map((s) => s.id));
    expect(wrong.every((i) => wrongIds.has(i.id))).toBe(true);
    expect(filterItems(items, { language: "zh", kind: "all", wrongFor: "tiny" }, { tiny: tinyScores })).toHaveLength(10);
  });

  it("ignores 'wrong for' a model that has not been scored", () => {
    expect(filterItems(items, { ...NO_FILTER, wrongFor: "tiny-moe" }, { tiny: tinyScores })).toHaveLength(40);
  });
});
