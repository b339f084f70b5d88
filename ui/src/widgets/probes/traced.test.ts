import { describe, expect, it } from "vitest";
import { token } from "../../generation/fixtures";
import type { Candidate } from "../../lib/generated/Candidate";
import type { TokenView } from "../../lib/generated/TokenView";
import {
  answerMass,
  argmax,
  extremes,
  formatRatio,
  groupTokens,
  meanEntropy,
  meanSurprise,
  namesAnswer,
  normalizeAnswer,
  perplexity,
  promptProblem,
  ratio,
  showWhitespace,
  startsAnswer,
  stepAfter,
  surprise,
  tally,
  tokenText,
} from "./traced";

const piece = (id: number, bytes: number[]): TokenView =>
  token(id, `<${bytes.map((b) => b.toString(16).toUpperCase()).join(" ")}>`, { bytes, partial: true });
const cand = (t: TokenView, probability: number): Candidate => ({ token: t, logit: 0, probability, temperedProbability: probability, samplingProbability: probability });

describe("groupTokens", () => {
  it("joins byte pieces until the character is whole", () => {
    // 《 is E3 80 8A.
    const tokens = [token(1, "李"), piece(2, [0xe3, 0x80]), piece(3, [0x8a]), token(4, "白")];
    const groups = groupTokens(tokens);
    expect(groups.map((g) => [g.start, g.end, g.text, g.partial])).toEqual([
      [0, 1, "李", false],
      [1, 3, "《", true],
      [3, 4, "白", false],
    ]);
  });
  it("leaves a piece that never completes as its bytes", () => {
    const groups = groupTokens([token(1, "a"), piece(2, [0xe3, 0x80])]);
    expect(groups[1]).toMatchObject({ start: 1, end: 2, text: "<E3 80>", partial: true });
  });
  it("keeps special tokens apart", () => {
    const end = token(0, "<|endoftext|>", { bytes: [], special: true });
    expect(groupTokens([piece(2, [0xe3, 0x80]), end]).map((g) => g.special)).toEqual([false, true]);
  });
});

describe("showing tokens", () => {
  it("makes whitespace visible and faint", () => {
    expect(showWhitespace(" car\n")).toEqual([
      { text: "·", whitespace: true },
      { text: "car", whitespace: false },
      { text: "↵", whitespace: true },
    ]);
    expect(tokenText(token(0, "<|endoftext|>", { special: true }))).toBe("⟨endoftext⟩");
  });
});

describe("surprise and perplexity", () => {
  it("is −ln p, averaged, and e to that", () => {
    expect(surprise(1)).toBeCloseTo(0);
    expect(surprise(Math.exp(-2))).toBeCloseTo(2);
    expect(meanSurprise([Math.exp(-1), Math.exp(-3)])).toBeCloseTo(2);
    expect(perplexity([0.5, 0.5])).toBeCloseTo(2);
    expect(perplexity([0.1, 0.1, 0.1])).toBeCloseTo(10);
    expect(Number.isNaN(perplexity([]))).toBe(true);
    expect(Number.isFinite(surprise(0))).toBe(true);
  });
  it("averages entropy and compares", () => {
    expect(meanEntropy([1, 2, 3])).toBeCloseTo(2);
    expect(Number.isNaN(meanEntropy([]))).toBe(true);
    expect(ratio(4, 12)).toBeCloseTo(3);
    expect(Number.isNaN(ratio(0, 3))).toBe(true);
    expect(formatRatio(3.14)).toBe("3.1");
    expect(formatRatio(42.4)).toBe("42");
    expect(formatRatio(9.99999)).toBe("10");
    expect(formatRatio(1240.2)).toBe("1,240");
    expect(formatRatio(NaN)).toBe("—");
  });
});

describe("extremes", () => {
  it("finds the surest and most torn, never both", () => {
    expect(extremes([2, 0.1, 3, 0.2, 5, 1], 2)).toEqual({ surest: [1, 3], torn: [4, 2] });
    expect(extremes([1, 1, 1, 1], 3)).toEqual({ surest: [0, 1], torn: [2, 3] });
    expect(extremes([1], 3)).toEqual({ surest: [], torn: [] });
    expect(argmax([1, 3, 3])).toBe(1);
    expect(argmax([])).toBe(-1);
  });
});

describe("the right answer's mass", () => {
  const li = token(10, "李");
  const du = token(11, "杜");
  const liPiece = piece(12, [0xe6, 0x9d]); // the first two bytes of 李 (E6 9D 8E)
  it("counts candidates that begin the answer, byte pieces too", () => {
    expect(startsAnswer(li, "李白")).toBe(true);
    expect(startsAnswer(liPiece, "李白")).toBe(true);
    expect(startsAnswer(du, "李白")).toBe(false);
    expect(startsAnswer(token(13, " Li"), "Li Bai")).toBe(true);
    expect(startsAnswer(token(0, "<|endoftext|>", { bytes: [], special: true }), "李白")).toBe(false);
    const mass = answerMass([cand(du, 0.5), cand(li, 0.2), cand(liPiece, 0.05)], "李白");
    expect(mass.right).toBeCloseTo(0.25);
    expect(mass.rest).toBeCloseTo(0.75);
    expect(mass.shown).toBeCloseTo(0.75);
    expect(mass.listed).toBe(true);
    // No listed candidate starts 柳宗元: its share is below the smallest one listed, not zero.
    const unlisted = answerMass([cand(du, 0.5), cand(li, 0.2), cand(liPiece, 0.05)], "柳宗元");
    expect(unlisted.listed).toBe(false);
    expect(unlisted.below).toBeCloseTo(0.05);
  });
  it("finds the step after the author marker", () => {
    const tokens = [token(1, "《"), token(2, "送"), token(3, "》"), token(4, "的"), token(5, "作者"), token(6, "是"), token(7, "李"), token(8, "白")];
    expect(stepAfter(tokens, ["作者是"])).toBe(6);
    expect(stepAfter(tokens, ["nothing"])).toBe(-1);
  });
});

describe("agreement", () => {
  it("normalises and tallies answers", () => {
    expect(normalizeAnswer(" 《送李白居》的作者是李白。 ")).toBe("《送李白居》的作者是李白");
    expect(normalizeAnswer("The Model.")).toBe("the model");
    expect(tally(["甲。", "乙", "甲", "丙", "乙。"])).toEqual([
      { answer: "甲。", count: 2 },
      { answer: "乙", count: 2 },
      { answer: "丙", count: 1 },
    ]);
    expect(namesAnswer("作者是李白。", "李白")).toBe(true);
    expect(namesAnswer("作者是杜甫。", "李白")).toBe(false);
  });
  it("refuses empty and long prompts", () => {
    expect(promptProblem("  ")).toBe("empty");
    expect(promptProblem("好".repeat(4001))).toBe("long");
    expect(promptProblem("好".repeat(4000))).toBe(null);
  });
});
