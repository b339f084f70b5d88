/** The training widgets' words, in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import type { RunStatus } from "../../lib/generated/RunStatus";
import type { ChartText } from "../../lib/generated/ChartText";
import type { TextProblem } from "./textfile";
import type { Divergence, Outcome, Overfit } from "./analysis";
import type { Knob, PresetKey, PretrainJob, Setting, SizeKey } from "./presets";
import { formatDuration, formatInt, formatLoss, formatLr } from "./format";

// ----- the controls of the running queue ---------------------------------------------------

export interface ControlsStrings {
  idle: string;
  /** The widget's own run that ended last. */
  lastRun: (name: string, status: string, step: number, total: number) => string;
  running: (name: string) => string;
  paused: (name: string) => string;
  stopping: string;
  starting: string;
  /** Between two runs of a queue. */
  nextRun: string;
  queuePosition: (n: number, of: number) => string;
  elsewhere: (name: string | null) => string;
  elsewhereHint: string;
  step: string;
  trainLoss: string;
  valLoss: string;
  speed: string;
  tokensPerSecond: string;
  eta: string;
  elapsed: string;
  progress: string;
  pause: string;
  resume: string;
  stop: string;
  stopHint: string;
  pauseHint: string;
  failed: (message: string) => string;
}

/** The words inside the plotters chart, which the backend draws in the UI's language. */
export const chartText: Record<Lang, ChartText> = {
  zh: { step: "训练步数", loss: "损失（每个词元，奈特）", randomGuess: "随机瞎猜：ln(词表大小)" },
  en: { step: "step", loss: "loss (nats per token)", randomGuess: "random guessing: ln(vocabulary)" },
};

export const controlsStrings: Record<Lang, ControlsStrings> = {
  zh: {
    idle: "现在没有训练在跑。",
    lastRun: (name, status, step, total) => `上一次训练“${name}”：${status}，第 ${step} / ${total} 步。`,
    running: (name) => `正在训练“${name}”`,
    paused: (name) => `已暂停“${name}”`,
    stopping: "正在停止：先保存检查点……",
    starting: "正在启动……",
    nextRun: "正在准备下一个训练……",
    queuePosition: (n, of) => `第 ${n} 个，共 ${of} 个`,
    elsewhere: (name) => (name ? `另一个练习的训练“${name}”正在跑。` : "另一个练习的训练正在跑。"),
    elsewhereHint: "一次只能跑一个训练。回到开始它的那一节去暂停或停止它，或者等它跑完。",
    step: "步数",
    trainLoss: "训练损失",
    valLoss: "验证损失",
    speed: "速度",
    tokensPerSecond: "词元/秒",
    eta: "还要",
    elapsed: "已用",
    progress: "训练进度",
    pause: "暂停",
    resume: "继续",
    stop: "停止",
    stopHint: "保存检查点后停止这个训练；排在后面的训练不再跑。已训练的部分会保留。",
    pauseHint: "暂停后可以从同一步继续。",
    failed: (message) => `训练出错：${message}`,
  },
  en: {
    idle: "No training is running.",
    lastRun: (name, status, step, total) => `Last run “${name}”: ${status} at step ${step} of ${total}.`,
    running: (name) => `Training “${name}”`,
    paused: (name) => `Paused “${name}”`,
    stopping: "Stopping: saving a checkpoint first…",
    starting: "Starting…",
    nextRun: "Getting the next run ready…",
    queuePosition: (n, of) => `run ${n} of ${of}`,
    elsewhere: (name) => (name ? `Another exercise's run, “${name}”, is training.` : "Another exercise's run is training."),
    elsewhereHint: "Only one run trains at a time. Pause or stop it in the section that started it, or wait for it to finish.",
    step: "Step",
    trainLoss: "Train loss",
    valLoss: "Validation loss",
    speed: "Speed",
    tokensPerSecond: "tokens/s",
    eta: "Left",
    elapsed: "Spent",
    progress: "Training progress",
    pause: "Pause",
    resume: "Resume",
    stop: "Stop",
    stopHint: "Stops this run after saving a checkpoint; runs queued after it are dropped. What it has learnt is kept.",
    pauseHint: "A paused run resumes from the same step.",
    failed: (message) => `Training failed: ${message}`,
  },
};

// ----- the list of kept runs -----------------------------------------------------------------

export interface RunsStrings {
  title: string;
  caption: string;
  status: Record<RunStatus, string>;
  kind: { pretrain: string; fineTune: string };
  colCompare: string;
  colRun: string;
  colStatus: string;
  colSteps: string;
  colTrain: string;
  colVal: string;
  colParams: string;
  colSpeed: string;
  compare: (name: string) => string;
  loading: string;
  empty: string;
  emptyFiltered: string;
  loadFailed: (message: string) => string;
  retry: string;
  exportLabel: string;
  exportAs: (format: string) => string;
  exporting: string;
  saved: (path: string) => string;
  exportFailed: (message: string) => string;
  open: string;
  openHint: string;
  delete: string;
  reallyDelete: string;
  deleting: string;
  deleteFailed: (message: string) => string;
  runFailed: (message: string) => string;
  compareTitle: string;
  compareHint: string;
  compareLabel: (names: string[]) => string;
  logScale: string;
  actions: (name: string) => string;
}

export const runsStrings: Record<Lang, RunsStrings> = {
  zh: {
    title: "保存下来的训练",
    caption: "每个训练都保存了模型和记录，下次打开应用还在。勾选几个，就能把它们的曲线画在一起比较。",
    status: { queued: "排队中", running: "训练中", paused: "已暂停", finished: "已完成", stopped: "已停止", failed: "失败" },
    kind: { pretrain: "预训练", fineTune: "微调" },
    colCompare: "比较",
    colRun: "训练",
    colStatus: "状态",
    colSteps: "步数",
    colTrain: "训练损失",
    colVal: "验证损失",
    colParams: "参数量",
    colSpeed: "词元/秒",
    compare: (name) => `把“${name}”画进比较图`,
    loading: "正在读取训练记录……",
    empty: "还没有保存下来的训练。跑完一个，它就会出现在这里。",
    emptyFiltered: "这里还没有训练。跑完一个，它就会出现在这里。",
    loadFailed: (message) => `读不到训练列表：${message}`,
    retry: "重试",
    exportLabel: "导出",
    exportAs: (format) => `导出 ${format}`,
    exporting: "正在导出……",
    saved: (path) => `已保存到 ${path}`,
    exportFailed: (message) => `导出失败：${message}`,
    open: "在生成实验室打开",
    openHint: "用这个训练出来的模型写字",
    delete: "删除",
    reallyDelete: "确定删除？",
    deleting: "正在删除……",
    deleteFailed: (message) => `删除失败：${message}`,
    runFailed: (message) => `出错：${message}`,
    compareTitle: "比较所选的训练",
    compareHint: "勾选上面表格里的训练，它们的曲线会画在这里。",
    compareLabel: (names) => `损失曲线：${names.join("、")}`,
    logScale: "纵轴用对数刻度",
    actions: (name) => `“${name}”的操作`,
  },
  en: {
    title: "Kept runs",
    caption: "Every run keeps its model and its record, there the next time the app opens too. Tick a few to draw their curves together.",
    status: { queued: "queued", running: "training", paused: "paused", finished: "finished", stopped: "stopped", failed: "failed" },
    kind: { pretrain: "pre-training", fineTune: "fine-tuning" },
    colCompare: "Compare",
    colRun: "Run",
    colStatus: "Status",
    colSteps: "Steps",
    colTrain: "Train loss",
    colVal: "Val. loss",
    colParams: "Parameters",
    colSpeed: "Tokens/s",
    compare: (name) => `Draw “${name}” in the comparison`,
    loading: "Reading the runs…",
    empty: "No runs kept yet. Once one has trained, it appears here.",
    emptyFiltered: "No runs here yet. Once one has trained, it appears here.",
    loadFailed: (message) => `Could not read the runs: ${message}`,
    retry: "Try again",
    exportLabel: "Export",
    exportAs: (format) => `Export ${format}`,
    exporting: "Exporting…",
    saved: (path) => `Saved to ${path}`,
    exportFailed: (message) => `Could not export: ${message}`,
    open: "Open in generation lab",
    openHint: "Write with the model this run trained",
    delete: "Delete",
    reallyDelete: "Really delete?",
    deleting: "Deleting…",
    deleteFailed: (message) => `Could not delete: ${message}`,
    runFailed: (message) => `Failed: ${message}`,
    compareTitle: "The ticked runs compared",
    compareHint: "Tick runs in the table above to draw their curves here.",
    compareLabel: (names) => `Loss curves: ${names.join(", ")}`,
    logScale: "Logarithmic loss axis",
    actions: (name) => `Actions for “${name}”`,
  },
};

// ----- lesson 7: pre-training from scratch ---------------------------------------------------


export type DataKey = "zh" | "en" | "both" | "file";

export interface PretrainStrings {
  caption: string;
  dataTitle: string;
  data: Record<DataKey, string>;
  dataShort: Record<Exclude<DataKey, "file">, string>;
  corpusNote: string;
  chooseFile: string;
  fileHint: (limitMb: number, minChars: string) => string;
  reading: string;
  fileOk: (name: string, chars: string) => string;
  problem: (p: TextProblem) => string;
  needFile: string;
  sizeTitle: string;
  size: Record<SizeKey, string>;
  sizeShort: Record<SizeKey, string>;
  stepsTitle: string;
  stepsValue: (n: string) => string;
  lrTitle: string;
  lrHint: string;
  designing: string;
  parameters: (n: string) => string;
  estimate: (time: string) => string;
  tooSlow: string;
  designProblem: (message: string) => string;
  designFailed: (message: string) => string;
  start: string;
  starting: string;
  busy: string;
  busyMine: string;
  runName: (data: string, size: string, steps: number) => string;
  chartTitle: string;
  chartCaption: string;
  chartLabel: (name: string) => string;
  chartEmpty: string;
  logScale: string;
  backgroundNote: string;
  samplesTitle: string;
  samplesCaption: string;
  samplesAt: (step: number) => string;
  newest: string;
  samplesNone: string;
  samplesSaved: string;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

export const pretrainStrings: Record<Lang, PretrainStrings> = {
  zh: {
    caption: "从零开始训练一个小模型：选好文字和大小，点“开始训练”，看损失一点点降下来，看它写的字一点点像样。",
    dataTitle: "学什么文字",
    data: { zh: "内置语料：中文", en: "内置语料：英文", both: "内置语料：中英各半", file: "我自己的 .txt 文件" },
    dataShort: { zh: "中文", en: "英文", both: "中英" },
    corpusNote: "内置语料是唐诗、宋词和简·奥斯汀的六部小说。",
    chooseFile: "选择文件",
    fileHint: (limit, min) => `纯文本（.txt），UTF-8 编码；最大 ${limit} MB，至少 ${min} 个字符。文件只在这台电脑上读取。`,
    reading: "正在读取……",
    fileOk: (name, chars) => `“${name}”：${chars} 个字符，可以训练。`,
    problem: (p) => {
      switch (p.kind) {
        case "tooBig":
          return `这个文件有 ${mb(p.bytes)} MB，超过了 ${mb(p.limit)} MB 的上限。请挑一个小一些的文件，或者截取其中一部分另存成新文件。`;
        case "notUtf8":
          return "这个文件不是 UTF-8 编码（可能是 GBK 之类的旧编码），读不出里面的字。请用文本编辑器打开它，“另存为”时选 UTF-8 编码，再选一次。";
        case "empty":
          return "这个文件是空的，或者只有空格和换行。";
        case "tooShort":
          return `这个文件只有 ${p.chars.toLocaleString("en-US")} 个字符，太少了，学不到什么。至少要 ${p.min.toLocaleString("en-US")} 个字符。`;
        case "unreadable":
          return `读不了这个文件：${p.message}`;
      }
    },
    needFile: "先选一个 .txt 文件。",
    sizeTitle: "模型大小",
    size: { small: "小：2 层，宽 64", medium: "中：4 层，宽 128" },
    sizeShort: { small: "小", medium: "中" },
    stepsTitle: "训练步数",
    stepsValue: (n) => `${n} 步`,
    lrTitle: "学习率",
    lrHint: "每一步参数挪多远。太大会发散，太小学得慢（第 9 课）。",
    designing: "正在估算……",
    parameters: (n) => `参数量 ${n}`,
    estimate: (time) => `在这台电脑上大约要 ${time}`,
    tooSlow: "超过十分钟，工作坊里等不及。可以少几步，或者选小一点的模型。",
    designProblem: (message) => `这个设计不行：${message}`,
    designFailed: (message) => `估算不了：${message}`,
    start: "开始训练",
    starting: "正在启动……",
    busy: "另一个训练正在跑。等它结束或者停止它，才能开始新的。",
    busyMine: "一次只能跑一个训练：等这个跑完，或者在下面停止它，再开始新的。",
    runName: (data, size, steps) => `预训练 · ${data} · ${size} · ${steps} 步`,
    chartTitle: "损失曲线",
    chartCaption: "实线是训练损失（平滑后），圆点是验证损失；灰色虚线是 ln(词表大小)，也就是随机瞎猜的损失。",
    chartLabel: (name) => `“${name}”的损失曲线`,
    chartEmpty: "开始训练后，曲线画在这里。",
    logScale: "纵轴用对数刻度",
    backgroundNote: "可以离开这一节去读别的，训练会在后台继续；回来时曲线和样本都还在。",
    samplesTitle: "模型现在写的字",
    samplesCaption: "每次验证时，模型接着同样几个开头往下写。最新的在最上面，往下是更早的。",
    samplesAt: (step) => `第 ${step.toLocaleString("en-US")} 步`,
    newest: "最新",
    samplesNone: "第一次验证之后，模型写的字出现在这里。",
    samplesSaved: "保存下来的最新样本",
  },
  en: {
    caption: "Train a small model from scratch: choose the text and the size, press Start, and watch the loss come down and what the model writes take shape.",
    dataTitle: "Text to learn from",
    data: { zh: "Bundled corpus: Chinese", en: "Bundled corpus: English", both: "Bundled corpus: half each", file: "My own .txt file" },
    dataShort: { zh: "Chinese", en: "English", both: "zh + en" },
    corpusNote: "The bundled corpus is Tang poems, Song ci and Jane Austen's six novels.",
    chooseFile: "Choose a file",
    fileHint: (limit, min) => `Plain text (.txt) in UTF-8; at most ${limit} MB, at least ${min} characters. The file is read on this computer only.`,
    reading: "Reading…",
    fileOk: (name, chars) => `“${name}”: ${chars} characters, ready to train on.`,
    problem: (p) => {
      switch (p.kind) {
        case "tooBig":
          return `This file is ${mb(p.bytes)} MB, over the ${mb(p.limit)} MB limit. Pick a smaller file, or save part of it as a new one.`;
        case "notUtf8":
          return "This file is not UTF-8 text (perhaps an older encoding such as GBK or Windows-1252), so its characters cannot be read. Open it in a text editor, use Save As with UTF-8 encoding, and choose it again.";
        case "empty":
          return "This file is empty, or only spaces and line breaks.";
        case "tooShort":
          return `This file has only ${p.chars.toLocaleString("en-US")} characters: too little to learn from. It needs at least ${p.min.toLocaleString("en-US")}.`;
        case "unreadable":
          return `Could not read this file: ${p.message}`;
      }
    },
    needFile: "Choose a .txt file first.",
    sizeTitle: "Model size",
    size: { small: "Small: 2 layers, 64 wide", medium: "Medium: 4 layers, 128 wide" },
    sizeShort: { small: "small", medium: "medium" },
    stepsTitle: "Training steps",
    stepsValue: (n) => `${n} steps`,
    lrTitle: "Learning rate",
    lrHint: "How far each step moves the parameters. Too large diverges, too small learns slowly (lesson 9).",
    designing: "Estimating…",
    parameters: (n) => `${n} parameters`,
    estimate: (time) => `about ${time} on this computer`,
    tooSlow: "Over ten minutes: longer than a workshop can wait. Try fewer steps or the smaller model.",
    designProblem: (message) => `This design cannot be built: ${message}`,
    designFailed: (message) => `Could not estimate: ${message}`,
    start: "Start training",
    starting: "Starting…",
    busy: "Another run is training. Wait for it to finish, or stop it, before starting a new one.",
    busyMine: "One run trains at a time: wait for this one to finish, or stop it below, to start another.",
    runName: (data, size, steps) => `Pre-train · ${data} · ${size} · ${steps} steps`,
    chartTitle: "Loss curves",
    chartCaption: "Line: training loss (smoothed); dots: validation loss; grey dashes: ln(vocabulary size), the loss of guessing at random.",
    chartLabel: (name) => `Loss curves of “${name}”`,
    chartEmpty: "Start a run and its curves are drawn here.",
    logScale: "Logarithmic loss axis",
    backgroundNote: "You can leave this section and read on; training carries on in the background, and the curves and samples are here when you come back.",
    samplesTitle: "What the model writes now",
    samplesCaption: "At every validation the model continues the same few openings. Newest on top, earlier ones below.",
    samplesAt: (step) => `Step ${step.toLocaleString("en-US")}`,
    newest: "newest",
    samplesNone: "What the model writes appears here after the first validation.",
    samplesSaved: "The newest samples kept",
  },
};

// ----- lesson 9: experiments, one knob at a time -----------------------------------------------


export interface ExperimentStrings {
  caption: string;
  presetsLabel: string;
  preset: Record<PresetKey | "custom", string>;
  watch: Record<PresetKey | "custom", string>;
  watchLabel: string;
  knobLabel: string;
  knob: Record<Knob, string>;
  valuesLabel: (min: number, max: number) => string;
  /** A value as a chip shows it. */
  value: (s: Setting) => string;
  /** A run's name: the knob and its value. */
  runName: (s: Setting) => string;
  varies: (knob: string, values: string[]) => string;
  rest: (job: PretrainJob, knob: Knob) => string;
  plan: (runs: number, seconds: number | null) => string;
  tooSlow: string;
  tooFew: (min: number) => string;
  start: string;
  starting: string;
  busy: string;
  chartTitle: string;
  chartCaption: string;
  chartLabel: (names: string[]) => string;
  chartEmpty: string;
  logScale: string;
  readingTitle: string;
  readingWaiting: string;
  readingSoFar: string;
  diverged: (name: string, d: Divergence) => string;
  overfit: (name: string, o: Overfit) => string;
  fine: (o: Outcome) => string;
  failed: (name: string, error: string) => string;
  stoppedAt: (step: number) => string;
  lowest: (name: string, loss: string) => string;
  backgroundNote: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const lossText = (x: number | null) => formatLoss(x);

export const experimentStrings: Record<Lang, ExperimentStrings> = {
  zh: {
    caption: "一次只改一个设置，其余全都不变（同样的数据、验证文本和随机种子），把几次训练的曲线画在同一张图上。",
    presetsLabel: "预设实验：",
    preset: {
      divergence: "学习率太大：发散",
      underfitting: "模型太小：欠拟合",
      overfitting: "数据太少：过拟合",
      noise: "脏数据",
      custom: "自己选",
    },
    watch: {
      divergence: "看学习率最大的那条线：损失不降反升，甚至变成 NaN（不是一个数）。再比一比另外两条谁降得快。",
      underfitting: "小模型的两条线都停在高处，而且贴在一起：它连训练文字都学不好，不是背多了，是装不下。",
      overfitting: "只给 3,000 个词元的那次：训练损失一路往下，验证损失却先降后升，两条线越拉越开。",
      noise: "一半训练词元换成了随机词元：训练损失停在更高处。验证文本是干净的，看它因此差了多少。",
      custom: "选一个设置，勾 2 到 3 个值。其余设置都保持下面写的基准。",
    },
    watchLabel: "看什么：",
    knobLabel: "改哪个设置",
    knob: { lr: "学习率", size: "模型大小", dataTokens: "数据量", steps: "训练步数", noise: "噪声数据" },
    valuesLabel: (min, max) => `试哪些值（勾 ${min} 到 ${max} 个）`,
    value: (s) => {
      switch (s.knob) {
        case "lr":
          return formatLr(s.value);
        case "size":
          return `${s.value.layers} 层 × 宽 ${s.value.hidden}`;
        case "dataTokens":
          return s.value === null ? "全部" : `${formatInt(s.value)} 词元`;
        case "steps":
          return `${s.value} 步`;
        case "noise":
          return pct(s.value);
      }
    },
    runName: (s) => {
      switch (s.knob) {
        case "lr":
          return `学习率 ${formatLr(s.value)}`;
        case "size":
          return `${s.value.layers} 层 × 宽 ${s.value.hidden}`;
        case "dataTokens":
          return s.value === null ? "全部数据" : `数据 ${formatInt(s.value)} 词元`;
        case "steps":
          return `${s.value} 步`;
        case "noise":
          return `噪声 ${pct(s.value)}`;
      }
    },
    varies: (knob, values) => `只改${knob}：${values.join("、")}`,
    rest: (job, knob) => {
      const parts: string[] = [];
      if (knob !== "size") parts.push(`${job.design.layers} 层、宽 ${job.design.hidden}`);
      if (knob !== "steps") parts.push(`${job.steps} 步`);
      if (knob !== "lr") parts.push(`学习率 ${formatLr(job.peakLr)}`);
      if (knob !== "dataTokens") parts.push(job.dataTokens === null ? "全部数据" : `数据 ${formatInt(job.dataTokens)} 词元`);
      if (knob !== "noise") parts.push(job.noise ? `噪声 ${pct(job.noise)}` : "没有噪声");
      parts.push(`每批 ${job.batchSize} 段 × ${job.seqLen} 词元`, `随机种子\u00a0${job.seed}`, "内置语料中英各半");
      return `其余不变：${parts.join("，")}。`;
    },
    plan: (runs, seconds) =>
      `依次训练 ${runs} 次${seconds === null ? "。" : `，在这台电脑上一共大约要 ${formatDuration(seconds, "zh")}。`}`,
    tooSlow: "其中有的训练超过十分钟，工作坊里等不及。",
    tooFew: (min) => `至少勾 ${min} 个值。`,
    start: "开始实验",
    starting: "正在启动……",
    busy: "另一个训练正在跑。等它结束或者停止它，才能开始实验。",
    chartTitle: "这次实验的曲线",
    chartCaption: "每次训练一种颜色，图例写着它改的那个值。实线是训练损失，圆点是验证损失，灰色虚线是随机瞎猜的损失。",
    chartLabel: (names) => `损失曲线：${names.join("、")}`,
    chartEmpty: "开始实验后，几次训练的曲线画在这里。",
    logScale: "纵轴用对数刻度",
    readingTitle: "结果怎么读",
    readingWaiting: "实验跑完后，这里根据真实的数字说一说结果。",
    readingSoFar: "已经跑完的：",
    diverged: (name, d) =>
      d.kind === "nan"
        ? `“${name}”：发散了。${d.step === null ? "" : `从第 ${d.step} 步起，`}损失不再是一个数（NaN）。`
        : `“${name}”：发散了。训练损失最后是 ${lossText(d.last)}，比开始时的 ${lossText(d.first)} 还高。`,
    overfit: (name, o) =>
      `“${name}”：过拟合。验证损失在第 ${o.minStep} 步最低（${lossText(o.minLoss)}），到第 ${o.laterStep} 步又升到 ${lossText(o.laterLoss)}。`,
    fine: (o) =>
      `“${o.name}”：训练损失从 ${lossText(o.firstTrain)} 降到 ${lossText(o.lastTrain)}，最后的验证损失是 ${lossText(o.finalVal)}。`,
    failed: (name, error) => `“${name}”：训练出错：${error}`,
    stoppedAt: (step) => `（在第 ${step} 步被停止）`,
    lowest: (name, loss) => `验证损失最低的是“${name}”：${loss}。`,
    backgroundNote: "实验在后台跑：可以接着读下面几节，回来时曲线和结果都还在。",
  },
  en: {
    caption: "Change one setting, keep everything else the same (the same data, validation text and random seed), and draw the runs' curves on one chart.",
    presetsLabel: "Preset experiments:",
    preset: {
      divergence: "Learning rate too high: divergence",
      underfitting: "Model too small: underfitting",
      overfitting: "Too little data: overfitting",
      noise: "Noisy data",
      custom: "Your own",
    },
    watch: {
      divergence: "Watch the highest learning rate: instead of falling, its loss jumps up or becomes NaN (not a number). Then compare how fast the other two fall.",
      underfitting: "The small model's two curves stay high and close together: it cannot even learn its training text. Not memorizing: no room.",
      overfitting: "The run with only 3,000 tokens: training loss keeps falling while validation loss falls, then turns up, and the gap widens.",
      noise: "Half the training tokens replaced by random ones: training loss stays higher. Validation text is clean: see how much worse the model does on it.",
      custom: "Choose one setting and tick 2 or 3 values. Everything else stays at the base written below.",
    },
    watchLabel: "Watch for:",
    knobLabel: "Setting to change",
    knob: { lr: "Learning rate", size: "Model size", dataTokens: "Amount of data", steps: "Training length", noise: "Noisy data" },
    valuesLabel: (min, max) => `Values to try (tick ${min} to ${max})`,
    value: (s) => {
      switch (s.knob) {
        case "lr":
          return formatLr(s.value);
        case "size":
          return `${s.value.layers} × ${s.value.hidden}`;
        case "dataTokens":
          return s.value === null ? "all" : `${formatInt(s.value)} tokens`;
        case "steps":
          return `${s.value} steps`;
        case "noise":
          return pct(s.value);
      }
    },
    runName: (s) => {
      switch (s.knob) {
        case "lr":
          return `lr ${formatLr(s.value)}`;
        case "size":
          return `${s.value.layers} layer${s.value.layers === 1 ? "" : "s"} × ${s.value.hidden} wide`;
        case "dataTokens":
          return s.value === null ? "all data" : `data ${formatInt(s.value)} tokens`;
        case "steps":
          return `${s.value} steps`;
        case "noise":
          return `noise ${pct(s.value)}`;
      }
    },
    varies: (knob, values) => `Changing only ${knob.toLowerCase()}: ${values.join(", ")}`,
    rest: (job, knob) => {
      const parts: string[] = [];
      if (knob !== "size") parts.push(`${job.design.layers} layers, ${job.design.hidden} wide`);
      if (knob !== "steps") parts.push(`${job.steps} steps`);
      if (knob !== "lr") parts.push(`learning rate ${formatLr(job.peakLr)}`);
      if (knob !== "dataTokens") parts.push(job.dataTokens === null ? "all the data" : `${formatInt(job.dataTokens)} tokens of data`);
      if (knob !== "noise") parts.push(job.noise ? `noise ${pct(job.noise)}` : "no noise");
      parts.push(`batches of ${job.batchSize} × ${job.seqLen} tokens`, `seed\u00a0${job.seed}`, "bundled corpus, half Chinese");
      return `Everything else the same: ${parts.join(", ")}.`;
    },
    plan: (runs, seconds) =>
      `${runs} runs, one after another${seconds === null ? "." : `: about ${formatDuration(seconds, "en")} in all on this computer.`}`,
    tooSlow: "Some of these runs take over ten minutes: longer than a workshop can wait.",
    tooFew: (min) => `Tick at least ${min} values.`,
    start: "Run the experiment",
    starting: "Starting…",
    busy: "Another run is training. Wait for it to finish, or stop it, before starting the experiment.",
    chartTitle: "This experiment's curves",
    chartCaption: "One colour per run; the legend names the value it changed. Line: training loss; dots: validation loss; grey dashes: the loss of guessing at random.",
    chartLabel: (names) => `Loss curves: ${names.join(", ")}`,
    chartEmpty: "Run the experiment and its runs' curves are drawn here.",
    logScale: "Logarithmic loss axis",
    readingTitle: "Reading the result",
    readingWaiting: "When the experiment has finished, the result is read here from the real numbers.",
    readingSoFar: "Finished so far:",
    diverged: (name, d) =>
      d.kind === "nan"
        ? `“${name}”: diverged. ${d.step === null ? "Its" : `From step ${d.step} its`} loss was no longer a number (NaN).`
        : `“${name}”: diverged. Its training loss ended at ${lossText(d.last)}, higher than the ${lossText(d.first)} it started at.`,
    overfit: (name, o) =>
      `“${name}”: overfitting. Validation loss was lowest at step ${o.minStep} (${lossText(o.minLoss)}) and rose to ${lossText(o.laterLoss)} by step ${o.laterStep}.`,
    fine: (o) =>
      `“${o.name}”: training loss fell from ${lossText(o.firstTrain)} to ${lossText(o.lastTrain)}; final validation loss ${lossText(o.finalVal)}.`,
    failed: (name, error) => `“${name}”: failed: ${error}`,
    stoppedAt: (step) => ` (stopped at step ${step})`,
    lowest: (name, loss) => `Lowest final validation loss: “${name}”, ${loss}.`,
    backgroundNote: "The experiment runs in the background: read on below, and the curves and the reading are here when you come back.",
  },
};
