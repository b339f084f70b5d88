/**
 * Lesson 8's full-vs-LoRA experiment as plain data and functions: the two runs' settings, the
 * questions asked before and after, and the arithmetic of LoRA's share. No Svelte here.
 */
import type { Lang } from "../../lib/generated/Lang";
import type { RunStatus, RunSummary, StepReport, TrainRequest } from "../training/api";

/**
 * The two runs, equal in everything but the method: full fine-tuning updates every weight;
 * LoRA freezes them and trains rank-r adapters, with the higher learning rate LoRA is usually
 * given (the CLI's defaults: 0.001 full, 0.003 LoRA). Tune here.
 */
export const FINE_TUNE = {
  /** The bundled model both runs start from. */
  base: "tiny",
  /** Its width d (models/tiny/config.json), for LoRA's 2·r·d against d². */
  baseWidth: 128,
  steps: 120,
  batchSize: 8,
  seed: 1,
  full: { peakLr: 1e-3, name: { zh: "全量", en: "full" } },
  lora: { peakLr: 3e-3, name: (rank: number) => `LoRA r=${rank}` },
  rankChoices: [4, 8, 16],
  defaultRank: 8,
} as const;

/** The series the two runs share: `ft-` and the time they were started. */
export function newSeries(now: number = Date.now()): string {
  return `ft-${now}`;
}

/** Full fine-tuning first, then LoRA of `rank`, as one queue. */
export function fineTuneRequests(rank: number, series: string, lang: Lang): [TrainRequest, TrainRequest] {
  const common = { kind: "fineTune" as const, base: FINE_TUNE.base, steps: FINE_TUNE.steps, batchSize: FINE_TUNE.batchSize, seed: FINE_TUNE.seed };
  return [
    { name: FINE_TUNE.full.name[lang], series, job: { ...common, loraRank: null, peakLr: FINE_TUNE.full.peakLr } },
    { name: FINE_TUNE.lora.name(rank), series, job: { ...common, loraRank: rank, peakLr: FINE_TUNE.lora.peakLr } },
  ];
}

export type Role = "full" | "lora";

export function roleOf(run: Pick<RunSummary, "request">): Role | null {
  const job = run.request.job;
  if (job.kind !== "fineTune") return null;
  return job.loraRank === null ? "full" : "lora";
}

export function rankOf(run: Pick<RunSummary, "request"> | null | undefined): number | null {
  const job = run?.request.job;
  return job?.kind === "fineTune" ? job.loraRank : null;
}

/**
 * The newest pair this widget started in this session, found again among the lab's runs (a
 * learner who leaves the lesson mid-run comes back to it): the newest `ft-` series, full first.
 */
export function latestPair(runs: Record<string, RunSummary>): { series: string; ids: { full: string | null; lora: string | null } } | null {
  let newest: RunSummary | null = null;
  for (const run of Object.values(runs)) {
    if (!run.series?.startsWith("ft-") || run.kind !== "fineTune") continue;
    if (!newest || run.createdAt > newest.createdAt || (run.createdAt === newest.createdAt && run.series > newest.series!)) newest = run;
  }
  if (!newest) return null;
  const series = newest.series!;
  const ids: { full: string | null; lora: string | null } = { full: null, lora: null };
  for (const run of Object.values(runs)) {
    if (run.series !== series) continue;
    const role = roleOf(run);
    if (role) ids[role] = run.id;
  }
  return { series, ids };
}

export function hasEnded(status: RunStatus | undefined): boolean {
  return status === "finished" || status === "stopped" || status === "failed";
}

/** A run whose model can answer: finished, or stopped (its checkpoint holds the last update). */
export function canAnswer(status: RunStatus | undefined): boolean {
  return status === "finished" || status === "stopped";
}

/** Seconds per update: the run's own median once it reports one, else the average so far. */
export function secondsPerStep(run: Pick<RunSummary, "secondsPerStep"> | null | undefined, last: StepReport | null | undefined): number | null {
  if (run?.secondsPerStep != null && Number.isFinite(run.secondsPerStep)) return run.secondsPerStep;
  if (last && last.step > 0 && last.elapsedSeconds > 0) return last.elapsedSeconds / last.step;
  return null;
}

/**
 * LoRA's arithmetic for a d × d matrix and rank r: the two thin matrices' 2·r·d parameters
 * against the matrix's d²; and, given a run's trainable and total counts, how many adapted
 * matrices that makes (when it divides evenly) and the share of the whole model.
 */
export function loraArithmetic(rank: number, width: number, trainable?: number | null, total?: number | null) {
  const perMatrix = 2 * rank * width;
  const matrix = width * width;
  const matrices = trainable && trainable % perMatrix === 0 ? trainable / perMatrix : null;
  return {
    perMatrix,
    matrix,
    matrixShare: perMatrix / matrix,
    matrices,
    modelShare: trainable && total ? trainable / total : null,
  };
}

/** A share as a percentage with one decimal, none when it is whole: "1.5%", "12.5%", "100%". */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  const p = share * 100;
  if (p > 0 && p < 0.1) return "<0.1%";
  return `${p.toFixed(1).replace(/\.0$/, "")}%`;
}

/** Bytes in MB, as the lesson writes memory: "40.2 MB". */
export function formatMB(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Seconds per step: "0.42 s" / "0.42 秒". */
export function formatStepSeconds(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const text = seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1);
  return `${text} ${lang === "zh" ? "秒" : "s"}`;
}

/**
 * The questions asked before and after, in the Q&A data's own formats (models/sft/qa.jsonl):
 * a Tang poem's author (this poem is not in the data, its form is), a Song ci to a tune, and
 * two of the course's concept questions, one in each language.
 */
export const QUESTIONS = [
  { key: "author", text: "《静夜思》的作者是谁？", inData: false },
  { key: "ci", text: "写一首《浣溪沙》。", inData: true },
  { key: "lora", text: "什么是LoRA？", inData: true },
  { key: "token", text: "What is a token?", inData: true },
] as const;

export type QuestionKey = (typeof QUESTIONS)[number]["key"];
