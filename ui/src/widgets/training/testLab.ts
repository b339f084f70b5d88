/**
 * A stand-in for the training backend in the training widgets' tests: it records every call,
 * hands the queue's event callback to the test, and acts like the real lab where that matters
 * (pause, resume and stop send the events the backend sends; a second start is refused).
 */
import { vi } from "vitest";
import type { DesignReport, LabEvent, ModelDesign, RunSummary, TrainingLab, TrainRequest } from "./api";
import type { EvaluationReport } from "../../lib/generated/EvaluationReport";
import type { StepReport } from "../../lib/generated/StepReport";
import { labStore } from "./lab.svelte";
import { history } from "./history.svelte";

export const BASE_DESIGN: ModelDesign = { layers: 2, hidden: 64, heads: 4, context: 64, vocab: 5120 };

export function pretrainRequest(name = "run", series: string | null = null): TrainRequest {
  return {
    name,
    series,
    job: {
      kind: "pretrain",
      design: { ...BASE_DESIGN },
      data: { kind: "bundled", zhFraction: 0.5 },
      steps: 200,
      batchSize: 8,
      seqLen: 64,
      peakLr: 3e-3,
      seed: 1,
      evalInterval: 20,
      dataTokens: null,
      noise: 0,
    },
  };
}

export function summary(id: string, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    name: id,
    series: null,
    kind: "pretrain",
    status: "finished",
    createdAt: 1_764_000_000,
    step: 200,
    totalSteps: 200,
    trainLoss: 4.1,
    valLoss: 4.3,
    parameters: 410_000,
    trainableParameters: 410_000,
    trainingBytes: 8_000_000,
    tokensPerSecond: 5200,
    secondsPerStep: 0.1,
    randomGuessLoss: Math.log(5120),
    samples: [],
    error: null,
    request: pretrainRequest(id),
    ...over,
  };
}

export function stepEvent(runId: string, step: number, trainLoss: number, totalSteps = 200): LabEvent {
  const report: StepReport = {
    step,
    totalSteps,
    trainLoss,
    learningRate: 3e-3,
    gradNorm: 1,
    tokensSeen: step * 512,
    tokensPerSecond: 5000,
    etaSeconds: (totalSteps - step) * 0.1,
    elapsedSeconds: step * 0.1,
  };
  return { kind: "train", runId, event: { kind: "step", ...report } };
}

export function evalEvent(runId: string, step: number, valLoss: number, text = `sample at ${step}`): LabEvent {
  const report: EvaluationReport = {
    step,
    valLoss,
    languages: [
      { language: "zh", trainLoss: valLoss, valLoss, valTokens: 1000 },
      { language: "en", trainLoss: valLoss, valLoss, valTokens: 1000 },
    ],
    samples: [
      { language: "zh", prompt: "明月", text: `明月${text}` },
      { language: "en", prompt: "It is", text: `It is ${text}` },
    ],
  };
  return { kind: "train", runId, event: { kind: "evaluation", ...report } };
}

export class FakeLab implements TrainingLab {
  emit: (event: LabEvent) => void = () => {};
  /** The runs the fake has started, with the requests that made them. */
  started: { id: string; request: TrainRequest }[] = [];
  runs: RunSummary[] = [];
  busy = false;
  activeId: string | null = null;
  private counter = 0;

  design = vi.fn(async (design: ModelDesign, batchSize: number, seqLen: number, steps: number): Promise<DesignReport> => {
    const parameters = design.vocab * design.hidden + design.layers * 12 * design.hidden * design.hidden;
    return {
      problem: design.hidden % design.heads === 0 ? null : "the width must divide into the heads",
      parameters,
      embeddingParameters: design.vocab * design.hidden,
      weightBytes: parameters * 4,
      trainingBytes: parameters * 16,
      flopsPerToken: parameters * 6,
      measuredFlopsPerSecond: 1e10,
      stepOverheadSeconds: 0,
      secondsPerStep: (parameters * 6 * batchSize * seqLen) / 1e10,
      estimatedSeconds: ((parameters * 6 * batchSize * seqLen) / 1e10) * steps,
      tooSlow: false,
      tokenizerVocab: 5120,
    };
  });

  start = vi.fn(async (requests: TrainRequest[], onEvent: (event: LabEvent) => void): Promise<string[]> => {
    if (this.busy) throw { message: "a run is already in progress; stop it or wait for it to finish" };
    this.busy = true;
    this.emit = onEvent;
    const ids = requests.map((request) => {
      const id = `r${++this.counter}`;
      this.started.push({ id, request });
      return id;
    });
    return ids;
  });

  pause = vi.fn(async () => {
    if (this.activeId) this.emit({ kind: "train", runId: this.activeId, event: { kind: "paused", step: 1 } });
  });
  resume = vi.fn(async () => {
    if (this.activeId) this.emit({ kind: "train", runId: this.activeId, event: { kind: "resumed", step: 1 } });
  });
  stop = vi.fn(async () => {});
  listRuns = vi.fn(async (): Promise<RunSummary[]> => structuredClone(this.runs));
  chart = vi.fn(async (ids: string[], logScale: boolean) => `<svg data-ids="${ids.join(",")}" data-log="${logScale}"></svg>`);
  deleteRun = vi.fn(async (id: string) => {
    this.runs = this.runs.filter((r) => r.id !== id);
  });
  exportRun = vi.fn(async (id: string, format: string) => `/home/me/glassbox/exports/${id}.${format}`);

  /** Sends runStarted for a started run. */
  begin(id: string, over: Partial<RunSummary> = {}) {
    const request = this.started.find((s) => s.id === id)?.request ?? pretrainRequest(id);
    const run = summary(id, {
      name: request.name,
      series: request.series,
      status: "running",
      step: 0,
      trainLoss: null,
      valLoss: null,
      request,
      totalSteps: request.job.steps,
      ...over,
    });
    this.activeId = id;
    this.runs = [run, ...this.runs.filter((r) => r.id !== id)];
    this.emit({ kind: "runStarted", run });
    return run;
  }

  /** Sends runEnded with the run's final numbers. */
  end(id: string, over: Partial<RunSummary> = {}) {
    const current = labStore.runs[id] ?? this.runs.find((r) => r.id === id) ?? summary(id);
    const run = { ...JSON.parse(JSON.stringify(current)) as RunSummary, status: "finished" as const, ...over };
    this.activeId = null;
    this.runs = [run, ...this.runs.filter((r) => r.id !== id)];
    this.emit({ kind: "runEnded", run });
    return run;
  }

  finishQueue() {
    this.busy = false;
    this.activeId = null;
    this.emit({ kind: "queueEnded" });
  }
}

/** Puts the shared store back as a fresh app has it. */
export function resetStore() {
  labStore.runs = {};
  labStore.lastStep = {};
  labStore.queue = [];
  labStore.activeId = null;
  labStore.paused = false;
  labStore.error = null;
  labStore.version = 0;
  history.runs = {};
  history.started = {};
}
