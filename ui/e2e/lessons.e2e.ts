import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchAtHome, screenshot, type Browser } from "./app";
import { MODEL_TIMEOUT, lessonPage } from "./lessonPage";

/**
 * Lessons 1, 2, 3, 5, 6, 7, 8 and 9 on the real app with the bundled models: every widget is used
 * once on the page its lesson puts it, and each lesson's quiz is answered.
 */
let browser: Browser;

beforeAll(async () => {
  browser = await launchAtHome();
});
afterAll(async () => {
  await browser?.deleteSession();
});

const { $, text, openWidget, typeInto, click, show, waitForText, answerQuiz } = lessonPage(() => browser);

describe("lesson 1: concepts", () => {
  it("searches the glossary and follows a term to its lesson", async () => {
    await openWidget(1, "glossary");
    await typeInto('[data-testid="glossary-search"]', "注意力");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="glossary-term"]').length) > 0);
    const terms = await browser.$$('[data-testid="glossary-term"]');
    const names: string[] = [];
    for (const term of terms) names.push((await term.getAttribute("data-term")) ?? "");
    expect(names.some((n) => /attention/i.test(n))).toBe(true);
    await screenshot(browser, "20-lesson1-glossary");
    await typeInto('[data-testid="glossary-search"]', "zzzz-no-such-term");
    await (await $('[data-testid="glossary-empty"]')).waitForExist();
  });

  it("lights a concept and its ancestors on the concept map", async () => {
    await openWidget(1, "concept-map");
    // An SVG group has no box WebDriver can click, so choose it the keyboard way.
    const gpt = await $('[data-testid="concept-node"][data-concept="gpt"]');
    await gpt.scrollIntoView({ block: "center" });
    await browser.execute((el: HTMLElement) => el.focus(), gpt as unknown as HTMLElement);
    await browser.keys("Enter");
    await waitForText('[data-testid="concept-detail"]', /人工智能/);
    expect(await (await $('[data-testid="concept-node"][data-concept="gpt"]')).getAttribute("aria-pressed")).toBe("true");
    await screenshot(browser, "21-lesson1-concept-map");
  });

  it("shows the real model's causal attention with the mask, and what an encoder would add", async () => {
    await openWidget(1, "causal-attention");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="causal-cell"]').length) > 0, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "no attention grid",
    });
    const masked = await browser.execute(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="causal-cell"]')].map((c) => ({
        masked: c.dataset.masked === "true",
        above: Number(c.dataset.key) > Number(c.dataset.query),
      })),
    );
    expect(masked.length).toBeGreaterThan(9);
    // Masked exactly above the diagonal: a token never sees a later one.
    expect(masked.every((c) => c.masked === c.above)).toBe(true);
    await click('[data-testid="causal-encoder-toggle"]');
    await (await $('[data-testid="causal-encoder-note"]')).waitForExist();
    await show('[data-testid="causal-cell"]');
    await screenshot(browser, "22-lesson1-causal-attention");
  });

  it("routes a sentence through tiny-moe's experts", async () => {
    await openWidget(1, "moe-routing");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="moe-cell"]').length) > 0, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "no routing",
    });
    expect(await browser.$$('[data-testid="expert-load"]').length).toBeGreaterThan(0);
    await waitForText('[data-testid="moe-params"]', /\d/, 20_000);
    await show('[data-testid="expert-load"]');
    await screenshot(browser, "23-lesson1-moe-routing");
  });

  it("answers the quiz", async () => {
    await answerQuiz(1, "24-lesson1-quiz");
  });
});

describe("lesson 2: LLMs versus traditional models", () => {
  it("puts the bundled models on the scale and computes 6·N·D", async () => {
    await openWidget(2, "scale-explorer");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="scale-row"][data-model="tiny"]').length) === 1, {
      timeout: 20_000,
      timeoutMsg: "the bundled tiny model is not on the scale",
    });
    await typeInto('[data-testid="calc-params"]', "175B");
    await typeInto('[data-testid="calc-tokens"]', "300B");
    await waitForText('[data-testid="calc-flops"]', /3[.,]15/, 10_000);
    await typeInto('[data-testid="calc-tokens"]', "-1");
    await (await $('[data-testid="calc-error"]')).waitForExist();
    await typeInto('[data-testid="calc-tokens"]', "300B");
    await show('[data-testid="calc-flops"]');
    await screenshot(browser, "25-lesson2-scale");
  });

  it("gives one model several tasks next to a poems-only baseline", async () => {
    await openWidget(2, "multi-task");
    const presets = await browser.$$('[data-testid="task-preset"]');
    await presets[1].click();
    for (const side of ["model", "baseline"]) {
      await waitForText(`[data-testid="task-output"][data-side="${side}"]`, /\S/);
    }
    await show('[data-testid="task-output"]');
    await screenshot(browser, "26-lesson2-multi-task");
  });

  it("answers the quiz", async () => {
    await answerQuiz(2, "27-lesson2-quiz");
  });
});

describe("lesson 3: history", () => {
  it("steps through the timeline", async () => {
    await openWidget(3, "timeline");
    const before = await text('[data-testid="timeline-detail"]');
    await click('[data-testid="timeline-next"]');
    await browser.waitUntil(async () => (await text('[data-testid="timeline-detail"]')) !== before);
    await screenshot(browser, "28-lesson3-timeline");
  });

  it("continues one prompt with the bigram, the trigram and the transformer, with perplexities", async () => {
    await openWidget(3, "model-generations");
    await click('[data-testid="gen-run"]');
    for (const model of ["bigram", "trigram", "tiny"]) {
      const column = `[data-testid="gen-column"][data-model="${model}"]`;
      await waitForText(`${column} [data-testid="gen-text"]`, /\S/);
      await waitForText(`${column} [data-testid="gen-perplexity"]`, /\d/);
    }
    await show('[data-testid="gen-perplexity"]');
    await screenshot(browser, "29-lesson3-generations");
  });

  it("answers the quiz", async () => {
    await answerQuiz(3, "30-lesson3-quiz");
  });
});

describe("lesson 5: kinds of models", () => {
  it("asks tiny and tiny-sft the same question", async () => {
    await openWidget(5, "base-vs-sft");
    await click('[data-testid="sft-run"]');
    for (const model of ["tiny", "tiny-sft"]) {
      await (await $(`[data-testid="sft-candidates"][data-model="${model}"]`)).waitForExist({ timeout: MODEL_TIMEOUT });
    }
    const bars = await browser.$$('[data-testid="sft-candidate"]');
    expect(bars.length).toBeGreaterThan(2);
    await click('[data-testid="sft-as-tokens"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="sure-chip"]').length) > 0);
    await show('[data-testid="sure-chip"]');
    await screenshot(browser, "31-lesson5-base-vs-sft");
  });

  it("answers the quiz", async () => {
    await answerQuiz(5, "32-lesson5-quiz");
  });
});

describe("lesson 6: core techniques", () => {
  it("prunes half the weights and measures the loss", async () => {
    await openWidget(6, "pruning");
    const slider = await $('[data-testid="prune-slider"]');
    await browser.execute((el: HTMLInputElement) => {
      el.value = "50";
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }, slider as unknown as HTMLInputElement);
    await browser.waitUntil(
      async () => (await (await $('[data-testid="prune-removed"]')).getAttribute("data-percent")) === "50",
      { timeout: MODEL_TIMEOUT, timeoutMsg: "pruning 50% never reported" },
    );
    await waitForText('[data-testid="prune-loss"]', /\d/);
    await show('[data-testid="prune-loss"]');
    await screenshot(browser, "33-lesson6-pruning");
  });

  it("quantizes to 4 bits and shows the size", async () => {
    await openWidget(6, "quantization");
    await click('[data-testid="quant-option"][data-precision="int4"]');
    await browser.waitUntil(
      async () => (await (await $('[data-testid="quant-size"]')).getAttribute("data-precision")) === "int4",
      { timeout: MODEL_TIMEOUT, timeoutMsg: "4-bit size never shown" },
    );
    await waitForText('[data-testid="quant-size"]', /MB/);
    await show('[data-testid="quant-size"]');
    await screenshot(browser, "34-lesson6-quantization");
  });

  it("compares the distilled student with the one trained on text alone", async () => {
    await openWidget(6, "distillation");
    await (await $('[data-testid="distill-chart"]')).waitForExist({ timeout: MODEL_TIMEOUT });
    for (const model of ["tiny", "student", "student-distilled"]) {
      await waitForText(`[data-testid="distill-row"][data-model="${model}"]`, /\d\.\d\d/);
    }
    await waitForText('[data-testid="distill-diff"]', /\d/);
    await click('[data-testid="distill-run"]');
    for (const model of ["tiny", "student", "student-distilled"]) {
      await waitForText(`[data-testid="distill-output"][data-model="${model}"]`, /\S/);
    }
    expect(await browser.$$('[data-testid="distill-error"]').length).toBe(0);
    await show('[data-testid="distill-chart"]');
    await screenshot(browser, "35-lesson6-distillation");
  });

  it("answers the quiz", async () => {
    await answerQuiz(6, "36-lesson6-quiz");
  });
});

/** The training status line's numbers: the app's one training queue, as the UI shows it. */
async function trainingStatus() {
  const status = await $('[data-testid="training-status"]');
  return {
    step: Number(await status.getAttribute("data-step")),
    loss: Number(await status.getAttribute("data-loss")),
    state: (await status.getAttribute("data-status")) ?? "",
  };
}

async function waitForStatus(check: (s: Awaited<ReturnType<typeof trainingStatus>>) => boolean, what: string) {
  await browser.waitUntil(async () => check(await trainingStatus()), { timeout: 240_000, timeoutMsg: what });
}

describe("lesson 7: six steps", () => {
  it("shows the corpus pipeline's cleaning report and cleans a sample with its rules", async () => {
    await openWidget(7, "data-cleaning");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="cleaning-source"]').length) === 3, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "no cleaning report",
    });
    await click('[data-testid="cleaning-run"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="cleaning-unit"]').length) > 0, {
      timeout: MODEL_TIMEOUT,
      timeoutMsg: "the sample was never cleaned",
    });
    const dropped = await browser.execute(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="cleaning-unit"]')].map((u) => u.dataset.dropped ?? ""),
    );
    // The Chinese sample exercises every rule: some lines survive, a repeat and a lost character do not.
    expect(dropped).toContain("");
    expect(dropped).toContain("duplicate");
    expect(dropped).toContain("missingCharacters");
    await show('[data-testid="cleaning-summary"]');
    await screenshot(browser, "46-lesson7-data-cleaning");
  });

  it("counts the parameters of a design exactly as the trainer does", async () => {
    await openWidget(7, "model-designer");
    await browser.waitUntil(
      async () => (await (await $('[data-testid="designer-parameters"]')).getAttribute("data-value")) !== null,
      { timeout: MODEL_TIMEOUT, timeoutMsg: "no parameter count" },
    );
    // The bundled tiny: 6 layers, width 128, 4 heads, context 128, vocabulary 5,120.
    for (const [field, value] of [
      ["layers", "6"],
      ["hidden", "128"],
      ["heads", "4"],
      ["context", "128"],
      ["vocab", "5120"],
    ]) {
      await typeInto(`[data-testid="designer-${field}"]`, value);
    }
    await browser.waitUntil(
      async () => (await (await $('[data-testid="designer-parameters"]')).getAttribute("data-value")) === "2498176",
      { timeout: 20_000, timeoutMsg: "tiny's design is not counted as 2,498,176 parameters" },
    );
    await waitForText('[data-testid="designer-time"]', /\d/);
    await show('[data-testid="designer-parameters"]');
    await screenshot(browser, "40-lesson7-model-designer");
  });
});

describe("lesson 7: best-of-n", () => {
  it("samples tiny-sft's answers, scores them with open rules and picks the best", async () => {
    await openWidget(7, "reward-best-of-n");
    await click('[data-testid="reward-run"]');
    await browser.waitUntil(
      async () => {
        const chosen = await browser.$$('[data-testid="reward-sample"][data-chosen="true"]').length;
        const done = await browser.$$('[data-testid="reward-sample"][data-status="done"]').length;
        return chosen > 0 && done >= 4;
      },
      { timeout: 240_000, timeoutMsg: "no best answer was chosen" },
    );
    const scores = await browser.execute(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="reward-sample"][data-status="done"]')].map((el) => ({
        score: Number(el.dataset.score),
        chosen: el.dataset.chosen === "true",
      })),
    );
    // Within the first round the chosen answer has the top score.
    const round = scores.slice(0, 4);
    const best = Math.max(...round.map((s) => s.score));
    expect(round.find((s) => s.chosen)?.score).toBe(best);
    await (await $('[data-testid="reward-stop"]')).click();
    await show('[data-testid="reward-sample"]');
    await screenshot(browser, "47-lesson7-best-of-n");
  });
});

describe("lesson 9: experiments", () => {
  let exported = "";

  it("trains a preset live: the chart updates and the loss falls, it pauses, resumes and stops", async () => {
    await openWidget(9, "experiments");
    await click('[data-testid="experiment-preset-noise"]');
    await click('[data-testid="experiments-start"]');
    await waitForStatus((s) => s.state === "running" && s.step >= 1, "training never started");
    const first = await trainingStatus();
    await waitForStatus((s) => s.step >= 40 && s.loss < first.loss - 0.5, "the loss did not fall within 40 steps");
    const chart = await $('[data-testid="training-chart"] svg');
    await chart.waitForExist({ timeout: 20_000 });
    expect(await (await $('[data-testid="training-chart"]')).getHTML()).toContain("随机瞎猜");

    await click('[data-testid="training-pause"]');
    await waitForStatus((s) => s.state === "paused", "never paused");
    const held = (await trainingStatus()).step;
    await browser.pause(2_000);
    expect((await trainingStatus()).step).toBe(held);
    await show('[data-testid="training-chart"]');
    await screenshot(browser, "41-lesson9-experiment-paused");
    await click('[data-testid="training-resume"]');
    await waitForStatus((s) => s.state === "running" && s.step > held, "never resumed");

    await click('[data-testid="training-stop"]');
    await waitForStatus((s) => s.state === "idle", "never stopped");
  });

  it("keeps the stopped run in the list and exports its chart", async () => {
    const row = await $('[data-testid="run-row"]');
    await row.waitForExist({ timeout: 20_000 });
    await row.scrollIntoView({ block: "center" });
    const exportSvg = await row.$('[data-testid="run-export-svg"]');
    await exportSvg.click();
    await waitForText('[data-testid="run-export-path"]', /\.svg/, 20_000);
    exported = (await text('[data-testid="run-export-path"]')).match(/\S+\.svg/)?.[0] ?? "";
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(exported, "utf8")).toContain("<svg");
    await screenshot(browser, "42-lesson9-runs-list");
  });

  it("opens the stopped run's model in the generation lab", async () => {
    const row = await $('[data-testid="run-row"]');
    const id = await row.getAttribute("data-run-id");
    await (await row.$('[data-testid="run-open"]')).click();
    await browser.waitUntil(
      async () => (await (await $('[data-testid="model-picker"]')).getAttribute("data-current")) === `run:${id}`,
      { timeout: MODEL_TIMEOUT, timeoutMsg: "the run's model never loaded in the lab" },
    );
    await click('[data-testid="step-button"]');
    await browser.waitUntil(
      async () => Number(await (await $('[data-testid="generated-text"]')).getAttribute("data-generated-tokens")) > 0,
      { timeout: MODEL_TIMEOUT, timeoutMsg: "the run's model wrote nothing" },
    );
    await screenshot(browser, "44-run-in-generation-lab");
  });
});

describe("lesson 7: pre-training", () => {
  it("shows the run's size and time before it starts", async () => {
    await openWidget(7, "pretraining");
    await waitForText('[data-testid="pretrain-parameters"]', /\d/);
    await waitForText('[data-testid="pretrain-estimate"]', /\d/);
    await show('[data-testid="pretrain-start"]');
    await screenshot(browser, "45-lesson7-pretraining");
  });
});

describe("lesson 8: fine-tuning", () => {
  it("fine-tunes fully and with LoRA side by side", async () => {
    await openWidget(8, "finetune-lora");
    await click('[data-testid="finetune-start"]');
    await waitForStatus((s) => s.state === "running" && s.step >= 2, "fine-tuning never started");
    await waitForText('[data-testid="finetune-full"]', /\d/);
    await show('[data-testid="finetune-full"]');
    await screenshot(browser, "43-lesson8-finetune");
    await click('[data-testid="training-stop"]');
    await waitForStatus((s) => s.state === "idle", "never stopped");
  });
});
