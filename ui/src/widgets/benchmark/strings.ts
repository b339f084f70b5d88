/** The benchmark widget's words (lesson 10), in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import type { ItemKind, ItemLanguage, ModelKey, Reading } from "./benchmark";

export interface BenchmarkStrings {
  caption: string;
  heldOut: string;
  heldOutShort: string;

  loading: string;
  loadFailed: (message: string) => string;
  retry: string;

  scoreTitle: string;
  scoreCaption: string;
  scoreHelp: string;
  modelName: Record<ModelKey, string>;
  modelNote: Record<ModelKey, string>;
  score: string;
  scoreAll: string;
  scoring: string;
  queued: string;
  scored: string;
  notScored: string;
  needItems: string;
  scoreFailed: (model: string, message: string) => string;
  timing: string;

  chance: string;
  chanceShort: string;
  viewLabel: string;
  view: Record<"overall" | "language" | "kind", string>;
  language: Record<ItemLanguage, string>;
  kind: Record<ItemKind, string>;
  accuracyLabel: (model: string, tally: string, percent: string) => string;
  ranking: (order: string) => string;
  rankingHint: string;

  itemsTitle: string;
  itemsCaption: string;
  itemsHelp: string;
  filterLanguage: string;
  filterKind: string;
  filterWrong: string;
  all: string;
  nobody: string;
  wrongFor: (model: string) => string;
  shown: (n: number, total: number) => string;
  noneShown: string;
  rightMark: (model: string) => string;
  wrongMark: (model: string) => string;

  detailEmpty: string;
  question: Record<ItemKind, string>;
  given: string;
  blankLabel: string;
  answer: string;
  chosenBy: (models: string) => string;
  showModels: string;
  noScores: string;
  probabilitiesNote: string;
  barLabel: (model: string, percent: string) => string;
  reading: Record<Reading, string>;
  readingLine: (model: string, reading: string, detail: string) => string;
  readingDetail: (reading: Reading, chosen: string, chosenPercent: string, answer: string, answerPercent: string, lead: string) => string;
  readingKey: string;
  points: (value: string) => string;
  chanceNote: string;
  rankSep: string;
  listLabel: string;
}

export const benchmarkStrings: Record<Lang, BenchmarkStrings> = {
  zh: {
    caption:
      "40 道四选一：中文的唐诗填空和宋词下一句，英文的奥斯汀小说填空和下一句，各 10 道。判分比较概率：模型给每个候选整段文字打一个概率，概率最高的就是它的答案。",
    heldOut:
      "题目全部取自模型训练时没读过的保留文本（验证集），并逐题检查过不在训练数据里。如果这些原文在训练数据里，模型可能只是背出了答案，分数会虚高：这就是数据污染。",

    heldOutShort: "出自保留文本：模型训练时没读过",
    loading: "正在读取题目…",
    loadFailed: (message) => `题目没能读出来：${message}`,
    retry: "重试",

    scoreTitle: "给模型评分",
    scoreCaption: "每次只评一个模型；“四个都评”会一个接一个地跑，每个模型跑完，正确率马上出现。",
    scoreHelp:
      "评分时，模型把每道题的四个候选各读一遍（题干加上候选），算出整段文字的概率；概率最高的候选就是它的答案，和正确答案一样就算对。条的长度是正确率，虚线是瞎猜的 25%：四选一，随便选也能对四分之一。",
    modelName: { tiny: "tiny", "tiny-sft": "tiny-sft", "tiny-moe": "tiny-moe", trigram: "三元 n-gram" },
    modelNote: {
      tiny: "稠密模型，约 250 万参数",
      "tiny-sft": "tiny 做过问答微调的版本",
      "tiny-moe": "混合专家版本，训练时读的词元少得多",
      trigram: "不是神经网络，只数 3 个词元连着出现的次数",
    },
    score: "评分",
    scoreAll: "四个都评",
    scoring: "正在评分…",
    queued: "排队中",
    scored: "已评分",
    notScored: "还没评",
    needItems: "题目读出来以后才能评分。",
    scoreFailed: (model, message) => `${model} 没能评完：${message}`,
    timing: "每个模型要一到几秒。",

    chance: "瞎猜 25%（四选一）",
    chanceShort: "瞎猜 25%",
    viewLabel: "正确率",
    view: { overall: "总体", language: "按语言", kind: "按题型" },
    language: { zh: "中文", en: "英文" },
    kind: { cloze: "填空", nextLine: "下一句" },
    accuracyLabel: (model, tally, percent) => `${model}：答对 ${tally}（${percent}）`,
    ranking: (order) => `正确率名次：${order}。`,
    rankingHint: "和上一节的困惑度名次比一比，一致吗？",

    itemsTitle: "逐题查看",
    itemsCaption: "点开一道题，看每个候选分到多少概率、模型选了哪个。",
    itemsHelp:
      "筛选“谁答错的”可以只看某个模型答错的题（先给它评分）。每行右边是已评分模型的对错：✓ 对，✗ 错。点开的题显示在列表下面：每个候选一行，条是模型在四个候选之间分配的概率（四个加起来是 100%）。",
    filterLanguage: "语言",
    filterKind: "题型",
    filterWrong: "谁答错的",
    all: "全部",
    nobody: "不限",
    wrongFor: (model) => `${model} 答错的`,
    shown: (n, total) => `显示 ${n} / ${total} 道`,
    noneShown: "没有符合条件的题。",
    rightMark: (model) => `${model} 答对`,
    wrongMark: (model) => `${model} 答错`,

    detailEmpty: "在上面的列表里点开一道题。",
    question: { cloze: "填空：空白处应该是哪个？", nextLine: "下一句：给出的这一句后面，真正接的是哪一句？" },
    given: "给出的一句",
    blankLabel: "空白",
    answer: "正确答案",
    chosenBy: (models) => `${models} 选的`,
    showModels: "显示哪些模型",
    noScores: "还没有模型评过分：先在上面评分，这里就会显示每个候选的概率。",
    probabilitiesNote: "概率只在这四个候选之间比较，四个加起来是 100%。",
    barLabel: (model, percent) => `${model}：${percent}`,
    reading: {
      confidentlyWrong: "自信地错",
      torn: "犹豫不决",
      leaningWrong: "偏向了错的",
      rightByAHair: "险胜，答对可能只是运气",
      clearlyRight: "明显答对",
    },
    readingLine: (model, reading, detail) => `${model}：${reading}。${detail}`,
    readingDetail: (reading, chosen, chosenPercent, answer, answerPercent, leadText) => {
      switch (reading) {
        case "confidentlyWrong":
          return `错误的 ${chosen} 一枝独秀，拿了 ${chosenPercent}；正确的 ${answer} 只有 ${answerPercent}。`;
        case "torn":
          return `选了错误的 ${chosen}（${chosenPercent}），只比第二名多 ${leadText}：几个候选差不多。`;
        case "leaningWrong":
          return `选了错误的 ${chosen}（${chosenPercent}），正确的 ${answer} 只有 ${answerPercent}。`;
        case "rightByAHair":
          return `正确的 ${answer}（${answerPercent}）只领先第二名 ${leadText}。`;
        case "clearlyRight":
          return `正确的 ${answer}（${answerPercent}）领先第二名 ${leadText}。`;
      }
    },
    readingKey:
      "自信地错：选中的错误候选拿到 60% 以上；犹豫不决：前两名相差不到 15 个百分点；险胜：答对但领先不到 10 个百分点。",
    points: (value) => `${value} 个百分点`,
    chanceNote: "虚线是瞎猜的水平：每题四个候选，随便选也能对 25%。明显低于它，往往是模型被某种表面规律带偏了；不过只有 40 道题，差两三道也可能只是运气。",
    rankSep: " > ",
    listLabel: "题目列表",
  },
  en: {
    caption:
      "40 four-way items: Chinese Tang-poem cloze and Song-ci next line, English Austen cloze and next sentence, 10 of each. Scoring compares probabilities: the model gives each candidate's whole text a probability, and the most probable candidate is its answer.",
    heldOut:
      "Every item comes from held-out text (the validation split) that no model trained on, and each was checked not to occur in the training data. Had these texts been in the training data, a model might simply recall the answers and score too high: that is contamination.",

    heldOutShort: "From held-out text: no model trained on it",
    loading: "Loading the items…",
    loadFailed: (message) => `Could not load the items: ${message}`,
    retry: "Retry",

    scoreTitle: "Score the models",
    scoreCaption: "One model at a time; “Score all four” runs them one after another, and each accuracy appears as soon as its model finishes.",
    scoreHelp:
      "To score an item, the model reads each of the four candidates in place (the item's text with the candidate) and gives that whole text a probability; the most probable candidate is its answer, and it counts as right when that is the true one. A bar's length is the accuracy; the dashed line is guessing's 25%: with four candidates, a random pick is right a quarter of the time.",
    modelName: { tiny: "tiny", "tiny-sft": "tiny-sft", "tiny-moe": "tiny-moe", trigram: "trigram n-gram" },
    modelNote: {
      tiny: "Dense model, about 2.5 million parameters",
      "tiny-sft": "tiny after question-and-answer fine-tuning",
      "tiny-moe": "Mixture-of-experts version, trained on far fewer tokens",
      trigram: "Not a neural network: counts how often each 3-token sequence occurs",
    },
    score: "Score",
    scoreAll: "Score all four",
    scoring: "Scoring…",
    queued: "Queued",
    scored: "Scored",
    notScored: "Not scored yet",
    needItems: "Scoring waits for the items to load.",
    scoreFailed: (model, message) => `${model} could not be scored: ${message}`,
    timing: "Each model takes one to a few seconds.",

    chance: "Guessing 25% (one in four)",
    chanceShort: "Guessing 25%",
    viewLabel: "Accuracy",
    view: { overall: "Overall", language: "By language", kind: "By kind" },
    language: { zh: "Chinese", en: "English" },
    kind: { cloze: "Cloze", nextLine: "Next line" },
    accuracyLabel: (model, tally, percent) => `${model}: ${tally} right (${percent})`,
    ranking: (order) => `Accuracy ranking: ${order}.`,
    rankingHint: "Compare it with the perplexity ranking in the previous section. Do they agree?",

    itemsTitle: "Item by item",
    itemsCaption: "Open an item to see how much probability each candidate got and which one the model chose.",
    itemsHelp:
      "The “wrong for” filter shows only the items a model got wrong (score it first). At the right of each row are the scored models' results: ✓ right, ✗ wrong. The opened item shows below the list, one row per candidate; a bar is the share of probability the model gave that candidate among the four (the four add up to 100%).",
    filterLanguage: "Language",
    filterKind: "Kind",
    filterWrong: "Wrong for",
    all: "All",
    nobody: "Any",
    wrongFor: (model) => `wrong for ${model}`,
    shown: (n, total) => `${n} of ${total} items`,
    noneShown: "No item matches.",
    rightMark: (model) => `${model} right`,
    wrongMark: (model) => `${model} wrong`,

    detailEmpty: "Open an item in the list above.",
    question: { cloze: "Cloze: what fills the blank?", nextLine: "Next line: which line really follows the given one?" },
    given: "Given line",
    blankLabel: "blank",
    answer: "True answer",
    chosenBy: (models) => `chosen by ${models}`,
    showModels: "Models shown",
    noScores: "No model has been scored yet: score one above and each candidate's probability shows here.",
    probabilitiesNote: "The probabilities compare these four candidates only; the four add up to 100%.",
    barLabel: (model, percent) => `${model}: ${percent}`,
    reading: {
      confidentlyWrong: "Confidently wrong",
      torn: "Torn",
      leaningWrong: "Leaning the wrong way",
      rightByAHair: "Right by a hair: may be luck",
      clearlyRight: "Clearly right",
    },
    readingLine: (model, reading, detail) => `${model}: ${reading}. ${detail}`,
    readingDetail: (reading, chosen, chosenPercent, answer, answerPercent, leadText) => {
      switch (reading) {
        case "confidentlyWrong":
          return `The wrong ${chosen} is far ahead with ${chosenPercent}; the true ${answer} has only ${answerPercent}.`;
        case "torn":
          return `Chose the wrong ${chosen} (${chosenPercent}), only ${leadText} ahead of the runner-up: several candidates are close.`;
        case "leaningWrong":
          return `Chose the wrong ${chosen} (${chosenPercent}); the true ${answer} has only ${answerPercent}.`;
        case "rightByAHair":
          return `The true ${answer} (${answerPercent}) is only ${leadText} ahead of the runner-up.`;
        case "clearlyRight":
          return `The true ${answer} (${answerPercent}) is ${leadText} ahead of the runner-up.`;
      }
    },
    readingKey:
      "Confidently wrong: the chosen wrong candidate has 60% or more. Torn: the top two are less than 15 points apart. Right by a hair: right, but less than 10 points ahead.",
    points: (value) => `${value} point${value === "1" ? "" : "s"}`,
    chanceNote: "The dashed line is guessing: with four candidates an item, a random pick gets 25%. Well below it, a model is often being led astray by some surface pattern; but with only 40 items, two or three either way can be luck.",
    rankSep: " > ",
    listLabel: "Items",
  },
};
