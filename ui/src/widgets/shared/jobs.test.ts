import { describe, expect, it } from "vitest";
import { jobQueue, type Job } from "./jobs";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("jobQueue", () => {
  it("runs one job at a time, in order, and reports each state", async () => {
    const log: string[] = [];
    const pending = new Map<string, ReturnType<typeof deferred<number>>>();
    const states: Record<string, Job<number>> = {};
    const q = jobQueue<string, number>(
      (key) => {
        log.push(`start ${key}`);
        const d = deferred<number>();
        pending.set(key, d);
        return d.promise;
      },
      (key, job) => (states[key] = job),
    );
    q.push("a");
    q.push("b");
    expect(log).toEqual(["start a"]);
    expect(states.a).toEqual({ status: "busy" });
    expect(states.b).toEqual({ status: "queued" });
    expect(q.has("b")).toBe(true);
    expect(q.has("a")).toBe(false);

    pending.get("a")!.resolve(1);
    await settle();
    expect(states.a).toEqual({ status: "done", value: 1 });
    expect(log).toEqual(["start a", "start b"]);

    pending.get("b")!.reject({ message: "no model" });
    await settle();
    expect(states.b).toEqual({ status: "failed", message: "no model" });
  });

  it("waits until ready, then resumes", async () => {
    let ready = false;
    const states: Record<string, Job<string>> = {};
    const q = jobQueue<string, string>(
      async (key) => key.toUpperCase(),
      (key, job) => (states[key] = job),
      () => ready,
    );
    q.push("x");
    await settle();
    expect(states.x).toEqual({ status: "queued" });
    ready = true;
    q.resume();
    await settle();
    expect(states.x).toEqual({ status: "done", value: "X" });
  });

  it("reports nothing after stop", async () => {
    const d = deferred<number>();
    const states: Record<string, Job<number>> = {};
    const q = jobQueue<string, number>(
      () => d.promise,
      (key, job) => (states[key] = job),
    );
    q.push("a");
    q.stop();
    d.resolve(3);
    await settle();
    expect(states.a).toEqual({ status: "busy" });
  });
});
