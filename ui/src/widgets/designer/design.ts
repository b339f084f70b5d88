/**
 * What the model designer (lesson 7) checks, sends and shows, as plain functions: the limits of
 * each knob, the presets, the reference models and the formatting of big numbers. No Svelte here.
 */
import type { Lang } from "../../lib/generated/Lang";
import type { DesignReport, ModelDesign } from "../training/api";

export type Field = keyof ModelDesign;

/** The knobs in the order the designer shows them. */
export const FIELDS: Field[] = ["layers", "hidden", "heads", "context", "vocab"];

/** Each knob's range and the step of its buttons and slider. */
export const LIMITS: Record<Field, { min: number; max: number; step: number }> = {
  layers: { min: 1, max: 24, step: 1 },
  hidden: { min: 16, max: 1024, step: 16 },
  heads: { min: 1, max: 64, step: 1 },
  context: { min: 16, max: 1024, step: 16 },
  vocab: { min: 256, max: 65_536, step: 256 },
};

/** The bundled `tiny` (crates/train/configs/tiny.toml). */
export const TINY: ModelDesign = { layers: 6, hidden: 128, heads: 4, context: 128, vocab: 5120 };

export type PresetKey = "tiny" | "smaller" | "gpt2";
export const PRESETS: { key: PresetKey; design: ModelDesign }[] = [
  { key: "tiny", design: TINY },
  // Lesson 6's distillation student (models/student/config.json): about a third of tiny.
  { key: "smaller", design: { layers: 4, hidden: 80, heads: 4, context: 128, vocab: 5120 } },
  // GPT-2 small's shape (Radford et al. 2019); in the trainer's Llama-style layers.
  { key: "gpt2", design: { layers: 12, hidden: 768, heads: 12, context: 1024, vocab: 50_257 } },
];

/**
 * What the time estimate assumes: tiny's batch of 16 sequences, each as long as the context,
 * and a choice of how many updates. Tune here.
 */
export const BUDGET = { batchSize: 16, stepChoices: [100, 300, 1000], defaultSteps: 300 } as const;

/** The backend's `tooSlow` line (src-tauri/src/training/types.rs): longer than a workshop waits. */
export const TOO_SLOW_MINUTES = 10;

/** How long the designer waits after the last change before it asks the trainer. */
export const DEBOUNCE_MS = 150;

/** Famous models' published parameter counts, for scale. */
export const REFERENCES = [
  { key: "gpt2", name: "GPT-2 small", parameters: 124_000_000, source: "Radford et al. 2019" },
  { key: "gpt3", name: "GPT-3", parameters: 175_000_000_000, source: "Brown et al. 2020" },
] as const;

/** The log-scale bar runs from ten thousand to a trillion parameters. */
export const SCALE = { minExp: 4, maxExp: 12 } as const;

export type Invalid = { field: Field; kind: "range" | "multiple" };

/** A knob's text as a whole number, or null when it is not one. */
export function parseWhole(text: string): number | null {
  const trimmed = text.trim().replace(/[,\s]/g, "");
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The knobs' texts as a design, or the first knob that is out of its range (or, for the width,
 * not a multiple of 16). Heads that do not divide the width are left for the trainer to name:
 * lesson 7 asks learners to try exactly that.
 */
export function readDesign(texts: Record<Field, string>): { design: ModelDesign } | { invalid: Invalid } {
  const design = {} as ModelDesign;
  for (const field of FIELDS) {
    const n = parseWhole(texts[field]);
    const { min, max } = LIMITS[field];
    if (n === null || n < min || n > max) return { invalid: { field, kind: "range" } };
    if (field === "hidden" && n % LIMITS.hidden.step !== 0) return { invalid: { field, kind: "multiple" } };
    design[field] = n;
  }
  return { design };
}

export function sameDesign(a: ModelDesign, b: ModelDesign): boolean {
  return FIELDS.every((f) => a[f] === b[f]);
}

export function presetOf(design: ModelDesign | null): PresetKey | null {
  if (!design) return null;
  return PRESETS.find((p) => sameDesign(p.design, design))?.key ?? null;
}

/** The head counts that divide `width` (within the heads' range), smallest first. */
export function headsThatFit(width: number): number[] {
  const fits: number[] = [];
  for (let h = LIMITS.heads.min; h <= Math.min(width, LIMITS.heads.max); h++) if (width % h === 0) fits.push(h);
  return fits;
}

/** `value` moved to the next step up or down (onto the step's grid: 50,257 → 50,432) within the knob's range. */
export function stepped(field: Field, value: number, direction: 1 | -1): number {
  const { min, max, step } = LIMITS[field];
  const next = direction === 1 ? Math.floor(value / step) * step + step : Math.ceil(value / step) * step - step;
  return Math.min(max, Math.max(min, next));
}

/**
 * The parameters in the vocabulary's two tables, the embedding and the output layer (the
 * trainer keeps them apart, as tiny does). Reads `embeddingParameters` as either one table or
 * both: one table is exactly vocab × width.
 */
export function vocabularyEnds(report: DesignReport, design: ModelDesign): number {
  const oneTable = design.vocab * design.hidden;
  return report.embeddingParameters === oneTable ? 2 * oneTable : report.embeddingParameters;
}

/** A part of a whole as a whole percentage, or one decimal under 10%; "—" without a whole. */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0) || !Number.isFinite(part)) return "—";
  const p = (part / whole) * 100;
  if (p > 0 && p < 0.1) return "<0.1%";
  return p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

export type MemoryPart = { key: "weights" | "gradients" | "adam" | "activations"; bytes: number };

/**
 * Training memory by part: the weights, a gradient of each, AdamW's two moments (twice the
 * weights), and what is left of the report's total, the activations of one batch.
 */
export function memoryParts(report: Pick<DesignReport, "weightBytes" | "trainingBytes">): MemoryPart[] {
  const w = report.weightBytes;
  const activations = Math.max(0, report.trainingBytes - 4 * w);
  return [
    { key: "weights", bytes: w },
    { key: "gradients", bytes: w },
    { key: "adam", bytes: 2 * w },
    { key: "activations", bytes: activations },
  ];
}

/** Bytes in decimal units, three significant figures: "10.0 MB", "1.62 GB", "512 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  let x = bytes;
  while (x >= 999.5 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  if (i === 0) return `${Math.round(x)} B`;
  return `${x >= 99.95 ? Math.round(x).toString() : x.toPrecision(3)} ${units[i]}`;
}

/** A count with thousands separators in both languages, as the lessons write it: 2,498,176. */
export function formatExact(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "—";
}

/** A large number said short: 15.2M / 1.2B / 3.4T (en); 1520 万 / 12 亿 / 3.4 万亿 (zh). */
export function formatLarge(n: number, lang: Lang): string {
  if (!Number.isFinite(n) || n < 0) return "—";
  const short = (x: number) => (x >= 100 ? Math.round(x).toString() : x.toFixed(1).replace(/\.0$/, ""));
  if (lang === "zh") {
    if (n >= 1e12) return `${short(n / 1e12)} 万亿`;
    if (n >= 1e8) return `${short(n / 1e8)} 亿`;
    if (n >= 1e4) return `${short(n / 1e4)} 万`;
    return Math.round(n).toString();
  }
  if (n >= 1e12) return `${short(n / 1e12)}T`;
  if (n >= 1e9) return `${short(n / 1e9)}B`;
  if (n >= 1e6) return `${short(n / 1e6)}M`;
  if (n >= 1e3) return `${short(n / 1e3)}K`;
  return Math.round(n).toString();
}

/**
 * A time from a fraction of a second to years, in the unit a person would use:
 * "0.42 s", "45 s", "9 min", "2.3 h", "4.1 days", "3.2 years" / "0.42 秒" … "3.2 年".
 */
export function formatSpan(seconds: number, lang: Lang): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  const zh = lang === "zh";
  const one = (x: number) => (x >= 10 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1).replace(/\.0$/, ""));
  if (seconds < 10) return `${seconds < 1 ? seconds.toFixed(2) : seconds.toFixed(1)} ${zh ? "秒" : "s"}`;
  if (seconds < 90) return `${Math.round(seconds)} ${zh ? "秒" : "s"}`;
  const minutes = seconds / 60;
  if (minutes < 90) return `${Math.round(minutes)} ${zh ? "分钟" : "min"}`;
  const hours = minutes / 60;
  if (hours < 48) return `${one(hours)} ${zh ? "小时" : "h"}`;
  const days = hours / 24;
  if (days < 730) return `${one(days)} ${zh ? "天" : "days"}`;
  return `${one(days / 365.25)} ${zh ? "年" : "years"}`;
}

/** Where `n` sits on the log-scale bar, 0–100 (%), clamped to the bar's ends. */
export function logPosition(n: number): number {
  if (!(n > 0)) return 0;
  const p = ((Math.log10(n) - SCALE.minExp) / (SCALE.maxExp - SCALE.minExp)) * 100;
  return Math.min(100, Math.max(0, p));
}

/** How `mine` compares with `other`: same size, or how many times bigger or smaller, rounded as spoken. */
export function compareSize(mine: number, other: number): { kind: "same" | "bigger" | "smaller"; times: string } {
  if (!(mine > 0) || !(other > 0)) return { kind: "same", times: "—" };
  const ratio = mine / other;
  if (ratio > 1 / 1.05 && ratio < 1.05) return { kind: "same", times: "1" };
  const r = ratio >= 1 ? ratio : 1 / ratio;
  return { kind: ratio >= 1 ? "bigger" : "smaller", times: roundTimes(r) };
}

/** A ratio with two significant figures, separators from a thousand: 1.9, 50, 1,400, 70,000. */
export function roundTimes(r: number): string {
  if (r < 10) return r.toFixed(1).replace(/\.0$/, "");
  const digits = Math.floor(Math.log10(r));
  const unit = 10 ** (digits - 1);
  return (Math.round(r / unit) * unit).toLocaleString("en-US");
}
