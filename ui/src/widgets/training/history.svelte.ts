import type { LabEvent, Sample, TrainingLab, TrainRequest } from "./api";
import { labStore } from "./lab.svelte";

/** One point of a curve; `loss` is null where the backend sent no finite number (a NaN). */
export type Point = { step: number; loss: number | null };

/** What a run's events said over time, beyond the newest numbers the shared store keeps. */
export interface RunHistory {
  firstTrain: Point | null;
  lastTrain: Point | null;
  /** The first update whose training loss was not a finite number. */
  nonFiniteAt: number | null;
  /** Validation loss at every evaluation, in step order. */
  val: Point[];
  /** The newest evaluations' samples, newest first (at most SAMPLE_SETS). */
  samples: { step: number; samples: Sample[] }[];
}

export const SAMPLE_SETS = 3;

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * Curves and samples of the runs started through `startRecorded`, by run id, kept for the whole
 * session so that a learner who leaves a lesson and comes back finds them (and the reading of
 * an experiment) still there. Also remembers which runs each widget started.
 */
class History {
  runs = $state<Record<string, RunHistory>>({});
  /** The run ids and series each widget started last, by widget name. */
  started = $state<Record<string, { ids: string[]; series: string | null; preset: string | null }>>({});

  record(event: LabEvent) {
    if (event.kind !== "train") return;
    const e = event.event;
    if (e.kind !== "step" && e.kind !== "evaluation") return;
    const h = (this.runs[event.runId] ??= { firstTrain: null, lastTrain: null, nonFiniteAt: null, val: [], samples: [] });
    if (e.kind === "step") {
      const loss = finite(e.trainLoss) ? e.trainLoss : null;
      if (loss === null && h.nonFiniteAt === null) h.nonFiniteAt = e.step;
      const point = { step: e.step, loss };
      if (!h.firstTrain) h.firstTrain = point;
      h.lastTrain = point;
    } else {
      h.val.push({ step: e.step, loss: finite(e.valLoss) ? e.valLoss : null });
      if (e.samples.length) h.samples = [{ step: e.step, samples: e.samples }, ...h.samples].slice(0, SAMPLE_SETS);
    }
  }
}

export const history = new History();

/**
 * Starts `requests` as the one training queue through the shared store, recording each run's
 * curve and samples on the way. Resolves with the runs' ids, or null (see `labStore.error`).
 */
export function startRecorded(lab: TrainingLab, requests: TrainRequest[]): Promise<string[] | null> {
  const tapped: TrainingLab = {
    design: (...args) => lab.design(...args),
    start: (reqs, onEvent) =>
      lab.start(reqs, (event) => {
        history.record(event);
        onEvent(event);
      }),
    pause: () => lab.pause(),
    resume: () => lab.resume(),
    stop: () => lab.stop(),
    listRuns: () => lab.listRuns(),
    chart: (ids, logScale, text) => lab.chart(ids, logScale, text),
    deleteRun: (id) => lab.deleteRun(id),
    exportRun: (id, format) => lab.exportRun(id, format),
  };
  return labStore.start(tapped, requests);
}
