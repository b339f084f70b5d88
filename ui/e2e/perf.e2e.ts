import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SCREENSHOTS, invokeCommand, launchAtHome, type Browser } from "./app";
import type { Lesson } from "../src/lib/generated/Lesson";
import type { RunSummary } from "../src/lib/generated/RunSummary";

/**
 * A benchmark, not a test of speed: it measures, in the real app on the bundled `tiny` model,
 * the time from pressing Step to the new token being painted, and the frame times while
 * playing at 10 steps a second; then the training lab's speed against the command line on
 * the same run's config, and the frame times while it trains. It prints the medians and
 * writes target/e2e/perf.json and perf-training.json; it asserts only that the work was
 * done, never a timing.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchAtHome();
});
afterAll(async () => {
  await browser?.deleteSession();
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

describe("generation lab timings", () => {
  it("measures step-to-paint latency and frame times while playing", async () => {
    await browser.execute(() => {
      window.location.hash = "#/playground";
    });
    await browser.waitUntil(
      async () => (await (await browser.$('[data-testid="model-picker"]')).getAttribute("data-current")) === "tiny",
      { timeout: 30_000 },
    );

    // Step to paint: click, then wait for the next animation frame after the token shows.
    const latencies: number[] = [];
    for (let i = 0; i < 15; i++) {
      const ms = await browser.executeAsync((done: (ms: number) => void) => {
        const text = document.querySelector('[data-testid="generated-text"]') as HTMLElement;
        const button = document.querySelector('[data-testid="step-button"]') as HTMLButtonElement;
        const before = Number(text.dataset.generatedTokens);
        const start = performance.now();
        button.click();
        const check = () => {
          if (Number(text.dataset.generatedTokens) > before) {
            requestAnimationFrame(() => done(performance.now() - start));
          } else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      latencies.push(ms);
      await browser.waitUntil(async () => (await browser.$('[data-testid="step-button"]')).isEnabled());
    }

    // Play at 10 steps/s for five seconds, recording every frame interval.
    await (await browser.$('[data-testid="reset-button"]')).click();
    await (await browser.$('[data-testid="speed"]')).selectByAttribute("value", "10");
    const frames = await browser.executeAsync((done: (r: { intervals: number[]; steps: number }) => void) => {
      const text = document.querySelector('[data-testid="generated-text"]') as HTMLElement;
      (document.querySelector('[data-testid="play-button"]') as HTMLButtonElement).click();
      const intervals: number[] = [];
      let last = performance.now();
      const end = last + 5000;
      const frame = (now: number) => {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame);
        else {
          (document.querySelector('[data-testid="pause-button"]') as HTMLButtonElement).click();
          done({ intervals, steps: Number(text.dataset.generatedTokens) });
        }
      };
      requestAnimationFrame(frame);
    });

    const longFrames = frames.intervals.filter((ms) => ms > 1000 / 30).length;
    const report = {
      stepToPaintMs: { median: median(latencies), min: Math.min(...latencies), max: Math.max(...latencies), runs: latencies.length },
      playing10PerSecond: {
        seconds: 5,
        steps: frames.steps,
        frames: frames.intervals.length,
        medianFrameMs: median(frames.intervals),
        worstFrameMs: Math.max(...frames.intervals),
        framesOver33ms: longFrames,
      },
    };
    console.log(`generation lab timings: ${JSON.stringify(report)}`);
    writeFileSync(resolve(SCREENSHOTS, "perf.json"), JSON.stringify(report, null, 2));
    expect(latencies).toHaveLength(15);
    expect(frames.steps).toBeGreaterThan(0);
  });
});

/** The tokens-per-second column of a run's train.csv, warm-up steps left out. */
function tokensPerSecond(csv: string): number[] {
  const [header, ...rows] = csv.trim().split("\n");
  const column = header.split(",").indexOf("tokens_per_s");
  return rows.slice(5).map((row) => Number(row.split(",")[column]));
}

describe("training lab timings", () => {
  it("trains as fast as the command line and keeps drawing while it trains", async () => {
    const lesson = await invokeCommand<Lesson>(browser, "lesson", { id: 7, lang: "zh" });
    const section = lesson.sections.find((s) => s.blocks.some((b) => b.kind === "widget" && b.name === "pretraining"));
    await browser.execute((hash: string) => (location.hash = hash), `#/lesson/7/${section!.id}`);
    await (await browser.$('[data-testid="pretrain-steps-100"]')).waitForClickable({ timeout: 20_000 });
    await (await browser.$('[data-testid="pretrain-steps-100"]')).click();
    await (await browser.$('[data-testid="pretrain-start"]')).click();
    const status = await browser.$('[data-testid="training-status"]');
    await browser.waitUntil(async () => Number(await status.getAttribute("data-step")) >= 3, { timeout: 300_000 });

    const intervals = await browser.executeAsync((done: (r: number[]) => void) => {
      const seen: number[] = [];
      let last = performance.now();
      const end = last + 5000;
      const frame = (now: number) => {
        seen.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(frame);
        else done(seen);
      };
      requestAnimationFrame(frame);
    });
    await browser.waitUntil(async () => (await status.getAttribute("data-status")) === "idle", { timeout: 600_000 });

    const [run] = await invokeCommand<RunSummary[]>(browser, "list_runs", {});
    expect(run.status).toBe("finished");
    const appRun = join(process.env.GLASSBOX_DATA_DIR!, "runs", run.id, "model");
    const cliRun = mkdtempSync(join(tmpdir(), "glassbox-cli-run-"));
    const cli = resolve(import.meta.dirname, "../../target/debug/glassbox");
    execFileSync(cli, ["pretrain", "--config", join(appRun, "train-config.json"), "--out", cliRun], { stdio: "ignore" });
    const app = tokensPerSecond(readFileSync(join(appRun, "train.csv"), "utf8"));
    const commandLine = tokensPerSecond(readFileSync(join(cliRun, "train.csv"), "utf8"));
    const report = {
      run: { parameters: run.parameters, steps: run.totalSteps, secondsPerStep: run.secondsPerStep },
      tokensPerSecond: { app: median(app), commandLine: median(commandLine), appOverCommandLine: median(app) / median(commandLine) },
      framesWhileTraining: {
        seconds: 5,
        frames: intervals.length,
        medianFrameMs: median(intervals),
        worstFrameMs: Math.max(...intervals),
        framesOver33ms: intervals.filter((ms) => ms > 1000 / 30).length,
      },
    };
    console.log(`training lab timings: ${JSON.stringify(report)}`);
    writeFileSync(resolve(SCREENSHOTS, "perf-training.json"), JSON.stringify(report, null, 2));
    expect(app).toHaveLength(95);
    expect(commandLine).toHaveLength(95);
  });
});
