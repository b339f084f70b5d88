import type { LabStrings } from "./strings";

export const labZh: LabStrings = {
  help: "怎么看这张图",
  close: "关闭",
  dismiss: "知道了",
  exportTitle: "保存这张图，放进幻灯片",
  exportFailed: (message: string) => `图片没能保存：${message}`,

  modelTitle: "模型",
  modelCaption: "由哪个小型 GPT 来写。所有模型都在这台电脑上运行。",
  modelHelp:
    "每个模型都是为这门课训练的小型 GPT。参数就是它学到的数字；混合专家（MoE）模型的参数总数比它处理每个 token 时实际用到的多。切换模型会保留你的提示词，文字从头再来。",
  modelLoading: "正在加载模型…",
  modelUnavailable: (reason: string) => `无法使用：${reason}`,
  parameters: (total: string) => `${total}参数`,
  activeParameters: (active: string) => `每个 token 用到 ${active}`,
  contextSize: (tokens: number) => `最多读 ${tokens} 个 token`,
  backend: (name, why) => (why ? `运行于 ${name}：${why}` : `运行于 ${name}`),
  backendReason: (reason, adapter) => {
    switch (reason) {
      case "hardwareGpu":
        return `这台电脑有显卡（${adapter ?? "GPU"}），由我们自己写的 GPU 着色器计算`;
      case "softwareAdapterOnly":
        return `这台电脑只有用 CPU 模拟的显卡（${adapter ?? "软件"}），直接用 CPU 计算更快`;
      case "noAdapter":
        return "没有找到显卡，用 CPU 计算";
      case "setting":
        return "按设置选择";
      case "environment":
        return "按环境变量 GLASSBOX_BACKEND 选择";
      case "gpuFailed":
        return "GPU 引擎没能启动，改用 CPU：结果一样，只是慢一些";
    }
  },
  noModels: "没能列出任何模型。",
  retry: "重试",

  promptLabel: "提示词",
  promptPlaceholder: "写下一段文字的开头，模型会接着写。",
  defaultPrompt: "春眠不觉晓，",
  promptHint: "Ctrl+Enter 走一步。",
  step: "走一步",
  play: "播放",
  pause: "暂停",
  reset: "重来",
  speed: "速度",
  perSecond: (n: number) => `每秒 ${n} 个`,
  working: "计算中…",
  playing: "播放中…",

  emptyPrompt: "请先输入提示词：模型需要一段文字才能接着写。",
  droppedTokens: (dropped: number, kept: number) =>
    `文字超出了模型能读的长度（还要留出续写的位置）：开头的 ${dropped} 个 token 被舍弃，只保留最后 ${kept} 个。`,
  controlChars: (removed: number) => `已删除 ${removed} 个看不见的控制字符（多半来自粘贴），模型读不了它们。`,
  contextFull: (context: number) =>
    `上下文已满（${context} 个 token）：模型读不下更多了。请点“重来”，或回到之前的分支。`,
  modelSwitched: (name: string) => `已切换到 ${name}。提示词保留着，点“走一步”重新开始。`,
  finished: "已停止：模型写完了这段文字。",

  textTitle: "目前的文字",
  textCaption: "灰色是你的提示词；每个带颜色的小块都是模型写的，一次一个 token。",
  textHelp:
    "灰色文字是你的提示词。后面每个带颜色的小块都是模型选出的一个 token；把鼠标停在上面，可以看到它是怎么选出来的、模型给了它多大概率。虚线框表示这个 token 是你点候选强制选的。右上角的计数显示模型的上下文（一次能读的长度）用了多少。",
  legendPrompt: "你的提示词",
  legendGenerated: "模型写的",
  legendForced: "你选的",
  contextUsage: (used: number, total: number) => `上下文 ${used} / ${total} 个 token`,
  nothingYet: "点“走一步”，模型就写出一个 token。",
  choiceGreedy: "贪心（取最可能的）",
  choiceSampled: "随机抽样",
  choiceForced: "由你指定",
  generatedTitle: (text: string, id: number, how: string, probability: string) =>
    `“${text}” · 编号 ${id} · ${how} · 模型给它的概率 ${probability}`,

  tokensTitle: "分词结果",
  tokensCaption: "模型眼中的文字：一串 token，每个都是词表里的一个编号。",
  tokensHelp:
    "分词器把文字切成词表里现成的小块，模型看到的只是这些小块的编号（鼠标悬停可见）。同一个 token 在哪里都是同一种颜色。常见的词是一个 token，少见的词会被切成几块。一个汉字占 3 个字节，虚线框的小块只装了其中几个字节：分词器按字节工作，不按字。token 数决定了费用，也决定了上下文能装下多少内容。",
  counts: (characters: number, bytes: number, tokens: number) => `${characters} 个字符 · ${bytes} 个字节 · ${tokens} 个 token`,
  perToken: (characters: string) => `平均每个 token ≈ ${characters} 个字符`,
  legendPartial: "虚线框：半个字符（原始字节）",
  legendSpecial: "深色：控制 token，不是文字",
  moreTokens: (n: number) => `还有 ${n} 个`,
  showIds: "显示编号",
  tokenTooltip: (id: number, bytes: string) => `编号 ${id} · 字节 ${bytes}`,
  partialPiece: "半个字符",
  specialToken: "控制 token",
  noTokens: "输入一些文字，就能看到它的 token。",

  compareTitle: "同一个意思，两种语言",
  compareCaption: "同一句话的中文和英文，用同一个分词器来切。",
  compareHelp:
    "两句话意思相同。数一数 token：分词器训练时见得多的语言，表达同样的意思用的 token 更少；token 少，费用就低，上下文里也能放下更多内容。两句话都可以改，试试你自己的句子。",
  exampleZh: "今天天气很好，我们去公园散步吧。",
  exampleEn: "The weather is nice today, let's go for a walk in the park.",
  chinese: "中文",
  english: "英文",
  compareCounts: (characters: number, tokens: number) => `${characters} 个字符 → ${tokens} 个 token`,
  compareSummary: (zhTokens: number, enTokens: number) => `同一个意思：中文 ${zhTokens} 个 token，英文 ${enTokens} 个。`,

  loopTitle: "生成循环",
  loopCaption: "每个新 token 都走同样的五步；亮起的一步就是正在发生的。",
  loopHelp:
    "GPT 做的事情就这么多：把文字切成 token，让每个 token 回头看前面的 token（注意力），算出词表里每个 token 作为下一个的概率，选出一个，把它接到文字末尾，然后重复。它从不预先规划整句话；每个 token 都是根据前面所有内容单独选出来的。",
  stageTokenize: "分词",
  stageAttention: "注意力",
  stageProbabilities: "概率",
  stageChoose: "选择",
  stageAppend: "追加",
  repeat: "重复",
  nowStage: (stage: string) => `当前：${stage}`,
  loopTokens: (n: number) => `${n} 个 token`,
  loopLayers: (layers: number, heads: number) => `${layers} 层 × ${heads} 个头`,
  loopVocab: (n: string) => `覆盖 ${n} 个 token`,
  loopPosition: (n: number) => `第 ${n} 个 token`,

  candidatesTitle: "下一个 token 的候选",
  candidatesCaption: "这一步最可能的几个 token 和它们的概率；✓ 标出被选中的那个。",
  candidatesHelp:
    "模型给词表里的每个 token 都算了一个概率，这里列出最可能的几个。灰色条是模型自己的看法；蓝色条是实际抽签时用的分布，已经被温度、top-k 和 top-p 调整过。点任何一个候选，就改用它：文字从这里重新写下去，之后可以在“分支”里回来。“有多确定”表示概率分布有多分散。",
  showTop: "显示前",
  before: "模型原始（温度 1）",
  after: "经温度、top-k、top-p 调整后",
  chosen: "选中",
  forceHint: (token: string) => `改选“${token}”，并从这里接着写`,
  outsideTop: "选中的不在这份名单里",
  coverage: (shown: number, share: string, rest: string) => `这 ${shown} 个 token 占了 ${share} 的概率；其余 ${rest} 个分剩下的。`,
  noStep: "还没有走过一步。点“走一步”，看看模型在考虑哪些 token。",

  sureTitle: "有多确定",
  effectiveChoices: (n: string) => `相当于在 ${n} 个同样可能的 token 里挑一个`,
  entropyValue: (nats: string) => `熵 ${nats} 奈特`,
  sureVery: "非常确定",
  sureFairly: "比较确定",
  sureNot: "不太确定",
  sureNotAtAll: "很不确定",
  gaugeSure: "确定",
  gaugeUnsure: "不确定",

  samplingTitle: "采样设置",
  samplingCaption: "怎样从概率里挑出下一个 token。",
  samplingHelp:
    "贪心：永远取最可能的 token，同样的提示词总是写出同样的文字。否则就按概率随机抽一个。温度低于 1，让可能的更可能（稳妥但平淡）；高于 1，让概率更平均（更出人意料，也更容易出错）。top-k 只保留最可能的 k 个；top-p 从最可能的开始保留，直到概率加起来达到 p。种子固定了随机抽签：种子相同，文字相同。",
  greedy: "贪心",
  greedyHint: "永远取最可能的 token",
  temperature: "温度",
  temperatureHint: "低于 1 更集中，高于 1 更分散",
  topK: "top-k",
  topKHint: "只保留最可能的 k 个",
  topP: "top-p",
  topPHint: "保留最可能的，直到总概率达到 p",
  off: "关",
  seed: "种子",
  seedHint: "种子相同，抽签结果相同",
  newSeed: "换个种子",
  appliesNextStep: "从下一个 token 起生效。",

  attentionTitle: "注意力",
  attentionCaption: "每个 token 在看哪里：所有层和头的小图，外加放大的一个头。越亮表示注意力越多。",
  attentionHelp:
    "每一行是一个正在“回头看”的 token，每一列是被看的 token；一行的权重加起来是 100%。灰色三角被遮住了：一个 token 永远看不到它后面的 token。每一层有好几个头，各自学会找不同的东西（前一个 token、开头、相配的词）。带框的一行是最新的 token。点小图可以放大；鼠标停在格子上可以读出权重。",
  layerLabel: (layer: number) => `第 ${layer} 层`,
  headLabel: (head: number) => `头 ${head}`,
  layerHead: (layer: number, head: number) => `第 ${layer} 层 · 头 ${head}`,
  masked: "灰色：被遮住，token 看不到后面的 token",
  hoverHint: "鼠标停在格子上，就能读出数值。",
  cellReadout: (query: string, queryPos: number, key: string, keyPos: number, weight: string) =>
    `“${query}”（第 ${queryPos} 个）把 ${weight} 的注意力给了“${key}”（第 ${keyPos} 个）`,
  maskedReadout: (query: string, key: string) => `“${query}”看不到“${key}”：它在后面。`,
  zoomLast: (n: number) => `最后 ${n} 个 token`,
  zoomAll: "全部文字",
  newestRow: (token: string) => `最新的 token“${token}”最关注：`,
  axisQuery: "正在看的 token",
  axisKey: "被看的 token",
  scaleLabel: "注意力权重",
  noAttention: "点“走一步”，就能看到注意力。",

  moeTitle: "混合专家路由",
  moeCaption: "每一层都把每个 token 交给其中几个专家；颜色和编号说明是哪几个。",
  moeHelp:
    "混合专家（MoE）模型的每一层都有好几个前馈网络（专家），还有一个路由器为每个 token 挑出最合适的几个。行是层，列是 token；每个格子按门控权重（每个被选中的专家占多少分量）分开，里面写着专家编号。鼠标停在格子上可以看到准确的权重。负载条显示每个专家分到的工作量；均衡的路由会让它们都靠近虚线。",
  expertLabel: (expert: number) => `专家 ${expert}`,
  moeCell: (layer: number, token: string, experts: string) => `第 ${layer} 层 · “${token}”：${experts}`,
  expertGate: (expert: number, gate: string) => `专家 ${expert} ${gate}`,
  loadTitle: "专家负载：各自分到的工作量",
  balanced: "虚线：平均分配时的份额",

  branchesTitle: "分支",
  branchesCaption: "你改选过的每个 token，以及模型原来的选择。点一下就能回去。",
  branchesHelp:
    "点一个候选，文字就从那里改写：这是一个新分支。这里每一条都是这样一个分叉点，写着模型原来的选择和你的选择。点它，文字回到当时的样子（保留模型原来的 token），你可以再试别的。",
  branchPoint: (position: number, from: string, to: string) => `第 ${position} 个 token：“${from}” → “${to}”`,
  branchAt: (position: number) => `第 ${position} 个 token：`,
  goBack: "回到这里",
  noBranches: "还没有分支：点一个不是“选中”的候选试试。",
};
