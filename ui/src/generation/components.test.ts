import "./testSetup";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { locale } from "../lib/i18n.svelte";
import TokenChips from "./TokenChips.svelte";
import TokenizerCompare from "./TokenizerCompare.svelte";
import LoopDiagram from "./LoopDiagram.svelte";
import CandidateBars from "./CandidateBars.svelte";
import SamplingControls from "./SamplingControls.svelte";
import AttentionGrid from "./AttentionGrid.svelte";
import MoeRouting from "./MoeRouting.svelte";
import GeneratedText from "./GeneratedText.svelte";
import BranchHistory from "./BranchHistory.svelte";
import ExportButton from "./ExportButton.svelte";
import ModelPicker from "./ModelPicker.svelte";
import { AttentionStore } from "./attentionStore";
import { RoutingStore } from "./routingStore";
import { tokenColour } from "./colours";
import { reactive } from "./testState.svelte";
import {
  CANDIDATE_TOKENS,
  END_OF_TEXT,
  MODELS,
  PROMPT_TEXT,
  PROMPT_TOKENS,
  VOCAB,
  attentionRows,
  modelInfo,
  routing,
  step,
  token,
} from "./fixtures";

beforeEach(() => {
  locale.lang = "en";
});

describe("TokenChips", () => {
  it("shows one chip per token, coloured by id, with the id on hover", () => {
    render(TokenChips, { tokens: PROMPT_TOKENS, text: PROMPT_TEXT });
    const chips = screen.getAllByTestId("token-chip");
    expect(chips.map((c) => c.dataset.tokenId)).toEqual(["1201", "300", "301", "1305", "1410"]);
    expect(chips[0].style.getPropertyValue("--chip")).toBe(tokenColour(1201));
    expect(chips[0].dataset.tip).toContain("id 1201");
    expect(chips[0].dataset.tip).toContain("E4 BB 8A");
  });

  it("marks byte pieces and special tokens as what they are", () => {
    render(TokenChips, { tokens: [...PROMPT_TOKENS, END_OF_TEXT], text: PROMPT_TEXT });
    const chips = screen.getAllByTestId("token-chip");
    expect(chips[1].classList.contains("partial")).toBe(true);
    expect(chips[1].textContent).toContain("<E5 A4>");
    expect(chips[1].dataset.tip).toContain("part of a character");
    expect(chips[5].classList.contains("special")).toBe(true);
    expect(chips[5].style.getPropertyValue("--chip")).toBe("");
  });

  it("counts characters, bytes and tokens of the text", () => {
    render(TokenChips, { tokens: PROMPT_TOKENS, text: PROMPT_TEXT });
    const counts = screen.getByTestId("token-counts");
    expect(counts.textContent).toContain("4 characters · 12 bytes · 5 tokens");
    expect(counts.textContent).toContain("0.8 characters per token");
  });

  it("shows ids under the chips on request, and says so when there is nothing", async () => {
    const { container } = render(TokenChips, { tokens: PROMPT_TOKENS, text: PROMPT_TEXT });
    await fireEvent.click(screen.getByLabelText("Show ids"));
    expect(container.querySelectorAll(".id")).toHaveLength(5);
  });

  it("has a caption and a ? that explains how to read it, in both languages", async () => {
    render(TokenChips, { tokens: [], text: "" });
    expect(screen.getByText("Type something to see its tokens.")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("help-button"));
    expect(screen.getByTestId("help-popover").textContent).toContain("tokenizer");
    locale.lang = "zh";
    await waitFor(() => expect(screen.getByTestId("help-popover").textContent).toContain("分词器"));
  });
});

describe("TokenizerCompare", () => {
  it("tokenizes the Chinese and the English sentence and compares the counts", async () => {
    const tokenize = vi.fn(async (text: string) =>
      [...text].filter((c) => c !== " ").map((c, i) => token(i, c)).slice(0, /[a-z]/i.test(text) ? 13 : 16),
    );
    render(TokenizerCompare, { tokenize });
    await waitFor(() => expect(tokenize).toHaveBeenCalledTimes(2));
    expect(tokenize.mock.calls.map((c) => c[0])).toEqual([
      "今天天气很好，我们去公园散步吧。",
      "The weather is nice today, let's go for a walk in the park.",
    ]);
    await waitFor(() => expect(screen.getByTestId("compare-count-zh").dataset.tokens).toBe("16"));
    expect(screen.getByTestId("compare-count-en").dataset.tokens).toBe("13");
    expect(screen.getByText("Same meaning: 16 tokens in Chinese, 13 in English.")).toBeTruthy();
  });
});

describe("LoopDiagram", () => {
  it("draws the five steps in order and lights the active one", async () => {
    const { rerender } = render(LoopDiagram, { stage: "attention" });
    const stages = screen.getAllByTestId("loop-stage");
    expect(stages.map((s) => s.dataset.stage)).toEqual(["tokenize", "attention", "probabilities", "choose", "append"]);
    expect(stages[1].classList.contains("active")).toBe(true);
    expect(stages.filter((s) => s.classList.contains("active"))).toHaveLength(1);
    await rerender({ stage: "choose", details: { choose: "“好” 46%" } });
    expect(stages[3].classList.contains("active")).toBe(true);
    expect(stages[3].getAttribute("aria-current")).toBe("step");
    expect(stages[3].textContent).toContain("“好” 46%");
  });

  it("names each step in both languages", () => {
    locale.lang = "zh";
    render(LoopDiagram, { stage: null });
    const text = screen.getAllByTestId("loop-stage").map((s) => s.textContent).join(" ");
    for (const word of ["分词", "注意力", "概率", "选择", "追加", "Tokenize", "Append"]) expect(text).toContain(word);
  });
});

describe("CandidateBars", () => {
  it("shows the top-k with probabilities in [0, 1] as percentages and marks the chosen one", () => {
    render(CandidateBars, { step: step(0, 5), vocabSize: VOCAB, k: 5 });
    const bars = screen.getAllByTestId("candidate-bar");
    expect(bars).toHaveLength(5);
    const probabilities = bars.map((b) => Number(b.dataset.probability));
    for (const p of probabilities) expect(p).toBeGreaterThanOrEqual(0), expect(p).toBeLessThanOrEqual(1);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(bars[0].textContent).toContain("46.0%");
    const chosen = screen.getByTestId("chosen-candidate");
    expect(chosen.dataset.tokenId).toBe("1520");
    expect(bars[0].contains(chosen)).toBe(true);
  });

  it("shows the distribution before and after temperature side by side", () => {
    const { container } = render(CandidateBars, { step: step(0, 5, CANDIDATE_TOKENS[1], "sampled"), vocabSize: VOCAB });
    const first = screen.getAllByTestId("candidate-bar")[0];
    expect(first.querySelector(".value.before")?.textContent).toBe("46.0%");
    expect(first.querySelector(".value.after")?.textContent).toBe("73.0%");
    expect((first.querySelector(".bar.after") as HTMLElement).style.width).toBe("73%");
    expect(container.textContent).toContain("after temperature, top-k, top-p");
    expect(screen.getByTestId("chosen-candidate").dataset.tokenId).toBe("1633");
  });

  it("lets k be changed", async () => {
    render(CandidateBars, { step: step(0, 5), vocabSize: VOCAB, k: 5 });
    await fireEvent.click(screen.getByRole("button", { name: "3" }));
    expect(screen.getAllByTestId("candidate-bar")).toHaveLength(3);
  });

  it("forces a clicked candidate, but not the one already chosen", async () => {
    const onForce = vi.fn();
    render(CandidateBars, { step: step(0, 5), vocabSize: VOCAB, onForce });
    const bars = screen.getAllByTestId("candidate-bar");
    await fireEvent.click(bars[2]);
    expect(onForce).toHaveBeenCalledWith(1702);
    await fireEvent.click(bars[0]);
    expect(onForce).toHaveBeenCalledTimes(1);
  });

  it("still marks a chosen token from outside the shown list", () => {
    render(CandidateBars, { step: step(0, 5, CANDIDATE_TOKENS[4], "sampled"), vocabSize: VOCAB, k: 3 });
    const bars = screen.getAllByTestId("candidate-bar");
    expect(bars).toHaveLength(4);
    expect(screen.getByTestId("chosen-candidate").dataset.tokenId).toBe("0");
  });

  it("shows entropy as how sure the model is", () => {
    render(CandidateBars, { step: step(0, 5), vocabSize: VOCAB });
    const gauge = screen.getByTestId("entropy");
    expect(Number(gauge.dataset.entropy)).toBeCloseTo(1.6);
    expect(gauge.textContent).toContain("unsure");
    expect(gauge.textContent).toContain("5.0 equally likely tokens");
    expect(gauge.textContent).toContain("entropy 1.60 nats");
  });

  it("says what to do before the first step", () => {
    render(CandidateBars, { step: null, vocabSize: VOCAB });
    expect(screen.getByText(/Press Step/)).toBeTruthy();
  });
});

describe("SamplingControls", () => {
  it("greedy switches the other controls off", async () => {
    const settings = reactive({ temperature: 0.8, topK: 0, topP: 1, seed: 7 });
    render(SamplingControls, { settings, greedy: false });
    const temperature = screen.getByTestId("temperature") as HTMLInputElement;
    expect(temperature.disabled).toBe(false);
    expect(temperature.value).toBe("0.8");
    await fireEvent.click(screen.getByTestId("greedy-toggle"));
    expect(temperature.disabled).toBe(true);
  });

  it("shows every value in words and numbers", () => {
    const { container } = render(SamplingControls, { settings: reactive({ temperature: 1.5, topK: 10, topP: 0.9, seed: 7 }) });
    const values = Array.from(container.querySelectorAll("output"), (o) => o.textContent);
    expect(values).toEqual(["1.50", "10", "0.90"]);
    expect((screen.getByTestId("seed") as HTMLInputElement).value).toBe("7");
    cleanup();
    const { container: off } = render(SamplingControls, { settings: reactive({ temperature: 1, topK: 0, topP: 1, seed: 7 }) });
    expect(Array.from(off.querySelectorAll("output"), (o) => o.textContent)).toEqual(["1.00", "off", "off"]);
  });

  it("edits temperature, top-k, top-p and the seed", async () => {
    const onChange = vi.fn();
    const settings = reactive({ temperature: 1, topK: 0, topP: 1, seed: 7 });
    const { container } = render(SamplingControls, { settings, onChange });
    await fireEvent.input(screen.getByTestId("temperature"), { target: { value: "1.5" } });
    await fireEvent.input(screen.getByTestId("top-k"), { target: { value: "10" } });
    await fireEvent.input(screen.getByTestId("top-p"), { target: { value: "0.9" } });
    expect(settings).toMatchObject({ temperature: 1.5, topK: 10, topP: 0.9 });
    await waitFor(() => expect(Array.from(container.querySelectorAll("output"), (o) => o.textContent)).toEqual(["1.50", "10", "0.90"]));
    await fireEvent.click(screen.getByTestId("new-seed"));
    expect(settings.seed).not.toBe(7);
    expect(onChange).toHaveBeenCalledTimes(4);
  });
});

describe("AttentionGrid", () => {
  function store(positions: number) {
    const s = new AttentionStore();
    s.reset(attentionRows(0, 5));
    for (let p = 5; p < positions; p++) s.append(attentionRows(p, 1));
    return s;
  }
  const tokens = [...PROMPT_TOKENS, ...CANDIDATE_TOKENS.slice(0, 2)];

  it("has a small map for every layer and head and enlarges the clicked one", async () => {
    render(AttentionGrid, { store: store(7), version: 1, tokens });
    const cells = screen.getAllByTestId("attention-cell");
    expect(cells).toHaveLength(4);
    expect(screen.getByTestId("attention-large").dataset.positions).toBe("7");
    await fireEvent.click(cells[3]);
    expect(screen.getByTestId("attention-large").dataset.layer).toBe("1");
    expect(screen.getByTestId("attention-large").dataset.head).toBe("1");
    expect(cells[3].getAttribute("aria-pressed")).toBe("true");
  });

  it("names the newest token and where it looks most, with weights", () => {
    render(AttentionGrid, { store: store(7), version: 1, tokens });
    const newest = screen.getByTestId("attention-newest");
    expect(newest.textContent).toContain("“热”");
    // Layer 0 head 0: weights grow with the key, so the newest token looks most at itself.
    expect(newest.querySelector(".value")?.textContent).toBe("25.0%");
  });

  it("says what to do before there is attention", () => {
    render(AttentionGrid, { store: new AttentionStore(), version: 0, tokens: [] });
    expect(screen.getByText("Press Step to see attention.")).toBeTruthy();
  });
});

describe("MoeRouting", () => {
  it("colours each token by its experts per layer, gates on hover, load bars", async () => {
    const s = new RoutingStore();
    s.reset(routing(0, 5));
    render(MoeRouting, { store: s, version: 1, tokens: PROMPT_TOKENS });
    expect(screen.getByTestId("moe-routing")).toBeTruthy();
    const cells = screen.getAllByTestId("moe-cell");
    expect(cells).toHaveLength(10);
    expect(cells[0].dataset.experts).toBe("0,1");
    expect(cells[0].getAttribute("title")).toBe("Layer 1 · “今”: expert 1 70.0%, expert 2 30.0%");
    await fireEvent.pointerEnter(cells[6]);
    expect(screen.getByTestId("moe-readout").textContent).toContain("Layer 2");
    const loads = screen.getAllByTestId("expert-load");
    expect(loads).toHaveLength(8);
    const layer0 = loads.filter((l) => l.dataset.layer === "0").map((l) => Number(l.dataset.share));
    expect(layer0.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    expect(loads[0].textContent).toContain("%");
  });
});

describe("GeneratedText", () => {
  it("tells the prompt from the generated tokens and marks forced ones", () => {
    const tokens = [...PROMPT_TOKENS, CANDIDATE_TOKENS[0], CANDIDATE_TOKENS[2]];
    const steps = [step(0, 5), step(1, 6, CANDIDATE_TOKENS[2], "forced")];
    const { container } = render(GeneratedText, { tokens, promptLength: 5, steps, contextSize: 16 });
    const text = screen.getByTestId("generated-text");
    expect(text.dataset.generatedTokens).toBe("2");
    expect(container.querySelector(".prompt")?.textContent).toBe("今");
    expect(text.textContent).toContain("今天气很");
    const generated = screen.getAllByTestId("generated-token");
    expect(generated.map((g) => g.textContent)).toEqual(["好", "冷"]);
    expect(generated[1].classList.contains("forced")).toBe(true);
    expect(generated[1].getAttribute("title")).toContain("forced by you");
    expect(generated[0].getAttribute("title")).toContain("46.0%");
    expect(screen.getByTestId("context-usage").textContent).toBe("7 / 16 tokens of context");
  });
});

describe("BranchHistory", () => {
  it("lists branch points and goes back to one", async () => {
    const onGoBack = vi.fn();
    const branch = {
      id: 1,
      position: 5,
      tokens: [...PROMPT_TOKENS, CANDIDATE_TOKENS[0]],
      steps: [step(0, 5)],
      original: CANDIDATE_TOKENS[0],
      forced: CANDIDATE_TOKENS[2],
    };
    render(BranchHistory, { branches: [branch], onGoBack });
    const point = screen.getByTestId("branch-point");
    expect(point.textContent).toContain("token 6:");
    expect(point.textContent).toContain("好");
    expect(point.textContent).toContain("冷");
    await fireEvent.click(point);
    expect(onGoBack).toHaveBeenCalledWith(branch);
  });
});

describe("ModelPicker", () => {
  it("shows each model's card: parameters, what it read, and why one is unavailable", async () => {
    const onPick = vi.fn();
    render(ModelPicker, { models: MODELS, current: modelInfo("tiny"), onPick });
    const options = screen.getAllByTestId("model-option");
    expect(options.map((o) => o.dataset.model)).toEqual(["tiny", "tiny-moe", "tiny-sft"]);
    expect(options[0].textContent).toContain("3.2M parameters");
    expect(options[1].textContent).toContain("5.4M used per token");
    expect(options[0].textContent).toContain("English novels");
    expect(options[2].textContent).toContain("missing");
    expect((options[2] as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(options[1]);
    expect(onPick).toHaveBeenCalledWith("tiny-moe");
  });
});

describe("ExportButton", () => {
  let created: Blob[] = [];
  const originalCreate = URL.createObjectURL;
  beforeEach(() => {
    created = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (created.push(blob), "blob:glassbox/1")) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    URL.createObjectURL = originalCreate;
  });

  it("downloads the panel's SVG through an <a download> link", async () => {
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    render(ExportButton, { name: "candidates", svg: () => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>` });
    await fireEvent.click(screen.getByTestId("export-svg"));
    expect(clicks).toEqual(["candidates.svg"]);
    expect(created[0].type).toContain("image/svg+xml");
    expect(await created[0].text()).toContain("<svg");
    click.mockRestore();
  });

  it("downloads a canvas panel's PNG as drawn", async () => {
    const clicks: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const png = new Blob(["png"], { type: "image/png" });
    render(ExportButton, { name: "attention L1 H2", svg: () => null, png: async () => png });
    await fireEvent.click(screen.getByTestId("export-png"));
    await waitFor(() => expect(clicks).toEqual(["attention-L1-H2.png"]));
    expect(created[0]).toBe(png);
    click.mockRestore();
  });
});
