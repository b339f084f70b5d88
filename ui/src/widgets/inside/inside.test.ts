import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { Prefill } from "../../lib/generated/Prefill";
import type { ModelEntry } from "../../generation/engine";
import { attentionRows, modelInfo, routing, token, weight } from "../../generation/fixtures";
import { CausalAttention, MoeRoutingWidget } from "./index";
import { attentionMatrix, isMasked, maskedCells } from "./attention";
import { causalStrings, formatParameters, moeStrings } from "./strings";

const LAYERS = 6;
const HEADS = 4;
const WORDS = ["床", "前", "明月", "光", "明月"];

/** A prefill the way the workbench sends one: every row causal and summing to 1. */
function prefill(words: string[] = WORDS, moe = false): Prefill {
  return {
    tokens: words.map((w, i) => token(100 + i, w)),
    dropped: 0,
    attention: attentionRows(0, words.length, LAYERS, HEADS),
    routing: moe ? routing(0, words.length, LAYERS) : [],
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const cells = () => screen.getAllByTestId("causal-cell");
const cell = (q: number, k: number) =>
  cells().find((c) => c.dataset.query === String(q) && c.dataset.key === String(k))!;

beforeEach(() => {
  locale.lang = "en";
});

describe("attention helpers", () => {
  it("picks one head or averages them, and keeps rows summing to 1", () => {
    const [layer] = attentionRows(0, 4, 1, 2);
    const one = attentionMatrix(layer, 1, 4);
    expect(one[2][1]).toBeCloseTo(weight(0, 1, 2, 1));
    const mean = attentionMatrix(layer, "average", 4);
    expect(mean[3][0]).toBeCloseTo((weight(0, 0, 3, 0) + weight(0, 1, 3, 0)) / 2);
    for (const row of mean) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(attentionMatrix(layer, "average", 2)).toHaveLength(2);
    expect(isMasked(1, 2)).toBe(true);
    expect(isMasked(2, 2)).toBe(false);
    expect(maskedCells(5)).toBe(10);
  });

  it("writes parameter counts the way the model cards do", () => {
    expect(formatParameters(3_290_112)).toBe("3.29M");
    expect(formatParameters(2_498_304)).toBe("2.50M");
    expect(formatParameters(46_700_000_000)).toBe("46.7B");
  });
});

describe("CausalAttention", () => {
  it("runs the example on the dense model and masks exactly the cells after each token", async () => {
    const inspect = vi.fn(async () => prefill());
    render(CausalAttention, { workbench: { inspect } });
    await waitFor(() => expect(cells()).toHaveLength(25));
    expect(inspect).toHaveBeenCalledTimes(1);
    expect(inspect).toHaveBeenCalledWith("tiny", causalStrings.en.example);
    for (const c of cells()) {
      const q = Number(c.dataset.query);
      const k = Number(c.dataset.key);
      expect(c.dataset.masked).toBe(k > q ? "true" : "false");
      if (k > q) {
        expect(c.dataset.weight).toBeUndefined();
        expect(c.style.background).toBe("");
      } else {
        expect(Number(c.dataset.weight)).toBeGreaterThan(0);
        expect(c.style.background).not.toBe("");
      }
    }
    expect(screen.getByText(/Causal mask: cannot see later tokens \(10 cells\)/)).toBeTruthy();
  });

  it("redraws the values when the layer or head changes", async () => {
    render(CausalAttention, { workbench: { inspect: async () => prefill() } });
    await waitFor(() => expect(cells()).toHaveLength(25));
    // It opens on layer 5, head 3.
    expect(Number(cell(3, 1).dataset.weight)).toBeCloseTo(weight(4, 2, 3, 1));
    expect(screen.getByTestId("causal-counts").textContent).toBe("5 tokens · layer 5 · head 3");

    await fireEvent.change(screen.getByTestId("causal-layer"), { target: { value: "0" } });
    expect(Number(cell(3, 1).dataset.weight)).toBeCloseTo(weight(0, 2, 3, 1));
    await fireEvent.change(screen.getByTestId("causal-head"), { target: { value: "0" } });
    expect(Number(cell(3, 1).dataset.weight)).toBeCloseTo(weight(0, 0, 3, 1));
    await fireEvent.change(screen.getByTestId("causal-head"), { target: { value: "average" } });
    const mean = [0, 1, 2, 3].reduce((sum, h) => sum + weight(0, h, 3, 1), 0) / 4;
    expect(Number(cell(3, 1).dataset.weight)).toBeCloseTo(mean);
    expect(screen.getByTestId("causal-counts").textContent).toBe("5 tokens · layer 1 · average of heads");
    expect(screen.getByTestId("causal-layer").querySelectorAll("option")).toHaveLength(LAYERS);
    expect(screen.getByTestId("causal-head").querySelectorAll("option")).toHaveLength(HEADS + 1);
  });

  it("outlines what an encoder would allow without giving those cells values", async () => {
    render(CausalAttention, { workbench: { inspect: async () => prefill() } });
    await waitFor(() => expect(cells()).toHaveLength(25));
    expect(cells().filter((c) => c.dataset.encoder)).toHaveLength(0);
    expect(screen.queryByTestId("causal-encoder-note")).toBeNull();

    await fireEvent.click(screen.getByTestId("causal-encoder-toggle"));
    const allowed = cells().filter((c) => c.dataset.encoder === "allowed");
    expect(allowed).toHaveLength(10);
    for (const c of allowed) {
      expect(c.dataset.masked).toBe("true");
      expect(c.dataset.weight).toBeUndefined();
      expect(c.style.background).toBe("");
    }
    expect(screen.getByTestId("causal-encoder-note").textContent).toContain("This model is causal");
    await fireEvent.pointerEnter(cell(0, 3));
    expect(screen.getByTestId("causal-readout").textContent).toBe(
      "An encoder would let “床” look at “光”; this model is causal, so there is no value here.",
    );

    await fireEvent.click(screen.getByTestId("causal-encoder-toggle"));
    expect(cells().filter((c) => c.dataset.encoder)).toHaveLength(0);
    expect(screen.getByTestId("causal-readout").textContent).toBe("“床” cannot see “光”: it comes later, so the causal mask blocks it.");
  });

  it("reads a cell on hover or focus, numbering repeated tokens, and moves with the arrow keys", async () => {
    render(CausalAttention, { workbench: { inspect: async () => prefill() } });
    await waitFor(() => expect(cells()).toHaveLength(25));
    await fireEvent.pointerEnter(cell(3, 0));
    const p = (weight(4, 2, 3, 0) * 100).toFixed(1);
    expect(screen.getByTestId("causal-readout").textContent).toBe(`“光” looks at “床”: ${p}%`);
    await fireEvent.pointerLeave(cell(3, 0));
    expect(screen.getByTestId("causal-readout").textContent).toBe(causalStrings.en.hint);

    expect(cells().filter((c) => c.tabIndex === 0)).toEqual([cell(0, 0)]);
    cell(4, 2).focus();
    await waitFor(() => expect(screen.getByTestId("causal-readout").textContent).toContain("“明月” (token 5) looks at “明月” (token 3)"));
    await fireEvent.keyDown(cell(4, 2), { key: "ArrowLeft" });
    expect(document.activeElement).toBe(cell(4, 1));
    expect(cell(4, 1).tabIndex).toBe(0);
    await fireEvent.keyDown(cell(4, 1), { key: "ArrowUp" });
    expect(document.activeElement).toBe(cell(3, 1));
    expect(cell(3, 1).getAttribute("aria-label")).toContain("“光” looks at “前”");
  });

  it("shows the workbench's message when it rejects, and clears the grid", async () => {
    const inspect = vi.fn(async (_model: string, text: string) => {
      if (!text.trim()) throw { message: "the text is empty; type something first" };
      return prefill();
    });
    render(CausalAttention, { workbench: { inspect } });
    await waitFor(() => expect(cells()).toHaveLength(25));
    await fireEvent.input(screen.getByTestId("causal-input"), { target: { value: "  " } });
    await fireEvent.click(screen.getByTestId("causal-run"));
    await waitFor(() => expect(screen.getByTestId("causal-error").textContent).toBe("the text is empty; type something first"));
    expect(screen.queryAllByTestId("causal-cell")).toHaveLength(0);
    expect(screen.getByTestId("causal-error").getAttribute("role")).toBe("alert");
  });

  it("sends one request at a time however often the learner asks", async () => {
    const pending = deferred<Prefill>();
    const inspect = vi.fn(() => pending.promise);
    render(CausalAttention, { workbench: { inspect } });
    const run = screen.getByTestId("causal-run") as HTMLButtonElement;
    await waitFor(() => expect(run.disabled).toBe(true));
    expect(run.textContent?.trim()).toBe("Working…");
    await fireEvent.click(run);
    await fireEvent.keyDown(screen.getByTestId("causal-input"), { key: "Enter" });
    expect(inspect).toHaveBeenCalledTimes(1);

    pending.resolve(prefill());
    await waitFor(() => expect(cells()).toHaveLength(25));
    expect(run.disabled).toBe(false);
    await fireEvent.input(screen.getByTestId("causal-input"), { target: { value: "春风" } });
    await fireEvent.keyDown(screen.getByTestId("causal-input"), { key: "Enter", isComposing: true });
    expect(inspect).toHaveBeenCalledTimes(1);
    await fireEvent.keyDown(screen.getByTestId("causal-input"), { key: "Enter" });
    expect(inspect).toHaveBeenCalledTimes(2);
    expect(inspect).toHaveBeenLastCalledWith("tiny", "春风");
  });

  it("draws at most 24 tokens and says so", async () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
    render(CausalAttention, { workbench: { inspect: async () => prefill(words) } });
    await waitFor(() => expect(cells()).toHaveLength(24 * 24));
    expect(screen.getByTestId("causal-capped").textContent).toBe("This text has 30 tokens; only the first 24 are drawn.");
    expect(screen.getByTestId("causal-counts").textContent).toContain("30 tokens");
  });

  it("speaks Chinese with Chinese quotes", async () => {
    locale.lang = "zh";
    const inspect = vi.fn(async () => prefill());
    render(CausalAttention, { workbench: { inspect } });
    await waitFor(() => expect(cells()).toHaveLength(25));
    expect(inspect).toHaveBeenCalledWith("tiny", causalStrings.zh.example);
    expect(screen.getByTestId("causal-run").textContent?.trim()).toBe("看注意力");
    expect(screen.getByTestId("causal-counts").textContent).toBe("5 个词元 · 第 5 层 · 第 3 个头");
    await fireEvent.pointerEnter(cell(1, 3));
    expect(screen.getByTestId("causal-readout").textContent).toBe("“前”看不到“光”：它在后面，被因果遮罩挡住了。");
    expect(screen.getByText("如果是编码器（双向）")).toBeTruthy();
  });
});

function moeEntry(total: number, active: number): ModelEntry {
  const info = modelInfo("tiny-moe", true);
  return {
    name: "tiny-moe",
    info: { ...info, parameters: { ...info.parameters, total, activePerToken: active } },
    summary: { zh: "", en: "" },
    error: null,
  };
}

describe("MoeRoutingWidget", () => {
  const engine = { listModels: async () => [moeEntry(3_290_112, 2_498_304)] };

  it("shows the routing of every layer, the experts' load and the model's real parameter counts", async () => {
    const inspect = vi.fn(async () => prefill(WORDS, true));
    render(MoeRoutingWidget, { workbench: { inspect }, engine });
    await waitFor(() => expect(screen.getAllByTestId("moe-cell")).toHaveLength(LAYERS * WORDS.length));
    expect(inspect).toHaveBeenCalledWith("tiny-moe", moeStrings.en.example);
    expect(screen.getAllByTestId("expert-load")).toHaveLength(LAYERS * 4);
    // Fixture routing: in layer l, token t goes to experts (t+l)%4 and (t+l+1)%4.
    const first = screen.getAllByTestId("moe-cell").find((c) => c.dataset.layer === "1" && c.dataset.token === "2")!;
    expect(first.dataset.experts).toBe("3,0");
    await waitFor(() =>
      expect(screen.getByTestId("moe-params").textContent).toBe(
        "tiny-moe has 4 experts in every layer and each token uses only 2 of them, so a token uses about half of the expert parameters. 3.29M parameters in total, 2.50M active per token (attention, embeddings and the rest are shared by every token).",
      ),
    );
  });

  it("colours the sentence one layer at a time", async () => {
    render(MoeRoutingWidget, { workbench: { inspect: async () => prefill(WORDS, true) }, engine });
    await waitFor(() => expect(screen.getAllByTestId("moe-token")).toHaveLength(WORDS.length));
    const experts = () => screen.getAllByTestId("moe-token").map((t) => t.dataset.experts);
    expect(experts()).toEqual(["0,1", "1,2", "2,3", "3,0", "0,1"]);
    const layers = screen.getAllByTestId("moe-layer");
    expect(layers).toHaveLength(LAYERS);
    expect(layers[0].getAttribute("aria-pressed")).toBe("true");
    await fireEvent.click(layers[2]);
    expect(layers[2].getAttribute("aria-pressed")).toBe("true");
    expect(experts()).toEqual(["2,3", "3,0", "0,1", "1,2", "2,3"]);
    expect(screen.getAllByTestId("moe-token")[0].getAttribute("title")).toBe("“床”: expert 3 70.0%, expert 4 30.0%");
  });

  it("shows the workbench's message when it rejects, and what went wrong with the parameter counts", async () => {
    const inspect = vi.fn(async () => {
      throw { message: "the text has 4001 characters; the widgets take at most 4000" };
    });
    const broken = { listModels: async () => Promise.reject({ message: "models folder is missing" }) };
    render(MoeRoutingWidget, { workbench: { inspect }, engine: broken });
    await waitFor(() =>
      expect(screen.getByTestId("moe-error").textContent).toBe("the text has 4001 characters; the widgets take at most 4000"),
    );
    expect(screen.queryAllByTestId("moe-cell")).toHaveLength(0);
    await waitFor(() => expect(screen.getByTestId("moe-params").textContent).toContain("models folder is missing"));
  });

  it("sends one request at a time, and says the numbers in Chinese", async () => {
    locale.lang = "zh";
    const pending = deferred<Prefill>();
    const inspect = vi.fn(() => pending.promise);
    render(MoeRoutingWidget, { workbench: { inspect }, engine });
    const run = screen.getByTestId("moe-run") as HTMLButtonElement;
    await waitFor(() => expect(run.disabled).toBe(true));
    await fireEvent.click(run);
    await fireEvent.keyDown(screen.getByTestId("moe-input"), { key: "Enter" });
    expect(inspect).toHaveBeenCalledTimes(1);
    pending.resolve(prefill(WORDS, true));
    await waitFor(() => expect(screen.getAllByTestId("moe-cell")).toHaveLength(LAYERS * WORDS.length));
    expect(screen.getByTestId("moe-params").textContent).toContain("总参数 3.29M，每个词元激活 2.50M");
    expect(screen.getByTestId("moe-params").textContent).toContain("每层有 4 个专家，每个词元只用其中 2 个");
    await waitFor(() => expect(run.disabled).toBe(false));
    await fireEvent.click(run);
    expect(inspect).toHaveBeenCalledTimes(2);
  });
});
