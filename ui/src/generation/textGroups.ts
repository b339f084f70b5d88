import type { TokenView } from "../lib/generated/TokenView";

/** A run of tokens shown as one piece of text: usually one token, several when a character is split. */
export type TextGroup = {
  /** Token indices start..end (exclusive). */
  start: number;
  end: number;
  text: string;
  /** Bytes that do not form whole characters (shown as the tokens' hex text). */
  broken: boolean;
};

/** Whether `bytes` stop in the middle of a multi-byte UTF-8 character. */
export function endsMidCharacter(bytes: number[]): boolean {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return back < needed;
  }
  return false;
}

/**
 * Groups tokens into readable text: consecutive byte pieces that together make whole
 * characters become one group (so 中 split over two tokens reads 中, not <E4 B8><AD>).
 * Groups never cross `boundary` (where the prompt ends). Bytes that never complete keep
 * the tokens' own hex text, flagged `broken`.
 */
export function groupTokens(tokens: TokenView[], boundary: number): TextGroup[] {
  const groups: TextGroup[] = [];
  let start = -1;
  let bytes: number[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });

  const flushBroken = (end: number) => {
    if (start < 0) return;
    groups.push({ start, end, text: tokens.slice(start, end).map((t) => t.text).join(""), broken: true });
    start = -1;
    bytes = [];
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (i === boundary) flushBroken(i);
    if (token.bytes.length === 0 || token.special) {
      flushBroken(i);
      groups.push({ start: i, end: i + 1, text: token.text, broken: false });
      continue;
    }
    if (start < 0) start = i;
    bytes.push(...token.bytes);
    if (endsMidCharacter(bytes)) {
      if (i - start >= 3) flushBroken(i + 1);
      continue;
    }
    try {
      const text = decoder.decode(new Uint8Array(bytes));
      groups.push({ start, end: i + 1, text, broken: false });
      start = -1;
      bytes = [];
    } catch {
      flushBroken(i + 1);
    }
  }
  flushBroken(tokens.length);
  return groups;
}
