/** The context-window widget's words (lesson 11), in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";

export interface ContextStrings {
  caption: string;
  scenarioLabel: string;
  scenarioName: Record<Lang, string>;
  factLabel: string;
  questionLabel: string;
  fillerFrom: (source: string) => string;
  sliderLabel: string;
  sliderValue: (chars: number, all: number) => string;
  sliderEnds: [string, string];
  counts: (fact: number, filler: number, question: number, total: number) => string;
  loading: string;
  updating: string;
  failed: (message: string) => string;
  droppedTitle: (n: number) => string;
  droppedNote: string;
  gap: (n: number) => string;
  windowTitle: (capacity: number) => string;
  windowFill: (n: number, capacity: number) => string;
  edge: string;
  legendFact: string;
  legendQuestion: string;
  legendHeat: string;
  legendDropped: string;
  tokenTitle: (text: string, i: number, state: string, share: string | null) => string;
  /** A chip joining byte pieces: tokens `from` to `to` (inclusive), `count` of them. */
  joinedTitle: (text: string, from: number, to: number, count: number, bytes: string, state: string, share: string | null) => string;
  /** A byte piece whose character a boundary cuts. */
  cutTitle: (i: number, bytes: string, whole: string | null, state: string, share: string | null) => string;
  legendJoined: string;
  legendCut: string;
  /** An answer chip joining byte pieces. */
  answerJoinedTitle: (from: number, to: number, text: string, bytes: string) => string;
  state: Record<"dropped" | "fact" | "filler" | "question", string>;
  statusWhole: (share: string) => string;
  statusPart: (dropped: number, all: number, share: string) => string;
  statusGone: string;
  distanceWhole: (n: number) => string;
  distancePart: (n: number) => string;
  distanceGone: (n: number) => string;
  onFactLabel: string;
  answerTitle: string;
  answerLabel: (question: string) => string;
  expectedLabel: (expected: string) => string;
  stepTitle: (i: number, token: string, p: string) => string;
  honest: string;
  compareTitle: string;
  compareLang: Record<Lang, string>;
  compareRate: (chars: number, tokens: number, perToken: string) => string;
  compareOut: (chars: number) => string;
  compareNotOut: string;
  compareNone: string;
  compareNote: (tokens: number) => string;
}

export const contextStrings: Record<Lang, ContextStrings> = {
  zh: {
    caption:
      "开头写一个事实，后面接上一段越来越长的文字，最后问一句。tiny 的上下文是 128 个词元，留 4 个给回答，所以它只能读到最后 124 个词元；更早的词元被丢掉，模型根本看不到。",
    scenarioLabel: "文本",
    scenarioName: { zh: "中文", en: "英文" },
    factLabel: "事实",
    questionLabel: "问题",
    fillerFrom: (source) => `中间的文字：${source}`,
    sliderLabel: "中间加多少字",
    sliderValue: (chars, all) => `${chars} / ${all} 个字符`,
    sliderEnds: ["不加", "全部"],
    counts: (fact, filler, question, total) =>
      `共 ${total} 个词元：事实 ${fact} + 中间的文字 ${filler} + 问题 ${question}`,
    loading: "正在让 tiny 读这段文本…",
    updating: "正在更新…",
    failed: (message) => `没能读完这段文本：${message}`,
    droppedTitle: (n) => `窗口外：${n} 个词元，模型看不到`,
    droppedNote: "这些词元被丢掉了，不在模型的输入里。",
    gap: (n) => `… 还有 ${n} 个被丢掉的词元 …`,
    windowTitle: (capacity) => `模型看到的（${capacity} 个词元）`,
    windowFill: (n, capacity) => `现在 ${n} / ${capacity}`,
    edge: "窗口左边界",
    legendFact: "事实",
    legendQuestion: "问题",
    legendHeat: "底色越深：最后一个词元的注意力越多",
    legendDropped: "灰色、划掉：在窗口外",
    tokenTitle: (text, i, state, share) => `第 ${i} 个词元“${text}”：${state}${share === null ? "" : `，注意力 ${share}`}`,
    joinedTitle: (text, from, to, count, bytes, state, share) =>
      `第 ${from}–${to} 个词元（${count} 个）拼成“${text}”：${bytes}。${state}${share === null ? "" : `，注意力合计 ${share}`}`,
    cutTitle: (i, bytes, whole, state, share) =>
      `第 ${i} 个词元 ${bytes}：${whole === null ? "一个字" : `“${whole}”`}的一部分，这个字被边界切开了。${state}${share === null ? "" : `，注意力 ${share}`}`,
    legendJoined: "一个字占了几个词元，字下就有几道短线",
    legendCut: "被边界切开的半个字，另一半在边界另一边",
    answerJoinedTitle: (from, to, text, bytes) => `第 ${from}–${to} 个词元拼成“${text}”：${bytes}`,
    state: { dropped: "窗口外", fact: "事实", filler: "中间的文字", question: "问题" },
    statusWhole: (share) => `事实在窗口里：最后一个词元的注意力有 ${share} 落在它上面。`,
    statusPart: (dropped, all, share) => `事实部分出了窗口：它的 ${all} 个词元里已有 ${dropped} 个被丢掉；剩下的还能分到 ${share} 的注意力。`,
    statusGone: "事实已经出了窗口：没有任何注意力能连到它。",
    distanceWhole: (n) => `再加 ${n} 个词元，事实的第一个词元就会滑出窗口。`,
    distancePart: (n) => `再加 ${n} 个词元，事实就完全出去了。`,
    distanceGone: (n) => (n === 0 ? "它刚刚整个滑出窗口。" : `它的最后一个词元和窗口左边界之间，已经隔了 ${n} 个被丢掉的词元。`),
    onFactLabel: "落在事实上的注意力",
    answerTitle: "tiny 怎么接着写",
    answerLabel: (question) => `接着“${question}”写出的 4 个词元`,
    expectedLabel: (expected) => `第一个词元是“${expected}”的概率`,
    stepTitle: (i, token, p) => `第 ${i} 个：“${token}”，概率 ${p}`,
    honest:
      "说实话：tiny 太小，即使事实就在窗口里，它也很少照抄：看上面“青”的概率，离得很近时也不到百分之几。大模型在这一点上强得多。关键的变化是：事实一旦出了窗口，就什么也影响不了，落在它上面的注意力正好是 0。",
    compareTitle: "同样多的字，占多少词元？",
    compareLang: { zh: "中文", en: "英文" },
    compareRate: (chars, tokens, perToken) => `${chars} 个字符 = ${tokens} 个词元（每个词元约 ${perToken} 个字符）`,
    compareOut: (chars) => `实测：加到 ${chars} 个字符时，事实已经完全出了窗口。`,
    compareNotOut: "还没把事实推出窗口：把滑块往右拖。",
    compareNone: "还没试：切换到这种语言，拖动滑块。",
    compareNote: (tokens) =>
      `不管哪种语言，都要大约 ${tokens} 个词元才能把事实推出去；但这些词元装得下的字数，中英文差别很大。`,
  },
  en: {
    caption:
      "A fact at the start, then more and more text, then a question. tiny's context is 128 tokens with 4 kept for the answer, so it reads only the last 124 tokens; earlier tokens are dropped and the model never sees them.",
    scenarioLabel: "Text",
    scenarioName: { zh: "Chinese", en: "English" },
    factLabel: "Fact",
    questionLabel: "Question",
    fillerFrom: (source) => `Text in between: ${source}`,
    sliderLabel: "Text added in between",
    sliderValue: (chars, all) => `${chars} / ${all} characters`,
    sliderEnds: ["none", "all"],
    counts: (fact, filler, question, total) => `${total} tokens in all: fact ${fact} + text in between ${filler} + question ${question}`,
    loading: "tiny is reading the text…",
    updating: "Updating…",
    failed: (message) => `Could not read the text: ${message}`,
    droppedTitle: (n) => `Outside the window: ${n} token${n === 1 ? "" : "s"} the model cannot see`,
    droppedNote: "These tokens were dropped; they are not part of the model's input.",
    gap: (n) => `… ${n} more dropped token${n === 1 ? "" : "s"} …`,
    windowTitle: (capacity) => `What the model sees (${capacity} tokens)`,
    windowFill: (n, capacity) => `now ${n} / ${capacity}`,
    edge: "window's left edge",
    legendFact: "fact",
    legendQuestion: "question",
    legendHeat: "darker: more of the last token's attention",
    legendDropped: "grey, struck: outside the window",
    tokenTitle: (text, i, state, share) => `token ${i} “${text}”: ${state}${share === null ? "" : `, attention ${share}`}`,
    joinedTitle: (text, from, to, count, bytes, state, share) =>
      `tokens ${from}–${to} (${count} of them) make “${text}”: ${bytes}. ${state}${share === null ? "" : `, attention ${share} together`}`,
    cutTitle: (i, bytes, whole, state, share) =>
      `token ${i} ${bytes}: part of ${whole === null ? "a character" : `“${whole}”`}, cut apart by the boundary. ${state}${share === null ? "" : `, attention ${share}`}`,
    legendJoined: "one tick under a character for each token it takes",
    legendCut: "part of a character, the rest across a boundary",
    answerJoinedTitle: (from, to, text, bytes) => `tokens ${from}–${to} make “${text}”: ${bytes}`,
    state: { dropped: "outside the window", fact: "fact", filler: "text in between", question: "question" },
    statusWhole: (share) => `The fact is inside the window; ${share} of the last token's attention reaches it.`,
    statusPart: (dropped, all, share) =>
      `The fact is partly out: ${dropped} of its ${all} tokens are gone; the rest still get ${share} of the attention.`,
    statusGone: "The fact is out of the window: no attention can reach it.",
    distanceWhole: (n) => `${n} more token${n === 1 ? "" : "s"} and the fact's first token slides out.`,
    distancePart: (n) => `${n} more token${n === 1 ? "" : "s"} and the fact is gone entirely.`,
    distanceGone: (n) =>
      n === 0 ? "It has only just slid out entirely." : `${n} dropped token${n === 1 ? " lies" : "s lie"} between its last token and the window's edge.`,
    onFactLabel: "Attention on the fact",
    answerTitle: "How tiny continues",
    answerLabel: (question) => `The 4 tokens it writes after “${question.trim()}”`,
    expectedLabel: (expected) => `Probability that the first is “${expected.trim()}”`,
    stepTitle: (i, token, p) => `token ${i}: “${token}”, probability ${p}`,
    honest:
      "To be honest: tiny is too small to reliably reuse a fact even when it can see it: look at the probability of the expected word above, a few per cent at most even at a short distance. Large models are far better at this. The decisive change is that once the fact is out of the window it cannot influence anything: the attention on it is exactly zero.",
    compareTitle: "The same number of characters: how many tokens?",
    compareLang: { zh: "Chinese", en: "English" },
    compareRate: (chars, tokens, perToken) => `${chars} characters = ${tokens} tokens (about ${perToken} characters a token)`,
    compareOut: (chars) => `Measured: with ${chars} characters added, the fact was entirely out of the window.`,
    compareNotOut: "The fact has not been pushed out yet: drag the slider to the right.",
    compareNone: "Not tried yet: switch to this language and drag the slider.",
    compareNote: (tokens) =>
      `In either language it takes about ${tokens} tokens to push the fact out; but how many characters those tokens hold differs a lot between Chinese and English.`,
  },
};
