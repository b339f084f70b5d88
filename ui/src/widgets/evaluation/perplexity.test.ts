import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { HeldOutLoss, Workbench } from "../workbench";
import Perplexity from "./Perplexity.svelte";
import { Perplexity as Exported } from "./index";
import {
  MODEL_KEYS,
  axisMax,
  barPercent,
  extremes,
  formatAxis,
  formatNats,
  judge,
  measure,
  perplexityOf,
  ranking,
  type ModelKey,
} from "./perplexity";
import { perplexityStrings } from "./strings";

const zh = perplexityStrings.zh;
const en = perplexityStrings.en;

/** Losses shaped like the model cards' (nats per token). */
const LOSSES: Record<ModelKey, [number, number]> = {
  tiny: [4.7, 3.54],
  "tiny-moe": [5.94, 5.05],
  "tiny-sft": [5.26, 4.51],
  trigram: [5.03, 3.84],
};
const loss = (key: ModelKey): HeldOutLoss => {
  const [zhLoss, enLoss] = LOSSES[key];
  const mean = (zhLoss + enLoss) / 2;
  return { zh: zhLoss, en: enLoss, mean, perplexity: Math.exp(mean), tokensPerLanguage: 1024 };
};

type Fake = Pick<Workbench, "modelLoss" | "ngramLoss">;

/** A workbench whose answers the test hands out one at a time, recording how many were open. */
function heldWorkbench() {
  const waiting: { key: ModelKey; resolve: (l: HeldOutLoss) => void; reject: (e: unknown) => void }[] = [];
  let mostOpen = 0;
  const ask = (key: ModelKey) =>
    new Promise<HeldOutLoss>((resolve, reject) => {
      waiting.push({ key, resolve, reject });
      mostOpen = Math.max(mostOpen, waiting.length);
    });
  const modelLoss = vi.fn<Fake["modelLoss"]>((model) => ask(model as ModelKey));
  const ngramLoss = vi.fn<Fake["ngramLoss"]>((order) => ask(order === 3 ? "trigram" : ("ngram" as ModelKey)));
  return {
    workbench: { modelLoss, ngramLoss },
    modelLoss,
    ngramLoss,
    pending: () => waiting.map((w) => w.key),
    mostOpen: () => mostOpen,
    async answerNext() {
      const next = waiting.shift()!;
      next.resolve(loss(next.key));
      await tick();
    },
    async failNext(message: string) {
      waiting.shift()!.reject({ message });
      await tick();
    },
  };
}

/** A workbench that answers at once. */
function quickWorkbench() {
  return {
    modelLoss: vi.fn<Fake["modelLoss"]>(async (model) => loss(model as ModelKey)),
    ngramLoss: vi.fn<Fake["ngramLoss"]>(async () => loss("trigram")),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const row = (key: string, lang: "zh" | "en") => screen.getByTestId(`perplexity-row-${key}-${lang}`);
const reveal = () => fireEvent.click(screen.getByTestId("perplexity-reveal"));
const allDone = () => waitFor(() => expect(screen.getByTestId("perplexity-progress").textContent).toBe(zh.progress(4, 4)));

beforeEach(() => {
  locale.lang = "zh";
});

// ----- the helpers --------------------------------------------------------------------------

describe("perplexity helpers", () => {
  it("asks the n-gram baseline for order 3 and the models by name", async () => {
    const w = quickWorkbench();
    await measure(w, "trigram");
    await measure(w, "tiny-moe");
    expect(w.ngramLoss).toHaveBeenCalledWith(3);
    expect(w.modelLoss).toHaveBeenCalledWith("tiny-moe");
  });

  it("turns cross-entropy into perplexity: 1/8 at every step is perplexity 8", () => {
    expect(perplexityOf(Math.log(8))).toBeCloseTo(8, 10);
    expect(perplexityOf(0)).toBe(1);
    expect(formatNats(4.7)).toBe("4.70");
    expect(formatNats(Number.NaN)).toBe("—");
  });

  it("ends each language's axis on a round number", () => {
    expect(axisMax([110, 380.9, 192, 153])).toBe(400);
    expect(axisMax([34.5, 155.6, 90.9, 46.5])).toBe(200);
    expect(axisMax([110])).toBe(150);
    expect(axisMax([34.5])).toBe(40);
    expect(axisMax([100])).toBe(100);
    expect(axisMax([])).toBe(1);
    expect(formatAxis(400)).toBe("400");
    expect(formatAxis(1500)).toBe("1,500");
    expect(barPercent(100, 400)).toBe(25);
    expect(barPercent(500, 400)).toBe(100);
    expect(barPercent(10, 0)).toBe(0);
  });

  it("finds the lowest and highest only once every model has a number", () => {
    const zhValues = Object.fromEntries(MODEL_KEYS.map((k) => [k, Math.exp(LOSSES[k][0])]));
    expect(extremes(zhValues)).toEqual({ lowest: "tiny", highest: "tiny-moe" });
    expect(ranking(zhValues)).toEqual(["tiny", "trigram", "tiny-sft", "tiny-moe"]);
    expect(extremes({ tiny: 110, trigram: 153 })).toBeNull();
    expect(ranking({ trigram: 153, tiny: 110 })).toEqual(["tiny", "trigram"]);
  });

  it("judges a guess", () => {
    expect(judge(null, "tiny")).toBe("none");
    expect(judge("tiny", null)).toBe("waiting");
    expect(judge("tiny", "tiny")).toBe("right");
    expect(judge("trigram", "tiny")).toBe("wrong");
  });

  it("describes every model in both languages", () => {
    for (const s of [zh, en]) for (const k of MODEL_KEYS) expect(s.modelName[k] && s.modelNote[k], k).toBeTruthy();
    expect(zh.modelNote["tiny-moe"]).toContain("350 万");
    expect(en.modelNote.tiny).toContain("2.5 million");
  });
});

// ----- the widget ---------------------------------------------------------------------------

describe("the perplexity widget", () => {
  it("is exported under its name and measures the four models one at a time, in order", async () => {
    expect(Exported).toBe(Perplexity);
    const held = heldWorkbench();
    render(Perplexity, { workbench: held.workbench });
    expect(screen.getByTestId("perplexity").getAttribute("lang")).toBe("zh-CN");
    await tick();
    expect(held.pending()).toEqual(["tiny"]);
    expect(row("tiny", "zh").dataset.status).toBe("busy");
    expect(row("tiny-moe", "zh").dataset.status).toBe("queued");
    await held.answerNext();
    expect(held.pending()).toEqual(["tiny-moe"]);
    await held.answerNext();
    await held.answerNext();
    expect(held.pending()).toEqual(["trigram"]);
    await held.answerNext();
    expect(held.mostOpen()).toBe(1);
    expect(held.modelLoss.mock.calls.map((c) => c[0])).toEqual(["tiny", "tiny-moe", "tiny-sft"]);
    expect(held.ngramLoss).toHaveBeenCalledWith(3);
  });

  it("hides the numbers until the learner shows them", async () => {
    render(Perplexity, { workbench: quickWorkbench() });
    await allDone();
    expect(row("tiny", "zh").dataset.status).toBe("hidden");
    expect(screen.queryAllByTestId("perplexity-value")).toHaveLength(0);
    expect(screen.getByTestId("perplexity-reveal").textContent!.trim()).toBe(zh.revealWithoutGuess);
    await reveal();
    expect(row("tiny", "zh").dataset.status).toBe("done");
    expect(screen.getAllByTestId("perplexity-value")).toHaveLength(8);
    expect(screen.getByTestId("perplexity-verdicts").textContent).toContain(zh.noGuess);
  });

  it("fills rows in as answers arrive, each on its language's own scale", async () => {
    const held = heldWorkbench();
    render(Perplexity, { workbench: held.workbench });
    await tick();
    await reveal();
    expect(row("tiny", "zh").textContent).toContain(zh.measuring);
    expect(row("tiny-sft", "en").textContent).toContain(zh.queued);

    await held.answerNext();
    const tinyZh = row("tiny", "zh");
    expect(within(tinyZh).getByTestId("perplexity-value").textContent).toBe("110");
    expect(within(tinyZh).getByTestId("perplexity-entropy").textContent).toBe("4.70 奈特");
    expect(within(row("tiny", "en")).getByTestId("perplexity-value").textContent).toBe("34.5");
    expect(row("tiny-moe", "zh").textContent).toContain(zh.measuring);
    // No lowest or highest until all four are in.
    expect(screen.queryByTestId("perplexity-tag-tiny-zh")).toBeNull();

    await held.answerNext();
    await held.answerNext();
    await held.answerNext();
    expect(within(row("tiny-moe", "zh")).getByTestId("perplexity-value").textContent).toBe("380");
    expect(within(row("trigram", "en")).getByTestId("perplexity-value").textContent).toBe("46.5");
    expect(within(row("tiny-sft", "en")).getByTestId("perplexity-entropy").textContent).toBe("4.51 奈特");

    // Two axes, not one: 0–400 for Chinese, 0–200 for English.
    expect(screen.getByTestId("perplexity-axis-zh").textContent).toContain("400");
    expect(screen.getByTestId("perplexity-axis-en").textContent).toContain("200");
    const width = (key: string, lang: "zh" | "en") => (row(key, lang).querySelector(".bar") as HTMLElement).style.width;
    expect(parseFloat(width("tiny-moe", "zh"))).toBeCloseTo((Math.exp(5.94) / 400) * 100, 5);
    expect(parseFloat(width("tiny-moe", "en"))).toBeCloseTo((Math.exp(5.05) / 200) * 100, 5);

    expect(screen.getByTestId("perplexity-tag-tiny-zh").textContent).toBe(zh.lowest);
    expect(screen.getByTestId("perplexity-tag-tiny-moe-zh").textContent).toBe(zh.highest);
    expect(screen.getByTestId("perplexity-tag-tiny-en").textContent).toBe(zh.lowest);
    expect(screen.queryByTestId("perplexity-tag-trigram-zh")).toBeNull();
  });

  it("judges the learner's guesses once shown", async () => {
    render(Perplexity, { workbench: quickWorkbench() });
    await fireEvent.click(screen.getByTestId("perplexity-guess-low-tiny"));
    await fireEvent.click(screen.getByTestId("perplexity-guess-high-trigram"));
    expect(screen.getByTestId("perplexity-guess-low-tiny").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("perplexity-guess-high-trigram").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("perplexity-guess-high-tiny").getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByTestId("perplexity-reveal").textContent!.trim()).toBe(zh.reveal);
    await allDone();
    await reveal();

    const low = screen.getByTestId("perplexity-verdict-low");
    const high = screen.getByTestId("perplexity-verdict-high");
    expect(low.dataset.verdict).toBe("right");
    expect(low.textContent).toBe("你猜中文最低的是 tiny：猜对了。");
    expect(high.dataset.verdict).toBe("wrong");
    expect(high.textContent).toBe("你猜中文最高的是 三元 n-gram；实际最高的是 tiny-moe。");

    // Hiding again clears the guesses and the numbers.
    await fireEvent.click(screen.getByTestId("perplexity-hide"));
    expect(screen.queryAllByTestId("perplexity-value")).toHaveLength(0);
    expect(screen.getByTestId("perplexity-guess-low-tiny").getAttribute("aria-pressed")).toBe("false");
  });

  it("keeps one model from being both lowest and highest, and waits for the answer", async () => {
    const held = heldWorkbench();
    render(Perplexity, { workbench: held.workbench });
    await fireEvent.click(screen.getByTestId("perplexity-guess-low-tiny-sft"));
    await fireEvent.click(screen.getByTestId("perplexity-guess-high-tiny-sft"));
    expect(screen.getByTestId("perplexity-guess-low-tiny-sft").getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByTestId("perplexity-guess-high-tiny-sft").getAttribute("aria-pressed")).toBe("true");
    await reveal();
    expect(screen.getByTestId("perplexity-verdict-high").dataset.verdict).toBe("waiting");
    expect(screen.queryByTestId("perplexity-verdict-low")).toBeNull();
    for (let i = 0; i < 4; i++) await held.answerNext();
    expect(screen.getByTestId("perplexity-verdict-high").dataset.verdict).toBe("wrong");
  });

  it("shows a failure with the backend's message, carries on with the rest, and retries", async () => {
    const held = heldWorkbench();
    render(Perplexity, { workbench: held.workbench });
    await tick();
    await reveal();
    await held.answerNext();
    await held.failNext("cannot load models/tiny-moe/model.safetensors");
    const error = screen.getByTestId("perplexity-error-tiny-moe");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("cannot load models/tiny-moe/model.safetensors");
    expect(row("tiny-moe", "zh").dataset.status).toBe("failed");
    expect(row("tiny-moe", "en").textContent).toContain(zh.notMeasured);
    // The next model is already being measured.
    expect(held.pending()).toEqual(["tiny-sft"]);

    // A retry waits its turn: still one request at a time.
    await fireEvent.click(screen.getByTestId("perplexity-retry-tiny-moe"));
    expect(screen.queryByTestId("perplexity-error-tiny-moe")).toBeNull();
    expect(row("tiny-moe", "zh").dataset.status).toBe("queued");
    await held.answerNext();
    await held.answerNext();
    expect(held.pending()).toEqual(["tiny-moe"]);
    await held.answerNext();
    expect(held.mostOpen()).toBe(1);
    expect(within(row("tiny-moe", "zh")).getByTestId("perplexity-value").textContent).toBe("380");
    expect(held.modelLoss.mock.calls.filter((c) => c[0] === "tiny-moe")).toHaveLength(2);
  });

  it("says the languages cannot be compared, and where the numbers come from", async () => {
    render(Perplexity, { workbench: quickWorkbench() });
    await allDone();
    const note = screen.getByTestId("perplexity-no-compare").textContent!;
    expect(note).toContain("0.97");
    expect(note).toContain("0.28");
    expect(screen.getByTestId("perplexity-sample").textContent).toContain("1,024");
    expect(screen.getByTestId("perplexity-sample").textContent).toContain("models/*/README.md");
    expect(screen.getByTestId("perplexity-panel-zh")).not.toBe(screen.getByTestId("perplexity-panel-en"));
    expect(screen.getByTestId("perplexity-model-tiny-moe").textContent).toContain(zh.modelNote["tiny-moe"]);
  });

  it("speaks English when the app does", async () => {
    locale.lang = "en";
    render(Perplexity, { workbench: quickWorkbench() });
    expect(screen.getByTestId("perplexity").getAttribute("lang")).toBe("en");
    expect(screen.getByRole("heading", { name: "Perplexity" })).toBeTruthy();
    expect(screen.getByTestId("perplexity-reveal").textContent!.trim()).toBe(en.revealWithoutGuess);
    expect(screen.getByTestId("perplexity-guess-low-trigram").textContent).toBe("trigram n-gram");
    await waitFor(() => expect(screen.getByTestId("perplexity-progress").textContent).toBe("4 of 4 measured"));
    await fireEvent.click(screen.getByTestId("perplexity-guess-low-trigram"));
    await reveal();
    expect(screen.getByTestId("perplexity-verdict-low").textContent).toBe("You guessed trigram n-gram lowest on Chinese; the lowest is tiny.");
    expect(within(row("tiny", "zh")).getByTestId("perplexity-entropy").textContent).toBe("4.70 nats");
    expect(screen.getByTestId("perplexity-panel-en").textContent).toContain("English: held-out Austen novels");
    expect(screen.getByTestId("perplexity-no-compare").textContent).toContain("cannot be compared");
  });
});
