import type { BackendChoice } from "../lib/generated/BackendChoice";
import type { ModelInfo } from "../lib/generated/ModelInfo";
import type { Prefill } from "../lib/generated/Prefill";
import type { SamplingSettings } from "../lib/generated/SamplingSettings";
import type { Step } from "../lib/generated/Step";
import type { TokenView } from "../lib/generated/TokenView";
import { errorMessage } from "../lib/api";
import { AttentionStore } from "./attentionStore";
import { RoutingStore } from "./routingStore";
import { tauriEngine, type Engine, type ModelEntry, type PlayEvent } from "./engine";
import { randomSeed, sanitizePrompt } from "./format";
import type { BranchPoint, LoopStage, Notice } from "./types";

export { LOOP_STAGES, SPEEDS, type BranchPoint, type LabMode, type LoopStage, type Notice } from "./types";

/** How long a stage of the loop diagram stays lit after a manual step. */
const STAGE_MS = 200;

function reducedMotion(): boolean {
  return typeof matchMedia !== "function" || matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** A step without the bulky per-layer rows, which live in the stores. */
function slim(step: Step): Step {
  return { ...step, attention: [], routing: [] };
}

/**
 * One generation, mirrored from the engine: the context (prompt + generated tokens), the
 * steps with their candidates, attention and routing, branch points, and what is running.
 * The app has one engine, so the lab widgets share one session (`sharedSession`).
 */
export class LabSession {
  models = $state.raw<ModelEntry[]>([]);
  model = $state.raw<ModelInfo | null>(null);
  loadingModel = $state(false);
  modelsError = $state<string | null>(null);
  /** Which engine runs the models and why; null until known. */
  backend = $state.raw<BackendChoice | null>(null);

  prompt = $state("");
  /** Whether the prompt box got its example text (once, so a cleared box stays empty). */
  promptSeeded = false;
  /** Tokens of the prompt box, for the tokenizer view. */
  promptTokens = $state.raw<TokenView[]>([]);

  /** What the model reads: the prompt's tokens, then the generated ones. */
  tokens = $state.raw<TokenView[]>([]);
  promptLength = $state(0);
  /** One per generated token, in order: tokens[promptLength + i] came from steps[i]. */
  steps = $state.raw<Step[]>([]);
  branches = $state.raw<BranchPoint[]>([]);

  busy = $state(false);
  playing = $state(false);
  stage = $state<LoopStage | null>(null);
  notices = $state.raw<Notice[]>([]);
  error = $state<string | null>(null);

  settings = $state<SamplingSettings>({ temperature: 0.8, topK: 0, topP: 1, seed: randomSeed() });
  greedy = $state(false);
  speed = $state<number>(2);

  readonly attention = new AttentionStore();
  readonly routing = new RoutingStore();
  /** Bumped whenever the stores change, so views redraw. */
  version = $state(0);

  private engine: Engine;
  private initialised = false;
  private pendingModel: string | null = null;
  /** Bumped by anything that makes in-flight results stale (reset, new model, new prompt). */
  private epoch = 0;
  /** Identifies the current play; events of older plays are ignored. */
  private playRun = 0;
  private playStarted = false;
  private stopWaiters: (() => void)[] = [];
  private prefilledPrompt: string | null = null;
  private stageTimers: ReturnType<typeof setTimeout>[] = [];
  private tokenizeSeq = 0;
  private nextBranchId = 1;

  constructor(engine: Engine = tauriEngine) {
    this.engine = engine;
  }

  get lastStep(): Step | null {
    return this.steps.at(-1) ?? null;
  }

  get context(): number {
    return this.model?.config.max_position_embeddings ?? 0;
  }

  get contextFull(): boolean {
    return this.context > 0 && this.tokens.length >= this.context;
  }

  /** The settings sent to the engine: greedy is temperature 0. */
  effectiveSettings(): SamplingSettings {
    const s = $state.snapshot(this.settings);
    return { ...s, temperature: this.greedy ? 0 : s.temperature };
  }

  /** Lists the models and loads the first usable one, once per app. */
  async init(): Promise<void> {
    if (this.initialised) return;
    this.initialised = true;
    try {
      this.models = await this.engine.listModels();
      this.modelsError = null;
    } catch (err) {
      this.initialised = false;
      this.modelsError = errorMessage(err);
      return;
    }
    if (!this.model) {
      const first = this.models.find((m) => m.info && !m.error);
      if (first) await this.loadModel(first.name);
    }
  }

  /** Re-lists the models (a run may have just finished training) and loads `name`. */
  async openModel(name: string): Promise<void> {
    try {
      this.models = await this.engine.listModels();
      this.modelsError = null;
    } catch (err) {
      this.modelsError = errorMessage(err);
    }
    await this.loadModel(name);
  }

  async loadModel(name: string): Promise<void> {
    if (this.loadingModel) {
      // A pick while another model loads (often the first one, at start-up) wins afterwards.
      this.pendingModel = name;
      return;
    }
    if (this.model?.name === name) return;
    const hadText = this.tokens.length > 0;
    this.loadingModel = true;
    this.invalidate();
    try {
      const info = await this.engine.loadModel(name);
      this.model = info;
      this.clearGeneration();
      this.error = null;
      this.notices = hadText ? [{ kind: "modelSwitched", name: info.name }] : [];
      // A GPU that failed to take the model makes the engine fall back to the CPU.
      await this.refreshBackend();
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loadingModel = false;
    }
    const pending = this.pendingModel;
    this.pendingModel = null;
    if (pending) await this.loadModel(pending);
  }

  /** Asks which engine runs; only informative, so a failure just leaves it unknown. */
  private async refreshBackend(): Promise<void> {
    try {
      this.backend = await this.engine.backendChoice();
    } catch {
      this.backend = null;
    }
  }

  /** Tokenizes the prompt box for the tokenizer view; stale answers are dropped. */
  async tokenizePrompt(): Promise<void> {
    const seq = ++this.tokenizeSeq;
    const { text, removed } = sanitizePrompt(this.prompt);
    try {
      const tokens = text === "" ? [] : await this.engine.tokenize(text);
      if (seq !== this.tokenizeSeq) return;
      this.promptTokens = tokens;
      this.notices = removed > 0 ? [{ kind: "controlChars", removed }] : [];
      this.error = null;
    } catch (err) {
      if (seq === this.tokenizeSeq) this.error = errorMessage(err);
    }
  }

  tokenize(text: string): Promise<TokenView[]> {
    return this.engine.tokenize(sanitizePrompt(text).text);
  }

  /** One token: starts from the prompt first if needed. Ignored while anything runs. */
  async step(): Promise<void> {
    if (this.busy || this.playing || this.loadingModel) return;
    this.busy = true;
    this.error = null;
    let epoch = this.epoch;
    try {
      // A fresh prefill starts a new epoch; a reset during it makes ensureStarted say no.
      if (!(await this.ensureStarted())) return;
      epoch = this.epoch;
      if (this.contextFull) {
        this.notices = [{ kind: "contextFull", context: this.context }];
        return;
      }
      this.stage = "attention";
      const step = await this.engine.step(this.effectiveSettings(), null);
      if (epoch !== this.epoch) return;
      this.applyStep(step);
      this.animateStages(STAGE_MS);
    } catch (err) {
      if (epoch === this.epoch) this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Replaces the last generated token with `tokenId` (a candidate the user clicked) and
   * continues from there; the text as it was becomes a branch point to go back to.
   */
  async force(tokenId: number): Promise<void> {
    if (this.playing) await this.pauseAndWait();
    const last = this.lastStep;
    if (this.busy || this.loadingModel || !last || last.token.id === tokenId) return;
    const forced = last.candidates.find((c) => c.token.id === tokenId)?.token;
    const before = this.tokens.slice(0, -1);
    if (before.length === 0) return;
    this.busy = true;
    this.error = null;
    const epoch = ++this.epoch;
    const branch: BranchPoint = {
      id: this.nextBranchId++,
      position: this.tokens.length - 1,
      tokens: this.tokens,
      steps: this.steps,
      original: last.token,
      forced: forced ?? { id: tokenId, text: `#${tokenId}`, bytes: [], partial: false, special: false },
    };
    try {
      this.stage = "attention";
      const prefill = await this.engine.prefillTokens(before.map((t) => t.id));
      if (epoch !== this.epoch) return;
      this.applyPrefill(prefill, this.steps.slice(0, -1));
      this.notices = this.droppedNotice(prefill);
      const step = await this.engine.step(this.effectiveSettings(), tokenId);
      if (epoch !== this.epoch) return;
      this.applyStep(step);
      this.branches = [...this.branches, branch];
      this.animateStages(STAGE_MS);
    } catch (err) {
      if (epoch === this.epoch) this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** Returns to the text as it was at a branch point, with the model's own token. */
  async goBack(branch: BranchPoint): Promise<void> {
    if (this.playing) await this.pauseAndWait();
    if (this.busy || this.loadingModel) return;
    this.busy = true;
    this.error = null;
    const epoch = ++this.epoch;
    try {
      const prefill = await this.engine.prefillTokens(branch.tokens.map((t) => t.id));
      if (epoch !== this.epoch) return;
      this.applyPrefill(prefill, branch.steps);
      this.notices = this.droppedNotice(prefill);
      this.stage = "append";
    } catch (err) {
      if (epoch === this.epoch) this.fail(err);
    } finally {
      this.busy = false;
    }
  }

  /** Generates continuously; a second call while one runs (a double click) does nothing. */
  async play(): Promise<void> {
    if (this.playing || this.busy || this.loadingModel) return;
    this.playing = true;
    this.playStarted = false;
    this.error = null;
    const run = ++this.playRun;
    try {
      this.busy = true;
      const started = await this.ensureStarted();
      this.busy = false;
      if (!started || run !== this.playRun) {
        if (run === this.playRun) this.stopped();
        return;
      }
      const maxSteps = this.context - this.tokens.length;
      if (maxSteps <= 0) {
        this.notices = [{ kind: "contextFull", context: this.context }];
        this.stopped();
        return;
      }
      this.playStarted = true;
      this.stage = "attention";
      await this.engine.play(this.effectiveSettings(), this.speed, maxSteps, (event) => this.onPlayEvent(run, event));
    } catch (err) {
      this.busy = false;
      if (run === this.playRun) {
        this.fail(err);
        this.stopped();
      }
    }
  }

  async pause(): Promise<void> {
    if (!this.playing) return;
    if (!this.playStarted) {
      // Still preparing the prompt: just do not start.
      this.playRun++;
      this.stopped();
      return;
    }
    try {
      await this.engine.pause();
    } catch (err) {
      this.fail(err);
      this.playRun++;
      this.stopped();
    }
  }

  /** Pauses and resolves once the engine says it stopped (or after a second, regardless). */
  pauseAndWait(): Promise<void> {
    if (!this.playing) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // The engine never confirmed: stop listening to that play.
        this.playRun++;
        this.stopped();
      }, 1000);
      this.stopWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      void this.pause();
    });
  }

  /** Speed or sampling changed while playing: continue at once with the new values. */
  async restartPlay(): Promise<void> {
    if (!this.playing || !this.playStarted) return;
    await this.pauseAndWait();
    await this.play();
  }

  /** Forgets the generated text (the prompt stays) and stops anything running. */
  reset(): void {
    this.invalidate();
    this.clearGeneration();
    this.notices = [];
    this.error = null;
  }

  dismissError(): void {
    this.error = null;
  }

  newSeed(): void {
    this.settings.seed = randomSeed();
  }

  /** Runs the prompt if nothing (or another prompt) was run; false if there is no prompt. */
  private async ensureStarted(): Promise<boolean> {
    const { text, removed } = sanitizePrompt(this.prompt);
    const notices: Notice[] = removed > 0 ? [{ kind: "controlChars", removed }] : [];
    if (text.trim() === "") {
      this.notices = [...notices, { kind: "emptyPrompt" }];
      return false;
    }
    if (this.tokens.length > 0 && this.prefilledPrompt === text) return true;
    const epoch = ++this.epoch;
    this.stage = "tokenize";
    const prefill = await this.engine.prefill(text);
    if (epoch !== this.epoch) return false;
    this.prefilledPrompt = text;
    this.branches = [];
    this.applyPrefill(prefill, []);
    this.notices = [...notices, ...this.droppedNotice(prefill)];
    return true;
  }

  /**
   * Takes a prefill as the new context; `steps` are the generated steps its last tokens
   * came from (those cut from the left by the context limit are forgotten).
   */
  private applyPrefill(prefill: Prefill, steps: Step[]): void {
    const generated = Math.min(steps.length, prefill.tokens.length);
    this.tokens = prefill.tokens;
    this.steps = steps.slice(steps.length - generated);
    this.promptLength = prefill.tokens.length - generated;
    this.attention.reset(prefill.attention);
    this.routing.reset(prefill.routing);
    this.version++;
  }

  /** Re-running a long text can cut its start to leave room to generate: say so. */
  private droppedNotice(prefill: Prefill): Notice[] {
    return prefill.dropped > 0 ? [{ kind: "dropped", dropped: prefill.dropped, kept: prefill.tokens.length }] : [];
  }

  private applyStep(step: Step): void {
    this.attention.append(step.attention);
    this.routing.append(step.routing);
    this.tokens = [...this.tokens, step.token];
    this.steps = [...this.steps, slim(step)];
    this.version++;
  }

  private onPlayEvent(run: number, event: PlayEvent): void {
    if (run !== this.playRun) return;
    if (event.kind === "step") {
      try {
        this.applyStep(event.step);
      } catch (err) {
        this.fail(err);
      }
      this.animateStages(Math.min(STAGE_MS, 250 / this.speed));
      return;
    }
    switch (event.reason) {
      case "contextFull":
        this.notices = [{ kind: "contextFull", context: this.context }];
        break;
      case "finished":
        this.notices = [{ kind: "finished" }];
        break;
      case "error":
        this.error = event.message ?? "?";
        break;
      default:
        break;
    }
    this.stopped();
  }

  private stopped(): void {
    this.playing = false;
    this.playStarted = false;
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Lights probabilities → choose → append after a step arrives (at once if motion is reduced). */
  private animateStages(ms: number): void {
    for (const timer of this.stageTimers) clearTimeout(timer);
    this.stageTimers = [];
    if (reducedMotion() || ms < 40) {
      this.stage = "append";
      return;
    }
    this.stage = "probabilities";
    this.stageTimers.push(
      setTimeout(() => (this.stage = "choose"), ms),
      setTimeout(() => (this.stage = "append"), ms * 2),
    );
  }

  /** Makes everything in flight stale and stops a running play. */
  private invalidate(): void {
    this.epoch++;
    if (this.playing) {
      const wasStarted = this.playStarted;
      this.playRun++;
      this.stopped();
      if (wasStarted) this.engine.pause().catch(() => {});
    }
  }

  private clearGeneration(): void {
    for (const timer of this.stageTimers) clearTimeout(timer);
    this.stageTimers = [];
    this.tokens = [];
    this.steps = [];
    this.promptLength = 0;
    this.branches = [];
    this.prefilledPrompt = null;
    this.stage = null;
    this.attention.clear();
    this.routing.clear();
    this.version++;
  }

  private fail(err: unknown): void {
    this.error = errorMessage(err);
    this.stage = null;
  }
}

/** The session every lab widget shows: the app runs one engine, so one generation. */
export const sharedSession = new LabSession();
