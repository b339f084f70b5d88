/**
 * Runs a slow request for the latest value only: after `idleMs` of quiet (or at once when
 * asked), never two at a time, and once more with the newest value if it changed meanwhile.
 */
export interface LatestRunner<T> {
  /** Ask for `value`; `now` skips the quiet time (a slider's release). */
  request(value: T, now?: boolean): void;
  /** Whether a request is in flight. */
  readonly busy: boolean;
  /** Forget what is waiting and start nothing more. */
  dispose(): void;
}

export function latestRunner<T>(run: (value: T) => Promise<unknown>, idleMs: number): LatestRunner<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = false;
  let disposed = false;
  let pending: { value: T } | null = null;

  function start() {
    clearTimeout(timer);
    timer = undefined;
    if (busy || disposed || !pending) return;
    const { value } = pending;
    pending = null;
    busy = true;
    void Promise.resolve()
      .then(() => run(value))
      .catch(() => undefined)
      .finally(() => {
        busy = false;
        if (pending && timer === undefined) start();
      });
  }

  return {
    request(value, now = false) {
      if (disposed) return;
      pending = { value };
      clearTimeout(timer);
      timer = undefined;
      if (now || idleMs <= 0) start();
      else timer = setTimeout(start, idleMs);
    },
    get busy() {
      return busy;
    },
    dispose() {
      disposed = true;
      pending = null;
      clearTimeout(timer);
    },
  };
}
