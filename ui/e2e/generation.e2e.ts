import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchAtHome, screenshot, screenshotScreen, type Browser } from "./app";

/**
 * Lesson 4 and the Playground on the real app with the bundled models: the tokenizer, five
 * steps with their candidate bars, forcing a candidate, the attention grid, MoE routing.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchAtHome();
});
afterAll(async () => {
  await browser?.deleteSession();
});

const PROMPT = "春风又绿江南岸";

async function goTo(hash: string) {
  await browser.execute((h: string) => {
    window.location.hash = h;
  }, hash);
}

/** Types into a textarea the way an input method does: the value changes, then `input` fires. */
async function typeInto(selector: string, text: string) {
  const box = await browser.$(selector);
  await box.waitForExist({ timeout: 10_000 });
  await browser.execute(
    (el: HTMLTextAreaElement, value: string) => {
      el.focus();
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    box as unknown as HTMLTextAreaElement,
    text,
  );
}

async function attr(selector: string, name: string): Promise<string | null> {
  return (await browser.$(selector)).getAttribute(name);
}

async function generatedCount(): Promise<number> {
  return Number(await attr('[data-testid="generated-text"]', "data-generated-tokens"));
}

async function waitForModel(name: string) {
  try {
    await browser.waitUntil(async () => (await attr('[data-testid="model-picker"]', "data-current")) === name, {
      timeout: 30_000,
      timeoutMsg: `model ${name} did not load`,
    });
  } catch (err) {
    screenshotScreen(`failed-load-${name}`);
    throw err;
  }
}

async function stepAndWait(expected: number) {
  const button = await browser.$('[data-testid="step-button"]');
  await button.waitForEnabled({ timeout: 15_000 });
  await button.click();
  await browser.waitUntil(async () => (await generatedCount()) === expected, {
    timeout: 15_000,
    timeoutMsg: `step ${expected} did not arrive`,
  });
}

async function candidateProbabilities(): Promise<number[]> {
  const bars = await browser.$$('[data-testid="candidate-bar"]').getElements();
  const values: number[] = [];
  for (const bar of bars) values.push(Number(await bar.getAttribute("data-probability")));
  return values;
}

describe("the generation lab", () => {
  it("tokenizes a Chinese prompt in lesson 4", async () => {
    await goTo("#/lesson/4/tokens");
    await waitForModel("tiny");
    await typeInto('[data-testid="prompt-input"]', PROMPT);
    // The character count follows the box at once; the tokens arrive from the engine.
    await browser.waitUntil(
      async () =>
        Number(await attr('[data-testid="token-counts"]', "data-characters")) === PROMPT.length &&
        Number(await attr('[data-testid="token-counts"]', "data-tokens")) > 0,
      { timeout: 10_000, timeoutMsg: "the tokens did not follow the prompt" },
    );
    const tokens = Number(await attr('[data-testid="token-counts"]', "data-tokens"));
    expect(tokens).toBeLessThanOrEqual(PROMPT.length * 3);
    expect(await browser.$$('[data-testid="token-chip"]').length).toBeGreaterThan(0);
    await (await browser.$('[data-testid="token-counts"]')).scrollIntoView({ block: "center" });
    await screenshot(browser, "10-lesson4-tokenizer");
  });

  it("steps five times, each with a valid probability table", async () => {
    await goTo("#/lesson/4/probabilities");
    await (await browser.$('[data-testid="step-button"]')).waitForExist({ timeout: 10_000 });
    expect(await (await browser.$('[data-testid="prompt-input"]')).getValue()).toBe(PROMPT);
    for (let i = 1; i <= 5; i++) {
      await stepAndWait(i);
      const probabilities = await candidateProbabilities();
      expect(probabilities.length).toBeGreaterThan(0);
      for (const p of probabilities) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-6);
    }
    expect(await browser.$$('[data-testid="generated-token"]').length).toBeGreaterThan(0);
    await screenshot(browser, "11-lesson4-five-steps");
  });

  it("forces a candidate that was not the top one", async () => {
    const bars = await browser.$$('[data-testid="candidate-bar"]').getElements();
    const chosen = await attr('[data-testid="chosen-candidate"]', "data-token-id");
    let target: string | null = null;
    for (const bar of bars.slice(1)) {
      const id = await bar.getAttribute("data-token-id");
      if (id !== chosen) {
        target = id;
        await bar.click();
        break;
      }
    }
    expect(target).not.toBeNull();
    await browser.waitUntil(async () => (await attr('[data-testid="chosen-candidate"]', "data-token-id")) === target, {
      timeout: 15_000,
      timeoutMsg: "the forced candidate did not become the next token",
    });
    expect(await generatedCount()).toBe(5);
    expect(await browser.$$('[data-testid="branch-point"]').length).toBeGreaterThan(0);
    await screenshot(browser, "12-lesson4-forced");
  });

  it("shows the attention of any layer and head", async () => {
    await goTo("#/lesson/4/attention");
    const cells = await browser.$$('[data-testid="attention-cell"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="attention-cell"]').length) > 1, {
      timeout: 10_000,
      timeoutMsg: "no attention heatmaps",
    });
    const all = await browser.$$('[data-testid="attention-cell"]').getElements();
    const last = all[all.length - 1] ?? cells[0];
    const layer = await last.getAttribute("data-layer");
    const head = await last.getAttribute("data-head");
    await last.click();
    await browser.waitUntil(async () => (await attr('[data-testid="attention-large"]', "data-layer")) === layer);
    expect(await attr('[data-testid="attention-large"]', "data-head")).toBe(head);
    expect(Number(await attr('[data-testid="attention-large"]', "data-positions"))).toBeGreaterThan(5);
    await (await browser.$('[data-testid="attention-selected"]')).scrollIntoView();
    await screenshot(browser, "13-lesson4-attention");
  });

  it("routes each token to experts with tiny-moe in the Playground", async () => {
    await goTo("#/playground");
    const option = await browser.$('[data-testid="model-option"][data-model="tiny-moe"]');
    await option.waitForExist({ timeout: 10_000 });
    // Picked at once, possibly while the first model still loads: the pick must not be lost.
    await option.click();
    await waitForModel("tiny-moe");
    await typeInto('[data-testid="prompt-input"]', "It is a truth universally acknowledged");
    await stepAndWait(1);
    await stepAndWait(2);
    await browser.waitUntil(async () => (await browser.$$('[data-testid="moe-cell"]').length) > 0, {
      timeout: 10_000,
      timeoutMsg: "no routing cells for tiny-moe",
    });
    const experts = await (await browser.$('[data-testid="moe-cell"]')).getAttribute("data-experts");
    expect(experts).toMatch(/^\d+(,\d+)*$/);
    expect(await browser.$$('[data-testid="expert-load"]').length).toBeGreaterThan(0);
    await (await browser.$('[data-testid="moe-routing"]')).scrollIntoView();
    await screenshot(browser, "14-playground-moe");
  });
});
