import { describe, expect, it } from "vitest";
import { OVERFIT_RISE, detectDivergence, detectOverfitting, lowestRun, outcomeOf } from "./analysis";
import { formatDate, formatDuration, formatInt, formatLoss, formatLr } from "./format";
import type { RunHistory } from "./history.svelte";
import {
  BASE_JOB,
  CUSTOM_DEFAULTS,
  EXPERIMENT_PRESETS,
  KNOBS,
  KNOB_CHOICES,
  MAX_VALUES,
  MIN_VALUES,
  applySetting,
  buildSeries,
  customSettings,
  evalIntervalFor,
  newSeriesId,
  type PretrainJob,
} from "./presets";
import { checkText, decodeUtf8, readTextFile } from "./textfile";
import { experimentStrings } from "./strings";
import { summary } from "./testLab";

const pts = (pairs: [number, number | null][]) => pairs.map(([step, loss]) => ({ step, loss }));

describe("overfitting", () => {
  it("finds the lowest validation loss and the rise after it", () => {
    const val = pts([
      [20, 6.0],
      [40, 5.1],
      [60, 4.8],
      [80, 4.9],
      [100, 5.2],
    ]);
    expect(detectOverfitting(val)).toEqual({ minStep: 60, minLoss: 4.8, laterStep: 100, laterLoss: 5.2 });
  });

  it("takes the peak when the curve came back down near its minimum", () => {
    const val = pts([
      [10, 6],
      [20, 4.8],
      [30, 5.0],
      [40, 4.82],
    ]);
    const o = detectOverfitting(val)!;
    expect(o.laterStep).toBe(30);
    expect(o.laterLoss).toBe(5.0);
  });

  it("needs a rise of at least OVERFIT_RISE", () => {
    expect(OVERFIT_RISE).toBe(0.05);
    expect(detectOverfitting(pts([[10, 6], [20, 4.8], [30, 4.84]]))).toBeNull();
    expect(detectOverfitting(pts([[10, 6], [20, 4.8], [30, 4.86]]))).not.toBeNull();
    // Falling all the way: no overfitting.
    expect(detectOverfitting(pts([[10, 6], [20, 5], [30, 4.5], [40, 4.4]]))).toBeNull();
  });

  it("ignores points that are not numbers and wants three points", () => {
    expect(detectOverfitting(pts([[10, 6], [20, 5]]))).toBeNull();
    expect(detectOverfitting(pts([[10, 6], [20, null], [30, 5], [40, 5.3]]))).toEqual({ minStep: 30, minLoss: 5, laterStep: 40, laterLoss: 5.3 });
    // Out of order points are read in step order.
    expect(detectOverfitting(pts([[30, 5.3], [10, 6], [20, 5]]))?.minStep).toBe(20);
  });
});

describe("divergence", () => {
  it("is a loss that stopped being a number, or one that ended above where it started", () => {
    expect(detectDivergence(8.6, null, 41)).toEqual({ kind: "nan", step: 41 });
    expect(detectDivergence(8.6, 9.3, null)).toEqual({ kind: "rose", first: 8.6, last: 9.3 });
    expect(detectDivergence(8.6, 4.2, null)).toBeNull();
    expect(detectDivergence(null, 4.2, null)).toBeNull();
  });
});

describe("a run's outcome", () => {
  const h = (over: Partial<RunHistory>): RunHistory => ({ firstTrain: null, lastTrain: null, nonFiniteAt: null, val: [], samples: [], ...over });

  it("reads the curves this session recorded", () => {
    const o = outcomeOf(
      summary("a", { name: "data 3,000 tokens", trainLoss: 2.1, valLoss: 5.4 }),
      h({
        firstTrain: { step: 1, loss: 8.61 },
        lastTrain: { step: 600, loss: 2.1 },
        val: pts([[100, 5.5], [200, 4.9], [300, 5.0], [600, 5.4]]),
      }),
    );
    expect(o.firstTrain).toBe(8.61);
    expect(o.lastTrain).toBe(2.1);
    expect(o.finalVal).toBe(5.4);
    expect(o.finalValStep).toBe(600);
    expect(o.diverged).toBeNull();
    expect(o.overfit).toEqual({ minStep: 200, minLoss: 4.9, laterStep: 600, laterLoss: 5.4 });
  });

  it("calls a NaN loss divergence, with the step it happened", () => {
    const o = outcomeOf(
      summary("b", { trainLoss: null, valLoss: null }),
      h({ firstTrain: { step: 1, loss: 8.6 }, lastTrain: { step: 200, loss: null }, nonFiniteAt: 37, val: pts([[20, 8.9], [40, null]]) }),
    );
    expect(o.diverged).toEqual({ kind: "nan", step: 37 });
  });

  it("without curves, starts from ln(vocabulary) and reads a missing final loss as NaN", () => {
    const fine = outcomeOf(summary("c", { trainLoss: 4.2, valLoss: 4.4 }));
    expect(fine.firstTrain).toBeCloseTo(Math.log(5120), 6);
    expect(fine.diverged).toBeNull();
    expect(fine.finalVal).toBe(4.4);
    expect(outcomeOf(summary("d", { trainLoss: 9.7 })).diverged).toEqual({ kind: "rose", first: Math.log(5120), last: 9.7 });
    expect(outcomeOf(summary("e", { trainLoss: null, step: 200 })).diverged?.kind).toBe("nan");
    // A failed run is a failure, not a divergence.
    expect(outcomeOf(summary("f", { status: "failed", trainLoss: null, error: "boom" })).diverged).toBeNull();
  });

  it("names the lowest final validation loss among the runs that did not diverge", () => {
    const outcomes = [
      outcomeOf(summary("a", { valLoss: 4.9, trainLoss: 4.7 })),
      outcomeOf(summary("b", { valLoss: 4.3, trainLoss: 4.1 })),
      outcomeOf(summary("c", { valLoss: 1.0, trainLoss: 9.9 })), // diverged: ignored
      outcomeOf(summary("d", { status: "failed", valLoss: 0.5, error: "x" })),
    ];
    expect(lowestRun(outcomes)?.id).toBe("b");
    expect(lowestRun([])).toBeNull();
  });

  it("is said with its real numbers, in both languages", () => {
    const o = { minStep: 180, minLoss: 3.92, laterStep: 600, laterLoss: 5.35 };
    expect(experimentStrings.en.overfit("data 3,000 tokens", o)).toBe(
      "“data 3,000 tokens”: overfitting. Validation loss was lowest at step 180 (3.92) and rose to 5.35 by step 600.",
    );
    expect(experimentStrings.zh.overfit("数据 3,000 词元", o)).toBe("“数据 3,000 词元”：过拟合。验证损失在第 180 步最低（3.92），到第 600 步又升到 5.35。");
    expect(experimentStrings.en.diverged("lr 3", { kind: "rose", first: 8.55, last: 9.01 })).toContain("ended at 9.01, higher than the 8.55");
    expect(experimentStrings.zh.diverged("学习率 3", { kind: "nan", step: 12 })).toContain("从第 12 步起");
  });
});

describe("the presets", () => {
  /** The fields in which two jobs differ. */
  function differing(a: PretrainJob, b: PretrainJob): string[] {
    const flat = (j: PretrainJob) => ({ ...j, ...Object.fromEntries(Object.entries(j.design).map(([k, v]) => [`design.${k}`, v])), design: 0 });
    const fa = flat(a) as Record<string, unknown>;
    const fb = flat(b) as Record<string, unknown>;
    return Object.keys(fa).filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]));
  }

  const knobFields: Record<string, string[]> = {
    lr: ["peakLr"],
    size: ["design.layers", "design.hidden", "design.heads"],
    dataTokens: ["dataTokens"],
    steps: ["steps", "evalInterval"],
    noise: ["noise"],
  };

  it("each turn one knob, every run sharing one series and the rest of the base", () => {
    expect(EXPERIMENT_PRESETS.map((p) => p.key)).toEqual(["divergence", "underfitting", "overfitting", "noise"]);
    for (const preset of EXPERIMENT_PRESETS) {
      const knob = preset.settings[0].knob;
      expect(preset.settings.every((s) => s.knob === knob)).toBe(true);
      const requests = buildSeries(preset.settings, preset.base, 5120, "exp-1", experimentStrings.en.runName);
      expect(requests.length).toBeGreaterThanOrEqual(2);
      expect(new Set(requests.map((r) => r.series))).toEqual(new Set(["exp-1"]));
      expect(new Set(requests.map((r) => r.name)).size).toBe(requests.length);
      const jobs = requests.map((r) => r.job as PretrainJob);
      for (const job of jobs.slice(1)) {
        const diff = differing(jobs[0], job);
        expect(diff.length).toBeGreaterThan(0);
        for (const field of diff) expect(knobFields[knob]).toContain(field);
      }
      for (const job of jobs) expect(job.design.vocab).toBe(5120);
    }
  });

  it("are the lesson's experiments", () => {
    const by = Object.fromEntries(EXPERIMENT_PRESETS.map((p) => [p.key, p]));
    expect(by.divergence.settings.map((s) => s.value)).toEqual([3e-4, 3e-3, 3]);
    expect(by.underfitting.settings[0]).toEqual({ knob: "size", value: { layers: 1, hidden: 16, heads: 2 } });
    expect(by.overfitting.settings.map((s) => s.value)).toContain(3000);
    expect(by.noise.settings.map((s) => s.value)).toEqual([0, 0.5]);
    const names = buildSeries(by.divergence.settings, {}, 5120, "s", experimentStrings.en.runName).map((r) => r.name);
    expect(names).toEqual(["lr 0.0003", "lr 0.003", "lr 3"]);
    expect(buildSeries(by.divergence.settings, {}, 5120, "s", experimentStrings.zh.runName).map((r) => r.name)).toEqual([
      "学习率 0.0003",
      "学习率 0.003",
      "学习率 3",
    ]);
  });

  it("start from the lesson's base configuration", () => {
    expect(BASE_JOB).toEqual({
      kind: "pretrain",
      design: { layers: 2, hidden: 64, heads: 4, context: 64, vocab: 5120 },
      data: { kind: "bundled", zhFraction: 0.5 },
      steps: 200,
      batchSize: 8,
      seqLen: 64,
      peakLr: 3e-3,
      seed: 1,
      evalInterval: 20,
      dataTokens: null,
      noise: 0,
    });
    // Applying a setting never changes the base itself.
    const copy = structuredClone(BASE_JOB);
    applySetting(BASE_JOB, { knob: "size", value: { layers: 4, hidden: 128, heads: 4 } });
    expect(BASE_JOB).toEqual(copy);
  });

  it("offer custom values within the limits, defaults included", () => {
    for (const knob of KNOBS) {
      const defaults = CUSTOM_DEFAULTS[knob];
      expect(defaults.length).toBeGreaterThanOrEqual(MIN_VALUES);
      expect(defaults.length).toBeLessThanOrEqual(MAX_VALUES);
      for (const i of defaults) expect(KNOB_CHOICES[knob][i]).not.toBeUndefined();
      const settings = customSettings(knob, [...defaults].reverse());
      expect(settings.map((s) => s.knob)).toEqual(defaults.map(() => knob));
    }
    expect(customSettings("steps", [3, 1]).map((s) => s.value)).toEqual([100, 400]);
    expect(newSeriesId(1234)).toBe("exp-1234");
    expect(evalIntervalFor(100)).toBe(10);
    expect(evalIntervalFor(300)).toBe(30);
    expect(evalIntervalFor(5000)).toBe(100);
  });
});

describe("formatting", () => {
  it("writes losses, counts, times and learning rates plainly", () => {
    expect(formatLoss(4.126)).toBe("4.13");
    expect(formatLoss(null)).toBe("—");
    expect(formatLoss(NaN)).toBe("—");
    expect(formatInt(12345.4)).toBe("12,345");
    expect(formatDuration(45, "en")).toBe("45 s");
    expect(formatDuration(200, "en")).toBe("3 min 20 s");
    expect(formatDuration(3900, "en")).toBe("1 h 05 min");
    expect(formatDuration(200, "zh")).toBe("3 分 20 秒");
    expect(formatDuration(120, "zh")).toBe("2 分钟");
    expect(formatLr(3e-3)).toBe("0.003");
    expect(formatLr(1e-4)).toBe("0.0001");
    expect(formatLr(2e-5)).toBe("2e-5");
    expect(formatLr(0.3)).toBe("0.3");
    expect(formatLr(3)).toBe("3");
    expect(formatDate(new Date(2026, 10, 28, 9, 5).getTime() / 1000)).toBe("2026-11-28 09:05");
  });
});

describe("a text file to train on", () => {
  const enc = new TextEncoder();
  const fileOf = (bytes: Uint8Array<ArrayBuffer> | string, name = "essay.txt") =>
    new File([typeof bytes === "string" ? enc.encode(bytes) : bytes], name, { type: "text/plain" });

  it("decodes strict UTF-8 and refuses anything else", () => {
    expect(decodeUtf8(enc.encode("明月几时有"))).toBe("明月几时有");
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("A");
    // "中文" in GBK.
    expect(decodeUtf8(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBeNull();
  });

  it("checks that there is enough text, counting characters as people do", () => {
    expect(checkText(" \n\t ")).toEqual({ kind: "empty" });
    expect(checkText("明".repeat(1999))).toEqual({ kind: "tooShort", chars: 1999, min: 2000 });
    expect(checkText("明".repeat(2000))).toBeNull();
  });

  it("refuses a file over the limit before reading it", async () => {
    const file = fileOf("x".repeat(10));
    Object.defineProperty(file, "size", { value: 21 * 1024 * 1024 });
    let read = false;
    Object.defineProperty(file, "arrayBuffer", { value: () => ((read = true), Promise.resolve(new ArrayBuffer(0))) });
    expect(await readTextFile(file)).toEqual({ ok: false, name: "essay.txt", problem: { kind: "tooBig", bytes: 21 * 1024 * 1024, limit: 20 * 1024 * 1024 } });
    expect(read).toBe(false);
  });

  it("reads a good one", async () => {
    const text = "It is a truth universally acknowledged. ".repeat(60);
    const got = await readTextFile(fileOf(text));
    expect(got).toEqual({ ok: true, name: "essay.txt", text, chars: text.length, bytes: enc.encode(text).length });
    expect((await readTextFile(fileOf(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4])))).ok).toBe(false);
  });
});
