/** Words of lesson 1's "inside the model" widgets, in both course languages. */
import type { Lang } from "../../lib/generated/Lang";

export interface CausalStrings {
  /** The sentence the widget starts with: it tokenizes cleanly and repeats words, so heads that look back at an earlier copy show up. */
  example: string;
  inputLabel: string;
  run: string;
  running: string;
  layer: string;
  layerOption: (layer: number) => string;
  head: string;
  headOption: (head: number) => string;
  averageHeads: string;
  counts: (tokens: number, layer: number, head: string) => string;
  capped: (total: number, shown: number) => string;
  dropped: (dropped: number) => string;
  axisQuery: string;
  axisKey: string;
  howToRead: string;
  legendWeight: string;
  legendMasked: (cells: number) => string;
  legendEncoder: string;
  encoderToggle: string;
  encoderNote: string;
  /** A token named in a sentence: quoted, with its position when the label repeats (two copies of “明月”). */
  quote: (label: string) => string;
  nth: (label: string, position: number) => string;
  looksAt: (query: string, key: string, weight: string) => string;
  cannotSee: (query: string, key: string) => string;
  encoderWouldAllow: (query: string, key: string) => string;
  hint: string;
  gridLabel: string;
}

export interface MoeStrings {
  example: string;
  inputLabel: string;
  run: string;
  running: string;
  paramsLoading: string;
  paramsFailed: (message: string) => string;
  /** Experts per layer, experts per token, the share of expert parameters one token uses, then the engine's counts. */
  paramsLine: (experts: number, topK: number, share: string, total: string, active: string) => string;
  share: (topK: number, experts: number) => string;
  byLayer: string;
  layerButton: (layer: number) => string;
  stripNote: (topK: number) => string;
  tokenRouted: (token: string, experts: string) => string;
  expertGate: (expert: number, gate: string) => string;
  noRouting: string;
}

export const causalStrings: Record<Lang, CausalStrings> = {
  zh: {
    example: "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    inputLabel: "输入一句话",
    run: "看注意力",
    running: "正在计算…",
    layer: "层",
    layerOption: (layer) => `第 ${layer} 层`,
    head: "注意力头",
    headOption: (head) => `第 ${head} 个头`,
    averageHeads: "各头平均",
    counts: (tokens, layer, head) => `${tokens} 个词元 · 第 ${layer} 层 · ${head}`,
    capped: (total, shown) => `这句话有 ${total} 个词元，这里只画前 ${shown} 个。`,
    dropped: (dropped) => `开头 ${dropped} 个词元超出了模型的上下文长度，模型没有看到。`,
    axisQuery: "谁在看（每一行）",
    axisKey: "被看的词元（每一列）",
    howToRead: "每一行是一个词元在看前面的词元：颜色越亮，看得越多；每一行加起来是 100%。",
    legendWeight: "注意力",
    legendMasked: (cells) => `因果遮罩：看不到后面的词（${cells} 格）`,
    legendEncoder: "编码器还会允许的格子（没有数值）",
    encoderToggle: "如果是编码器（双向）",
    encoderNote:
      "编码器（比如 BERT）让每个词元看到所有词元，虚线框里的格子它也会允许。这个模型和 GPT 一样是因果的，这些格子没有真实数值，所以不上色。",
    quote: (label) => `“${label}”`,
    nth: (label, position) => `第 ${position} 个“${label}”`,
    looksAt: (query, key, weight) => `${query}看${key}：${weight}`,
    cannotSee: (query, key) => `${query}看不到${key}：它在后面，被因果遮罩挡住了。`,
    encoderWouldAllow: (query, key) => `编码器会让${query}看${key}；这个模型是因果的，这里没有数值。`,
    hint: "鼠标停在格子上，或者点一下格子再用方向键移动，就能读出数值。",
    gridLabel: "注意力表：行是谁在看，列是被看的词元",
  },
  en: {
    example: "She was very happy, and her sister was very happy too.",
    inputLabel: "Type a sentence",
    run: "Show attention",
    running: "Working…",
    layer: "Layer",
    layerOption: (layer) => `Layer ${layer}`,
    head: "Head",
    headOption: (head) => `Head ${head}`,
    averageHeads: "Average of heads",
    counts: (tokens, layer, head) => `${tokens} tokens · layer ${layer} · ${head.toLowerCase()}`,
    capped: (total, shown) => `This text has ${total} tokens; only the first ${shown} are drawn.`,
    dropped: (dropped) => `The first ${dropped} tokens did not fit in the model's context, so the model never saw them.`,
    axisQuery: "Who is looking (rows)",
    axisKey: "Looked at (columns)",
    howToRead: "Each row is one token looking back at the tokens before it: brighter means more attention; every row adds up to 100%.",
    legendWeight: "Attention",
    legendMasked: (cells) => `Causal mask: cannot see later tokens (${cells} cells)`,
    legendEncoder: "Cells an encoder would also allow (no values)",
    encoderToggle: "If it were an encoder (bidirectional)",
    encoderNote:
      "An encoder such as BERT lets every token see every other token, so it would also allow the outlined cells. This model is causal, like GPT: those cells have no real values, so they stay uncoloured.",
    quote: (label) => `“${label}”`,
    nth: (label, position) => `“${label}” (token ${position})`,
    looksAt: (query, key, weight) => `${query} looks at ${key}: ${weight}`,
    cannotSee: (query, key) => `${query} cannot see ${key}: it comes later, so the causal mask blocks it.`,
    encoderWouldAllow: (query, key) => `An encoder would let ${query} look at ${key}; this model is causal, so there is no value here.`,
    hint: "Hover over a cell, or click one and move with the arrow keys, to read its value.",
    gridLabel: "Attention table: rows are who is looking, columns are the tokens looked at",
  },
};

export const moeStrings: Record<Lang, MoeStrings> = {
  zh: {
    example: "明月几时有，把酒问青天。It is a truth universally acknowledged.",
    inputLabel: "输入一句话（中英文都可以）",
    run: "看路由",
    running: "正在计算…",
    paramsLoading: "正在读取 tiny-moe 的参数量…",
    paramsFailed: (message) => `读不到 tiny-moe 的参数量：${message}`,
    paramsLine: (experts, topK, share, total, active) =>
      `tiny-moe 每层有 ${experts} 个专家，每个词元只用其中 ${topK} 个，所以每个词元只用到${share}的专家参数。总参数 ${total}，每个词元激活 ${active}（注意力、词嵌入等部分由所有词元共用）。`,
    share: (topK, experts) => (topK * 2 === experts ? "大约一半" : `大约 ${topK}/${experts}`),
    byLayer: "按层看这句话",
    layerButton: (layer) => `第 ${layer} 层`,
    stripNote: (topK) => `颜色和数字是专家编号：每个词元在这一层被送到 ${topK} 个专家，色块越宽，这个专家的权重越大。`,
    tokenRouted: (token, experts) => `“${token}”：${experts}`,
    expertGate: (expert, gate) => `专家 ${expert} ${gate}`,
    noRouting: "这个模型没有返回路由数据。",
  },
  en: {
    example: "明月几时有，把酒问青天。It is a truth universally acknowledged.",
    inputLabel: "Type a sentence (Chinese, English or both)",
    run: "Show routing",
    running: "Working…",
    paramsLoading: "Reading tiny-moe's parameter counts…",
    paramsFailed: (message) => `Could not read tiny-moe's parameter counts: ${message}`,
    paramsLine: (experts, topK, share, total, active) =>
      `tiny-moe has ${experts} experts in every layer and each token uses only ${topK} of them, so a token uses ${share} the expert parameters. ${total} parameters in total, ${active} active per token (attention, embeddings and the rest are shared by every token).`,
    share: (topK, experts) => (topK * 2 === experts ? "about half of" : `about ${topK}/${experts} of`),
    byLayer: "One layer at a time",
    layerButton: (layer) => `Layer ${layer}`,
    stripNote: (topK) => `Colours and numbers name the experts: in this layer each token goes to ${topK} experts, and the wider block carries more weight.`,
    tokenRouted: (token, experts) => `“${token}”: ${experts}`,
    expertGate: (expert, gate) => `expert ${expert} ${gate}`,
    noRouting: "This model returned no routing.",
  },
};

/** A parameter count as the model cards write it: 3.29M, 46.7B. */
export function formatParameters(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}
