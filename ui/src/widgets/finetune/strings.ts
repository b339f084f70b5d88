/** The full-vs-LoRA widget's words, in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import type { RunStatus } from "../../lib/generated/RunStatus";
import type { CommonStrings } from "../compare/strings";
import type { Role } from "./finetune";

export interface FineTuneStrings {
  caption: string;
  settings: (steps: number, batch: number, fullLr: string, loraLr: string) => string;
  rankLabel: string;
  rankTitle: (rank: number) => string;
  start: string;
  starting: string;
  startHint: string;
  busyElsewhere: string;
  startFailed: (message: string) => string;
  title: Record<Role, string>;
  titleRank: (rank: number) => string;
  sub: Record<Role, string>;
  status: Record<RunStatus | "notStarted" | "waiting", string>;
  progress: (step: number, total: number) => string;
  trainable: string;
  ofAll: (share: string, total: string) => string;
  memory: string;
  memoryNote: string;
  perStep: string;
  lossNow: string;
  lossFinal: string;
  runFailed: (message: string) => string;
  /** LoRA's arithmetic, from the real numbers. */
  whyMatrix: (r: number, d: number, perMatrix: string, matrix: string, share: string) => string;
  whyModel: (trainable: string, matrices: number | null, total: string, share: string) => string;
  vsFull: (share: string) => string;
  whyBefore: string;
  chartTitle: string;
  chartLabel: string;
  chartEmpty: string;
  chartNote: string;
  answersTitle: string;
  answersCaption: (tokens: number) => string;
  questionsLabel: string;
  inData: string;
  formatOnly: string;
  answerTitle: Record<Role | "base", string>;
  answerSub: Record<Role | "base", string>;
  pickFirst: string;
  afterRun: string;
  noRun: string;
  noAnswer: (message: string) => string;
  common: CommonStrings;
}

export const fineTuneStrings: Record<Lang, FineTuneStrings> = {
  zh: {
    caption: "用内置的问答数据把 tiny 微调两次：一次更新全部参数，一次只训练 LoRA 的小矩阵。两个训练排成一队，一个跑完再跑另一个，其他设置都一样。",
    settings: (steps, batch, fullLr, loraLr) =>
      `两边都是 ${steps} 步、每批 ${batch} 条问答，损失只算回答部分；峰值学习率：全参数 ${fullLr}，LoRA ${loraLr}。`,
    rankLabel: "LoRA 的秩 r",
    rankTitle: (rank) => `秩 ${rank}`,
    start: "开始两个训练",
    starting: "正在启动……",
    startHint: "先全参数，再 LoRA；下面能暂停或停止。",
    busyElsewhere: "另一个训练正在跑，等它结束再开始。",
    startFailed: (message) => `没能开始：${message}`,
    title: { full: "全参数微调", lora: "LoRA" },
    titleRank: (rank) => `LoRA（r = ${rank}）`,
    sub: {
      full: "每个权重都参与训练",
      lora: "原权重冻结，只训练 q、v、o 旁的小矩阵",
    },
    status: {
      notStarted: "还没开始",
      waiting: "排队中，等全参数跑完",
      queued: "排队中",
      running: "训练中",
      paused: "已暂停",
      finished: "已完成",
      stopped: "已停止",
      failed: "失败",
    },
    progress: (step, total) => `第 ${step} / ${total} 步`,
    trainable: "可训练参数",
    ofAll: (share, total) => `占全部 ${total} 的 ${share}`,
    memory: "训练内存",
    memoryNote: "权重、梯度、优化器状态和激活值，开训前估算",
    perStep: "每步耗时",
    lossNow: "当前损失",
    lossFinal: "最后的损失",
    runFailed: (message) => `训练出错：${message}`,
    whyMatrix: (r, d, perMatrix, matrix, share) =>
      `为什么这么少？每个被适配的 ${d} × ${d} 矩阵有 ${matrix} 个参数；LoRA 只在旁边加两个细长矩阵，共 2 × r × d = 2 × ${r} × ${d} = ${perMatrix} 个，是它的 ${share}。`,
    whyModel: (trainable, matrices, total, share) =>
      matrices !== null
        ? `这次训练的 ${trainable} 个可训练参数，正好是 ${matrices} 个矩阵的补丁${matrices % 3 === 0 ? `（${matrices / 3} 层 × q、v、o）` : ""}，占全部 ${total} 的 ${share}。`
        : `这次训练有 ${trainable} 个可训练参数，占全部 ${total} 的 ${share}。`,
    vsFull: (share) => `是全参数的 ${share}`,
    whyBefore: "LoRA 那次训练开始后，这里会用它报告的真实参数量算出占全模型的比例。",
    chartTitle: "两条损失曲线",
    chartLabel: "全参数微调和 LoRA 的损失曲线",
    chartEmpty: "训练开始后，两条损失曲线会画在这里。",
    chartNote: "损失只算回答部分。",
    answersTitle: "微调前后的回答",
    answersCaption: (tokens) => `同一个问题，用问答格式问三个模型，每步都取最可能的词元，最多 ${tokens} 个。`,
    questionsLabel: "问题",
    inData: "问答数据里有这个问题",
    formatOnly: "数据里有这种问法，但没有这首诗",
    answerTitle: { base: "微调前", full: "全参数微调后", lora: "LoRA 微调后" },
    answerSub: { base: "内置的 tiny", full: "全参数那次训练的模型", lora: "LoRA 那次训练的模型" },
    pickFirst: "在上面选一个问题。",
    afterRun: "这个训练结束（或停止）后，这里会显示它的回答。",
    noRun: "开始训练后才有这个模型。",
    noAnswer: (message) => `这个训练出错了，没有模型可问：${message}`,
    common: {
      generate: "提问",
      busy: "生成中…",
      waiting: "正在生成…",
      notYet: "在上面选一个问题。",
      failed: (message) => `没能生成：${message}`,
      examples: "问题",
      ended: "（模型自己结束了）",
      limit: "（到长度上限）",
      nothing: "（什么也没写）",
      zh: "中文",
      en: "英文",
    },
  },
  en: {
    caption:
      "tiny fine-tuned twice on the bundled question-answer data: once updating every weight, once training only LoRA's small matrices. The two runs queue one after the other; every other setting is the same.",
    settings: (steps, batch, fullLr, loraLr) =>
      `Both: ${steps} steps of ${batch} question-answer pairs, loss on the answers only. Peak learning rate: full ${fullLr}, LoRA ${loraLr}.`,
    rankLabel: "LoRA rank r",
    rankTitle: (rank) => `rank ${rank}`,
    start: "Start both runs",
    starting: "Starting…",
    startHint: "Full first, then LoRA; pause or stop them below.",
    busyElsewhere: "Another run is training; start once it has ended.",
    startFailed: (message) => `Could not start: ${message}`,
    title: { full: "Full fine-tuning", lora: "LoRA" },
    titleRank: (rank) => `LoRA (r = ${rank})`,
    sub: {
      full: "every weight trains",
      lora: "weights frozen; small adapters beside q, v, o train",
    },
    status: {
      notStarted: "not started",
      waiting: "queued: waits for the full run",
      queued: "queued",
      running: "training",
      paused: "paused",
      finished: "finished",
      stopped: "stopped",
      failed: "failed",
    },
    progress: (step, total) => `step ${step} of ${total}`,
    trainable: "Trainable parameters",
    ofAll: (share, total) => `${share} of all ${total}`,
    memory: "Training memory",
    memoryNote: "weights, gradients, optimiser state and activations, estimated before the run",
    perStep: "Seconds per step",
    lossNow: "Loss now",
    lossFinal: "Final loss",
    runFailed: (message) => `The run failed: ${message}`,
    whyMatrix: (r, d, perMatrix, matrix, share) =>
      `Why so few? Each adapted ${d} × ${d} matrix holds ${matrix} weights; LoRA adds two thin matrices beside it, 2 × r × d = 2 × ${r} × ${d} = ${perMatrix} parameters, ${share} of it.`,
    whyModel: (trainable, matrices, total, share) =>
      matrices !== null
        ? `This run's ${trainable} trainable parameters are the patches of ${matrices} matrices${matrices % 3 === 0 ? ` (${matrices / 3} layers × q, v, o)` : ""}: ${share} of all ${total}.`
        : `This run trains ${trainable} parameters: ${share} of all ${total}.`,
    vsFull: (share) => `${share} of full's`,
    whyBefore: "Once the LoRA run starts, its real counts give the share of the whole model here.",
    chartTitle: "The two loss curves",
    chartLabel: "Loss curves of full fine-tuning and LoRA",
    chartEmpty: "Once training starts, the two loss curves are drawn here.",
    chartNote: "Loss on the answers only.",
    answersTitle: "Answers before and after",
    answersCaption: (tokens) => `The same question to three models in the question-answer format, the most probable token each time, at most ${tokens} tokens.`,
    questionsLabel: "Question",
    inData: "this question is in the Q&A data",
    formatOnly: "the data asks this way, but not about this poem",
    answerTitle: { base: "Before", full: "After full fine-tuning", lora: "After LoRA" },
    answerSub: { base: "the bundled tiny", full: "the full run's model", lora: "the LoRA run's model" },
    pickFirst: "Pick a question above.",
    afterRun: "Its answer appears once this run has finished (or been stopped).",
    noRun: "This model exists once the runs start.",
    noAnswer: (message) => `This run failed, so there is no model to ask: ${message}`,
    common: {
      generate: "Ask",
      busy: "Generating…",
      waiting: "Generating…",
      notYet: "Pick a question above.",
      failed: (message) => `Could not generate: ${message}`,
      examples: "Questions",
      ended: "(the model ended the text)",
      limit: "(stopped at the length limit)",
      nothing: "(wrote nothing)",
      zh: "Chinese",
      en: "English",
    },
  },
};
