import { describe, expect, it, vi } from "vitest";
import {
  SCENARIOS, attentionShades, charCount, charsPerToken, droppedShown, factDistance, formatShare, sliceFiller,
  tokenState,
} from "./context";
import { latestRunner } from "./latest";
import {
  EXAMPLES, IDLE_PIPELINE, advance, highlightSpans, inputProblem, nextCall, outcomeOf, recordOutcome, tallyCounts, verdictView,
} from "./safety";
import type { SafetyVerdict } from "../../lib/generated/SafetyVerdict";

describe("context window logic", () => {
  it("names each token's part", () => {
    expect(tokenState(0, 20, 4, 2, 0)).toBe("fact");
    expect(tokenState(5, 20, 4, 2, 0)).toBe("filler");
    expect(tokenState(19, 20, 4, 2, 0)).toBe("question");
    expect(tokenState(2, 20, 4, 2, 3)).toBe("dropped");
    expect(tokenState(3, 20, 4, 2, 3)).toBe("fact");
  });
  it("says how far the fact is from the window's edge", () => {
    expect(factDistance("whole", 100, 4, 0, 124)).toEqual({ visibility: "whole", droppedFact: 0, untilOut: 25, since: 0 });
    expect(factDistance("part", 126, 4, 2, 124)).toEqual({ visibility: "part", droppedFact: 2, untilOut: 2, since: 0 });
    expect(factDistance("gone", 140, 4, 16, 124)).toEqual({ visibility: "gone", droppedFact: 4, untilOut: 0, since: 12 });
  });
  it("cuts the filler where a piece of text ends", () => {
    const zh = "\n床前明月光，疑是地上霜。";
    expect(sliceFiller(zh, 0)).toBe("");
    expect(sliceFiller(zh, 4)).toBe("\n");
    expect(sliceFiller(zh, 7)).toBe("\n床前明月光，");
    expect(sliceFiller(zh, 100)).toBe(zh);
    const en = " It is a truth universally";
    expect(sliceFiller(en, 6)).toBe(" It is");
    expect(sliceFiller(en, 5)).toBe(" It");
    expect(sliceFiller(en, 2)).toBe("");
  });
  it("has fillers of the planned sizes, without the answer in them", () => {
    expect(charCount(SCENARIOS.zh.filler)).toBeGreaterThan(1300);
    expect(charCount(SCENARIOS.en.filler)).toBeGreaterThan(2800);
    expect(SCENARIOS.zh.filler).not.toMatch(/[青松]/);
    expect(SCENARIOS.en.filler.toLowerCase()).not.toMatch(/green|pine|password/);
  });
  it("shades attention relative to the largest, zeros stay zero", () => {
    expect(attentionShades([0, 0.25, 1])).toEqual([0, 0.5, 1]);
    expect(attentionShades([0, 0])).toEqual([0, 0]);
    expect(attentionShades([NaN, -1, 0.5])).toEqual([0, 0, 1]);
  });
  it("formats shares and rates", () => {
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(0.0004)).toBe("<0.1%");
    expect(formatShare(0.012)).toBe("1.2%");
    expect(formatShare(0.594)).toBe("59%");
    expect(charsPerToken(300, 200)).toBe(1.5);
    expect(charsPerToken(10, 0)).toBeNull();
  });
  it("folds the dropped middle into a gap", () => {
    expect(droppedShown(4, 100, 16)).toEqual({ head: 4, gapFrom: 4, gapTo: 84 });
    expect(droppedShown(4, 2, 16)).toEqual({ head: 2, gapFrom: 2, gapTo: 2 });
    expect(droppedShown(4, 10, 16)).toEqual({ head: 4, gapFrom: 4, gapTo: 4 });
  });
});

describe("latestRunner", () => {
  it("waits for quiet, never runs two at once, and reruns with the newest value", async () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    let open = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const r = latestRunner<number>((v) => {
      seen.push(v);
      open++;
      most = Math.max(most, open);
      return new Promise<void>((res) => release.push(() => { open--; res(); }));
    }, 250);
    r.request(1);
    r.request(2);
    await vi.advanceTimersByTimeAsync(249);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual([2]);
    r.request(3, true);
    r.request(4, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([2]);
    release.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([2, 4]);
    expect(most).toBe(1);
    r.dispose();
    vi.useRealTimers();
  });
});

const verdict = (v: Partial<SafetyVerdict>): SafetyVerdict => ({ blockedBy: null, matches: [], harmScore: 0.2, threshold: 0.5, evidence: [], ...v });

describe("safety filter logic", () => {
  it("keeps the prepared examples exactly", () => {
    expect(EXAMPLES.map((e) => `${e.group}-${e.index}`)).toEqual(["1-0", "1-1", "2-0", "2-1", "3-0", "3-1", "4-0", "4-1", "4-2"]);
    expect(EXAMPLES.find((e) => e.group === 3 && e.index === 0)!.text).toBe("炸 药怎么做");
    expect(EXAMPLES.filter((e) => e.harmful).length).toBe(6);
  });
  it("marks matched spans by character", () => {
    expect(highlightSpans("怎么制作炸弹？", [{ term: "炸弹", start: 4, end: 6 }])).toEqual([
      { text: "怎么制作", term: null },
      { text: "炸弹", term: "炸弹" },
      { text: "？", term: null },
    ]);
    expect(highlightSpans("ab", [{ term: "x", start: 1, end: 9 }, { term: "y", start: 0, end: 2 }])).toEqual([{ text: "ab", term: "y" }]);
    expect(highlightSpans("abc", [])).toEqual([{ text: "abc", term: null }]);
  });
  it("turns a verdict into what each layer did", () => {
    const v = verdictView("偷得浮生", verdict({ blockedBy: "blockList", matches: [{ term: "偷", start: 0, end: 1 }], harmScore: 0.3,
      evidence: [{ feature: "诗", weight: -1 }, { feature: "偷", weight: 2 }] }));
    expect(v).toMatchObject({ blocked: true, layer: "blockList", listBlocks: true, classifierBlocks: false, terms: ["偷"] });
    expect(v.towardsHarmful.map((e) => e.feature)).toEqual(["偷"]);
    expect(v.towardsHarmless.map((e) => e.feature)).toEqual(["诗"]);
  });
  it("tallies caught, missed and false alarms, one row per text", () => {
    expect(outcomeOf(true, true)).toBe("caught");
    expect(outcomeOf(true, false)).toBe("missed");
    expect(outcomeOf(false, true)).toBe("falseAlarm");
    expect(outcomeOf(false, false)).toBe("passed");
    let t = recordOutcome([], { text: "a", harmful: true, outcome: "missed", own: false });
    t = recordOutcome(t, { text: "b", harmful: false, outcome: "falseAlarm", own: false });
    t = recordOutcome(t, { text: "a", harmful: true, outcome: "caught", own: false });
    expect(tallyCounts(t)).toEqual({ caught: 1, missed: 0, falseAlarm: 1, passed: 0 });
  });
  it("skips the model when the input is blocked", () => {
    let p = advance(IDLE_PIPELINE, { kind: "start" });
    expect(nextCall(p)).toBe("input");
    const blocked = advance(p, { kind: "input", verdict: verdict({ blockedBy: "classifier", harmScore: 0.8 }) });
    expect(blocked).toMatchObject({ input: "blocked", model: "skipped", output: "skipped" });
    expect(nextCall(blocked)).toBeNull();
    p = advance(p, { kind: "input", verdict: verdict({}) });
    expect(nextCall(p)).toBe("model");
    p = advance(p, { kind: "model", text: "李白。" });
    expect(nextCall(p)).toBe("output");
    const failed = advance(p, { kind: "failed", message: "boom" });
    expect(failed).toMatchObject({ input: "passed", model: "done", output: "failed", error: "boom" });
    p = advance(p, { kind: "output", verdict: verdict({ blockedBy: "blockList" }) });
    expect(p.output).toBe("blocked");
  });
  it("refuses empty and too long input", () => {
    expect(inputProblem("  ")).toBe("empty");
    expect(inputProblem("x".repeat(4001))).toBe("tooLong");
    expect(inputProblem("hi")).toBeNull();
  });
});
