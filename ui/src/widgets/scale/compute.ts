/**
 * The arithmetic of lesson 2's compute calculator, and the number formatting of the scale
 * explorer. Pure functions: no Svelte, no DOM.
 *
 * The chain: FLOPs ≈ 6·N·D (Kaplan et al. 2020) → GPU-hours = FLOPs / (peak × utilisation × 3600)
 * → cost = GPU-hours × price, and days on a cluster = GPU-hours / GPUs / 24.
 */
import type { Lang } from "../../lib/generated/Lang";

/** One petaflop/s-day: 10¹⁵ operations a second for 86,400 seconds. */
export const PETAFLOP_S_DAY = 1e15 * 86_400;

/** The calculator's starting assumptions (A100 BF16 dense peak; the rest are assumptions). */
export const DEFAULT_ASSUMPTIONS = {
  /** NVIDIA A100, BF16 Tensor Core, dense (no sparsity): 312 TFLOP/s. */
  peakTflops: 312,
  /** Model FLOPs utilisation, in percent: the share of the peak a large training run achieves. */
  mfuPercent: 40,
  /** US dollars per GPU-hour: an assumed rental price, not a quote. */
  pricePerGpuHour: 2,
  gpus: 1024,
} as const;

/** Training compute by the rule of thumb C ≈ 6·N·D (N parameters, D training tokens). */
export function trainingFlops(parameters: number, tokens: number): number {
  return 6 * parameters * tokens;
}

/** FLOPs in petaflop/s-days, the unit of the GPT-3 paper. */
export function petaflopSDays(flops: number): number {
  return flops / PETAFLOP_S_DAY;
}

/** GPU-hours for `flops` on GPUs peaking at `peakFlopsPerSecond`, at `utilisation` (0–1] of it. */
export function gpuHours(flops: number, peakFlopsPerSecond: number, utilisation: number): number {
  return flops / (peakFlopsPerSecond * utilisation * 3600);
}

/** Cost of `hours` GPU-hours at `pricePerHour`. */
export function trainingCost(hours: number, pricePerHour: number): number {
  return hours * pricePerHour;
}

/** Wall-clock days for `hours` GPU-hours spread over `gpus` GPUs. */
export function clusterDays(hours: number, gpus: number): number {
  return hours / gpus / 24;
}

// ---------------------------------------------------------------------------------------------
// Reading what the learner typed

const SUFFIXES: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  b: 1e9,
  t: 1e12,
  千: 1e3,
  万: 1e4,
  亿: 1e8,
  万亿: 1e12,
};

/** Full-width digits and punctuation (from a Chinese keyboard) as their ASCII forms. */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[，、]/g, ",")
    .replace(/－/g, "-")
    .replace(/＋/g, "+")
    .replace(/％/g, "%");
}

/**
 * A number as a person types it: "175B", "1.75e11", "175,000,000,000", "1750亿", "2 万亿",
 * "2.5M", "40%" (the % is dropped). Returns null when it is not a number at all. Signs are
 * kept, so a negative entry can be told apart from a typo.
 */
export function parseAmount(text: string): number | null {
  const cleaned = halfWidth(text)
    .trim()
    .replace(/[\s,_]/g, "")
    .replace(/%$/, "");
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(k|m|b|t|千|万亿|万|亿)?$/i.exec(cleaned);
  if (!match) return null;
  const value = Number(match[1]) * (match[2] ? SUFFIXES[match[2].toLowerCase()] : 1);
  return Number.isFinite(value) ? value : null;
}

// ---------------------------------------------------------------------------------------------
// Checking the calculator's inputs

export type CalcField = "params" | "tokens" | "peak" | "mfu" | "price" | "gpus";
export type ProblemKind = "empty" | "not-a-number" | "not-positive" | "too-large" | "not-whole";

export interface CalcProblem {
  field: CalcField;
  kind: ProblemKind;
  /** The largest value the field accepts (for "too-large"). */
  max: number;
}

/**
 * The largest value each field accepts. Far above any real model (the largest published
 * models have about 10¹² parameters and a few ×10¹³ tokens), low enough that nothing
 * overflows: 6 × 10¹⁴ × 10¹⁶ is 6×10³⁰.
 */
export const LIMITS: Record<CalcField, number> = {
  params: 1e14,
  tokens: 1e16,
  peak: 1e5,
  mfu: 100,
  price: 1e4,
  gpus: 1e7,
};

export type CalcInputs = Record<CalcField, string | number>;

export interface CalcResult {
  ok: true;
  parameters: number;
  tokens: number;
  flops: number;
  petaflopSDays: number;
  gpuHours: number;
  cost: number;
  days: number;
}

export type CalcOutcome = CalcResult | { ok: false; problems: CalcProblem[] };

/** One input checked: its value, or what is wrong with it. */
export function checkField(field: CalcField, raw: string | number): { value: number } | { problem: CalcProblem } {
  const max = LIMITS[field];
  const problem = (kind: ProblemKind) => ({ problem: { field, kind, max } });
  if (typeof raw === "string" && raw.trim() === "") return problem("empty");
  const value = typeof raw === "number" ? raw : parseAmount(raw);
  if (value === null || Number.isNaN(value)) return problem("not-a-number");
  if (value <= 0) return problem("not-positive");
  if (!Number.isFinite(value) || value > max) return problem("too-large");
  if (field === "gpus" && !Number.isInteger(value)) return problem("not-whole");
  return { value };
}

/** The whole chain, or every problem with the inputs. Never returns NaN or Infinity. */
export function calculate(inputs: CalcInputs): CalcOutcome {
  const values = {} as Record<CalcField, number>;
  const problems: CalcProblem[] = [];
  for (const field of Object.keys(LIMITS) as CalcField[]) {
    const checked = checkField(field, inputs[field]);
    if ("problem" in checked) problems.push(checked.problem);
    else values[field] = checked.value;
  }
  if (problems.length > 0) return { ok: false, problems };
  const flops = trainingFlops(values.params, values.tokens);
  const hours = gpuHours(flops, values.peak * 1e12, values.mfu / 100);
  const result: CalcResult = {
    ok: true,
    parameters: values.params,
    tokens: values.tokens,
    flops,
    petaflopSDays: petaflopSDays(flops),
    gpuHours: hours,
    cost: trainingCost(hours, values.price),
    days: clusterDays(hours, values.gpus),
  };
  // The limits keep every step finite; this is the guard if they are ever loosened.
  const numbers = [result.flops, result.petaflopSDays, result.gpuHours, result.cost, result.days];
  if (!numbers.every(Number.isFinite)) return { ok: false, problems: [{ field: "params", kind: "too-large", max: LIMITS.params }] };
  return result;
}

const FIELD_NAMES: Record<CalcField, Record<Lang, string>> = {
  params: { zh: "参数量 N", en: "Parameters N" },
  tokens: { zh: "训练词元数 D", en: "Training tokens D" },
  peak: { zh: "GPU 峰值算力", en: "GPU peak throughput" },
  mfu: { zh: "利用率", en: "Utilisation" },
  price: { zh: "每 GPU 小时价格", en: "Price per GPU-hour" },
  gpus: { zh: "GPU 数量", en: "Number of GPUs" },
};

export function fieldName(field: CalcField, lang: Lang): string {
  return FIELD_NAMES[field][lang];
}

/** What is wrong with an input, in words a learner can act on. */
export function problemMessage(problem: CalcProblem, lang: Lang): string {
  // In Chinese, a name ending in a Latin letter ("参数量 N") gets a space before the next word.
  const name = fieldName(problem.field, lang);
  const zhName = /[A-Za-z]$/.test(name) ? `${name} ` : name;
  const max = problem.field === "mfu" ? "100%" : formatHuman(problem.max, lang);
  const zh = lang === "zh";
  switch (problem.kind) {
    case "empty":
      return zh ? `请填写${name}。` : `${name}: please enter a value.`;
    case "not-a-number":
      return zh
        ? `${zhName}不是一个数。可以写成 175B、1750亿 或 1.75e11 这样的形式。`
        : `${name} is not a number. Write it like 175B, 1.75e11 or 175000000000.`;
    case "not-positive":
      return zh ? `${zhName}必须大于 0。` : `${name} must be greater than 0.`;
    case "too-large":
      return zh
        ? `${zhName}太大了：最多 ${max}，远超任何真实的模型或硬件。`
        : `${name} is too large: at most ${max}, far beyond any real model or hardware.`;
    case "not-whole":
      return zh ? `${zhName}必须是整数。` : `${name} must be a whole number.`;
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers a person can read

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function superscript(n: number): string {
  return String(n)
    .split("")
    .map((c) => (c === "-" ? "⁻" : SUPERSCRIPT[Number(c)]))
    .join("");
}

/** Three significant figures, or a whole number from 100 up; no trailing zeros. */
function mantissa(x: number): string {
  if (x >= 100) return String(Math.round(x));
  return String(Number(x.toPrecision(3)));
}

/** 3.15×10²³ (three significant figures). */
export function formatScientific(n: number): string {
  if (!Number.isFinite(n)) return "—";
  if (n === 0) return "0";
  let exponent = Math.floor(Math.log10(Math.abs(n)));
  let m = Number((n / 10 ** exponent).toPrecision(3));
  if (Math.abs(m) >= 10) {
    m /= 10;
    exponent += 1;
  }
  return `${m}×10${superscript(exponent)}`;
}

/** A whole number with the language's grouping: 3,646 (en), 3646 (zh, as Chinese text writes it). */
export function formatInteger(n: number, lang: Lang): string {
  const rounded = Math.round(n);
  return lang === "en" ? rounded.toLocaleString("en-US") : String(rounded);
}

const ZH_UNITS: [number, string][] = [
  [1e12, "万亿"],
  [1e8, "亿"],
  [1e4, "万"],
];
const EN_UNITS: [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "K"],
];

/**
 * A count in the units the language uses: zh 1750 亿, 250 万, 2 万亿; en 175B, 2.5M, 2T.
 * Three significant figures (whole numbers from 100 up). Beyond the largest unit
 * (10¹⁶ in zh, 10¹⁵ in en) it switches to scientific notation.
 */
export function formatHuman(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return "—";
  if (n < 0) return `-${formatHuman(-n, lang)}`;
  const units = lang === "zh" ? ZH_UNITS : EN_UNITS;
  const top = units[0][0] * (lang === "zh" ? 1e4 : 1e3);
  if (n >= top) return formatScientific(n);
  for (let i = 0; i < units.length; i++) {
    const [size, name] = units[i];
    if (n < size) continue;
    const shown = mantissa(n / size);
    // 9999.6 万 rounds up to 10000 万: say 1 亿 instead.
    const limit = (i === 0 ? top : units[i - 1][0]) / size;
    if (Number(shown) >= limit) return i === 0 ? formatScientific(n) : formatHuman(units[i - 1][0], lang);
    return lang === "zh" ? `${shown} ${name}` : `${shown}${name}`;
  }
  if (n === 0) return "0";
  if (n >= 1) return mantissa(n);
  return String(Number(n.toPrecision(3)));
}

/** US dollars: zh 140 万美元, en $1.4M. */
export function formatUsd(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return "—";
  if (lang === "zh") {
    const shown = formatHuman(n, lang);
    return /[万亿]$/.test(shown) ? `${shown}美元` : `${shown} 美元`;
  }
  return `$${formatHuman(n, lang)}`;
}

/** A duration in days; under a day it is given in hours. */
export function formatDays(days: number, lang: Lang): string {
  if (!Number.isFinite(days)) return "—";
  if (days < 1) {
    const hours = days * 24;
    const shown = hours < 1 ? "<1" : mantissa(hours);
    return lang === "zh" ? `${shown} 小时` : `${shown} ${shown === "1" ? "hour" : "hours"}`;
  }
  const shown = days >= 1e4 ? formatHuman(days, lang) : mantissa(days);
  return lang === "zh" ? `${shown} 天` : `${shown} ${shown === "1" ? "day" : "days"}`;
}

// ---------------------------------------------------------------------------------------------
// Log-scale bars

/**
 * The decades a log axis spans for `values` (positive, finite ones; others are ignored): from
 * the power of ten below the smallest (strictly below, so no bar has zero length) to the one at
 * or above the largest, at least `minSpan` decades wide.
 */
export function logDomain(values: number[], minSpan = 3): { lo: number; hi: number } {
  const logs = values.filter((v) => Number.isFinite(v) && v > 0).map(Math.log10);
  if (logs.length === 0) return { lo: 0, hi: minSpan };
  const hi = Math.ceil(Math.max(...logs));
  const lo = Math.min(Math.floor(Math.min(...logs) - 1e-9), hi - minSpan);
  return { lo, hi };
}

/** Where `value` falls on the axis, as a percentage of its length (clamped to 0–100). */
export function logPercent(value: number, domain: { lo: number; hi: number }): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  const p = ((Math.log10(value) - domain.lo) / (domain.hi - domain.lo)) * 100;
  return Math.min(100, Math.max(0, p));
}
