/** Lesson 10's evaluation widgets' words, in both course languages (Chinese first). */
import type { Lang } from "../../lib/generated/Lang";
import type { BenchmarkKey, DimensionKey, Layer, PresetKey, Weight } from "./framework";
import type { ModelKey, Language, Verdict } from "./perplexity";

// ===== the evaluation framework ===============================================================

export interface FrameworkStrings {
  caption: string;
  diagramLabel: string;
  diagramHint: string;
  layer: Record<Layer, string>;
  layerNote: Record<Layer, string>;
  supports: string;
  veto: string;
  gate: string;
  name: Record<DimensionKey, string>;
  sub: Record<DimensionKey, string>;
  /** The detail's two headings, per layer: what it asks / how to test it. */
  detailLabels: Record<Layer, { ask: string; how: string }>;
  ask: Record<DimensionKey, string>;
  how: Record<DimensionKey, string>;
  /** A word more on the benchmarks or their limits, where one is needed. */
  caveat: Partial<Record<DimensionKey, string>>;
  /** Said instead of a list where no public benchmark fits. */
  noBenchmark: Partial<Record<DimensionKey, string>>;
  benchmarksTitle: string;
  benchmark: Record<BenchmarkKey, string>;
  detailHint: string;
  close: string;
  weightNow: (weight: string) => string;
  notWeighed: string;
  driverWeight: string;
  safetyWeight: string;

  weightsTitle: string;
  weightsCaption: string;
  weight: Record<Weight, string>;
  weightGroup: (dimension: string) => string;
  weighed: (n: number, total: number) => string;
  presetsLabel: string;
  preset: Record<PresetKey, string>;
  presetNote: Record<PresetKey, string>;
  clear: string;

  prioritiesTitle: string;
  testFirstTitle: string;
  topUp: string;
  tooMany: (n: number) => string;
  empty: string;
  niceTitle: string;
  noneTitle: string;
  unsetTitle: string;
  safetyAlways: string;
  listJoin: string;
}

const zhFramework: FrameworkStrings = {
  caption:
    "最上层是产品层面的维度，下面是支撑它们的驱动因素，旁边是决定能不能上线的安全与合规。点开任意一项看它问什么、怎么测；再按你的产品给每个维度定权重。",
  diagramLabel: "评估框架图",
  diagramHint: "点开任意一项，看它的含义、测法和相关基准。",
  layer: { product: "产品层面的维度", driver: "驱动因素：能力从哪里来", safety: "安全与合规" },
  layerNote: {
    product: "按产品定权重",
    driver: "解释为什么强、为什么弱，不代替实测",
    safety: "过不了，就不上线",
  },
  supports: "支撑上面每一项",
  veto: "一票否决",
  gate: "三项都过关，才能上线",
  name: {
    language: "语言理解（含中文）",
    reasoning: "推理能力",
    factual: "事实准确性",
    generation: "生成质量",
    context: "上下文长度",
    speed: "速度与成本",
    robustness: "鲁棒性",
    humanlike: "拟人程度",
    multimodal: "多模态能力",
    parameters: "参数量",
    data: "数据的数量与质量",
    training: "训练方法",
    content: "内容安全",
    bias: "偏见与伦理",
    privacy: "隐私与版权",
  },
  sub: {
    language: "口语、长句、黑话，中英文",
    reasoning: "多步计算、逻辑、按规则办事",
    factual: "幻觉率、识破错误前提",
    generation: "多样、专业、创造、时效",
    context: "读多长，读长了准不准",
    speed: "首词元延迟、吞吐、价格",
    robustness: "换说法、错别字、无关内容",
    humanlike: "语气、人设、少拒绝",
    multimodal: "图片、截图、语音",
    parameters: "能装下多少规律",
    data: "读了多少，读的是什么",
    training: "预训练、微调、对齐",
    content: "有害内容、越狱",
    bias: "对不同人群区别对待",
    privacy: "个人信息、照搬原文、数据存放",
  },
  detailLabels: {
    product: { ask: "问的是什么", how: "怎么测（举例）" },
    driver: { ask: "它管什么", how: "在产品工作里怎么用" },
    safety: { ask: "要查什么", how: "怎么测" },
  },
  ask: {
    language: "能否读懂口语、长句、行业黑话；中文和英文是否一样好。",
    reasoning: "多步计算、逻辑推断、按规则办事。",
    factual: "说的对不对（幻觉率），能否识破问题里的错误前提。",
    generation: "多样性、专业性、创造性、时效性（知不知道近期的事）。",
    context: "一次能读多少词元，读长了还准不准。",
    speed: "首词元延迟、每秒输出多少词元、每百万词元的价格。",
    robustness: "换个说法、加错别字、加无关内容，表现稳不稳。",
    humanlike: "语气是否自然、人设是否前后一致、会不会动不动就拒绝。",
    multimodal: "能否读图片、表格截图、语音，能否输出图像或语音。",
    parameters:
      "模型能“装下”多少规律。参数多，通常知识更广、推理更强，但每生成一个词元的计算量也更大，部署更贵（第 2、6 课）。",
    data: "模型读过多少文本，读的是什么。没读过的语言、领域和时间段，它就不擅长；读了大量低质量文本，它也会学会低质量的写法（第 7、9 课）。",
    training:
      "预训练读了多久、怎么设置，以及之后的监督微调和偏好对齐（第 7、8 课）。对齐做得好不好，决定了它会不会听指令、会不会说“不知道”、会不会拒绝有害请求。",
    content: "会不会生成违法、暴力、色情、自我伤害、危险操作指导之类的有害内容；用户故意诱导（“越狱”，第 11 课）时还守不守得住。",
    bias: "对不同性别、地域、民族、年龄的人是否区别对待。招聘、信贷、医疗这类关系到重大决定的场景尤其要查。",
    privacy: "会不会把训练数据里的个人信息原样说出来；会不会大段照搬受版权保护的文字或代码；用户输入会不会被拿去训练，数据存放在哪里。",
  },
  how: {
    language: "用真实用户的原话提问，中英文各准备一份。",
    reasoning: "准备有唯一正确答案的题，既看结论也看步骤。",
    factual: "答案已知的题加故意写错前提的题，统计编造的比例。",
    generation: "请人按评分表打分，最好盲评。",
    context: "把关键信息埋在长文档的不同位置，再提问。",
    speed: "用真实长度的请求压测，按预计调用量算月账单。",
    robustness: "同一道题改写成几种问法，同一种问法多跑几次。",
    humanlike: "多轮试用，请目标用户评价。",
    multimodal: "用产品里真会出现的图片和录音来测。",
    parameters:
      "闭源模型多半不公开参数量，可以问供应商大致的规模档次，再拿延迟和价格旁证。别把参数量当分数：较小的模型多读数据，可以胜过较大的模型（第 2 课）。",
    data: "问供应商：训练数据截止到什么时候？中文数据大致占多少？有没有针对你的行业做过训练？这些答案往往比一个总分更能预测它在你的场景里表现如何。",
    training:
      "用它读懂现象：一个模型知识面很广，却总不按要求的格式回答，更可能是指令微调和对齐的问题，而不是规模问题。该改提示词或做微调，而不是急着换更大的模型。",
    content: "红队测试：请专人或专门的工具想方设法让模型出错，记录成功了多少次。要在你自己的场景、用你自己的提示词来测。",
    bias: "准备成对的测试题，只替换其中的人群信息，比较回答有没有系统性的差别。",
    privacy:
      "试着引它说出个人信息，检查输出里有没有大段原文；请供应商书面说明数据政策和存放地点，再对照当地法规，比如《生成式人工智能服务管理暂行办法》、欧盟《人工智能法》，具体以法务意见为准。",
  },
  caveat: {
    language: "这几个基准考的是各学科的知识和做题，能说明它懂不懂中文语境里的知识，说明不了它听不听得懂你的用户说话。",
    reasoning: "GSM8K 分数高，说明会做小学应用题，不说明会做财务分析。产品要写代码，再看 HumanEval。",
    factual: "这一课后面的“错误前提测试”会现场试一试这种测法。",
    generation: "时效性没有榜单可查：直接问供应商训练数据截止到什么时候，再拿近期的事考它。",
    context: "宣传的窗口长度，不等于用得好的长度（第 11 课）。",
    humanlike: "榜单上投票的人不是你的用户；他们喜欢的语气，你的用户未必喜欢。",
    multimodal: "公开基准里的图，很少像你的用户拍的照片、截的图。",
    bias: "BBQ 是英文题，按美国的社会语境设计；中文产品要自己准备成对的题。",
  },
  noBenchmark: {
    speed: "没有合适的公开基准：延迟和价格取决于部署方式、地区和调用量，只能用你自己的请求来测。",
    robustness: "常见的公开基准每道题只有一种问法，测不出这一项；把你自己的评测集改写几种说法来测。",
    parameters: "驱动因素没有榜单可查：它们解释分数为什么高、为什么低，不代替在你自己的任务上实测。",
    data: "驱动因素没有榜单可查：它们解释分数为什么高、为什么低，不代替在你自己的任务上实测。",
    training: "驱动因素没有榜单可查：它们解释分数为什么高、为什么低，不代替在你自己的任务上实测。",
    content: "公开的安全评测只能说明一般情况；你的用户会怎么诱导它，要在你的场景里自己做红队测试。",
    privacy:
      "研究者只靠正常提问，就从 GPT-2 里提取出了训练数据的原文，其中有真实的姓名、电话和电子邮件地址，而且越大的模型越容易被提取（Carlini et al. 2021）。",
  },
  benchmarksTitle: "相关的公开基准（只适合初筛）",
  benchmark: {
    mmlu: "英文多学科选择题，57 个科目。",
    ceval: "中文选择题，52 个学科，分初中、高中、大学、职业四个难度。",
    cmmlu: "中文多学科选择题，67 个主题，不少题只有放在中国的语境里才有标准答案。",
    gsm8k: "约 8500 道小学数学应用题，每道要算 2 到 8 步。",
    humaneval: "164 道 Python 编程题，用单元测试检查代码能不能跑通。",
    truthfulqa: "817 道题、38 个类别，专门拿人们常信以为真的错误说法出题。2021 年的测试里，最好的模型 58% 的题答得真实，人类是 94%。",
    arena: "用户随意提问，两个匿名模型各答一份，用户投票，再把大量两两对比换算成排名。它反映的是更喜欢哪个，喜欢不等于正确。",
    mtbench: "80 道多轮对话题，由强模型（如 GPT-4）当评委打分。评委偏向排在前面的、更长的、和自己风格相近的回答。",
    needle: "“大海捞针”：把一句关键的话藏进很长的文本，换不同的位置和长度，看模型能不能找出来。",
    lostMiddle: "Liu et al. 2023：关键信息在开头或结尾时答得最好，埋在中间时准确率明显下降。",
    ruler: "在“捞针”之上加了更难的任务（多根针、多跳追踪、汇总统计），长度可调。不少模型远没到宣传的窗口长度就掉分了。",
    mmmu: "大学程度的多学科题，每道都配有图表、示意图、地图、表格之类的图片。",
    bbq: "英文问答题，检查模型在年龄、性别、国籍等九类社会属性上有没有刻板印象。",
  },
  detailHint: "点开图里的任意一项，这里会显示它问的是什么、怎么测，以及相关的公开基准。",
  close: "收起",
  weightNow: (w) => `你的权重：${w}`,
  notWeighed: "还没定权重，在下面设置。",
  driverWeight: "驱动因素不定权重：它们用来解释现象、向供应商提问。",
  safetyWeight: "安全与合规不参与权重：无论什么产品，都按一票否决对待。",

  weightsTitle: "按你的产品定权重",
  weightsCaption: "想一个你负责或熟悉的产品，或者先选一个示例，再逐项调整。再点一次已选的权重可以取消。",
  weight: { must: "必须达标", nice: "加分项", none: "不重要" },
  weightGroup: (d) => `${d}的权重`,
  weighed: (n, total) => `已定 ${n}/${total} 项`,
  presetsLabel: "示例产品：",
  preset: {
    knowledgeBase: "企业内部知识库问答",
    productCopy: "电商商品文案生成",
    childrenStories: "儿童故事生成",
    insuranceClaims: "保险理赔问答",
  },
  presetNote: {
    knowledgeBase: "员工用自己的话问长文档里的事；编出一条不存在的制度，比说“不知道”糟糕得多。",
    productCopy: "成千上万个商品，要写得顺、写得多样，又快又便宜；卖点要来自商品资料，不能编。",
    childrenStories: "看重想象力和温暖、前后一致的语气；内容安全在这里是最要紧的一票否决。",
    insuranceClaims: "把保单条款用到客户的具体情况上：要准，要按规则办，怎么问都答得一样。",
  },
  clear: "清空",

  prioritiesTitle: "你的优先级",
  testFirstTitle: "先测这几项，也最值得花钱测",
  topUp: "必须达标的不到三项，用加分项补上。",
  tooMany: (n) => `你把 ${n} 项都定成了必须达标。样样都必须，等于没有重点：试着只留三项。`,
  empty: "还没有定权重。先选一个示例产品，或者在上面逐项设置。",
  niceTitle: "加分项",
  noneTitle: "不重要",
  unsetTitle: "还没定",
  safetyAlways: "无论什么产品，安全与合规（内容安全、偏见与伦理、隐私与版权）都要在上线前测完，按一票否决对待。",
  listJoin: "、",
};

const enFramework: FrameworkStrings = {
  caption:
    "At the top, the product-level dimensions; below them, the drivers that support them; beside them, the safety and compliance that decide whether a model may launch. Open any box to see what it asks and how to test it, then weigh each dimension for your product.",
  diagramLabel: "The evaluation framework",
  diagramHint: "Open any box for its meaning, how to test it, and related benchmarks.",
  layer: { product: "Product-level dimensions", driver: "Drivers: where ability comes from", safety: "Safety and compliance" },
  layerNote: {
    product: "Weighted per product",
    driver: "Explain why; do not replace measurement",
    safety: "Fail it and it does not launch",
  },
  supports: "support every dimension above",
  veto: "Veto",
  gate: "Pass all three before launch",
  name: {
    language: "Language understanding (incl. Chinese)",
    reasoning: "Reasoning",
    factual: "Factual accuracy",
    generation: "Generation quality",
    context: "Context length",
    speed: "Speed and cost",
    robustness: "Robustness",
    humanlike: "Human-likeness",
    multimodal: "Multimodal ability",
    parameters: "Parameters",
    data: "Data amount and quality",
    training: "Training methods",
    content: "Content safety",
    bias: "Bias and ethics",
    privacy: "Privacy and copyright",
  },
  sub: {
    language: "casual speech, jargon, Chinese and English",
    reasoning: "multi-step, logic, rules",
    factual: "hallucinations, false premises",
    generation: "variety, expertise, creativity, freshness",
    context: "how long, and accurate when long",
    speed: "first token, throughput, price",
    robustness: "rewording, typos, noise",
    humanlike: "tone, persona, few refusals",
    multimodal: "images, screenshots, speech",
    parameters: "how many patterns it holds",
    data: "how much it read, and what",
    training: "pre-training, fine-tuning, alignment",
    content: "harmful output, jailbreaks",
    bias: "treating groups differently",
    privacy: "personal data, copying, storage",
  },
  detailLabels: {
    product: { ask: "What it asks", how: "How to test it (examples)" },
    driver: { ask: "What it governs", how: "How to use it in product work" },
    safety: { ask: "What to check", how: "How to test it" },
  },
  ask: {
    language: "Does it follow casual speech, long sentences, industry jargon? Is it as good in Chinese as in English?",
    reasoning: "Multi-step calculation, logical inference, following rules.",
    factual: "Is what it says true (hallucination rate)? Does it spot a false premise in the question?",
    generation: "Diversity, expertise, creativity, freshness (does it know about recent events?).",
    context: "How many tokens it reads at once, and whether it stays accurate over long input.",
    speed: "Time to first token, output tokens per second, price per million tokens.",
    robustness: "Does it hold up when a question is reworded, has typos, or carries irrelevant text?",
    humanlike: "Natural tone, a consistent persona, not refusing at every turn.",
    multimodal: "Can it read images, screenshots of tables, speech? Can it produce images or speech?",
    parameters:
      "How many patterns the model can hold. More parameters usually mean broader knowledge and stronger reasoning, but also more computation per generated token and dearer deployment (lessons 2 and 6).",
    data: "How much text the model has read, and what. Languages, domains and periods it has not read about, it is not good at; read a lot of low-quality text and it learns low-quality writing (lessons 7 and 9).",
    training:
      "How long and how pre-training ran, and the supervised fine-tuning and preference alignment that follow (lessons 7 and 8). How well alignment was done decides whether it follows instructions, says \u201cI don't know\u201d, and refuses harmful requests.",
    content:
      "Does it produce harmful content, such as illegal, violent or sexual material, self-harm content, or instructions for dangerous acts? Does it hold firm when a user deliberately tries to lead it astray (a \u201cjailbreak\u201d, lesson 11)?",
    bias: "Does it treat people differently by gender, region, ethnicity or age? Check this especially where the output feeds weighty decisions such as hiring, lending or health care.",
    privacy:
      "Will it repeat personal information from its training data word for word? Will it copy long stretches of copyrighted text or code? Does the vendor train on users' inputs, and where is the data stored?",
  },
  how: {
    language: "Ask in real users' own words, with one set in Chinese and one in English.",
    reasoning: "Questions with one right answer; check the conclusion and the steps.",
    factual: "Known-answer questions plus questions with deliberately false premises; count the inventions.",
    generation: "People score answers against a rubric, ideally blind.",
    context: "Bury a key fact at different places in a long document, then ask about it.",
    speed: "Load-test with requests of realistic length; work out the monthly bill from expected traffic.",
    robustness: "Rewrite each question several ways; run each version several times.",
    humanlike: "Multi-turn trials rated by target users.",
    multimodal: "Test with the pictures and recordings your product will really see.",
    parameters:
      "Closed models rarely disclose it; ask the vendor for a rough size class, and read latency and price as hints. Do not treat size as a score: a smaller model that reads more data can beat a larger one (lesson 2).",
    data: "Ask the vendor: when does the training data end? Roughly how much of it is Chinese? Has the model been trained for your industry? The answers often predict how it will do for you better than a single overall score.",
    training:
      "Use it to read what you see: a model with broad knowledge that keeps ignoring the format you asked for more likely has an instruction-tuning and alignment problem than a scale problem. Change the prompt or fine-tune before reaching for a bigger model.",
    content:
      "Red teaming: people or dedicated tools try every way they can think of to make the model misbehave, and record how often they succeed. Do it in your own setting, with your own prompts.",
    bias: "Paired test questions that differ only in who they are about; compare the answers for systematic differences.",
    privacy:
      "Try to draw personal information out of it, and check its output for long verbatim copies. Get the vendor's data policy and storage location in writing, and check them against local regulation, such as China's Interim Measures for generative AI services or the EU AI Act, with your legal team.",
  },
  caveat: {
    language:
      "These test subject knowledge and exam technique. They say whether it knows things in a Chinese context, not whether it understands how your users talk.",
    reasoning: "A high GSM8K score means it can do grade-school word problems, not financial analysis. Look at HumanEval if your product writes code.",
    factual: "The false-premise section later in this lesson tries this kind of test live.",
    generation: "No leaderboard covers freshness: ask the vendor when the training data ends, then quiz it on recent events.",
    context: "The advertised window is not the same as a window used well (lesson 11).",
    humanlike: "The people voting on a leaderboard are not your users; the tone they like may not be the tone your users like.",
    multimodal: "The images in public benchmarks rarely look like your users' photos and screenshots.",
    bias: "BBQ is in English and built around US social contexts; for a Chinese product, write your own pairs.",
  },
  noBenchmark: {
    speed: "No public benchmark fits: latency and price depend on the deployment, the region and the traffic, so measure with your own requests.",
    robustness: "Most public benchmarks ask each question one way only and cannot show this; rewrite your own evaluation set several ways instead.",
    parameters: "No leaderboard for this: drivers explain why a score is high or low; they do not replace a test on your own task.",
    data: "No leaderboard for this: drivers explain why a score is high or low; they do not replace a test on your own task.",
    training: "No leaderboard for this: drivers explain why a score is high or low; they do not replace a test on your own task.",
    content: "Public safety results only describe the general case; how your users will try to lead it astray, you find out by red-teaming it in your own setting.",
    privacy:
      "Researchers extracted verbatim training text from GPT-2 with ordinary queries alone, including real names, phone numbers and email addresses, and larger models were easier to extract from (Carlini et al. 2021).",
  },
  benchmarksTitle: "Public benchmarks that touch it (for a first shortlist only)",
  benchmark: {
    mmlu: "English multiple-choice questions across 57 subjects.",
    ceval: "Chinese multiple-choice questions across 52 disciplines, at four levels from middle school to professional.",
    cmmlu: "Chinese multi-subject multiple-choice questions on 67 topics, many of which only have a standard answer in a Chinese context.",
    gsm8k: "About 8,500 grade-school maths word problems, each taking 2 to 8 steps.",
    humaneval: "164 Python programming problems; unit tests check whether the code actually works.",
    truthfulqa:
      "817 questions in 38 categories, built from false beliefs people commonly hold. In the 2021 tests the best model was truthful on 58% of them, humans on 94%.",
    arena:
      "Users ask anything, two anonymous models answer, the user votes, and many such pairs become a ranking. It shows which answer people prefer, and preferred is not the same as correct.",
    mtbench:
      "80 multi-turn questions scored by a strong model (such as GPT-4) as judge. The judge favours answers shown first, longer answers, and answers in its own style.",
    needle: "Hide one key sentence in a long text, at different positions and lengths, and see whether the model can find it.",
    lostMiddle: "Liu et al. 2023: models do best when the key information is at the start or the end, and noticeably worse when it sits in the middle.",
    ruler:
      "Adds harder tasks to the needle test (several needles, multi-hop tracing, aggregation) at adjustable lengths. Many models lose accuracy well before their advertised window.",
    mmmu: "College-level questions across many disciplines, each with images such as charts, diagrams, maps and tables.",
    bbq: "English question-answering items that check for stereotypes across nine social categories, such as age, gender and nationality.",
  },
  detailHint: "Open any box in the diagram and this shows what it asks, how to test it, and the public benchmarks that touch it.",
  close: "Close",
  weightNow: (w) => `Your weight: ${w}`,
  notWeighed: "Not weighed yet; set it below.",
  driverWeight: "Drivers are not weighed: use them to read what you see and to question vendors.",
  safetyWeight: "Safety and compliance are not weighed: whatever the product, they are a veto.",

  weightsTitle: "Weigh the dimensions for your product",
  weightsCaption:
    "Think of a product you own or know well, or start from an example, then adjust. Click a chosen weight again to clear it.",
  weight: { must: "Must meet a bar", nice: "Nice to have", none: "Does not matter" },
  weightGroup: (d) => `Weight of ${d}`,
  weighed: (n, total) => `${n} of ${total} weighed`,
  presetsLabel: "Example products:",
  preset: {
    knowledgeBase: "Internal knowledge-base Q&A",
    productCopy: "Product copy for an online shop",
    childrenStories: "Children's story generation",
    insuranceClaims: "Insurance claims Q&A",
  },
  presetNote: {
    knowledgeBase: "Employees ask in their own words about long documents; an invented policy is far worse than \u201cI don't know\u201d.",
    productCopy: "Thousands of listings: fluent, varied copy, fast and cheap; the selling points come from the product data and must not be invented.",
    childrenStories: "Imagination and a warm, consistent voice come first; here content safety is the veto that matters most.",
    insuranceClaims: "Applying policy terms to a customer's case: correct, by the rules, and the same answer however the question is put.",
  },
  clear: "Clear",

  prioritiesTitle: "Your priorities",
  testFirstTitle: "Test these first; they are most worth paying to test",
  topUp: "Fewer than three must-haves, so nice-to-haves fill the list.",
  tooMany: (n) => `You marked ${n} dimensions as must-haves. If everything is a must, nothing comes first: try keeping three.`,
  empty: "No weights yet. Start from an example product, or weigh the dimensions one by one above.",
  niceTitle: "Nice to have",
  noneTitle: "Does not matter",
  unsetTitle: "Not weighed yet",
  safetyAlways:
    "Whatever the product, safety and compliance (content safety, bias and ethics, privacy and copyright) are tested before launch and treated as a veto.",
  listJoin: ", ",
};

export const frameworkStrings: Record<Lang, FrameworkStrings> = { zh: zhFramework, en: enFramework };

// ===== perplexity =============================================================================

export interface PerplexityStrings {
  caption: string;
  modelsTitle: string;
  modelName: Record<ModelKey, string>;
  modelNote: Record<ModelKey, string>;

  guessTitle: string;
  guessCaption: string;
  guessLow: string;
  guessHigh: string;
  reveal: string;
  revealWithoutGuess: string;
  again: string;
  progress: (done: number, total: number) => string;
  verdict: (which: "low" | "high", guess: string, verdict: Verdict, actual: string) => string;
  noGuess: string;

  failed: (model: string, message: string) => string;
  retry: string;

  panelTitle: Record<Language, string>;
  scale: (max: string) => string;
  colModel: string;
  colPerplexity: string;
  colEntropy: string;
  lowerBetter: string;
  lowest: string;
  highest: string;
  queued: string;
  measuring: string;
  hidden: string;
  notMeasured: string;
  natsUnit: string;
  rowLabel: (model: string, perplexity: string, h: string) => string;

  noCompare: string;
  formula: string;
  sample: (tokens: string) => string;
}

const zhPerplexity: PerplexityStrings = {
  caption: "每个内置模型在中文和英文保留文本上的困惑度，现场测量。四个模型共用一个分词器、测同一份文本，所以同一种语言里的数字可以直接比。",
  modelsTitle: "四个模型",
  modelName: { tiny: "tiny", "tiny-moe": "tiny-moe", "tiny-sft": "tiny-sft", trigram: "三元 n-gram" },
  modelNote: {
    tiny: "稠密模型，约 250 万参数",
    "tiny-moe": "混合专家版本，训练时读的词元少得多（约 350 万个，tiny 读了约 1970 万个）",
    "tiny-sft": "tiny 做过问答微调的版本",
    trigram: "不是神经网络，只数 3 个词元连在一起出现的次数",
  },

  guessTitle: "先猜一猜",
  guessCaption: "在中文保留文本上，哪个模型的困惑度最低？哪个最高？猜好了再揭晓，不猜也可以直接看。",
  guessLow: "中文最低",
  guessHigh: "中文最高",
  reveal: "揭晓",
  revealWithoutGuess: "不猜了，直接看",
  again: "藏起数字，重新猜",
  progress: (done, total) => `已测完 ${done}/${total} 个`,
  verdict: (which, guess, verdict, actual) => {
    const what = which === "low" ? "最低" : "最高";
    if (verdict === "right") return `你猜中文${what}的是 ${guess}：猜对了。`;
    if (verdict === "wrong") return `你猜中文${what}的是 ${guess}；实际${what}的是 ${actual}。`;
    return `你猜中文${what}的是 ${guess}；等四个模型都测完再对答案。`;
  },
  noGuess: "这次没有猜。",

  failed: (model, message) => `${model} 没测出来：${message}`,
  retry: "重试",

  panelTitle: { zh: "中文：唐诗宋词的保留文本", en: "英文：奥斯汀小说的保留文本" },
  scale: (max) => `刻度 0–${max}，只属于这种语言`,
  colModel: "模型",
  colPerplexity: "困惑度",
  colEntropy: "交叉熵 H",
  lowerBetter: "越低越好",
  lowest: "最低",
  highest: "最高",
  queued: "排队中",
  measuring: "测量中…",
  hidden: "等揭晓",
  notMeasured: "没测出来",
  natsUnit: "奈特",
  rowLabel: (model, p, h) => `${model}：困惑度 ${p}，交叉熵 ${h} 奈特`,

  noCompare:
    "两种语言各用各的刻度，不能互相比较。我们的分词器在古诗上平均每个字符约 0.97 个词元，在奥斯汀的英文上约 0.28 个；一个中文词元和一个英文词元装的内容完全不同，这是两场不同的考试。",
  formula: "困惑度 = e^H。H 是每个词元的平均交叉熵，也就是平均的“意外程度” −ln p，单位是奈特。",
  sample: (tokens) =>
    `这里在每种语言 ${tokens} 个保留词元上现场测量；模型卡（models/*/README.md）用的是全部验证词元，所以两边的数字会略有不同。`,
};

const enPerplexity: PerplexityStrings = {
  caption:
    "Every bundled model's perplexity on the Chinese and the English held-out text, measured live. All four share one tokenizer and see the same text, so numbers within one language can be compared directly.",
  modelsTitle: "The four models",
  modelName: { tiny: "tiny", "tiny-moe": "tiny-moe", "tiny-sft": "tiny-sft", trigram: "trigram n-gram" },
  modelNote: {
    tiny: "Dense model, about 2.5 million parameters",
    "tiny-moe": "Mixture-of-experts version, trained on far fewer tokens (about 3.5 million, against tiny's 19.7 million)",
    "tiny-sft": "tiny after question-and-answer fine-tuning",
    trigram: "Not a neural network: counts how often each 3-token sequence occurs",
  },

  guessTitle: "Guess first",
  guessCaption:
    "On the Chinese held-out text, which model has the lowest perplexity, and which the highest? Make your guess, then show the numbers; or skip the guess and just look.",
  guessLow: "Lowest on Chinese",
  guessHigh: "Highest on Chinese",
  reveal: "Show the numbers",
  revealWithoutGuess: "Skip the guess and show",
  again: "Hide the numbers and guess again",
  progress: (done, total) => `${done} of ${total} measured`,
  verdict: (which, guess, verdict, actual) => {
    const what = which === "low" ? "lowest" : "highest";
    if (verdict === "right") return `You guessed ${guess} ${what} on Chinese: right.`;
    if (verdict === "wrong") return `You guessed ${guess} ${what} on Chinese; the ${what} is ${actual}.`;
    return `You guessed ${guess} ${what} on Chinese; the answer comes once all four are measured.`;
  },
  noGuess: "No guess this time.",

  failed: (model, message) => `Could not measure ${model}: ${message}`,
  retry: "Retry",

  panelTitle: { zh: "Chinese: held-out Tang poems and Song ci", en: "English: held-out Austen novels" },
  scale: (max) => `Scale 0–${max}, for this language only`,
  colModel: "Model",
  colPerplexity: "Perplexity",
  colEntropy: "Cross-entropy H",
  lowerBetter: "lower is better",
  lowest: "lowest",
  highest: "highest",
  queued: "Waiting",
  measuring: "Measuring…",
  hidden: "Hidden",
  notMeasured: "Not measured",
  natsUnit: "nats",
  rowLabel: (model, p, h) => `${model}: perplexity ${p}, cross-entropy ${h} nats`,

  noCompare:
    "Each language has its own scale, and the two cannot be compared. Our tokenizer uses about 0.97 tokens per character on the poems and about 0.28 on Austen's English; a Chinese token and an English token carry very different amounts of text, so these are two different exams.",
  formula: "Perplexity = e^H, where H is the average cross-entropy per token: the average surprise, −ln p, in nats.",
  sample: (tokens) =>
    `Measured live on ${tokens} held-out tokens per language; the model cards (models/*/README.md) use every validation token, so their numbers differ slightly.`,
};

export const perplexityStrings: Record<Lang, PerplexityStrings> = { zh: zhPerplexity, en: enPerplexity };
