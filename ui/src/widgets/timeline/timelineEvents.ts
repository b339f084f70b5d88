/**
 * Lesson 3's timeline: from counting n-grams to reasoning models. Each entry says what
 * changed and why it mattered (our own words), its key figures, and where they come from.
 * Figures a developer did not publish say so; nothing here is an outside estimate.
 */
import type { Lang } from "../../lib/generated/Lang";

export type Text = Record<Lang, string>;

export interface Source {
  /** Authors or publisher, as cited: "Vaswani et al.", "OpenAI". */
  authors: string;
  year: number;
  title: string;
  /** Journal, conference, arXiv id, or kind and date of a report or blog post. */
  where: string | Text;
}

export interface TimelineEvent {
  id: string;
  /** "YYYY-MM" of the date the entry is placed at; the timeline is sorted by it. */
  sortKey: string;
  /** The short date on the axis. */
  axis: Text;
  /** The full date line of the card; honest about entries that have no single date. */
  date: Text;
  title: Text;
  /** What changed and why it mattered: one paragraph. */
  summary: Text;
  figures: { params: Text; data: Text; ability: Text };
  sources: Source[];
}

/** The figure a developer kept to itself. */
export const NOT_PUBLISHED: Text = { zh: "未公开", en: "not published" };

export const FIGURE_LABELS: Record<keyof TimelineEvent["figures"], Text> = {
  params: { zh: "参数量", en: "Parameters" },
  data: { zh: "训练数据", en: "Training data" },
  ability: { zh: "新能力", en: "What was new" },
};

export const TIMELINE_EVENTS: TimelineEvent[] = [
  {
    id: "ngram",
    sortKey: "1948-07",
    axis: { zh: "1948 起", en: "1948–" },
    date: {
      zh: "1948 年（香农）；1980–2000 年代是统计语言模型的主力",
      en: "1948 (Shannon); the mainstay of statistical language modelling from the 1980s to the 2000s",
    },
    title: { zh: "N-gram 模型", en: "N-gram models" },
    summary: {
      zh: "最早的语言模型靠数数：在大量文本里统计每串连续 n 个词出现了多少次，再看“前面这 n−1 个词后面最常跟什么”，来估计下一个词的概率。1948 年，香农就用这样的统计“造”出过读起来有几分像英文的片段；此后几十年，n-gram 一直是语音识别、输入法和机器翻译里的主力。它简单、快，但只看得到前面几个词，而且把每个词都当成互不相干的符号；没见过的组合，只能靠平滑分到一点“保底”的概率。",
      en: "The first language models counted. They tallied how often each run of n consecutive words occurs in a large body of text, then estimated the next word from what most often followed the previous n−1. Shannon used statistics of this kind in 1948 to produce fragments that read a little like English, and for decades n-grams were the workhorse of speech recognition, input methods and machine translation. They are simple and fast, but they see only a few words back and treat every word as an unrelated symbol; a combination never seen before gets only the small fallback share of probability that smoothing sets aside.",
    },
    figures: {
      params: { zh: "不适用：存的是一张计数表", en: "n/a: a table of counts" },
      data: { zh: "任何文本语料，越大越好", en: "any text corpus; the bigger the better" },
      ability: { zh: "按统计规律估计下一个词的概率", en: "next-word probabilities from counts" },
    },
    sources: [
      { authors: "Shannon", year: 1948, title: "A Mathematical Theory of Communication", where: "Bell System Technical Journal 27" },
      { authors: "Kneser & Ney", year: 1995, title: "Improved Backing-off for M-gram Language Modeling", where: "ICASSP 1995" },
    ],
  },
  {
    id: "rnn-lstm",
    sortKey: "1997-11",
    axis: { zh: "1997", en: "1997" },
    date: {
      zh: "1997 年（LSTM 提出）；2010 年起用作语言模型",
      en: "1997 (LSTM proposed); used as language models from 2010",
    },
    title: { zh: "RNN 与 LSTM", en: "RNN and LSTM" },
    summary: {
      zh: "循环神经网络（RNN）一个词一个词地往下读，把读过的内容压进一个隐藏状态，再带着它读下一个词，于是不再局限于固定的前几个词。1997 年，Hochreiter 和 Schmidhuber 提出长短期记忆网络（LSTM），用几道“门”学着决定留下什么、忘掉什么，让网络撑得住更长的上下文。2010 年，RNN 语言模型在语音识别实验里胜过了当时最好的 n-gram；2014 年前后，基于 LSTM 的模型在机器翻译上取得突破。它的短处是只能按顺序一步步算，训练难以并行，远处的信息也会慢慢变淡。",
      en: 'A recurrent neural network (RNN) reads one word at a time, folds what it has read into a hidden state, and carries that state on to the next word, so it is no longer limited to a fixed handful of previous words. In 1997 Hochreiter and Schmidhuber proposed long short-term memory (LSTM), whose "gates" learn what to keep and what to forget, letting the network hold a longer context. In 2010 an RNN language model beat the best n-grams of the day in speech recognition experiments, and around 2014 LSTM-based models made a breakthrough in machine translation. The drawback: the computation runs strictly in order, so training is hard to parallelise, and distant information gradually fades.',
    },
    figures: {
      params: { zh: "因模型而异", en: "varies by model" },
      data: { zh: "按任务准备的语料，比如语音转写文本、双语句对", en: "task corpora, such as speech transcripts or bilingual sentence pairs" },
      ability: { zh: "隐藏状态带着前文走，不再限于固定窗口", en: "a hidden state carries the text so far; no fixed window" },
    },
    sources: [
      { authors: "Hochreiter & Schmidhuber", year: 1997, title: "Long Short-Term Memory", where: "Neural Computation 9(8)" },
      { authors: "Mikolov et al.", year: 2010, title: "Recurrent Neural Network Based Language Model", where: "Interspeech 2010" },
      { authors: "Sutskever et al.", year: 2014, title: "Sequence to Sequence Learning with Neural Networks", where: "arXiv:1409.3215" },
    ],
  },
  {
    id: "transformer",
    sortKey: "2017-06",
    axis: { zh: "2017.6", en: "Jun 2017" },
    date: { zh: "2017 年 6 月", en: "June 2017" },
    title: { zh: "Transformer", en: "Transformer" },
    summary: {
      zh: "谷歌团队的论文《Attention Is All You Need》把循环结构整个拿掉，只用注意力。通过自注意力，每个位置一步就能看到其他位置，远处的信息不会因为距离而变淡；更重要的是，训练时一句话里的所有位置可以同时计算，正好发挥 GPU 的长处。论文里的基础版在 8 块 P100 GPU 上只训练了 12 小时，就在翻译任务上达到了当时的最好水平。能并行，就能放大：后来的 GPT 和 BERT 都建立在它之上。",
      en: 'A Google team\'s paper, "Attention Is All You Need", removed recurrence altogether and kept only attention. Through self-attention each position reaches every other position in one step, so distance no longer blurs information; more importantly, all the positions of a sentence can be computed at once during training, which is exactly what GPUs are good at. The paper\'s base model reached the best translation results of the time after only 12 hours on 8 P100 GPUs. What runs in parallel can grow: GPT and BERT were both built on it.',
    },
    figures: {
      params: { zh: "基础版约 6500 万，大版约 2.13 亿", en: "about 65M (base) and 213M (big)" },
      data: {
        zh: "WMT 2014 翻译数据：英德约 450 万句对，英法约 3600 万句",
        en: "WMT 2014 translation data: about 4.5M English–German sentence pairs, about 36M English–French sentences",
      },
      ability: { zh: "自注意力一次看到全部位置；训练可以并行", en: "self-attention sees every position at once; training runs in parallel" },
    },
    sources: [{ authors: "Vaswani et al.", year: 2017, title: "Attention Is All You Need", where: "arXiv:1706.03762" }],
  },
  {
    id: "gpt-1",
    sortKey: "2018-06",
    axis: { zh: "2018.6", en: "Jun 2018" },
    date: { zh: "2018 年 6 月", en: "June 2018" },
    title: { zh: "GPT-1", en: "GPT-1" },
    summary: {
      zh: "OpenAI 用一个 12 层、只有解码器的 Transformer，先在 BooksCorpus 上做生成式预训练，也就是单纯练习“猜下一个词”；再针对每个任务，用少量标注数据各自微调。在论文研究的 12 个任务里，它在 9 个上刷新了当时的最好成绩。“先在无标注文本上预训练、再按任务微调”从此成了自然语言处理的标准做法；同年 10 月，谷歌只用编码器的 BERT 也走了这条路。",
      en: 'OpenAI took a 12-layer, decoder-only Transformer and pre-trained it generatively on BooksCorpus, simply practising "guess the next word"; then it fine-tuned a copy for each task on a little labelled data. It set new best results on 9 of the 12 tasks the paper studied. "Pre-train on unlabelled text, then fine-tune per task" became the standard recipe of natural language processing; that October, Google\'s encoder-only BERT took the same road.',
    },
    figures: {
      params: { zh: "约 1.17 亿（117M）", en: "about 117 million (117M)" },
      data: { zh: "BooksCorpus：七千多本未出版的图书", en: "BooksCorpus: over 7,000 unpublished books" },
      ability: { zh: "生成式预训练，再按任务微调", en: "generative pre-training, then per-task fine-tuning" },
    },
    sources: [
      { authors: "Radford et al.", year: 2018, title: "Improving Language Understanding by Generative Pre-Training", where: { zh: "OpenAI 报告", en: "OpenAI report" } },
      {
        authors: "Radford et al.",
        year: 2019,
        title: "Language Models are Unsupervised Multitask Learners",
        where: { zh: "OpenAI 报告（117M 见其中的模型尺寸表）", en: "OpenAI report (117M: its table of model sizes)" },
      },
      {
        authors: "Devlin et al.",
        year: 2018,
        title: "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        where: "arXiv:1810.04805",
      },
    ],
  },
  {
    id: "gpt-2",
    sortKey: "2019-02",
    axis: { zh: "2019.2", en: "Feb 2019" },
    date: { zh: "2019 年 2 月", en: "February 2019" },
    title: { zh: "GPT-2", en: "GPT-2" },
    summary: {
      zh: "参数增加到约 15 亿，训练数据换成约 40 GB 的 WebText：约 800 万个网页，都是 Reddit 上至少得到 3 点 karma 的帖子所链接的页面，用人的点赞当一道粗略的质量筛选。最引人注意的是零样本能力：不做任何微调，只要把任务写成一段文字的开头，它就能做一部分；比如在文章后面写上“TL;DR:”，它会接着写出摘要。成绩还比不上专门训练的模型，但模型越大，零样本的表现越好。",
      en: 'Parameters grew to about 1.5 billion, and the training data became about 40 GB of WebText: some 8 million web pages linked from Reddit posts with at least 3 karma, people\'s upvotes serving as a rough quality filter. What stood out was zero-shot ability: with no fine-tuning, it could do part of a task written as the start of a text. Add "TL;DR:" after an article, for instance, and it went on to write a summary. It was still behind purpose-trained models, but the larger the model, the better its zero-shot results.',
    },
    figures: {
      params: { zh: "约 15 亿（1.5B）", en: "about 1.5 billion (1.5B)" },
      data: { zh: "WebText：约 40 GB 文本，约 800 万个网页", en: "WebText: about 40 GB of text, about 8 million web pages" },
      ability: { zh: "零样本：不微调，把任务写成开头就能做一部分", en: "zero-shot: no fine-tuning; write the task as an opening" },
    },
    sources: [
      { authors: "Radford et al.", year: 2019, title: "Language Models are Unsupervised Multitask Learners", where: { zh: "OpenAI 报告", en: "OpenAI report" } },
      { authors: "OpenAI", year: 2019, title: "Better Language Models and Their Implications", where: { zh: "博客，2019-02-14", en: "blog, 2019-02-14" } },
    ],
  },
  {
    id: "gpt-3",
    sortKey: "2020-05",
    axis: { zh: "2020.5", en: "May 2020" },
    date: { zh: "2020 年 5 月", en: "May 2020" },
    title: { zh: "GPT-3", en: "GPT-3" },
    summary: {
      zh: "参数量一下跳到 1750 亿，训练读了约 3000 亿个词元，用了约 3.14×10²³ 次浮点运算。它的标志是少样本的上下文学习：在提示词里放几个示例，不改动任何参数，它就能照着完成新任务，“学习”只发生在这一次的输入里。同年 1 月，OpenAI 的另一篇论文总结了缩放定律：损失随参数、数据和算力的增加平稳地下降，给“继续做大”提供了依据。GPT-3 通过 API 开放给开发者，但它仍然只会续写，不一定听指令。",
      en: 'Parameters leapt to 175 billion; training read about 300 billion tokens and took about 3.14×10²³ floating-point operations. Its hallmark is few-shot in-context learning: put a few examples in the prompt and, without any change to its parameters, it carries out the new task; the "learning" lives only in that one input. That January another OpenAI paper had set out scaling laws: loss falls smoothly as parameters, data and compute grow, which gave a reason to keep scaling. GPT-3 was opened to developers through an API, but it still only continued text and did not reliably follow instructions.',
    },
    figures: {
      params: { zh: "1750 亿（175B）", en: "175 billion (175B)" },
      data: {
        zh: "约 3000 亿词元，来自过滤后的 Common Crawl、WebText2、两个图书语料和英文维基百科",
        en: "about 300B tokens from filtered Common Crawl, WebText2, two book corpora and English Wikipedia",
      },
      ability: { zh: "少样本上下文学习：提示词里给几个例子，就能做新任务", en: "few-shot in-context learning: a few examples in the prompt are enough" },
    },
    sources: [
      { authors: "Brown et al.", year: 2020, title: "Language Models are Few-Shot Learners", where: "arXiv:2005.14165" },
      { authors: "Kaplan et al.", year: 2020, title: "Scaling Laws for Neural Language Models", where: "arXiv:2001.08361" },
    ],
  },
  {
    id: "instructgpt",
    sortKey: "2022-03",
    axis: { zh: "2022.3", en: "Mar 2022" },
    date: { zh: "2022 年（论文 3 月发表）", en: "2022 (paper published in March)" },
    title: { zh: "InstructGPT", en: "InstructGPT" },
    summary: {
      zh: "在 GPT-3 的基础上分三步继续训练：先请人写示范回答，做监督微调（SFT）；再请人给模型的几个回答排出好坏，训练一个奖励模型学会打分；最后用 PPO 算法做基于人类反馈的强化学习（RLHF），让模型朝高分的方向调整。结果，评估者更喜欢只有 13 亿参数的 InstructGPT 写的回答，而不是 1750 亿参数的 GPT-3。这次的进步来自训练方法，而不是更大的模型。它编造得更少、有害输出更少，但仍会犯简单的错误。",
      en: "GPT-3 was trained further in three steps. First, people wrote example answers for supervised fine-tuning (SFT). Next, people ranked several of the model's answers, and a reward model learnt to score answers from those rankings. Last, reinforcement learning from human feedback (RLHF) with the PPO algorithm moved the model towards answers that scored well. Evaluators preferred the answers of the 1.3B-parameter InstructGPT to those of the 175B GPT-3: this time the gain came from the training method, not a bigger model. It made things up less and produced less harmful output, though it still made simple mistakes.",
    },
    figures: {
      params: { zh: "13 亿、60 亿、1750 亿三档（已公开）", en: "1.3B, 6B and 175B (published)" },
      data: { zh: "人写的示范回答，以及人对回答的排序", en: "human-written example answers and human rankings of answers" },
      ability: { zh: "听懂指令：SFT + 奖励模型 + RLHF（PPO）", en: "follows instructions: SFT + reward model + RLHF (PPO)" },
    },
    sources: [
      {
        authors: "Ouyang et al.",
        year: 2022,
        title: "Training language models to follow instructions with human feedback",
        where: "arXiv:2203.02155",
      },
    ],
  },
  {
    id: "chatgpt",
    sortKey: "2022-11",
    axis: { zh: "2022.11", en: "Nov 2022" },
    date: { zh: "2022 年 11 月 30 日", en: "30 November 2022" },
    title: { zh: "ChatGPT", en: "ChatGPT" },
    summary: {
      zh: "用和 InstructGPT 相同的方法训练，只是示范数据换成了对话：训练人员同时扮演用户和 AI，写出示范对话。它从 GPT-3.5 系列的一个模型微调而来。技术上，它是 InstructGPT 的延续；真正的跨越在产品上：一个人人都能直接打开、直接说话的聊天界面。也是从这时起，OpenAI 不再公布旗舰模型的参数量。",
      en: "Trained with the same methods as InstructGPT, but with the demonstrations written as conversations: human trainers played both the user and the AI. It was fine-tuned from a model in the GPT-3.5 series. Technically it continued InstructGPT; the real leap was the product, a chat window anyone could open and simply talk to. From here on, OpenAI stopped publishing the parameter counts of its flagship models.",
    },
    figures: {
      params: NOT_PUBLISHED,
      data: { zh: "GPT-3.5 系列模型，加上人写的示范对话和排序", en: "a GPT-3.5-series model, plus human-written dialogues and rankings" },
      ability: { zh: "多轮对话；人人可用的聊天界面", en: "multi-turn conversation in a chat window anyone can use" },
    },
    sources: [{ authors: "OpenAI", year: 2022, title: "Introducing ChatGPT", where: { zh: "博客，2022-11-30", en: "blog, 2022-11-30" } }],
  },
  {
    id: "gpt-4",
    sortKey: "2023-03",
    axis: { zh: "2023.3", en: "Mar 2023" },
    date: { zh: "2023 年 3 月 14 日", en: "14 March 2023" },
    title: { zh: "GPT-4", en: "GPT-4" },
    summary: {
      zh: "能同时接受图像和文字输入，输出文字；在许多专业和学术考试上接近人类水平，比如在模拟的律师资格考试中，成绩约在考生的前 10%，而 GPT-3.5 约在后 10%。它的技术报告明确表示，出于竞争和安全考虑，不公布架构、模型大小、硬件、训练算力和数据等细节。所以网上流传的参数量都不是官方数据，要了解它，只能靠评测。",
      en: "Takes images as well as text as input and writes text, and performs close to human level on many professional and academic exams: on a simulated bar exam it scored around the top 10% of test takers, where GPT-3.5 scored around the bottom 10%. Its technical report states that, for competitive and safety reasons, it gives no details of the architecture, model size, hardware, training compute or data. Parameter counts that circulate online are therefore not official; the only way to know it is to evaluate it.",
    },
    figures: {
      params: NOT_PUBLISHED,
      data: NOT_PUBLISHED,
      ability: { zh: "图像和文字一起输入；考试成绩大幅提升", en: "image and text input; much higher exam scores" },
    },
    sources: [{ authors: "OpenAI", year: 2023, title: "GPT-4 Technical Report", where: "arXiv:2303.08774" }],
  },
  {
    id: "gpt-4o",
    sortKey: "2024-05",
    axis: { zh: "2024.5", en: "May 2024" },
    date: { zh: "2024 年 5 月 13 日", en: "13 May 2024" },
    title: { zh: "GPT-4o", en: "GPT-4o" },
    summary: {
      zh: "“o”代表 omni（全能）：文字、图像和音频由同一个端到端训练的模型处理。此前 ChatGPT 的语音模式是三个模型接力：语音转文字，GPT-3.5 或 GPT-4 作答，再把文字转回语音，平均要等 2.8 秒（GPT-3.5）或 5.4 秒（GPT-4），语气、说话的人和背景声音在转写时就丢了。GPT-4o 对语音输入最快约 232 毫秒就能回应，平均约 320 毫秒，接近人与人对话时的反应速度。",
      en: 'The "o" stands for omni: text, images and audio are handled by one model trained end to end. Before it, ChatGPT\'s voice mode was a relay of three models: speech to text, an answer from GPT-3.5 or GPT-4, then text back to speech. That took 2.8 seconds (GPT-3.5) or 5.4 seconds (GPT-4) on average, and tone of voice, who was speaking and background sounds were lost in transcription. GPT-4o can respond to speech in as little as about 232 milliseconds, about 320 milliseconds on average, close to how quickly people respond in conversation.',
    },
    figures: {
      params: NOT_PUBLISHED,
      data: NOT_PUBLISHED,
      ability: {
        zh: "原生处理语音和图像；语音对话更快，保留语气",
        en: "native audio and vision; faster voice conversation that keeps tone",
      },
    },
    sources: [{ authors: "OpenAI", year: 2024, title: "Hello GPT-4o", where: { zh: "博客，2024-05-13", en: "blog, 2024-05-13" } }],
  },
  {
    id: "o1",
    sortKey: "2024-09",
    axis: { zh: "2024.9", en: "Sep 2024" },
    date: { zh: "2024 年 9 月 12 日（当天开放的是预览版 o1-preview）", en: "12 September 2024 (released that day as o1-preview)" },
    title: { zh: "o1", en: "o1" },
    summary: {
      zh: "用强化学习训练模型在回答之前先写出一段很长的思维链：在里面尝试、检查、发现走错了就换个思路，最后才给出答案。OpenAI 报告，训练时投入的强化学习算力越多、回答时允许它思考得越久，表现就越好；在 2024 年美国数学邀请赛（AIME）的题目上，每题只作答一次时，o1 平均解出 74%，GPT-4o 只有 12%。代价是思考用的词元同样要一个一个生成，回答更慢，也更贵；原始的思维链不直接展示给用户。",
      en: "Trained with reinforcement learning to write a long chain of thought before answering: trying ideas, checking them, switching approach when one fails, and only then giving an answer. OpenAI reports that o1 improves with more reinforcement-learning compute in training and with more time to think when answering; on the 2024 AIME maths competition problems it solved 74% on average with one attempt each, against 12% for GPT-4o. The price: the thinking tokens are generated one at a time too, so answers are slower and cost more. The raw chain of thought is not shown to users.",
    },
    figures: {
      params: NOT_PUBLISHED,
      data: NOT_PUBLISHED,
      ability: { zh: "先写长思维链再回答；复杂推理更强", en: "writes a long chain of thought first; stronger at complex reasoning" },
    },
    sources: [{ authors: "OpenAI", year: 2024, title: "Learning to reason with LLMs", where: { zh: "博客，2024-09-12", en: "blog, 2024-09-12" } }],
  },
];
