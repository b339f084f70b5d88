import type { Attention } from "../../lib/generated/Attention";

/** The most tokens the causal-attention grid draws: beyond this the cells get too small to read on a projector. */
export const MAX_GRID_TOKENS = 24;

/** A single head, or the mean of all of a layer's heads. */
export type HeadChoice = number | "average";

/** A query may look at a key at or before its own position; later keys are behind the causal mask. */
export function isMasked(query: number, key: number): boolean {
  return key > query;
}

/**
 * The attention of positions 0..size among themselves for one layer: `size` rows (queries)
 * of `size` weights (keys). Rows the layer does not hold, or keys past its end, read 0.
 * "average" is the mean over heads, so each row still sums to 1.
 */
export function attentionMatrix(layer: Attention, head: HeadChoice, size: number): number[][] {
  const heads = head === "average" ? Array.from({ length: layer.heads }, (_, h) => h) : [head];
  const valid = heads.filter((h) => h >= 0 && h < layer.heads);
  return Array.from({ length: size }, (_, query) => {
    const row = query - layer.firstQuery;
    return Array.from({ length: size }, (_, key) => {
      if (row < 0 || row >= layer.queries || key >= layer.keys || valid.length === 0) return 0;
      let sum = 0;
      for (const h of valid) sum += layer.probabilities[(h * layer.queries + row) * layer.keys + key] ?? 0;
      return sum / valid.length;
    });
  });
}

/** Cells above the diagonal of a `size`-token grid: what the causal mask hides. */
export function maskedCells(size: number): number {
  return (size * (size - 1)) / 2;
}
