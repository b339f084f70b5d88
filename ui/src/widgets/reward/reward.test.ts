import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { SamplingSettings } from "../../lib/generated/SamplingSettings";
import { sftPrompt } from "../compare/compare";
import type { Completion, Workbench } from "../workbench";
import RewardBestOfN from "./RewardBestOfN.svelte";
import { RewardBestOfN as Exported } from "./index";
import { BEST_OF_N, QUESTIONS } from "./bestofn";
import { RULES } from "./scorer";
import { rewardStrings } from "./strings";

const AUTHOR = "《静夜思》的作者是谁？";

function completion(text: string, ended: boolean): Completion {
  return { prompt: [], generated: [], probabilities: [], text, firstCandidates: [], ended };
}

/** Four answers to the author question and their scores by the rules: 5, 0, 3, 5; then an empty one, −1. */
const ANSWERS: [string, boolean][] = [
  ["《静夜思》的作者是杜甫。", true],
  ["不知何处，不知何处，不知何处", false],
  ["李白。", true],
  ["《静夜思》的作者是李白。", true],
];
const SCORES = [5, 0, 3, 5];

/** Answer i of round r is ANSWERS[(i + r) % 4] for i < 4, and empty after: every round's best scores 5. */
function answerFor(seed: number): Completion {
  const round = Math.floor(seed / 100) - 1;
  const i = seed % 100;
  if (i >= 4) return completion("", true);
  const [text, ended] = ANSWERS[(i + round) % 4];
  return completion(text, ended);
}

type Call = [string, string, number, SamplingSettings];

/** A workbench that answers after a tick and records how many requests were open at once. */
function fakeWorkbench() {
  let open = 0;
  let mostOpen = 0;
  const complete = vi.fn(async (...[, , , settings]: Call) => {
    open++;
    mostOpen = Math.max(mostOpen, open);
    await new Promise((r) => setTimeout(r, 1));
    open--;
    return answerFor(settings.seed);
  });
  return { workbench: { complete } as Pick<Workbench, "complete">, complete, mostOpen: () => mostOpen };
}

/** A workbench whose answers the test hands out one at a time. */
function heldWorkbench() {
  const waiting: { seed: number; resolve: (c: Completion) => void; reject: (e: unknown) => void }[] = [];
  const complete = vi.fn(
    (...[, , , settings]: Call) => new Promise<Completion>((resolve, reject) => waiting.push({ seed: settings.seed, resolve, reject })),
  );
  return {
    workbench: { complete } as Pick<Workbench, "complete">,
    complete,
    answerNext() {
      const next = waiting.shift()!;
      next.resolve(answerFor(next.seed));
    },
    failNext(message: string) {
      waiting.shift()!.reject({ message });
    },
  };
}

const samples = () => screen.getAllByTestId("reward-sample");
const run = () => fireEvent.click(screen.getByTestId("reward-run"));
const zh = rewardStrings.zh;
const en = rewardStrings.en;

beforeEach(() => {
  locale.lang = "zh";
});

describe("reward-best-of-n", () => {
  it("is exported under its registry name's component", () => {
    expect(Exported).toBe(RewardBestOfN);
  });

  it("shows every rule with its points, and says a real reward model is a trained network", () => {
    render(RewardBestOfN, { workbench: fakeWorkbench().workbench });
    expect(screen.getByTestId("reward-best-of-n")).toBeTruthy();
    const rows = within(screen.getByTestId("reward-rules")).getAllByRole("row").slice(1);
    expect(rows.map((r) => [r.dataset.rule, Number(r.dataset.points)])).toEqual(RULES.map((r) => [r.id, r.points]));
    expect(rows[0].textContent).toContain(zh.rule.ended);
    expect(rows[0].textContent).toContain("+2");
    expect(rows[5].textContent).toContain("\u22123");
    expect(screen.getByTestId("reward-stand-in").textContent).toContain("神经网络");
  });

  it("starts with the first Chinese question, n = 4, Stop disabled and nothing asked", () => {
    const fake = fakeWorkbench();
    render(RewardBestOfN, { workbench: fake.workbench });
    expect((screen.getByTestId("reward-question") as HTMLInputElement).value).toBe(AUTHOR);
    const pressed = screen.getAllByTestId("reward-n").find((b) => b.getAttribute("aria-pressed") === "true");
    expect(pressed?.dataset.n).toBe(String(BEST_OF_N.defaultN));
    expect((screen.getByTestId("reward-stop") as HTMLButtonElement).disabled).toBe(true);
    expect(fake.complete).not.toHaveBeenCalled();
    expect(screen.queryAllByTestId("reward-sample")).toHaveLength(0);
  });

  it("samples rounds of n from tiny-sft one after another, each with its own seed", async () => {
    const fake = fakeWorkbench();
    render(RewardBestOfN, { workbench: fake.workbench });
    await run();
    await waitFor(() => expect(screen.getByTestId("reward-status").textContent).toBe(zh.finished(12)));
    expect(fake.complete).toHaveBeenCalledTimes(12);
    expect(fake.mostOpen()).toBe(1);
    const calls = fake.complete.mock.calls as unknown as Call[];
    for (const [model, prompt, maxTokens, settings] of calls) {
      expect(model).toBe("tiny-sft");
      expect(prompt).toBe(sftPrompt(AUTHOR));
      expect(maxTokens).toBe(BEST_OF_N.maxTokens);
      expect(settings).toMatchObject({ temperature: 1, topK: 0, topP: 0.95 });
    }
    expect(calls.map((c) => c[3].seed)).toEqual([100, 101, 102, 103, 200, 201, 202, 203, 300, 301, 302, 303]);
  });

  it("scores each answer, shows the rules it met, and highlights the highest, the earlier on a tie", async () => {
    render(RewardBestOfN, { workbench: fakeWorkbench().workbench });
    await run();
    await waitFor(() => expect(screen.getByTestId("reward-status").textContent).toBe(zh.finished(12)));
    // The last round is on show: answers 2, 3, 0, 1 of the list.
    await fireEvent.click(screen.getAllByTestId("reward-round")[0]);
    expect(samples().map((s) => Number(s.dataset.score))).toEqual(SCORES);
    expect(samples().map((s) => s.dataset.chosen)).toEqual(["true", "false", "false", "false"]);
    expect(within(samples()[0]).getByText(zh.chosen)).toBeTruthy();
    const looped = samples()[1];
    expect([...looped.querySelectorAll("[data-rule]")].map((e) => (e as HTMLElement).dataset.rule)).toEqual(["length", "language", "repeats"]);
    expect(looped.textContent).toContain("不知何处");
    expect(looped.textContent).toContain(zh.limit(BEST_OF_N.maxTokens));

    await fireEvent.click(screen.getAllByTestId("reward-round")[1]);
    expect(samples().map((s) => Number(s.dataset.score))).toEqual([0, 3, 5, 5]);
    expect(samples().map((s) => s.dataset.chosen)).toEqual(["false", "false", "true", "false"]);
    // The blind spot, with the fact to check it against.
    expect(screen.getByTestId("reward-gaming").textContent).toContain(QUESTIONS[0].check.zh);
  });

  it("shows each answer as it arrives, marks the best so far, and follows the round being written", async () => {
    const held = heldWorkbench();
    render(RewardBestOfN, { workbench: held.workbench });
    await run();
    expect(held.complete).toHaveBeenCalledTimes(1);
    expect(samples().map((s) => s.dataset.status)).toEqual(["busy", "idle", "idle", "idle"]);
    held.answerNext();
    await waitFor(() => expect(samples()[0].dataset.status).toBe("done"));
    expect(held.complete).toHaveBeenCalledTimes(2);
    expect(samples()[0].dataset.chosen).toBe("true");
    expect(within(samples()[0]).getByText(zh.bestSoFar)).toBeTruthy();
    for (let k = 0; k < 3; k++) {
      held.answerNext();
      await waitFor(() => expect(held.complete).toHaveBeenCalledTimes(k + 3));
    }
    // Round 2 is being written and on show.
    await waitFor(() => expect(screen.getAllByTestId("reward-round")[1].getAttribute("aria-pressed")).toBe("true"));
    expect(screen.getByTestId("reward-status").textContent).toBe(zh.progress(2, 3, 1, 4));
  });

  it("stops when asked: no more requests, what was written stays, the rest is marked unwritten", async () => {
    const held = heldWorkbench();
    render(RewardBestOfN, { workbench: held.workbench });
    await run();
    held.answerNext();
    await waitFor(() => expect(held.complete).toHaveBeenCalledTimes(2));
    const stop = screen.getByTestId("reward-stop") as HTMLButtonElement;
    expect(stop.disabled).toBe(false);
    await fireEvent.click(stop);
    held.answerNext(); // the request already in flight comes back, and is dropped
    await new Promise((r) => setTimeout(r, 5));
    expect(held.complete).toHaveBeenCalledTimes(2);
    expect(samples().map((s) => s.dataset.status)).toEqual(["done", "idle", "idle", "idle"]);
    expect(samples()[1].textContent).toContain(zh.notWritten);
    expect(screen.getByTestId("reward-status").textContent).toBe(zh.stopped(1, 12));
    expect((screen.getByTestId("reward-run") as HTMLButtonElement).disabled).toBe(false);
    expect(stop.disabled).toBe(true);
  });

  it("reports a failed request and stops the run", async () => {
    const held = heldWorkbench();
    render(RewardBestOfN, { workbench: held.workbench });
    await run();
    held.failNext("model tiny-sft not found");
    const error = await screen.findByTestId("reward-error");
    expect(error.textContent).toBe(zh.failed("model tiny-sft not found"));
    expect(held.complete).toHaveBeenCalledTimes(1);
    expect(samples()[0].dataset.status).toBe("failed");
    expect((screen.getByTestId("reward-run") as HTMLButtonElement).disabled).toBe(false);
  });

  it("asks for a question before sampling", async () => {
    const fake = fakeWorkbench();
    render(RewardBestOfN, { workbench: fake.workbench });
    await fireEvent.input(screen.getByTestId("reward-question"), { target: { value: "   " } });
    await run();
    expect(screen.getByTestId("reward-error").textContent).toBe(zh.emptyQuestion);
    expect(fake.complete).not.toHaveBeenCalled();
  });

  it("compares every answer with the chosen ones, and remembers the average for each n", async () => {
    const fake = fakeWorkbench();
    render(RewardBestOfN, { workbench: fake.workbench });
    const dist = () => screen.getByTestId("reward-distribution");
    expect(dist().textContent).toContain(zh.distWaiting);
    await run();
    await waitFor(() => expect(screen.getByTestId("reward-status").textContent).toBe(zh.finished(12)));
    const value = (metric: string, group: string) =>
      Number(dist().querySelector(`[data-metric="${metric}"] [data-group="${group}"] .value`)!.getAttribute("data-value"));
    expect(value("score", "all")).toBeCloseTo(3.25);
    expect(value("score", "chosen")).toBe(5);
    expect(value("ended", "all")).toBe(0.75);
    expect(value("ended", "chosen")).toBe(1);
    expect(value("repeats", "all")).toBe(0.25);
    expect(value("repeats", "chosen")).toBe(0);
    expect(screen.getByTestId("reward-summary").textContent).toContain(zh.distSummary("+3.3", "+5.0", 4));
    const byN = () => screen.getAllByTestId("reward-by-n");
    expect(byN().map((r) => r.dataset.value)).toEqual(["", "5", ""]);

    // n = 8 reuses the four answers per round already written: only the new seeds are asked for.
    await fireEvent.click(screen.getAllByTestId("reward-n").find((b) => b.dataset.n === "8")!);
    await waitFor(() => expect(screen.getByTestId("reward-status").textContent).toBe(zh.finished(24)));
    expect(fake.complete).toHaveBeenCalledTimes(24);
    const later = (fake.complete.mock.calls as unknown as Call[]).slice(12).map((c) => c[3].seed);
    expect(later).toEqual([104, 105, 106, 107, 204, 205, 206, 207, 304, 305, 306, 307]);
    expect(samples()).toHaveLength(8);
    // Four empty answers a round (−1 each) pull the unselected average down; the chosen stay at 5.
    expect(value("score", "all")).toBeCloseTo((39 - 12) / 24);
    expect(byN().map((r) => r.dataset.value)).toEqual(["", "5", "5"]);

    await fireEvent.click(screen.getAllByTestId("reward-n").find((b) => b.dataset.n === "1")!);
    await waitFor(() => expect(screen.getByTestId("reward-status").textContent).toBe(zh.finished(3)));
    expect(fake.complete).toHaveBeenCalledTimes(24);
    expect(screen.getByTestId("reward-summary").textContent).toContain(zh.distOne);
    // n = 1 sees answer 0 of each round: scores 5, 0, 3.
    expect(byN()[0].dataset.value).toBe(String(8 / 3));
  });

  it("runs a preset question when its chip is picked", async () => {
    const fake = fakeWorkbench();
    render(RewardBestOfN, { workbench: fake.workbench });
    const chip = screen.getAllByTestId("reward-preset").find((c) => c.dataset.question === "token")!;
    await fireEvent.click(chip);
    expect((screen.getByTestId("reward-question") as HTMLInputElement).value).toBe("What is a token?");
    await waitFor(() => expect(fake.complete).toHaveBeenCalled());
    expect((fake.complete.mock.calls[0] as unknown as Call)[1]).toBe(sftPrompt("What is a token?"));
  });

  it("scores an answer the learner writes, and shows one that games the rules", async () => {
    render(RewardBestOfN, { workbench: fakeWorkbench().workbench });
    await fireEvent.input(screen.getByTestId("reward-try"), { target: { value: "李白。" } });
    expect(screen.getByTestId("reward-try-score").dataset.score).toBe("3");
    expect(screen.queryByTestId("reward-try-full")).toBeNull();
    await fireEvent.click(screen.getByTestId("reward-try-example"));
    expect((screen.getByTestId("reward-try") as HTMLInputElement).value).toBe(QUESTIONS[0].gamed);
    expect(screen.getByTestId("reward-try-score").dataset.score).toBe("5");
    expect(screen.getByTestId("reward-try-full").textContent).toBe(zh.tryFull);
  });

  it("speaks English when the learner chose English, starting from the English question", async () => {
    locale.lang = "en";
    render(RewardBestOfN, { workbench: fakeWorkbench().workbench });
    expect((screen.getByTestId("reward-question") as HTMLInputElement).value).toBe("What is a token?");
    expect(screen.getByTestId("reward-run").textContent?.trim()).toBe(en.run);
    expect(screen.getByTestId("reward-rules").textContent).toContain(en.rule.repeats);
    expect(screen.getByTestId("reward-best-of-n").getAttribute("lang")).toBe("en");
  });
});
