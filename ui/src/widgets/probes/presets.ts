/** The probe widgets' prepared examples and settings. No Svelte here. */
import type { Lang } from "../../lib/generated/Lang";

// ----- lesson 10: false premise ------------------------------------------------------------------

export const FALSE_PREMISE = {
  model: "tiny",
  maxTokens: 24,
  /** The default seed when sampling. */
  seed: 1,
  /** How many of the surest and of the most torn steps are marked. */
  marked: 3,
} as const;

export interface Opening {
  key: string;
  text: string;
  lang: Lang;
  /** What is false in it, in each course language. */
  why: Record<Lang, string>;
}

export const OPENINGS: readonly Opening[] = [
  {
    key: "libai-redchamber",
    text: "李白写《红楼梦》的时候，",
    lang: "zh",
    why: { zh: "《红楼梦》是清代曹雪芹写的；李白是唐代诗人。", en: "Dream of the Red Chamber is by Cao Xueqin (Qing dynasty); Li Bai was a Tang poet." },
  },
  {
    key: "dufu-car",
    text: "杜甫在长安开车的时候，",
    lang: "zh",
    why: { zh: "杜甫生活在唐代，那时没有汽车。", en: "Du Fu lived in the Tang dynasty; there were no cars." },
  },
  {
    key: "sushi-phone",
    text: "苏轼给李清照打电话，说",
    lang: "zh",
    why: { zh: "宋代没有电话；而且苏轼去世时李清照还是个孩子。", en: "The Song dynasty had no telephones, and Li Qingzhao was a child when Su Shi died." },
  },
  {
    key: "darcy-car",
    text: "Mr. Darcy's car broke down, so",
    lang: "en",
    why: { zh: "奥斯汀的时代还没有汽车。", en: "There were no cars in Austen's day." },
  },
  {
    key: "elizabeth-email",
    text: "When Elizabeth sent Jane an email,",
    lang: "en",
    why: { zh: "奥斯汀的时代没有电子邮件。", en: "There was no email in Austen's day." },
  },
  {
    key: "emma-paris",
    text: "After Emma flew to Paris for the weekend,",
    lang: "en",
    why: { zh: "那时没有飞机。", en: "There were no aeroplanes then." },
  },
];

// ----- lesson 11: hallucination ------------------------------------------------------------------

export const HALLUCINATION = {
  model: "tiny-sft",
  maxTokens: 32,
  /** "Ask again": these seeds, one after another, temperature 1, top-p 0.95. */
  seeds: [1, 2, 3, 4, 5],
  topP: 0.95,
} as const;

/** What is true: a known answer in the corpus, or none at all. */
export type Truth =
  | { kind: "known"; answer: string; note: Record<Lang, string> }
  | { kind: "absent"; note: Record<Lang, string> };

export interface Question {
  key: string;
  text: string;
  truth: Truth;
}

/** Where the answer to "who wrote" begins in the model's written text. */
export const ANSWER_MARKERS = ["作者是", " by", " is", " was"];

export const QUESTIONS: readonly Question[] = [
  {
    key: "jingyesi",
    text: "《静夜思》的作者是谁？",
    truth: {
      kind: "known",
      answer: "李白",
      note: { zh: "语料里有这首诗：作者是李白。", en: "The corpus has this poem: it is by Li Bai (李白)." },
    },
  },
  {
    key: "jiangxue",
    text: "《江雪》的作者是谁？",
    truth: {
      kind: "known",
      answer: "柳宗元",
      note: {
        zh: "语料里有这首诗：作者是柳宗元，不是李白。模型读过它，照样答错。",
        en: "The corpus has this poem: it is by Liu Zongyuan (柳宗元), not Li Bai. The model read it and still gets it wrong.",
      },
    },
  },
  {
    key: "harbour-zh",
    text: "《寂静的港湾》的作者是谁？",
    truth: {
      kind: "absent",
      note: { zh: "没有这首诗，是我们编的：任何作者都是编出来的。", en: "There is no such poem; we made it up, so any author is invented." },
    },
  },
  {
    key: "hongloumeng",
    text: "《红楼梦》讲的是什么？",
    truth: {
      kind: "absent",
      note: {
        zh: "《红楼梦》不在语料里（语料只有唐诗、宋词和奥斯汀），模型无从知道答案。",
        en: "Dream of the Red Chamber is not in the corpus (only Tang poems, Song ci and Austen), so the model cannot know.",
      },
    },
  },
  {
    key: "harbour-en",
    text: "Who wrote the novel The Silent Harbour?",
    truth: {
      kind: "absent",
      note: { zh: "没有这本小说，是我们编的。", en: "There is no such novel; we made it up." },
    },
  },
];

// ----- lesson 11: domain gap ---------------------------------------------------------------------

export const DOMAIN_GAP = {
  model: "tiny",
  maxTokens: 24,
} as const;

export interface Pair {
  key: string;
  /** In the model's training domain (the baseline). */
  inside: string;
  /** Far from it. */
  outside: string;
  label: Record<Lang, string>;
}

export const PAIRS: readonly Pair[] = [
  {
    key: "poem-prd",
    inside: "床前明月光，疑是地上霜。",
    outside: "如何写一份产品需求文档？",
    label: { zh: "古诗 / 需求文档", en: "Tang poem / requirements doc" },
  },
  {
    key: "austen-roadmap",
    inside: "It is a truth universally acknowledged, that a single man in possession of a good fortune",
    outside: "How should we prioritise the roadmap?",
    label: { zh: "奥斯汀 / 路线图", en: "Austen / roadmap" },
  },
  {
    key: "ci-okr",
    inside: "明月几时有？把酒问青天。",
    outside: "下个季度的 OKR 应该怎么定？",
    label: { zh: "宋词 / OKR", en: "Song ci / OKRs" },
  },
];
