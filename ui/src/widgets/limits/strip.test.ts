import { describe, expect, it } from "vitest";
import type { TokenView } from "../../lib/generated/TokenView";
import { chipTokens, layoutStrip, stripChips } from "./strip";

const enc = new TextEncoder();
const tok = (text: string): TokenView => ({ id: 1, text, bytes: Array.from(enc.encode(text)), partial: false, special: false });
const piece = (bytes: number[]): TokenView => ({
  id: 2,
  text: `<${bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ")}>`,
  bytes,
  partial: true,
  special: false,
});
/** 渝 is E6 B8 9D; the tokenizer splits it into two pieces. */
const yu = () => [piece([0xe6, 0xb8]), piece([0x9d])];
const chars = (text: string) => Array.from(text).map(tok);

describe("stripChips", () => {
  it("joins the byte pieces of one character into one chip that counts both tokens", () => {
    const chips = stripChips([tok("下"), ...yu(), tok("州")], []);
    expect(chips.map((c) => [c.start, c.end, c.text, c.joined, c.cut])).toEqual([
      [0, 1, "下", false, false],
      [1, 3, "渝", true, false],
      [3, 4, "州", false, false],
    ]);
    expect(chipTokens(chips[1])).toBe(2);
    expect(chips[1].bytes).toBe("<E6 B8> + <9D>");
    expect(chips[0].bytes).toBe("");
  });

  it("keeps newlines and ordinary tokens one chip each", () => {
    const chips = stripChips([tok("\n"), tok("江水"), tok("。")], []);
    expect(chips.map((c) => c.text)).toEqual(["\n", "江水", "。"]);
    expect(chips.every((c) => chipTokens(c) === 1 && !c.joined && !c.cut)).toBe(true);
  });

  it("never joins across a boundary: each half is a cut piece naming its character", () => {
    const chips = stripChips([tok("下"), ...yu(), tok("州")], [2]);
    expect(chips.map((c) => [c.start, c.end, c.cut, c.whole])).toEqual([
      [0, 1, false, null],
      [1, 2, true, "渝"],
      [2, 3, true, "渝"],
      [3, 4, false, null],
    ]);
    expect(chips[1].text).toBe("<E6 B8>");
    expect(chips[1].bytes).toBe("<E6 B8>");
  });

  it("marks a piece whose character never completes as cut, without a character", () => {
    const chips = stripChips([tok("a"), piece([0xe6, 0xb8])], []);
    expect(chips[1]).toMatchObject({ start: 1, end: 2, cut: true, whole: null, text: "<E6 B8>" });
  });

  it("ignores breaks at the ends and repeated breaks", () => {
    const tokens = [tok("下"), ...yu()];
    expect(stripChips(tokens, [0, 3, 3, 99]).map((c) => [c.start, c.end])).toEqual([
      [0, 1],
      [1, 3],
    ]);
  });
});

describe("layoutStrip", () => {
  it("sums a joined chip's attention and shades against the largest chip", () => {
    // fact 下 | filler 渝(2 pieces) 州 | question 问; nothing dropped.
    const p = { tokens: [tok("下"), ...yu(), tok("州"), tok("问")], factTokens: 1, questionTokens: 1, windowStart: 0, attention: [0.1, 0.2, 0.2, 0.1, 0.4] };
    const strip = layoutStrip(p, 16);
    expect(strip.head).toEqual([]);
    expect(strip.tail).toEqual([]);
    expect(strip.gap).toBe(0);
    expect(strip.seen.map((c) => [c.start, c.text, chipTokens(c)])).toEqual([
      [0, "下", 1],
      [1, "渝", 2],
      [3, "州", 1],
      [4, "问", 1],
    ]);
    expect(strip.seen[1].attention).toBeCloseTo(0.4);
    expect(strip.seen[1].shade).toBeCloseTo(1);
    expect(strip.seen[3].shade).toBeCloseTo(1);
    expect(strip.seen[0].shade).toBeCloseTo(Math.sqrt(0.25));
    // Every token is in exactly one chip, and the attention adds up to the same total.
    expect(strip.seen.reduce((n, c) => n + chipTokens(c), 0)).toBe(5);
    expect(strip.seen.reduce((a, c) => a + c.attention, 0)).toBeCloseTo(1);
    expect(strip.anyJoined).toBe(true);
    expect(strip.anyCut).toBe(false);
  });

  it("does not join across the window's edge or the fact's end", () => {
    // 渝 straddles the edge at 2: its first piece is dropped, its second seen.
    const p = { tokens: [tok("暗"), ...yu(), tok("州"), tok("问")], factTokens: 1, questionTokens: 1, windowStart: 2, attention: [0.5, 0.25, 0.25] };
    const strip = layoutStrip(p, 16);
    expect(strip.tail.map((c) => [c.start, c.end, c.cut, c.whole])).toEqual([[1, 2, true, "渝"]]);
    expect(strip.seen.map((c) => [c.start, c.end, c.cut])).toEqual([
      [2, 3, true],
      [3, 4, false],
      [4, 5, false],
    ]);
    expect(strip.seen[0].attention).toBe(0.5);
    expect(strip.anyCut).toBe(true);
    // A character split by the fact's end stays split too.
    const q = { tokens: [tok("松"), ...yu(), tok("问")], factTokens: 2, questionTokens: 1, windowStart: 0, attention: [0.25, 0.25, 0.25, 0.25] };
    expect(layoutStrip(q, 16).seen.map((c) => [c.start, c.end, c.cut])).toEqual([
      [0, 1, false],
      [1, 2, true],
      [2, 3, true],
      [3, 4, false],
    ]);
  });

  it("folds the dropped middle into a gap that never cuts a chip, and groups dropped pieces too", () => {
    // fact: 6 tokens; then 20 characters, 渝 among them; the window starts at 30.
    const tokens = [...chars("暗号是青松。"), ...chars("一二三四五六七八九十"), ...yu(), ...chars("甲乙丙丁戊己庚辛壬"), ...chars("尾巴问")];
    const p = { tokens, factTokens: 6, questionTokens: 1, windowStart: 29, attention: Array.from({ length: tokens.length - 29 }, () => 0.1) };
    // A tail of 12 would start at token 17, the second piece of 渝 (16–17): it starts at 16 instead.
    const strip = layoutStrip(p, 12);
    expect(strip.head.map((c) => c.start)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(strip.gap).toBe(10);
    expect(strip.tail[0]).toMatchObject({ start: 16, end: 18, text: "渝", joined: true });
    expect(strip.tail.at(-1)!.end).toBe(29);
    // Drawn and folded tokens add up to all dropped ones.
    const drawn = [...strip.head, ...strip.tail].reduce((n, c) => n + chipTokens(c), 0);
    expect(drawn + strip.gap).toBe(29);
  });
});
