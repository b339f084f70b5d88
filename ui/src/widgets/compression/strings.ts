/** The compression widgets' words, in both course languages. */
import type { Lang } from "../../lib/generated/Lang";
import type { Precision } from "../../lib/generated/Precision";

/** Words both widgets use. */
export interface SharedStrings {
  promptLabel: string;
  promptButton: string;
  promptEmpty: string;
  promptHint: string;
  failed: (message: string) => string;
  retry: string;
  stale: string;
  staleAfterError: string;
  lossTitle: string;
  lossRows: { zh: string; en: string; mean: string; perplexity: string };
  changeHeader: string;
  lossNote: (tokens: string) => string;
  textTitle: string;
  sameText: string;
  divergedAt: (token: number) => string;
  endedEarly: string;
  referenceText: string;
  generating: string;
}

export interface PruningStrings {
  caption: string;
  sliderLabel: string;
  sliderValue: (percent: number) => string;
  measuring: (percent: number) => string;
  removed: (n: string, total: string, percent: string) => string;
  untouched: (n: string) => string;
  original: string;
  pruned: (percent: number) => string;
  sizeTitle: string;
  sizeSame: (size: string) => string;
  sizeOther: (size: string, original: string) => string;
  sizeReason: string;
  chartTitle: string;
  chartHint: string;
  axisX: string;
  axisY: string;
  chartSummary: (points: string) => string;
  defaultPrompt: string;
}

export interface QuantizationStrings {
  caption: string;
  groupLabel: string;
  options: Record<Precision, { name: string; detail: string }>;
  measuring: (name: string) => string;
  sizeTitle: string;
  ratio: (percent: string) => string;
  bits: (bits: string) => string;
  compareTitle: string;
  notMeasured: string;
  lossShort: (loss: string) => string;
  original: string;
  defaultPrompt: string;
}

export const sharedStrings: Record<Lang, SharedStrings> = {
  zh: {
    promptLabel: "开头",
    promptButton: "用这个开头",
    promptEmpty: "先写一个开头。",
    promptHint: "改完按回车，或者点右边的按钮。",
    failed: (message) => `测量失败：${message}`,
    retry: "重试",
    stale: "下面还是上一次的结果，新的马上就到。",
    staleAfterError: "下面是上一次测成功的结果。",
    lossTitle: "验证损失",
    lossRows: { zh: "中文（诗词）", en: "英文（奥斯汀）", mean: "两种语言平均", perplexity: "困惑度（由平均损失换算）" },
    changeHeader: "变化",
    lossNote: (tokens) =>
      `在同一份留出文本上测：每种语言 ${tokens} 个词元，训练时没见过。单位是奈特/词元，越低越好。`,
    textTitle: "用同一个开头生成（贪心解码，最多 24 个词元）",
    sameText: "和原模型写得一字不差。",
    divergedAt: (token) => `从第 ${token} 个生成的词元起，和原模型不一样了（标出的部分）。`,
    endedEarly: "前面和原模型一样，只是提前结束了。",
    referenceText: "这就是原模型写的，作为对照。",
    generating: "正在生成……",
  },
  en: {
    promptLabel: "Opening",
    promptButton: "Use this opening",
    promptEmpty: "Type an opening first.",
    promptHint: "Press Enter when you are done, or use the button.",
    failed: (message) => `The measurement failed: ${message}`,
    retry: "Try again",
    stale: "Still showing the previous result; the new one is on its way.",
    staleAfterError: "Below is the last result that was measured.",
    lossTitle: "Held-out loss",
    lossRows: { zh: "Chinese (poetry)", en: "English (Austen)", mean: "Mean of the two", perplexity: "Perplexity (from the mean)" },
    changeHeader: "Change",
    lossNote: (tokens) =>
      `Measured on the same held-out text: ${tokens} tokens per language, never seen in training. In nats per token; lower is better.`,
    textTitle: "From the same opening (greedy decoding, at most 24 tokens)",
    sameText: "Word for word what the original model wrote.",
    divergedAt: (token) => `From generated token ${token} on, it differs from the original model (marked).`,
    endedEarly: "The same as the original model, only it stopped sooner.",
    referenceText: "This is what the original model writes: the baseline.",
    generating: "Generating…",
  },
};

export const pruningStrings: Record<Lang, PruningStrings> = {
  zh: {
    caption:
      "把 tiny 所有矩阵（嵌入表、注意力、前馈网络、输出层）里绝对值最小的一部分权重设为 0，不做任何重训。松开滑块就会重新测量，每次约 1～2 秒。",
    sliderLabel: "剪掉的比例",
    sliderValue: (percent) => `${percent}%`,
    measuring: (percent) => (percent === 0 ? "正在测量原模型……" : `正在测量剪掉 ${percent}% 的模型……`),
    removed: (n, total, percent) => `已删除 ${n} / ${total} 个矩阵权重（${percent}）`,
    untouched: (n) => `归一化层的 ${n} 个缩放系数不剪。`,
    original: "原模型",
    pruned: (percent) => (percent === 0 ? "原模型（0%）" : `剪掉 ${percent}% 后`),
    sizeTitle: "模型大小",
    sizeSame: (size) => `${size}，和原模型一样大。`,
    sizeOther: (size, original) => `${size}（原模型 ${original}）`,
    sizeReason:
      "被剪掉的权重只是变成了 0，仍按稠密格式占着原来的位置。要真正省空间，得用稀疏存储格式，或者改用结构化剪枝，把矩阵整块变小。",
    chartTitle: "剪得越多，损失越高？",
    chartHint: "每测一个比例，图上就多一个点。找一找：从哪里开始往上蹿？",
    axisX: "剪掉的比例",
    axisY: "平均验证损失（奈特）",
    chartSummary: (points) => `平均验证损失随剪枝比例的变化：${points}`,
    defaultPrompt: "春风又绿江南岸",
  },
  en: {
    caption:
      "Sets the weights with the smallest absolute values, across all of tiny's matrices (embedding, attention, feed-forward, output), to zero, with no retraining. Each time you let go of the slider it measures again, in about 1–2 seconds.",
    sliderLabel: "Share of weights removed",
    sliderValue: (percent) => `${percent}%`,
    measuring: (percent) => (percent === 0 ? "Measuring the original model…" : `Measuring the model with ${percent}% removed…`),
    removed: (n, total, percent) => `${n} of ${total} matrix weights removed (${percent})`,
    untouched: (n) => `The ${n} scale factors of the normalisation layers are left alone.`,
    original: "Original model",
    pruned: (percent) => (percent === 0 ? "Original model (0%)" : `With ${percent}% removed`),
    sizeTitle: "Model size",
    sizeSame: (size) => `${size}, exactly as large as the original.`,
    sizeOther: (size, original) => `${size} (original ${original})`,
    sizeReason:
      "The removed weights have only become zeros and still take their places in the dense file. Saving space needs a sparse storage format, or structured pruning, which makes the matrices themselves smaller.",
    chartTitle: "Remove more, lose more?",
    chartHint: "Every share you measure adds a point. Where does the curve start to shoot up?",
    axisX: "Share removed",
    axisY: "Mean held-out loss (nats)",
    chartSummary: (points) => `Mean held-out loss by share removed: ${points}`,
    defaultPrompt: "Mr. Darcy",
  },
};

export const quantizationStrings: Record<Lang, QuantizationStrings> = {
  zh: {
    caption:
      "把 tiny 的矩阵权重换成更少的比特来存：8 位每行一个缩放系数，4 位每 32 个数一个缩放系数。权重先舍入到新的档位再乘回去，所以损失就是这种精度真正的代价。每次测量约 1～2 秒。",
    groupLabel: "存储精度",
    options: {
      f32: { name: "32 位", detail: "f32 · 原模型" },
      int8: { name: "8 位", detail: "int8" },
      int4: { name: "4 位", detail: "int4" },
    },
    measuring: (name) => `正在测量 ${name} 的模型……`,
    sizeTitle: "模型大小",
    ratio: (percent) => `约为原来的 ${percent}`,
    bits: (bits) => `平均每个矩阵权重 ${bits} 位（含缩放系数）`,
    compareTitle: "三种精度放在一起",
    notMeasured: "还没测：点上面的按钮",
    lossShort: (loss) => `损失 ${loss}`,
    original: "32 位（原模型）",
    defaultPrompt: "春风又绿江南岸",
  },
  en: {
    caption:
      "Stores tiny's matrix weights in fewer bits: 8-bit with one scale factor per row, 4-bit with one per 32 values. The weights are rounded to the new steps and multiplied back, so the loss is what the precision really costs. Each measurement takes about 1–2 seconds.",
    groupLabel: "Storage precision",
    options: {
      f32: { name: "32-bit", detail: "f32 · original" },
      int8: { name: "8-bit", detail: "int8" },
      int4: { name: "4-bit", detail: "int4" },
    },
    measuring: (name) => `Measuring the ${name} model…`,
    sizeTitle: "Model size",
    ratio: (percent) => `about ${percent} of the original`,
    bits: (bits) => `${bits} bits per matrix weight on average (scale factors included)`,
    compareTitle: "The three precisions side by side",
    notMeasured: "Not measured yet: pick it above",
    lossShort: (loss) => `loss ${loss}`,
    original: "32-bit (original)",
    defaultPrompt: "Mr. Darcy",
  },
};
