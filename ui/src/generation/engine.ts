import { Channel, invoke } from "@tauri-apps/api/core";
import type { ModelInfo } from "../lib/generated/ModelInfo";
import type { Prefill } from "../lib/generated/Prefill";
import type { SamplingSettings } from "../lib/generated/SamplingSettings";
import type { Step } from "../lib/generated/Step";
import type { TokenView } from "../lib/generated/TokenView";

/**
 * One bundled model as the picker lists it. `info` is null (and `error` says why) when the
 * model cannot be loaded, e.g. its weights are missing.
 * To be replaced by the type generated from Rust, which has the same shape.
 */
export type ModelEntry = {
  name: string;
  info: ModelInfo | null;
  /** What it is and what it was trained on, from its model card. */
  summary: { zh: string; en: string };
  error: string | null;
};

export type StopReason = "paused" | "finished" | "contextFull" | "cancelled" | "error";

/** What `play` streams: one event per generated token, then exactly one `stopped`. */
export type PlayEvent =
  | { kind: "step"; step: Step }
  | { kind: "stopped"; reason: StopReason; message: string | null };

/** The generation commands (src-tauri). Every command rejects with `{ message }`. */
export interface Engine {
  listModels(): Promise<ModelEntry[]>;
  /** Loads a model; cancels any running play. */
  loadModel(name: string): Promise<ModelInfo>;
  tokenize(text: string): Promise<TokenView[]>;
  /** Starts a new generation from a prompt. */
  prefill(prompt: string): Promise<Prefill>;
  /** Starts a new generation from exact tokens (going back to an earlier point). */
  prefillTokens(tokens: number[]): Promise<Prefill>;
  step(settings: SamplingSettings, forced: number | null): Promise<Step>;
  /** Generates until paused, finished or the context is full, streaming to `onEvent`. */
  play(settings: SamplingSettings, stepsPerSecond: number, maxSteps: number, onEvent: (event: PlayEvent) => void): Promise<void>;
  pause(): Promise<void>;
}

export const tauriEngine: Engine = {
  listModels: () => invoke<ModelEntry[]>("list_models"),
  loadModel: (name) => invoke<ModelInfo>("load_model", { name }),
  tokenize: (text) => invoke<TokenView[]>("tokenize", { text }),
  prefill: (prompt) => invoke<Prefill>("prefill", { prompt }),
  prefillTokens: (tokens) => invoke<Prefill>("prefill_tokens", { tokens }),
  step: (settings, forced) => invoke<Step>("step", { settings, forced }),
  play: (settings, stepsPerSecond, maxSteps, onEvent) => {
    const channel = new Channel<PlayEvent>();
    channel.onmessage = onEvent;
    return invoke<void>("play", { settings, stepsPerSecond, maxSteps, onEvent: channel });
  },
  pause: () => invoke<void>("pause"),
};
