/** Lesson 6's distillation widget without Svelte: which model is which, the numbers, the chart's geometry. */
import type { ValidationPoint } from "../../lib/generated/ValidationPoint";
import type { DistillationRun } from "../workbench";

/** The teacher when the runs cannot say (crates/train/configs/student-distilled.toml: models/tiny). */
export const DEFAULT_TEACHER = "tiny";
/** The pair's folder names (src-tauri/src/workbench.rs, DISTILLATION_RUNS). */
export const TEXT_STUDENT = "student";
export const DISTILLED_STUDENT = "student-distilled";

/** The two runs, word for word as the comments at the top of both config files give them. */
export const RERUN_COMMANDS = [
  "glassbox pretrain --config crates/train/configs/student.toml --out models/student",
  "glassbox pretrain --config crates/train/configs/student-distilled.toml --out models/student-distilled",
] as const;

/** How many tokens each model writes, greedy decoding, perplexity as written: as in the comparison widgets. */
export { GREEDY, MAX_TOKENS, formatPerplexity } from "../shared/generation";

export type Role = "teacher" | "text" | "distilled";

/** A run trained with a teacher is the distilled student; the other learnt from the text alone. */
export function roleOf(run: DistillationRun): "text" | "distilled" {
  return run.teacher !== null ? "distilled" : "text";
}

/**
 * The validation points in step order, one per step (a resumed run can log its last step twice;
 * the later row wins), without points that are not numbers.
 */
export function cleanCurve(points: ValidationPoint[]): ValidationPoint[] {
  const byStep = new Map<number, ValidationPoint>();
  for (const p of points) {
    if (Number.isFinite(p.step) && Number.isFinite(p.valLoss)) byStep.set(p.step, p);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** How the distilled student's loss compares with the text-only student's, as it reads to two decimals. */
export type Comparison = { kind: "lower" | "higher" | "same"; amount: number };

export function compareLoss(distilled: number, textOnly: number): Comparison {
  const difference = distilled - textOnly;
  const amount = Math.round(Math.abs(difference) * 100) / 100;
  if (amount === 0) return { kind: "same", amount: 0 };
  return { kind: difference < 0 ? "lower" : "higher", amount };
}

/** A loss in nats per token, as the widget writes it everywhere: two decimals. */
export function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toFixed(2) : "—";
}

/** A setting such as 2 or 0.5 without trailing zeros. */
export function formatSetting(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/**
 * Round tick values from `lo` to `hi`, about `target` of them, on a 1-2-5 step; the first
 * is at or below `lo` and the last at or above `hi`, so they can serve as the axis's ends.
 */
export function niceTicks(lo: number, hi: number, target: number): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi <= lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const first = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step - 1e-9 * step; v += step) {
    ticks.push(Math.round(v / step) * step);
    if (ticks.length > 50) break;
  }
  // Clean up floating-point dust (0.30000000000000004).
  return ticks.map((t) => Number(t.toPrecision(12)));
}

/** The fewest decimals that write every value exactly (at most 3). */
export function decimalsOf(values: number[]): number {
  for (let d = 0; d < 3; d++) if (values.every((v) => Math.abs(Number(v.toFixed(d)) - v) < 1e-9)) return d;
  return 3;
}

/** Roughly how wide a label is, in ems: a Chinese character takes one, a Latin letter or digit (bold) about 0.58. */
export function labelEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 1 : ch === " " ? 0.3 : 0.58;
  return ems;
}

/**
 * Spreads labels wanted at `wanted` (pixels, top to bottom in any order) so no two are closer than
 * `gap`, keeping them within [top, bottom] and as near their wish as that allows. Returns the
 * positions in the order given.
 */
export function spreadLabels(wanted: number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => Math.min(Math.max(o.y, top), bottom));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k], placed[k - 1] + gap);
  // Pushed past the bottom: slide the whole column back up.
  const overflow = placed.length > 0 ? placed[placed.length - 1] - bottom : 0;
  if (overflow > 0) {
    placed[placed.length - 1] -= overflow;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k], placed[k + 1] - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = placed[k]));
  return out;
}

/** One student's line as the chart draws it. */
export type Series = { model: string; role: "text" | "distilled"; points: ValidationPoint[]; label: string };

export type ChartInput = {
  series: Series[];
  /** The teacher's held-out mean loss, or null while it is unknown. */
  teacher: { value: number; label: string } | null;
  /** The last step of training, so the x axis spans the whole run. */
  steps: number;
  width: number;
  /** The chart's font size in pixels, which sets its margins. */
  em: number;
};

export type ChartLayout = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: { value: number; x: number }[];
  yTicks: { value: number; y: number }[];
  /** Decimals the y ticks need (0.5 → 1, 0.25 would be 2). */
  yDecimals: number;
  lines: { model: string; role: "text" | "distilled"; d: string; points: { step: number; valLoss: number; x: number; y: number }[] }[];
  teacherY: number | null;
  /** Line-end names: `anchorY` is where the line ends, `y` where its name sits, `endX` the line's end. */
  labels: { key: string; role: Role; text: string; y: number; anchorY: number; endX: number }[];
};

/** Places every mark of the chart for a given width. */
export function layoutChart(input: ChartInput): ChartLayout {
  const { em } = input;
  const labelTexts = [...input.series.map((s) => s.label), ...(input.teacher ? [input.teacher.label] : [])];
  const labelWidth = Math.max(4, ...labelTexts.map(labelEms)) * em;
  const width = Math.max(input.width, 18 * em);
  const height = Math.round(Math.min(Math.max(width * 0.55, 17 * em), 26 * em));
  const plot = {
    left: Math.round(3.2 * em),
    right: Math.round(width - labelWidth - 1.4 * em),
    top: Math.round(2.5 * em),
    bottom: Math.round(height - 3.2 * em),
  };

  const values = [
    ...input.series.flatMap((s) => s.points.map((p) => p.valLoss)),
    ...(input.teacher ? [input.teacher.value] : []),
  ].filter(Number.isFinite);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const pad = Math.max((hi - lo) * 0.06, 0.05);
  const yTickValues = niceTicks(lo - pad, hi + pad, Math.max(3, Math.min(6, Math.floor((plot.bottom - plot.top) / (2.4 * em)))));
  const yLo = yTickValues[0] ?? lo;
  const yHi = yTickValues[yTickValues.length - 1] ?? hi;
  const y = (v: number) => plot.bottom - ((v - yLo) / (yHi - yLo || 1)) * (plot.bottom - plot.top);

  const maxStep = Math.max(1, input.steps, ...input.series.flatMap((s) => s.points.map((p) => p.step)));
  const xTickCount = Math.max(2, Math.min(7, Math.floor((plot.right - plot.left) / (4.5 * em))));
  const xTickValues = niceTicks(0, maxStep, xTickCount).filter((v) => v <= maxStep);
  const x = (step: number) => plot.left + (step / maxStep) * (plot.right - plot.left);

  const lines = input.series.map((s) => {
    const points = s.points.map((p) => ({ step: p.step, valLoss: p.valLoss, x: x(p.step), y: y(p.valLoss) }));
    const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
    return { model: s.model, role: s.role, d, points };
  });
  const teacherY = input.teacher ? y(input.teacher.value) : null;

  const wanted: { key: string; role: Role; text: string; anchorY: number; endX: number }[] = [];
  input.series.forEach((s, i) => {
    const last = lines[i].points.at(-1);
    if (last) wanted.push({ key: s.model, role: s.role, text: s.label, anchorY: last.y, endX: last.x });
  });
  if (input.teacher && teacherY !== null)
    wanted.push({ key: "teacher", role: "teacher", text: input.teacher.label, anchorY: teacherY, endX: plot.right });
  const spread = spreadLabels(
    wanted.map((w) => w.anchorY),
    1.35 * em,
    plot.top,
    plot.bottom,
  );
  const labels = wanted.map((w, i) => ({ ...w, y: spread[i] }));

  return {
    width,
    height,
    plot,
    xTicks: xTickValues.map((value) => ({ value, x: x(value) })),
    yTicks: yTickValues.map((value) => ({ value, y: y(value) })),
    yDecimals: decimalsOf(yTickValues),
    lines,
    teacherY,
    labels,
  };
}
