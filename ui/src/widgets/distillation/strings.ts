/** The distillation widget's words, in both course languages. */
import type { Lang } from "../../lib/generated/Lang";
import type { Comparison, Role } from "./distill";

/**
 * Minutes both runs (RERUN_COMMANDS) take one after the other on a 2-core machine, as the
 * widget tells the learner: measured 11 min (student) and 26 min (student-distilled, which also
 * runs the teacher at every step) on 2026-11-28, with other work on the machine.
 */
export const RERUN_MINUTES_ON_TWO_CORES = 40;

export type Preset = { key: string; label: string; text: string };

/** Openings in the corpus's two languages: Song ci / Tang poems and Jane Austen. */
export const PRESETS: Preset[] = [
  { key: "mingyue", label: "明月", text: "明月" },
  { key: "chunfeng", label: "春风", text: "春风" },
  { key: "truth", label: "It is a truth", text: "It is a truth" },
  { key: "darcy", label: "Mr. Darcy", text: "Mr. Darcy" },
];

export interface DistillStrings {
  role: Record<Role, string>;
  /** The short names at the ends of the chart's lines. */
  short: Record<Role, string>;
  chartTitle: string;
  chartCaption: string;
  chartHelp: string;
  xTitle: string;
  yTitle: string;
  settings: (teacher: string, temperature: string, teacherPercent: number, steps: number) => string;
  samplesNote: (tokensPerLanguage: string | null) => string;
  curvesLoading: string;
  curvesFailed: (message: string) => string;
  curvesFailedHint: string;
  noPoints: (model: string) => string;
  teacherLoading: string;
  teacherFailed: string;
  legendTitle: string;
  legendTeacher: (teacher: string) => string;
  pointTitle: (step: number, loss: string) => string;
  chartSummary: (parts: string[]) => string;
  summaryPart: (who: string, step: number, loss: string) => string;
  summaryTeacher: (loss: string) => string;
  orderFlip: string;
  tableTitle: string;
  tableCaption: (tokensPerLanguage: string | null) => string;
  tableHelp: string;
  colModel: string;
  colParams: string;
  colZh: string;
  colEn: string;
  colMean: string;
  perplexity: (value: string) => string;
  shareOfTeacher: (percent: number) => string;
  measuring: string;
  lossFailed: (message: string) => string;
  diff: (c: Comparison, distilled: string, textOnly: string) => string;
  diffByLanguage: (zh: Comparison, en: Comparison) => string;
  diffWaiting: string;
  diffUnavailable: string;
  oneRunNote: string;
  genTitle: string;
  genCaption: (maxTokens: number) => string;
  genHelp: string;
  promptLabel: string;
  presetsLabel: string;
  generate: string;
  generating: string;
  emptyPrompt: string;
  idle: string;
  writing: string;
  ended: string;
  genFailed: (message: string) => string;
  rerunTitle: string;
  rerunIntro: string;
  rerunMinutes: (minutes: number) => string;
  copy: string;
  copied: string;
  copyFailed: string;
}

function signed(c: Comparison, lower: string, higher: string, same: string): string {
  return c.kind === "same" ? same : `${c.kind === "lower" ? lower : higher} ${c.amount.toFixed(2)}`;
}

export const distillStrings: Record<Lang, DistillStrings> = {
  zh: {
    role: { teacher: "老师", text: "学生（只学文字）", distilled: "学生（蒸馏）" },
    short: { teacher: "老师", text: "只学文字", distilled: "蒸馏" },
    chartTitle: "训练中的验证损失",
    chartCaption: "两个学生训练时测得的验证损失，越低越好；水平的点线是老师的损失。",
    chartHelp:
      "横轴是训练步数：每一步，学生读一批文字，调整一次参数。纵轴是验证损失，单位是 nats/词元：模型读没训练过的文字时，平均每个词元有多“意外”，越低越好。为了看清两条线的差别，纵轴不从 0 开始。\n\n两个学生的大小、随机种子和每一批数据都一样，唯一的区别是训练目标：一个只学文字里真正的下一个词元，另一个同时学老师在每个位置给出的整张概率表。\n\n曲线是训练过程中在一份较大的验证文本上测的；老师的横线和下面的表格用的是一份固定的、较小的留出样本，所以数字会略有出入。",
    xTitle: "训练步数",
    yTitle: "验证损失（nats/词元）",
    settings: (teacher, temperature, p, steps) =>
      `蒸馏设置：老师是 ${teacher}，温度 ${temperature}；训练损失里，老师的概率表占 ${p}% 的权重，文字本身占 ${100 - p}%。两个学生各训练 ${steps} 步。`,
    samplesNote: (n) =>
      `注意：曲线是训练时在一份较大的验证文本上测的；老师的横线和下面的表格用的是一份固定的留出样本${n ? `（每种语言 ${n} 个词元）` : ""}，所以同一个模型的数字会略有出入。`,
    curvesLoading: "正在读取训练记录……",
    curvesFailed: (message) => `读不到蒸馏实验的训练记录：${message}`,
    curvesFailedHint: "可以用下面“自己重新跑一遍”里的两条命令训练出这两个学生。已有的模型仍然会出现在表格和续写里。",
    noPoints: (model) => `“${model}”的训练记录里没有验证损失。`,
    teacherLoading: "正在计算老师的损失，横线稍后出现。",
    teacherFailed: "算不出老师的损失，图上没有画它的横线。",
    legendTitle: "图例",
    legendTeacher: (teacher) => `老师 ${teacher} 的损失（留出样本）`,
    pointTitle: (step, loss) => `第 ${step} 步：${loss} nats/词元`,
    chartSummary: (parts) => `验证损失随训练步数变化的折线图。${parts.join("；")}。`,
    summaryPart: (who, step, loss) => `${who}在第 ${step} 步为 ${loss}`,
    summaryTeacher: (loss) => `老师为 ${loss}`,
    orderFlip: "注意：在曲线的最后一点和在留出样本上，两个学生谁高谁低正好相反。差距小到换一份文字就可能翻转。",
    tableTitle: "留出样本上的损失",
    tableCaption: (n) =>
      `三个模型在同一份留出样本${n ? `（每种语言 ${n} 个词元）` : ""}上的损失，越低越好；小字是对应的困惑度。`,
    tableHelp:
      "损失的单位是 nats/词元，越低越好。困惑度是 e 的损失次方，可以粗略读作“模型平均在多少个候选之间犹豫”。“平均”是中文和英文各占一半。\n\n三个模型读的是同一份文字，所以数字可以直接比较。",
    colModel: "模型",
    colParams: "参数量",
    colZh: "中文",
    colEn: "英文",
    colMean: "平均",
    perplexity: (value) => `困惑度 ${value}`,
    shareOfTeacher: (percent) => `老师的 ${percent}%`,
    measuring: "计算中……",
    lossFailed: (message) => `算不出损失：${message}`,
    diff: (c, distilled, textOnly) =>
      c.kind === "same"
        ? `两个学生的平均损失在两位小数上相同（都是 ${distilled}）。`
        : `蒸馏后${c.kind === "lower" ? "低" : "高"} ${c.amount.toFixed(2)} nats：蒸馏的学生平均损失 ${distilled}，只学文字的学生 ${textOnly}。`,
    diffByLanguage: (zh, en) =>
      `分语言看：中文${signed(zh, "低", "高", "相同")}，英文${signed(en, "低", "高", "相同")}。`,
    diffWaiting: "两个学生的损失都算出来后，这里写出它们差多少。",
    diffUnavailable: "缺一个学生的损失，比不了。",
    oneRunNote: "每种做法只训练了一次（同一个随机种子）。差距很小的时候，换一个种子，结果可能就不一样。",
    genTitle: "续写同一个开头",
    genCaption: (n) => `老师和两个学生用贪心解码（每一步都取最可能的词元）续写同一个开头，最多 ${n} 个词元。`,
    genHelp:
      "贪心解码没有随机性：同一个模型、同一个开头，每次写出来都一样，所以三栏的差别只来自模型本身。\n\n灰色是你给的开头，黑色是模型写的部分。看一看：哪个学生的用词和句式更像老师？",
    promptLabel: "开头",
    presetsLabel: "试试：",
    generate: "生成",
    generating: "生成中……",
    emptyPrompt: "先写一个开头。",
    idle: "点“生成”，看它怎么写。",
    writing: "正在写……",
    ended: "（模型在这里写完了）",
    genFailed: (message) => `写不出来：${message}`,
    rerunTitle: "自己重新跑一遍",
    rerunIntro:
      "在仓库根目录依次运行这两条命令（第二条要用到老师 models/tiny）。跑完后重新打开应用，这里显示的就是你自己跑出的结果。",
    rerunMinutes: (minutes) => `在 2 核的机器上，两次训练一共大约要 ${minutes} 分钟。`,
    copy: "复制",
    copied: "已复制",
    copyFailed: "复制不了，请手动选中命令。",
  },
  en: {
    role: { teacher: "Teacher", text: "Student (text only)", distilled: "Student (distilled)" },
    short: { teacher: "teacher", text: "text only", distilled: "distilled" },
    chartTitle: "Validation loss during training",
    chartCaption: "Both students' validation loss as they trained, lower is better; the dotted horizontal line is the teacher's loss.",
    chartHelp:
      "Across: training steps; at each step a student reads a batch of text and adjusts its parameters once. Up: validation loss in nats per token, how \"surprised\" the model is, on average per token, by text it was not trained on; lower is better. The vertical axis does not start at 0, so that the gap between the lines shows.\n\nThe two students have the same size, random seed and batches of text. The only difference is what they learn from: one only from the token that really comes next in the text, the other also from the teacher's whole probability table at every position.\n\nThe curves were measured during training on a larger validation sample; the teacher's line and the table below use a fixed, smaller held-out sample, so the numbers differ slightly.",
    xTitle: "training step",
    yTitle: "validation loss (nats/token)",
    settings: (teacher, temperature, p, steps) =>
      `Distillation settings: teacher ${teacher}, temperature ${temperature}; the teacher's probabilities get ${p}% of the training loss's weight and the text itself ${100 - p}%. Each student trains for ${steps} steps.`,
    samplesNote: (n) =>
      `Note: the curves were measured during training on a larger validation sample; the teacher's line and the table below use a fixed held-out sample${n ? ` (${n} tokens per language)` : ""}, so the same model's numbers differ slightly.`,
    curvesLoading: "Reading the training records…",
    curvesFailed: (message) => `Could not read the distillation runs: ${message}`,
    curvesFailedHint:
      'The two commands under "Re-run it yourself" below train both students. The models that are there still appear in the table and the continuations.',
    noPoints: (model) => `The training record of "${model}" has no validation loss.`,
    teacherLoading: "Measuring the teacher's loss; its line appears shortly.",
    teacherFailed: "The teacher's loss could not be measured, so its line is not drawn.",
    legendTitle: "Legend",
    legendTeacher: (teacher) => `Teacher ${teacher}'s loss (held-out sample)`,
    pointTitle: (step, loss) => `step ${step}: ${loss} nats/token`,
    chartSummary: (parts) => `Line chart of validation loss against training step. ${parts.join("; ")}.`,
    summaryPart: (who, step, loss) => `${who}: ${loss} at step ${step}`,
    summaryTeacher: (loss) => `teacher: ${loss}`,
    orderFlip:
      "Note: the two students swap places between the curves' last point and the held-out sample. The gap is small enough that different text can reverse it.",
    tableTitle: "Loss on the held-out sample",
    tableCaption: (n) =>
      `The three models' loss on the same held-out sample${n ? ` (${n} tokens per language)` : ""}, lower is better; the small figure (ppl) is the perplexity.`,
    tableHelp:
      'Loss is in nats per token, lower is better. Perplexity (ppl) is e to the power of the loss; read it roughly as "how many candidates the model hesitates between, on average". "Mean" weighs Chinese and English equally.\n\nAll three models read the same text, so the numbers compare directly.',
    colModel: "Model",
    colParams: "Parameters",
    colZh: "Chinese",
    colEn: "English",
    colMean: "Mean",
    perplexity: (value) => `ppl ${value}`,
    shareOfTeacher: (percent) => `${percent}% of the teacher`,
    measuring: "Measuring…",
    lossFailed: (message) => `Could not measure the loss: ${message}`,
    diff: (c, distilled, textOnly) =>
      c.kind === "same"
        ? `The two students' mean losses are the same to two decimals (${distilled}).`
        : `${c.amount.toFixed(2)} nats ${c.kind} after distillation: the distilled student's mean loss is ${distilled}, the text-only student's ${textOnly}.`,
    diffByLanguage: (zh, en) =>
      `By language: Chinese ${signed(zh, "lower by", "higher by", "the same")}, English ${signed(en, "lower by", "higher by", "the same")}.`,
    diffWaiting: "Once both students' losses are measured, the gap between them is written here.",
    diffUnavailable: "One student's loss is missing, so they cannot be compared.",
    oneRunNote: "Each recipe was trained once, with one random seed. When the gap is small, another seed might change it.",
    genTitle: "One opening, three continuations",
    genCaption: (n) =>
      `The teacher and both students continue the same opening with greedy decoding (always the most probable token), up to ${n} tokens.`,
    genHelp:
      "Greedy decoding has no randomness: the same model and opening always give the same text, so the differences between the columns come from the models alone.\n\nThe grey part is your opening, the black part what the model wrote. Which student's words and sentences are closer to the teacher's?",
    promptLabel: "Opening",
    presetsLabel: "Try:",
    generate: "Generate",
    generating: "Generating…",
    emptyPrompt: "Type an opening first.",
    idle: "Press Generate to see what it writes.",
    writing: "Writing…",
    ended: "(the model ended the text here)",
    genFailed: (message) => `Could not write: ${message}`,
    rerunTitle: "Re-run it yourself",
    rerunIntro:
      "From the repository root, run these two commands in turn (the second uses the teacher, models/tiny). Reopen the app afterwards and this widget shows your own results.",
    rerunMinutes: (minutes) => `On a 2-core machine the two runs take about ${minutes} minutes together.`,
    copy: "Copy",
    copied: "Copied",
    copyFailed: "Could not copy; select the commands by hand.",
  },
};
