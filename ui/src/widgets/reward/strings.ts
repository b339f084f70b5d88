/** The best-of-n widget's words (lesson 7), in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import { LENGTH_BAND, REPEAT_UNITS, type RuleId } from "./scorer";

export interface RewardStrings {
  caption: string;
  questionsLabel: string;
  questionLabel: string;
  run: string;
  running: string;
  stop: string;
  nLabel: string;
  nCost: (n: number) => string;
  settings: (model: string, temperature: string, topP: string, maxTokens: number, rounds: number, seeds: string) => string;
  emptyQuestion: string;
  failed: (message: string) => string;
  progress: (round: number, rounds: number, answer: number, n: number) => string;
  finished: (answers: number) => string;
  stopped: (written: number, planned: number) => string;

  rulesTitle: string;
  rulesCaption: string;
  rulesHelp: string;
  colRule: string;
  colPoints: string;
  rule: Record<RuleId, string>;
  standIn: string;
  tie: (min: string, max: string) => string;

  answersTitle: string;
  answersCaption: (n: number, rounds: number) => string;
  answersHelp: string;
  idle: string;
  roundsLabel: string;
  roundTab: (round: number) => string;
  roundBest: (score: string) => string;
  answerLabel: (i: number, seed: number) => string;
  scoreLabel: (score: string) => string;
  chosen: string;
  bestSoFar: string;
  writing: string;
  waiting: string;
  notWritten: string;
  sampleFailed: string;
  nothingWritten: string;
  limit: (maxTokens: number) => string;
  hit: Record<RuleId, (detail: string[]) => string>;
  noRules: string;
  blindSpot: string;
  checkIt: (fact: string) => string;
  checkYourself: string;

  distTitle: string;
  distCaption: string;
  distHelp: string;
  distLegend: (all: number, n: number, rounds: number) => string;
  noSelection: string;
  bestOf: (n: number) => string;
  metricScore: (max: string) => string;
  metricEnded: string;
  metricRepeats: string;
  distWaiting: string;
  distOne: string;
  distSummary: (before: string, after: string, n: number) => string;
  unchanged: string;
  byNTitle: string;
  byNRow: (n: number) => string;
  byNCost: (n: number) => string;
  byNRounds: (rounds: number) => string;
  notRun: string;
  byNNote: string;

  tryTitle: string;
  tryCaption: string;
  tryHelp: string;
  tryLabel: string;
  tryExample: string;
  tryEmpty: string;
  tryScore: (score: string) => string;
  tryFull: string;
}

const { min, max } = LENGTH_BAND;

export const rewardStrings: Record<Lang, RewardStrings> = {
  zh: {
    caption:
      "tiny-sft 对同一个问题写 n 个回答，一个规则全部公开的打分器给每个回答打分，分最高的被选中。这就是 best-of-n：模型本身没变，只是多写几个、留下一个。",
    questionsLabel: "问题",
    questionLabel: "问题（也可以自己写一个）",
    run: "抽样并打分",
    running: "正在抽样…",
    stop: "停止",
    nLabel: "每轮写几个（n）",
    nCost: (n) => (n === 1 ? "不挑选：写一个，看一个" : `每轮写 ${n} 个、只留 1 个：生成的代价是 ${n} 倍`),
    settings: (model, t, p, maxTokens, rounds, seeds) =>
      `${model}，温度 ${t}，top-p ${p}，每个回答最多 ${maxTokens} 个词元；共 ${rounds} 轮，种子 ${seeds}，所以重跑结果相同。`,
    emptyQuestion: "先写一个问题。",
    failed: (message) => `tiny-sft 没能回答：${message}`,
    progress: (round, rounds, answer, n) => `第 ${round} 轮（共 ${rounds} 轮），正在写第 ${answer} 个回答（共 ${n} 个）…`,
    finished: (answers) => `写完了，共 ${answers} 个回答。`,
    stopped: (written, planned) => `已停止：写了 ${written} 个回答（原计划 ${planned} 个）。`,

    rulesTitle: "打分器的规则",
    rulesCaption: "每条规则加几分、减几分；一个回答的得分是它符合的规则的分数之和。",
    rulesHelp:
      "每个回答逐条检查：符合一条规则，就加上（或减去）这一行的分数。“单位”指一个汉字或一个英文词。这些规则是我们为演示写的，故意简单，也故意留着漏洞：它们不查事实，也读不懂意思。",
    colRule: "规则",
    colPoints: "分数",
    rule: {
      ended: "自己停下：写出了结束符，而不是被词元上限截断",
      length: `长度合适：${min}–${max} 个单位（一个汉字或一个英文词算一个）`,
      language: "和问题用同一种语言（中文问题用中文答，英文问题用英文答）",
      overlap: "用到了问题主题里的词（中文按相邻两个字，问题里有《书名》时只看书名；“的”“是”这类虚字不算；英文按三个字母以上的词）",
      repeats: `重复自己：同样的 ${REPEAT_UNITS} 个单位出现了两次`,
      empty: "空白：一个字也没写",
    },
    standIn:
      "真正的奖励模型是一个神经网络：用人们对回答的排序训练出来（InstructGPT 的有 60 亿参数），它的“规则”藏在参数里，谁也读不出来。我们没有人工排序，也没有训练奖励模型，这几条公开的规则只是它的替身。",
    tie: (lo, hi) => `得分最低 ${lo}，最高 ${hi}；分数相同时，选先写出的那个。`,

    answersTitle: "回答和得分",
    answersCaption: (n, rounds) =>
      n === 1 ? `每轮 1 个回答，没得挑：它就是被选中的；共 ${rounds} 轮。` : `每轮 ${n} 个回答，得分最高的被选中（粗框）；共 ${rounds} 轮。`,
    answersHelp:
      "每张卡片是 tiny-sft 用一个种子写的一个回答。右上角是总分，下面列出它符合的规则和每条的分数。粗框、标着“被选中”的是这一轮得分最高的回答。点“第几轮”可以切换。",
    idle: "选一个问题，或者自己写一个，再点“抽样并打分”。每个回答要一两秒。",
    roundsLabel: "轮次",
    roundTab: (round) => `第 ${round} 轮`,
    roundBest: (score) => `最高 ${score}`,
    answerLabel: (i, seed) => `回答 ${i} · 种子 ${seed}`,
    scoreLabel: (score) => `得分 ${score}`,
    chosen: "被选中",
    bestSoFar: "目前最高",
    writing: "正在写…",
    waiting: "等待中",
    notWritten: "已停止，没有写",
    sampleFailed: "没写成（原因见上方）",
    nothingWritten: "（什么也没写）",
    limit: (maxTokens) => `没有自己停下：写到了 ${maxTokens} 个词元的上限`,
    hit: {
      ended: () => "自己停下",
      length: (d) => `长度合适（${d.join("")}）`,
      language: () => "与问题同一种语言",
      overlap: (d) => `用到问题里的词：${d.join("、")}`,
      repeats: (d) => `重复了“${d.join("")}”`,
      empty: () => "空白",
    },
    noRules: "一条规则也没符合",
    blindSpot: "打分器不查事实，也读不懂意思：被选中的回答分数最高，但它对吗？",
    checkIt: (fact) => `核对一下：${fact}`,
    checkYourself: "请自己判断它对不对、好不好。",

    distTitle: "挑选前后的分布",
    distCaption: "不挑选时，你看到的是所有回答里随便一个；挑选后，只看到每轮得分最高的那个。",
    distHelp:
      "“不挑选”这一行算的是所有回答：没有挑选时，用户看到的就是其中随机的一个，所以它们的平均就是不挑选时的期望。“挑选后”只算写完了的轮，每轮一个被选中的回答。条越长数值越大；平均分的条从 0 画到满分。",
    distLegend: (all, n, rounds) => `不挑选 = 全部 ${all} 个回答；${n} 选 1 = ${rounds} 轮里各自被选中的 ${rounds} 个。`,
    noSelection: "不挑选",
    bestOf: (n) => `${n} 选 1`,
    metricScore: (hi) => `平均得分（满分 ${hi}）`,
    metricEnded: "自己停下的比例",
    metricRepeats: "重复自己的比例",
    distWaiting: "写完第一轮后，这里比较挑选前后。",
    distOne: "n = 1 时没有挑选：两行是同样的回答。把 n 换成 4 或 8 再看。",
    distSummary: (before, after, n) => `挑选把平均得分从 ${before} 提到 ${after}，代价是每轮多写 ${n - 1} 个回答。`,
    unchanged: "模型的参数一个也没变：挑选只是把其余的回答扔掉。",
    byNTitle: "同一个问题，不同的 n：被选中回答的平均得分",
    byNRow: (n) => `n = ${n}`,
    byNCost: (n) => `代价 ${n} 倍`,
    byNRounds: (rounds) => `${rounds} 轮`,
    notRun: "还没跑",
    byNNote: "通常 n 越大，分数多涨的越少，生成的代价却成倍增加。",

    tryTitle: "找漏洞：给你写的回答打分",
    tryCaption: "用同样的规则给任意一个回答打分；你写的回答都算“自己停下”。",
    tryHelp:
      "试着写一个得分很高、但你并不觉得好的回答：事实错了、答非所问，或者只是把问题说回去。规则越被当成目标，这样的回答越会被挑中：这就是奖励被钻空子（reward hacking）的缩影，也是古德哈特定律。",
    tryLabel: "你写的回答",
    tryExample: "看一个钻空子的回答",
    tryEmpty: "在上面写一个回答，这里马上显示它的得分。",
    tryScore: (score) => `得分 ${score}`,
    tryFull: "满分。但它是个好回答吗？",
  },
  en: {
    caption:
      "tiny-sft writes n answers to one question; a scorer whose rules are all on show scores each, and the highest is chosen. That is best-of-n: the model is unchanged, it just writes more and one is kept.",
    questionsLabel: "Questions",
    questionLabel: "Question (or write your own)",
    run: "Sample and score",
    running: "Sampling…",
    stop: "Stop",
    nLabel: "Answers per round (n)",
    nCost: (n) => (n === 1 ? "No selection: one written, one shown" : `${n} written per round, 1 kept: ${n}× the generation`),
    settings: (model, t, p, maxTokens, rounds, seeds) =>
      `${model}, temperature ${t}, top-p ${p}, at most ${maxTokens} tokens an answer; ${rounds} rounds, seeds ${seeds}, so a rerun gives the same answers.`,
    emptyQuestion: "Type a question first.",
    failed: (message) => `tiny-sft could not answer: ${message}`,
    progress: (round, rounds, answer, n) => `Round ${round} of ${rounds}: writing answer ${answer} of ${n}…`,
    finished: (answers) => `Done: ${answers} answers.`,
    stopped: (written, planned) => `Stopped: ${written} of ${planned} answers written.`,

    rulesTitle: "The scorer's rules",
    rulesCaption: "What each rule adds or takes away; an answer's score is the sum over the rules it meets.",
    rulesHelp:
      "Each answer is checked against every rule: each rule it meets adds (or takes away) that row's points. A unit is one Chinese character or one English word. We wrote these rules for the demo; they are simple on purpose and have loopholes on purpose: they check no facts and understand nothing.",
    colRule: "Rule",
    colPoints: "Points",
    rule: {
      ended: "Stops by itself: writes the end-of-text token instead of being cut off at the token limit",
      length: `Sensible length: ${min}–${max} units (a Chinese character or an English word is one)`,
      language: "Same language as the question (Chinese for a Chinese question, English for an English one)",
      overlap: "Uses the question's subject words (pairs of neighbouring Chinese characters, only the title when the question names one in 《》, template words like 的/是 left out; English words of three letters or more)",
      repeats: `Repeats itself: the same ${REPEAT_UNITS} units occur twice`,
      empty: "Empty: not a single word written",
    },
    standIn:
      "A real reward model is a neural network trained on people's rankings of answers (InstructGPT's had 6 billion parameters); its “rules” are hidden in its parameters where no one can read them. We have no human rankings and have trained no reward model, so these open rules stand in for one.",
    tie: (lo, hi) => `Scores run from ${lo} to ${hi}; on a tie, the answer written first is chosen.`,

    answersTitle: "Answers and scores",
    answersCaption: (n, rounds) =>
      n === 1
        ? `1 answer a round, nothing to choose from: it is the one chosen; ${rounds} rounds.`
        : `${n} answers a round; the highest score is chosen (heavy border); ${rounds} rounds.`,
    answersHelp:
      "Each card is one answer tiny-sft wrote with one seed. Its score is at the top right; below are the rules it met and their points. The card with the heavy border, marked “Chosen”, scored highest in its round. Switch rounds with the round buttons.",
    idle: "Pick a question, or write one, then press “Sample and score”. Each answer takes a second or two.",
    roundsLabel: "Rounds",
    roundTab: (round) => `Round ${round}`,
    roundBest: (score) => `best ${score}`,
    answerLabel: (i, seed) => `Answer ${i} · seed ${seed}`,
    scoreLabel: (score) => `score ${score}`,
    chosen: "Chosen",
    bestSoFar: "Best so far",
    writing: "Writing…",
    waiting: "Waiting",
    notWritten: "Stopped before it was written",
    sampleFailed: "Not written (see the message above)",
    nothingWritten: "(nothing written)",
    limit: (maxTokens) => `Did not stop by itself: ran into the ${maxTokens}-token limit`,
    hit: {
      ended: () => "stops by itself",
      length: (d) => `sensible length (${d.join("")})`,
      language: () => "same language as the question",
      overlap: (d) => `uses the question's words: ${d.join(", ")}`,
      repeats: (d) => `repeats “${d.join("")}”`,
      empty: () => "empty",
    },
    noRules: "Meets no rule",
    blindSpot: "The scorer checks no facts and understands nothing: the chosen answer has the top score, but is it right?",
    checkIt: (fact) => `Check it: ${fact}`,
    checkYourself: "Judge for yourself whether it is right, and whether it is good.",

    distTitle: "Before and after selection",
    distCaption: "Without selection you see any one of the answers; with it, only the top-scoring answer of each round.",
    distHelp:
      "The “no selection” row counts every answer: without selection a user sees a random one of them, so their average is what to expect without selection. The “best of n” row counts only finished rounds, one chosen answer each. Longer bars are larger values; the average score's bar runs from 0 to full marks.",
    distLegend: (all, n, rounds) =>
      `No selection = all ${all} answers; best of ${n} = the ${rounds} chosen in ${rounds} round${rounds === 1 ? "" : "s"}.`,
    noSelection: "No selection",
    bestOf: (n) => `Best of ${n}`,
    metricScore: (hi) => `Average score (full marks ${hi})`,
    metricEnded: "Share that stops by itself",
    metricRepeats: "Share that repeats itself",
    distWaiting: "Once the first round is written, this compares before and after selection.",
    distOne: "With n = 1 nothing is selected: both rows are the same answers. Try n = 4 or 8.",
    distSummary: (before, after, n) =>
      `Selection raised the average score from ${before} to ${after}, at the cost of ${n - 1} extra answer${n === 2 ? "" : "s"} a round.`,
    unchanged: "Not one of the model's parameters changed: selection only throws the other answers away.",
    byNTitle: "Same question, different n: average score of the chosen answer",
    byNRow: (n) => `n = ${n}`,
    byNCost: (n) => `cost ${n}×`,
    byNRounds: (rounds) => `${rounds} round${rounds === 1 ? "" : "s"}`,
    notRun: "not run yet",
    byNNote: "Usually each larger n gains less, while the cost of generating multiplies.",

    tryTitle: "Find a loophole: score an answer you write",
    tryCaption: "The same rules on any answer; an answer you write counts as stopping by itself.",
    tryHelp:
      "Try to write an answer that scores high but that you do not think is good: a wrong fact, an answer to another question, or the question said back. The more the rules are made a target, the more such answers get chosen: reward hacking in miniature, and Goodhart's law.",
    tryLabel: "Your answer",
    tryExample: "Show an answer that games the rules",
    tryEmpty: "Write an answer above and its score shows here at once.",
    tryScore: (score) => `score ${score}`,
    tryFull: "Full marks. But is it a good answer?",
  },
};
