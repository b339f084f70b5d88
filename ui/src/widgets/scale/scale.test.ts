import "../../generation/testSetup";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import { MODELS } from "../../generation/fixtures";
import type { ModelEntry } from "../../generation/engine";
import ScaleExplorer from "./ScaleExplorer.svelte";
import { ScaleExplorer as Exported } from "./index";
import { OUTSIDE_MODELS, PEAK_SOURCE } from "./scaleData";
import { scaleStrings } from "./strings";
import {
  PETAFLOP_S_DAY,
  calculate,
  clusterDays,
  formatDays,
  formatHuman,
  formatScientific,
  formatUsd,
  gpuHours,
  logDomain,
  logPercent,
  parseAmount,
  petaflopSDays,
  problemMessage,
  trainingCost,
  trainingFlops,
  type CalcInputs,
} from "./compute";

const DEFAULTS: CalcInputs = { params: "175B", tokens: "300B", peak: "312", mfu: "40", price: "2", gpus: "1024" };

describe("the compute chain", () => {
  it("gives GPT-3's 6·N·D within 1% of the 3.14e23 FLOPs its paper reports", () => {
    const flops = trainingFlops(175e9, 300e9);
    expect(flops).toBeCloseTo(3.15e23, -20);
    expect(Math.abs(flops - 3.14e23) / 3.14e23).toBeLessThan(0.01);
  });

  it("converts to petaflop/s-days: one is 8.64e19 FLOPs, GPT-3 is about 3,640", () => {
    expect(PETAFLOP_S_DAY).toBe(8.64e19);
    expect(petaflopSDays(8.64e19)).toBe(1);
    // The paper's own pair: 3.14e23 FLOPs = 3.64e3 PF/s-days (each rounded to 3 figures).
    expect(Math.abs(petaflopSDays(3.14e23) - 3640) / 3640).toBeLessThan(0.01);
    expect(Math.abs(petaflopSDays(trainingFlops(175e9, 300e9)) - 3640) / 3640).toBeLessThan(0.01);
  });

  it("turns FLOPs into GPU-hours, cost and days", () => {
    // Llama 2 70B at 100% of an A100's 312 TFLOP/s: about 750,000 GPU-hours (lesson 2).
    const llama = trainingFlops(70e9, 2e12);
    expect(llama).toBeCloseTo(8.4e23, -21);
    expect(gpuHours(llama, 312e12, 1)).toBeCloseTo(747_863, 0);
    // 1 GPU-hour at 100%: exactly peak × 3600 FLOPs.
    expect(gpuHours(312e12 * 3600, 312e12, 1)).toBe(1);
    expect(gpuHours(312e12 * 3600, 312e12, 0.5)).toBe(2);
    expect(trainingCost(1000, 2)).toBe(2000);
    expect(clusterDays(24 * 1024, 1024)).toBe(1);
  });

  it("works the whole chain with the default assumptions", () => {
    const r = calculate(DEFAULTS);
    if (!r.ok) throw new Error("expected a result");
    expect(r.flops).toBeCloseTo(3.15e23, -20);
    expect(r.gpuHours).toBeCloseTo(3.15e23 / (312e12 * 0.4 * 3600), 3);
    expect(r.cost).toBeCloseTo(r.gpuHours * 2, 3);
    expect(r.days).toBeCloseTo(r.gpuHours / 1024 / 24, 6);
    // Meta's 1,720,320 GPU-hours for Llama 2 70B imply about 43% utilisation.
    const implied = trainingFlops(70e9, 2e12) / (1_720_320 * 3600 * 312e12);
    expect(implied).toBeGreaterThan(0.43);
    expect(implied).toBeLessThan(0.44);
  });

  it.each([
    ["negative", "-5", "not-positive"],
    ["zero", "0", "not-positive"],
    ["empty", "", "empty"],
    ["blank", "   ", "empty"],
    ["text", "lots", "not-a-number"],
    ["NaN as text", "NaN", "not-a-number"],
    ["Infinity as text", "Infinity", "not-a-number"],
    ["huge", "1e30", "too-large"],
  ])("refuses a %s parameter count with a message, never NaN or Infinity", (_, params, kind) => {
    const r = calculate({ ...DEFAULTS, params });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: "params", kind });
    for (const lang of ["zh", "en"] as const) {
      const message = problemMessage(r.problems[0], lang);
      expect(message.length).toBeGreaterThan(5);
      expect(message).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it("refuses bad numbers passed as numbers too", () => {
    for (const bad of [Number.NaN, -1, 0, 1e30, Infinity, -Infinity]) {
      const r = calculate({ ...DEFAULTS, tokens: bad });
      expect(r.ok).toBe(false);
    }
  });

  it("checks the assumptions: utilisation up to 100%, a whole number of GPUs", () => {
    const mfu = calculate({ ...DEFAULTS, mfu: "120" });
    expect(!mfu.ok && mfu.problems[0]).toMatchObject({ field: "mfu", kind: "too-large" });
    expect(problemMessage({ field: "mfu", kind: "too-large", max: 100 }, "zh")).toContain("100%");
    const gpus = calculate({ ...DEFAULTS, gpus: "10.5" });
    expect(!gpus.ok && gpus.problems[0]).toMatchObject({ field: "gpus", kind: "not-whole" });
    const several = calculate({ ...DEFAULTS, params: "", price: "-2" });
    expect(!several.ok && several.problems.map((p) => p.field)).toEqual(["params", "price"]);
  });

  it("says what is wrong in both languages", () => {
    const p = { field: "tokens", kind: "empty", max: 1e16 } as const;
    expect(problemMessage(p, "zh")).toBe("请填写训练词元数 D。");
    expect(problemMessage(p, "en")).toBe("Training tokens D: please enter a value.");
    expect(problemMessage({ field: "params", kind: "too-large", max: 1e14 }, "en")).toContain("100T");
    expect(problemMessage({ field: "params", kind: "too-large", max: 1e14 }, "zh")).toContain("100 万亿");
  });
});

describe("the words", () => {
  it("use Chinese quotation marks in Chinese, and every outside figure has a source in both languages", () => {
    const zhTexts: string[] = [PEAK_SOURCE.zh, ...OUTSIDE_MODELS.flatMap((m) => [m.source.zh, m.tokensNote?.zh ?? ""])];
    for (const value of Object.values(scaleStrings.zh)) {
      if (typeof value === "string") zhTexts.push(value);
      else if (typeof value === "function") zhTexts.push(String(value("X", "Y", "Z")));
      else zhTexts.push(...Object.values(value as Record<string, string>));
    }
    for (const text of zhTexts) expect(text).not.toMatch(/"/);
    for (const m of OUTSIDE_MODELS) {
      expect(m.source.zh).toMatch(/\d{4}/);
      expect(m.source.en).toMatch(/\d{4}/);
    }
  });
});

describe("reading what the learner types", () => {
  it.each([
    ["175B", 175e9],
    ["175b", 175e9],
    ["1.75e11", 1.75e11],
    ["175,000,000,000", 175e9],
    ["1750亿", 175e9],
    ["1750 亿", 175e9],
    ["2T", 2e12],
    ["2 万亿", 2e12],
    ["250万", 2.5e6],
    ["2.5M", 2.5e6],
    ["40%", 40],
    ["３１２", 312],
    [".5", 0.5],
    ["-5", -5],
  ])("reads %s", (text, value) => {
    expect(parseAmount(text)).toBeCloseTo(value, 6);
  });

  it.each(["", "abc", "NaN", "Infinity", "1e400", "12x", "1..2", "B"])("does not read %j as a number", (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe("human numbers", () => {
  it.each([
    [175e9, "1750 亿", "175B"],
    [1.5e9, "15 亿", "1.5B"],
    [70e9, "700 亿", "70B"],
    [300e9, "3000 亿", "300B"],
    [2e12, "2 万亿", "2T"],
    [2.5e6, "250 万", "2.5M"],
    [3_290_000, "329 万", "3.29M"],
    [1_720_320, "172 万", "1.72M"],
    [747_863, "74.8 万", "748K"],
    [3640, "3640", "3.64K"],
    [312, "312", "312"],
    [12.345, "12.3", "12.3"],
    [0, "0", "0"],
    [99_996_000, "1 亿", "100M"],
    [999_600_000_000, "9996 亿", "1T"],
    [3.15e23, "3.15×10²³", "3.15×10²³"],
    [1e16, "1×10¹⁶", "1×10¹⁶"],
  ])("%d reads as %s (zh) and %s (en)", (n, zh, en) => {
    expect(formatHuman(n, "zh")).toBe(zh);
    expect(formatHuman(n, "en")).toBe(en);
  });

  it("writes scientific notation with superscripts", () => {
    expect(formatScientific(3.14e23)).toBe("3.14×10²³");
    expect(formatScientific(8.4e23)).toBe("8.4×10²³");
    expect(formatScientific(9.996e13)).toBe("1×10¹⁴");
    expect(formatScientific(2.5e-3)).toBe("2.5×10⁻³");
    expect(formatScientific(Number.NaN)).toBe("—");
  });

  it("writes money and durations", () => {
    expect(formatUsd(1.4e6, "zh")).toBe("140 万美元");
    expect(formatUsd(312, "zh")).toBe("312 美元");
    expect(formatUsd(1.4e6, "en")).toBe("$1.4M");
    expect(formatDays(28.5, "zh")).toBe("28.5 天");
    expect(formatDays(28.5, "en")).toBe("28.5 days");
    expect(formatDays(0.5, "en")).toBe("12 hours");
    expect(formatDays(0.001, "zh")).toBe("<1 小时");
    expect(formatHuman(Infinity, "en")).toBe("—");
  });
});

describe("log-scale bars", () => {
  it("spans whole decades, strictly below the smallest value, at least three wide", () => {
    expect(logDomain([2.5e6, 175e9])).toEqual({ lo: 6, hi: 12 });
    expect(logDomain([1e6, 1e9])).toEqual({ lo: 5, hi: 9 });
    expect(logDomain([3e11, 2e12])).toEqual({ lo: 10, hi: 13 });
    expect(logDomain([Number.NaN, -1])).toEqual({ lo: 0, hi: 3 });
  });

  it("places values by their logarithm", () => {
    const d = { lo: 6, hi: 12 };
    expect(logPercent(1e9, d)).toBeCloseTo(50, 6);
    expect(logPercent(1e12, d)).toBe(100);
    expect(logPercent(1e3, d)).toBe(0);
    expect(logPercent(0, d)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

function fakeEngine(models: ModelEntry[] = MODELS) {
  return { listModels: () => Promise.resolve(models) };
}

async function renderExplorer(engine = fakeEngine()) {
  const result = render(ScaleExplorer, { engine });
  await waitFor(() => expect(screen.getAllByTestId("scale-row").length).toBeGreaterThan(OUTSIDE_MODELS.length));
  return result;
}

function rowNames(): string[] {
  return screen.getAllByTestId("scale-row").map((r) => r.dataset.model ?? "");
}

describe("ScaleExplorer", () => {
  beforeEach(() => {
    locale.lang = "zh";
  });
  afterEach(() => {
    locale.lang = "zh";
  });

  it("is exported from the folder's index", () => {
    expect(Exported).toBe(ScaleExplorer);
  });

  it("shows the bundled models from the engine beside the outside ones", async () => {
    await renderExplorer();
    // The fixture's third model has no info (its weights are missing): it is left out.
    expect(rowNames()).toEqual(["tiny", "tiny-moe", "GPT-2", "GPT-3", "Llama 2 70B"]);
    const row = (name: string) => screen.getAllByTestId("scale-row").find((r) => r.dataset.model === name)!;
    expect(row("GPT-3").textContent).toContain("1750 亿");
    expect(row("tiny").textContent).toContain("320 万");
    // A mixture-of-experts model shows its total and its active parameters.
    expect(row("tiny-moe").textContent).toContain("共 980 万，每词元激活 540 万");
    expect(row("tiny-moe").querySelectorAll(".fill")).toHaveLength(2);
  });

  it("does not invent token counts: the bundled models are not on the token chart, GPT-2's are not published", async () => {
    await renderExplorer();
    await fireEvent.click(screen.getAllByTestId("scale-metric").find((b) => b.dataset.metric === "tokens")!);
    const row = (name: string) => screen.getAllByTestId("scale-row").find((r) => r.dataset.model === name)!;
    expect(row("tiny").textContent).toContain("应用未提供");
    expect(row("tiny").querySelector(".fill")).toBeNull();
    expect(row("GPT-2").textContent).toContain("未公开");
    expect(row("GPT-2").querySelector(".fill")).toBeNull();
    expect(row("GPT-3").textContent).toContain("3000 亿");
    expect(row("Llama 2 70B").textContent).toContain("2 万亿");
    expect(screen.getByText(/只画在“参数量”一栏/)).toBeTruthy();

    await fireEvent.click(screen.getAllByTestId("scale-metric").find((b) => b.dataset.metric === "flops")!);
    expect(row("GPT-3").textContent).toContain("3.14×10²³");
    expect(row("GPT-3").textContent).toContain("论文报告");
    expect(row("Llama 2 70B").textContent).toContain("8.4×10²³");
    expect(row("Llama 2 70B").textContent).toContain("按 6·N·D 估算");
  });

  it("names a source for every outside model", async () => {
    await renderExplorer();
    const sources = screen.getAllByTestId("scale-source");
    expect(sources.map((s) => s.dataset.model)).toEqual(OUTSIDE_MODELS.map((m) => m.name));
    expect(sources[1].textContent).toContain("arXiv:2005.14165");
    expect(sources[2].textContent).toContain("1,720,320");
  });

  it("starts the calculator on GPT-3 and updates FLOPs as N and D change", async () => {
    await renderExplorer();
    const params = screen.getByTestId("calc-params") as HTMLInputElement;
    const tokens = screen.getByTestId("calc-tokens") as HTMLInputElement;
    expect(params.value).toBe("175B");
    expect(screen.getByTestId("calc-flops").textContent).toContain("3.15×10²³");
    expect(screen.getByTestId("calc-flops").textContent).toContain("3646");
    expect(screen.getByTestId("calc-compare").textContent).toContain("3.14×10²³");
    expect(screen.getByTestId("calc-gpu-hours").textContent).toContain("70.1 万");
    expect(screen.getByTestId("calc-cost").textContent).toContain("140 万美元");
    expect(screen.getByTestId("calc-estimate").textContent).toContain("粗略估算");

    await fireEvent.input(params, { target: { value: "70B" } });
    await fireEvent.input(tokens, { target: { value: "2T" } });
    expect(screen.getByTestId("calc-flops").textContent).toContain("8.4×10²³");
    // No longer GPT-3's numbers: the comparison goes.
    expect(screen.queryByTestId("calc-compare")).toBeNull();
  });

  it("shows a message instead of numbers when an input is bad", async () => {
    await renderExplorer();
    const params = screen.getByTestId("calc-params") as HTMLInputElement;
    expect(screen.queryByTestId("calc-error")).toBeNull();

    await fireEvent.input(params, { target: { value: "-3" } });
    expect(screen.getByTestId("calc-error").textContent).toContain("参数量 N 必须大于 0");
    expect(params.getAttribute("aria-invalid")).toBe("true");
    for (const id of ["calc-flops", "calc-gpu-hours", "calc-cost"]) {
      expect(screen.getByTestId(id).textContent).not.toMatch(/NaN|Infinity/);
      expect(screen.getByTestId(id).textContent?.trim()).toBe("—");
    }

    await fireEvent.input(params, { target: { value: "1e30" } });
    expect(screen.getByTestId("calc-error").textContent).toContain("太大");
    await fireEvent.input(params, { target: { value: "abc" } });
    expect(screen.getByTestId("calc-error").textContent).toContain("不是一个数");
    await fireEvent.input(screen.getByTestId("calc-mfu"), { target: { value: "0" } });
    expect(screen.getByTestId("calc-error").querySelectorAll("li")).toHaveLength(2);

    await fireEvent.input(params, { target: { value: "175B" } });
    await fireEvent.input(screen.getByTestId("calc-mfu"), { target: { value: "40" } });
    expect(screen.queryByTestId("calc-error")).toBeNull();
  });

  it("recomputes when an assumption changes: double the price, double the cost", async () => {
    await renderExplorer();
    locale.lang = "en";
    await waitFor(() => expect(screen.getByTestId("calc-cost").textContent).toContain("$1.4M"));
    await fireEvent.input(screen.getByTestId("calc-price"), { target: { value: "4" } });
    expect(screen.getByTestId("calc-cost").textContent).toContain("$2.8M");
    await fireEvent.input(screen.getByTestId("calc-mfu"), { target: { value: "100" } });
    expect(screen.getByTestId("calc-gpu-hours").textContent).toContain("280K GPU-hours");
  });

  it("fills in presets; Llama 2 70B is compared with Meta's GPU-hours, the bundled model asks for tokens", async () => {
    await renderExplorer();
    const preset = (name: string) => screen.getAllByTestId("calc-preset").find((b) => b.dataset.model === name)!;
    await fireEvent.click(preset("Llama 2 70B"));
    expect((screen.getByTestId("calc-params") as HTMLInputElement).value).toBe("700 亿");
    expect((screen.getByTestId("calc-tokens") as HTMLInputElement).value).toBe("2 万亿");
    await fireEvent.input(screen.getByTestId("calc-mfu"), { target: { value: "100" } });
    expect(screen.getByTestId("calc-gpu-hours").textContent).toContain("74.8 万");
    expect(screen.getByTestId("calc-compare").textContent).toContain("1,720,320");
    expect(screen.getByTestId("calc-compare").textContent).toContain("43%");

    await fireEvent.click(preset("tiny-moe"));
    // N is the active parameter count; D is left for the learner.
    expect((screen.getByTestId("calc-params") as HTMLInputElement).value).toBe("540 万");
    expect((screen.getByTestId("calc-tokens") as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("calc-hint").textContent).toContain("tiny-moe");
    expect(screen.getByTestId("calc-error").textContent).toContain("请填写训练词元数 D");

    await fireEvent.input(screen.getByTestId("calc-tokens"), { target: { value: "200万" } });
    expect(screen.queryByTestId("calc-error")).toBeNull();
    expect(screen.getByTestId("scale-row-calc").textContent).toContain("540 万");
  });

  it("switches language", async () => {
    await renderExplorer();
    locale.lang = "en";
    await waitFor(() => expect(screen.getByText("Compute calculator")).toBeTruthy());
    const gpt3 = screen.getAllByTestId("scale-row").find((r) => r.dataset.model === "GPT-3")!;
    expect(gpt3.textContent).toContain("175B");
    expect(screen.getByTestId("calc-estimate").textContent).toContain("rough estimate");
  });

  it("still shows the outside models when the engine cannot list models", async () => {
    render(ScaleExplorer, { engine: { listModels: () => Promise.reject({ message: "not in the app" }) } });
    await waitFor(() => expect(screen.getByTestId("scale-load-error").textContent).toContain("not in the app"));
    expect(rowNames()).toEqual(["GPT-2", "GPT-3", "Llama 2 70B"]);
    expect(screen.getByTestId("calc-flops").textContent).toContain("3.15×10²³");
  });
});
