import { Channel, invoke } from "@tauri-apps/api/core";
import type { BackendChoice } from "../lib/generated/BackendChoice";
import type { ModelEntry } from "../lib/generated/ModelEntry";
import type { ModelInfo } from "../lib/generated/ModelInfo";
import type { PlayEvent } from "../lib/generated/PlayEvent";
import type { Prefill } from "../lib/generated/Prefill";
import type { SamplingSettings } from "../lib/generated/SamplingSettings";
import type { Step } from "../lib/generated/Step";
import type { TokenView } from "../lib/generated/TokenView";

export type { ModelEntry, PlayEvent };
export type { StopReason } from "../lib/generated/StopReason";

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
  /** Which engine (GPU or CPU) runs the models, and why. */
  backendChoice(): Promise<BackendChoice>;
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
  backendChoice: () => invoke<BackendChoice>("backend_choice"),
};
