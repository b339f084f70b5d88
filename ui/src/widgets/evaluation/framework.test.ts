import "../../generation/testSetup";
import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import EvalFramework from "./EvalFramework.svelte";
import { EvalFramework as Exported } from "./index";
import {
  ALL_KEYS,
  BENCHMARKS,
  BENCHMARK_KEYS,
  DRIVER_KEYS,
  PRESETS,
  PRESET_KEYS,
  PRODUCT_KEYS,
  SAFETY_KEYS,
  WEIGHT_LEVELS,
  layerOf,
  matchingPreset,
  priorities,
  testFirst,
  toggleWeight,
  weighedCount,
  type Weights,
} from "./framework";
import { frameworkStrings } from "./strings";

const zh = frameworkStrings.zh;
const en = frameworkStrings.en;

beforeEach(() => {
  locale.lang = "zh";
});

// ----- the data -----------------------------------------------------------------------------

describe("the framework's data", () => {
  it("has the lesson's nine dimensions, three drivers and three safety checks", () => {
    expect(PRODUCT_KEYS).toHaveLength(9);
    expect(DRIVER_KEYS).toEqual(["parameters", "data", "training"]);
    expect(SAFETY_KEYS).toEqual(["content", "bias", "privacy"]);
    expect(new Set(ALL_KEYS).size).toBe(15);
    expect(layerOf("factual")).toBe("product");
    expect(layerOf("data")).toBe("driver");
    expect(layerOf("privacy")).toBe("safety");
  });

  it("says everything in both languages, and where no benchmark fits, says so", () => {
    for (const s of [zh, en]) {
      for (const key of ALL_KEYS) {
        expect(s.name[key], key).toBeTruthy();
        expect(s.sub[key], key).toBeTruthy();
        expect(s.ask[key], key).toBeTruthy();
        expect(s.how[key], key).toBeTruthy();
        if (BENCHMARKS[key].length === 0) expect(s.noBenchmark[key], key).toBeTruthy();
      }
      for (const b of BENCHMARK_KEYS) expect(s.benchmark[b], b).toBeTruthy();
      for (const p of PRESET_KEYS) expect(s.preset[p] && s.presetNote[p], p).toBeTruthy();
    }
  });

  it("uses the lesson table's wording for the product dimensions", () => {
    expect(zh.ask.factual).toBe("说的对不对（幻觉率），能否识破问题里的错误前提。");
    expect(zh.how.context).toBe("把关键信息埋在长文档的不同位置，再提问。");
    expect(en.how.speed).toBe("Load-test with requests of realistic length; work out the monthly bill from expected traffic.");
    expect(en.name.language).toBe("Language understanding (incl. Chinese)");
  });

  it("names the benchmarks the lesson names, where they belong", () => {
    expect(BENCHMARKS.language).toEqual(["ceval", "cmmlu", "mmlu"]);
    expect(BENCHMARKS.reasoning).toContain("gsm8k");
    expect(BENCHMARKS.factual).toEqual(["truthfulqa"]);
    expect(BENCHMARKS.humanlike).toContain("arena");
    expect(BENCHMARKS.context).toContain("ruler");
    expect(BENCHMARKS.speed).toEqual([]);
    // Every benchmark is used somewhere.
    const used = new Set(Object.values(BENCHMARKS).flat());
    expect([...BENCHMARK_KEYS].filter((b) => !used.has(b))).toEqual([]);
  });
});

describe("weights", () => {
  it("sets a level, and clears it when picked again, without touching the old record", () => {
    const before: Weights = { factual: "nice" };
    const after = toggleWeight(before, "factual", "must");
    expect(after).toEqual({ factual: "must" });
    expect(before).toEqual({ factual: "nice" });
    expect(toggleWeight(after, "factual", "must")).toEqual({});
  });

  it("groups the weights in the table's order", () => {
    const p = priorities({ speed: "must", language: "must", context: "none", reasoning: "nice" });
    expect(p.must).toEqual(["language", "speed"]);
    expect(p.nice).toEqual(["reasoning"]);
    expect(p.none).toEqual(["context"]);
    expect(p.unset).toEqual(["factual", "generation", "robustness", "humanlike", "multimodal"]);
    expect(weighedCount({ speed: "must", context: "none" })).toBe(2);
  });

  it("tests the must-haves first, topped up to three with nice-to-haves", () => {
    expect(testFirst(priorities({ factual: "must", speed: "nice", reasoning: "nice", robustness: "nice" }))).toEqual([
      { key: "factual", level: "must" },
      { key: "reasoning", level: "nice" },
      { key: "speed", level: "nice" },
    ]);
    const five: Weights = Object.fromEntries(PRODUCT_KEYS.slice(0, 5).map((k) => [k, "must"]));
    expect(testFirst(priorities({ ...five, multimodal: "nice" })).map((f) => f.level)).toEqual(["must", "must", "must", "must", "must"]);
    expect(testFirst(priorities({}))).toEqual([]);
  });

  it("has example products with three must-haves each, every dimension weighed, and different pictures", () => {
    for (const key of PRESET_KEYS) {
      const preset = PRESETS[key];
      expect(Object.keys(preset).sort()).toEqual([...PRODUCT_KEYS].sort());
      expect(priorities(preset).must, key).toHaveLength(3);
      expect(matchingPreset({ ...preset })).toBe(key);
    }
    expect(priorities(PRESETS.childrenStories).must).toEqual(["language", "generation", "humanlike"]);
    expect(priorities(PRESETS.insuranceClaims).must).toEqual(["reasoning", "factual", "robustness"]);
    expect(matchingPreset(toggleWeight(PRESETS.knowledgeBase, "speed", "must"))).toBeNull();
    expect(matchingPreset({})).toBeNull();
  });
});

// ----- the widget ---------------------------------------------------------------------------

const box = (key: string) => screen.getByTestId(`eval-dimension-${key}`);
const weightButton = (key: string, level: string) => screen.getByTestId(`eval-weight-${key}-${level}`);
const firstKeys = () => screen.queryAllByTestId("eval-first").map((li) => li.dataset.key);

describe("the evaluation framework", () => {
  it("is exported under its name and draws all three layers", () => {
    expect(Exported).toBe(EvalFramework);
    render(EvalFramework);
    const root = screen.getByTestId("eval-framework");
    expect(root.getAttribute("lang")).toBe("zh-CN");
    expect(within(screen.getByTestId("eval-layer-product")).getAllByRole("button")).toHaveLength(9);
    expect(within(screen.getByTestId("eval-layer-driver")).getAllByRole("button")).toHaveLength(3);
    expect(within(screen.getByTestId("eval-layer-safety")).getAllByRole("button")).toHaveLength(3);
    expect(screen.getByTestId("eval-layer-safety").textContent).toContain("一票否决");
    expect(box("factual").textContent).toContain("事实准确性");
    expect(screen.getByTestId("eval-detail-hint")).toBeTruthy();
    expect(screen.queryByTestId("eval-detail")).toBeNull();
  });

  it("opens a dimension's detail: what it asks, how to test it, the benchmarks", async () => {
    render(EvalFramework);
    expect(box("language").getAttribute("aria-expanded")).toBe("false");
    await fireEvent.click(box("language"));
    expect(box("language").getAttribute("aria-expanded")).toBe("true");
    const detail = screen.getByTestId("eval-detail");
    expect(box("language").getAttribute("aria-controls")).toBe(detail.parentElement!.id);
    expect(within(detail).getByRole("heading", { level: 4 }).textContent).toBe("语言理解（含中文）");
    expect(within(detail).getByTestId("eval-detail-ask").textContent).toBe(zh.ask.language);
    expect(within(detail).getByTestId("eval-detail-how").textContent).toBe(zh.how.language);
    expect(within(detail).getAllByTestId("eval-benchmark").map((li) => li.dataset.benchmark)).toEqual(["ceval", "cmmlu", "mmlu"]);
    expect(detail.textContent).toContain("C-Eval");
    expect(detail.textContent).toContain(zh.notWeighed);

    // Another box replaces it; speed has no benchmark and says why.
    await fireEvent.click(box("speed"));
    expect(box("language").getAttribute("aria-expanded")).toBe("false");
    expect(screen.getByTestId("eval-detail").dataset.key).toBe("speed");
    expect(screen.queryAllByTestId("eval-benchmark")).toHaveLength(0);
    expect(screen.getByTestId("eval-no-benchmark").textContent).toBe(zh.noBenchmark.speed);

    // Clicking the open box again closes it.
    await fireEvent.click(box("speed"));
    expect(screen.queryByTestId("eval-detail")).toBeNull();
  });

  it("opens drivers and safety checks too, with their own headings", async () => {
    render(EvalFramework);
    await fireEvent.click(box("training"));
    let detail = screen.getByTestId("eval-detail");
    expect(detail.textContent).toContain(zh.detailLabels.driver.how);
    expect(within(detail).getByTestId("eval-detail-weight").textContent).toContain(zh.driverWeight);
    await fireEvent.click(box("bias"));
    detail = screen.getByTestId("eval-detail");
    expect(within(detail).getAllByTestId("eval-benchmark").map((li) => li.dataset.benchmark)).toEqual(["bbq"]);
    expect(within(detail).getByTestId("eval-detail-weight").textContent).toContain(zh.safetyWeight);
    await fireEvent.click(box("privacy"));
    expect(screen.getByTestId("eval-no-benchmark").textContent).toContain("Carlini et al. 2021");
  });

  it("closes the detail on Escape or the close button, and gives focus back to the box", async () => {
    render(EvalFramework);
    box("factual").focus();
    await fireEvent.click(box("factual"));
    await fireEvent.keyDown(box("factual"), { key: "Escape" });
    expect(screen.queryByTestId("eval-detail")).toBeNull();
    expect(document.activeElement).toBe(box("factual"));

    await fireEvent.click(box("context"));
    await fireEvent.click(screen.getByTestId("eval-detail-close"));
    expect(screen.queryByTestId("eval-detail")).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(box("context"));
  });

  it("weighs a dimension, shows it on the diagram and in the priorities, and clears it", async () => {
    render(EvalFramework);
    expect(screen.getByTestId("eval-priorities-empty").textContent).toBe(zh.empty);
    expect(screen.getByTestId("eval-safety-line").textContent).toContain(zh.safetyAlways);

    await fireEvent.click(weightButton("factual", "must"));
    expect(weightButton("factual", "must").getAttribute("aria-pressed")).toBe("true");
    expect(weightButton("factual", "nice").getAttribute("aria-pressed")).toBe("false");
    expect(box("factual").dataset.weight).toBe("must");
    expect(box("factual").textContent).toContain("必须达标");
    expect(screen.getByTestId("eval-weighed").textContent).toBe("已定 1/9 项");
    expect(firstKeys()).toEqual(["factual"]);
    expect(screen.getByTestId("eval-first").textContent).toContain(zh.how.factual);
    expect(screen.getByTestId("eval-rest-unset").textContent).toContain("推理能力");

    // The detail shows the weight too.
    await fireEvent.click(box("factual"));
    expect(screen.getByTestId("eval-detail-weight").textContent).toBe(zh.weightNow("必须达标"));

    // A nice-to-have tops up the first list; a "does not matter" goes to the rest.
    await fireEvent.click(weightButton("speed", "nice"));
    await fireEvent.click(weightButton("humanlike", "none"));
    expect(firstKeys()).toEqual(["factual", "speed"]);
    expect(screen.getByTestId("eval-rest-none").textContent).toBe("拟人程度");

    await fireEvent.click(weightButton("factual", "must"));
    expect(weightButton("factual", "must").getAttribute("aria-pressed")).toBe("false");
    expect(box("factual").dataset.weight).toBe("");
    expect(firstKeys()).toEqual(["speed"]);
  });

  it("warns when everything is a must", async () => {
    render(EvalFramework);
    for (const key of ["language", "reasoning", "factual"]) await fireEvent.click(weightButton(key, "must"));
    expect(screen.queryByTestId("eval-too-many")).toBeNull();
    await fireEvent.click(weightButton("speed", "must"));
    expect(screen.getByTestId("eval-too-many").textContent).toBe(zh.tooMany(4));
    expect(firstKeys()).toEqual(["language", "reasoning", "factual", "speed"]);
  });

  it("applies example products, marks the one in use, and compares two pictures", async () => {
    render(EvalFramework);
    await fireEvent.click(screen.getByTestId("eval-preset-childrenStories"));
    expect(screen.getByTestId("eval-preset-childrenStories").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("eval-preset-note").textContent).toBe(zh.presetNote.childrenStories);
    expect(screen.getByTestId("eval-weighed").textContent).toBe("已定 9/9 项");
    expect(firstKeys()).toEqual(["language", "generation", "humanlike"]);
    expect(box("humanlike").dataset.weight).toBe("must");
    expect(box("reasoning").dataset.weight).toBe("none");
    for (const level of WEIGHT_LEVELS) {
      expect(weightButton("generation", level).getAttribute("aria-pressed")).toBe(String(level === "must"));
    }

    await fireEvent.click(screen.getByTestId("eval-preset-insuranceClaims"));
    expect(screen.getByTestId("eval-preset-childrenStories").getAttribute("aria-pressed")).toBe("false");
    expect(firstKeys()).toEqual(["reasoning", "factual", "robustness"]);
    expect(box("generation").dataset.weight).toBe("none");

    // Editing leaves the example behind.
    await fireEvent.click(weightButton("speed", "must"));
    expect(screen.getByTestId("eval-preset-insuranceClaims").getAttribute("aria-pressed")).toBe("false");
    expect(screen.queryByTestId("eval-preset-note")).toBeNull();

    await fireEvent.click(screen.getByTestId("eval-preset-clear"));
    expect(screen.getByTestId("eval-priorities-empty")).toBeTruthy();
    expect((screen.getByTestId("eval-preset-clear") as HTMLButtonElement).disabled).toBe(true);
  });

  it("speaks English when the app does", async () => {
    locale.lang = "en";
    render(EvalFramework);
    expect(screen.getByTestId("eval-framework").getAttribute("lang")).toBe("en");
    expect(screen.getByRole("heading", { name: "Evaluation framework" })).toBeTruthy();
    expect(weightButton("factual", "must").textContent).toBe("Must meet a bar");
    expect(weightButton("factual", "nice").textContent).toBe("Nice to have");
    expect(weightButton("factual", "none").textContent).toBe("Does not matter");
    await fireEvent.click(screen.getByTestId("eval-preset-knowledgeBase"));
    expect(screen.getByTestId("eval-preset-knowledgeBase").textContent).toBe("Internal knowledge-base Q&A");
    expect(firstKeys()).toEqual(["language", "factual", "context"]);
    await fireEvent.click(box("factual"));
    const detail = screen.getByTestId("eval-detail");
    expect(detail.textContent).toContain("TruthfulQA");
    expect(detail.textContent).toContain(en.ask.factual);
    expect(detail.textContent).toContain("Your weight: Must meet a bar");
    expect(screen.getByTestId("eval-safety-line").textContent).toContain("treated as a veto");
  });
});
