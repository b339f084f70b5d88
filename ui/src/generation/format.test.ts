import { describe, expect, it } from "vitest";
import { characterCount, formatCount, hexBytes, percent, sanitizePrompt, tokenLabel, utf8Length, visiblePieces } from "./format";
import { endsMidCharacter, groupTokens } from "./textGroups";
import { PROMPT_TOKENS, token, END_OF_TEXT } from "./fixtures";

describe("format", () => {
  it("writes probabilities as percentages, never hiding tiny ones as 0", () => {
    expect(percent(0.4623)).toBe("46.2%");
    expect(percent(1)).toBe("100%");
    expect(percent(0.0001)).toBe("<0.1%");
    expect(percent(0)).toBe("0%");
    expect(percent(Number.NaN)).toBe("0%");
  });

  it("shortens counts the way each language does", () => {
    expect(formatCount(3_200_000, "en")).toBe("3.2M");
    expect(formatCount(3_200_000, "zh")).toBe("320 万");
    expect(formatCount(135_000_000, "zh")).toBe("1.4 亿");
    expect(formatCount(4096, "en")).toBe("4.1K");
    expect(formatCount(950, "zh")).toBe("950");
  });

  it("counts characters as people do and bytes as the tokenizer does", () => {
    expect(characterCount("今天 ok")).toBe(5);
    expect(characterCount("𝄞")).toBe(1);
    expect(utf8Length("今天 ok")).toBe(9);
  });

  it("strips control characters except newline and tab, and counts them", () => {
    const pasted = "a\u0000b\u0007c\n\td\u001b[0m\u007f\r\ne";
    const { text, removed } = sanitizePrompt(pasted);
    expect(text).toBe("abc\n\td[0m\ne");
    expect(removed).toBe(4); // NUL, BEL, ESC, DEL
    expect(sanitizePrompt("今天天气很好").removed).toBe(0);
  });

  it("makes whitespace in tokens visible", () => {
    expect(visiblePieces(" the")).toEqual([
      { text: "·", whitespace: true },
      { text: "the", whitespace: false },
    ]);
    expect(tokenLabel("\n\n")).toBe("↵↵");
    expect(tokenLabel("abcdefghijklmnop", 5)).toBe("abcd…");
    expect(hexBytes([0xe4, 0xb8, 0x7])).toBe("E4 B8 07");
  });
});

describe("groupTokens", () => {
  it("joins byte pieces into the character they make", () => {
    const groups = groupTokens(PROMPT_TOKENS, PROMPT_TOKENS.length);
    expect(groups.map((g) => g.text)).toEqual(["今", "天", "气", "很"]);
    expect(groups[1]).toMatchObject({ start: 1, end: 3, broken: false });
  });

  it("never joins across the end of the prompt and shows unfinished bytes honestly", () => {
    const tokens = [token(1, "a"), token(300, "<E5 A4>", { bytes: [0xe5, 0xa4], partial: true })];
    const groups = groupTokens(tokens, 2);
    expect(groups[1]).toMatchObject({ text: "<E5 A4>", broken: true });
    expect(endsMidCharacter([0xe5, 0xa4])).toBe(true);
    expect(endsMidCharacter([0xe5, 0xa4, 0xa9])).toBe(false);
  });

  it("keeps special tokens apart and shows a stray continuation byte as bytes", () => {
    const tokens = [token(301, "<A9>", { bytes: [0xa9], partial: true }), END_OF_TEXT, token(5, "x")];
    expect(groupTokens(tokens, 0).map((g) => [g.text, g.broken])).toEqual([
      ["<A9>", true],
      ["<|endoftext|>", false],
      ["x", false],
    ]);
  });
});
