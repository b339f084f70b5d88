import { describe, expect, it } from "vitest";
import { QUESTIONS, gamedAnswer, seedOf } from "./bestofn";
import {
  LENGTH_BAND,
  MAX_SCORE,
  MIN_SCORE,
  RULES,
  chooseBest,
  fired,
  formatScore,
  pointsOf,
  questionLanguage,
  questionPieces,
  repeatedPhrase,
  sameLanguage,
  scoreAnswer,
  sharedPieces,
  summarize,
  units,
  type RuleId,
} from "./scorer";

const AUTHOR = "《静夜思》的作者是谁？";
const TOKEN = "What is a token?";

const ids = (question: string, text: string, ended = true) => scoreAnswer(question, { text, ended }).hits.map((h) => h.id);

describe("the rules as published", () => {
  it("lists each rule once, rewards before penalties, with the points the widget shows", () => {
    expect(RULES.map((r) => [r.id, r.points])).toEqual([
      ["ended", 2],
      ["length", 1],
      ["language", 1],
      ["overlap", 1],
      ["repeats", -2],
      ["empty", -3],
    ]);
    expect(MAX_SCORE).toBe(5);
    expect(MIN_SCORE).toBe(-5);
    expect(pointsOf("repeats")).toBe(-2);
  });

  it("gives a good answer every reward and no penalty: full marks", () => {
    const scored = scoreAnswer(AUTHOR, { text: "《静夜思》的作者是李白。", ended: true });
    expect(scored.hits.map((h) => h.id)).toEqual(["ended", "length", "language", "overlap"]);
    expect(scored.score).toBe(MAX_SCORE);
  });

  it("scores as the sum of the points of the rules that fire", () => {
    for (const text of ["李白", "不知何处，不知何处，不知何处", "", "A token is a piece of text.", "写一首词写一首词"]) {
      for (const ended of [true, false]) {
        const scored = scoreAnswer(AUTHOR, { text, ended });
        expect(scored.score).toBe(scored.hits.reduce((sum, h) => sum + pointsOf(h.id), 0));
        for (const h of scored.hits) expect(h.points).toBe(pointsOf(h.id));
      }
    }
  });
});

describe("+2 stops by itself", () => {
  it("fires when the model wrote its end-of-text token, not when it ran out of tokens", () => {
    expect(ids(AUTHOR, "李白。", true)).toContain("ended");
    expect(ids(AUTHOR, "李白。", false)).not.toContain("ended");
  });

  it("is worth two points: the same text scores 2 more when it ended", () => {
    const text = "《静夜思》的作者是杜甫。";
    expect(scoreAnswer(AUTHOR, { text, ended: true }).score - scoreAnswer(AUTHOR, { text, ended: false }).score).toBe(2);
  });
});

describe("+1 sensible length", () => {
  it("counts a Chinese character or an English word as one unit, leaving out spaces and punctuation", () => {
    expect(units("《静夜思》的作者是李白。")).toEqual(["静", "夜", "思", "的", "作", "者", "是", "李", "白"]);
    expect(units("A token is a word, or part of one.")).toEqual(["a", "token", "is", "a", "word", "or", "part", "of", "one"]);
    expect(units("BPE是字节对编码")).toEqual(["bpe", "是", "字", "节", "对", "编", "码"]);
    expect(units(" \n，。！")).toEqual([]);
  });

  it(`fires from ${LENGTH_BAND.min} to ${LENGTH_BAND.max} units, both ends included, and reports the length`, () => {
    const han = (count: number) => "字".repeat(count);
    // Different characters, so the repetition rule stays out of it.
    const distinct = (count: number) => Array.from({ length: count }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join("");
    expect(ids(AUTHOR, han(LENGTH_BAND.min - 1))).not.toContain("length");
    expect(ids(AUTHOR, distinct(LENGTH_BAND.min))).toContain("length");
    expect(ids(AUTHOR, distinct(LENGTH_BAND.max))).toContain("length");
    expect(ids(AUTHOR, distinct(LENGTH_BAND.max + 1))).not.toContain("length");
    const hit = scoreAnswer(AUTHOR, { text: distinct(12), ended: false }).hits.find((h) => h.id === "length");
    expect(hit?.detail).toEqual(["12"]);
  });

  it("measures English in words, not letters", () => {
    expect(ids(TOKEN, "Tokenization.")).not.toContain("length");
    expect(ids(TOKEN, "A token is a unit of text.")).toContain("length");
  });
});

describe("+1 same language as the question", () => {
  it("reads a question with any Chinese character as Chinese, else one with letters as English", () => {
    expect(questionLanguage(AUTHOR)).toBe("zh");
    expect(questionLanguage("什么是BPE？")).toBe("zh");
    expect(questionLanguage(TOKEN)).toBe("en");
    expect(questionLanguage("？？")).toBeNull();
  });

  it("fires for an answer mostly in the question's language", () => {
    expect(sameLanguage(AUTHOR, "李白。")).toBe(true);
    expect(sameLanguage(AUTHOR, "Li Bai wrote it.")).toBe(false);
    expect(sameLanguage(TOKEN, "A token is a piece of text.")).toBe(true);
    expect(sameLanguage(TOKEN, "词元是模型读写文字的单位。")).toBe(false);
    expect(sameLanguage("什么是BPE？", "BPE是字节对编码。")).toBe(true);
  });

  it("does not fire on a half-and-half answer, nor on an empty one", () => {
    expect(ids(TOKEN, "A token 是一个词元 unit")).not.toContain("language");
    expect(ids(AUTHOR, "", true)).not.toContain("language");
  });
});

describe("+1 uses words from the question", () => {
  it("takes pairs of neighbouring Chinese characters, leaving out the asking ones", () => {
    expect(questionPieces(AUTHOR)).toEqual(["静夜", "夜思"]);
    expect(questionPieces("什么是温度？")).toEqual(["温度"]);
  });

  it("takes English words of three letters or more, leaving out question words", () => {
    expect(questionPieces(TOKEN)).toEqual(["token"]);
    expect(questionPieces("What does temperature do?")).toEqual(["temperature"]);
    expect(questionPieces("什么是BPE？")).toEqual(["bpe"]);
  });

  it("fires when the answer uses at least one, and names them", () => {
    expect(sharedPieces(AUTHOR, "作者是李白。")).toEqual([]);
    expect(sharedPieces(AUTHOR, "《静夜思》的作者是李白。")).toEqual(["静夜", "夜思"]);
    expect(sharedPieces(AUTHOR, "李白。")).toEqual([]);
    expect(scoreAnswer(AUTHOR, { text: "《静夜思》是李白写的。", ended: true }).hits.find((h) => h.id === "overlap")?.detail).toEqual(["静夜", "夜思"]);
    expect(ids(AUTHOR, "作者是李白。")).not.toContain("overlap");
    expect(ids(AUTHOR, "李白写的。")).not.toContain("overlap");
  });

  it("matches English whole words, in any case", () => {
    expect(ids(TOKEN, "Tokens are pieces of text.")).not.toContain("overlap");
    expect(ids(TOKEN, "TOKEN means a piece of text.")).toContain("overlap");
  });
});

describe("−2 repeats itself", () => {
  it("finds the same four units twice and reports them", () => {
    expect(repeatedPhrase("不知何处，不知何处。")).toBe("不知何处");
    expect(repeatedPhrase("the end of the day and the end of the day")).toBe("the end of the");
    expect(ids(AUTHOR, "不知何处，不知何处。")).toContain("repeats");
  });

  it("counts overlapping runs: a character said over and over repeats", () => {
    expect(repeatedPhrase("哈哈哈哈哈")).toBe("哈哈哈哈");
  });

  it("leaves three repeated units, or four repeated apart from each other's order, alone", () => {
    expect(repeatedPhrase("明月光，明月光。")).toBeNull();
    expect(repeatedPhrase("A token is a token.")).toBeNull();
    expect(ids(AUTHOR, "《静夜思》的作者是李白。")).not.toContain("repeats");
  });

  it("takes two points away", () => {
    const clean = scoreAnswer(AUTHOR, { text: "不知何处来", ended: false });
    const looped = scoreAnswer(AUTHOR, { text: "不知何处，不知何处", ended: false });
    expect(fired(looped, "repeats")).toBe(true);
    expect(looped.hits.find((h) => h.id === "repeats")?.points).toBe(-2);
    expect(clean.score - looped.score).toBe(2);
  });
});

describe("−3 empty", () => {
  it("fires when not a single character or word was written", () => {
    expect(ids(AUTHOR, "", true)).toEqual(["ended", "empty"]);
    expect(ids(AUTHOR, "  \n。", false)).toEqual(["empty"]);
    expect(ids(AUTHOR, "李", false)).not.toContain("empty");
  });

  it("makes an empty answer that ended score below an unended rambling one", () => {
    expect(scoreAnswer(AUTHOR, { text: "", ended: true }).score).toBe(-1);
    expect(scoreAnswer(AUTHOR, { text: "", ended: false }).score).toBe(-3);
  });
});

describe("the loopholes the widget asks learners to find", () => {
  it("gives each preset's gamed answer full marks, though it is wrong or says nothing", () => {
    for (const q of QUESTIONS) {
      const scored = scoreAnswer(q.text, { text: q.gamed, ended: true });
      expect(scored.score, `${q.key}: ${q.gamed}`).toBe(MAX_SCORE);
    }
  });

  it("scores a wrong poet exactly as high as the right one: the rules check no facts", () => {
    const right = scoreAnswer(AUTHOR, { text: "《静夜思》的作者是李白。", ended: true });
    const wrong = scoreAnswer(AUTHOR, { text: "《静夜思》的作者是杜甫。", ended: true });
    expect(wrong.score).toBe(right.score);
  });

  it("prefers echoing the question to a bare correct answer", () => {
    expect(scoreAnswer(AUTHOR, { text: "李白。", ended: true }).score).toBeLessThan(
      scoreAnswer(AUTHOR, { text: gamedAnswer(AUTHOR), ended: true }).score,
    );
  });

  it("games any other question by saying it back", () => {
    const q = "什么是注意力机制？";
    expect(gamedAnswer(`  ${q} `)).toBe(q);
    expect(scoreAnswer(q, { text: gamedAnswer(q), ended: true }).score).toBe(MAX_SCORE);
  });
});

describe("choosing and summarising", () => {
  it("chooses the highest score, the earlier answer on a tie, none from nothing", () => {
    expect(chooseBest([1, 4, 2, 4])).toBe(1);
    expect(chooseBest([-1, -3])).toBe(0);
    expect(chooseBest([3])).toBe(0);
    expect(chooseBest([])).toBe(-1);
  });

  it("averages the score and counts the share that ended or repeats", () => {
    const a = scoreAnswer(AUTHOR, { text: "《静夜思》的作者是李白。", ended: true }); // 5
    const b = scoreAnswer(AUTHOR, { text: "不知何处，不知何处", ended: false }); // language, length (8 units), repeats: 0
    expect(b.score).toBe(0);
    expect(summarize([a, b])).toEqual({ count: 2, meanScore: 2.5, endedShare: 0.5, repeatsShare: 0.5 });
    expect(summarize([])).toBeNull();
  });

  it("writes scores with a sign and a true minus", () => {
    expect(formatScore(3)).toBe("+3");
    expect(formatScore(0)).toBe("0");
    expect(formatScore(-2)).toBe("\u22122");
    expect(formatScore(2.25, 1)).toBe("+2.3");
    expect(formatScore(-0.04, 1)).toBe("0.0");
  });
});

describe("seeds", () => {
  it("gives every answer of every round its own seed, and n = 8 the same first four as n = 4", () => {
    const seeds = [0, 1, 2].flatMap((r) => Array.from({ length: 8 }, (_, i) => seedOf(r, i)));
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seedOf(0, 0)).toBe(100);
    expect(seedOf(2, 3)).toBe(303);
  });
});

// Every rule has at least one test above that makes it fire and one that keeps it quiet.
const covered: RuleId[] = ["ended", "length", "language", "overlap", "repeats", "empty"];
it("covers every published rule", () => {
  expect(RULES.map((r) => r.id).sort()).toEqual([...covered].sort());
});
