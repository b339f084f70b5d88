import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { Completion } from "../../lib/generated/Completion";
import type { CompressionReport } from "../../lib/generated/CompressionReport";
import type { HeldOutLoss } from "../../lib/generated/HeldOutLoss";
import type { Precision } from "../../lib/generated/Precision";
import type { Technique } from "../../lib/generated/Technique";
import type { TokenView } from "../../lib/generated/TokenView";
import type { Workbench } from "../workbench";
import { PruningSlider, QuantizationToggle } from "./index";
import { bitsPerWeight, divergence, lossChange, perplexityChange, wholePercent } from "./format";

// tiny's real shapes: 2,496,512 matrix weights and 1,664 norm weights, all f32.
const MATRIX = 2_496_512;
const ORIGINAL_BYTES = 9_992_704;
const BYTES: Record<Precision, number> = { f32: ORIGINAL_BYTES, int8: 2_576_000, int4: 1_411_328 };

function heldOut(zh: number, en: number): HeldOutLoss {
  const mean = (zh + en) / 2;
  return { zh, en, mean, perplexity: Math.exp(mean), tokensPerLanguage: 1024 };
}
const ORIGINAL = heldOut(5.2, 4.0);

const encoder = new TextEncoder();
function completion(text: string): Completion {
  const generated: TokenView[] = [...text].map((ch) => ({
    id: ch.codePointAt(0)!,
    text: ch,
    bytes: [...encoder.encode(ch)],
    partial: false,
    special: false,
  }));
  return { prompt: [], generated, probabilities: generated.map(() => 0.5), text, firstCandidates: [], ended: false };
}

/** The original model's continuation, and what a damaged model makes of it. */
const REFERENCE_TEXT = "，一家人。\n一行人";
function pruneText(fraction: number): string {
  if (fraction < 0.25) return REFERENCE_TEXT;
  return fraction < 0.6 ? "，一家人。\n一一一" : "的的的的的的";
}

function pruneReport(fraction: number): CompressionReport {
  const rise = 3 * fraction ** 3;
  return {
    bytes: ORIGINAL_BYTES,
    originalBytes: ORIGINAL_BYTES,
    zeroed: Math.round(fraction * MATRIX),
    matrixParameters: MATRIX,
    loss: heldOut(5.2 + rise, 4.0 + rise * 1.2),
    originalLoss: ORIGINAL,
    completion: completion(pruneText(fraction)),
  };
}

const QUANT_RISE: Record<Precision, number> = { f32: 0, int8: 0.004, int4: 0.09 };
const QUANT_TEXT: Record<Precision, string> = { f32: REFERENCE_TEXT, int8: REFERENCE_TEXT, int4: "，一家人。\n春风" };
function quantReport(precision: Precision): CompressionReport {
  const rise = QUANT_RISE[precision];
  return {
    bytes: BYTES[precision],
    originalBytes: ORIGINAL_BYTES,
    zeroed: 0,
    matrixParameters: MATRIX,
    loss: heldOut(5.2 + rise, 4.0 + rise),
    originalLoss: ORIGINAL,
    completion: completion(QUANT_TEXT[precision]),
  };
}

type Call = { technique: Technique; prompt: string };
type Pending = Call & { resolve: (r: CompressionReport) => void; reject: (e: unknown) => void };

/** A workbench that answers at once, or holds every answer until told (`hold`). */
class FakeWorkbench {
  calls: Call[] = [];
  pending: Pending[] = [];
  hold = false;
  /** A rejection message for a technique, or null to answer. */
  fail: (technique: Technique, prompt: string) => string | null = () => null;

  compress = vi.fn((model: string, technique: Technique, prompt: string): Promise<CompressionReport> => {
    expect(model).toBe("tiny");
    this.calls.push({ technique, prompt });
    const answer = () => {
      const message = this.fail(technique, prompt);
      if (message) throw { message };
      return technique.kind === "prune" ? pruneReport(technique.fraction) : quantReport(technique.precision);
    };
    if (!this.hold) {
      try {
        return Promise.resolve(answer());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => this.pending.push({ technique, prompt, resolve, reject }));
  });

  /** Answers the oldest held request. */
  async release(): Promise<void> {
    const next = this.pending.shift();
    if (!next) throw new Error("nothing is waiting");
    const message = this.fail(next.technique, next.prompt);
    if (message) next.reject({ message });
    else next.resolve(next.technique.kind === "prune" ? pruneReport(next.technique.fraction) : quantReport(next.technique.precision));
    await flush();
  }

  fractions(): number[] {
    return this.calls.map((c) => (c.technique.kind === "prune" ? c.technique.fraction : NaN));
  }

  precisions(): string[] {
    return this.calls.map((c) => (c.technique.kind === "quantize" ? c.technique.precision : "?"));
  }
}

async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

function asWorkbench(fake: FakeWorkbench): Pick<Workbench, "compress"> {
  return fake;
}

/** Drags the slider through `values` (input events only), then lets go at the last one. */
async function drag(values: number[]) {
  const slider = screen.getByTestId("prune-slider") as HTMLInputElement;
  for (const v of values) await fireEvent.input(slider, { target: { value: String(v) } });
  await fireEvent.change(slider, { target: { value: String(values.at(-1)) } });
}

function chartPercents(): number[] {
  return screen.getAllByTestId("prune-chart-point").map((p) => Number(p.getAttribute("data-percent")));
}

beforeEach(() => {
  locale.lang = "en";
});

describe("format", () => {
  it("signs changes with a real minus and never rounds a share down to nothing", () => {
    expect(lossChange(4.7234, 4.6)).toEqual({ text: "+0.123", tone: "worse" });
    expect(lossChange(4.596, 4.6)).toEqual({ text: "\u22120.004", tone: "better" });
    expect(lossChange(4.6002, 4.6).tone).toBe("same");
    expect(perplexityChange(112, 100).text).toBe("+12%");
    expect(wholePercent(0.001)).toBe("<1%");
    expect(wholePercent(0.2578)).toBe("26%");
  });

  it("counts bits per matrix weight with the scales, without the f32 norms", () => {
    expect(bitsPerWeight(quantReport("f32"))).toBeCloseTo(32, 6);
    expect(bitsPerWeight(quantReport("int8"))).toBeCloseTo(8.233, 3);
    expect(bitsPerWeight(quantReport("int4"))).toBeCloseTo(4.501, 3);
  });

  it("finds the first generated token where two continuations part", () => {
    const d = divergence(completion("春风又绿"), completion("春风不度"));
    expect(d).toEqual({ token: 3, same: "春风", different: "不度" });
    expect(divergence(completion("abc"), completion("abc")).token).toBeNull();
  });
});

describe("PruningSlider", () => {
  it("measures the original model first and shows removed weights, loss, size, text and a first point", async () => {
    const fake = new FakeWorkbench();
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(screen.getByTestId("prune-removed")).toBeTruthy());
    expect(fake.calls).toEqual([{ technique: { kind: "prune", fraction: 0 }, prompt: "Mr. Darcy" }]);
    expect(screen.getByTestId("prune-removed").textContent).toContain("0 of 2,496,512 matrix weights removed (0%)");
    expect(screen.getByTestId("prune-removed").textContent).toContain("1,664 scale factors");
    expect(screen.getByTestId("prune-loss").textContent).toContain("4.600");
    expect(screen.getByTestId("prune-size").textContent).toContain("9.99 MB, exactly as large as the original");
    expect(screen.getByTestId("prune-size").textContent).toContain("sparse storage format");
    expect(screen.getByTestId("prune-text").textContent).toContain(`Mr. Darcy${REFERENCE_TEXT}`);
    expect(screen.getByTestId("prune-text-note").textContent).toContain("baseline");
    expect(chartPercents()).toEqual([0]);
    expect(screen.queryByTestId("prune-busy")).toBeNull();
  });

  it("sends the setting only when the slider is let go, as a fraction", async () => {
    const fake = new FakeWorkbench();
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    const slider = screen.getByTestId("prune-slider") as HTMLInputElement;
    expect(slider.min).toBe("0");
    expect(slider.max).toBe("95");
    expect(slider.step).toBe("5");

    await fireEvent.input(slider, { target: { value: "20" } });
    await fireEvent.input(slider, { target: { value: "35" } });
    await fireEvent.input(slider, { target: { value: "50" } });
    await flush();
    expect(fake.calls).toHaveLength(1);
    expect(slider.getAttribute("aria-valuetext")).toBe("50%");

    await fireEvent.change(slider, { target: { value: "50" } });
    await waitFor(() => expect(screen.getByTestId("prune-removed").textContent).toContain("(50%)"));
    expect(fake.calls).toHaveLength(2);
    expect(fake.calls[1]).toEqual({ technique: { kind: "prune", fraction: 0.5 }, prompt: "Mr. Darcy" });
    expect(screen.getByTestId("prune-removed").textContent).toContain("1,248,256 of 2,496,512 matrix weights removed (50%)");
    const changes = screen.getAllByTestId("prune-loss-change").map((c) => c.textContent);
    expect(changes[0]).toBe("+0.375");
    expect(screen.getByTestId("prune-size").textContent).toContain("9.99 MB");
    const pruned = screen.getByTestId("prune-text-compressed");
    expect(pruned.querySelector("mark")?.textContent).toBe("一一");
    expect(screen.getByTestId("prune-text-original").textContent).toBe(`Mr. Darcy${REFERENCE_TEXT}`);
    expect(screen.getByTestId("prune-text-note").textContent).toContain("From generated token 8 on");
  });

  it("sends only the newest setting once the running request ends, and never shows an older answer as current", async () => {
    const fake = new FakeWorkbench();
    fake.hold = true;
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await flush();
    expect(screen.getByTestId("prune-busy").textContent).toContain("original model");
    await fake.release(); // 0%
    expect(screen.queryByTestId("prune-busy")).toBeNull();

    await drag([10, 20, 30]);
    await flush();
    expect(fake.fractions()).toEqual([0, 0.3]);
    expect(screen.getByTestId("prune-busy").textContent).toContain("30%");

    // The learner moves on twice while 30% is measured.
    await drag([40, 50]);
    await drag([60, 70]);
    await flush();
    expect(fake.fractions()).toEqual([0, 0.3]);

    await fake.release(); // 30% arrives, but 70% is wanted now
    expect(fake.fractions()).toEqual([0, 0.3, 0.7]);
    expect(screen.getByTestId("prune-removed").getAttribute("data-percent")).toBe("0");
    expect(screen.getByText(/Still showing the previous result/)).toBeTruthy();
    expect(screen.getByTestId("prune-busy").textContent).toContain("70%");
    expect(chartPercents()).toEqual([0, 30]);

    await fake.release(); // 70%
    expect(fake.fractions()).toEqual([0, 0.3, 0.7]);
    expect(screen.getByTestId("prune-removed").getAttribute("data-percent")).toBe("70");
    expect(screen.getByTestId("prune-removed").textContent).toContain("(70%)");
    expect(screen.queryByText(/Still showing the previous result/)).toBeNull();
    expect(screen.queryByTestId("prune-busy")).toBeNull();
    expect(fake.pending).toHaveLength(0);
  });

  it("builds the loss curve from every point measured, sorted by fraction, and reuses measured points", async () => {
    const fake = new FakeWorkbench();
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(chartPercents()).toEqual([0]));
    for (const [v, expected] of [
      [50, [0, 50]],
      [20, [0, 20, 50]],
      [80, [0, 20, 50, 80]],
      [5, [0, 5, 20, 50, 80]],
    ] as const) {
      await drag([v]);
      await waitFor(() => expect(chartPercents()).toEqual(expected));
    }
    const chart = screen.getByTestId("prune-chart");
    expect(chart.querySelector("path.line")).toBeTruthy();
    const losses = screen.getAllByTestId("prune-chart-point").map((p) => Number(p.getAttribute("data-loss")));
    expect(losses).toEqual([...losses].sort((a, b) => a - b));
    expect(chart.querySelector("circle.current")?.getAttribute("data-percent")).toBe("5");
    expect(chart.querySelector("desc")?.textContent).toContain("80% ");

    const calls = fake.calls.length;
    await drag([50]);
    await waitFor(() => expect(screen.getByTestId("prune-removed").textContent).toContain("(50%)"));
    expect(fake.calls).toHaveLength(calls);
  });

  it("measures a new opening at the current setting, then the original model's text for it", async () => {
    const fake = new FakeWorkbench();
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    await drag([40]);
    await waitFor(() => expect(fake.calls).toHaveLength(2));

    const input = screen.getByTestId("prune-prompt") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "She was" } });
    await flush();
    expect(fake.calls).toHaveLength(2);
    await fireEvent.submit(input.form!);
    await waitFor(() => expect(fake.calls).toHaveLength(4));
    expect(fake.calls.slice(2)).toEqual([
      { technique: { kind: "prune", fraction: 0.4 }, prompt: "She was" },
      { technique: { kind: "prune", fraction: 0 }, prompt: "She was" },
    ]);
    await waitFor(() => expect(screen.getByTestId("prune-text-original").textContent).toContain("She was"));
    expect(chartPercents()).toEqual([0, 40]);

    await fireEvent.input(input, { target: { value: "   " } });
    await fireEvent.submit(input.form!);
    await flush();
    expect(fake.calls).toHaveLength(4);
    expect(screen.getByText("Type an opening first.")).toBeTruthy();
  });

  it("shows a rejection and stays usable", async () => {
    const fake = new FakeWorkbench();
    let failures = 1;
    fake.fail = (t) => (t.kind === "prune" && t.fraction === 0.6 && failures-- > 0 ? "the model could not be pruned" : null);
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));

    await drag([60]);
    await waitFor(() => expect(screen.getByTestId("prune-error").textContent).toContain("the model could not be pruned"));
    expect(screen.queryByTestId("prune-busy")).toBeNull();
    expect(fake.calls).toHaveLength(2);

    await fireEvent.click(within(screen.getByTestId("prune-error")).getByText("Try again"));
    await waitFor(() => expect(screen.getByTestId("prune-removed").textContent).toContain("(60%)"));
    expect(screen.queryByTestId("prune-error")).toBeNull();

    failures = 1;
    fake.calls = [];
    await drag([40]);
    await waitFor(() => expect(screen.getByTestId("prune-removed").textContent).toContain("(40%)"));
    expect(fake.fractions()).toEqual([0.4]);
  });

  it("moves on after a failure of a setting the learner has already left", async () => {
    const fake = new FakeWorkbench();
    fake.hold = true;
    fake.fail = (t) => (t.kind === "prune" && t.fraction === 0.3 ? "boom" : null);
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await flush();
    await fake.release();
    await drag([30]);
    await flush();
    await drag([45]);
    await fake.release(); // 30% fails, but 45% is wanted
    expect(screen.queryByTestId("prune-error")).toBeNull();
    await fake.release();
    expect(screen.getByTestId("prune-removed").textContent).toContain("(45%)");
  });

  it("speaks Chinese", async () => {
    locale.lang = "zh";
    const fake = new FakeWorkbench();
    render(PruningSlider, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    expect(fake.calls[0].prompt).toBe("春风又绿江南岸");
    await drag([50]);
    await waitFor(() =>
      expect(screen.getByTestId("prune-removed").textContent).toContain("已删除 1,248,256 / 2,496,512 个矩阵权重（50%）"),
    );
    expect(screen.getByTestId("prune-size").textContent).toContain("和原模型一样大");
    expect(screen.getByTestId("prune-size").textContent).toContain("稀疏");
    expect(screen.getByTestId("prune-loss").textContent).toContain("中文（诗词）");
  });
});

describe("QuantizationToggle", () => {
  function option(precision: Precision): HTMLElement {
    return screen.getAllByTestId("quant-option").find((o) => o.dataset.precision === precision)!;
  }

  it("starts at f32 and shows its size, loss and text", async () => {
    const fake = new FakeWorkbench();
    render(QuantizationToggle, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(screen.getByTestId("quant-size")).toBeTruthy());
    expect(fake.calls).toEqual([{ technique: { kind: "quantize", precision: "f32" }, prompt: "Mr. Darcy" }]);
    expect(screen.getByRole("radiogroup")).toBeTruthy();
    expect(option("f32").getAttribute("aria-checked")).toBe("true");
    expect(option("int8").getAttribute("aria-checked")).toBe("false");
    expect(screen.getByTestId("quant-size").textContent).toContain("9.99 MB");
    expect(screen.getByTestId("quant-size").textContent).toContain("32 bits per matrix weight");
    expect(screen.getByTestId("quant-loss").textContent).toContain("4.600");
    expect(screen.getByTestId("quant-text").textContent).toContain(`Mr. Darcy${REFERENCE_TEXT}`);
  });

  it("asks for the chosen precision, then reuses every answer", async () => {
    const fake = new FakeWorkbench();
    render(QuantizationToggle, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));

    await fireEvent.click(option("int8"));
    await waitFor(() => expect(screen.getByTestId("quant-size").dataset.precision).toBe("int8"));
    expect(fake.calls[1]).toEqual({ technique: { kind: "quantize", precision: "int8" }, prompt: "Mr. Darcy" });
    const size = screen.getByTestId("quant-size").textContent!;
    expect(size).toContain("2.58 MB");
    expect(size).toContain("about 26% of the original");
    expect(size).toContain("8.23 bits per matrix weight");
    expect(screen.getAllByTestId("quant-loss-change")[2].textContent).toBe("+0.004");
    expect(screen.getByTestId("quant-text-note").textContent).toContain("Word for word");

    await fireEvent.click(option("int4"));
    await waitFor(() => expect(screen.getByTestId("quant-size").dataset.precision).toBe("int4"));
    expect(screen.getByTestId("quant-size").textContent).toContain("1.41 MB");
    expect(screen.getByTestId("quant-size").textContent).toContain("4.50 bits");
    expect(screen.getByTestId("quant-text-compressed").querySelector("mark")?.textContent).toBe("春风");

    // All three sizes side by side.
    const bars = screen.getAllByTestId("quant-bar").map((b) => b.textContent);
    expect(bars[0]).toContain("9.99 MB · 100%");
    expect(bars[1]).toContain("2.58 MB · 26%");
    expect(bars[2]).toContain("1.41 MB · 14%");

    await fireEvent.click(option("f32"));
    await fireEvent.click(option("int8"));
    await flush();
    expect(screen.getByTestId("quant-size").dataset.precision).toBe("int8");
    expect(screen.queryByTestId("quant-busy")).toBeNull();
    expect(fake.precisions()).toEqual(["f32", "int8", "int4"]);
  });

  it("is a radio group the arrow keys move through", async () => {
    const fake = new FakeWorkbench();
    fake.hold = true;
    render(QuantizationToggle, { workbench: asWorkbench(fake) });
    await flush();
    await fake.release(); // f32
    expect(option("f32").tabIndex).toBe(0);
    expect(option("int8").tabIndex).toBe(-1);
    option("f32").focus();
    await fireEvent.keyDown(option("f32"), { key: "ArrowRight" });
    expect(option("int8").getAttribute("aria-checked")).toBe("true");
    expect(document.activeElement).toBe(option("int8"));
    await fireEvent.keyDown(option("int8"), { key: "End" });
    expect(option("int4").getAttribute("aria-checked")).toBe("true");
    await fireEvent.keyDown(option("int4"), { key: "ArrowRight" });
    expect(option("f32").getAttribute("aria-checked")).toBe("true");
    await fake.release(); // int8
    expect(fake.pending).toHaveLength(0);
    // Passed over while int8 ran: int4 was never asked for, f32 was cached.
    expect(fake.precisions()).toEqual(["f32", "int8"]);
  });

  it("measures the chosen precision for a new opening, with the f32 text beside it", async () => {
    const fake = new FakeWorkbench();
    render(QuantizationToggle, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    await fireEvent.click(option("int4"));
    await waitFor(() => expect(fake.calls).toHaveLength(2));
    const input = screen.getByTestId("quant-prompt") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "春风" } });
    await fireEvent.change(input);
    await waitFor(() => expect(fake.calls).toHaveLength(4));
    expect(fake.calls.slice(2)).toEqual([
      { technique: { kind: "quantize", precision: "int4" }, prompt: "春风" },
      { technique: { kind: "quantize", precision: "f32" }, prompt: "春风" },
    ]);
  });

  it("shows a rejection and stays usable", async () => {
    const fake = new FakeWorkbench();
    fake.fail = (t) => (t.kind === "quantize" && t.precision === "int4" ? "int4 is not available" : null);
    render(QuantizationToggle, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    await fireEvent.click(option("int4"));
    await waitFor(() => expect(screen.getByTestId("quant-error").textContent).toContain("int4 is not available"));
    await fireEvent.click(option("int8"));
    await waitFor(() => expect(screen.getByTestId("quant-size").dataset.precision).toBe("int8"));
    expect(screen.queryByTestId("quant-error")).toBeNull();
  });

  it("speaks Chinese", async () => {
    locale.lang = "zh";
    const fake = new FakeWorkbench();
    render(QuantizationToggle, { workbench: asWorkbench(fake) });
    await waitFor(() => expect(fake.calls).toHaveLength(1));
    await fireEvent.click(option("int8"));
    await waitFor(() => expect(screen.getByTestId("quant-size").textContent).toContain("约为原来的 26%"));
    expect(option("int8").textContent).toContain("8 位");
  });
});
