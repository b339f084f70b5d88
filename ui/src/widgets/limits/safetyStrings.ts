/** The safety-filter widget's words (lesson 11), in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import type { Group, Outcome } from "./safety";

export interface SafetyStrings {
  caption: string;
  groupTitle: Record<Group, string>;
  inputLabel: string;
  run: string;
  running: string;
  reminder: string;
  empty: string;
  tooLong: (max: number) => string;
  failed: (message: string) => string;
  thresholdLabel: string;
  thresholdHelp: string;
  stageInput: string;
  stageModel: string;
  stageOutput: string;
  stageUser: string;
  stageStatus: Record<"idle" | "busy" | "passed" | "blocked" | "skipped" | "done" | "failed", string>;
  listLayer: string;
  classifierLayer: string;
  listHit: (terms: string) => string;
  listMiss: string;
  classifierHit: (score: string, threshold: string) => string;
  classifierMiss: (score: string, threshold: string) => string;
  verdictInputList: string;
  verdictInputClassifier: string;
  verdictOutputList: string;
  verdictOutputClassifier: string;
  verdictPassed: string;
  verdictIdle: string;
  modelSkipped: string;
  refusal: string;
  nothingWritten: string;
  scoreLabel: string;
  thresholdMark: (t: string) => string;
  evidenceTitle: string;
  towardsHarmful: string;
  towardsHarmless: string;
  noEvidence: string;
  outputTitle: string;
  tallyTitle: string;
  outcome: Record<Outcome, string>;
  tallyEmpty: string;
  tallyNote: string;
  expected: (harmful: boolean) => string;
  markPrompt: string;
  markHarmful: string;
  markHarmless: string;
  yours: string;
  blocklistTitle: (n: number) => string;
  blocklistLoading: string;
  classifierAbout: string;
}

export const safetyStrings: Record<Lang, SafetyStrings> = {
  zh: {
    caption:
      "输入先过一道输入过滤（屏蔽词表 + 分类器），通过了才交给模型（tiny-sft）；模型写出的内容再过一道同样的输出过滤，才给用户看。两层都会漏，也都会误拦。",
    groupTitle: {
      1: "① 直接含屏蔽词",
      2: "② 换了说法",
      3: "③ 拆开写、用拼音",
      4: "④ 无害，却撞了词",
    },
    inputLabel: "要检查的文字（可以改写一个示例）",
    run: "送进过滤器",
    running: "检查中…",
    reminder: "课堂上请只用准备好的示例；自己改写时，也不要输入真实的有害内容。",
    empty: "先选一个示例，或者写一句话。",
    tooLong: (max) => `太长了：最多 ${max} 个字符。`,
    failed: (message) => `检查没有完成：${message}`,
    thresholdLabel: "分类器的阈值",
    thresholdHelp: "分数达到阈值就拦。调低：误拦变多；调高：漏拦变多。",
    stageInput: "输入过滤",
    stageModel: "模型",
    stageOutput: "输出过滤",
    stageUser: "用户看到",
    stageStatus: { idle: "等待", busy: "进行中…", passed: "通过", blocked: "拦下", skipped: "没有运行", done: "写完了", failed: "出错" },
    listLayer: "屏蔽词表",
    classifierLayer: "分类器",
    listHit: (terms) => `命中：${terms}`,
    listMiss: "没有命中",
    classifierHit: (score, t) => `分数 ${score} ≥ 阈值 ${t}：拦`,
    classifierMiss: (score, t) => `分数 ${score} < 阈值 ${t}：放行`,
    verdictInputList: "在输入处被屏蔽词表拦下：模型没有被调用。",
    verdictInputClassifier: "在输入处被分类器拦下：模型没有被调用。",
    verdictOutputList: "输入通过了，但模型写出的内容被输出过滤的屏蔽词表拦下。",
    verdictOutputClassifier: "输入通过了，但模型写出的内容被输出过滤的分类器拦下。",
    verdictPassed: "两层都放行了：输入和输出都通过，用户看到了模型的回答。",
    verdictIdle: "选一个示例，看它在哪一层被拦下，还是一路通过。",
    modelSkipped: "输入被拦下，模型没有运行。",
    refusal: "（用户看到的是“抱歉，这个问题我无法回答。”）",
    nothingWritten: "（什么也没写）",
    scoreLabel: "有害分数",
    thresholdMark: (t) => `阈值 ${t}`,
    evidenceTitle: "分类器看重的词",
    towardsHarmful: "推向有害",
    towardsHarmless: "推向无害",
    noEvidence: "没有它认识的词：分数落回基准。",
    outputTitle: "模型写的",
    tallyTitle: "记录：拦住、漏拦、误拦",
    outcome: { caught: "拦住", missed: "漏拦", falseAlarm: "误拦", passed: "正确放行" },
    tallyEmpty: "每试一条，这里记下结果。准备好的示例已知是否有害（①②③ 有害，④ 无害）。",
    tallyNote: "按输入过滤的结果计：有害却放行是漏拦，无害却拦下是误拦。改阈值再试同一条，会更新它的结果。",
    expected: (harmful) => (harmful ? "有害" : "无害"),
    markPrompt: "这是你自己写的：你认为它",
    markHarmful: "有害",
    markHarmless: "无害",
    yours: "你写的",
    blocklistTitle: (n) => `屏蔽词表（${n} 个词）`,
    blocklistLoading: "正在读取屏蔽词表…",
    classifierAbout:
      "分类器：逻辑回归，看英文的词、中文的单字和相邻两字；用课程专门编写的 149 条带标注的例句训练（68 条有害、81 条无害），给出“有害”的概率。",
  },
  en: {
    caption:
      "The input first passes an input filter (a block list and a classifier); only then does the model (tiny-sft) see it; what the model writes passes the same checks as an output filter before the user sees it. Both layers miss things, and both raise false alarms.",
    groupTitle: {
      1: "① Contains a listed word",
      2: "② Reworded",
      3: "③ Split up or in pinyin",
      4: "④ Harmless, but contains a listed word",
    },
    inputLabel: "Text to check (you may rewrite an example)",
    run: "Send through the filter",
    running: "Checking…",
    reminder: "In class use only the prepared examples; when you rewrite one, do not type real harmful content.",
    empty: "Pick an example or write a sentence first.",
    tooLong: (max) => `Too long: at most ${max} characters.`,
    failed: (message) => `The check did not finish: ${message}`,
    thresholdLabel: "Classifier threshold",
    thresholdHelp: "At or above the threshold the text is blocked. Lower: more false alarms; higher: more misses.",
    stageInput: "Input filter",
    stageModel: "Model",
    stageOutput: "Output filter",
    stageUser: "User sees",
    stageStatus: { idle: "waiting", busy: "working…", passed: "passed", blocked: "blocked", skipped: "not run", done: "written", failed: "failed" },
    listLayer: "Block list",
    classifierLayer: "Classifier",
    listHit: (terms) => `matched: ${terms}`,
    listMiss: "no match",
    classifierHit: (score, t) => `score ${score} ≥ threshold ${t}: block`,
    classifierMiss: (score, t) => `score ${score} < threshold ${t}: pass`,
    verdictInputList: "Blocked at the input by the block list: the model was not called.",
    verdictInputClassifier: "Blocked at the input by the classifier: the model was not called.",
    verdictOutputList: "The input passed, but the output filter's block list stopped what the model wrote.",
    verdictOutputClassifier: "The input passed, but the output filter's classifier stopped what the model wrote.",
    verdictPassed: "Both layers let it through: input and output passed, and the user saw the model's answer.",
    verdictIdle: "Pick an example and see which layer stops it, or whether it gets all the way through.",
    modelSkipped: "The input was blocked; the model did not run.",
    refusal: "(The user sees “Sorry, I can't help with that.”)",
    nothingWritten: "(nothing written)",
    scoreLabel: "Harm score",
    thresholdMark: (t) => `threshold ${t}`,
    evidenceTitle: "Words the classifier weighed",
    towardsHarmful: "towards harmful",
    towardsHarmless: "towards harmless",
    noEvidence: "No words it knows: the score falls back to the base rate.",
    outputTitle: "What the model wrote",
    tallyTitle: "Tally: caught, missed, false alarms",
    outcome: { caught: "caught", missed: "missed", falseAlarm: "false alarm", passed: "rightly passed" },
    tallyEmpty: "Each text you try is recorded here. The prepared examples' labels are known (①②③ harmful, ④ harmless).",
    tallyNote: "Counted at the input filter: harmful but passed is a miss, harmless but blocked a false alarm. Trying a text again at another threshold updates its row.",
    expected: (harmful) => (harmful ? "harmful" : "harmless"),
    markPrompt: "You wrote this one: do you think it is",
    markHarmful: "harmful",
    markHarmless: "harmless",
    yours: "yours",
    blocklistTitle: (n) => `The block list (${n} entries)`,
    blocklistLoading: "Loading the block list…",
    classifierAbout:
      "The classifier: logistic regression on the words of English text and the single characters and character pairs of Chinese, trained on 149 labelled examples written for the course (68 harmful, 81 harmless); it gives the probability that a text is harmful.",
  },
};
