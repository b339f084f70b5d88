import "../../generation/testSetup";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { DesignReport, ModelDesign, TrainingLab } from "../training/api";
import ModelDesigner from "./ModelDesigner.svelte";
import { ModelDesigner as Exported } from "./index";
import {
  BUDGET,
  DEBOUNCE_MS,
  TINY,
  compareSize,
  formatBytes,
  formatExact,
  formatLarge,
  formatShare,
  formatSpan,
  headsThatFit,
  logPosition,
  memoryParts,
  parseWhole,
  presetOf,
  readDesign,
  roundTimes,
  stepped,
  vocabularyEnds,
} from "./design";

// ----- a stand-in for the trainer's arithmetic ---------------------------------------------

/** A Llama-style count (untied head, gated feed-forward of ⌈8d/3⌉ rounded to 8), as the trainer. */
function count(d: ModelDesign): number {
  const ffn = Math.ceil((8 / 3) * d.hidden / 8) * 8;
  return 2 * d.vocab * d.hidden + d.layers * (4 * d.hidden * d.hidden + 3 * d.hidden * ffn + 2 * d.hidden) + d.hidden;
}

function fakeReport(d: ModelDesign, batch: number, seq: number, steps: number, overrides: Partial<DesignReport> = {}): DesignReport {
  const parameters = count(d);
  const flopsPerToken = 6 * parameters;
  const measuredFlopsPerSecond = 2e10;
  const secondsPerStep = (flopsPerToken * batch * seq) / measuredFlopsPerSecond;
  return {
    problem: null,
    parameters,
    embeddingParameters: d.vocab * d.hidden,
    weightBytes: 4 * parameters,
    trainingBytes: 16 * parameters + batch * seq * d.hidden * d.layers * 40,
    flopsPerToken,
    measuredFlopsPerSecond,
    stepOverheadSeconds: 0,
    secondsPerStep,
    estimatedSeconds: secondsPerStep * steps,
    tooSlow: secondsPerStep * steps > 600,
    tokenizerVocab: 5120,
    ...overrides,
  };
}

type Design = TrainingLab["design"];

function fakeLab(impl?: Design) {
  return { design: vi.fn<Design>(impl ?? (async (d, b, s, n) => fakeReport(d, b, s, n))) };
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const box = (field: string) => screen.getByTestId(`designer-${field}`) as HTMLInputElement;
const params = () => screen.getByTestId("designer-parameters");

async function type(field: string, value: string) {
  await fireEvent.input(box(field), { target: { value } });
}

beforeEach(() => {
  locale.lang = "en";
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the model designer", () => {
  it("asks for tiny at once and shows the trainer's exact count, memory and time", async () => {
    const lab = fakeLab();
    render(Exported, { lab });
    await vi.advanceTimersByTimeAsync(0);
    expect(lab.design).toHaveBeenCalledTimes(1);
    expect(lab.design).toHaveBeenCalledWith(TINY, BUDGET.batchSize, 128, BUDGET.defaultSteps);

    expect(params().dataset.value).toBe("2498176");
    expect(params().textContent).toContain("2,498,176");
    // Both vocabulary ends: 2 × 5,120 × 128 of 2,498,176.
    expect(screen.getByTestId("designer-ends").textContent).toContain("1,310,720, 52%");
    const memory = screen.getByTestId("designer-memory").textContent!;
    expect(memory).toContain(formatBytes(4 * 2_498_176));
    expect(memory).toContain("AdamW");
    const time = screen.getByTestId("designer-time").textContent!;
    expect(time).toContain("300 steps");
    expect(time).toContain("16 × 128 = 2,048 tokens");
    expect(screen.queryByTestId("designer-warning")).toBeNull();
    // tiny, the trainer's own count, sits on the scale beside the famous models.
    const refs = screen.getAllByTestId("designer-reference").map((r) => r.dataset.key);
    expect(refs).toEqual(["tiny", "gpt2", "gpt3"]);
    expect(screen.getByTestId("designer-compare").textContent).toContain("the size of tiny");
    expect(screen.getByTestId("designer-compare").textContent).toContain("1/50 of GPT-2 small");
    expect(screen.getByTestId("designer-vocab-note").textContent).toContain("5,120");
  });

  it("waits until the knobs are still for a moment, then asks once", async () => {
    const lab = fakeLab();
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    lab.design.mockClear();

    await type("layers", "1");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 50);
    await type("layers", "12");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    expect(lab.design).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(lab.design).toHaveBeenCalledTimes(1);
    expect(lab.design.mock.calls[0][0]).toEqual({ ...TINY, layers: 12 });
    expect(params().dataset.value).toBe(String(count({ ...TINY, layers: 12 })));
  });

  it("shows the newest design's answer even when an older answer comes back later", async () => {
    const answers: { design: ModelDesign; wait: ReturnType<typeof deferred<DesignReport>> }[] = [];
    const lab = fakeLab((design) => {
      const wait = deferred<DesignReport>();
      answers.push({ design, wait });
      return wait.promise;
    });
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    answers[0].wait.resolve(fakeReport(TINY, 16, 128, 300));
    await vi.advanceTimersByTimeAsync(0);

    await type("hidden", "256");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await type("hidden", "512");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(answers.map((a) => a.design.hidden)).toEqual([128, 256, 512]);

    answers[2].wait.resolve(fakeReport(answers[2].design, 16, 128, 300));
    await vi.advanceTimersByTimeAsync(0);
    expect(params().dataset.value).toBe(String(count({ ...TINY, hidden: 512 })));
    answers[1].wait.resolve(fakeReport(answers[1].design, 16, 128, 300));
    await vi.advanceTimersByTimeAsync(0);
    expect(params().dataset.value).toBe(String(count({ ...TINY, hidden: 512 })));
  });

  it("shows the trainer's problem, and the head counts that would fit", async () => {
    const lab = fakeLab(async (d, b, s, n) =>
      fakeReport(d, b, s, n, d.hidden % d.heads ? { problem: `${d.heads} heads do not divide the width ${d.hidden}` } : {}),
    );
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    await type("heads", "5");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);

    expect(lab.design).toHaveBeenLastCalledWith({ ...TINY, heads: 5 }, 16, 128, 300);
    const warning = screen.getByTestId("designer-warning");
    expect(warning.dataset.kind).toBe("problem");
    expect(warning.textContent).toContain("5 heads do not divide the width 128");
    expect(warning.textContent).toContain("1, 2, 4, 8, 16, 32, 64");
    expect(box("heads").getAttribute("aria-invalid")).toBe("true");
    expect(params().textContent!.trim()).toBe("—");
    expect(params().dataset.value).toBe("");
  });

  it("warns before anyone starts a run that would take too long, with the estimate", async () => {
    const lab = fakeLab(async (d, b, s, n) => fakeReport(d, b, s, n, { estimatedSeconds: 3 * 86_400, tooSlow: true }));
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    const warning = screen.getByTestId("designer-warning");
    expect(warning.dataset.kind).toBe("slow");
    expect(warning.textContent).toContain("300 steps would take about 3 days");
    expect(warning.textContent).toContain("10 minutes");
  });

  it("asks again for another number of steps", async () => {
    const lab = fakeLab();
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByText("1,000", { selector: "[data-testid=designer-steps]" }));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(lab.design).toHaveBeenLastCalledWith(TINY, 16, 128, 1000);
    expect(screen.getByTestId("designer-time").textContent).toContain("1,000 steps");
  });

  it("fills the knobs from a preset and asks for that shape", async () => {
    const lab = fakeLab();
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    const gpt2 = screen.getAllByTestId("designer-preset").find((c) => c.dataset.preset === "gpt2")!;
    await fireEvent.click(gpt2);
    expect([box("layers").value, box("hidden").value, box("heads").value, box("context").value, box("vocab").value]).toEqual([
      "12",
      "768",
      "12",
      "1024",
      "50257",
    ]);
    expect(gpt2.getAttribute("aria-pressed")).toBe("true");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(lab.design).toHaveBeenLastCalledWith({ layers: 12, hidden: 768, heads: 12, context: 1024, vocab: 50_257 }, 16, 1024, 300);
    // A vocabulary other than the tokenizer's is only arithmetic.
    expect(screen.getByTestId("designer-vocab-note").textContent).toContain("arithmetic only");

    const tiny = screen.getAllByTestId("designer-preset").find((c) => c.dataset.preset === "tiny")!;
    await fireEvent.click(tiny);
    expect(box("hidden").value).toBe("128");
    expect(box("vocab").value).toBe("5120");
  });

  it("steps a knob with its buttons, on the knob's grid", async () => {
    const lab = fakeLab();
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    await fireEvent.click(screen.getByRole("button", { name: "Width: one step up" }));
    expect(box("hidden").value).toBe("144");
    await fireEvent.click(screen.getByRole("button", { name: "Layers: one step down" }));
    expect(box("layers").value).toBe("5");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(lab.design).toHaveBeenLastCalledWith({ ...TINY, hidden: 144, layers: 5 }, 16, 128, 300);
  });

  it("says what is wrong with a number out of range and does not ask", async () => {
    const lab = fakeLab();
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    lab.design.mockClear();
    await type("layers", "30");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(lab.design).not.toHaveBeenCalled();
    const warning = screen.getByTestId("designer-warning");
    expect(warning.dataset.kind).toBe("invalid");
    expect(warning.textContent).toContain("1 to 24");
    expect(box("layers").getAttribute("aria-invalid")).toBe("true");

    await type("layers", "6");
    await type("hidden", "100");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    expect(lab.design).not.toHaveBeenCalled();
    expect(screen.getByTestId("designer-warning").textContent).toContain("multiple of 16");
  });

  it("shows the trainer's refusal", async () => {
    const lab = fakeLab(async () => {
      throw { message: "the lab is not ready" };
    });
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    const warning = screen.getByTestId("designer-warning");
    expect(warning.dataset.kind).toBe("failed");
    expect(warning.textContent).toContain("the lab is not ready");
  });

  it("speaks Chinese with the learner", async () => {
    locale.lang = "zh";
    const lab = fakeLab(async (d, b, s, n) => fakeReport(d, b, s, n, { estimatedSeconds: 2 * 3600, tooSlow: true }));
    render(ModelDesigner, { lab });
    await vi.advanceTimersByTimeAsync(0);
    expect(screen.getByText("参数量")).toBeTruthy();
    expect(screen.getByTestId("designer-ends").textContent).toContain("占 52%");
    expect(screen.getByTestId("designer-warning").textContent).toContain("300 步约要 2 小时");
    expect(screen.getByTestId("designer-compare").textContent).toContain("和 tiny 一样大");
  });
});

describe("the designer's arithmetic", () => {
  it("reads the knobs, refusing what is out of range", () => {
    const texts = { layers: "6", hidden: "128", heads: "4", context: "128", vocab: "5120" };
    expect(readDesign(texts)).toEqual({ design: TINY });
    expect(readDesign({ ...texts, vocab: "50,257" })).toEqual({ design: { ...TINY, vocab: 50_257 } });
    expect(readDesign({ ...texts, layers: "0" })).toEqual({ invalid: { field: "layers", kind: "range" } });
    expect(readDesign({ ...texts, layers: "2.5" })).toEqual({ invalid: { field: "layers", kind: "range" } });
    expect(readDesign({ ...texts, hidden: "120" })).toEqual({ invalid: { field: "hidden", kind: "multiple" } });
    expect(readDesign({ ...texts, context: "2048" })).toEqual({ invalid: { field: "context", kind: "range" } });
    expect(readDesign({ ...texts, vocab: "" })).toEqual({ invalid: { field: "vocab", kind: "range" } });
    // Heads that do not divide the width are the trainer's to name.
    expect(readDesign({ ...texts, heads: "5" })).toEqual({ design: { ...TINY, heads: 5 } });
    expect(parseWhole(" 1 024 ")).toBe(1024);
    expect(parseWhole("-3")).toBeNull();
  });

  it("steps onto each knob's grid and stays in range", () => {
    expect(stepped("hidden", 128, 1)).toBe(144);
    expect(stepped("hidden", 16, -1)).toBe(16);
    expect(stepped("vocab", 50_257, 1)).toBe(50_432);
    expect(stepped("vocab", 50_257, -1)).toBe(50_176);
    expect(stepped("vocab", 65_536, 1)).toBe(65_536);
    expect(stepped("layers", 24, 1)).toBe(24);
    expect(stepped("layers", 6, -1)).toBe(5);
  });

  it("finds presets and the head counts that fit", () => {
    expect(presetOf(TINY)).toBe("tiny");
    expect(presetOf({ ...TINY, heads: 8 })).toBeNull();
    expect(presetOf(null)).toBeNull();
    expect(headsThatFit(128)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(headsThatFit(48)).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 24, 48]);
  });

  it("counts both vocabulary ends whether the trainer reports one table or both", () => {
    const one = fakeReport(TINY, 16, 128, 300);
    expect(vocabularyEnds(one, TINY)).toBe(1_310_720);
    expect(vocabularyEnds({ ...one, embeddingParameters: 1_310_720 }, TINY)).toBe(1_310_720);
  });

  it("splits training memory into weights, gradients, AdamW and activations", () => {
    const parts = memoryParts({ weightBytes: 10, trainingBytes: 55 });
    expect(parts).toEqual([
      { key: "weights", bytes: 10 },
      { key: "gradients", bytes: 10 },
      { key: "adam", bytes: 20 },
      { key: "activations", bytes: 15 },
    ]);
    expect(memoryParts({ weightBytes: 10, trainingBytes: 30 }).at(-1)!.bytes).toBe(0);
  });

  it("writes bytes, shares, spans and big numbers as people say them", () => {
    expect(formatBytes(9_992_704)).toBe("9.99 MB");
    expect(formatBytes(512_000)).toBe("512 KB");
    expect(formatBytes(1_620_000_000)).toBe("1.62 GB");
    expect(formatBytes(999_600)).toBe("1.00 MB");
    expect(formatBytes(12)).toBe("12 B");
    expect(formatShare(1_310_720, 2_498_176)).toBe("52%");
    expect(formatShare(36_864, 2_498_176)).toBe("1.5%");
    expect(formatShare(1, 1e6)).toBe("<0.1%");
    expect(formatShare(1, 0)).toBe("—");
    expect(formatSpan(0.42, "en")).toBe("0.42 s");
    expect(formatSpan(45, "en")).toBe("45 s");
    expect(formatSpan(9 * 60, "en")).toBe("9 min");
    expect(formatSpan(2.3 * 3600, "zh")).toBe("2.3 小时");
    expect(formatSpan(4.1 * 86_400, "en")).toBe("4.1 days");
    expect(formatSpan(3 * 365.25 * 86_400, "zh")).toBe("3 年");
    expect(formatLarge(2_498_176, "en")).toBe("2.5M");
    expect(formatLarge(2_498_176, "zh")).toBe("250 万");
    expect(formatLarge(175e9, "zh")).toBe("1750 亿");
    expect(formatLarge(3.4e12, "en")).toBe("3.4T");
    expect(formatExact(2_498_176)).toBe("2,498,176");
  });

  it("places counts on the log scale and compares sizes", () => {
    expect(logPosition(1e4)).toBe(0);
    expect(logPosition(1e8)).toBe(50);
    expect(logPosition(1e12)).toBe(100);
    expect(logPosition(1)).toBe(0);
    expect(logPosition(1e15)).toBe(100);
    expect(compareSize(2_498_176, 2_498_176)).toEqual({ kind: "same", times: "1" });
    expect(compareSize(2_498_176, 124e6)).toEqual({ kind: "smaller", times: "50" });
    expect(compareSize(162e6, 124e6)).toEqual({ kind: "bigger", times: "1.3" });
    expect(compareSize(2_498_176, 175e9)).toEqual({ kind: "smaller", times: "70,000" });
    expect(roundTimes(1432)).toBe("1,400");
  });
});
