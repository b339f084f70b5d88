/** The probe widgets' words (lessons 10 and 11), in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";

/** What the traced-text display and the candidate bars say, shared by the three widgets. */
export interface TracedStrings {
  endToken: string;
  partOf: (text: string) => string;
  probability: (p: string) => string;
  entropy: (e: string) => string;
  surprise: (s: string) => string;
  candidatesTitle: (token: string, step: number) => string;
  noCandidates: string;
  wrote: string;
}

export interface FalsePremiseStrings extends TracedStrings {
  caption: string;
  presetsLabel: string;
  promptLabel: string;
  run: string;
  running: string;
  greedy: string;
  sample: string;
  seedLabel: string;
  settings: (model: string, maxTokens: number) => string;
  empty: string;
  tooLong: (max: number) => string;
  badSeed: string;
  failed: (message: string) => string;
  idle: string;
  whyFalse: (why: string) => string;
  ownPremise: string;
  resultTitle: string;
  legend: string;
  stopped: string;
  limit: (n: number) => string;
  surestTitle: string;
  surestHelp: string;
  tornTitle: string;
  tornHelp: string;
  chartTitle: string;
  chartHelp: string;
  chartAxis: string;
  stepsLabel: string;
  pickStep: string;
  stepDetail: (step: number, token: string, p: string, e: string) => string;
  noObjection: string;
}

export interface HallucinationStrings extends TracedStrings {
  caption: string;
  questionsLabel: string;
  questionLabel: string;
  run: string;
  running: string;
  settings: (model: string) => string;
  empty: string;
  tooLong: (max: number) => string;
  failed: (message: string) => string;
  idle: string;
  truthTitle: string;
  truthOwn: string;
  answerTitle: string;
  answerHelp: string;
  nothing: string;
  legend: string;
  stepsLabel: string;
  keyStep: string;
  massTitle: (step: number, token: string) => string;
  massRight: (answer: string) => string;
  massWrong: string;
  massKnown: (right: string, wrong: string, answer: string) => string;
  massUnlisted: (below: string, answer: string) => string;
  massAbsent: (top: string, token: string) => string;
  massOwn: (top: string, token: string) => string;
  shownCover: (p: string) => string;
  seedsTitle: string;
  seedsHelp: string;
  seeds: (n: number) => string;
  seedsRunning: (i: number, n: number) => string;
  seedsSettings: (topP: string, seeds: string) => string;
  seedLabel: (seed: number) => string;
  seedWaiting: string;
  rightMark: string;
  wrongMark: string;
  agree: (n: number) => string;
  disagree: (distinct: number, n: number) => string;
  agreeWrong: string;
  agreeNote: string;
  selfCheck: string;
}

export interface DomainGapStrings extends TracedStrings {
  caption: string;
  pairsLabel: string;
  insideLabel: string;
  outsideLabel: string;
  insideTitle: string;
  outsideTitle: string;
  run: string;
  running: string;
  settings: (model: string, maxTokens: number) => string;
  empty: string;
  tooLong: (max: number) => string;
  failed: (message: string) => string;
  idle: string;
  promptTitle: string;
  promptLegend: string;
  perplexity: string;
  perplexityHelp: string;
  meanSurprise: (nats: string) => string;
  dropped: (n: number) => string;
  continuationTitle: string;
  meanEntropy: string;
  nothing: string;
  verdict: (times: string, entropyIn: string, entropyOut: string) => string;
  verdictLess: (times: string) => string;
  verdictNote: string;
}

const sharedZh: TracedStrings = {
  endToken: "结束",
  partOf: (text) => `几个字节词元合起来才是「${text}」`,
  probability: (p) => `概率 ${p}`,
  entropy: (e) => `熵 ${e}`,
  surprise: (s) => `意外度 ${s}`,
  candidatesTitle: (token, step) => `第 ${step} 步（写下「${token}」）时排在前面的候选`,
  noCandidates: "这一步没有候选。",
  wrote: "写下的就是它",
};

const sharedEn: TracedStrings = {
  endToken: "end",
  partOf: (text) => `byte pieces that together make “${text}”`,
  probability: (p) => `probability ${p}`,
  entropy: (e) => `entropy ${e}`,
  surprise: (s) => `surprise ${s}`,
  candidatesTitle: (token, step) => `Top candidates at step ${step} (it wrote ‘${token}’)`,
  noCandidates: "No candidates at this step.",
  wrote: "the one it wrote",
};

export const falsePremiseStrings: Record<Lang, FalsePremiseStrings> = {
  zh: {
    ...sharedZh,
    caption:
      "给 tiny 一句错误陈述的开头，让它接着写。每个词元下面是它的概率，细条是这一步的熵：条越长，模型越犹豫。",
    presetsLabel: "错误前提",
    promptLabel: "错误前提的开头（也可以自己写一个）",
    run: "生成",
    running: "正在生成…",
    greedy: "每步选最可能的（贪心）",
    sample: "按概率抽样，种子",
    seedLabel: "种子",
    settings: (model, maxTokens) => `${model}，最多 ${maxTokens} 个词元；概率和熵都按温度 1 计算。`,
    empty: "先写一个开头。",
    tooLong: (max) => `太长了：最多 ${max} 个字符。`,
    badSeed: "种子要是 0 到 4294967295 之间的整数。",
    failed: (message) => `tiny 没能续写：${message}`,
    idle: "选一个示例，或者自己写一个错误前提的开头，再点“生成”。",
    whyFalse: (why) => `前提错在哪里：${why}`,
    ownPremise: "这是你自己写的开头：它错在哪里，请自己判断。",
    resultTitle: "续写，一步一步",
    legend: "底色越深，模型对写下的词元越有把握；下面的细条是这一步的熵。绿框是最有把握的几步，红框是最犹豫的几步。点任意一步看它的候选。",
    stopped: "模型写出了结束符，自己停下了。",
    limit: (n) => `写满 ${n} 个词元后停下。`,
    surestTitle: "最有把握的几步（熵最低）",
    surestHelp: "看看它们是什么：多半是标点、换行或固定搭配，而不是“事实”。把握大，只说明这样接在训练数据里常见。",
    tornTitle: "最犹豫的几步（熵最高）",
    tornHelp: "模型在这里拿不准，却不会停下来说“前提不对”：它照样选一个词元，接着写。",
    chartTitle: "每一步的熵",
    chartHelp: "柱子越高，这一步的概率分得越散。",
    chartAxis: "熵（奈特）",
    stepsLabel: "写下的词元",
    pickStep: "点上面任意一步，看模型当时考虑的候选。",
    stepDetail: (step, token, p, e) => `第 ${step} 步写下「${token}」：概率 ${p}，熵 ${e} 奈特。`,
    noObjection:
      "tiny 是没有做过对齐的小基座模型，它不会识破前提，只会续写。要看的是机制：模型有多笃定，和写的内容真不真，没有必然联系。",
  },
  en: {
    ...sharedEn,
    caption:
      "Give tiny the opening of a false statement and let it continue. Under each token is its probability; the thin bar is the step's entropy: the longer, the more torn the model.",
    presetsLabel: "False premises",
    promptLabel: "A false-premise opening (or write your own)",
    run: "Generate",
    running: "Generating…",
    greedy: "Most probable token each step (greedy)",
    sample: "Sample by probability, seed",
    seedLabel: "Seed",
    settings: (model, maxTokens) => `${model}, at most ${maxTokens} tokens; probabilities and entropy at temperature 1.`,
    empty: "Type an opening first.",
    tooLong: (max) => `Too long: at most ${max} characters.`,
    badSeed: "The seed must be a whole number from 0 to 4294967295.",
    failed: (message) => `tiny could not continue: ${message}`,
    idle: "Pick an example, or write a false-premise opening of your own, then press “Generate”.",
    whyFalse: (why) => `What is false: ${why}`,
    ownPremise: "Your own opening: judge for yourself what is false in it.",
    resultTitle: "The continuation, step by step",
    legend:
      "The darker a token, the surer the model was of it; the thin bar under it is the step's entropy. Green frames mark the surest steps, red frames the most torn. Click any step to see its candidates.",
    stopped: "The model wrote the end-of-text token and stopped by itself.",
    limit: (n) => `Stopped after ${n} tokens.`,
    surestTitle: "Surest steps (lowest entropy)",
    surestHelp:
      "See what they are: mostly punctuation, line breaks and set phrases, not the “facts”. Being sure only means this continuation is common in the training data.",
    tornTitle: "Most torn steps (highest entropy)",
    tornHelp: "Here the model hesitates, yet it never stops to say the premise is wrong: it picks a token and carries on.",
    chartTitle: "Entropy at each step",
    chartHelp: "The taller the column, the more the step's probability is spread out.",
    chartAxis: "Entropy (nats)",
    stepsLabel: "Written tokens",
    pickStep: "Click any step above to see the candidates the model weighed.",
    stepDetail: (step, token, p, e) => `Step ${step} wrote ‘${token}’: probability ${p}, entropy ${e} nats.`,
    noObjection:
      "tiny is a small base model with no alignment: it cannot see through a premise, only continue. Watch the mechanism: how sure the model is has no necessary link to whether what it writes is true.",
  },
};

export const hallucinationStrings: Record<Lang, HallucinationStrings> = {
  zh: {
    ...sharedZh,
    caption:
      "向 tiny-sft 提问，看它的回答和每个词元的概率。点回答里的一个词元，摊开这一步的候选：正确答案占了多少，错误答案一共占了多少。",
    questionsLabel: "问题",
    questionLabel: "问题（也可以自己写一个）",
    run: "提问",
    running: "正在回答…",
    settings: (model) => `${model}，贪心解码（每步选最可能的词元）；概率按温度 1 计算。`,
    empty: "先写一个问题。",
    tooLong: (max) => `太长了：最多 ${max} 个字符。`,
    failed: (message) => `tiny-sft 没能回答：${message}`,
    idle: "选一个问题，或者自己写一个，再点“提问”。",
    truthTitle: "事实",
    truthOwn: "这是你自己的问题：答案对不对，请自己判断。",
    answerTitle: "模型的回答",
    answerHelp: "底色越深，模型对这个词元越有把握。格式部分往往很稳，人名、书名处概率散开。",
    nothing: "（什么也没写）",
    legend: "点任意一个词元，看这一步的候选。",
    stepsLabel: "回答的词元",
    keyStep: "已选中关键的一步",
    massTitle: (step, token) => `第 ${step} 步（写下「${token}」）的概率质量`,
    massRight: (answer) => `通向“${answer}”`,
    massWrong: "通向别的答案",
    massKnown: (right, wrong, answer) =>
      `这一步，能接成正确答案“${answer}”的候选一共只占 ${right}；其余 ${wrong} 都压在别的答案上。`,
    massUnlisted: (below, answer) =>
      `能接成正确答案“${answer}”的候选连前 8 名都没进，每个都不到 ${below}；几乎全部概率都压在别的答案上。`,
    massAbsent: (top, token) =>
      `这个问题在语料里没有答案：这一步的全部概率都通向编出来的答案。排第一的「${token}」也只有 ${top}。`,
    massOwn: (top, token) => `排第一的「${token}」占 ${top}。这个问题的正确答案是什么，请自己判断，再看它分到多少。`,
    shownCover: (p) => `列出的前 8 个候选共占 ${p}，其余分散在词表里别的词元上。`,
    seedsTitle: "换种子再问",
    seedsHelp:
      "同一个问题按概率抽样问 5 次。答案每次都一样，模型才可能真的“知道”；每次都不一样，就是它不知道的信号（SelfCheckGPT 的思路）。",
    seeds: (n) => `用 ${n} 个种子再问`,
    seedsRunning: (i, n) => `正在问第 ${i} 次（共 ${n} 次）…`,
    seedsSettings: (topP, seeds) => `温度 1，top-p ${topP}，种子 ${seeds}，一个接一个地问。`,
    seedLabel: (seed) => `种子 ${seed}`,
    seedWaiting: "等待中",
    rightMark: "答对",
    wrongMark: "答错",
    agree: (n) => `${n} 次回答完全一致。`,
    disagree: (distinct, n) => `${n} 次问出了 ${distinct} 种不同的回答：模型其实不知道。`,
    agreeWrong: "一致也不等于正确：它可能每次都自信地答错。",
    agreeNote: "一致只说明它稳定，不说明它对。",
    selfCheck: "大模型上也可以这样查：多问几次，回答互相矛盾的地方很可能是幻觉。",
  },
  en: {
    ...sharedEn,
    caption:
      "Ask tiny-sft a question and see its answer with each token's probability. Click a token of the answer to spread out that step's candidates: how much goes to the right answer, and how much to wrong ones.",
    questionsLabel: "Questions",
    questionLabel: "Question (or write your own)",
    run: "Ask",
    running: "Answering…",
    settings: (model) => `${model}, greedy decoding (the most probable token each step); probabilities at temperature 1.`,
    empty: "Type a question first.",
    tooLong: (max) => `Too long: at most ${max} characters.`,
    failed: (message) => `tiny-sft could not answer: ${message}`,
    idle: "Pick a question, or write one, then press “Ask”.",
    truthTitle: "The facts",
    truthOwn: "Your own question: judge for yourself whether the answer is right.",
    answerTitle: "The model's answer",
    answerHelp:
      "The darker a token, the surer the model was of it. The format is usually steady; at names and titles the probabilities spread out.",
    nothing: "(nothing written)",
    legend: "Click any token to see that step's candidates.",
    stepsLabel: "Tokens of the answer",
    keyStep: "Key step selected",
    massTitle: (step, token) => `Probability mass at step ${step} (it wrote ‘${token}’)`,
    massRight: (answer) => `leads to “${answer}”`,
    massWrong: "leads elsewhere",
    massKnown: (right, wrong, answer) =>
      `At this step the candidates that could begin the right answer “${answer}” get only ${right} in all; the other ${wrong} sits behind other answers.`,
    massUnlisted: (below, answer) =>
      `No candidate that could begin the right answer “${answer}” made the top 8: each has less than ${below}. Nearly all the probability sits behind other answers.`,
    massAbsent: (top, token) =>
      `The corpus holds no answer to this question: all of this step's probability leads to invented answers. Even the top candidate, ‘${token}’, has only ${top}.`,
    massOwn: (top, token) => `The top candidate, ‘${token}’, has ${top}. Decide what the right answer is, and see how much it gets.`,
    shownCover: (p) => `The 8 candidates listed cover ${p}; the rest is spread over other tokens in the vocabulary.`,
    seedsTitle: "Ask again with other seeds",
    seedsHelp:
      "The same question, sampled 5 times. Only if the answer is the same every time might the model really “know”; a different answer each time is a sign it does not (the idea behind SelfCheckGPT).",
    seeds: (n) => `Ask again with ${n} seeds`,
    seedsRunning: (i, n) => `Asking, ${i} of ${n}…`,
    seedsSettings: (topP, seeds) => `Temperature 1, top-p ${topP}, seeds ${seeds}, asked one after another.`,
    seedLabel: (seed) => `Seed ${seed}`,
    seedWaiting: "Waiting",
    rightMark: "right",
    wrongMark: "wrong",
    agree: (n) => `All ${n} answers are the same.`,
    disagree: (distinct, n) => `${n} asks gave ${distinct} different answers: the model does not know.`,
    agreeWrong: "Agreeing is not being right: it can be confidently wrong every time.",
    agreeNote: "Agreement shows the model is steady, not that it is right.",
    selfCheck: "This works on large models too: ask several times; where the answers contradict each other there is probably a hallucination.",
  },
};

export const domainGapStrings: Record<Lang, DomainGapStrings> = {
  zh: {
    ...sharedZh,
    caption:
      "tiny 只读过唐诗、宋词和奥斯汀。左边是它熟悉的文字，右边是离它很远的文字。看它读每段文字时有多“意外”，接着又写了什么。",
    pairsLabel: "对照组",
    insideLabel: "训练领域之内（对照）",
    outsideLabel: "远离训练领域",
    insideTitle: "熟悉的文字",
    outsideTitle: "陌生的文字",
    run: "让模型读并续写",
    running: "正在读…",
    settings: (model, maxTokens) => `${model}，贪心续写 ${maxTokens} 个词元；两边一个接一个地算。`,
    empty: "两个框都要写点什么。",
    tooLong: (max) => `太长了：每边最多 ${max} 个字符。`,
    failed: (message) => `tiny 没能读完：${message}`,
    idle: "选一组对照，或者改写两个框里的文字，再点“让模型读并续写”。",
    promptTitle: "模型读这段文字时有多意外",
    promptLegend: "读的文字：每个词元下面是它的意外度 −ln p（单位：奈特），红色越深越出乎模型意料。写的文字：蓝色越深，模型越有把握；细条是这一步的熵。",
    perplexity: "困惑度",
    perplexityHelp: "困惑度 = e 的（平均意外度）次方，每个词元都算。越高越陌生。",
    meanSurprise: (nats) => `平均意外度 ${nats} 奈特`,
    dropped: (n) => `开头 ${n} 个词元放不进上下文，没有算。`,
    continuationTitle: "它接着写的",
    meanEntropy: "续写的平均熵（奈特）：",
    nothing: "（什么也没写）",
    verdict: (times, eIn, eOut) =>
      `模型读陌生文字时的困惑度是熟悉文字的 ${times} 倍；续写时的平均熵从 ${eIn} 变成 ${eOut} 奈特。`,
    verdictLess: (times) => `这一次，右边的文字反而不比左边陌生（困惑度只有左边的 ${times} 倍）。换一段离唐诗和奥斯汀更远的文字试试。`,
    verdictNote: "困惑度高，说明这段文字在它的训练数据里少见：它还是会写得很通顺，只是在用熟悉领域的套路填补。",
  },
  en: {
    ...sharedEn,
    caption:
      "tiny has read only Tang poems, Song ci and Austen. On the left, text it knows; on the right, text far from it. See how “surprised” it is reading each, and what it writes next.",
    pairsLabel: "Pairs",
    insideLabel: "Inside the training domain (baseline)",
    outsideLabel: "Far from the training domain",
    insideTitle: "Familiar text",
    outsideTitle: "Unfamiliar text",
    run: "Read and continue",
    running: "Reading…",
    settings: (model, maxTokens) => `${model}, greedy continuation of ${maxTokens} tokens; the two sides one after the other.`,
    empty: "Both boxes need some text.",
    tooLong: (max) => `Too long: at most ${max} characters a side.`,
    failed: (message) => `tiny could not read it: ${message}`,
    idle: "Pick a pair, or edit the two boxes, then press “Read and continue”.",
    promptTitle: "How surprised the model was, reading it",
    promptLegend:
      "Text read: under each token is its surprise, −ln p (in nats); the deeper the red, the less the model expected it. Text written: the deeper the blue, the surer the model; the thin bar is the step's entropy.",
    perplexity: "Perplexity",
    perplexityHelp: "Perplexity = e to the mean surprise, every token counted. The higher, the less familiar.",
    meanSurprise: (nats) => `mean surprise ${nats} nats`,
    dropped: (n) => `The first ${n} tokens did not fit the context and are not counted.`,
    continuationTitle: "What it wrote next",
    meanEntropy: "Mean entropy of the continuation (nats):",
    nothing: "(nothing written)",
    verdict: (times, eIn, eOut) =>
      `The model is ${times}× more perplexed by the unfamiliar text; the mean entropy of what it writes goes from ${eIn} to ${eOut} nats.`,
    verdictLess: (times) =>
      `This time the right-hand text is no less familiar (its perplexity is ${times}× the left's). Try text further from Tang poems and Austen.`,
    verdictNote:
      "High perplexity means text like this is rare in its training data: it still writes fluently, filling the gap with patterns from the domains it knows.",
  },
};
