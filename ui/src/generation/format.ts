import type { Lang } from "../lib/generated/Lang";

/** A probability in [0, 1] as a percentage a person can read: "41.2%", "<0.1%", "100%". */
export function percent(p: number): string {
  if (!Number.isFinite(p) || p <= 0) return "0%";
  if (p >= 0.9995) return "100%";
  if (p < 0.0005) return "<0.1%";
  return `${(p * 100).toFixed(1)}%`;
}

/** A parameter or token count, short: 3.2M / 135K (en), 320 万 / 1.4 亿 (zh). */
export function formatCount(n: number, lang: Lang): string {
  const short = (x: number) => (x >= 100 ? Math.round(x).toString() : x.toFixed(1).replace(/\.0$/, ""));
  if (lang === "zh") {
    if (n >= 1e8) return `${short(n / 1e8)} 亿`;
    if (n >= 1e4) return `${short(n / 1e4)} 万`;
    return n.toString();
  }
  if (n >= 1e9) return `${short(n / 1e9)}B`;
  if (n >= 1e6) return `${short(n / 1e6)}M`;
  if (n >= 1e3) return `${short(n / 1e3)}K`;
  return n.toString();
}

/** Characters as a person counts them (code points, so 𝄞 or 你 count once). */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** UTF-8 bytes: what a byte-level tokenizer actually reads. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Removes the C0 control characters (and DEL) a model cannot read, keeping \n and \t;
 * Windows line ends become \n without counting as removed.
 */
export function sanitizePrompt(text: string): { text: string; removed: number } {
  const normalised = text.replace(/\r\n?/g, "\n");
  let removed = 0;
  // eslint-disable-next-line no-control-regex
  const clean = normalised.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, () => {
    removed++;
    return "";
  });
  return { text: clean, removed };
}

export type TextPiece = { text: string; whitespace: boolean };

/** Raw-byte notation in a token's text, e.g. `<E4 B8>`: its spaces are not the text's. */
const BYTE_RUN = /(<[0-9A-F]{2}(?: [0-9A-F]{2})*>)/;

/**
 * A token's text with its invisible characters made visible: a space as "·", a newline
 * as "↵", a tab as "→", so a chip never looks empty. Byte runs like `<E4 B8>` stay as they are.
 */
export function visiblePieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  const push = (value: string, whitespace: boolean) => {
    const last = pieces.at(-1);
    if (last && last.whitespace === whitespace) last.text += value;
    else pieces.push({ text: value, whitespace });
  };
  for (const part of text.split(BYTE_RUN)) {
    if (BYTE_RUN.test(part)) {
      push(part, false);
      continue;
    }
    for (const ch of part) {
      const shown = ch === " " ? "·" : ch === "\n" ? "↵" : ch === "\t" ? "→" : null;
      push(shown ?? ch, shown !== null);
    }
  }
  return pieces;
}

/** A token's text in one line, for labels and tooltips: invisible characters made visible. */
export function tokenLabel(text: string, max = 12): string {
  const shown = visiblePieces(text)
    .map((p) => p.text)
    .join("");
  const chars = [...shown];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : shown;
}

/** Bytes as the tokenizer writes them: "E4 B8 AD". */
export function hexBytes(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
}

/** A random seed for the sampler (u32). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff) >>> 0;
}
