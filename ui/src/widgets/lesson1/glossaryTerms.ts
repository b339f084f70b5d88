/**
 * Lesson 1's bilingual glossary (lessons/{zh,en}/01-concepts.md, shared/LECTURES.md §1).
 *
 * Each term says which kind of thing it is, using the kinds the lesson's {#map} section names
 * (领域 field, 方法 method, 结构 architecture, 产品形态 product), plus one more for the words that
 * are none of those: quantities and behaviours such as token, parameter and hallucination.
 * Each term links to the lesson section that explains or shows it; the tests check that every
 * link points at a section id that exists in the lesson files in lessons/zh.
 */

export type TermKind = "field" | "method" | "architecture" | "product" | "concept";

export type Bilingual = { zh: string; en: string };

export interface GlossaryTerm {
  /** Chinese name, shown first. */
  zh: string;
  /** English name; also the row's data-term. */
  en: string;
  kind: TermKind;
  /** One plain sentence in each language. */
  def: Bilingual;
  /** Typical algorithms or a worked example, where the lesson gives them. */
  examples?: Bilingual;
  /** Where the app explains or shows it: `#/lesson/{lesson}/{section}`. */
  link: { lesson: number; section: string };
}

export const KINDS: { id: TermKind; zh: string; en: string }[] = [
  { id: "field", zh: "领域", en: "Field" },
  { id: "method", zh: "方法", en: "Method" },
  { id: "architecture", zh: "结构", en: "Architecture" },
  { id: "product", zh: "产品形态", en: "Product" },
  { id: "concept", zh: "概念与现象", en: "Concept & behaviour" },
];

export function kindLabel(kind: TermKind): Bilingual {
  const found = KINDS.find((k) => k.id === kind);
  return found ? { zh: found.zh, en: found.en } : { zh: kind, en: kind };
}

/**
 * Titles of the sections the glossary links to, as the lesson files write them
 * (the tests compare them with the headings in lessons/zh and lessons/en).
 */
export const SECTION_TITLES: Record<string, Bilingual> = {
  "1/ai-ml-dl": { zh: "人工智能、机器学习、深度学习", en: "AI, machine learning, deep learning" },
  "1/areas": { zh: "应用领域：NLP、CV 与语音", en: "Application areas: NLP, CV and speech" },
  "1/paradigms": { zh: "机器怎么“学”：四种学习范式", en: "How machines learn: four paradigms" },
  "1/architecture": { zh: "模型的形状：架构", en: "The shape of a model: architecture" },
  "1/transformer-gpt": { zh: "编码器、解码器与 GPT", en: "Encoder, decoder and GPT" },
  "1/moe": { zh: "混合专家 MoE", en: "Mixture of Experts (MoE)" },
  "1/app-terms": { zh: "应用层的术语", en: "Application terms" },
  "1/training-terms": { zh: "训练层的术语", en: "Training terms" },
  "1/behaviour-terms": { zh: "行为层的术语", en: "Behaviour terms" },
  "2/what-is-llm": { zh: "这门课说的“大模型”", en: "What this course means by an LLM" },
  "2/scale": { zh: "规模：参数、数据与算力", en: "Scale: parameters, data and compute" },
  "3/rnn": { zh: "RNN 与 LSTM：带着记忆往下读", en: "RNN and LSTM: reading with a memory" },
  "3/transformer": { zh: "Transformer：一次看全部", en: "Transformer: looking at everything at once" },
  "4/tokens": { zh: "分词：模型读的不是字", en: "Tokens: the model does not read characters" },
  "4/attention": { zh: "注意力：回头看前文", en: "Attention: looking back at the text" },
  "4/context": { zh: "上下文窗口与 KV 缓存", en: "The context window and the KV cache" },
  "6/pretrain-finetune": { zh: "预训练与微调", en: "Pre-training and fine-tuning" },
  "6/pruning": { zh: "剪枝：删掉不重要的权重", en: "Pruning: removing unimportant weights" },
  "6/quantization": { zh: "量化：用更少的比特存参数", en: "Quantization: fewer bits per parameter" },
  "6/distillation": { zh: "蒸馏：小模型向大模型学", en: "Distillation: a small model learns from a large one" },
  "7/pretraining": { zh: "第 3 步：预训练", en: "Step 3: pre-training" },
  "11/hallucination": { zh: "幻觉：流畅，但不真实", en: "Hallucination: fluent, but untrue" },
  "11/forgetting": { zh: "“遗忘”：掉出了上下文窗口", en: '"Forgetting": falling out of the context window' },
};

export function sectionKey(link: GlossaryTerm["link"]): string {
  return `${link.lesson}/${link.section}`;
}

export const GLOSSARY_TERMS: GlossaryTerm[] = [
  // ---- The big picture: AI ⊃ ML ⊃ DL, and the other ways of doing AI ----
  {
    zh: "人工智能",
    en: "Artificial intelligence (AI)",
    kind: "field",
    def: {
      zh: "让机器去做通常要靠人类智能才能完成的事，这是整个领域的名字；机器学习只是其中一类做法。",
      en: "The whole field of getting machines to do things that normally take human intelligence; machine learning is only one way of doing it.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },
  {
    zh: "机器学习",
    en: "Machine learning (ML)",
    kind: "method",
    def: {
      zh: "不把规则直接写进程序，而是让程序从数据里自己总结规律；它是人工智能里的一类做法。",
      en: "Instead of writing the rules into the program, let it work out the patterns from data; one family of methods within AI.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },
  {
    zh: "深度学习",
    en: "Deep learning (DL)",
    kind: "method",
    def: {
      zh: "用很多层神经网络做的机器学习，“深”指的就是层数多；今天的大语言模型都属于深度学习。",
      en: "Machine learning with neural networks of many layers (“deep” just means many layers); today's large language models are all deep learning.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },
  {
    zh: "神经网络",
    en: "Neural network",
    kind: "architecture",
    def: {
      zh: "由一层层简单的计算单元连接而成的模型，连接上的数值（参数）都由训练来调整。",
      en: "A model made of layers of simple computing units, where the numbers on the connections (the parameters) are set by training.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },
  {
    zh: "专家系统",
    en: "Expert system",
    kind: "method",
    def: {
      zh: "由懂行的人把知识写成一条条“如果……就……”的规则，程序照着规则推理；属于人工智能，但不是机器学习。",
      en: "A program that reasons with “if … then …” rules written down one by one by people who know the domain; it is AI, but not machine learning.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },
  {
    zh: "搜索",
    en: "Search",
    kind: "method",
    def: {
      zh: "在所有可能的走法里系统地寻找最好的一步，比如下棋程序往前推算几步；这是人工智能里不靠学习数据的一类做法。",
      en: "Systematically looking through possible moves for the best one, as a chess program looks a few moves ahead; a way of doing AI that does not rely on learning from data.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },
  {
    zh: "贝叶斯网络",
    en: "Bayesian network",
    kind: "method",
    def: {
      zh: "用一张图加上概率来描述事物之间怎样相互影响，再据此推理，比如由症状推断各种病因的可能性。",
      en: "A graph with probabilities that describes how things influence each other, used for reasoning, such as from symptoms to the likely causes.",
    },
    link: { lesson: 1, section: "ai-ml-dl" },
  },

  // ---- Application areas ----
  {
    zh: "自然语言处理",
    en: "Natural language processing (NLP)",
    kind: "field",
    def: {
      zh: "处理人类语言文字的应用领域，比如翻译、摘要、问答；今天大多用深度学习来做，大语言模型就属于这个领域。",
      en: "The application area for human language in text, such as translation, summaries and question answering; today it mostly uses deep learning, and LLMs belong to it.",
    },
    link: { lesson: 1, section: "areas" },
  },
  {
    zh: "计算机视觉",
    en: "Computer vision (CV)",
    kind: "field",
    def: {
      zh: "让计算机看懂图片和视频的应用领域，比如识别人脸、找出商品瑕疵；今天大多用深度学习来做。",
      en: "The application area that makes computers understand images and video, such as recognising faces or spotting product defects; today it mostly uses deep learning.",
    },
    link: { lesson: 1, section: "areas" },
  },
  {
    zh: "语音",
    en: "Speech (recognition and synthesis)",
    kind: "field",
    def: {
      zh: "处理说出来的话的应用领域：语音识别把话转成文字，语音合成把文字读出来。",
      en: "The application area for spoken language: speech recognition turns speech into text, and speech synthesis reads text aloud.",
    },
    link: { lesson: 1, section: "areas" },
  },

  // ---- Learning paradigms ----
  {
    zh: "监督学习",
    en: "Supervised learning",
    kind: "method",
    def: {
      zh: "每条训练数据都带着标签，也就是“输入→正确输出”，模型学着从输入猜出标签，比如判断一封邮件是不是垃圾邮件。",
      en: "Every training example comes with a label, an “input → correct output” pair, and the model learns to predict it, such as whether an email is spam.",
    },
    examples: {
      zh: "线性回归、逻辑回归、支持向量机（SVM）、k 近邻（k-NN）、决策树、随机森林",
      en: "linear regression, logistic regression, support vector machines (SVM), k-nearest neighbours (k-NN), decision trees, random forests",
    },
    link: { lesson: 1, section: "paradigms" },
  },
  {
    zh: "无监督学习",
    en: "Unsupervised learning",
    kind: "method",
    def: {
      zh: "数据没有标签，由算法自己找出其中的结构，比如把用户自动分成几群。",
      en: "The data has no labels; the algorithm finds the structure in it by itself, such as splitting users into groups.",
    },
    examples: {
      zh: "聚类：k 均值（k-means）、层次聚类、DBSCAN；降维：主成分分析（PCA）、t-SNE",
      en: "clustering: k-means, hierarchical clustering, DBSCAN; dimensionality reduction: principal component analysis (PCA), t-SNE",
    },
    link: { lesson: 1, section: "paradigms" },
  },
  {
    zh: "半监督学习",
    en: "Semi-supervised learning",
    kind: "method",
    def: {
      zh: "用少量带标签的数据，加上大量不带标签的数据一起训练，省下大部分标注的功夫。",
      en: "Training on a few labelled examples together with many unlabelled ones, which saves most of the labelling work.",
    },
    examples: {
      zh: "伪标签（先让模型给无标签数据打标签）、一致性训练（数据稍作改动，要求判断不变）",
      en: "pseudo-labels (let a model label the unlabelled data), consistency training (a slightly changed example must get the same prediction)",
    },
    link: { lesson: 1, section: "paradigms" },
  },
  {
    zh: "强化学习",
    en: "Reinforcement learning (RL)",
    kind: "method",
    def: {
      zh: "没有标准答案，模型在和环境的一次次互动中拿到奖励，逐渐学会怎样做得分高。",
      en: "There is no answer key: the model acts in an environment, receives rewards, and gradually learns what scores well.",
    },
    examples: {
      zh: "Q 学习（Q-learning）、策略梯度（policy gradient）、深度 Q 网络（DQN）",
      en: "Q-learning, policy gradient, deep Q-networks (DQN)",
    },
    link: { lesson: 1, section: "paradigms" },
  },
  {
    zh: "自监督学习",
    en: "Self-supervised learning",
    kind: "method",
    def: {
      zh: "标签不用人来标，直接来自数据本身；大模型的预训练就是这样，文本里真正的下一个词元就是答案。",
      en: "The labels come from the data itself, not from people; LLM pre-training works this way, with the real next token of the text as the answer.",
    },
    examples: {
      zh: "读到“床前明月”，答案就是“光”",
      en: "after “To be or not to”, the answer is “be”",
    },
    link: { lesson: 1, section: "paradigms" },
  },

  // ---- Architectures ----
  {
    zh: "架构",
    en: "Architecture",
    kind: "architecture",
    def: {
      zh: "神经网络的“形状”：有多少层，每层怎么连，信息怎么流动。",
      en: "The shape of a neural network: how many layers, how they connect, and how information flows through them.",
    },
    link: { lesson: 1, section: "architecture" },
  },
  {
    zh: "Transformer",
    en: "Transformer",
    kind: "architecture",
    def: {
      zh: "2017 年论文《Attention Is All You Need》提出的架构，以注意力机制为核心，是今天几乎所有大语言模型的骨架。",
      en: "The architecture from the 2017 paper “Attention Is All You Need”, built around attention; the backbone of nearly every LLM today.",
    },
    link: { lesson: 3, section: "transformer" },
  },
  {
    zh: "注意力",
    en: "Attention",
    kind: "architecture",
    def: {
      zh: "让每个词元按相关程度，从其他词元那里取用信息的机制；它是 Transformer 的核心。",
      en: "The mechanism that lets each token draw information from other tokens, weighted by how relevant they are; the heart of the Transformer.",
    },
    link: { lesson: 4, section: "attention" },
  },
  {
    zh: "卷积神经网络",
    en: "Convolutional neural network (CNN)",
    kind: "architecture",
    def: {
      zh: "用小窗口在图片上逐块扫过、捕捉局部图案的神经网络，曾长期主导计算机视觉。",
      en: "A neural network that scans an image with small windows to pick up local patterns; it dominated computer vision for years.",
    },
    link: { lesson: 1, section: "architecture" },
  },
  {
    zh: "循环神经网络 / 长短期记忆网络",
    en: "Recurrent neural network (RNN) / LSTM",
    kind: "architecture",
    def: {
      zh: "一个词一个词地读，把读过的内容压进一份“记忆”带着往下走；LSTM 是它的改进版，两者是 Transformer 出现之前处理文本的主力。",
      en: "Networks that read one word at a time and carry a running memory forward; LSTM is the improved version, and they were the workhorses for text before the Transformer.",
    },
    link: { lesson: 3, section: "rnn" },
  },
  {
    zh: "生成对抗网络",
    en: "Generative adversarial network (GAN)",
    kind: "architecture",
    def: {
      zh: "让生成器和判别器互相较劲：一个努力造出以假乱真的图片，一个努力分辨真假，两者在对抗中一起变强。",
      en: "A generator and a discriminator trained against each other: one tries to make convincing fake images, the other tries to tell real from fake, and both get better.",
    },
    link: { lesson: 1, section: "architecture" },
  },
  {
    zh: "扩散模型",
    en: "Diffusion model",
    kind: "architecture",
    def: {
      zh: "从一片随机噪点出发，一步步把噪点去掉，最后“显影”出一张图片的生成模型。",
      en: "A generative model that starts from random noise and removes it step by step until a picture emerges.",
    },
    link: { lesson: 1, section: "architecture" },
  },
  {
    zh: "编码器",
    en: "Encoder",
    kind: "architecture",
    def: {
      zh: "Transformer 里负责“读”的那一半，用双向注意力把整段输入前后都看一遍；BERT 只有编码器。",
      en: "The half of the Transformer that reads: it looks at the whole input in both directions with bidirectional attention; BERT is encoder-only.",
    },
    link: { lesson: 1, section: "transformer-gpt" },
  },
  {
    zh: "解码器",
    en: "Decoder",
    kind: "architecture",
    def: {
      zh: "Transformer 里负责“写”的那一半，用因果注意力一个词元一个词元地往后生成；GPT 只有解码器。",
      en: "The half of the Transformer that writes: it produces one token after another using causal attention; GPT is decoder-only.",
    },
    link: { lesson: 1, section: "transformer-gpt" },
  },
  {
    zh: "双向注意力",
    en: "Bidirectional attention",
    kind: "architecture",
    def: {
      zh: "每个词元都能看到句子里所有的词元，包括排在它后面的；编码器用的就是它。",
      en: "Every token can see every other token in the sentence, including the ones after it; this is what the encoder uses.",
    },
    link: { lesson: 1, section: "transformer-gpt" },
  },
  {
    zh: "因果注意力",
    en: "Causal attention",
    kind: "architecture",
    def: {
      zh: "每个词元只能看到自己和前面的词元；GPT 的解码器用它，所以能一个接一个往下写。常说的“单向”指的就是它，GPT 并没有编码器。",
      en: "Each token sees only itself and the tokens before it; GPT's decoder uses it, which is what lets it write one token after another. This is what “one-directional” means: GPT has no encoder.",
    },
    link: { lesson: 1, section: "transformer-gpt" },
  },
  {
    zh: "GPT（生成式预训练 Transformer）",
    en: "GPT (Generative Pre-trained Transformer)",
    kind: "architecture",
    def: {
      zh: "只保留解码器、使用因果注意力的 Transformer，靠一次次预测下一个词元来写文字；它没有编码器。",
      en: "A decoder-only Transformer with causal attention that writes by predicting the next token again and again; it has no encoder.",
    },
    link: { lesson: 1, section: "transformer-gpt" },
  },
  {
    zh: "BERT",
    en: "BERT (Bidirectional Encoder Representations from Transformers)",
    kind: "architecture",
    def: {
      zh: "只保留编码器、双向阅读的 Transformer，擅长分类、检索这类“读懂”的任务，不擅长续写。",
      en: "An encoder-only Transformer that reads in both directions; good at understanding tasks such as classification and search, not built to continue text.",
    },
    link: { lesson: 1, section: "transformer-gpt" },
  },

  // ---- Mixture of Experts ----
  {
    zh: "混合专家",
    en: "Mixture of Experts (MoE)",
    kind: "architecture",
    def: {
      zh: "把 Transformer 每一层里的前馈网络换成几个并排的“专家”小网络和一个路由器，每个词元只交给其中几个专家；专家是同一个模型里的零件，不是几个独立的模型。",
      en: "A Transformer variant in which each layer's feed-forward network becomes several parallel “expert” sub-networks plus a router, and each token goes to only a few of them; the experts are parts of one model, not separate models.",
    },
    link: { lesson: 1, section: "moe" },
  },
  {
    zh: "前馈网络",
    en: "Feed-forward network",
    kind: "architecture",
    def: {
      zh: "Transformer 每一层里、在注意力之后对每个词元单独加工的那一块；MoE 改造的就是它。",
      en: "The block in every Transformer layer that, after attention, processes each token on its own; it is the part MoE replaces.",
    },
    link: { lesson: 1, section: "moe" },
  },
  {
    zh: "专家",
    en: "Expert",
    kind: "architecture",
    def: {
      zh: "MoE 层里并排的几个前馈小网络之一；没有人事先规定哪个专家管什么，分工是训练中自己形成的。",
      en: "One of the parallel feed-forward sub-networks in an MoE layer; nobody assigns it a subject in advance, and any division of labour forms during training.",
    },
    link: { lesson: 1, section: "moe" },
  },
  {
    zh: "路由器",
    en: "Router",
    kind: "architecture",
    def: {
      zh: "MoE 层里的一个很小的网络，给所有专家打分，决定当前词元交给哪几个专家；每一层都有自己的路由器。",
      en: "A small network in an MoE layer that scores all the experts and decides which ones the current token goes to; every layer has its own.",
    },
    link: { lesson: 1, section: "moe" },
  },
  {
    zh: "top-k 路由",
    en: "Top-k routing",
    kind: "architecture",
    def: {
      zh: "路由器只把词元交给得分最高的 k 个专家（常见 k = 2），再按分数把它们的输出加权合起来；别和第 4 课选词用的 top-k 采样混淆。",
      en: "The router sends each token only to its k highest-scoring experts (k = 2 is common) and mixes their outputs by those scores; not to be confused with top-k sampling in lesson 4.",
    },
    link: { lesson: 1, section: "moe" },
  },
  {
    zh: "总参数与激活参数",
    en: "Total vs active parameters",
    kind: "concept",
    def: {
      zh: "总参数是模型里全部参数的个数，激活参数是处理每个词元时实际用到的那部分；例如 Mixtral 8x7B 总共约 467 亿（46.7B），每个词元只用到约 129 亿（12.9B）。",
      en: "Total parameters count everything in the model; active parameters are the ones actually used for each token. Mixtral 8x7B, for example, has about 46.7B in total and uses about 12.9B per token.",
    },
    link: { lesson: 1, section: "moe" },
  },

  // ---- Application terms ----
  {
    zh: "检索增强生成",
    en: "Retrieval-augmented generation (RAG)",
    kind: "product",
    def: {
      zh: "先从文档库里检索出相关段落放进提示词，再让模型依据这些段落作答；知识变了，只要更新文档。",
      en: "Retrieve relevant passages from a document collection, put them into the prompt, then let the model answer from them; when the knowledge changes, you update the documents.",
    },
    link: { lesson: 1, section: "app-terms" },
  },
  {
    zh: "知识图谱",
    en: "Knowledge graph",
    kind: "product",
    def: {
      zh: "把知识存成“实体—关系—实体”连成的一张网，比如“鲁迅—出生于—绍兴”，可以作为 RAG 的检索来源之一。",
      en: "Knowledge stored as a network of “entity – relation – entity” facts, such as “Lu Xun – born in – Shaoxing”; one possible source for RAG to retrieve from.",
    },
    link: { lesson: 1, section: "app-terms" },
  },
  {
    zh: "函数调用 / 工具使用",
    en: "Function calling / tool use",
    kind: "product",
    def: {
      zh: "模型不直接作答，而是写出一个结构化的调用请求（比如“查询订单 12345”），由外面的程序执行后把结果交回；模型自己不执行任何操作。",
      en: "Instead of answering, the model writes a structured request (such as “look up order 12345”); the surrounding program runs it and hands back the result. The model itself never executes anything.",
    },
    link: { lesson: 1, section: "app-terms" },
  },
  {
    zh: "智能体",
    en: "Agent",
    kind: "product",
    def: {
      zh: "让模型围绕一个目标，反复“计划—调用工具—看结果—决定下一步”的系统。",
      en: "A system in which the model pursues a goal in a loop: plan, call a tool, look at the result, decide the next step.",
    },
    link: { lesson: 1, section: "app-terms" },
  },
  {
    zh: "聊天机器人",
    en: "Chatbot",
    kind: "product",
    def: {
      zh: "以对话形式提供服务的产品，比如 ChatGPT；模型只是其中一部分，外面还有界面、对话记录和安全过滤等。",
      en: "A product that serves people through conversation, such as ChatGPT; the model is only one part of it, alongside the interface, the chat history, safety filters and more.",
    },
    link: { lesson: 1, section: "app-terms" },
  },

  // ---- Training terms ----
  {
    zh: "预训练",
    en: "Pre-training",
    kind: "method",
    def: {
      zh: "在海量无标注文本上学习预测下一个词元，得到基座模型；这是最花钱的一步，模型的语言能力和大部分知识都从这里来。",
      en: "Learning to predict the next token on vast amounts of unlabelled text, which produces a base model; the most expensive step, and where most of the model's language ability and knowledge comes from.",
    },
    link: { lesson: 7, section: "pretraining" },
  },
  {
    zh: "微调",
    en: "Fine-tuning",
    kind: "method",
    def: {
      zh: "在预训练好的模型上，用少得多的专门数据继续训练，让它适应某类任务或某种回答方式。",
      en: "Continuing to train a pre-trained model on a much smaller, specific dataset so that it fits a kind of task or a style of answer.",
    },
    link: { lesson: 6, section: "pretrain-finetune" },
  },
  {
    zh: "提示词工程",
    en: "Prompt engineering",
    kind: "method",
    def: {
      zh: "不改模型，只改输入：把任务写清楚、给几个示例、规定输出格式；这是最便宜、最快的调整方式。",
      en: "Changing the input, not the model: describe the task clearly, give a few examples, fix the output format; the cheapest and fastest way to adjust behaviour.",
    },
    link: { lesson: 1, section: "training-terms" },
  },
  {
    zh: "蒸馏",
    en: "Distillation",
    kind: "method",
    def: {
      zh: "让一个小的“学生”模型去模仿大的“老师”模型的输出，得到更小、更快的模型。",
      en: "Training a small “student” model to imitate the outputs of a large “teacher” model, to get a smaller, faster model.",
    },
    link: { lesson: 6, section: "distillation" },
  },
  {
    zh: "剪枝",
    en: "Pruning",
    kind: "method",
    def: {
      zh: "删掉对结果影响很小的权重（参数）或整块结构，让模型变小。",
      en: "Removing weights (parameters) or whole structures that matter little to the result, to make the model smaller.",
    },
    link: { lesson: 6, section: "pruning" },
  },
  {
    zh: "量化",
    en: "Quantization",
    kind: "method",
    def: {
      zh: "用更少的比特存每个参数，比如从 16 位降到 8 位或 4 位；下载开源模型时看到的“int8”“Q4”说的就是它。",
      en: "Storing each parameter in fewer bits, say 8 or 4 instead of 16; the “int8” or “Q4” you see on open-model downloads refers to this.",
    },
    link: { lesson: 6, section: "quantization" },
  },

  // ---- Basic quantities and behaviour ----
  {
    zh: "大语言模型",
    en: "Large language model (LLM)",
    kind: "concept",
    def: {
      zh: "参数极多、在海量文本上训练、一个词元一个词元往下写的深度学习模型；它属于自然语言处理领域，GPT 就是一类。",
      en: "A deep learning model with a huge number of parameters, trained on vast amounts of text, that writes one token at a time; it belongs to NLP, and GPT is one kind.",
    },
    link: { lesson: 2, section: "what-is-llm" },
  },
  {
    zh: "词元",
    en: "Token",
    kind: "concept",
    def: {
      zh: "模型读写文字的最小单位，可能是一个字、一个词或词的一部分；模型按词元计数，而不是按字数。",
      en: "The unit a model reads and writes: a character, a word or part of a word; models count tokens, not characters or words.",
    },
    link: { lesson: 4, section: "tokens" },
  },
  {
    zh: "参数",
    en: "Parameter",
    kind: "concept",
    def: {
      zh: "模型内部由训练调整出来的数值，也常叫权重；参数的个数是衡量模型有多“大”最常用的数字。",
      en: "A number inside the model that training adjusts, often called a weight; the parameter count is the usual measure of how “large” a model is.",
    },
    link: { lesson: 2, section: "scale" },
  },
  {
    zh: "上下文窗口",
    en: "Context window",
    kind: "concept",
    def: {
      zh: "模型一次能看到的最大词元数；提示词、对话记录、检索来的资料和已经写出的回答，都挤在这个窗口里。",
      en: "The maximum number of tokens a model can see at once; the prompt, the chat history, retrieved material and the answer so far all have to fit in it.",
    },
    link: { lesson: 4, section: "context" },
  },
  {
    zh: "“遗忘”",
    en: "“Forgetting”",
    kind: "concept",
    def: {
      zh: "长对话里模型“忘了”前面说过的话，通常是因为那段文字已经掉出了上下文窗口，对模型来说就等于不存在。",
      en: "A model “forgetting” something said earlier in a long conversation, usually because that text has fallen out of the context window and no longer exists for the model.",
    },
    link: { lesson: 11, section: "forgetting" },
  },
  {
    zh: "幻觉",
    en: "Hallucination",
    kind: "concept",
    def: {
      zh: "模型流畅又自信地说出不符合事实（或不符合所给资料）的内容；它只是在挑最像的下一个词元，并不核对事实。",
      en: "The model says something untrue (or not supported by the material it was given) fluently and confidently; it only picks the most plausible next token and never checks facts.",
    },
    link: { lesson: 11, section: "hallucination" },
  },
  {
    zh: "涌现",
    en: "Emergence",
    kind: "concept",
    def: {
      zh: "某些能力在小模型上几乎看不到，模型变大后似乎“突然”出现；这个说法在研究界有争议，换用连续的衡量指标，提升往往是平滑的。",
      en: "Abilities that are barely visible in small models seem to appear “suddenly” as models grow; this is contested in research, since with a continuous metric the improvement often looks smooth.",
    },
    link: { lesson: 1, section: "behaviour-terms" },
  },
];

/** Lower-case, trimmed; the form both the query and the text are compared in. */
export function normalise(text: string): string {
  return text.trim().toLowerCase();
}

/** The same with spaces and hyphens gone, so "fine tuning" finds "Fine-tuning". */
function squash(text: string): string {
  return normalise(text).replace(/[\s\-‐–—_·]+/g, "");
}

function names(term: GlossaryTerm): string {
  return `${term.zh}\n${term.en}`;
}

function body(term: GlossaryTerm): string {
  return [term.def.zh, term.def.en, term.examples?.zh ?? "", term.examples?.en ?? ""].join("\n");
}

function contains(haystack: string, query: string): boolean {
  if (normalise(haystack).includes(normalise(query))) return true;
  const q = squash(query);
  return q.length > 0 && squash(haystack).includes(q);
}

/**
 * The terms matching a query (names, definitions and examples in both languages), name matches
 * first, then in glossary order. An empty query matches everything.
 */
export function searchTerms(query: string, terms: GlossaryTerm[] = GLOSSARY_TERMS): GlossaryTerm[] {
  const q = normalise(query);
  if (!q) return terms.slice();
  const byName: GlossaryTerm[] = [];
  const byText: GlossaryTerm[] = [];
  for (const term of terms) {
    if (contains(names(term), q)) byName.push(term);
    else if (contains(body(term), q)) byText.push(term);
  }
  return [...byName, ...byText];
}
