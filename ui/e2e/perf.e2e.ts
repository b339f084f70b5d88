import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { SCREENSHOTS, launchAtHome, type Browser } from "./app";

/**
 * A benchmark, not a test of speed: it measures, in the real app on the bundled `tiny` model,
 * the time from pressing Step to the new token being painted, and the frame times while
 * playing at 10 steps a second. It prints the medians and writes target/e2e/perf.json; it
 * asserts only that the steps arrived, never a timing.
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
