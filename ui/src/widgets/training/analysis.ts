/**
 * Reading a finished experiment from its real numbers: did a run diverge, did its validation
 * loss turn up (overfitting), which run ended lowest. Pure functions: no Svelte, no DOM.
 */
import type { RunStatus, RunSummary } from "./api";
import type { Point, RunHistory } from "./history.svelte";

/** How far (nats) validation loss must climb above its lowest point to count as turning up. */
export const OVERFIT_RISE = 0.05;

export type Divergence = { kind: "nan"; step: number | null } | { kind: "rose"; first: number; last: number };
export type Overfit = { minStep: number; minLoss: number; laterStep: number; laterLoss: number };

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/**
 * The validation curve's lowest point and a later one at least `rise` above it: the last point
 * if it is still that high, else the highest after the lowest. Null when the curve never
 * turned up that much.
 */
export function detectOverfitting(val: Point[], rise = OVERFIT_RISE): Overfit | null {
  const points = val.filter((p): p is { step: number; loss: number } => finite(p.loss)).sort((a, b) => a.step - b.step);
  if (points.length < 3) return null;
  let min = 0;
  for (let i = 1; i < points.length; i++) if (points[i].loss < points[min].loss) min = i;
  const after = points.slice(min + 1);
  if (!after.length) return null;
  const last = after[after.length - 1];
  const peak = after.reduce((a, b) => (b.loss > a.loss ? b : a));
  const later = last.loss - points[min].loss >= rise ? last : peak;
  if (later.loss - points[min].loss < rise) return null;
  return { minStep: points[min].step, minLoss: points[min].loss, laterStep: later.step, laterLoss: later.loss };
}

/**
 * Divergence: a loss that stopped being a number, or a training loss that ended higher than it
 * started (a model that learns at all ends far below its first loss, near ln(vocabulary)).
 */
export function detectDivergence(first: number | null, last: number | null, nonFiniteAt: number | null): Divergence | null {
  if (nonFiniteAt !== null) return { kind: "nan", step: nonFiniteAt };
  if (finite(first) && finite(last) && last > first) return { kind: "rose", first, last };
  return null;
}

export interface Outcome {
  id: string;
  name: string;
  status: RunStatus;
  error: string | null;
  steps: number;
  firstTrain: number | null;
  lastTrain: number | null;
  /** The last validation loss and its step. */
  finalVal: number | null;
  finalValStep: number | null;
  diverged: Divergence | null;
  overfit: Overfit | null;
}

/**
 * One run's outcome from its record and, when this session watched it train, its curves.
 * Without curves the first training loss is taken as ln(vocabulary), where every run starts.
 */
export function outcomeOf(run: RunSummary, h?: RunHistory): Outcome {
  const firstTrain = h?.firstTrain?.loss ?? run.randomGuessLoss;
  const lastTrain = h?.lastTrain ? h.lastTrain.loss : run.trainLoss;
  let nonFiniteAt = h?.nonFiniteAt ?? null;
  const val = h?.val ?? [];
  const lastVal = val.at(-1);
  // A run that trained but reports no loss, or whose last validation was not a number, had one
  // that was not finite (serde writes NaN as null).
  if (nonFiniteAt === null && run.status !== "failed" && run.step > 0) {
    const valNotANumber = lastVal !== undefined && lastVal.loss === null;
    if (lastTrain === null || valNotANumber) nonFiniteAt = h?.lastTrain?.step ?? lastVal?.step ?? run.step;
  }
  const finalVal = lastVal ? lastVal.loss : run.valLoss;
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    error: run.error,
    steps: run.step,
    firstTrain: finite(firstTrain) ? firstTrain : null,
    lastTrain: finite(lastTrain) ? lastTrain : null,
    finalVal: finite(finalVal) ? finalVal : null,
    finalValStep: lastVal ? lastVal.step : finite(run.valLoss) ? run.step : null,
    diverged: run.status === "failed" ? null : detectDivergence(finite(firstTrain) ? firstTrain : null, lastTrain, nonFiniteAt),
    overfit: detectOverfitting(val),
  };
}

/** The run that ended with the lowest validation loss, among those that did not diverge. */
export function lowestRun(outcomes: Outcome[]): Outcome | null {
  let best: Outcome | null = null;
  for (const o of outcomes) {
    if (o.diverged || o.finalVal === null || o.status === "failed") continue;
    if (!best || o.finalVal < best.finalVal!) best = o;
  }
  return best;
}
