import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { BenchmarkItem, BenchmarkItemScore, Workbench } from "../workbench";
import { Benchmark } from "./index";
import { MODEL_KEYS, type ModelKey } from "./benchmark";
import { fakeItems, fakeScores } from "./fixtures";
import { benchmarkStrings } from "./strings";

type Fake = Pick<Workbench, "benchmarkItems" | "benchmarkScore">;
const zh = benchmarkStrings.zh;
const en = benchmarkStrings.en;
const items = fakeItems();
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A workbench that answers at once. */
function quickWorkbench() {
  return {
    benchmarkItems: vi.fn<Fake["benchmarkItems"]>(async () => items),
    benchmarkScore: vi.fn<Fake["benchmarkScore"]>(async (model) => fakeScores(items, model as ModelKey)),
  };
}

/** A workbench whose score calls the test answers one at a time, recording how many were open at once. */
function heldWorkbench() {
  const waiting: { model: string; resolve: (s: BenchmarkItemScore[]) => void; reject: (e: unknown) => void }[] = [];
  let mostOpen = 0;
  const benchmarkScore = vi.fn<Fake["benchmarkScore"]>(
    (model) =>
      new Promise<BenchmarkItemScore[]>((resolve, reject) => {
        waiting.push({ model, resolve, reject });
        mostOpen = Math.max(mostOpen, waiting.length);
      }),
  );
  return {
    workbench: { benchmarkItems: vi.fn<Fake["benchmarkItems"]>(async () => items), benchmarkScore },
    benchmarkScore,
    pending: () => waiting.map((w) => w.model),
    mostOpen: () => mostOpen,
    async answerNext() {
      const next = waiting.shift()!;
      next.resolve(fakeScores(items, next.model as ModelKey));
      await tick();
      await tick();
    },
    async failNext(message: string) {
      waiting.shift()!.reject({ message });
      await tick();
      await tick();
    },
  };
}

const loaded = () => waitFor(() => expect(screen.getByTestId("benchmark-item-zh-cloze-01")).toBeTruthy());
const accuracy = (k: ModelKey) => screen.getByTestId(`benchmark-accuracy-${k}`).textContent ?? "";

beforeEach(() => {
  locale.lang = "zh";
});

describe("Benchmark", () => {
  it("loads the items on mount, lists all 40 with their source and opens the first", async () => {
    const w = quickWorkbench();
    render(Benchmark, { workbench: w });
    await loaded();
    expect(w.benchmarkItems).toHaveBeenCalledTimes(1);
    expect(w.benchmarkScore).not.toHaveBeenCalled();
    for (const item of items) expect(screen.getByTestId(`benchmark-item-${item.id}`).textContent).toContain(item.source);
    expect(screen.getByTestId("benchmark-count").textContent).toBe(zh.shown(40, 40));
    expect(screen.getByTestId("benchmark-detail").dataset.item).toBe("zh-cloze-01");
    expect(screen.getByTestId("benchmark-held-out").textContent).toContain("保留文本");
    expect(screen.getByTestId("benchmark-chance").textContent).toContain("25%");
  });

  it("scores one model and shows its accuracy overall, per language and per kind", async () => {
    const w = quickWorkbench();
    render(Benchmark, { workbench: w });
    await loaded();
    await fireEvent.click(screen.getByTestId("benchmark-score-tiny"));
    await waitFor(() => expect(accuracy("tiny")).toContain("20/40"));
    expect(accuracy("tiny")).toContain("50%");
    expect(w.benchmarkScore).toHaveBeenCalledTimes(1);
    expect(w.benchmarkScore).toHaveBeenCalledWith("tiny");
    const breakdown = screen.getByTestId("benchmark-breakdown-tiny").textContent ?? "";
    expect(breakdown).toContain("中文 10/20");
    expect(breakdown).toContain("英文 10/20");
    expect(breakdown).toMatch(/填空 \d+\/20/);
    expect(accuracy("tiny-sft")).not.toContain("/40");
    expect((screen.getByTestId("benchmark-score-tiny") as HTMLButtonElement).disabled).toBe(true);
    // The list marks tiny's answers, and the open item shows its probabilities and a reading.
    expect(screen.getByTestId("benchmark-item-zh-cloze-01").textContent).toMatch(/tiny [✓✗]/);
    const reading = screen.getByTestId("benchmark-reading");
    expect(within(reading).getAllByText(/^tiny：/)).toHaveLength(1);
    expect(screen.getByTestId("benchmark-candidate-0").querySelectorAll(".prob-row")).toHaveLength(1);
  });

  it("scores all four one after another, never two at once, each accuracy appearing as it finishes", async () => {
    const h = heldWorkbench();
    render(Benchmark, { workbench: h.workbench });
    await loaded();
    await fireEvent.click(screen.getByTestId("benchmark-score-all"));
    expect(h.pending()).toEqual(["tiny"]);
    expect(screen.getByTestId("benchmark-score-tiny").textContent).toBe(zh.scoring);
    expect(screen.getByTestId("benchmark-score-trigram").textContent).toBe(zh.queued);
    expect((screen.getByTestId("benchmark-score-all") as HTMLButtonElement).disabled).toBe(true);
    // A second click while busy changes nothing.
    await fireEvent.click(screen.getByTestId("benchmark-score-tiny"));
    expect(h.benchmarkScore).toHaveBeenCalledTimes(1);

    await h.answerNext();
    expect(accuracy("tiny")).toContain("20/40");
    expect(accuracy("tiny-sft")).not.toContain("/40");
    expect(h.pending()).toEqual(["tiny-sft"]);
    await h.answerNext();
    expect(accuracy("tiny-sft")).toContain("16/40");
    expect(h.pending()).toEqual(["tiny-moe"]);
    await h.answerNext();
    expect(accuracy("tiny-moe")).toContain("7/40");
    await h.answerNext();
    expect(accuracy("trigram")).toContain("17/40");
    expect(h.benchmarkScore.mock.calls.map((c) => c[0])).toEqual([...MODEL_KEYS]);
    expect(h.mostOpen()).toBe(1);
    expect((screen.getByTestId("benchmark-score-all") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("benchmark-ranking").textContent).toContain("tiny 50% > 三元 n-gram 42.5% > tiny-sft 40% > tiny-moe 17.5%");
  });

  it("opens an item: cloze with a blank, candidates with probabilities, the answer and the choice marked, and a reading", async () => {
    const w = quickWorkbench();
    render(Benchmark, { workbench: w });
    await loaded();
    await fireEvent.click(screen.getByTestId("benchmark-score-tiny"));
    await waitFor(() => expect(accuracy("tiny")).toContain("20/40"));

    const wrongId = fakeScores(items, "tiny").find((s) => !s.correct)!.id;
    const item = items.find((i) => i.id === wrongId) as BenchmarkItem;
    const sc = fakeScores(items, "tiny").find((s) => s.id === wrongId)!;
    await fireEvent.click(screen.getByTestId(`benchmark-item-${wrongId}`));
    const detail = screen.getByTestId("benchmark-detail");
    expect(detail.dataset.item).toBe(wrongId);
    expect(detail.textContent).toContain(item.source);
    if (item.kind === "cloze") expect(within(detail).getByTestId("benchmark-question").textContent).toBe(`${item.before}____${item.after}`);
    for (let i = 0; i < 4; i++) {
      const c = within(detail).getByTestId(`benchmark-candidate-${i}`);
      expect(c.textContent).toContain(item.candidates[i]);
      expect(c.dataset.answer).toBe(i === item.answer ? "true" : "false");
      expect(c.dataset.chosenBy).toBe(i === sc.chosen ? "tiny" : "");
      expect(c.textContent).toContain(`${Math.round(sc.probabilities[i] * 100) || "<1"}%`);
    }
    expect(within(detail).getByTestId(`benchmark-candidate-${item.answer}`).textContent).toContain(zh.answer);
    const reading = within(detail).getByTestId("benchmark-reading").querySelector("[data-model=tiny]") as HTMLElement;
    expect(["confidentlyWrong", "torn", "leaningWrong"]).toContain(reading.dataset.reading);
    expect(reading.textContent).toContain(zh.reading[reading.dataset.reading as keyof typeof zh.reading]);
  });

  it("shows a next-line item's given line, then its four candidate lines", async () => {
    render(Benchmark, { workbench: quickWorkbench() });
    await loaded();
    await fireEvent.click(screen.getByTestId("benchmark-item-zh-next-03"));
    const item = items.find((i) => i.id === "zh-next-03")!;
    const detail = screen.getByTestId("benchmark-detail");
    expect(within(detail).getByTestId("benchmark-question").textContent).toBe(item.before.trim());
    expect(detail.textContent).toContain(zh.given);
    expect(within(detail).queryByTestId("benchmark-reading")).toBeNull();
    expect(detail.textContent).toContain(zh.noScores);
  });

  it("filters the list by language, kind and the items a model got wrong", async () => {
    render(Benchmark, { workbench: quickWorkbench() });
    await loaded();
    const wrongTiny = screen.getByTestId("benchmark-filter-wrong-tiny") as HTMLButtonElement;
    expect(wrongTiny.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("benchmark-filter-language-en"));
    await fireEvent.click(screen.getByTestId("benchmark-filter-kind-cloze"));
    expect(screen.getByTestId("benchmark-count").textContent).toBe(zh.shown(10, 40));
    expect(screen.queryByTestId("benchmark-item-zh-cloze-01")).toBeNull();
    expect(screen.getByTestId("benchmark-item-en-cloze-01")).toBeTruthy();

    await fireEvent.click(screen.getByTestId("benchmark-score-tiny"));
    await waitFor(() => expect(wrongTiny.disabled).toBe(false));
    await fireEvent.click(wrongTiny);
    const wrongEnCloze = fakeScores(items, "tiny").filter((s) => !s.correct && s.id.startsWith("en-cloze"));
    expect(screen.getByTestId("benchmark-count").textContent).toBe(zh.shown(wrongEnCloze.length, 40));
    for (const s of wrongEnCloze) expect(screen.getByTestId(`benchmark-item-${s.id}`)).toBeTruthy();
    await fireEvent.click(screen.getByTestId("benchmark-filter-language-all"));
    await fireEvent.click(screen.getByTestId("benchmark-filter-kind-all"));
    expect(screen.getByTestId("benchmark-count").textContent).toBe(zh.shown(20, 40));
  });

  it("shows a failed score with its message, keeps the others, and retries", async () => {
    const h = heldWorkbench();
    render(Benchmark, { workbench: h.workbench });
    await loaded();
    await fireEvent.click(screen.getByTestId("benchmark-score-tiny"));
    await h.answerNext();
    await fireEvent.click(screen.getByTestId("benchmark-score-tiny-moe"));
    await h.failNext("cannot load models/tiny-moe");
    const error = screen.getByTestId("benchmark-error-tiny-moe");
    expect(error.textContent).toContain("cannot load models/tiny-moe");
    expect(accuracy("tiny")).toContain("20/40");
    expect((screen.getByTestId("benchmark-score-tiny-moe") as HTMLButtonElement).disabled).toBe(false);
    await fireEvent.click(screen.getByTestId("benchmark-retry-tiny-moe"));
    expect(h.pending()).toEqual(["tiny-moe"]);
    expect(screen.queryByTestId("benchmark-error-tiny-moe")).toBeNull();
    await h.answerNext();
    expect(accuracy("tiny-moe")).toContain("7/40");
  });

  it("shows a failed item load with its message and retries; scoring waits for the items", async () => {
    let fail = true;
    const w = {
      benchmarkItems: vi.fn<Fake["benchmarkItems"]>(async () => {
        if (fail) throw { message: "items.json missing" };
        return items;
      }),
      benchmarkScore: vi.fn<Fake["benchmarkScore"]>(async (model) => fakeScores(items, model as ModelKey)),
    };
    render(Benchmark, { workbench: w });
    await waitFor(() => expect(screen.getByTestId("benchmark-items-error").textContent).toContain("items.json missing"));
    expect((screen.getByTestId("benchmark-score-all") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("benchmark-score-tiny") as HTMLButtonElement).disabled).toBe(true);
    fail = false;
    await fireEvent.click(screen.getByTestId("benchmark-items-retry"));
    await loaded();
    expect(w.benchmarkItems).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("benchmark-items-error")).toBeNull();
    expect((screen.getByTestId("benchmark-score-all") as HTMLButtonElement).disabled).toBe(false);
  });

  it("switches the chart between overall, per language and per kind", async () => {
    render(Benchmark, { workbench: quickWorkbench() });
    await loaded();
    await fireEvent.click(screen.getByTestId("benchmark-score-tiny"));
    await waitFor(() => expect(accuracy("tiny")).toContain("20/40"));
    const row = screen.getByTestId("benchmark-model-tiny");
    expect(row.querySelectorAll(".bar-line")).toHaveLength(1);
    await fireEvent.click(screen.getByTestId("benchmark-view-language"));
    expect(row.querySelectorAll(".bar-line")).toHaveLength(2);
    expect(row.textContent).toContain("10/20");
  });

  it("speaks English", async () => {
    locale.lang = "en";
    render(Benchmark, { workbench: quickWorkbench() });
    await loaded();
    expect(screen.getByTestId("benchmark").getAttribute("lang")).toBe("en");
    expect(screen.getByTestId("benchmark-score-all").textContent).toBe(en.scoreAll);
    expect(screen.getByTestId("benchmark-chance").textContent).toBe(en.chanceShort);
    await fireEvent.click(screen.getByTestId("benchmark-score-trigram"));
    await waitFor(() => expect(accuracy("trigram")).toContain("17/40"));
    expect(accuracy("trigram")).toContain("42.5%");
    expect(screen.getByTestId("benchmark-breakdown-trigram").textContent).toContain("Chinese 6/20");
    expect(screen.getByTestId("benchmark-breakdown-trigram").textContent).toContain("English 11/20");
    await fireEvent.click(screen.getByTestId("benchmark-item-en-next-02"));
    const reading = screen.getByTestId("benchmark-reading").textContent ?? "";
    expect(reading).toMatch(/^trigram n-gram: (Confidently wrong|Torn|Leaning the wrong way|Right by a hair: may be luck|Clearly right)\./);
    expect(screen.getByTestId("benchmark-detail").textContent).toContain(en.question.nextLine);
  });
});
