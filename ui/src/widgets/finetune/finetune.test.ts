import "../../generation/testSetup";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { tick } from "svelte";
import { locale } from "../../lib/i18n.svelte";
import { sftPrompt } from "../compare/compare";
import { GREEDY, MAX_TOKENS } from "../shared/generation";
import type { LabEvent, RunSummary, StepReport, TrainingLab, TrainRequest } from "../training/api";
import { labStore } from "../training/lab.svelte";
import type { Completion, Workbench } from "../workbench";
import FineTuneLora from "./FineTuneLora.svelte";
import { FineTuneLora as Exported, FINE_TUNE as ExportedSettings } from "./index";
import {
  FINE_TUNE,
  QUESTIONS,
  canAnswer,
  fineTuneRequests,
  formatMB,
  formatPercent,
  formatStepSeconds,
  hasEnded,
  latestPair,
  loraArithmetic,
  newSeries,
  roleOf,
  secondsPerStep,
} from "./finetune";

// ----- fakes ------------------------------------------------------------------------------

const TOTAL = 2_498_176;

function summary(id: string, request: TrainRequest, extra: Partial<RunSummary> = {}): RunSummary {
  const rank = request.job.kind === "fineTune" ? request.job.loraRank : null;
  return {
    id,
    name: request.name,
    series: request.series,
    kind: "fineTune",
    status: "running",
    createdAt: 1_764_370_000,
    step: 0,
    totalSteps: 120,
    trainLoss: null,
    valLoss: null,
    parameters: TOTAL,
    trainableParameters: rank === null ? TOTAL : 2 * rank * 128 * 18,
    trainingBytes: rank === null ? 44_870_000 : 14_620_000,
    tokensPerSecond: null,
    secondsPerStep: null,
    randomGuessLoss: Math.log(5120),
    samples: [],
    error: null,
    request,
    ...extra,
  };
}

function stepEvent(runId: string, step: number, trainLoss: number, elapsedSeconds: number): LabEvent {
  const report: StepReport = {
    step,
    totalSteps: 120,
    trainLoss,
    learningRate: 1e-3,
    gradNorm: 1,
    tokensSeen: step * 800,
    tokensPerSecond: 1400,
    etaSeconds: 30,
    elapsedSeconds,
  };
  return { kind: "train", runId, event: { kind: "step", ...report } };
}

const completion = (text: string): Completion => ({ prompt: [], generated: [], probabilities: [], text, firstCandidates: [], ended: true });

function fakeLab(ids: string[] = ["r-full", "r-lora"]) {
  const sent: TrainRequest[][] = [];
  let emit: (event: LabEvent) => void = () => {};
  const lab = {
    design: vi.fn<TrainingLab["design"]>(async () => {
      throw { message: "not here" };
    }),
    start: vi.fn<TrainingLab["start"]>(async (requests, onEvent) => {
      sent.push(requests);
      emit = onEvent;
      return ids;
    }),
    pause: vi.fn(async () => {}),
    resume: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    listRuns: vi.fn<TrainingLab["listRuns"]>(async () => []),
    chart: vi.fn<TrainingLab["chart"]>(async (chartIds) => `<svg data-ids="${chartIds.join(",")}"></svg>`),
    deleteRun: vi.fn(async () => {}),
    exportRun: vi.fn(async () => "/tmp/x.svg"),
  };
  return {
    lab,
    sent,
    /** Sends a lab event as the backend would, and lets the widget redraw. */
    async emit(event: LabEvent) {
      emit(event);
      await tick();
    },
  };
}

function fakeWorkbench() {
  return { complete: vi.fn<Workbench["complete"]>(async (model) => completion(`answer of ${model}`)) };
}

/** Every model asked so far, in order. */
const askedModels = (workbench: ReturnType<typeof fakeWorkbench>) => workbench.complete.mock.calls.map((c) => c[0]);

const text = (testid: string) => screen.getByTestId(testid).textContent ?? "";

async function startPair(fake: ReturnType<typeof fakeLab>) {
  await fireEvent.click(screen.getByTestId("finetune-start"));
  await waitFor(() => expect(fake.lab.start).toHaveBeenCalled());
  await tick();
}

/** Runs the full run to its end, then starts LoRA, as one queue does. */
async function finishFull(fake: ReturnType<typeof fakeLab>) {
  const [full] = fake.sent.at(-1)!;
  await fake.emit({ kind: "runStarted", run: summary("r-full", full) });
  await fake.emit(stepEvent("r-full", 120, 2.2, 68.4));
  await fake.emit({ kind: "runEnded", run: summary("r-full", full, { status: "finished", step: 120, trainLoss: 2.2, secondsPerStep: 0.57 }) });
}

async function finishLora(fake: ReturnType<typeof fakeLab>, status: "finished" | "failed" = "finished") {
  const [, lora] = fake.sent.at(-1)!;
  await fake.emit({ kind: "runStarted", run: summary("r-lora", lora) });
  await fake.emit(stepEvent("r-lora", 120, 2.5, 57.6));
  await fake.emit({
    kind: "runEnded",
    run: summary("r-lora", lora, status === "failed" ? { status, error: "out of memory" } : { status, step: 120, trainLoss: 2.5, secondsPerStep: 0.48 }),
  });
  await fake.emit({ kind: "queueEnded" });
}

beforeEach(() => {
  locale.lang = "en";
  // One queue for the whole app: start every test from an empty lab.
  labStore.runs = {};
  labStore.lastStep = {};
  labStore.queue = [];
  labStore.activeId = null;
  labStore.paused = false;
  labStore.error = null;
});

// ----- the widget -------------------------------------------------------------------------

describe("starting", () => {
  it("queues full fine-tuning and LoRA as one series that differ only in the method", async () => {
    const fake = fakeLab();
    render(Exported, { lab: fake.lab, workbench: fakeWorkbench() });
    await startPair(fake);

    expect(fake.lab.start).toHaveBeenCalledTimes(1);
    const [full, lora] = fake.sent[0];
    expect(fake.sent[0]).toHaveLength(2);
    expect(full.series).toMatch(/^ft-\d+$/);
    expect(lora.series).toBe(full.series);
    expect(full.name).toBe("full");
    expect(lora.name).toBe("LoRA r=8");
    expect(full.job).toEqual({ kind: "fineTune", base: "tiny", loraRank: null, steps: 120, batchSize: 8, peakLr: 1e-3, seed: 1 });
    expect(lora.job).toEqual({ kind: "fineTune", base: "tiny", loraRank: 8, steps: 120, batchSize: 8, peakLr: 3e-3, seed: 1 });
    // Everything but the method (which weights train, and the learning rate that goes with it) is equal.
    const rest = (r: TrainRequest) => {
      const { loraRank: _rank, peakLr: _lr, ...job } = r.job as Extract<TrainRequest["job"], { kind: "fineTune" }>;
      return { series: r.series, job };
    };
    expect(rest(lora)).toEqual(rest(full));
  });

  it("sends the rank the learner picked, and names the runs in their language", async () => {
    locale.lang = "zh";
    const fake = fakeLab();
    render(FineTuneLora, { lab: fake.lab, workbench: fakeWorkbench() });
    await fireEvent.click(screen.getAllByTestId("finetune-rank").find((c) => c.dataset.rank === "16")!);
    await startPair(fake);
    const [full, lora] = fake.sent[0];
    expect(full.name).toBe("全量");
    expect(lora.job).toMatchObject({ loraRank: 16 });
    expect(full.job).toMatchObject({ loraRank: null });
    expect(text("finetune-why")).toContain("2 × 16 × 128 = 4,096");
  });

  it("says why a start was refused and keeps the pair already on screen", async () => {
    const fake = fakeLab();
    const workbench = fakeWorkbench();
    render(FineTuneLora, { lab: fake.lab, workbench });
    await fireEvent.click(screen.getAllByTestId("finetune-question")[0]);
    await startPair(fake);
    await finishFull(fake);
    await finishLora(fake);
    await waitFor(() => expect(text("finetune-answer-lora")).toContain("answer of run:r-lora"));

    fake.lab.start.mockRejectedValueOnce({ message: "a training queue is already running" });
    await fireEvent.click(screen.getByTestId("finetune-start"));
    await waitFor(() => expect(screen.getByTestId("finetune-error").textContent).toContain("a training queue is already running"));
    // Said once, beside the button, not again in the controls.
    expect(screen.queryByTestId("training-error")).toBeNull();
    // Nothing lost: the columns, the rank and the answers are as they were; Start can be pressed again.
    expect(text("finetune-full-trainable")).toBe("2,498,176");
    expect(text("finetune-lora-trainable")).toBe("36,864");
    expect(text("finetune-answer-full")).toContain("answer of run:r-full");
    expect(text("finetune-answer-lora")).toContain("answer of run:r-lora");
    expect((screen.getByTestId("finetune-start") as HTMLButtonElement).disabled).toBe(false);

    // The next start clears the message.
    await fireEvent.click(screen.getByTestId("finetune-start"));
    await waitFor(() => expect(fake.lab.start).toHaveBeenCalledTimes(3));
    expect(screen.queryByTestId("finetune-error")).toBeNull();
  });

  it("cannot be started while a queue is training", async () => {
    const fake = fakeLab();
    render(FineTuneLora, { lab: fake.lab, workbench: fakeWorkbench() });
    await startPair(fake);
    const [full] = fake.sent[0];
    await fake.emit({ kind: "runStarted", run: summary("r-full", full) });
    expect((screen.getByTestId("finetune-start") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("finetune-start"));
    expect(fake.lab.start).toHaveBeenCalledTimes(1);
  });
});

describe("the two columns", () => {
  it("fill from the runs' summaries and step events", async () => {
    const fake = fakeLab();
    render(FineTuneLora, { lab: fake.lab, workbench: fakeWorkbench() });
    expect(screen.getByTestId("finetune-full").dataset.status).toBe("notStarted");
    await startPair(fake);
    expect(screen.getByTestId("finetune-lora").dataset.status).toBe("waiting");
    const [full, lora] = fake.sent[0];

    await fake.emit({ kind: "runStarted", run: summary("r-full", full) });
    expect(screen.getByTestId("finetune-full").dataset.status).toBe("running");
    expect(text("finetune-full-trainable")).toBe("2,498,176");
    expect(screen.getByTestId("finetune-full-trainable").dataset.value).toBe(String(TOTAL));
    expect(text("finetune-full-share")).toContain("100%");
    expect(text("finetune-full-memory")).toBe("44.9 MB");
    expect(text("finetune-full-per-step")).toBe("—");

    // Live from the step events: 6 s over 10 updates.
    await fake.emit(stepEvent("r-full", 10, 3.14159, 6));
    expect(text("finetune-full-per-step")).toBe("0.60 s");
    expect(text("finetune-full-loss")).toBe("3.14");
    expect(text("finetune-full-status")).toContain("step 10 of 120");
    expect(screen.getByTestId("finetune-full").textContent).toContain("Loss now");

    // The run's own median once it has ended.
    await fake.emit({ kind: "runEnded", run: summary("r-full", full, { status: "finished", step: 120, trainLoss: 2.2, secondsPerStep: 0.57 }) });
    expect(text("finetune-full-per-step")).toBe("0.57 s");
    expect(text("finetune-full-loss")).toBe("2.20");
    expect(screen.getByTestId("finetune-full").textContent).toContain("Final loss");

    await fake.emit({ kind: "runStarted", run: summary("r-lora", lora) });
    expect(screen.getByTestId("finetune-lora").dataset.status).toBe("running");
    expect(text("finetune-lora-trainable")).toBe("36,864");
    expect(text("finetune-lora-share")).toContain("1.5% of all 2,498,176");
    expect(text("finetune-lora-memory")).toBe("14.6 MB");
    expect(screen.getByTestId("finetune-lora").textContent).toContain("32.6% of full's");
    // LoRA's arithmetic from the run's real counts.
    const why = text("finetune-why");
    expect(why).toContain("2 × 8 × 128 = 2,048");
    expect(why).toContain("16,384");
    expect(why).toContain("12.5%");
    expect(why).toContain("18 matrices (6 layers × q, v, o): 1.5% of all 2,498,176");
  });

  it("overlays both runs' loss curves in one chart, once they have started", async () => {
    const fake = fakeLab();
    render(FineTuneLora, { lab: fake.lab, workbench: fakeWorkbench() });
    expect(screen.queryByTestId("training-chart")).toBeNull();
    await startPair(fake);
    await finishFull(fake);
    await waitFor(() => expect(fake.lab.chart).toHaveBeenLastCalledWith(["r-full"], false, expect.anything()));
    const [, lora] = fake.sent[0];
    await fake.emit({ kind: "runStarted", run: summary("r-lora", lora) });
    await waitFor(() => expect(fake.lab.chart).toHaveBeenLastCalledWith(["r-full", "r-lora"], false, expect.anything()));
    expect(screen.getAllByTestId("training-chart")).toHaveLength(1);
  });

  it("finds its pair again when the lesson is opened anew mid-run", async () => {
    const fake = fakeLab();
    const first = render(FineTuneLora, { lab: fake.lab, workbench: fakeWorkbench() });
    await startPair(fake);
    await finishFull(fake);
    first.unmount();

    render(FineTuneLora, { lab: fake.lab, workbench: fakeWorkbench() });
    expect(screen.getByTestId("finetune-full").dataset.status).toBe("finished");
    expect(text("finetune-full-per-step")).toBe("0.57 s");
    const [, lora] = fake.sent[0];
    await fake.emit({ kind: "runStarted", run: summary("r-lora", lora) });
    expect(text("finetune-lora-trainable")).toBe("36,864");
  });
});

describe("answers before and after", () => {
  it("asks tiny at once, and each run's model only once that run has ended", async () => {
    const fake = fakeLab();
    const workbench = fakeWorkbench();
    render(FineTuneLora, { lab: fake.lab, workbench });
    expect(workbench.complete).not.toHaveBeenCalled();

    const chip = screen.getAllByTestId("finetune-question").find((c) => c.dataset.question === "author")!;
    await fireEvent.click(chip);
    const prompt = sftPrompt("《静夜思》的作者是谁？");
    await waitFor(() => expect(text("finetune-answer-base")).toContain("answer of tiny"));
    expect(workbench.complete).toHaveBeenCalledWith("tiny", prompt, MAX_TOKENS, GREEDY);
    expect(screen.getByTestId("finetune-answer-full").dataset.status).toBe("idle");

    await startPair(fake);
    const [full] = fake.sent[0];
    await fake.emit({ kind: "runStarted", run: summary("r-full", full) });
    await fake.emit(stepEvent("r-full", 60, 2.6, 30));
    await fake.emit({ kind: "train", runId: "r-full", event: { kind: "paused", step: 60 } });
    expect(askedModels(workbench)).toEqual(["tiny"]);
    expect(text("finetune-answer-full")).toContain("finished");

    await fake.emit({ kind: "runEnded", run: summary("r-full", full, { status: "stopped", step: 60, trainLoss: 2.6 }) });
    await waitFor(() => expect(text("finetune-answer-full")).toContain("answer of run:r-full"));
    expect(workbench.complete).toHaveBeenLastCalledWith("run:r-full", prompt, MAX_TOKENS, GREEDY);
    expect(askedModels(workbench)).toEqual(["tiny", "run:r-full"]);

    await finishLora(fake);
    await waitFor(() => expect(text("finetune-answer-lora")).toContain("answer of run:r-lora"));
    expect(askedModels(workbench)).toEqual(["tiny", "run:r-full", "run:r-lora"]);

    // Another question goes to all three; an earlier one comes back without asking again.
    await fireEvent.click(screen.getAllByTestId("finetune-question").find((c) => c.dataset.question === "token")!);
    await waitFor(() => expect(workbench.complete).toHaveBeenCalledTimes(6));
    expect(workbench.complete.mock.calls.slice(3).map((c) => c[1])).toEqual(Array(3).fill(sftPrompt("What is a token?")));
    await fireEvent.click(chip);
    await tick();
    expect(workbench.complete).toHaveBeenCalledTimes(6);
    expect(text("finetune-answer-lora")).toContain("answer of run:r-lora");
  });

  it("asks no model of a failed run, and says why", async () => {
    const fake = fakeLab();
    const workbench = fakeWorkbench();
    render(FineTuneLora, { lab: fake.lab, workbench });
    await fireEvent.click(screen.getAllByTestId("finetune-question")[1]);
    await startPair(fake);
    await finishFull(fake);
    await finishLora(fake, "failed");
    await waitFor(() => expect(text("finetune-answer-full")).toContain("answer of run:r-full"));
    expect(askedModels(workbench)).not.toContain("run:r-lora");
    expect(screen.getByTestId("finetune-answer-lora").dataset.status).toBe("failed");
    expect(text("finetune-answer-lora")).toContain("out of memory");
    expect(screen.getByTestId("finetune-lora").dataset.status).toBe("failed");
  });

  it("shows a model's refusal in its own column and asks again when the question is picked again", async () => {
    const fake = fakeLab();
    const workbench = fakeWorkbench();
    workbench.complete.mockRejectedValueOnce({ message: "model is busy" });
    render(FineTuneLora, { lab: fake.lab, workbench });
    const chip = screen.getAllByTestId("finetune-question")[0];
    await fireEvent.click(chip);
    await waitFor(() => expect(text("finetune-answer-base")).toContain("model is busy"));
    await fireEvent.click(chip);
    await waitFor(() => expect(text("finetune-answer-base")).toContain("answer of tiny"));
  });
});

// ----- the plain functions ----------------------------------------------------------------

describe("the experiment's settings and arithmetic", () => {
  it("exports one settings table", () => {
    expect(ExportedSettings).toBe(FINE_TUNE);
    expect(FINE_TUNE.rankChoices).toEqual([4, 8, 16]);
  });

  it("builds the two requests from the table", () => {
    const [full, lora] = fineTuneRequests(4, "ft-1", "en");
    expect(roleOf({ request: full })).toBe("full");
    expect(roleOf({ request: lora })).toBe("lora");
    expect(lora.job).toMatchObject({ loraRank: 4, peakLr: FINE_TUNE.lora.peakLr });
    expect(newSeries(1234)).toBe("ft-1234");
  });

  it("finds the newest pair among the lab's runs, full and LoRA apart", () => {
    const [f1, l1] = fineTuneRequests(8, "ft-100", "en");
    const [f2, l2] = fineTuneRequests(8, "ft-200", "en");
    const runs: Record<string, RunSummary> = {
      a: summary("a", f1, { createdAt: 100 }),
      b: summary("b", l1, { createdAt: 101 }),
      c: summary("c", l2, { createdAt: 201 }),
      d: summary("d", f2, { createdAt: 200 }),
      e: { ...summary("e", f2, { createdAt: 300 }), series: "other", kind: "pretrain" },
    };
    expect(latestPair(runs)).toEqual({ series: "ft-200", ids: { full: "d", lora: "c" } });
    expect(latestPair({ a: runs.a })).toEqual({ series: "ft-100", ids: { full: "a", lora: null } });
    expect(latestPair({})).toBeNull();
  });

  it("knows which runs can answer", () => {
    expect(canAnswer("finished")).toBe(true);
    expect(canAnswer("stopped")).toBe(true);
    expect(canAnswer("failed")).toBe(false);
    expect(canAnswer("paused")).toBe(false);
    expect(hasEnded("failed")).toBe(true);
    expect(hasEnded("running")).toBe(false);
    expect(hasEnded(undefined)).toBe(false);
  });

  it("takes the run's seconds per step, else the average so far", () => {
    const last = { step: 10, elapsedSeconds: 6 } as StepReport;
    expect(secondsPerStep({ secondsPerStep: 0.57 }, last)).toBe(0.57);
    expect(secondsPerStep({ secondsPerStep: null }, last)).toBeCloseTo(0.6);
    expect(secondsPerStep(null, null)).toBeNull();
    expect(secondsPerStep(null, { step: 0, elapsedSeconds: 0 } as StepReport)).toBeNull();
  });

  it("works out LoRA's share as lesson 8 does", () => {
    const tiny = loraArithmetic(8, 128, 36_864, TOTAL);
    expect(tiny.perMatrix).toBe(2048);
    expect(tiny.matrix).toBe(16_384);
    expect(tiny.matrixShare).toBe(0.125);
    expect(tiny.matrices).toBe(18);
    expect(formatPercent(tiny.modelShare)).toBe("1.5%");
    // A large model: d = 4,096, r = 8, about 0.4% of each matrix.
    expect(formatPercent(loraArithmetic(8, 4096).matrixShare)).toBe("0.4%");
    expect(loraArithmetic(8, 128, 1000, TOTAL).matrices).toBeNull();
    expect(loraArithmetic(8, 128).modelShare).toBeNull();
  });

  it("formats shares, memory and step times", () => {
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0.326)).toBe("32.6%");
    expect(formatPercent(0.0004)).toBe("<0.1%");
    expect(formatPercent(null)).toBe("—");
    expect(formatMB(44_870_000)).toBe("44.9 MB");
    expect(formatMB(null)).toBe("—");
    expect(formatStepSeconds(0.571, "en")).toBe("0.57 s");
    expect(formatStepSeconds(12.34, "zh")).toBe("12.3 秒");
    expect(formatStepSeconds(null, "en")).toBe("—");
  });

  it("asks questions the bundled Q&A data covers, in its own formats", () => {
    const rows = readFileSync(resolve(process.cwd(), "../models/sft/qa.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { question: string });
    const questions = new Set(rows.map((r) => r.question));
    for (const q of QUESTIONS) {
      if (q.inData) expect(questions.has(q.text), q.text).toBe(true);
      else {
        expect(questions.has(q.text)).toBe(false);
        expect(rows.some((r) => /^《[^》]+》的作者是谁？$/.test(r.question))).toBe(true);
        expect(q.text).toMatch(/^《[^》]+》的作者是谁？$/);
      }
    }
  });
});
