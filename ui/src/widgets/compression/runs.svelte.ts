import { SvelteMap } from "svelte/reactivity";
import { errorMessage } from "../../lib/api";
import type { CompressionReport } from "../../lib/generated/CompressionReport";
import type { Workbench } from "../workbench";

/** What both compression widgets take. */
export interface CompressionWidgetProps {
  workbench?: Pick<Workbench, "compress">;
  /** The opening to start with; a line of poetry (zh) or Austen (en) by default. */
  prompt?: string;
}

/** One measurement: a technique's setting and the prompt the compressed model continues. */
export interface Request<S> {
  setting: S;
  prompt: string;
}

export interface Entry<S> extends Request<S> {
  report: CompressionReport;
}

export interface Shown<S> extends Entry<S> {
  /** False while this is an older answer kept on screen until the wanted one arrives. */
  fresh: boolean;
}

/**
 * The measurements of one widget, latest wins: one request runs at a time, and when it ends
 * the next one is chosen from what the learner wants *now*, so settings passed over while a
 * request ran are never sent. Every answer is kept (the chart and the cache use them), but
 * only the answer for the wanted setting is shown as current. Besides the wanted setting,
 * the reference (the uncompressed model) is measured once per prompt, for its text.
 */
export class CompressionRuns<S> {
  readonly entries = new SvelteMap<string, Entry<S>>();
  wanted = $state.raw<Request<S>>() as Request<S>;
  /** The request on its way, if any. */
  running = $state.raw<Request<S> | null>(null);
  /** The last failure, while what failed is still wanted; cleared by `want` and `retry`. */
  error = $state.raw<{ request: Request<S>; message: string } | null>(null);

  #last = $state.raw<Entry<S> | null>(null);
  #measure: (setting: S, prompt: string) => Promise<CompressionReport>;
  #settingKey: (setting: S) => string;
  #reference: S;
  #pumping = false;

  constructor(
    measure: (setting: S, prompt: string) => Promise<CompressionReport>,
    settingKey: (setting: S) => string,
    reference: S,
    initial: Request<S>,
  ) {
    this.#measure = measure;
    this.#settingKey = settingKey;
    this.#reference = reference;
    this.wanted = initial;
  }

  key(setting: S, prompt: string): string {
    return `${this.#settingKey(setting)}\u0000${prompt}`;
  }

  entry(setting: S, prompt: string): Entry<S> | undefined {
    return this.entries.get(this.key(setting, prompt));
  }

  /** The wanted measurement, or else the last one shown (marked not fresh), or null. */
  get shown(): Shown<S> | null {
    const current = this.entry(this.wanted.setting, this.wanted.prompt);
    if (current) return { ...current, fresh: true };
    return this.#last ? { ...this.#last, fresh: false } : null;
  }

  /** The uncompressed model on `prompt`, once measured. */
  reference(prompt: string): Entry<S> | undefined {
    return this.entry(this.#reference, prompt);
  }

  isReference(setting: S): boolean {
    return this.#settingKey(setting) === this.#settingKey(this.#reference);
  }

  /** Asks for `setting` on `prompt`; starts measuring unless a request is already running. */
  want(setting: S, prompt: string): void {
    this.wanted = { setting, prompt };
    this.error = null;
    this.#remember();
    void this.#pump();
  }

  /** Tries again after a failure. */
  retry(): void {
    this.error = null;
    void this.#pump();
  }

  /** Starts measuring the wanted setting (and the reference); for the widgets' first render. */
  start(): void {
    void this.#pump();
  }

  #remember(): void {
    const current = this.entry(this.wanted.setting, this.wanted.prompt);
    if (current) this.#last = current;
  }

  /** What is still missing for the wanted state, most wanted first. */
  #next(): Request<S> | null {
    const { setting, prompt } = this.wanted;
    const needed: Request<S>[] = [{ setting, prompt }, { setting: this.#reference, prompt }];
    return needed.find((r) => !this.entries.has(this.key(r.setting, r.prompt))) ?? null;
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        if (this.error) break;
        const request = this.#next();
        if (!request) break;
        this.running = request;
        try {
          const report = await this.#measure(request.setting, request.prompt);
          const entry = { ...request, report };
          this.entries.set(this.key(request.setting, request.prompt), entry);
          // Something to look at (marked as not current) beats an empty widget.
          if (!this.#last) this.#last = entry;
          this.#remember();
        } catch (error) {
          // A failure only matters while its request is still wanted; otherwise move on.
          const next = this.#next();
          if (next && this.key(next.setting, next.prompt) === this.key(request.setting, request.prompt)) {
            this.error = { request, message: errorMessage(error) };
          }
        }
      }
    } finally {
      this.running = null;
      this.#pumping = false;
    }
  }
}
