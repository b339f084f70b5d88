/** Numbers of the compression widgets, the same in both languages unless said otherwise. */
import type { Completion } from "../../lib/generated/Completion";
import type { CompressionReport } from "../../lib/generated/CompressionReport";

/** The minus sign, not a hyphen. */
export const MINUS = "\u2212";

/** An exact count with thousands separators: "1,248,256". */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Bytes in decimal megabytes, as the lesson counts them (10 MB = 10,000,000 bytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** A share in whole percent; never rounds a small non-zero share down to "0%". */
export function wholePercent(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return "0%";
  if (ratio < 0.005) return "<1%";
  return `${Math.round(ratio * 100)}%`;
}

/** A loss in nats per token: "4.611". */
export function lossText(loss: number): string {
  return loss.toFixed(3);
}

/** A perplexity: "100.6", "1,234". */
export function perplexityText(perplexity: number): string {
  return perplexity >= 1000 ? grouped(perplexity) : perplexity.toFixed(1);
}

export type Tone = "worse" | "better" | "same";

export interface Change {
  text: string;
  tone: Tone;
}

/** Loss after minus loss before, signed: "+0.123", "−0.004", "0.000". Higher loss is worse. */
export function lossChange(after: number, before: number): Change {
  const delta = after - before;
  if (Math.abs(delta) < 0.0005) return { text: "0.000", tone: "same" };
  const text = `${delta > 0 ? "+" : MINUS}${Math.abs(delta).toFixed(3)}`;
  return { text, tone: delta > 0 ? "worse" : "better" };
}

/** Perplexity after against before, as a signed percentage: "+12%", "−0.4%". */
export function perplexityChange(after: number, before: number): Change {
  const relative = after / before - 1;
  if (!Number.isFinite(relative) || Math.abs(relative) < 0.0005) return { text: "0%", tone: "same" };
  const size = Math.abs(relative) * 100;
  const shown = size >= 9.95 ? size.toFixed(0) : size.toFixed(1);
  return { text: `${relative > 0 ? "+" : MINUS}${shown}%`, tone: relative > 0 ? "worse" : "better" };
}

/** Parameters outside the matrices (the norms' scale vectors), which neither technique touches. */
export function otherParameters(report: CompressionReport): number {
  return Math.max(0, Math.round(report.originalBytes / 4) - report.matrixParameters);
}

/**
 * Average bits per matrix weight, scales included: the report's bytes less the untouched
 * f32 tensors, over the matrix weights. 32 for f32; a little over 8 or 4 for int8 and int4.
 */
export function bitsPerWeight(report: CompressionReport): number {
  const matrixBytes = report.bytes - otherParameters(report) * 4;
  return (matrixBytes * 8) / report.matrixParameters;
}

/** "8.23": two decimals, or none for a whole number of bits. */
export function bitsText(bits: number): string {
  return Math.abs(bits - Math.round(bits)) < 0.005 ? String(Math.round(bits)) : bits.toFixed(2);
}

/** Where a continuation leaves the reference's: the shared text and the rest. */
export interface Divergence {
  /** 1-based index of the first generated token that differs; null when all are the same. */
  token: number | null;
  /** The part of `text` both continuations share, then the part that differs. */
  same: string;
  different: string;
}

/**
 * Compares two greedy continuations token by token. `same` is the decoded text of the
 * shared tokens (whole characters only), so `same + different` is always `text` itself.
 */
export function divergence(reference: Completion, other: Completion): Divergence {
  const a = reference.generated;
  const b = other.generated;
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared].id === b[shared].id) shared++;
  if (shared === a.length && shared === b.length) return { token: null, same: other.text, different: "" };
  const bytes = b.slice(0, shared).flatMap((t) => t.bytes);
  // A streaming decode holds back a character cut in half, so the prefix is whole characters.
  const prefix = new TextDecoder().decode(new Uint8Array(bytes), { stream: true });
  const same = other.text.startsWith(prefix) ? prefix : "";
  return { token: shared + 1, same, different: other.text.slice(same.length) };
}
