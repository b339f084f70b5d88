import type { TokenView } from "../lib/generated/TokenView";
import type { AttentionStore } from "./attentionStore";
import { tokenLabel } from "./format";

/** Where the large attention view puts things, in CSS pixels. */
export type LargeLayout = {
  /** First position shown (rows and columns). */
  from: number;
  /** Positions shown. */
  size: number;
  /** Left margin (query labels) and top margin (key labels). */
  left: number;
  top: number;
  cell: number;
  width: number;
  height: number;
  fontPx: number;
  /** Label every `stride`-th token when cells are too small for all. */
  stride: number;
};

export function largeLayout(width: number, positions: number, from: number, rem: number): LargeLayout {
  const size = Math.max(0, positions - from);
  const left = 6 * rem;
  const top = 4.6 * rem;
  const cell = size === 0 ? 0 : Math.max(1, Math.min(2.2 * rem, (width - left - 8) / size));
  const fontPx = Math.max(9, Math.min(0.8 * rem, cell * 0.8));
  const stride = Math.max(1, Math.ceil((fontPx * 1.15) / Math.max(cell, 0.01)));
  return { from, size, left, top, cell, width, height: top + cell * size + 8, fontPx, stride };
}

/** The cell under a point, or null outside the matrix. */
export function cellAt(layout: LargeLayout, x: number, y: number): { query: number; key: number } | null {
  const col = Math.floor((x - layout.left) / layout.cell);
  const row = Math.floor((y - layout.top) / layout.cell);
  if (col < 0 || row < 0 || col >= layout.size || row >= layout.size) return null;
  return { query: layout.from + row, key: layout.from + col };
}

let scratch: HTMLCanvasElement | null = null;
let pixels: ImageData | null = null;

function pixelBuffer(context: CanvasRenderingContext2D, size: number): ImageData {
  if (!pixels || pixels.width !== size) pixels = context.createImageData(size, size);
  return pixels;
}

/** Paints one head's matrix into a small canvas, one pixel per cell (CSS scales it up). */
export function paintThumbnail(canvas: HTMLCanvasElement, store: AttentionStore, layer: number, head: number): void {
  const size = Math.max(1, store.length);
  if (canvas.width !== size) canvas.width = size;
  if (canvas.height !== size) canvas.height = size;
  const context = canvas.getContext("2d");
  if (!context) return;
  const image = pixelBuffer(context, size);
  store.paint(layer, head, 0, size, image.data);
  context.putImageData(image, 0, 0);
}

export type LargeOptions = {
  layout: LargeLayout;
  layer: number;
  head: number;
  tokens: TokenView[];
  hovered: { query: number; key: number } | null;
  font: string;
  dpr: number;
};

/** Draws the large view: the matrix, the masked triangle hatched, labels, the newest row. */
export function drawLarge(canvas: HTMLCanvasElement, store: AttentionStore, options: LargeOptions): void {
  const { layout, dpr } = options;
  canvas.width = Math.max(1, Math.round(layout.width * dpr));
  canvas.height = Math.max(1, Math.round(layout.height * dpr));
  const context = canvas.getContext("2d");
  if (!context) return;
  context.setTransform(dpr, 0, 0, dpr, 0, 0);
  context.clearRect(0, 0, layout.width, layout.height);
  const { from, size, left, top, cell } = layout;
  if (size === 0) return;
  const span = cell * size;

  // The matrix: one pixel per cell, scaled up without smoothing.
  scratch ??= document.createElement("canvas");
  scratch.width = size;
  scratch.height = size;
  const scratchContext = scratch.getContext("2d");
  if (scratchContext) {
    const image = scratchContext.createImageData(size, size);
    store.paint(options.layer, options.head, from, size, image.data);
    scratchContext.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(scratch, left, top, span, span);
  }

  // The causal mask: hatch the staircase above the diagonal, so it reads as "not allowed".
  context.save();
  context.beginPath();
  context.moveTo(left + cell, top);
  for (let q = 0; q < size - 1; q++) {
    context.lineTo(left + (q + 1) * cell, top + (q + 1) * cell);
    context.lineTo(left + (q + 2) * cell, top + (q + 1) * cell);
  }
  context.lineTo(left + span, top);
  context.closePath();
  context.clip();
  context.strokeStyle = "rgba(60, 55, 45, 0.28)";
  context.lineWidth = 1;
  context.beginPath();
  for (let d = -span; d < span; d += 7) {
    context.moveTo(left + d, top);
    context.lineTo(left + d + span, top + span);
  }
  context.stroke();
  context.restore();

  // Labels: queries on the left, keys on top (rotated), every `stride`-th when crowded.
  const newest = store.length - 1;
  context.font = `${layout.fontPx}px ${options.font}`;
  context.fillStyle = "#1d2433";
  context.textBaseline = "middle";
  context.textAlign = "right";
  for (let i = 0; i < size; i++) {
    const position = from + i;
    if (position !== newest && (size - 1 - i) % layout.stride !== 0) continue;
    const text = tokenLabel(options.tokens[position]?.text ?? "", 7);
    context.font = `${position === newest ? "700 " : ""}${layout.fontPx}px ${options.font}`;
    context.fillText(position === newest ? `▸ ${text}` : text, left - 6, top + (i + 0.5) * cell);
  }
  context.font = `${layout.fontPx}px ${options.font}`;
  for (let i = 0; i < size; i++) {
    const position = from + i;
    if ((size - 1 - i) % layout.stride !== 0) continue;
    const text = tokenLabel(options.tokens[position]?.text ?? "", 7);
    const x = left + (i + 0.5) * cell;
    if (context.measureText(text).width <= cell * layout.stride - 2) {
      // Fits upright (a Chinese character usually does): no need to tilt the reader's head.
      context.textAlign = "center";
      context.textBaseline = "bottom";
      context.fillText(text, x, top - 4);
      continue;
    }
    context.save();
    context.textAlign = "left";
    context.textBaseline = "middle";
    context.translate(x, top - 6);
    context.rotate(-Math.PI / 2);
    context.fillText(text, 0, 0);
    context.restore();
  }
  context.textBaseline = "middle";

  // The newest token's row, outlined.
  if (newest >= from && newest < from + size) {
    context.strokeStyle = "#f4b400";
    context.lineWidth = 2.5;
    context.strokeRect(left - 1, top + (newest - from) * cell - 1, span + 2, cell + 2);
  }
  if (options.hovered) {
    context.strokeStyle = "#ffffff";
    context.lineWidth = 2;
    const x = left + (options.hovered.key - from) * cell;
    const y = top + (options.hovered.query - from) * cell;
    context.strokeRect(x, y, cell, cell);
    context.strokeStyle = "#000000";
    context.lineWidth = 1;
    context.strokeRect(x - 1, y - 1, cell + 2, cell + 2);
  }
  context.strokeStyle = "#cfc9bc";
  context.lineWidth = 1;
  context.strokeRect(left - 0.5, top - 0.5, span + 1, span + 1);
}
