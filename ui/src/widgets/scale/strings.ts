/** The scale explorer's words, in both course languages. */
import type { Lang } from "../../lib/generated/Lang";

export type Metric = "params" | "tokens" | "flops";

export interface ScaleStrings {
  chartTitle: string;
  metrics: Record<Metric, string>;
  metricHelp: Record<Metric, string>;
  logNote: string;
  bundledBadge: string;
  calcRow: string;
  loading: string;
  loadFailed: (message: string) => string;
  noBundled: string;
  bundledTokensMissing: string;
  notFromApp: string;
  notPublished: string;
  estimated: string;
  reported: string;
  moeParams: (total: string, active: string) => string;
  sourcesTitle: string;
  calcTitle: string;
  calcIntro: string;
  presets: string;
  presetTokensMissingBundled: (name: string) => string;
  presetTokensMissingGpt2: string;
  paramsLabel: string;
  tokensLabel: string;
  readsAs: string;
  example: (x: string) => string;
  assumptionsTitle: string;
  assumptionsNote: string;
  peakLabel: string;
  peakUnit: string;
  mfuLabel: string;
  mfuHelp: string;
  priceLabel: string;
  priceUnit: string;
  priceHelp: string;
  gpusLabel: string;
  gpusUnit: string;
  stepFlops: string;
  stepGpuHours: string;
  stepCost: string;
  stepDays: string;
  flopsValue: (sci: string, pfDays: string) => string;
  gpuHoursValue: (hours: string) => string;
  gpuHoursFormula: (peak: string, mfu: string) => string;
  costFormula: (price: string) => string;
  daysFormula: (gpus: string) => string;
  reportedFlops: (sci: string, pfDays: string) => string;
  reportedGpuHours: (hours: string, gpu: string, implied: string) => string;
  estimateWarning: string;
  errorTitle: string;
}

export const scaleStrings: Record<Lang, ScaleStrings> = {
  zh: {
    chartTitle: "模型规模（对数刻度）",
    metrics: { params: "参数量", tokens: "训练词元数", flops: "训练算力" },
    metricHelp: {
      params: "模型里可以被训练调整的数字有多少个。混合专家模型画两截：浅色是总参数，深色是每个词元实际用到的激活参数。",
      tokens: "预训练时一共读了多少个词元。",
      flops: "整个训练一共做了多少次浮点运算（FLOPs）。",
    },
    logNote: "对数刻度：每往右一格，数值乘以 10。",
    bundledBadge: "内置",
    calcRow: "你的计算",
    loading: "正在读取内置模型……",
    loadFailed: (message) => `读不到内置模型：${message}。下面只显示外部模型。`,
    noBundled: "没有找到可用的内置模型。",
    bundledTokensMissing:
      "内置模型训练时读了多少词元，应用提供的模型信息里没有，所以它们只画在“参数量”一栏（数字见各自的模型卡）。可以在下面的计算器里自己填一个词元数，结果会作为“你的计算”画在这里。",
    notFromApp: "应用未提供",
    notPublished: "未公开",
    estimated: "按 6·N·D 估算",
    reported: "论文报告",
    moeParams: (total, active) => `共 ${total}，每词元激活 ${active}`,
    sourcesTitle: "来源",
    calcTitle: "算力计算器",
    calcIntro: "按 C ≈ 6·N·D 一步步往下算。每一步用到的数都在下面，可以改。",
    presets: "代入：",
    presetTokensMissingBundled: (name) =>
      `应用读不到 ${name} 训练时读了多少词元（见它的模型卡）。请在“训练词元数 D”里自己填一个。参数量用的是每个词元的激活参数。`,
    presetTokensMissingGpt2: "GPT-2 的报告没有公布训练词元数。请在“训练词元数 D”里自己填一个假设值。",
    paramsLabel: "参数量 N",
    tokensLabel: "训练词元数 D",
    readsAs: "读作",
    example: (x) => `例如 ${x}`,
    assumptionsTitle: "假设（可以改）",
    assumptionsNote: "默认值：A100 GPU 的 BF16 稠密峰值；40% 的利用率和每 GPU 小时 2 美元的租价都是假设，不是报价。",
    peakLabel: "单块 GPU 峰值算力",
    peakUnit: "TFLOP/s",
    mfuLabel: "利用率（MFU）",
    mfuHelp: "实际用上的峰值比例",
    priceLabel: "每 GPU 小时价格（假设）",
    priceUnit: "美元",
    priceHelp: "租价因地区、合同差别很大",
    gpusLabel: "集群规模",
    gpusUnit: "块 GPU",
    stepFlops: "训练算力 C = 6 × N × D",
    stepGpuHours: "GPU 小时",
    stepCost: "粗略成本",
    stepDays: "训练时长",
    flopsValue: (sci, pfDays) => `${sci} 次浮点运算，约合 ${pfDays} petaflop/s-days`,
    gpuHoursValue: (hours) => `${hours} GPU 小时`,
    gpuHoursFormula: (peak, mfu) => `= C ÷ (${peak} TFLOP/s × ${mfu} × 3600 秒)`,
    costFormula: (price) => `= GPU 小时 × ${price} 美元`,
    daysFormula: (gpus) => `= GPU 小时 ÷ ${gpus} 块 GPU ÷ 24`,
    reportedFlops: (sci, pfDays) => `对照：论文报告的训练算力约 ${sci} FLOPs（约 ${pfDays} petaflop/s-days）。`,
    reportedGpuHours: (hours, gpu, implied) =>
      `对照：Meta 报告的预训练用了 ${hours} 个 ${gpu} GPU 小时。按上面的算力和峰值倒推，实际利用率约为 ${implied}。`,
    estimateWarning:
      "成本只是在上面这些假设下的粗略估算：利用率和单价一变，结果就跟着变。它只算最后一次正式训练，不含此前的试验和失败的训练、数据、人工标注、团队和硬件采购。",
    errorTitle: "算不出来：",
  },
  en: {
    chartTitle: "Model scale (log scale)",
    metrics: { params: "Parameters", tokens: "Training tokens", flops: "Training compute" },
    metricHelp: {
      params:
        "How many numbers in the model training can adjust. A mixture-of-experts model gets two shades: the light bar is all its parameters, the dark one the parameters active per token.",
      tokens: "How many tokens the model read in pre-training.",
      flops: "How many floating-point operations (FLOPs) the whole training took.",
    },
    logNote: "Log scale: each step to the right multiplies the value by 10.",
    bundledBadge: "bundled",
    calcRow: "Your calculation",
    loading: "Reading the bundled models…",
    loadFailed: (message) => `Could not read the bundled models: ${message}. Only the outside models are shown.`,
    noBundled: "No usable bundled model was found.",
    bundledTokensMissing:
      "The model information the app provides does not include how many tokens the bundled models read in training, so they appear on the parameters chart only (their model cards give the figures). Enter a token count in the calculator below and it is drawn here as \"Your calculation\".",
    notFromApp: "not provided by the app",
    notPublished: "not published",
    estimated: "6·N·D estimate",
    reported: "reported",
    moeParams: (total, active) => `${total} in total, ${active} active per token`,
    sourcesTitle: "Sources",
    calcTitle: "Compute calculator",
    calcIntro: "Works through C ≈ 6·N·D step by step. Every number it uses is shown below, and you can change it.",
    presets: "Fill in:",
    presetTokensMissingBundled: (name) =>
      `The app cannot tell how many tokens ${name} read in training (see its model card). Enter your own figure under "Training tokens D". The parameter count used is the active parameters per token.`,
    presetTokensMissingGpt2: 'The GPT-2 report does not give a training token count. Enter an assumption of your own under "Training tokens D".',
    paramsLabel: "Parameters N",
    tokensLabel: "Training tokens D",
    readsAs: "reads as",
    example: (x) => `e.g. ${x}`,
    assumptionsTitle: "Assumptions (editable)",
    assumptionsNote:
      "Defaults: the A100 GPU's BF16 dense peak; the 40% utilisation and the $2 per GPU-hour rental price are assumptions, not quotes.",
    peakLabel: "Peak throughput per GPU",
    peakUnit: "TFLOP/s",
    mfuLabel: "Utilisation (MFU)",
    mfuHelp: "share of the peak actually used",
    priceLabel: "Price per GPU-hour (assumed)",
    priceUnit: "USD",
    priceHelp: "rental prices vary widely",
    gpusLabel: "Cluster size",
    gpusUnit: "GPUs",
    stepFlops: "Training compute C = 6 × N × D",
    stepGpuHours: "GPU-hours",
    stepCost: "Rough cost",
    stepDays: "Training time",
    flopsValue: (sci, pfDays) => `${sci} FLOPs, about ${pfDays} petaflop/s-days`,
    gpuHoursValue: (hours) => `${hours} GPU-hours`,
    gpuHoursFormula: (peak, mfu) => `= C ÷ (${peak} TFLOP/s × ${mfu} × 3,600 s)`,
    costFormula: (price) => `= GPU-hours × $${price}`,
    daysFormula: (gpus) => `= GPU-hours ÷ ${gpus} GPUs ÷ 24`,
    reportedFlops: (sci, pfDays) => `For comparison: the paper reports about ${sci} training FLOPs (about ${pfDays} petaflop/s-days).`,
    reportedGpuHours: (hours, gpu, implied) =>
      `For comparison: Meta reports ${hours} ${gpu} GPU-hours of pre-training. Working back from the compute and peak above, the utilisation actually achieved was about ${implied}.`,
    estimateWarning:
      "The cost is only a rough estimate under the assumptions shown: change the utilisation or the price and it changes with them. It covers the final training run alone, not the experiments and failed runs before it, the data, human labelling, the team or buying hardware.",
    errorTitle: "Cannot calculate:",
  },
};
