import type { LabStrings } from "./strings";

export const labEn: LabStrings = {
  help: "How to read this",
  close: "Close",
  dismiss: "Dismiss",
  exportTitle: "Save this panel for slides",
  exportFailed: (message: string) => `Could not save the picture: ${message}`,

  modelTitle: "Model",
  modelCaption: "Which small GPT writes. Every model runs on this computer.",
  modelHelp:
    "Each model is a small GPT trained for this course. Parameters are the numbers it learned; a mixture-of-experts model has more in total than it uses for any one token. Switching models keeps your prompt and starts the text again.",
  modelLoading: "Loading the model…",
  modelUnavailable: (reason: string) => `Unavailable: ${reason}`,
  parameters: (total: string) => `${total} parameters`,
  activeParameters: (active: string) => `${active} used per token`,
  contextSize: (tokens: number) => `reads up to ${tokens} tokens`,
  backend: (name, why) => (why ? `runs on ${name}: ${why}` : `runs on ${name}`),
  backendReason: (reason, adapter) => {
    switch (reason) {
      case "hardwareGpu":
        return `this computer has a GPU (${adapter ?? "GPU"}), so our own GPU shaders do the maths`;
      case "softwareAdapterOnly":
        return `the only GPU here is emulated on the CPU (${adapter ?? "software"}), so the CPU engine is faster`;
      case "noAdapter":
        return "no GPU was found, so the CPU does the maths";
      case "setting":
        return "chosen in the settings";
      case "environment":
        return "chosen by the GLASSBOX_BACKEND environment variable";
      case "gpuFailed":
        return "the GPU engine could not start, so the CPU runs instead: same results, only slower";
    }
  },
  noModels: "No model could be listed.",
  retry: "Try again",

  promptLabel: "Prompt",
  promptPlaceholder: "Type the beginning of a text; the model continues it.",
  defaultPrompt: "It was a bright cold day in April, and",
  promptHint: "Ctrl+Enter takes one step.",
  step: "Step",
  play: "Play",
  pause: "Pause",
  reset: "Reset",
  speed: "Speed",
  perSecond: (n: number) => `${n} tokens/s`,
  working: "Working…",
  playing: "Playing…",

  emptyPrompt: "Type a prompt first: the model needs some text to continue.",
  droppedTokens: (dropped: number, kept: number) =>
    `The text is longer than the model can read while leaving room to write: its first ${dropped} tokens were dropped and the last ${kept} kept.`,
  controlChars: (removed: number) =>
    `Removed ${removed} invisible control character${removed === 1 ? "" : "s"} (from a paste) that the model cannot read.`,
  contextFull: (context: number) =>
    `The context is full (${context} tokens): the model cannot read any further. Reset, or go back to an earlier branch.`,
  modelSwitched: (name: string) => `Switched to ${name}. Your prompt is kept; press Step to start again.`,
  finished: "Stopped: the model has finished this text.",

  textTitle: "The text so far",
  textCaption: "Your prompt in grey; each coloured piece was written by the model, one token at a time.",
  textHelp:
    "Grey text is your prompt. Every coloured piece after it is one token the model chose; hover it to see how it was chosen and how likely the model thought it was. A dashed outline means you forced that token by clicking a candidate. The counter shows how much of the model's context (what it can read at once) is used.",
  legendPrompt: "your prompt",
  legendGenerated: "written by the model",
  legendForced: "chosen by you",
  contextUsage: (used: number, total: number) => `${used} / ${total} tokens of context`,
  nothingYet: "Press Step and the model writes one token.",
  choiceGreedy: "greedy (most likely)",
  choiceSampled: "sampled",
  choiceForced: "forced by you",
  generatedTitle: (text: string, id: number, how: string, probability: string) =>
    `“${text}” · id ${id} · ${how} · the model gave it ${probability}`,

  tokensTitle: "Tokens",
  tokensCaption: "The text as the model reads it: a row of tokens, each a number in its vocabulary.",
  tokensHelp:
    "A tokenizer cuts text into pieces from a fixed vocabulary; the model only ever sees their numbers (ids, on hover). The same token always has the same colour. Common words are one token; rare words split into several. A Chinese character is three bytes, and a piece with a dashed border holds only some of them: the tokenizer works on bytes, not characters. Token counts decide cost and how much fits in the context.",
  counts: (characters: number, bytes: number, tokens: number) =>
    `${characters} characters · ${bytes} bytes · ${tokens} tokens`,
  perToken: (characters: string) => `≈ ${characters} characters per token`,
  legendPartial: "dashed: part of a character (raw bytes)",
  legendSpecial: "dark: a control token, not text",
  moreTokens: (n: number) => `+${n} more`,
  showIds: "Show ids",
  tokenTooltip: (id: number, bytes: string) => `id ${id} · bytes ${bytes}`,
  partialPiece: "part of a character",
  specialToken: "control token",
  noTokens: "Type something to see its tokens.",

  compareTitle: "Same meaning, two languages",
  compareCaption: "One sentence in Chinese and in English, cut by the same tokenizer.",
  compareHelp:
    "Both sentences say the same thing. Count the tokens: the language the tokenizer saw more of in training needs fewer tokens for the same meaning, and fewer tokens means lower cost and more text in the context. Edit either sentence to try your own.",
  exampleZh: "今天天气很好，我们去公园散步吧。",
  exampleEn: "The weather is nice today, let's go for a walk in the park.",
  chinese: "Chinese",
  english: "English",
  compareCounts: (characters: number, tokens: number) => `${characters} characters → ${tokens} tokens`,
  compareSummary: (zhTokens: number, enTokens: number) =>
    `Same meaning: ${zhTokens} tokens in Chinese, ${enTokens} in English.`,

  loopTitle: "The loop",
  loopCaption: "Every new token goes through the same five steps; the lit step is happening now.",
  loopHelp:
    "This is all a GPT does: cut the text into tokens, let every token look at the ones before it (attention), turn that into a probability for every token in the vocabulary, choose one, append it to the text — and repeat. It never plans the sentence; each token is chosen on its own, from everything before it.",
  stageTokenize: "Tokenize",
  stageAttention: "Attention",
  stageProbabilities: "Probabilities",
  stageChoose: "Choose",
  stageAppend: "Append",
  repeat: "repeat",
  nowStage: (stage: string) => `Now: ${stage}`,
  loopTokens: (n: number) => `${n} tokens`,
  loopLayers: (layers: number, heads: number) => `${layers} layers × ${heads} heads`,
  loopVocab: (n: string) => `over ${n} tokens`,
  loopPosition: (n: number) => `token ${n}`,

  candidatesTitle: "Next-token candidates",
  candidatesCaption: "The most likely tokens for this step, with probabilities; ✓ marks the one chosen.",
  candidatesHelp:
    "The model gives every token in its vocabulary a probability; these are the most likely. The grey bar is the model's own view. The blue bar is what the draw actually used, after temperature, top-k and top-p reshaped it. Click any candidate to force it instead: the text is rewritten from that point and you can go back under Branches. How sure shows how spread out the probabilities are.",
  showTop: "Show top",
  before: "model (temperature 1)",
  after: "after temperature, top-k, top-p",
  chosen: "chosen",
  forceHint: (token: string) => `Choose “${token}” here instead and continue from it`,
  outsideTop: "chosen from outside this list",
  coverage: (shown: number, share: string, rest: string) =>
    `These ${shown} tokens hold ${share} of the probability; the other ${rest} share the rest.`,
  noStep: "No step yet. Press Step to see what the model considers.",

  sureTitle: "How sure",
  effectiveChoices: (n: string) => `as unsure as picking among ${n} equally likely tokens`,
  entropyValue: (nats: string) => `entropy ${nats} nats`,
  sureVery: "very sure",
  sureFairly: "fairly sure",
  sureNot: "unsure",
  sureNotAtAll: "very unsure",
  gaugeSure: "sure",
  gaugeUnsure: "unsure",

  samplingTitle: "Sampling",
  samplingCaption: "How the next token is picked from the probabilities.",
  samplingHelp:
    "Greedy always takes the most likely token: the same prompt gives the same text. Otherwise a token is drawn at random by its probability. Temperature below 1 makes likely tokens likelier (safer, duller); above 1 flattens the odds (more surprising, more mistakes). Top-k keeps only the k most likely tokens; top-p keeps the most likely ones until they add up to p. The seed fixes the random draws: same seed, same text.",
  greedy: "Greedy",
  greedyHint: "always take the most likely token",
  temperature: "Temperature",
  temperatureHint: "below 1 sharpens, above 1 flattens",
  topK: "Top-k",
  topKHint: "keep only the k most likely",
  topP: "Top-p",
  topPHint: "keep the likeliest until they reach p",
  off: "off",
  seed: "Seed",
  seedHint: "same seed, same draws",
  newSeed: "New seed",
  appliesNextStep: "Changes apply from the next token.",

  attentionTitle: "Attention",
  attentionCaption: "Where each token looks: every layer and head in small, one head enlarged. Brighter means more attention.",
  attentionHelp:
    "Each row is a token looking back; each column is a token being looked at. A row's weights add up to 100%. The grey triangle is masked: a token can never see tokens after it. Every layer has several heads that learn to look for different things (the previous token, the start, a matching word). The outlined row is the newest token. Click a small map to enlarge it; hover a cell to read its weight.",
  layerLabel: (layer: number) => `Layer ${layer}`,
  headLabel: (head: number) => `Head ${head}`,
  layerHead: (layer: number, head: number) => `Layer ${layer} · head ${head}`,
  masked: "grey: masked, a token cannot see later tokens",
  hoverHint: "Hover a cell to read it.",
  cellReadout: (query: string, queryPos: number, key: string, keyPos: number, weight: string) =>
    `“${query}” (#${queryPos}) gives “${key}” (#${keyPos}) ${weight} of its attention`,
  maskedReadout: (query: string, key: string) => `“${query}” cannot see “${key}”: it comes later.`,
  zoomLast: (n: number) => `Last ${n} tokens`,
  zoomAll: "Whole text",
  newestRow: (token: string) => `The newest token “${token}” looks most at:`,
  axisQuery: "looking token",
  axisKey: "looked-at token",
  scaleLabel: "attention weight",
  noAttention: "Press Step to see attention.",

  moeTitle: "Mixture-of-experts routing",
  moeCaption: "Each layer sends every token to a few of its experts; colour and number say which.",
  moeHelp:
    "In a mixture-of-experts model each layer has several feed-forward networks (experts) and a router that picks the best few for each token. Rows are layers, columns are tokens; a cell is split by the gates (how much each chosen expert counts), with the expert's number written in. Hover a cell for the exact gates. The load bars show each expert's share of the work; a balanced router keeps them near the dashed line.",
  expertLabel: (expert: number) => `Expert ${expert}`,
  moeCell: (layer: number, token: string, experts: string) => `Layer ${layer} · “${token}”: ${experts}`,
  expertGate: (expert: number, gate: string) => `expert ${expert} ${gate}`,
  loadTitle: "Expert load: share of the work",
  balanced: "dashed line: an even share",

  branchesTitle: "Branches",
  branchesCaption: "Each token you forced, and the one the model had chosen. Click to go back.",
  branchesHelp:
    "When you click a candidate, the text is rewritten from that point: a new branch. Each entry here is such a point, with the model's own choice and yours. Clicking it returns to the text as it was, with the model's original token, so you can try another.",
  branchPoint: (position: number, from: string, to: string) => `token ${position}: “${from}” → “${to}”`,
  branchAt: (position: number) => `token ${position}:`,
  goBack: "Go back",
  noBranches: "No branches yet: click a candidate other than the chosen one.",
};
