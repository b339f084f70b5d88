/**
 * Lesson 1's concept map: AI ⊃ ML ⊃ DL ⊃ Transformer (GPT, BERT, MoE inside it), the other ways
 * of doing AI beside machine learning, and NLP, CV and speech as application areas that cut
 * across the rings rather than sitting inside one (lessons/{zh,en}/01-concepts.md {#ai-ml-dl}, {#areas}).
 *
 * The layout is fixed in SVG user units; the tests check that every box sits inside its parent,
 * that boxes and labels do not collide, and that everything stays inside the view box.
 */
import type { Bilingual, TermKind } from "./glossaryTerms";

export type ConceptId =
  | "ai"
  | "expert-systems"
  | "search"
  | "bayesian-networks"
  | "ml"
  | "dl"
  | "transformer"
  | "gpt"
  | "bert"
  | "moe"
  | "nlp"
  | "cv"
  | "speech";

/** ring: contains other concepts; box: a leaf; area: an application area drawn as a band. */
export type ConceptShape = "ring" | "box" | "area";

export interface ConceptNode {
  id: ConceptId;
  /** The concept this one sits inside; null for AI. */
  parent: ConceptId | null;
  shape: ConceptShape;
  /** The glossary's kind for it (field, method, architecture…). */
  kind: TermKind;
  /** Full name, for the detail panel and the screen reader. */
  name: Bilingual;
  /** The two lines drawn on the map: Chinese first, English small below. */
  label: Bilingual;
  /** Short form used in the chain "GPT ⊂ Transformer ⊂ …". */
  short: Bilingual;
  /** One or two plain sentences. */
  explain: Bilingual;
  /** For an area: the technique it mostly uses today (drawn as a dashed highlight). */
  uses?: ConceptId[];
  box: { x: number; y: number; w: number; h: number };
}

export const VIEW = { w: 800, h: 566 };

/** Font sizes in SVG units; the map is drawn about 700–1100 px wide, so these stay readable. */
export const FONT = {
  ring: { zh: 20, en: 13 },
  box: { zh: 17, en: 13.5 },
  area: { zh: 17, en: 13.5 },
  caption: 13,
};

/** The drawing order: outer before inner, areas last so they lie across the rings. */
export const CONCEPTS: ConceptNode[] = [
  {
    id: "ai",
    parent: null,
    shape: "ring",
    kind: "field",
    name: { zh: "人工智能", en: "Artificial intelligence (AI)" },
    label: { zh: "人工智能", en: "Artificial intelligence" },
    short: { zh: "人工智能", en: "AI" },
    explain: {
      zh: "人工智能是整个领域：让机器去做通常要靠人类智能才能完成的事。机器学习只是其中的一类做法，旁边还有专家系统、搜索、贝叶斯网络等。",
      en: "AI is the whole field: getting machines to do things that normally take human intelligence. Machine learning is only one family of ways to do it; expert systems, search and Bayesian networks are others.",
    },
    box: { x: 4, y: 4, w: 792, h: 558 },
  },
  {
    id: "expert-systems",
    parent: "ai",
    shape: "box",
    kind: "method",
    name: { zh: "专家系统", en: "Expert systems" },
    label: { zh: "专家系统", en: "Expert systems" },
    short: { zh: "专家系统", en: "Expert systems" },
    explain: {
      zh: "专家系统由懂行的人把知识写成一条条规则，程序照着规则推理。它属于人工智能，但规则是人写的，不是从数据里学来的，所以在机器学习的圈外。",
      en: "An expert system reasons with rules that people who know the domain write down one by one. It is AI, but the rules are written, not learned from data, so it sits outside the machine-learning ring.",
    },
    box: { x: 20, y: 96, w: 160, h: 56 },
  },
  {
    id: "search",
    parent: "ai",
    shape: "box",
    kind: "method",
    name: { zh: "搜索", en: "Search" },
    label: { zh: "搜索", en: "Search" },
    short: { zh: "搜索", en: "Search" },
    explain: {
      zh: "搜索在所有可能的走法里系统地寻找最好的一步，比如下棋程序往前推算几步。它靠有条理地尝试，而不是从数据里总结规律。",
      en: "Search looks systematically through the possible moves for the best one, as a chess program looks a few moves ahead. It works by trying options in an orderly way, not by learning patterns from data.",
    },
    box: { x: 20, y: 166, w: 160, h: 56 },
  },
  {
    id: "bayesian-networks",
    parent: "ai",
    shape: "box",
    kind: "method",
    name: { zh: "贝叶斯网络", en: "Bayesian networks" },
    label: { zh: "贝叶斯网络", en: "Bayesian networks" },
    short: { zh: "贝叶斯网络", en: "Bayesian networks" },
    explain: {
      zh: "贝叶斯网络用一张带概率的图描述事物之间怎样相互影响，再据此推理，比如由症状推断各种病因的可能性。",
      en: "A Bayesian network describes how things influence each other with a graph of probabilities and reasons with it, for example from symptoms to the likely causes.",
    },
    box: { x: 20, y: 236, w: 160, h: 56 },
  },
  {
    id: "ml",
    parent: "ai",
    shape: "ring",
    kind: "method",
    name: { zh: "机器学习", en: "Machine learning (ML)" },
    label: { zh: "机器学习", en: "Machine learning" },
    short: { zh: "机器学习", en: "Machine learning" },
    explain: {
      zh: "机器学习不把规则直接写进程序，而是让程序从数据里自己总结规律。它是人工智能里的一类做法。",
      en: "Machine learning lets the program work out the patterns from data instead of having the rules written in. It is one family of methods within AI.",
    },
    box: { x: 196, y: 54, w: 588, h: 496 },
  },
  {
    id: "dl",
    parent: "ml",
    shape: "ring",
    kind: "method",
    name: { zh: "深度学习", en: "Deep learning (DL)" },
    label: { zh: "深度学习", en: "Deep learning" },
    short: { zh: "深度学习", en: "Deep learning" },
    explain: {
      zh: "深度学习是用很多层神经网络的机器学习，“深”指的就是层数多。今天的大语言模型都属于深度学习。",
      en: "Deep learning is machine learning with neural networks of many layers; “deep” just means many layers. Today's large language models are all deep learning.",
    },
    box: { x: 222, y: 112, w: 550, h: 426 },
  },
  {
    id: "transformer",
    parent: "dl",
    shape: "ring",
    kind: "architecture",
    name: { zh: "Transformer 架构", en: "Transformer architecture" },
    label: { zh: "Transformer 架构", en: "Transformer architecture" },
    short: { zh: "Transformer", en: "Transformer" },
    explain: {
      zh: "Transformer 是 2017 年提出的、以注意力机制为核心的神经网络架构，今天几乎所有大语言模型都以它为骨架。",
      en: "The Transformer is a neural-network architecture built around attention, introduced in 2017; nearly every large language model today is built on it.",
    },
    box: { x: 248, y: 172, w: 510, h: 156 },
  },
  {
    id: "gpt",
    parent: "transformer",
    shape: "box",
    kind: "architecture",
    name: { zh: "GPT（仅解码器）", en: "GPT (decoder-only)" },
    label: { zh: "GPT · 仅解码器", en: "decoder-only" },
    short: { zh: "GPT", en: "GPT" },
    explain: {
      zh: "GPT 只保留了 Transformer 的解码器，用因果注意力：每个词元只看得到自己和前面的词元，所以能一个接一个往下写。它没有编码器。",
      en: "GPT keeps only the Transformer's decoder, with causal attention: each token sees only itself and the tokens before it, so it can write one token after another. It has no encoder.",
    },
    box: { x: 264, y: 234, w: 150, h: 80 },
  },
  {
    id: "bert",
    parent: "transformer",
    shape: "box",
    kind: "architecture",
    name: { zh: "BERT（仅编码器）", en: "BERT (encoder-only)" },
    label: { zh: "BERT · 仅编码器", en: "encoder-only" },
    short: { zh: "BERT", en: "BERT" },
    explain: {
      zh: "BERT 只保留了编码器，用双向注意力把一段文字前后都看一遍，适合分类、检索这类“读懂”的任务，但不擅长续写。",
      en: "BERT keeps only the encoder and reads a passage in both directions with bidirectional attention. That suits understanding tasks such as classification and search, but it is not built to continue text.",
    },
    box: { x: 428, y: 234, w: 150, h: 80 },
  },
  {
    id: "moe",
    parent: "transformer",
    shape: "box",
    kind: "architecture",
    name: { zh: "混合专家（MoE）", en: "Mixture of Experts (MoE)" },
    label: { zh: "混合专家 MoE", en: "Mixture of Experts" },
    short: { zh: "MoE", en: "MoE" },
    explain: {
      zh: "MoE 是对 Transformer 前馈层的一种改造：每层的前馈网络换成几个并排的“专家”和一个路由器，每个词元只交给得分最高的几个专家。专家是同一个模型里的零件，不是几个独立的模型。",
      en: "MoE changes the Transformer's feed-forward layer: in each layer it becomes several parallel “experts” plus a router, and each token goes only to the top-scoring few. The experts are parts of one model, not separate models.",
    },
    box: { x: 592, y: 234, w: 150, h: 80 },
  },
  {
    id: "nlp",
    parent: "ai",
    shape: "area",
    kind: "field",
    name: { zh: "自然语言处理", en: "Natural language processing (NLP)" },
    label: { zh: "自然语言处理", en: "NLP (language)" },
    short: { zh: "自然语言处理", en: "NLP" },
    explain: {
      zh: "自然语言处理是按“处理文字”划分的应用领域，不是技术的一层，所以它横跨各个圈。今天它大多用深度学习来做，大语言模型就属于这个领域。",
      en: "NLP is an application area defined by its data, text, not a layer of technique, so it cuts across the rings. Today it mostly uses deep learning, and large language models belong to it.",
    },
    uses: ["dl"],
    box: { x: 16, y: 350, w: 728, h: 48 },
  },
  {
    id: "cv",
    parent: "ai",
    shape: "area",
    kind: "field",
    name: { zh: "计算机视觉", en: "Computer vision (CV)" },
    label: { zh: "计算机视觉", en: "CV (vision)" },
    short: { zh: "计算机视觉", en: "CV" },
    explain: {
      zh: "计算机视觉是处理图片和视频的应用领域。早年靠人工设计的特征加传统机器学习，今天大多用深度学习，比如卷积神经网络（CNN）。",
      en: "Computer vision is the application area for images and video. It once relied on hand-designed features and classic machine learning; today it mostly uses deep learning, such as convolutional neural networks (CNNs).",
    },
    uses: ["dl"],
    box: { x: 16, y: 408, w: 728, h: 48 },
  },
  {
    id: "speech",
    parent: "ai",
    shape: "area",
    kind: "field",
    name: { zh: "语音", en: "Speech" },
    label: { zh: "语音", en: "Speech" },
    short: { zh: "语音", en: "Speech" },
    explain: {
      zh: "语音是处理说出来的话的应用领域：语音识别把话转成文字，语音合成把文字读出来。今天它也大多用深度学习来做。",
      en: "Speech is the application area for spoken language: recognition turns speech into text, and synthesis reads text aloud. Today it too mostly uses deep learning.",
    },
    uses: ["dl"],
    box: { x: 16, y: 466, w: 728, h: 48 },
  },
];

export const CAPTIONS = {
  /** Above the column of other methods, inside AI and outside ML. */
  otherMethods: { zh: "其他做法 · other methods", x: 20, y: 84 },
};

export function conceptById(id: ConceptId, nodes: ConceptNode[] = CONCEPTS): ConceptNode {
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new Error(`unknown concept ${id}`);
  return node;
}

/** The concept and everything containing it, innermost first: gpt → [gpt, transformer, dl, ml, ai]. */
export function ancestors(id: ConceptId, nodes: ConceptNode[] = CONCEPTS): ConceptId[] {
  const chain: ConceptId[] = [];
  let current: ConceptId | null = id;
  while (current) {
    if (chain.includes(current)) throw new Error(`cycle at ${current}`);
    chain.push(current);
    current = conceptById(current, nodes).parent;
  }
  return chain;
}

/** "GPT ⊂ Transformer ⊂ 深度学习 ⊂ 机器学习 ⊂ 人工智能" in the given language. */
export function chainText(id: ConceptId, lang: "zh" | "en", nodes: ConceptNode[] = CONCEPTS): string {
  return ancestors(id, nodes)
    .map((c) => conceptById(c, nodes).short[lang])
    .join(" ⊂ ");
}

// ---- Label geometry, shared by the component and the layout tests ----

export type Rect = { x: number; y: number; w: number; h: number };
export type LabelLine = { text: string; x: number; y: number; size: number; anchor: "start" | "middle"; lang: "zh" | "en" };

/** A generous width estimate: CJK characters are one em, others about 0.6 em. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[\u2E80-\u9FFF\uFF00-\uFFEF\u3000-\u303F]/.test(ch)) em += 1;
    else if (/[A-Z]/.test(ch)) em += 0.68;
    else if (ch === " ") em += 0.3;
    else em += 0.58;
  }
  return em * size;
}

/** Where a concept's two label lines go (baselines), by its shape. */
export function labelLines(node: ConceptNode): LabelLine[] {
  const { x, y, w, h } = node.box;
  const f = FONT[node.shape];
  switch (node.shape) {
    case "ring":
      return [
        { text: node.label.zh, x: x + 16, y: y + 28, size: f.zh, anchor: "start", lang: "zh" },
        { text: node.label.en, x: x + 16, y: y + 47, size: f.en, anchor: "start", lang: "en" },
      ];
    case "box":
      return [
        { text: node.label.zh, x: x + w / 2, y: y + h / 2 - 2, size: f.zh, anchor: "middle", lang: "zh" },
        { text: node.label.en, x: x + w / 2, y: y + h / 2 + 16, size: f.en, anchor: "middle", lang: "en" },
      ];
    case "area":
      return [
        { text: node.label.zh, x: x + 12, y: y + h / 2 - 4, size: f.zh, anchor: "start", lang: "zh" },
        { text: node.label.en, x: x + 12, y: y + h / 2 + 14, size: f.en, anchor: "start", lang: "en" },
      ];
  }
}

/** The box a label line occupies (ascent about 0.9 em above the baseline, descent 0.25 em). */
export function lineRect(line: LabelLine): Rect {
  const w = textWidth(line.text, line.size);
  const x = line.anchor === "middle" ? line.x - w / 2 : line.x;
  return { x, y: line.y - line.size * 0.9, w, h: line.size * 1.15 };
}
