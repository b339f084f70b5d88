import "./testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { TokenView } from "../lib/generated/TokenView";
import type { PlayEvent } from "./engine";
import { locale } from "../lib/i18n.svelte";
import { CANDIDATE_TOKENS, MODELS, PROMPT_TEXT, PROMPT_TOKENS, modelInfo, prefill, step, token } from "./fixtures";

vi.mock("@tauri-apps/api/core", () => ({
  invoke: vi.fn(),
  Channel: class {
    onmessage: (message: unknown) => void = () => {};
  },
}));

import { invoke } from "@tauri-apps/api/core";
import GenerationLab from "./GenerationLab.svelte";
import { LabSession } from "./lab.svelte";

const invokeMock = vi.mocked(invoke);

type Channel = { onmessage: (event: PlayEvent) => void };

/**
 * A fake engine behind `invoke`: one context of tokens, steps that take the top candidate
 * (or the forced one), play that streams only when the test says so.
 */
function fakeEngine(overrides: Partial<Record<string, (args: Record<string, unknown>) => unknown>> = {}) {
  const known = new Map<number, TokenView>();
  for (const t of [...PROMPT_TOKENS, ...CANDIDATE_TOKENS]) known.set(t.id, t);
  const state = { context: [] as TokenView[], moe: false, channel: null as Channel | null, generated: 0 };
  const tokenizeText = (text: string): TokenView[] =>
    text === PROMPT_TEXT ? [...PROMPT_TOKENS] : [...text].map((c) => token(10_000 + (c.codePointAt(0) ?? 0), c));

  invokeMock.mockImplementation(async (command: string, args?: unknown) => {
    const a = (args ?? {}) as Record<string, unknown>;
    if (overrides[command]) return overrides[command]!(a);
    switch (command) {
      case "list_models":
        return MODELS;
      case "load_model":
        state.moe = a.name === "tiny-moe";
        state.context = [];
        return modelInfo(a.name as string, state.moe);
      case "tokenize":
        return tokenizeText(a.text as string);
      case "prefill": {
        state.context = tokenizeText(a.prompt as string);
        state.generated = 0;
        for (const t of state.context) known.set(t.id, t);
        return structuredClone(prefill(state.context, { moe: state.moe }));
      }
      case "prefill_tokens": {
        state.context = (a.tokens as number[]).map((id) => known.get(id)!);
        state.generated = 0;
        return structuredClone(prefill(state.context, { moe: state.moe }));
      }
      case "step": {
        const forced = a.forced as number | null;
        const chosen = forced === null ? CANDIDATE_TOKENS[0] : known.get(forced)!;
        const s = step(state.generated++, state.context.length, chosen, forced === null ? "greedy" : "forced", { moe: state.moe });
        state.context.push(chosen);
        return s;
      }
      case "play":
        state.channel = a.onEvent as Channel;
        return undefined;
      case "backend_choice":
        return { kind: "cpu", reason: "softwareAdapterOnly", adapter: null };
      case "pause":
        queueMicrotask(() => state.channel?.onmessage({ kind: "stopped", reason: "paused", message: null }));
        return undefined;
      default:
        throw new Error(`unexpected command ${command}`);
    }
  });

  /** Streams the next step of a running play, as the engine would. */
  function emitStep() {
    const chosen = CANDIDATE_TOKENS[0];
    const s = step(state.generated++, state.context.length, chosen, "greedy", { moe: state.moe });
    state.context.push(chosen);
    state.channel!.onmessage({ kind: "step", step: s });
  }
  return { state, emitStep };
}

const calls = (command: string) => invokeMock.mock.calls.filter(([c]) => c === command).map(([, args]) => args as Record<string, unknown>);

async function renderLab(mode: "tokenizer" | "generation" | "attention" | "full" = "generation", prompt = PROMPT_TEXT) {
  const session = new LabSession();
  render(GenerationLab, { mode, session });
  await waitFor(() => expect(screen.getByTestId("model-picker").dataset.current).toBe("tiny"));
  const input = screen.getByTestId("prompt-input") as HTMLTextAreaElement;
  await fireEvent.input(input, { target: { value: prompt } });
  return { session, input };
}

const generated = () => screen.queryAllByTestId("generated-token");

beforeEach(() => {
  invokeMock.mockReset();
  locale.lang = "en";
});

describe("GenerationLab", () => {
  it("lists the models and loads the first usable one", async () => {
    fakeEngine();
    await renderLab();
    expect(calls("load_model")).toEqual([{ name: "tiny" }]);
    expect(screen.getAllByTestId("model-option")).toHaveLength(3);
  });

  it("a model picked while the first one still loads is loaded next, not ignored", async () => {
    let finishFirst: () => void = () => {};
    const firstLoad = new Promise<void>((resolve) => (finishFirst = resolve));
    fakeEngine({
      load_model: async (a) => {
        if (a.name === "tiny") await firstLoad;
        return modelInfo(a.name as string, a.name === "tiny-moe");
      },
    });
    render(GenerationLab, { mode: "full", session: new LabSession() });
    await waitFor(() => expect(calls("load_model")).toEqual([{ name: "tiny" }]));
    await fireEvent.click(screen.getAllByTestId("model-option").find((o) => o.dataset.model === "tiny-moe")!);
    finishFirst();
    await waitFor(() => expect(screen.getByTestId("model-picker").dataset.current).toBe("tiny-moe"));
    expect(calls("load_model")).toEqual([{ name: "tiny" }, { name: "tiny-moe" }]);
  });

  it("Step runs the prompt once, then appends one token per step", async () => {
    fakeEngine();
    await renderLab();
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(1));
    expect(calls("prefill")).toEqual([{ prompt: PROMPT_TEXT }]);
    expect(calls("step")[0]).toEqual({ settings: expect.objectContaining({ topK: 0, topP: 1 }), forced: null });
    expect(screen.getByTestId("generated-text").textContent).toContain("今天气很好");
    expect(screen.getAllByTestId("candidate-bar")).toHaveLength(5);

    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(2));
    expect(calls("prefill")).toHaveLength(1);
    expect(screen.getByTestId("generated-text").dataset.generatedTokens).toBe("2");
  });

  it("greedy sends temperature 0", async () => {
    fakeEngine();
    await renderLab();
    await fireEvent.click(screen.getByTestId("greedy-toggle"));
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(calls("step")).toHaveLength(1));
    expect((calls("step")[0].settings as { temperature: number }).temperature).toBe(0);
  });

  it("clicking a non-top candidate re-runs the text before it and forces that token", async () => {
    fakeEngine();
    await renderLab();
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(1));

    const cold = screen.getAllByTestId("candidate-bar").find((b) => b.dataset.tokenId === "1702")!;
    await fireEvent.click(cold);
    await waitFor(() => expect(screen.getByTestId("chosen-candidate").dataset.tokenId).toBe("1702"));
    expect(calls("prefill_tokens")).toEqual([{ tokens: PROMPT_TOKENS.map((t) => t.id) }]);
    expect(calls("step").at(-1)).toMatchObject({ forced: 1702 });
    expect(generated().map((g) => g.textContent)).toEqual(["冷"]);
    expect(generated()[0].classList.contains("forced")).toBe(true);

    // The way back: the text as it was, with the model's own token.
    const branch = screen.getByTestId("branch-point");
    expect(branch.dataset.originalId).toBe("1520");
    await fireEvent.click(branch);
    await waitFor(() => expect(generated().map((g) => g.textContent)).toEqual(["好"]));
    expect(calls("prefill_tokens").at(-1)).toEqual({ tokens: [...PROMPT_TOKENS.map((t) => t.id), 1520] });
    expect(screen.getByTestId("chosen-candidate").dataset.tokenId).toBe("1520");
  });

  it("says so when going back to a branch had to cut the start of a long text", async () => {
    const engine = fakeEngine();
    await renderLab();
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(1));
    invokeMock.mockImplementationOnce(async (_command: string, args?: unknown) => {
      // The engine keeps room to generate, so it drops the first two tokens of the re-run.
      const ids = (args as { tokens: number[] }).tokens.slice(2);
      engine.state.context = PROMPT_TOKENS.filter((t) => ids.includes(t.id));
      return structuredClone({ ...prefill(engine.state.context), dropped: 2 });
    });
    await fireEvent.click(screen.getAllByTestId("candidate-bar")[1]);
    await waitFor(() => expect(screen.getByTestId("lab-notice").dataset.kind).toBe("dropped"));
    expect(screen.getByTestId("lab-notice").textContent).toContain("first 2 tokens were dropped");
    expect(screen.getByTestId("generated-text").dataset.promptTokens).toBe("3");
    expect(generated().map((g) => g.textContent)).toEqual(["热"]);
  });

  it("pressing Play twice starts one loop; steps stream in; the end is explained", async () => {
    const engine = fakeEngine();
    await renderLab();
    const play = screen.getByTestId("play-button") as HTMLButtonElement;
    await Promise.all([fireEvent.click(play), fireEvent.click(play), fireEvent.dblClick(play)]);
    await waitFor(() => expect(calls("play")).toHaveLength(1));
    expect(calls("play")[0]).toMatchObject({ stepsPerSecond: 2, maxSteps: 16 - 5 });
    expect(play.disabled).toBe(true);
    expect((screen.getByTestId("step-button") as HTMLButtonElement).disabled).toBe(true);

    engine.emitStep();
    engine.emitStep();
    engine.emitStep();
    await waitFor(() => expect(generated()).toHaveLength(3));
    engine.state.channel!.onmessage({ kind: "stopped", reason: "contextFull", message: null });
    await waitFor(() => expect(screen.getByTestId("lab-notice").dataset.kind).toBe("contextFull"));
    expect(play.disabled).toBe(false);
  });

  it("Pause asks the engine to stop, and events of an old play are ignored", async () => {
    const engine = fakeEngine();
    await renderLab();
    await fireEvent.click(screen.getByTestId("play-button"));
    await waitFor(() => expect(calls("play")).toHaveLength(1));
    const oldChannel = engine.state.channel!;
    await fireEvent.click(screen.getByTestId("pause-button"));
    await waitFor(() => expect((screen.getByTestId("play-button") as HTMLButtonElement).disabled).toBe(false));
    expect(calls("pause")).toHaveLength(1);
    await fireEvent.click(screen.getByTestId("reset-button"));
    oldChannel.onmessage({ kind: "step", step: step(0, 5) });
    expect(generated()).toHaveLength(0);
  });

  it("an empty prompt gets a message, not a request", async () => {
    fakeEngine();
    await renderLab("generation", "   ");
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(screen.getByTestId("lab-notice").dataset.kind).toBe("emptyPrompt"));
    expect(screen.getByTestId("lab-notice").textContent).toContain("Type a prompt first");
    expect(calls("prefill")).toHaveLength(0);
  });

  it("strips pasted control characters before sending, says so, and keeps the box as typed", async () => {
    fakeEngine();
    const pasted = "今天\u0000气\u0007很";
    const { input } = await renderLab("generation", pasted);
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(calls("prefill")).toEqual([{ prompt: PROMPT_TEXT }]));
    expect(screen.getByTestId("lab-notice").textContent).toContain("Removed 2 invisible control characters");
    expect(input.value).toBe(pasted);
  });

  it("tells the user how many tokens a too-long prompt lost", async () => {
    fakeEngine({ prefill: () => prefill(PROMPT_TOKENS, { dropped: 120 }) });
    await renderLab("generation", "很长的提示词".repeat(40));
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(screen.getByTestId("lab-notice").dataset.kind).toBe("dropped"));
    expect(screen.getByTestId("lab-notice").textContent).toContain("first 120 tokens were dropped and the last 5 kept");
  });

  it("shows an engine error inline and loses nothing", async () => {
    fakeEngine({
      step: () => {
        throw { message: "The model could not run this step: out of memory." };
      },
    });
    const { input } = await renderLab();
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(screen.getByTestId("lab-error").textContent).toContain("out of memory"));
    expect(input.value).toBe(PROMPT_TEXT);
    expect((screen.getByTestId("step-button") as HTMLButtonElement).disabled).toBe(false);
  });

  it("switching model mid-generation starts over, keeps the prompt, and shows MoE routing", async () => {
    fakeEngine();
    const { input } = await renderLab();
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(1));
    expect(screen.queryByTestId("moe-routing")).toBeNull();

    await fireEvent.click(screen.getAllByTestId("model-option").find((o) => o.dataset.model === "tiny-moe")!);
    await waitFor(() => expect(screen.getByTestId("model-picker").dataset.current).toBe("tiny-moe"));
    expect(generated()).toHaveLength(0);
    expect(input.value).toBe(PROMPT_TEXT);
    expect(screen.getByTestId("lab-notice").dataset.kind).toBe("modelSwitched");

    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(1));
    expect(screen.getByTestId("moe-routing")).toBeTruthy();
    expect(screen.getAllByTestId("moe-cell")).toHaveLength(2 * 6);
  });

  it("Enter in the prompt types a newline; Ctrl+Enter takes a step", async () => {
    fakeEngine();
    const { input } = await renderLab();
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(calls("prefill")).toHaveLength(0);
    await fireEvent.keyDown(input, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(generated()).toHaveLength(1));
  });

  it("the tokenizer widget shows the prompt's tokens and the zh/en example", async () => {
    fakeEngine();
    await renderLab("tokenizer");
    await waitFor(() => expect(screen.getByTestId("token-counts").dataset.tokens).toBe("5"));
    expect(screen.getByTestId("token-counts").textContent).toContain("4 characters · 12 bytes · 5 tokens");
    expect(screen.queryByTestId("step-button")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("compare-count-zh").dataset.tokens).toBe("16"));
  });

  it("the attention widget steps and shows every layer and head", async () => {
    fakeEngine();
    await renderLab("attention");
    expect(screen.queryByTestId("play-button")).toBeNull();
    expect(screen.queryByTestId("candidates")).toBeNull();
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(generated()).toHaveLength(1));
    expect(screen.getAllByTestId("attention-cell")).toHaveLength(4);
    expect(screen.getByTestId("attention-large").dataset.positions).toBe("6");
  });

  it("the Playground shows everything at once", async () => {
    fakeEngine();
    await renderLab("full");
    await fireEvent.click(screen.getByTestId("step-button"));
    await waitFor(() => expect(screen.getAllByTestId("attention-cell")).toHaveLength(4));
    for (const id of ["candidates", "loop-diagram", "sampling-controls", "branches", "token-chips", "generated"]) {
      expect(screen.getByTestId(id)).toBeTruthy();
    }
  });

  it("says which engine runs the model and why", async () => {
    fakeEngine();
    await renderLab("full");
    const backend = await screen.findByTestId("backend");
    await waitFor(() => expect(backend.dataset.kind).toBe("cpu"));
    expect(backend.textContent).toContain("cpu (candle)");
    expect(backend.textContent).toContain("emulated on the CPU");
  });
});
