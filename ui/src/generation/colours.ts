import { interpolateViridis } from "d3-scale-chromatic";

/**
 * Token colours: Paul Tol's "light" qualitative scheme, made for backgrounds under black
 * text and distinguishable with every common colour-vision deficiency. Eight colours for
 * thousands of ids means colours repeat; the colour helps the eye follow a token, and the
 * text and id (on hover) say which token it is.
 */
export const TOKEN_PALETTE = ["#77AADD", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#EEDD88", "#EE8866", "#FFAABB"] as const;

/** The colour of token `id`, the same everywhere in the app. Neighbouring ids differ. */
export function tokenColour(id: number): string {
  // Fibonacci hashing: consecutive ids land far apart; the top 3 bits pick the colour.
  const hash = Math.imul((id | 0) + 1, 0x9e3779b1) >>> 0;
  return TOKEN_PALETTE[hash >>> 29];
}

/**
 * Expert colours for MoE routing: Okabe–Ito, saturated so they never read as token chips,
 * each with the text colour that stays legible on it.
 */
export const EXPERT_PALETTE: { fill: string; text: string }[] = [
  { fill: "#0072B2", text: "#ffffff" },
  { fill: "#E69F00", text: "#000000" },
  { fill: "#009E73", text: "#000000" },
  { fill: "#CC79A7", text: "#000000" },
  { fill: "#56B4E9", text: "#000000" },
  { fill: "#D55E00", text: "#ffffff" },
  { fill: "#F0E442", text: "#000000" },
  { fill: "#000000", text: "#ffffff" },
];

export function expertColour(expert: number): { fill: string; text: string } {
  return EXPERT_PALETTE[((expert % EXPERT_PALETTE.length) + EXPERT_PALETTE.length) % EXPERT_PALETTE.length];
}

/** Cells a token may not look at (the causal mask): a warm grey outside the viridis range. */
export const MASKED_RGB: readonly [number, number, number] = [226, 222, 214];
export const MASKED_CSS = "rgb(226, 222, 214)";

function parseColour(css: string): [number, number, number] {
  if (css.startsWith("#")) {
    const n = parseInt(css.slice(1, 7), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const parts = css.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"];
  return [Number(parts[0]), Number(parts[1]), Number(parts[2])];
}

/** 256 viridis colours, packed RGB, built once. */
const VIRIDIS_LUT: Uint8Array = (() => {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = parseColour(interpolateViridis(i / 255));
    lut.set([r, g, b], i * 3);
  }
  return lut;
})();

/**
 * Where a weight sits on the colour scale. Attention weights crowd near zero, so the
 * scale is square-root: small weights stay visible, and the legend labels the real values.
 */
export function weightPosition(weight: number): number {
  if (!(weight > 0)) return 0;
  return Math.sqrt(Math.min(1, weight));
}

/** The weight whose colour sits at `position` (inverse of weightPosition), for legends. */
export function weightAt(position: number): number {
  return position * position;
}

function lutIndex(weight: number): number {
  return Math.round(weightPosition(weight) * 255) * 3;
}

/** Writes the colour of `weight` into `out` at `offset` as opaque RGBA. */
export function writeWeightRgba(weight: number, out: Uint8ClampedArray, offset: number): void {
  const i = lutIndex(weight);
  out[offset] = VIRIDIS_LUT[i];
  out[offset + 1] = VIRIDIS_LUT[i + 1];
  out[offset + 2] = VIRIDIS_LUT[i + 2];
  out[offset + 3] = 255;
}

/** The colour of `weight` as CSS. */
export function weightColour(weight: number): string {
  const i = lutIndex(weight);
  return `rgb(${VIRIDIS_LUT[i]}, ${VIRIDIS_LUT[i + 1]}, ${VIRIDIS_LUT[i + 2]})`;
}

/** Black or white, whichever reads better on `weight`'s colour. */
export function textOnWeight(weight: number): string {
  const i = lutIndex(weight);
  const luminance = 0.2126 * VIRIDIS_LUT[i] + 0.7152 * VIRIDIS_LUT[i + 1] + 0.0722 * VIRIDIS_LUT[i + 2];
  return luminance > 140 ? "#000000" : "#ffffff";
}
