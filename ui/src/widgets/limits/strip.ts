/**
 * Lesson 11's token strip as chips: byte pieces that together make a character are one chip
 * (渝 instead of `<E6 B8>` `<9D>`), never joined across a boundary the strip marks (the fact's
 * end, the window's left edge, the question's start), so each chip is wholly dropped or seen,
 * wholly fact or not. Every chip knows how many tokens it stands for. No Svelte here.
 */
import type { TokenView } from "../../lib/generated/TokenView";
import { groupTokens } from "../probes/traced";
import { attentionShades, droppedShown } from "./context";

/** One chip: tokens `start` to `end` (exclusive). */
export interface StripChip {
  start: number;
  end: number;
  /** What the chip reads: the token's text, or the characters its byte pieces make. */
  text: string;
  /** Several byte pieces joined into whole characters. */
  joined: boolean;
  /** A byte piece whose character a boundary cuts apart: shown as a faint "…". */
  cut: boolean;
  /** For joined and cut chips, the pieces' bytes as the tokenizer writes them ("<E6 B8> + <9D>"). */
  bytes: string;
  /** For a cut piece, the character(s) it belongs to across the boundary; null when unknown. */
  whole: string | null;
  special: boolean;
}

/** A chip inside the window, with its tokens' summed attention and the shade drawn for it. */
export interface SeenChip extends StripChip {
  attention: number;
  shade: number;
}

/** How many tokens a chip stands for. */
export function chipTokens(chip: Pick<StripChip, "start" | "end">): number {
  return chip.end - chip.start;
}

/**
 * The tokens as chips. Byte pieces join (see `groupTokens`) only inside the stretches between
 * `breaks`; a piece left on its own because a break splits its character is `cut`, and names the
 * character it belongs to when the pieces on both sides make one.
 */
export function stripChips(tokens: TokenView[], breaks: number[]): StripChip[] {
  const n = tokens.length;
  const edges = [...new Set([0, ...breaks.filter((b) => b > 0 && b < n), n])].sort((a, b) => a - b);
  const across = groupTokens(tokens);
  const wholeOf = (i: number): string | null => {
    const g = across.find((x) => x.start <= i && i < x.end);
    return g && g.partial && g.end - g.start > 1 ? g.text : null;
  };
  const chips: StripChip[] = [];
  for (let e = 0; e + 1 < edges.length; e++) {
    const from = edges[e];
    for (const g of groupTokens(tokens.slice(from, edges[e + 1]))) {
      const start = from + g.start;
      const end = from + g.end;
      const pieces = tokens.slice(start, end);
      const joined = g.partial && end - start > 1;
      const cut = g.partial && !joined;
      chips.push({
        start,
        end,
        text: g.text,
        joined,
        cut,
        bytes: g.partial ? pieces.map((t) => t.text).join(" + ") : "",
        whole: cut ? wholeOf(start) : null,
        special: g.special,
      });
    }
  }
  return chips;
}

/** The probe's parts the strip needs. */
export interface StripProbe {
  tokens: TokenView[];
  factTokens: number;
  questionTokens: number;
  windowStart: number;
  /** Entry i belongs to token `windowStart + i`. */
  attention: number[];
}

export interface StripLayout {
  /** Dropped chips drawn before the gap (the fact's, while they are outside). */
  head: StripChip[];
  /** Dropped tokens folded into one gap between head and tail. */
  gap: number;
  /** Dropped chips drawn right before the window's edge. */
  tail: StripChip[];
  /** The chips inside the window, shaded by their summed attention. */
  seen: SeenChip[];
  /** Whether any chip joins pieces, or any piece is cut (for the legend). */
  anyJoined: boolean;
  anyCut: boolean;
}

/**
 * The strip laid out: the fact's dropped chips, a gap, the last dropped chips before the edge
 * (about `tail` tokens; never half a chip), and the window's chips. A chip's attention is the sum
 * of its tokens', and shades are relative to the largest chip.
 */
export function layoutStrip(p: StripProbe, tail: number): StripLayout {
  const total = p.tokens.length;
  const chips = stripChips(p.tokens, [p.factTokens, p.windowStart, total - p.questionTokens]);
  const shown = droppedShown(p.factTokens, p.windowStart, tail);
  // The tail begins at a chip's start: a chip the gap would cut joins the tail.
  const straddling = chips.find((c) => c.start < shown.gapTo && shown.gapTo < c.end);
  const gapTo = straddling ? Math.max(shown.gapFrom, straddling.start) : shown.gapTo;
  const dropped = chips.filter((c) => c.end <= p.windowStart);
  const inside = chips.filter((c) => c.start >= p.windowStart);
  const sums = inside.map((c) => {
    let sum = 0;
    for (let i = c.start; i < c.end; i++) {
      const a = p.attention[i - p.windowStart];
      if (Number.isFinite(a)) sum += a;
    }
    return sum;
  });
  const shades = attentionShades(sums);
  return {
    head: dropped.filter((c) => c.end <= shown.head),
    gap: gapTo - shown.gapFrom,
    tail: dropped.filter((c) => c.start >= gapTo),
    seen: inside.map((c, k) => ({ ...c, attention: sums[k], shade: shades[k] })),
    anyJoined: chips.some((c) => c.joined && (c.end <= shown.head || c.start >= gapTo)),
    anyCut: chips.some((c) => c.cut && (c.end <= shown.head || c.start >= gapTo)),
  };
}
