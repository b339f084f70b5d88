import "../../generation/testSetup";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { Candidate } from "../../lib/generated/Candidate";
import type { TokenView } from "../../lib/generated/TokenView";
import { MODELS, token } from "../../generation/fixtures";
import type { Engine } from "../../generation/engine";
import type { Baseline, Completion, HeldOutLoss, Workbench } from "../workbench";
import { BaseVsSft, ModelGenerations, MultiTask } from "./index";
import {
  GREEDY,
  MAX_TOKENS,
  characterBegun,
  formatPerplexity,
  parseSeed,
  perplexities,
  sampled,
  scriptMix,
  sftPrompt,
} from "./compare";
import { compareStrings } from "./strings";

// ----- fakes --------------------------------------------------------------------------------

function completion(text: string, extra: Partial<Completion> = {}): Completion {
  const generated = [...text].map((ch, i) => token(2000 + i, ch));
  const firstCandidates: Candidate[] = generated.slice(0, 1).map((t) => ({
    token: t,
    logit: 1,
    probability: 0.5,
    temperedProbability: 0.5,
    samplingProbability: 0.5,
  }));
  return { prompt: [], generated, probabilities: generated.map(() => 0.5), text, firstCandidates, ended: false, ...extra };
}

/** A held-out loss whose perplexities are exactly `zh` and `en`. */
function loss(zh: number, en: number): HeldOutLoss {
  const mean = (Math.log(zh) + Math.log(en)) / 2;
  return { zh: Math.log(zh), en: Math.log(en), mean, perplexity: Math.exp(mean), tokensPerLanguage: 1024 };
}

const LOSSES: Record<number, HeldOutLoss> = { 1: loss(934, 2168), 2: loss(194, 76), 3: loss(153, 47) };
const TINY_LOSS = loss(171, 52.8);

function baselineName(baseline: Baseline): string {
  return typeof baseline === "string" ? baseline : `order-${baseline.corpus.order}`;
}

/** The four calls these widgets make; the Workbench has others they never use. */
function fakeWorkbench() {
  return {
    complete: vi.fn<Workbench["complete"]>(async (model, prompt) => completion(`${model} after ${prompt}`)),
    completeBaseline: vi.fn<Workbench["completeBaseline"]>(async (baseline, prompt) => completion(`${baselineName(baseline)} after ${prompt}`)),
    modelLoss: vi.fn<Workbench["modelLoss"]>(async () => TINY_LOSS),
    ngramLoss: vi.fn<Workbench["ngramLoss"]>(async (order) => LOSSES[order]),
  } satisfies Pick<Workbench, "complete" | "completeBaseline" | "modelLoss" | "ngramLoss">;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeEngine(entries = MODELS): Pick<Engine, "listModels"> {
  return { listModels: vi.fn(async () => entries) };
}

async function type(testid: string, value: string) {
  await fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

function column(testid: string, attr: string, value: string): HTMLElement {
  const found = screen.getAllByTestId(testid).find((el) => el.getAttribute(attr) === value);
  if (!found) throw new Error(`no ${testid} with ${attr}=${value}`);
  return found;
}

beforeEach(() => {
  locale.lang = "en";
});
afterEach(() => {
  vi.restoreAllMocks();
  locale.lang = "zh";
});

// ----- helpers ------------------------------------------------------------------------------

describe("the comparison helpers", () => {
  it("put the question into tiny-sft's template exactly", () => {
    expect(sftPrompt("《静夜思》的作者是谁？")).toBe("<|question|>《静夜思》的作者是谁？<|answer|>");
  });

  it("read seeds the sampler can take, and nothing else", () => {
    expect(parseSeed("42")).toBe(42);
    expect(parseSeed(" 7 ")).toBe(7);
    expect(parseSeed("4294967295")).toBe(4294967295);
    expect(parseSeed("4294967296")).toBeNull();
    expect(parseSeed("-1")).toBeNull();
    expect(parseSeed("1.5")).toBeNull();
    expect(parseSeed("abc")).toBeNull();
    expect(parseSeed("")).toBeNull();
  });

  it("turn losses into perplexities per language and write them as the lessons do", () => {
    const p = perplexities(loss(934, 2168));
    expect(p.zh).toBeCloseTo(934, 6);
    expect(p.en).toBeCloseTo(2168, 6);
    expect(p.mean).toBeCloseTo(Math.sqrt(934 * 2168), 6);
    expect(formatPerplexity(2168.4, "en")).toBe("2,168");
    expect(formatPerplexity(2168.4, "zh")).toBe("2168");
    expect(formatPerplexity(46.83, "en")).toBe("46.8");
  });

  it("tell which script a text is mostly in", () => {
    expect(scriptMix("疑是地上霜。举头望明月")).toBe("zh");
    expect(scriptMix(" a single man in possession of a good fortune")).toBe("en");
    expect(scriptMix("明月照着 Mr. Darcy and Elizabeth")).toBe("mixed");
    expect(scriptMix("，。\n")).toBe("none");
  });

  it("name the character a written byte piece begins", () => {
    // 《 is E3 80 8A: two byte pieces in the bundled vocabulary.
    const pieces: TokenView[] = [
      token(300, "<E3 80>", { bytes: [0xe3, 0x80], partial: true }),
      token(301, "<8A>", { bytes: [0x8a], partial: true }),
      token(302, "静"),
    ];
    expect(characterBegun(pieces)).toBe("《");
    expect(characterBegun([token(302, "静")])).toBeNull();
    expect(characterBegun(pieces.slice(0, 1))).toBeNull();
    expect(characterBegun([])).toBeNull();
  });

  it("have the same words in both languages, with Chinese quotation marks in Chinese", () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keys(v).map((sub) => `${k}.${sub}`) : [k]));
    expect(keys(compareStrings.zh).sort()).toEqual(keys(compareStrings.en).sort());
    const texts = (o: object): string[] =>
      Object.values(o).flatMap((v) =>
        typeof v === "string" ? [v] : typeof v === "function" ? [String((v as (...a: unknown[]) => unknown)("X", "Y"))] : texts(v),
      );
    for (const text of texts(compareStrings.zh)) expect(text).not.toMatch(/["']/);
  });
});

// ----- lesson 3 -----------------------------------------------------------------------------

describe("ModelGenerations", () => {
  it("measures every model once on the same held-out tokens and shows perplexity per language", async () => {
    const workbench = fakeWorkbench();
    render(ModelGenerations, { workbench });
    expect(workbench.ngramLoss.mock.calls.map((c) => c[0]).sort()).toEqual([1, 2, 3]);
    expect(workbench.modelLoss).toHaveBeenCalledExactlyOnceWith("tiny");

    await waitFor(() => expect(within(column("gen-column", "data-model", "tiny")).getByTestId("gen-perplexity").textContent).toContain("52.8"));
    const perplexity = (model: string) => within(column("gen-column", "data-model", model)).getByTestId("gen-perplexity");
    expect(perplexity("bigram").textContent).toMatch(/Chinese\s*194[\s\S]*English\s*76\.0[\s\S]*Mean\s*121/);
    expect(perplexity("trigram").textContent).toMatch(/Chinese\s*153[\s\S]*English\s*47\.0[\s\S]*Mean\s*84\.8/);
    expect(perplexity("tiny").textContent).toMatch(/Chinese\s*171[\s\S]*English\s*52\.8[\s\S]*Mean\s*95\.0/);
    expect(Number(perplexity("trigram").dataset.zh)).toBeCloseTo(153, 6);

    const reference = screen.getByTestId("gen-reference");
    expect(reference.textContent).toContain("Unigram");
    expect(reference.textContent).toMatch(/Chinese\s*934[\s\S]*English\s*2,168[\s\S]*Mean\s*1,423/);
    expect(screen.getByText(/same 1,024 held-out tokens per language/)).toBeTruthy();
    // No generation until asked.
    expect(workbench.complete).not.toHaveBeenCalled();
    expect(workbench.completeBaseline).not.toHaveBeenCalled();
  });

  it("draws a shorter bar for a lower perplexity, on one scale across the columns", async () => {
    render(ModelGenerations, { workbench: fakeWorkbench() });
    const bars = (model: string) =>
      [...within(column("gen-column", "data-model", model)).getByTestId("gen-perplexity").querySelectorAll<HTMLElement>(".fill")].map((el) =>
        parseFloat(el.style.width),
      );
    await waitFor(() => expect(bars("tiny")).toHaveLength(3));
    // Chinese, English, mean: the bigram is the largest of the three on every one.
    expect(bars("bigram")).toEqual([100, 100, 100]);
    expect(bars("trigram")[0]).toBeCloseTo((153 / 194) * 100, 6);
    expect(bars("tiny")[1]).toBeCloseTo((52.8 / 76) * 100, 6);
    expect(bars("trigram")[2]).toBeLessThan(bars("tiny")[2]);
  });

  it("sends one opening with the same settings and seed to the bigram, the trigram and tiny", async () => {
    const workbench = fakeWorkbench();
    render(ModelGenerations, { workbench });
    await type("gen-prompt", "明月照着 Mr. Darcy");
    await type("gen-seed", "7");
    await fireEvent.click(screen.getByTestId("gen-run"));

    const settings = { temperature: 0.8, topK: 40, topP: 0.95, seed: 7 };
    expect(workbench.completeBaseline).toHaveBeenCalledTimes(2);
    expect(workbench.completeBaseline).toHaveBeenCalledWith({ corpus: { order: 2 } }, "明月照着 Mr. Darcy", MAX_TOKENS, settings);
    expect(workbench.completeBaseline).toHaveBeenCalledWith({ corpus: { order: 3 } }, "明月照着 Mr. Darcy", MAX_TOKENS, settings);
    expect(workbench.complete).toHaveBeenCalledExactlyOnceWith("tiny", "明月照着 Mr. Darcy", MAX_TOKENS, settings);
    expect(MAX_TOKENS).toBe(40);

    await waitFor(() => expect(screen.getAllByTestId("gen-text")).toHaveLength(3));
    for (const [model, text] of [
      ["bigram", "order-2 after"],
      ["trigram", "order-3 after"],
      ["tiny", "tiny after"],
    ]) {
      const shown = within(column("gen-column", "data-model", model)).getByTestId("gen-text");
      // The opening (faint), then what the model wrote.
      expect(shown.textContent).toBe(`明月照着 Mr. Darcy${text} 明月照着 Mr. Darcy`);
    }
    expect(screen.getByText(/seed 7 · at most 40 tokens/)).toBeTruthy();
  });

  it("shows each column as it arrives and sends nothing more while one is running", async () => {
    const workbench = fakeWorkbench();
    const tiny = deferred<Completion>();
    const trigram = deferred<Completion>();
    workbench.complete.mockImplementation(() => tiny.promise);
    workbench.completeBaseline.mockImplementation(async (baseline: Baseline) =>
      baselineName(baseline) === "order-3" ? trigram.promise : completion("二元"),
    );
    render(ModelGenerations, { workbench });
    await fireEvent.click(screen.getByTestId("gen-run"));

    await waitFor(() => expect(within(column("gen-column", "data-model", "bigram")).getByTestId("gen-text").textContent).toContain("二元"));
    expect(within(column("gen-column", "data-model", "trigram")).queryByTestId("gen-text")).toBeNull();
    expect(column("gen-column", "data-model", "trigram").getAttribute("aria-busy")).toBe("true");
    const run = screen.getByTestId("gen-run") as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    expect(run.textContent).toContain("Generating");
    await fireEvent.click(run);
    await fireEvent.click(screen.getByTestId("gen-reroll"));
    expect(workbench.complete).toHaveBeenCalledTimes(1);
    expect(workbench.completeBaseline).toHaveBeenCalledTimes(2);

    trigram.resolve(completion("三元"));
    await waitFor(() => expect(within(column("gen-column", "data-model", "trigram")).getByTestId("gen-text").textContent).toContain("三元"));
    expect(run.disabled).toBe(true);
    tiny.resolve(completion("变换器"));
    await waitFor(() => expect(run.disabled).toBe(false));
    expect(within(column("gen-column", "data-model", "tiny")).getByTestId("gen-text").textContent).toContain("变换器");
  });

  it("shows a rejection in the failed column only", async () => {
    const workbench = fakeWorkbench();
    workbench.complete.mockRejectedValue({ message: "models/tiny/model.safetensors is missing" });
    render(ModelGenerations, { workbench });
    await fireEvent.click(screen.getByTestId("gen-run"));

    const tiny = column("gen-column", "data-model", "tiny");
    await waitFor(() => expect(within(tiny).getByTestId("gen-error").textContent).toContain("models/tiny/model.safetensors is missing"));
    expect(within(tiny).queryByTestId("gen-text")).toBeNull();
    for (const model of ["bigram", "trigram"]) {
      const other = column("gen-column", "data-model", model);
      expect(within(other).queryByTestId("gen-error")).toBeNull();
      expect(within(other).getByTestId("gen-text")).toBeTruthy();
    }
    expect((screen.getByTestId("gen-run") as HTMLButtonElement).disabled).toBe(false);
  });

  it("shows a failed measurement where its number would be", async () => {
    const workbench = fakeWorkbench();
    workbench.ngramLoss.mockImplementation(async (order: number) => {
      if (order === 3) throw { message: "corpus missing" };
      return LOSSES[order];
    });
    render(ModelGenerations, { workbench });
    const trigram = column("gen-column", "data-model", "trigram");
    await waitFor(() => expect(within(trigram).getByTestId("gen-error").textContent).toContain("corpus missing"));
    expect(within(column("gen-column", "data-model", "bigram")).queryByTestId("gen-error")).toBeNull();
  });

  it("never calls the backend for an empty opening, and says what to do", async () => {
    const workbench = fakeWorkbench();
    render(ModelGenerations, { workbench });
    await type("gen-prompt", "  \n ");
    await fireEvent.click(screen.getByTestId("gen-run"));
    expect(screen.getByTestId("gen-error").textContent).toContain("Type an opening first");
    expect(workbench.complete).not.toHaveBeenCalled();
    expect(workbench.completeBaseline).not.toHaveBeenCalled();
    await type("gen-prompt", "床");
    expect(screen.queryByTestId("gen-error")).toBeNull();
  });

  it("refuses a seed the sampler cannot take", async () => {
    const workbench = fakeWorkbench();
    render(ModelGenerations, { workbench });
    await type("gen-seed", "abc");
    await fireEvent.click(screen.getByTestId("gen-run"));
    expect(screen.getByTestId("gen-error").textContent).toContain("whole number");
    expect(workbench.complete).not.toHaveBeenCalled();
  });

  it("re-rolls the seed and generates again with the new seed in all three columns", async () => {
    const workbench = fakeWorkbench();
    vi.spyOn(Math, "random").mockReturnValue(0.25);
    render(ModelGenerations, { workbench });
    await fireEvent.click(screen.getByTestId("gen-reroll"));
    const seed = Math.floor(0.25 * 0xffffffff);
    expect((screen.getByTestId("gen-seed") as HTMLInputElement).value).toBe(String(seed));
    const seeds = [...workbench.complete.mock.calls, ...workbench.completeBaseline.mock.calls].map((c) => c[3].seed);
    expect(seeds).toEqual([seed, seed, seed]);
  });

  it("fills the box from an example and generates", async () => {
    const workbench = fakeWorkbench();
    render(ModelGenerations, { workbench });
    const austen = screen.getAllByTestId("gen-preset").find((b) => b.dataset.preset === "austen")!;
    await fireEvent.click(austen);
    const opening = "It is a truth universally acknowledged, that";
    expect((screen.getByTestId("gen-prompt") as HTMLTextAreaElement).value).toBe(opening);
    expect(workbench.complete).toHaveBeenCalledWith("tiny", opening, MAX_TOKENS, sampled(42));
    expect(austen.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getAllByTestId("gen-preset").map((b) => b.textContent)).toEqual([
      "床前明月光，",
      "It is a truth universally acknowledged, that",
      "明月照着 Mr. Darcy",
    ]);
  });

  it("speaks Chinese", async () => {
    locale.lang = "zh";
    render(ModelGenerations, { workbench: fakeWorkbench() });
    expect(screen.getByText("新旧模型同题对比")).toBeTruthy();
    expect(screen.getByTestId("gen-run").textContent).toBe("生成");
    expect(screen.getByText("二元模型")).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId("gen-reference").textContent).toMatch(/中文\s*934[\s\S]*英文\s*2168/));
    expect(screen.getByText(/每种语言同样 1,024 个词元/)).toBeTruthy();
  });
});

// ----- lesson 2 -----------------------------------------------------------------------------

describe("MultiTask", () => {
  const task = (name: string) => screen.getAllByTestId("task-preset").find((b) => b.dataset.task === name)!;

  it("gives the same input to tiny and to the poems-only baseline, with the same fixed settings", async () => {
    const workbench = fakeWorkbench();
    render(MultiTask, { workbench, engine: fakeEngine() });
    await fireEvent.click(task("question"));
    const question = "《静夜思》的作者是谁？";
    expect((screen.getByTestId("task-input") as HTMLTextAreaElement).value).toBe(question);
    expect(workbench.complete).toHaveBeenCalledExactlyOnceWith("tiny", question, MAX_TOKENS, sampled(42));
    expect(workbench.completeBaseline).toHaveBeenCalledExactlyOnceWith("poemsOnly", question, MAX_TOKENS, sampled(42));

    await waitFor(() => expect(screen.getAllByTestId("task-output")).toHaveLength(2));
    expect(column("task-output", "data-side", "model").textContent).toContain("tiny after");
    expect(column("task-output", "data-side", "baseline").textContent).toContain("poemsOnly after");
  });

  it("offers the lesson's tasks, and runs what is typed", async () => {
    const workbench = fakeWorkbench();
    render(MultiTask, { workbench, engine: fakeEngine() });
    expect(screen.getAllByTestId("task-preset").map((b) => b.dataset.task)).toEqual(["poem", "austen", "question", "translate"]);
    await fireEvent.click(task("poem"));
    await waitFor(() => expect((screen.getByTestId("task-run") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.click(task("austen"));
    await waitFor(() => expect((screen.getByTestId("task-run") as HTMLButtonElement).disabled).toBe(false));
    await type("task-input", "Mr. Darcy said");
    await fireEvent.click(screen.getByTestId("task-run"));
    expect(workbench.complete.mock.calls.map((c) => c[1])).toEqual(["床前明月光，", "It is a truth universally acknowledged, that", "Mr. Darcy said"]);
  });

  it("keeps tiny's parameter count on show, the same whatever the task", async () => {
    const workbench = fakeWorkbench();
    render(MultiTask, { workbench, engine: fakeEngine() });
    const badge = screen.getByTestId("task-params");
    await waitFor(() => expect(badge.textContent).toContain("same parameters · 3.2M"));
    expect(badge.dataset.parameters).toBe("3200000");
    await fireEvent.click(task("poem"));
    await waitFor(() => expect(screen.getAllByTestId("task-output")).toHaveLength(2));
    await fireEvent.click(task("austen"));
    await waitFor(() => expect(column("task-output", "data-side", "model").textContent).toContain("tiny after It is"));
    expect(screen.getByTestId("task-params").textContent).toContain("same parameters · 3.2M");
    locale.lang = "zh";
    await waitFor(() => expect(screen.getByTestId("task-params").textContent).toContain("同一组参数 · 320 万"));
  });

  it("still says the parameters are the same when the count cannot be read", async () => {
    render(MultiTask, { workbench: fakeWorkbench(), engine: { listModels: vi.fn(async () => Promise.reject({ message: "no models" })) } });
    await waitFor(() => expect(screen.getByTestId("task-params").textContent?.trim()).toBe("same parameters"));
  });

  it("says which script each side wrote", async () => {
    const workbench = fakeWorkbench();
    workbench.complete.mockResolvedValue(completion(" a single man in possession of a good fortune"));
    workbench.completeBaseline.mockResolvedValue(completion("一片春风吹不尽，长安城外草青青。"));
    render(MultiTask, { workbench, engine: fakeEngine() });
    await fireEvent.click(task("austen"));
    await waitFor(() => expect(screen.getAllByTestId("task-mix")).toHaveLength(2));
    const [model, baseline] = screen.getAllByTestId("task-mix");
    expect(model.dataset.mix).toBe("en");
    expect(baseline.dataset.mix).toBe("zh");
    expect(baseline.textContent).toContain("mostly Chinese");
  });

  it("shows a rejection in the failed side only", async () => {
    const workbench = fakeWorkbench();
    workbench.completeBaseline.mockRejectedValue({ message: "poems could not be counted" });
    render(MultiTask, { workbench, engine: fakeEngine() });
    await fireEvent.click(screen.getByTestId("task-run"));
    await waitFor(() => expect(screen.getByTestId("task-error").textContent).toContain("poems could not be counted"));
    expect(screen.getByTestId("task-error").dataset.side).toBe("baseline");
    expect(within(column("task-column", "data-side", "baseline")).getByTestId("task-error")).toBeTruthy();
    expect(within(column("task-column", "data-side", "model")).queryByTestId("task-error")).toBeNull();
    expect(column("task-output", "data-side", "model")).toBeTruthy();
  });

  it("disables the tasks while a run is going, and never calls the backend for empty input", async () => {
    const workbench = fakeWorkbench();
    const pending = deferred<Completion>();
    workbench.complete.mockImplementation(() => pending.promise);
    render(MultiTask, { workbench, engine: fakeEngine() });
    await fireEvent.click(task("poem"));
    expect((task("austen") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(task("austen"));
    expect(workbench.complete).toHaveBeenCalledTimes(1);
    pending.resolve(completion("疑是地上霜"));
    await waitFor(() => expect((task("austen") as HTMLButtonElement).disabled).toBe(false));

    workbench.complete.mockClear();
    workbench.completeBaseline.mockClear();
    await type("task-input", "   ");
    await fireEvent.click(screen.getByTestId("task-run"));
    expect(screen.getByTestId("task-error").dataset.scope).toBe("input");
    expect(screen.getByTestId("task-error").textContent).toContain("Type some text first");
    expect(workbench.complete).not.toHaveBeenCalled();
    expect(workbench.completeBaseline).not.toHaveBeenCalled();
  });

  it("carries the lesson's caveat, in Chinese too", async () => {
    render(MultiTask, { workbench: fakeWorkbench(), engine: fakeEngine() });
    expect(screen.getByText(/Look not at the quality but at the switching/)).toBeTruthy();
    locale.lang = "zh";
    await waitFor(() => expect(screen.getByText(/要看的不是写得好不好/)).toBeTruthy());
    expect(screen.getByText("一个模型，多种任务")).toBeTruthy();
    expect(task("translate").title).toBe("把下面这句话翻译成英文：早上好。");
  });
});

// ----- lesson 5 -----------------------------------------------------------------------------

describe("BaseVsSft", () => {
  const preset = (key: string) => screen.getAllByTestId("sft-preset").find((b) => b.dataset.preset === key)!;

  /** 《 as tiny-sft writes it: two byte pieces, then the title. */
  const OPEN_TITLE: TokenView[] = [
    token(300, "<E3 80>", { bytes: [0xe3, 0x80], partial: true }),
    token(301, "<8A>", { bytes: [0x8a], partial: true }),
    token(302, "静"),
  ];
  function candidates(list: [TokenView, number][]): Candidate[] {
    return list.map(([t, p]) => ({ token: t, logit: Math.log(p), probability: p, temperedProbability: p, samplingProbability: p }));
  }
  const SFT_ANSWER: Completion = {
    prompt: [],
    generated: OPEN_TITLE,
    probabilities: [0.934, 0.97, 0.12],
    text: "《静",
    ended: true,
    firstCandidates: candidates([
      [OPEN_TITLE[0], 0.934],
      [token(310, "床"), 0.021],
      [token(311, "李"), 0.012],
      [token(0, "<|endoftext|>", { bytes: [], special: true }), 0.008],
      [token(312, "The"), 0.004],
      [token(313, "。"), 0.003],
    ]),
  };
  const BASE_ANSWER: Completion = {
    prompt: [],
    generated: [token(313, "。"), token(314, "春")],
    probabilities: [0.118, 0.05],
    text: "。春",
    ended: false,
    firstCandidates: candidates([
      [token(313, "。"), 0.118],
      [token(315, "，"), 0.097],
    ]),
  };

  function answering() {
    const workbench = fakeWorkbench();
    workbench.complete.mockImplementation(async (model: string) => (model === "tiny-sft" ? SFT_ANSWER : BASE_ANSWER));
    return workbench;
  }

  it("sends both models exactly the question in the template, greedily", async () => {
    const workbench = answering();
    render(BaseVsSft, { workbench });
    await type("sft-question", "  写一首《浣溪沙》。\n");
    await fireEvent.click(screen.getByTestId("sft-run"));
    const prompt = "<|question|>写一首《浣溪沙》。<|answer|>";
    expect(workbench.complete).toHaveBeenCalledTimes(2);
    expect(workbench.complete).toHaveBeenCalledWith("tiny", prompt, MAX_TOKENS, GREEDY);
    expect(workbench.complete).toHaveBeenCalledWith("tiny-sft", prompt, MAX_TOKENS, GREEDY);
    expect(GREEDY.temperature).toBe(0);
    expect(workbench.completeBaseline).not.toHaveBeenCalled();
  });

  it("shows the template with its special tokens as chips, as the question is typed", async () => {
    render(BaseVsSft, { workbench: answering() });
    const template = screen.getByTestId("sft-template");
    expect(template.textContent).toBe("<|question|>《静夜思》的作者是谁？<|answer|>");
    expect([...template.querySelectorAll(".special")].map((el) => el.textContent)).toEqual(["<|question|>", "<|answer|>"]);
    await type("sft-question", "北京有什么好玩的地方？");
    expect(template.textContent).toBe("<|question|>北京有什么好玩的地方？<|answer|>");
  });

  it("offers the lesson's questions, and each one runs", async () => {
    const workbench = answering();
    render(BaseVsSft, { workbench });
    expect(screen.getAllByTestId("sft-preset").map((b) => b.textContent)).toEqual([
      "《静夜思》的作者是谁？",
      "写一首《浣溪沙》。",
      "续写：床前明月光，",
      "北京有什么好玩的地方？",
      "What is there to do in Beijing?",
    ]);
    await fireEvent.click(preset("continue"));
    expect(workbench.complete).toHaveBeenCalledWith("tiny-sft", "<|question|>续写：床前明月光，<|answer|>", MAX_TOKENS, GREEDY);
  });

  it("shows each answer and whether the model ended it or ran out of length", async () => {
    render(BaseVsSft, { workbench: answering() });
    await fireEvent.click(screen.getByTestId("sft-run"));
    await waitFor(() => expect(screen.getAllByTestId("sft-answer")).toHaveLength(2));
    expect(column("sft-answer", "data-model", "tiny-sft").textContent).toBe("《静");
    expect(column("sft-answer", "data-model", "tiny").textContent).toBe("。春");
    const stop = (model: string) => within(column("sft-column", "data-model", model)).getByTestId("sft-stop").textContent;
    expect(stop("tiny-sft")).toBe("(the model ended its answer)");
    expect(stop("tiny")).toBe("(stopped at the length limit)");
    locale.lang = "zh";
    await waitFor(() => expect(stop("tiny-sft")).toBe("（模型自己结束了回答）"));
    expect(stop("tiny")).toBe("（到长度上限）");
  });

  it("draws the first answer token's candidates as bars, the written one ticked and a byte piece explained", async () => {
    render(BaseVsSft, { workbench: answering() });
    await fireEvent.click(screen.getByTestId("sft-run"));
    await waitFor(() => expect(screen.getAllByTestId("sft-candidates")).toHaveLength(2));

    const sft = column("sft-candidates", "data-model", "tiny-sft");
    const rows = within(sft).getAllByTestId("sft-candidate");
    expect(rows).toHaveLength(5);
    expect(rows[0].textContent).toContain("<E3 80>");
    expect(rows[0].textContent).toContain("93.4%");
    expect(rows[0].classList.contains("chosen")).toBe(true);
    expect(rows[0].querySelector(".token")!.classList.contains("partial")).toBe(true);
    expect(within(sft).getByTestId("sft-begun").textContent).toBe("part of “《”");
    expect(rows[3].querySelector(".token")!.classList.contains("special")).toBe(true);
    expect(parseFloat((rows[0].querySelector(".fill") as HTMLElement).style.width)).toBeCloseTo(93.4, 6);
    expect(rows.slice(1).some((r) => r.classList.contains("chosen"))).toBe(false);

    const base = within(column("sft-candidates", "data-model", "tiny")).getAllByTestId("sft-candidate");
    expect(base.map((r) => r.dataset.probability)).toEqual(["0.118", "0.097"]);
    expect(base[0].classList.contains("chosen")).toBe(true);

    await fireEvent.click(screen.getByTestId("sft-more"));
    expect(within(sft).getAllByTestId("sft-candidate")).toHaveLength(6);
  });

  it("shows the answer as token chips on request", async () => {
    render(BaseVsSft, { workbench: answering() });
    await fireEvent.click(screen.getByTestId("sft-run"));
    await waitFor(() => expect(screen.getAllByTestId("sft-answer")).toHaveLength(2));
    await fireEvent.click(screen.getByTestId("sft-as-tokens"));
    const chips = within(column("sft-answer", "data-model", "tiny-sft")).getAllByTestId("sure-chip");
    expect(chips).toHaveLength(3);
    expect(chips[0].classList.contains("partial")).toBe(true);
    // Each token carries how sure the model was of it.
    expect(chips.map((c) => c.dataset.probability)).toEqual(["0.9340", "0.9700", "0.1200"]);
    expect(chips[2].textContent).toContain("12.0%");
  });

  it("shows a rejection in the failed column only", async () => {
    const workbench = answering();
    workbench.complete.mockImplementation(async (model: string) => {
      if (model === "tiny-sft") throw { message: "models/tiny-sft/model.safetensors is missing" };
      return BASE_ANSWER;
    });
    render(BaseVsSft, { workbench });
    await fireEvent.click(screen.getByTestId("sft-run"));
    const sft = column("sft-column", "data-model", "tiny-sft");
    await waitFor(() => expect(within(sft).getByTestId("sft-error").textContent).toContain("tiny-sft/model.safetensors is missing"));
    expect(within(sft).queryByTestId("sft-candidates")).toBeNull();
    const base = column("sft-column", "data-model", "tiny");
    expect(within(base).queryByTestId("sft-error")).toBeNull();
    expect(within(base).getByTestId("sft-answer").textContent).toBe("。春");
    expect(within(base).getByTestId("sft-candidates")).toBeTruthy();
  });

  it("never calls the backend for an empty question, and sends nothing twice while answering", async () => {
    const workbench = answering();
    const pending = deferred<Completion>();
    workbench.complete.mockImplementation(() => pending.promise);
    render(BaseVsSft, { workbench });
    await type("sft-question", " ");
    await fireEvent.click(screen.getByTestId("sft-run"));
    expect(screen.getByTestId("sft-error").textContent).toContain("Type a question first");
    expect(workbench.complete).not.toHaveBeenCalled();

    await type("sft-question", "《静夜思》的作者是谁？");
    await fireEvent.click(screen.getByTestId("sft-run"));
    await fireEvent.click(screen.getByTestId("sft-run"));
    await fireEvent.click(preset("ci"));
    expect(workbench.complete).toHaveBeenCalledTimes(2);
    expect((screen.getByTestId("sft-run") as HTMLButtonElement).disabled).toBe(true);
    pending.resolve(SFT_ANSWER);
    await waitFor(() => expect((screen.getByTestId("sft-run") as HTMLButtonElement).disabled).toBe(false));
  });
});
