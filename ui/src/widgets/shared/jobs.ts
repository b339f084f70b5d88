/** A queue of requests run one at a time (the workbench runs one request at a time); no Svelte here. */
import { errorMessage } from "../../lib/api";

/** One queued request: waiting its turn, running, its result, or the rejection's text. */
export type Job<T> = { status: "queued" } | { status: "busy" } | { status: "done"; value: T } | { status: "failed"; message: string };

export interface JobQueue<K> {
  /** Marks `key` queued and runs it after those already waiting. */
  push(key: K): void;
  /** Whether `key` waits its turn (not the one running). */
  has(key: K): boolean;
  /** Starts on what waits, if nothing runs and `ready` allows (call it once `ready` turns true). */
  resume(): void;
  /** No further jobs, and the one running reports nothing (the widget is gone). */
  stop(): void;
}

/**
 * Runs `work` for each pushed key in turn and reports every change of a key's job through `set`:
 * queued, busy, then done with the value or failed with the error's message. Nothing starts
 * while `ready` says no.
 */
export function jobQueue<K, T>(
  work: (key: K) => Promise<T>,
  set: (key: K, job: Job<T>) => void,
  ready: () => boolean = () => true,
): JobQueue<K> {
  const queue: K[] = [];
  let pumping = false;
  let alive = true;

  async function pump() {
    if (pumping || !ready()) return;
    pumping = true;
    while (alive && queue.length > 0) {
      const key = queue.shift()!;
      set(key, { status: "busy" });
      try {
        const value = await work(key);
        if (alive) set(key, { status: "done", value });
      } catch (err: unknown) {
        if (alive) set(key, { status: "failed", message: errorMessage(err) });
      }
    }
    pumping = false;
  }

  return {
    push(key) {
      set(key, { status: "queued" });
      queue.push(key);
      void pump();
    },
    has: (key) => queue.includes(key),
    resume: () => void pump(),
    stop() {
      alive = false;
    },
  };
}
