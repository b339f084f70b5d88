/**
 * Slide-ready SVG drawings of the HTML panels (token chips, candidate bars, MoE routing).
 * Pure: data in, an SVG document out, so the export is tested without a browser.
 */
import type { TokenView } from "../lib/generated/TokenView";
import { expertColour, tokenColour } from "./colours";
import { EXPORT_MONO, escapeXml, estimateTextWidth, svgDocument } from "./export";
import { percent, tokenLabel } from "./format";
import type { ExpertChoice } from "./routingStore";

const INK = "#1d2433";
const MUTED = "#4f5866";
const RULE = "#cfc9bc";
const ACCENT = "#1f4e79";

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(content)}</text>`;
}

export type TokenGroup = { label?: string; tokens: TokenView[] };

/** Token chips wrapped into lines, each with its id underneath. */
export function tokenChipsSvg(tokens: TokenView[], options: { title?: string; width?: number; limit?: number } = {}): string {
  return tokenGroupsSvg([{ tokens }], options);
}

/** Several labelled rows of token chips (e.g. the same sentence in Chinese and English). */
export function tokenGroupsSvg(groups: TokenGroup[], options: { title?: string; width?: number; limit?: number } = {}): string {
  const width = options.width ?? 880;
  const fontSize = 18;
  const chipHeight = 30;
  const idSize = 11;
  const lineHeight = chipHeight + idSize + 12;
  const gap = 6;
  const margin = 20;
  let y = options.title ? 48 : margin;
  const parts: string[] = [];
  if (options.title) parts.push(text(margin, 30, options.title, `font-size="18" font-weight="600" fill="${INK}"`));
  for (const group of groups) {
    if (group.label) {
      y += 8;
      parts.push(text(margin, y + 8, group.label, `font-size="14" font-weight="600" fill="${MUTED}"`));
      y += 20;
    }
    let x = margin;
    for (const token of group.tokens.slice(0, options.limit ?? 600)) {
      const label = tokenLabel(token.text, 24);
      const chipWidth = Math.max(chipHeight, estimateTextWidth(label, fontSize) + 16);
      if (x + chipWidth > width - margin && x > margin) {
        x = margin;
        y += lineHeight;
      }
      const fill = token.special ? INK : tokenColour(token.id);
      const dash = token.partial ? ` stroke-dasharray="4 3"` : "";
      const font = token.partial || token.special ? ` font-family='${EXPORT_MONO}'` : "";
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y}" width="${chipWidth.toFixed(1)}" height="${chipHeight}" rx="5" fill="${fill}" stroke="${token.partial ? INK : RULE}" stroke-width="1.2"${dash}/>`,
        text(x + chipWidth / 2, y + chipHeight / 2 + fontSize * 0.35, label, `font-size="${fontSize}" text-anchor="middle" fill="${token.special ? "#ffffff" : INK}"${font}`),
        text(x + chipWidth / 2, y + chipHeight + idSize + 2, String(token.id), `font-size="${idSize}" text-anchor="middle" fill="${MUTED}" font-family='${EXPORT_MONO}'`),
      );
      x += chipWidth + gap;
    }
    y += lineHeight;
  }
  return svgDocument(width, y + margin - 12, parts.join(""), options.title);
}

export type BarRow = {
  tokenId: number;
  label: string;
  /** The model's probability (temperature 1). */
  probability: number;
  /** What sampling drew from (after temperature, top-k, top-p). */
  after: number;
  chosen: boolean;
};

/** Candidate bars: two bars per token (before and after temperature), values written out. */
export function candidateBarsSvg(
  rows: BarRow[],
  labels: { title: string; before: string; after: string; chosen: string },
): string {
  const width = 860;
  const margin = 20;
  const labelWidth = 170;
  const valueWidth = 90;
  const barWidth = width - margin * 2 - labelWidth - valueWidth - 90;
  const rowHeight = 46;
  const top = 86;
  const parts: string[] = [
    text(margin, 30, labels.title, `font-size="18" font-weight="600" fill="${INK}"`),
    `<rect x="${margin}" y="46" width="14" height="10" fill="${MUTED}"/>`,
    text(margin + 20, 56, labels.before, `font-size="13" fill="${MUTED}"`),
    `<rect x="${margin + 260}" y="46" width="14" height="10" fill="${ACCENT}"/>`,
    text(margin + 280, 56, labels.after, `font-size="13" fill="${MUTED}"`),
  ];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const x0 = margin + labelWidth;
    const weight = row.chosen ? ` font-weight="700"` : "";
    parts.push(
      `<rect x="${margin}" y="${y}" width="8" height="30" rx="2" fill="${tokenColour(row.tokenId)}"/>`,
      text(margin + 16, y + 22, `${i + 1}. ${row.label}`, `font-size="18" fill="${INK}"${weight}`),
      `<rect x="${x0}" y="${y + 2}" width="${barWidth}" height="12" fill="#f2efe8"/>`,
      `<rect x="${x0}" y="${y + 2}" width="${(barWidth * clamp01(row.probability)).toFixed(1)}" height="12" fill="${MUTED}"/>`,
      `<rect x="${x0}" y="${y + 18}" width="${barWidth}" height="12" fill="#f2efe8"/>`,
      `<rect x="${x0}" y="${y + 18}" width="${(barWidth * clamp01(row.after)).toFixed(1)}" height="12" fill="${ACCENT}"/>`,
      text(x0 + barWidth + 10, y + 13, percent(row.probability), `font-size="13" fill="${MUTED}" font-family='${EXPORT_MONO}'`),
      text(x0 + barWidth + 10, y + 29, percent(row.after), `font-size="13" fill="${ACCENT}" font-family='${EXPORT_MONO}'`),
    );
    if (row.chosen) {
      parts.push(text(x0 + barWidth + valueWidth, y + 22, `✓ ${labels.chosen}`, `font-size="15" font-weight="700" fill="${INK}"`));
    }
  });
  return svgDocument(width, top + rows.length * rowHeight + margin, parts.join(""), labels.title);
}

function clamp01(p: number): number {
  return Math.max(0, Math.min(1, Number.isFinite(p) ? p : 0));
}

/**
 * MoE routing: rows = layers, columns = tokens, each cell naming its experts; load bars.
 * Layers and experts are numbered from 1 on the picture (`labels` get 1-based numbers).
 */
export function moeRoutingSvg(
  tokens: string[],
  cells: ExpertChoice[][][],
  loads: number[][],
  labels: { title: string; layer: (l: number) => string; expert: (e: number) => string; load: string },
): string {
  const margin = 20;
  const rowLabel = 70;
  const cell = 40;
  const cellHeight = 34;
  const headerHeight = 70;
  const top = 48 + headerHeight;
  const gridWidth = tokens.length * cell;
  const parts: string[] = [text(margin, 30, labels.title, `font-size="18" font-weight="600" fill="${INK}"`)];
  tokens.forEach((token, i) => {
    const x = margin + rowLabel + i * cell + cell / 2;
    parts.push(text(x, top - 8, token, `font-size="13" fill="${INK}" transform="rotate(-55 ${x} ${top - 8})"`));
  });
  cells.forEach((row, layer) => {
    const y = top + layer * cellHeight;
    parts.push(text(margin, y + cellHeight / 2 + 5, labels.layer(layer + 1), `font-size="14" fill="${MUTED}"`));
    row.forEach((choices, i) => {
      const x = margin + rowLabel + i * cell;
      let offset = 0;
      for (const choice of choices) {
        const h = (cellHeight - 4) * choice.gate;
        const colour = expertColour(choice.expert);
        parts.push(`<rect x="${x + 1}" y="${(y + 2 + offset).toFixed(1)}" width="${cell - 2}" height="${h.toFixed(1)}" fill="${colour.fill}"/>`);
        if (h >= 12) {
          parts.push(text(x + cell / 2, y + 2 + offset + h / 2 + 4, String(choice.expert + 1), `font-size="11" text-anchor="middle" fill="${colour.text}" font-family='${EXPORT_MONO}'`));
        }
        offset += h;
      }
    });
  });
  const loadTop = top + cells.length * cellHeight + 30;
  parts.push(text(margin, loadTop, labels.load, `font-size="15" font-weight="600" fill="${INK}"`));
  const barMax = 160;
  loads.forEach((shares, layer) => {
    const y = loadTop + 14 + layer * (shares.length * 18 + 16);
    parts.push(text(margin, y + 12, labels.layer(layer + 1), `font-size="13" fill="${MUTED}"`));
    shares.forEach((share, expert) => {
      const by = y + expert * 18;
      const colour = expertColour(expert);
      parts.push(
        text(margin + rowLabel, by + 12, labels.expert(expert + 1), `font-size="12" fill="${INK}"`),
        `<rect x="${margin + rowLabel + 80}" y="${by + 2}" width="${(barMax * clamp01(share)).toFixed(1)}" height="12" fill="${colour.fill}"/>`,
        text(margin + rowLabel + 90 + barMax, by + 12, percent(share), `font-size="12" fill="${MUTED}" font-family='${EXPORT_MONO}'`),
      );
    });
  });
  const loadHeight = loads.reduce((sum, shares) => sum + shares.length * 18 + 16, 0);
  const width = Math.max(margin * 2 + rowLabel + gridWidth, margin * 2 + rowLabel + 90 + barMax + 60);
  return svgDocument(width, loadTop + 14 + loadHeight + margin, parts.join(""), labels.title);
}
