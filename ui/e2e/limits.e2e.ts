import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchAtHome, screenshot, type Browser } from "./app";
import { MODEL_TIMEOUT, lessonPage } from "./lessonPage";

/**
 * Lessons 10 (evaluation) and 11 (limitations) on the real app with the bundled models:
 * every widget is used once on the page its lesson puts it, and both quizzes are answered.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchAtHome();
});
afterAll(async () => {
  await browser?.deleteSession();
});

const { $, text, openWidget, click, show, waitForText, answerQuiz } = lessonPage(() => browser);

/** The values of `attribute` on every element matching `selector`. */
async function attributes(selector: string, attribute: string): Promise<(string | null)[]> {
  return browser.execute(
    (s: string, a: string) => [...document.querySelectorAll(s)].map((el) => el.getAttribute(a)),
    selector,
    attribute,
  );
}

describe("lesson 10: evaluation", () => {
  it("weighs the framework's dimensions for a product and lists what to test first", async () => {
    await openWidget(10, "eval-framework");
    await click('[data-testid="eval-preset-knowledgeBase"]');
    await click('[data-testid="eval-dimension-context"]');
    await waitForText('[data-testid="eval-detail"]', /RULER/);
    const first = await attributes('[data-testid="eval-first"]', "data-key");
    expect(first.length).toBe(3);
    expect(first).toContain("factual");
    await show('[data-testid="eval-detail"]');
    await screenshot(browser, "50-lesson10-eval-framework");
  });

  it("measures the perplexity of every bundled model in each language", async () => {
    await openWidget(10, "perplexity");
    await click('[data-testid="perplexity-guess-low-tiny"]');
    await click('[data-testid="perplexity-reveal"]');
    for (const model of ["tiny", "tiny-moe", "tiny-sft", "trigram"]) {
      for (const lang of ["zh", "en"]) {
        const row = `[data-testid="perplexity-row-${model}-${lang}"]`;
        await browser.waitUntil(async () => (await (await $(row)).getAttribute("data-status")) === "done", {
          timeout: MODEL_TIMEOUT,
          timeoutMsg: `${model} ${lang} was never measured`,
        });
      }
    }
    const value = async (model: string, lang: string) =>
      Number((await text(`[data-testid="perplexity-row-${model}-${lang}"] [data-testid="perplexity-value"]`)).replace(/,/g, ""));
    // The trained transformer beats counting in both languages; the barely trained MoE does not.
    for (const lang of ["zh", "en"]) {
      expect(await value("tiny", lang)).toBeLessThan(await value("trigram", lang));
      expect(await value("tiny-moe", lang)).toBeGreaterThan(await value("tiny", lang));
    }
    await show('[data-testid="perplexity-panel-zh"]');
    await screenshot(browser, "51-lesson10-perplexity");
  });

  it("scores models on the held-out benchmark and opens an item with its probabilities", async () => {
    await openWidget(10, "benchmark");
    await browser.waitUntil(async () => (await browser.$$('[data-testid^="benchmark-item-"]').length) === 40, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "the 40 items never loaded",
    });
    await click('[data-testid="benchmark-score-tiny"]');
    // Measured with `glassbox benchmark score` (models/benchmark/README.md).
    await waitForText('[data-testid="benchmark-accuracy-tiny"]', /19\s*\/\s*40/);
    await click('[data-testid="benchmark-score-trigram"]');
    await waitForText('[data-testid="benchmark-accuracy-trigram"]', /17\s*\/\s*40/);
    await click('[data-testid="benchmark-item-zh-cloze-01"]');
    await waitForText('[data-testid="benchmark-detail"]', /%/);
    const readings = await attributes('[data-testid="benchmark-reading"] [data-reading]', "data-reading");
    expect(readings.length).toBeGreaterThan(0);
    await show('[data-testid="benchmark-chart"]');
    await screenshot(browser, "52-lesson10-benchmark");
    await show('[data-testid="benchmark-detail"]');
    await screenshot(browser, "53-lesson10-benchmark-item");
  });

  it("continues a false premise with each step's probability and entropy", async () => {
    await openWidget(10, "false-premise");
    await click('[data-testid="false-premise-run"]');
    await (await $('[data-testid="false-premise-surest"]')).waitForExist({ timeout: MODEL_TIMEOUT });
    await (await $('[data-testid="false-premise-most-torn"]')).waitForExist({ timeout: MODEL_TIMEOUT });
    await browser.waitUntil(async () => (await browser.$$('[data-testid^="false-premise-step-"]').length) >= 8, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "the continuation never appeared",
    });
    await show('[data-testid="false-premise-steps"]');
    await screenshot(browser, "54-lesson10-false-premise");
  });

  it("answers the quiz", async () => {
    await answerQuiz(10, "55-lesson10-quiz");
  });
});

describe("lesson 11: limitations", () => {
  it("shows tiny-sft's invented answer, the probability behind it and five seeds disagreeing", async () => {
    await openWidget(11, "hallucination");
    await click('[data-testid="hallucination-question-jiangxue"]');
    await click('[data-testid="hallucination-run"]');
    // Greedy tiny-sft names Li Bai for a poem the corpus credits to Liu Zongyuan.
    await waitForText('[data-testid="hallucination-answer"]', /李白/);
    await (await $('[data-testid="hallucination-mass"]')).waitForExist({ timeout: MODEL_TIMEOUT });
    await click('[data-testid="hallucination-seeds"]');
    await browser.waitUntil(
      async () =>
        (await browser.$$('[data-testid="hallucination-seed-answers"] li').length) === 5 &&
        (await (await $('[data-testid="hallucination-seeds"]')).getAttribute("aria-busy")) === "false",
      { timeout: 3 * MODEL_TIMEOUT, timeoutMsg: "the five seeded answers never arrived" },
    );
    await show('[data-testid="hallucination-mass"]');
    await screenshot(browser, "56-lesson11-hallucination");
  });

  it("slides a fact out of tiny's window: attention stops reaching it", async () => {
    await openWidget(11, "context-window");
    const status = '[data-testid="context-status"]';
    await browser.waitUntil(async () => (await (await $(status)).getAttribute("data-fact")) === "whole", {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "the fact was never seen whole",
    });
    expect(Number.parseFloat(await text('[data-testid="context-attention-on-fact"]'))).toBeGreaterThan(0);
    await show('[data-testid="context-strip"]');
    await screenshot(browser, "57-lesson11-context-inside");
    const slider = await $('[data-testid="context-slider"]');
    await browser.execute((el: HTMLInputElement) => {
      el.value = el.max;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }, slider as unknown as HTMLInputElement);
    await browser.waitUntil(async () => (await (await $(status)).getAttribute("data-fact")) === "gone", {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "the fact never left the window",
    });
    expect(await attributes('[data-testid="context-token-0"]', "data-state")).toEqual(["dropped"]);
    await show('[data-testid="context-strip"]');
    await screenshot(browser, "58-lesson11-context-gone");
  });

  it("filters input and output: the block list, the classifier, a trick that slips past and a false alarm", async () => {
    await openWidget(11, "safety-filter");
    const verdict = '[data-testid="safety-verdict"]';
    const blockedBy = async () => (await $(verdict)).getAttribute("data-blocked-by");
    const tryExample = async (id: string, expected: string) => {
      await click(`[data-testid="safety-example-${id}"]`);
      await browser.waitUntil(async () => (await blockedBy()) === expected, {
        timeout: MODEL_TIMEOUT,
        timeoutMsg: `example ${id} was not judged "${expected}"`,
      });
    };
    await tryExample("1-0", "blockList");
    expect(await (await $('[data-testid="safety-stage-model"]')).getAttribute("data-status")).toBe("skipped");
    await tryExample("2-0", "classifier");
    await tryExample("4-0", "blockList");
    // A spacing trick gets past both layers, so the model answers and its output is checked.
    await click('[data-testid="safety-example-3-0"]');
    await browser.waitUntil(
      async () => (await (await $('[data-testid="safety-stage-model"]')).getAttribute("data-status")) === "done",
      { timeout: MODEL_TIMEOUT, timeoutMsg: "the model never answered the text that slipped through" },
    );
    const counts = await attributes('[data-testid="safety-tally"] [data-outcome][data-count]', "data-count");
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(4);
    await show('[data-testid="safety-stage-input"]');
    await screenshot(browser, "59-lesson11-safety-filter");
  });

  it("is more perplexed by a product question than by poetry", async () => {
    await openWidget(11, "domain-gap");
    await click('[data-testid="domain-gap-run"]');
    const perplexity = async (side: string) =>
      Number(await (await $(`[data-testid="domain-gap-perplexity-${side}"]`)).getAttribute("data-value"));
    await browser.waitUntil(async () => (await perplexity("out")) > 0, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "the unfamiliar text was never read",
    });
    expect(await perplexity("out")).toBeGreaterThan(await perplexity("in"));
    await show('[data-testid="domain-gap-verdict"]');
    await screenshot(browser, "60-lesson11-domain-gap");
  });

  it("answers the quiz", async () => {
    await answerQuiz(11, "61-lesson11-quiz");
  });
});
