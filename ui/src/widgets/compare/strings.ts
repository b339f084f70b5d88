/** The comparison widgets' words (lessons 2, 3 and 5), in both course languages. */
import type { Lang } from "../../lib/generated/Lang";

export type GenModel = "unigram" | "bigram" | "trigram" | "tiny";
export type TaskKey = "poem" | "austen" | "question" | "translate";
export type Mix = "zh" | "en" | "mixed" | "none";

export interface CommonStrings {
  generate: string;
  busy: string;
  waiting: string;
  notYet: string;
  failed: (message: string) => string;
  examples: string;
  ended: string;
  limit: string;
  nothing: string;
  zh: string;
  en: string;
}

export interface GenStrings {
  caption: string;
  promptLabel: string;
  seedLabel: string;
  reroll: string;
  rerollLabel: string;
  badSeed: string;
  settings: (seed: string) => string;
  emptyPrompt: string;
  models: Record<GenModel, { name: string; how: string }>;
  perplexity: string;
  perplexityHelp: string;
  mean: string;
  measuring: string;
  lossFailed: (message: string) => string;
  reference: string;
  referenceOf: (name: string, how: string) => string;
  measuredOn: (tokens: string) => string;
}

export interface TaskStrings {
  caption: string;
  tasksLabel: string;
  tasks: Record<TaskKey, string>;
  inputLabel: string;
  emptyInput: string;
  settings: string;
  modelTitle: string;
  modelSub: string;
  sameParams: (count: string | null) => string;
  sameParamsTip: string;
  modelNote: string;
  baselineTitle: string;
  baselineSub: string;
  baselineNote: string;
  wrote: Record<Mix, string>;
  caveat: string;
}

export interface SftStrings {
  caption: string;
  questionLabel: string;
  emptyQuestion: string;
  templateLabel: string;
  templateNote: string;
  settings: string;
  baseTitle: string;
  baseSub: string;
  sftTitle: string;
  sftSub: string;
  ended: string;
  limit: string;
  showTokens: string;
  candidatesTitle: string;
  candidatesNote: string;
  wrote: string;
  partOf: (character: string) => string;
  showMore: (n: number) => string;
  showFewer: (n: number) => string;
  noCandidates: string;
}

export interface CompareStrings {
  common: CommonStrings;
  gen: GenStrings;
  task: TaskStrings;
  sft: SftStrings;
}

export const compareStrings: Record<Lang, CompareStrings> = {
  zh: {
    common: {
      generate: "生成",
      busy: "生成中…",
      waiting: "正在生成…",
      notYet: "点“生成”，看它写什么。",
      failed: (message) => `没能生成：${message}`,
      examples: "例子",
      ended: "（模型自己结束了）",
      limit: "（到长度上限）",
      nothing: "（什么也没写）",
      zh: "中文",
      en: "英文",
    },
    gen: {
      caption: "同一个开头、同样的采样设置，交给在同一份语料上训练的三个模型，并排看它们写出的文字和困惑度。",
      promptLabel: "开头",
      seedLabel: "种子",
      reroll: "换一个随机种子，再生成一次",
      rerollLabel: "换个种子",
      badSeed: "种子要是 0 到 4294967295 之间的整数。",
      settings: (seed) => `三个模型的设置完全相同：温度 0.8 · top-k 40 · top-p 0.95 · 种子 ${seed} · 最多写 40 个词元。`,
      emptyPrompt: "先输入一个开头，或点选上面的一个例子。",
      models: {
        unigram: { name: "一元模型", how: "只看词频，不看前文" },
        bigram: { name: "二元模型", how: "数数：只看前 1 个词元" },
        trigram: { name: "三元模型", how: "数数：只看前 2 个词元" },
        tiny: { name: "Transformer", how: "tiny · 神经网络：看得到整个开头" },
      },
      perplexity: "困惑度",
      perplexityHelp: "困惑度：在没训练过的文本上，模型平均每一步相当于在多少个同样可能的词元里挑一个。越低，预测得越准。条越短越好。",
      mean: "平均",
      measuring: "正在测量…",
      lossFailed: (message) => `没能测量：${message}`,
      reference: "参照",
      referenceOf: (name, how) => `${name}（${how}）的困惑度：`,
      measuredOn: (tokens) => `困惑度越低越好；都在同样的验证文本上测得（每种语言同样 ${tokens} 个词元，模型都没训练过）。`,
    },
    task: {
      caption: "同一个输入，同时交给两个模型：一边是一个通用的模型，一边是只为一件事准备的基线。",
      tasksLabel: "任务",
      tasks: {
        poem: "续写唐诗",
        austen: "续写奥斯汀",
        question: "问一个问题",
        translate: "翻译",
      },
      inputLabel: "输入",
      emptyInput: "先输入一段文字，或点选上面的一个任务。",
      settings: "两边的设置相同：温度 0.8 · 固定种子 42 · 最多写 40 个词元。同一个输入，每次结果都一样。",
      modelTitle: "tiny",
      modelSub: "一个通用模型",
      sameParams: (count) => (count ? `同一组参数 · ${count}` : "同一组参数"),
      sameParamsTip: "换任务时，模型的参数一个也没有变，变的只是输入。",
      modelNote: "自始至终是同一个模型。它要做什么，全凭你给的开头。",
      baselineTitle: "只会写诗的基线",
      baselineSub: "三元模型，只在中文古诗词上数过数",
      baselineNote: "一个只为一件事准备的模型：不管给它什么，它都只会写古诗。",
      wrote: {
        zh: "写出的文字：中文为主",
        en: "写出的文字：英文为主",
        mixed: "写出的文字：中英混杂",
        none: "写出的文字：没有汉字或英文字母",
      },
      caveat:
        "先交代清楚：tiny 非常小，只读过唐诗、宋词和奥斯汀的小说。它写的诗读不通，回答多半是错的。要看的不是写得好不好，而是同一组参数仅凭输入的不同，就换了要做的事。",
    },
    sft: {
      caption: "同一个问题、同一个模板，交给基座模型 tiny 和它做过指令微调（SFT）的版本 tiny-sft。",
      questionLabel: "问题",
      emptyQuestion: "先输入一个问题，或点选上面的一个例子。",
      templateLabel: "两个模型收到的是完全相同的一串文字：",
      templateNote: "深色块是特殊词元：模板里的标记，不是普通文字。",
      settings: "两边都用贪心解码（每一步取概率最高的词元），最多写 40 个词元，写出结束符就停。",
      baseTitle: "tiny",
      baseSub: "基座模型：只做过预训练，从没见过问答",
      sftTitle: "tiny-sft",
      sftSub: "tiny 在问答对上做过监督微调（SFT）",
      ended: "（模型自己结束了回答）",
      limit: "（到长度上限）",
      showTokens: "按词元显示回答，并标出每个词元的把握（概率）",
      candidatesTitle: "回答第一个词元的候选",
      candidatesNote: "模型自己的概率（温度 1）；✓ 是它实际写出的那个。",
      wrote: "写出",
      partOf: (character) => `“${character}”的一部分`,
      showMore: (n) => `显示前 ${n} 名`,
      showFewer: (n) => `只显示前 ${n} 名`,
      noCandidates: "没有候选。",
    },
  },
  en: {
    common: {
      generate: "Generate",
      busy: "Generating…",
      waiting: "Generating…",
      notYet: "Press Generate to see what it writes.",
      failed: (message) => `Could not generate: ${message}`,
      examples: "Examples",
      ended: "(the model ended the text)",
      limit: "(stopped at the length limit)",
      nothing: "(wrote nothing)",
      zh: "Chinese",
      en: "English",
    },
    gen: {
      caption:
        "The same opening and the same sampling settings, given to three models trained on the same corpus: their text and their perplexity, side by side.",
      promptLabel: "Opening",
      seedLabel: "Seed",
      reroll: "Pick a random seed and generate again",
      rerollLabel: "New seed",
      badSeed: "The seed must be a whole number from 0 to 4,294,967,295.",
      settings: (seed) =>
        `All three use exactly the same settings: temperature 0.8 · top-k 40 · top-p 0.95 · seed ${seed} · at most 40 tokens.`,
      emptyPrompt: "Type an opening first, or pick one of the examples above.",
      models: {
        unigram: { name: "Unigram", how: "word frequency only, ignores the text before" },
        bigram: { name: "Bigram", how: "counts; sees 1 token back" },
        trigram: { name: "Trigram", how: "counts; sees 2 tokens back" },
        tiny: { name: "Transformer", how: "tiny · neural network; sees the whole opening" },
      },
      perplexity: "Perplexity",
      perplexityHelp:
        "Perplexity: on text the model never trained on, how many equally likely tokens it is choosing among, on average, at each step. Lower means better predictions; a shorter bar is better.",
      mean: "Mean",
      measuring: "Measuring…",
      lossFailed: (message) => `Could not measure: ${message}`,
      reference: "For reference",
      referenceOf: (name, how) => `${name} (${how}), perplexity:`,
      measuredOn: (tokens) =>
        `Lower perplexity is better; all measured on the same ${tokens} held-out tokens per language, text none of the models trained on.`,
    },
    task: {
      caption: "The same input, given to two models at once: one general model, and a baseline built for one job.",
      tasksLabel: "Tasks",
      tasks: {
        poem: "Continue a Tang poem",
        austen: "Continue Austen",
        question: "Ask a question",
        translate: "Translate",
      },
      inputLabel: "Input",
      emptyInput: "Type some text first, or pick one of the tasks above.",
      settings: "Both sides use the same settings: temperature 0.8 · fixed seed 42 · at most 40 tokens. The same input gives the same result every time.",
      modelTitle: "tiny",
      modelSub: "one general model",
      sameParams: (count) => (count ? `same parameters · ${count}` : "same parameters"),
      sameParamsTip: "Not one parameter changes between tasks; only the input does.",
      modelNote: "The same model throughout. What it does is decided by the opening you give it.",
      baselineTitle: "Poems-only baseline",
      baselineSub: "a trigram counted on Chinese poems only",
      baselineNote: "A model built for one job: whatever you give it, it writes classical Chinese poetry.",
      wrote: {
        zh: "It wrote: mostly Chinese",
        en: "It wrote: mostly English",
        mixed: "It wrote: Chinese and English mixed",
        none: "It wrote: no Chinese characters or English letters",
      },
      caveat:
        "A word of honesty first: tiny is very small and has read nothing but Tang and Song poetry and Jane Austen. Its poems make no sense and its answers are mostly wrong. Look not at the quality but at the switching: one set of parameters changes what it does purely because the input changed.",
    },
    sft: {
      caption: "The same question in the same template, given to the base model tiny and to tiny-sft, its instruction-tuned (SFT) version.",
      questionLabel: "Question",
      emptyQuestion: "Type a question first, or pick one of the examples above.",
      templateLabel: "Both models receive exactly the same text:",
      templateNote: "Dark chips are special tokens: markers of the template, not ordinary text.",
      settings: "Both use greedy decoding (always the most probable token), at most 40 tokens, stopping at end-of-text.",
      baseTitle: "tiny",
      baseSub: "base model: pre-trained only, has never seen a question and answer",
      sftTitle: "tiny-sft",
      sftSub: "tiny after supervised fine-tuning (SFT) on question → answer pairs",
      ended: "(the model ended its answer)",
      limit: "(stopped at the length limit)",
      showTokens: "Show the answer as tokens, with how sure the model was of each",
      candidatesTitle: "Candidates for the answer's first token",
      candidatesNote: "The model's own probabilities (temperature 1); ✓ marks the one it wrote.",
      wrote: "wrote",
      partOf: (character) => `part of “${character}”`,
      showMore: (n) => `Show top ${n}`,
      showFewer: (n) => `Show top ${n} only`,
      noCandidates: "No candidates.",
    },
  },
};
