import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { SamplingSettings } from "../../lib/generated/SamplingSettings";
import { sftPrompt } from "../compare/compare";
import type { TracedCompletion, Workbench } from "../workbench";
import { DomainGap, FalsePremise, Hallucination } from "./index";
import { fakeTraced } from "./fakes";
import { DOMAIN_GAP, FALSE_PREMISE, HALLUCINATION, PAIRS } from "./presets";
import { domainGapStrings, falsePremiseStrings, hallucinationStrings } from "./strings";
import { GREEDY } from "./traced";

type Call = [string, string, number, SamplingSettings];

/** A workbench answering after a tick with `answer(prompt, settings)`; counts requests open at once. */
function fakeWorkbench(answer: (prompt: string, settings: SamplingSettings) => TracedCompletion) {
  let open = 0;
  let mostOpen = 0;
  const tracedComplete = vi.fn(async (...[, prompt, , settings]: Call) => {
    open++;
    mostOpen = Math.max(mostOpen, open);
    await new Promise((r) => setTimeout(r, 1));
    open--;
    return answer(prompt, settings);
  });
  return { workbench: { tracedComplete } as Pick<Workbench, "tracedComplete">, tracedComplete, mostOpen: () => mostOpen };
}

/** A workbench whose answers the test hands out. */
function heldWorkbench() {
  const waiting: { resolve: (c: TracedCompletion) => void; reject: (e: unknown) => void }[] = [];
  const tracedComplete = vi.fn(() => new Promise<TracedCompletion>((resolve, reject) => waiting.push({ resolve, reject })));
  return {
    workbench: { tracedComplete } as Pick<Workbench, "tracedComplete">,
    tracedComplete,
    answer: (c: TracedCompletion) => waiting.shift()!.resolve(c),
    fail: (message: string) => waiting.shift()!.reject({ message }),
  };
}

const premiseSteps = [
  { text: "他", p: 0.3, e: 2.5 },
  { text: "在", p: 0.4, e: 2.0 },
  { text: "长安", p: 0.1, e: 4.5 },
  { text: "，", p: 0.95, e: 0.2 },
  { text: "见", p: 0.05, e: 5.1 },
  { text: "\n", p: 0.9, e: 0.4 },
];

beforeEach(() => {
  locale.lang = "zh";
});

describe("FalsePremise", () => {
  const zh = falsePremiseStrings.zh;

  it("continues a prepared opening greedily and marks the surest and most torn steps", async () => {
    const fake = fakeWorkbench((prompt) => fakeTraced(prompt, premiseSteps));
    render(FalsePremise, { workbench: fake.workbench, revealMs: 0 });
    expect(screen.getByText(zh.idle)).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "杜甫在长安开车的时候，" }));
    await screen.findByTestId("false-premise-surest");
    expect(fake.tracedComplete).toHaveBeenCalledWith(FALSE_PREMISE.model, "杜甫在长安开车的时候，", FALSE_PREMISE.maxTokens, GREEDY);
    // Six steps and the end-of-text token.
    expect(screen.getByTestId("false-premise-step-6").textContent).toContain(zh.endToken);
    expect(screen.getByTestId("false-premise-step-5").textContent).toContain("↵");
    expect(screen.getByTestId("false-premise-step-3").dataset.mark).toBe("surest");
    expect(screen.getByTestId("false-premise-step-4").dataset.mark).toBe("torn");
    expect(screen.getByTestId("false-premise-surest").textContent).toContain(zh.surestHelp);
    expect(screen.getByTestId("false-premise-most-torn").textContent).toContain("见");
    // The most torn step is selected; another click shows its candidates.
    expect(screen.getByTestId("false-premise-candidates").textContent).toContain("见");
    await fireEvent.click(screen.getByTestId("false-premise-step-2"));
    expect(screen.getByTestId("false-premise-candidates").textContent).toContain("长安");
    expect(screen.getByTestId("false-premise-detail").textContent).toContain("第 3 步");
    expect(screen.getByText(zh.noObjection)).toBeTruthy();
    expect(screen.getByText(zh.whyFalse("杜甫生活在唐代，那时没有汽车。"))).toBeTruthy();
  });

  it("samples with the seed given, and checks the seed", async () => {
    const fake = fakeWorkbench((prompt) => fakeTraced(prompt, premiseSteps));
    render(FalsePremise, { workbench: fake.workbench, revealMs: 0 });
    await fireEvent.click(screen.getByTestId("false-premise-sample"));
    await fireEvent.input(screen.getByTestId("false-premise-seed"), { target: { value: "x" } });
    await fireEvent.click(screen.getByTestId("false-premise-run"));
    expect(screen.getByTestId("false-premise-error").textContent).toBe(zh.badSeed);
    expect(fake.tracedComplete).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByTestId("false-premise-seed"), { target: { value: "7" } });
    await fireEvent.click(screen.getByTestId("false-premise-run"));
    await screen.findByTestId("false-premise-surest");
    expect(fake.tracedComplete.mock.calls[0][3]).toEqual({ temperature: 1, topK: 0, topP: 1, seed: 7 });
  });

  it("refuses empty and over-long openings without calling", async () => {
    const fake = fakeWorkbench((prompt) => fakeTraced(prompt, premiseSteps));
    render(FalsePremise, { workbench: fake.workbench, revealMs: 0 });
    const box = screen.getByTestId("false-premise-input");
    await fireEvent.input(box, { target: { value: "   " } });
    await fireEvent.click(screen.getByTestId("false-premise-run"));
    expect(screen.getByTestId("false-premise-error").textContent).toBe(zh.empty);
    await fireEvent.input(box, { target: { value: "好".repeat(4001) } });
    await fireEvent.keyDown(box, { key: "Enter" });
    expect(screen.getByTestId("false-premise-error").textContent).toBe(zh.tooLong(4000));
    expect(fake.tracedComplete).not.toHaveBeenCalled();
  });

  it("ignores a second click while busy, and keeps the last result when a call fails", async () => {
    const held = heldWorkbench();
    render(FalsePremise, { workbench: held.workbench, revealMs: 0 });
    const run = screen.getByTestId("false-premise-run") as HTMLButtonElement;
    await fireEvent.click(run);
    expect(run.disabled).toBe(true);
    await fireEvent.click(run);
    expect(held.tracedComplete).toHaveBeenCalledTimes(1);
    held.answer(fakeTraced("李白写《红楼梦》的时候，", premiseSteps));
    await screen.findByTestId("false-premise-surest");
    await fireEvent.click(run);
    held.fail("model missing");
    await waitFor(() => expect(screen.getByTestId("false-premise-error").textContent).toBe(zh.failed("model missing")));
    expect(screen.getByTestId("false-premise-step-0")).toBeTruthy();
    expect(run.disabled).toBe(false);
  });

  it("shows steps one by one, then the marks", async () => {
    const fake = fakeWorkbench((prompt) => fakeTraced(prompt, premiseSteps));
    render(FalsePremise, { workbench: fake.workbench, revealMs: 5 });
    await fireEvent.click(screen.getByTestId("false-premise-run"));
    await screen.findByTestId("false-premise-step-0");
    expect(screen.queryByTestId("false-premise-surest")).toBeNull();
    await screen.findByTestId("false-premise-surest", {}, { timeout: 2000 });
    expect(screen.getByTestId("false-premise-step-6")).toBeTruthy();
  });

  it("speaks English", async () => {
    locale.lang = "en";
    const fake = fakeWorkbench((prompt) => fakeTraced(prompt, [{ text: " he", p: 0.2, e: 3 }, { text: ",", p: 0.9, e: 0.3 }]));
    render(FalsePremise, { workbench: fake.workbench, revealMs: 0 });
    expect((screen.getByTestId("false-premise-input") as HTMLInputElement).value).toBe("Mr. Darcy's car broke down, so");
    await fireEvent.click(screen.getByTestId("false-premise-run"));
    await screen.findByTestId("false-premise-surest");
    expect(screen.getByText(falsePremiseStrings.en.surestTitle)).toBeTruthy();
    expect(screen.getByText(falsePremiseStrings.en.whyFalse("There were no cars in Austen's day."))).toBeTruthy();
    expect(screen.getByTestId("false-premise-step-0").textContent).toContain("·he");
  });
});

describe("Hallucination", () => {
  const zh = hallucinationStrings.zh;
  /** 《送李白居》的作者是李白。 with 李 at 21% at the name. */
  const answer = () =>
    fakeTraced("", [
      { text: "《", p: 0.8, e: 1 },
      { text: "送", p: 0.1, e: 4.2 },
      { text: "李白", p: 0.3, e: 3 },
      { text: "居", p: 0.2, e: 3.5 },
      { text: "》", p: 0.9, e: 0.5 },
      { text: "的", p: 0.95, e: 0.2 },
      { text: "作者", p: 0.97, e: 0.1 },
      { text: "是", p: 0.98, e: 0.1 },
      { text: "李", p: 0.21, e: 3.9, others: ["杜", "王", "柳"] },
      { text: "白", p: 0.06, e: 4.0 },
      { text: "。", p: 0.9, e: 0.4 },
    ]);

  it("answers a prepared question and spreads the key step's candidates", async () => {
    const fake = fakeWorkbench(() => answer());
    render(Hallucination, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("hallucination-question-jiangxue"));
    await screen.findByTestId("hallucination-answer");
    expect(fake.tracedComplete).toHaveBeenCalledWith(HALLUCINATION.model, sftPrompt("《江雪》的作者是谁？"), HALLUCINATION.maxTokens, GREEDY);
    expect(screen.getByTestId("hallucination-answer").textContent).toBe("《送李白居》的作者是李白。");
    // The step after 作者是 is preselected: 李, with 柳 (the start of 柳宗元) among its candidates.
    expect(screen.getByTestId("hallucination-step-8").getAttribute("aria-pressed")).toBe("true");
    const rows = screen.getByTestId("hallucination-candidates").querySelectorAll("li");
    expect([...rows].filter((r) => r.dataset.right === "true").map((r) => r.textContent)).toHaveLength(1);
    const mass = screen.getByTestId("hallucination-mass");
    expect(Number(mass.dataset.right)).toBeCloseTo(0.79 * 0.125);
    expect(mass.textContent).toContain("柳宗元");
    // Another step.
    await fireEvent.click(screen.getByTestId("hallucination-step-1"));
    expect(screen.getByTestId("hallucination-mass").textContent).toContain("第 2 步");
  });

  it("says all the mass is invented when no answer exists", async () => {
    const fake = fakeWorkbench(() => answer());
    render(Hallucination, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("hallucination-question-harbour-zh"));
    await screen.findByTestId("hallucination-mass");
    expect(screen.getByTestId("hallucination-mass").dataset.kind).toBe("absent");
    expect(screen.getByTestId("hallucination-mass").textContent).toContain("编出来的答案");
  });

  it("falls back to the most torn step when there is no author marker", async () => {
    const fake = fakeWorkbench(() => fakeTraced("", [{ text: "甲", p: 0.9, e: 0.5 }, { text: "乙", p: 0.1, e: 4 }], 0.2, false));
    render(Hallucination, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("hallucination-question-hongloumeng"));
    await screen.findByTestId("hallucination-mass");
    expect(screen.getByTestId("hallucination-step-1").getAttribute("aria-pressed")).toBe("true");
  });

  it("asks again with five seeds, one after another, and says whether they agree", async () => {
    const texts = ["《静夜思》的作者是李白。", "《静夜思》的作者是杜甫。", "《静夜思》的作者是李白。", "李白。", "《静夜思》的作者是王维。"];
    const fake = fakeWorkbench((_, settings) => (settings.temperature === 0 ? answer() : { ...answer(), text: texts[settings.seed - 1] }));
    render(Hallucination, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("hallucination-run"));
    await screen.findByTestId("hallucination-answer");
    await fireEvent.click(screen.getByTestId("hallucination-seeds"));
    await screen.findByTestId("hallucination-agreement");
    expect(fake.tracedComplete).toHaveBeenCalledTimes(6);
    expect(fake.mostOpen()).toBe(1);
    expect(fake.tracedComplete.mock.calls.slice(1).map((c) => c[3])).toEqual(
      [1, 2, 3, 4, 5].map((seed) => ({ temperature: 1, topK: 0, topP: 0.95, seed })),
    );
    const items = screen.getByTestId("hallucination-seed-answers").querySelectorAll("li");
    expect(items).toHaveLength(5);
    expect([...items].map((li) => li.dataset.right)).toEqual(["true", "false", "true", "true", "false"]);
    expect(screen.getByTestId("hallucination-agreement").textContent).toBe(zh.disagree(4, 5));
  });

  it("notes that agreeing answers can all be wrong", async () => {
    const fake = fakeWorkbench(() => answer());
    render(Hallucination, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("hallucination-question-jiangxue"));
    await screen.findByTestId("hallucination-answer");
    await fireEvent.click(screen.getByTestId("hallucination-seeds"));
    await screen.findByTestId("hallucination-agreement");
    expect(screen.getByTestId("hallucination-agreement").textContent).toBe(zh.agree(5) + zh.agreeWrong);
  });

  it("refuses an empty question, shows failures and keeps the answer", async () => {
    const held = heldWorkbench();
    render(Hallucination, { workbench: held.workbench });
    const box = screen.getByTestId("hallucination-input");
    await fireEvent.input(box, { target: { value: "" } });
    await fireEvent.click(screen.getByTestId("hallucination-run"));
    expect(screen.getByTestId("hallucination-error").textContent).toBe(zh.empty);
    expect(held.tracedComplete).not.toHaveBeenCalled();
    await fireEvent.input(box, { target: { value: "我自己的问题？" } });
    await fireEvent.click(screen.getByTestId("hallucination-run"));
    await fireEvent.click(screen.getByTestId("hallucination-run"));
    expect(held.tracedComplete).toHaveBeenCalledTimes(1);
    held.answer(answer());
    await screen.findByTestId("hallucination-answer");
    expect(screen.getByTestId("hallucination-truth").textContent).toContain(zh.truthOwn);
    await fireEvent.click(screen.getByTestId("hallucination-seeds"));
    held.fail("busy backend");
    await waitFor(() => expect(screen.getByTestId("hallucination-error").textContent).toBe(zh.failed("busy backend")));
    expect(screen.getByTestId("hallucination-answer").textContent).toBe("《送李白居》的作者是李白。");
    expect((screen.getByTestId("hallucination-seeds") as HTMLButtonElement).disabled).toBe(false);
  });

  it("speaks English", async () => {
    locale.lang = "en";
    const fake = fakeWorkbench(() => fakeTraced("", [{ text: "The", p: 0.5, e: 2 }, { text: " model", p: 0.2, e: 4 }]));
    render(Hallucination, { workbench: fake.workbench });
    expect((screen.getByTestId("hallucination-input") as HTMLInputElement).value).toBe("Who wrote the novel The Silent Harbour?");
    await fireEvent.click(screen.getByTestId("hallucination-run"));
    await screen.findByTestId("hallucination-mass");
    expect(screen.getByText(hallucinationStrings.en.truthTitle)).toBeTruthy();
    expect(screen.getByTestId("hallucination-mass").textContent).toContain("invented answers");
  });
});

describe("DomainGap", () => {
  const zh = domainGapStrings.zh;
  const answerFor = (prompt: string) =>
    prompt.includes("需求") || prompt.includes("roadmap")
      ? fakeTraced(prompt, [{ text: "之", p: 0.1, e: 4 }, { text: "子", p: 0.1, e: 5 }], 0.01)
      : fakeTraced(prompt, [{ text: "举", p: 0.8, e: 1 }, { text: "头", p: 0.9, e: 0.5 }], 0.1);

  it("reads both texts in turn and compares their perplexity", async () => {
    const fake = fakeWorkbench(answerFor);
    render(DomainGap, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("domain-gap-run"));
    await screen.findByTestId("domain-gap-verdict");
    expect(fake.mostOpen()).toBe(1);
    expect(fake.tracedComplete.mock.calls.map((c) => c[1])).toEqual([PAIRS[0].inside, PAIRS[0].outside]);
    expect(fake.tracedComplete.mock.calls[0]).toEqual([DOMAIN_GAP.model, PAIRS[0].inside, DOMAIN_GAP.maxTokens, GREEDY]);
    expect(Number(screen.getByTestId("domain-gap-perplexity-in").dataset.value)).toBeCloseTo(10);
    expect(Number(screen.getByTestId("domain-gap-perplexity-out").dataset.value)).toBeCloseTo(100);
    expect(screen.getByTestId("domain-gap-perplexity-out").textContent).toBe("100");
    expect(screen.getByTestId("domain-gap-verdict").textContent).toContain(zh.verdict("10", "0.60", "3.10"));
    expect(screen.getByTestId("domain-gap-pane-in").textContent).toContain("举");
    expect(screen.getByTestId("domain-gap-prompt-out-0").dataset.probability).toBe("0.01");
  });

  it("runs a pair when picked, and says when the unfamiliar text is not more perplexing", async () => {
    const fake = fakeWorkbench((prompt) => fakeTraced(prompt, [{ text: "a", p: 0.5, e: 1 }], prompt.includes("roadmap") ? 0.5 : 0.25));
    render(DomainGap, { workbench: fake.workbench });
    await fireEvent.click(screen.getByTestId("domain-gap-pair-austen-roadmap"));
    await screen.findByTestId("domain-gap-verdict");
    expect(fake.tracedComplete.mock.calls.map((c) => c[1])).toEqual([PAIRS[1].inside, PAIRS[1].outside]);
    expect(screen.getByTestId("domain-gap-verdict").textContent).toContain(zh.verdictLess("0.5"));
  });

  it("refuses an empty box, and keeps the panes when a call fails", async () => {
    const held = heldWorkbench();
    render(DomainGap, { workbench: held.workbench });
    await fireEvent.input(screen.getByTestId("domain-gap-input-out"), { target: { value: " " } });
    await fireEvent.click(screen.getByTestId("domain-gap-run"));
    expect(screen.getByTestId("domain-gap-error").textContent).toBe(zh.empty);
    expect(held.tracedComplete).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByTestId("domain-gap-input-out"), { target: { value: "如何写一份产品需求文档？" } });
    await fireEvent.click(screen.getByTestId("domain-gap-run"));
    await fireEvent.click(screen.getByTestId("domain-gap-run"));
    expect(held.tracedComplete).toHaveBeenCalledTimes(1);
    held.answer(answerFor("床"));
    await waitFor(() => expect(held.tracedComplete).toHaveBeenCalledTimes(2));
    held.answer(answerFor("需求"));
    await screen.findByTestId("domain-gap-verdict");
    await fireEvent.click(screen.getByTestId("domain-gap-run"));
    held.fail("gone");
    await waitFor(() => expect(screen.getByTestId("domain-gap-error").textContent).toBe(zh.failed("gone")));
    expect(screen.getByTestId("domain-gap-verdict")).toBeTruthy();
    expect(Number(screen.getByTestId("domain-gap-perplexity-out").dataset.value)).toBeCloseTo(100);
  });

  it("speaks English", async () => {
    locale.lang = "en";
    const fake = fakeWorkbench(answerFor);
    render(DomainGap, { workbench: fake.workbench });
    expect((screen.getByTestId("domain-gap-input-out") as HTMLTextAreaElement).value).toBe("How should we prioritise the roadmap?");
    await fireEvent.click(screen.getByTestId("domain-gap-run"));
    await screen.findByTestId("domain-gap-verdict");
    expect(screen.getByTestId("domain-gap-verdict").textContent).toContain("10× more perplexed");
  });
});
