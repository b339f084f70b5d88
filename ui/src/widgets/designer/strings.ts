/** The model designer's words, in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import type { Field, MemoryPart, PresetKey } from "./design";

type Size = { kind: "same" | "bigger" | "smaller"; times: string };

export interface DesignerStrings {
  caption: string;
  presetsLabel: string;
  presets: Record<PresetKey, { label: string; title: string }>;
  knobs: Record<Field, { label: string; hint: string }>;
  /** What a knob must hold, when it holds something else. */
  invalid: Record<Field, string>;
  invalidWidthMultiple: string;
  less: (label: string) => string;
  more: (label: string) => string;
  failed: (message: string) => string;
  problem: (text: string) => string;
  headsThatFit: (width: number, heads: string) => string;
  slow: (steps: string, time: string, limit: number) => string;
  slowHint: string;
  paramsTitle: string;
  paramsShort: (short: string) => string;
  endsLabel: string;
  layersLabel: string;
  ends: (count: string, share: string) => string;
  layersRest: (count: string, share: string) => string;
  memoryTitle: string;
  weightsLabel: string;
  weightsNote: string;
  trainingLabel: string;
  trainingNote: string;
  parts: Record<MemoryPart["key"], string>;
  timeTitle: string;
  flopsPerToken: (flops: string) => string;
  machine: (flops: string) => string;
  perStep: (time: string, batch: number, seq: string, tokens: string) => string;
  stepsLabel: string;
  total: (steps: string, time: string) => string;
  scaleTitle: string;
  yours: string;
  vs: (name: string, size: Size) => string;
  scaleLabel: string;
  sources: string;
  vocabNote: (tokenizerVocab: string) => string;
  vocabDiffers: (tokenizerVocab: string) => string;
}

export const designerStrings: Record<Lang, DesignerStrings> = {
  zh: {
    caption: "改一个数，参数量、内存和在这台电脑上的训练时间就马上重算，用的是应用里训练程序的同一套算法。",
    presetsLabel: "从这里开始",
    presets: {
      tiny: { label: "tiny（内置）", title: "6 层、宽度 128、4 个头、上下文 128、词表 5,120" },
      smaller: { label: "更小", title: "第 6 课蒸馏用的学生模型：4 层、宽度 80" },
      gpt2: { label: "GPT-2 small 的形状", title: "12 层、宽度 768、12 个头、上下文 1,024、词表 50,257" },
    },
    knobs: {
      layers: { label: "层数", hint: "1–24" },
      hidden: { label: "宽度", hint: "16–1,024，16 的倍数" },
      heads: { label: "注意力头数", hint: "要能整除宽度" },
      context: { label: "上下文长度", hint: "16–1,024 个词元" },
      vocab: { label: "词表大小", hint: "256–65,536 个词元" },
    },
    invalid: {
      layers: "层数要是 1 到 24 之间的整数。",
      hidden: "宽度要是 16 到 1,024 之间的整数。",
      heads: "头数要是 1 到 64 之间的整数。",
      context: "上下文长度要是 16 到 1,024 之间的整数。",
      vocab: "词表大小要是 256 到 65,536 之间的整数。",
    },
    invalidWidthMultiple: "宽度要是 16 的倍数（16、32、48……1,024）。",
    less: (label) => `${label}减一档`,
    more: (label) => `${label}加一档`,
    failed: (message) => `没能算出来：${message}`,
    problem: (text) => `这个形状搭不起来：${text}`,
    headsThatFit: (width, heads) => `能整除宽度 ${width} 的头数：${heads}。`,
    slow: (steps, time, limit) => `太慢了：在这台电脑上训练 ${steps} 步约要 ${time}，超过了课堂上能等的 ${limit} 分钟。`,
    slowHint: "试试更少的层、更窄的宽度，或者更少的步数。",
    paramsTitle: "参数量",
    paramsShort: (short) => `约 ${short}`,
    endsLabel: "词表两头",
    layersLabel: "中间各层",
    ends: (count, share) => `词嵌入表和输出层（词表的两头）：${count}，占 ${share}`,
    layersRest: (count, share) => `中间各层（注意力、前馈网络、归一化）：${count}，占 ${share}`,
    memoryTitle: "内存",
    weightsLabel: "权重（运行模型）",
    weightsNote: "32 位浮点数，每个参数 4 字节",
    trainingLabel: "训练",
    trainingNote: "权重、梯度、AdamW 的两份动量，加上一批的激活值",
    parts: { weights: "权重", gradients: "梯度", adam: "AdamW 动量 ×2", activations: "激活值" },
    timeTitle: "在这台电脑上训练",
    flopsPerToken: (flops) => `每个词元约 ${flops} 次浮点运算（前向加反向）`,
    machine: (flops) => `这台电脑实测：每秒约 ${flops} 次`,
    perStep: (time, batch, seq, tokens) => `每步约 ${time}（一批 ${batch} × ${seq} = ${tokens} 个词元）`,
    stepsLabel: "训练步数",
    total: (steps, time) => `${steps} 步约 ${time}`,
    scaleTitle: "和别的模型比（对数刻度：每一格是 10 倍）",
    yours: "你的设计",
    vs: (name, size) =>
      size.kind === "same" ? `和 ${name} 一样大` : size.kind === "bigger" ? `是 ${name} 的 ${size.times} 倍` : `是 ${name} 的 1/${size.times}`,
    scaleLabel: "参数量的对数刻度：从 1 万到 1 万亿",
    sources:
      "GPT-2 small：公开的模型有 1.24 亿参数（Radford et al. 2019，论文的表里写作 1.17 亿）；GPT-3：1750 亿（Brown et al. 2020，arXiv:2005.14165）。本应用的层是 Llama 式的（输出层单独一份、前馈网络带门控），同样的形状在这里算出来会比原模型多一些。",
    vocabNote: (v) => `在本应用里真正训练时，词表用的是内置分词器的 ${v} 个词元。`,
    vocabDiffers: (v) => `这里改词表只改变计算；真正训练时仍是 ${v} 个词元。`,
  },
  en: {
    caption: "Change a number and the parameter count, the memory and the training time on this computer are worked out again at once, with the same arithmetic as the app's trainer.",
    presetsLabel: "Start from",
    presets: {
      tiny: { label: "tiny (bundled)", title: "6 layers, width 128, 4 heads, context 128, vocabulary 5,120" },
      smaller: { label: "smaller", title: "Lesson 6's distillation student: 4 layers, width 80" },
      gpt2: { label: "GPT-2 small shape", title: "12 layers, width 768, 12 heads, context 1,024, vocabulary 50,257" },
    },
    knobs: {
      layers: { label: "Layers", hint: "1–24" },
      hidden: { label: "Width", hint: "16–1,024, a multiple of 16" },
      heads: { label: "Attention heads", hint: "must divide the width" },
      context: { label: "Context length", hint: "16–1,024 tokens" },
      vocab: { label: "Vocabulary", hint: "256–65,536 tokens" },
    },
    invalid: {
      layers: "Layers must be a whole number from 1 to 24.",
      hidden: "The width must be a whole number from 16 to 1,024.",
      heads: "Heads must be a whole number from 1 to 64.",
      context: "The context length must be a whole number from 16 to 1,024.",
      vocab: "The vocabulary must be a whole number from 256 to 65,536.",
    },
    invalidWidthMultiple: "The width must be a multiple of 16 (16, 32, 48 … 1,024).",
    less: (label) => `${label}: one step down`,
    more: (label) => `${label}: one step up`,
    failed: (message) => `Could not work it out: ${message}`,
    problem: (text) => `This shape cannot be built: ${text}`,
    headsThatFit: (width, heads) => `Head counts that divide the width ${width}: ${heads}.`,
    slow: (steps, time, limit) =>
      `Too slow: ${steps} steps would take about ${time} on this computer, more than the ${limit} minutes a workshop can wait.`,
    slowHint: "Try fewer layers, a narrower width or fewer steps.",
    paramsTitle: "Parameters",
    paramsShort: (short) => `about ${short}`,
    endsLabel: "vocabulary ends",
    layersLabel: "layers",
    ends: (count, share) => `Embedding table and output layer (the vocabulary's two ends): ${count}, ${share}`,
    layersRest: (count, share) => `The layers between (attention, feed-forward, norms): ${count}, ${share}`,
    memoryTitle: "Memory",
    weightsLabel: "Weights (to run it)",
    weightsNote: "32-bit floats, 4 bytes a parameter",
    trainingLabel: "Training",
    trainingNote: "weights, gradients, AdamW's two moments and one batch's activations",
    parts: { weights: "weights", gradients: "gradients", adam: "AdamW moments ×2", activations: "activations" },
    timeTitle: "Training on this computer",
    flopsPerToken: (flops) => `about ${flops} floating-point operations per token (forward and backward)`,
    machine: (flops) => `measured on this computer: about ${flops} a second`,
    perStep: (time, batch, seq, tokens) => `about ${time} a step (a batch of ${batch} × ${seq} = ${tokens} tokens)`,
    stepsLabel: "Steps",
    total: (steps, time) => `${steps} steps: about ${time}`,
    scaleTitle: "Against other models (log scale: each mark is ×10)",
    yours: "your design",
    vs: (name, size) =>
      size.kind === "same" ? `the size of ${name}` : size.kind === "bigger" ? `${size.times} × ${name}` : `1/${size.times} of ${name}`,
    scaleLabel: "Parameter counts on a log scale, from ten thousand to a trillion",
    sources:
      "GPT-2 small: 124 M parameters as released (Radford et al. 2019; the paper's table says 117 M). GPT-3: 175 B (Brown et al. 2020, arXiv:2005.14165). This app builds Llama-style layers (a separate output layer, a gated feed-forward network), so the same shape counts a little more here than in the original.",
    vocabNote: (v) => `When the app actually trains a model, it uses the bundled tokenizer's vocabulary of ${v} tokens.`,
    vocabDiffers: (v) => `Changing the vocabulary here changes the arithmetic only; a real run still uses ${v} tokens.`,
  },
};
