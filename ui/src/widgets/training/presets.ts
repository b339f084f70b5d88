/**
 * The settings the training widgets offer, in one place to tune after measuring: lesson 9's
 * preset experiments and the custom knobs' choices, and lesson 7's model sizes, lengths and
 * learning rates. Pure data and functions: no Svelte, no DOM.
 */
import type { ModelDesign, TrainJob, TrainRequest } from "./api";

export type PretrainJob = Extract<TrainJob, { kind: "pretrain" }>;

/** The bundled tokenizer's vocabulary, until the backend's design report says otherwise. */
export const DEFAULT_VOCAB = 5120;

/** Lesson 9's base configuration: every experiment changes one of these and keeps the rest. */
export const BASE_JOB: PretrainJob = {
  kind: "pretrain",
  design: { layers: 2, hidden: 64, heads: 4, context: 64, vocab: DEFAULT_VOCAB },
  data: { kind: "bundled", zhFraction: 0.5 },
  steps: 200,
  batchSize: 8,
  seqLen: 64,
  peakLr: 3e-3,
  seed: 1,
  evalInterval: 20,
  dataTokens: null,
  noise: 0,
};

// ----- lesson 9: one knob at a time --------------------------------------------------------

export type Knob = "lr" | "size" | "dataTokens" | "steps" | "noise";
export const KNOBS: Knob[] = ["lr", "size", "dataTokens", "steps", "noise"];

/** A model's shape as the size knob sets it (context and vocabulary stay the base's). */
export type Size = Pick<ModelDesign, "layers" | "hidden" | "heads">;

/** One value of one knob. `dataTokens: null` is all of the bundled corpus. */
export type Setting =
  | { knob: "lr"; value: number }
  | { knob: "size"; value: Size }
  | { knob: "dataTokens"; value: number | null }
  | { knob: "steps"; value: number }
  | { knob: "noise"; value: number };

export type PresetKey = "divergence" | "underfitting" | "overfitting" | "noise";

export interface ExperimentPreset {
  key: PresetKey;
  /** The knob it turns and the values it tries, in order. */
  settings: Setting[];
  /** What it changes in the base for every run (the same for all of them). */
  base: Partial<Omit<PretrainJob, "kind">>;
}

const lr = (value: number): Setting => ({ knob: "lr", value });
const size = (layers: number, hidden: number, heads: number): Setting => ({ knob: "size", value: { layers, hidden, heads } });

/** The preset experiments. Tune the numbers here after timing them on a two-core laptop. */
export const EXPERIMENT_PRESETS: ExperimentPreset[] = [
  {
    key: "divergence",
    settings: [lr(3e-4), lr(3e-3), lr(3)],
    base: {},
  },
  {
    key: "underfitting",
    settings: [size(1, 16, 2), size(2, 64, 4)],
    base: {},
  },
  {
    key: "overfitting",
    settings: [
      { knob: "dataTokens", value: 3000 },
      { knob: "dataTokens", value: null },
    ],
    base: { design: { layers: 2, hidden: 128, heads: 4, context: 64, vocab: DEFAULT_VOCAB }, steps: 300, evalInterval: 20 },
  },
  {
    key: "noise",
    settings: [
      { knob: "noise", value: 0 },
      { knob: "noise", value: 0.5 },
    ],
    base: {},
  },
];

/** What the custom experiment offers for each knob; a learner ticks 2 or 3. */
export const KNOB_CHOICES: { [K in Knob]: Extract<Setting, { knob: K }>["value"][] } = {
  lr: [1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.3, 3],
  size: [
    { layers: 1, hidden: 16, heads: 2 },
    { layers: 1, hidden: 32, heads: 4 },
    { layers: 2, hidden: 64, heads: 4 },
    { layers: 4, hidden: 128, heads: 4 },
  ],
  dataTokens: [3000, 30_000, 300_000, null],
  steps: [50, 100, 200, 400, 800],
  noise: [0, 0.1, 0.25, 0.5, 0.75],
};

/** What a custom experiment starts with ticked, per knob. */
export const CUSTOM_DEFAULTS: { [K in Knob]: number[] } = {
  lr: [1, 2, 4],
  size: [0, 2],
  dataTokens: [0, 3],
  steps: [1, 2, 3],
  noise: [0, 3],
};

export const MIN_VALUES = 2;
export const MAX_VALUES = 3;

/** The setting's value as a key, to compare values of one knob. */
export function settingKey(s: Setting): string {
  if (s.knob === "size") return `${s.value.layers}x${s.value.hidden}x${s.value.heads}`;
  return String(s.value);
}

export function customSettings(knob: Knob, indices: number[]): Setting[] {
  const choices = KNOB_CHOICES[knob] as Setting["value"][];
  return [...indices].sort((a, b) => a - b).map((i) => ({ knob, value: choices[i] }) as Setting);
}

/** The base job with one setting applied. */
export function applySetting(job: PretrainJob, s: Setting): PretrainJob {
  const out: PretrainJob = { ...job, design: { ...job.design }, data: { ...job.data } };
  switch (s.knob) {
    case "lr":
      out.peakLr = s.value;
      break;
    case "size":
      out.design = { ...out.design, ...s.value };
      break;
    case "dataTokens":
      out.dataTokens = s.value;
      break;
    case "steps":
      out.steps = s.value;
      // About ten validations a run, whatever its length.
      out.evalInterval = Math.max(5, Math.round(s.value / 10));
      break;
    case "noise":
      out.noise = s.value;
      break;
  }
  return out;
}

/** One request per setting, named by its value, sharing `series`. */
export function buildSeries(
  settings: Setting[],
  base: Partial<Omit<PretrainJob, "kind">>,
  vocab: number,
  series: string,
  name: (s: Setting) => string,
): TrainRequest[] {
  const job: PretrainJob = { ...BASE_JOB, ...base, kind: "pretrain" };
  job.design = { ...(base.design ?? BASE_JOB.design), vocab };
  return settings.map((s) => ({ name: name(s), series, job: applySetting(job, s) }));
}

/** A fresh series id: every run of one experiment shares it. */
export function newSeriesId(now = Date.now()): string {
  return `exp-${now}`;
}

// ----- lesson 7: pre-training from scratch -------------------------------------------------

export type SizeKey = "small" | "medium";
export const PRETRAIN_SIZES: { key: SizeKey; design: Omit<ModelDesign, "vocab"> }[] = [
  { key: "small", design: { layers: 2, hidden: 64, heads: 4, context: 64 } },
  { key: "medium", design: { layers: 4, hidden: 128, heads: 4, context: 64 } },
];
export const PRETRAIN_STEPS = [100, 300, 1000, 2000];
export const PRETRAIN_DEFAULT_STEPS = 300;
export const PRETRAIN_LRS = [1e-3, 3e-3, 1e-2];
export const PRETRAIN_DEFAULT_LR = 3e-3;
export const PRETRAIN_BATCH = 8;

/** Validations (and samples) about every tenth of the run, at least every 100 steps. */
export function evalIntervalFor(steps: number): number {
  return Math.min(100, Math.max(10, Math.round(steps / 10)));
}

// ----- lesson 7: the learner's own text ----------------------------------------------------

/** The largest text file read at all. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Fewer characters than this are too little to learn from. */
export const MIN_TEXT_CHARS = 2000;
