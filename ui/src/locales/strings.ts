import type { ChoiceReason } from "../lib/generated/ChoiceReason";
/** Every piece of UI text, once per language (lesson text lives in lessons/, not here). */
export interface Strings {
  appName: string;
  tagline: string;
  homeIntro: string;
  lectures: string;
  lectureN: (n: number) => string;
  minutes: (m: number) => string;
  widgetsLive: (live: number, total: number) => string;
  playground: string;
  playgroundBlurb: string;
  home: string;
  sections: string;
  quiz: string;
  quizIntro: string;
  check: string;
  correct: string;
  wrong: (answer: string) => string;
  quizScore: (right: number, total: number) => string;
  retry: string;
  notes: string;
  hideNotes: string;
  previous: string;
  next: string;
  pageOf: (i: number, n: number) => string;
  presenter: string;
  exitPresenter: string;
  presenterHint: string;
  keyboardHint: string;
  comingSoon: string;
  plannedTitle: (title: string) => string;
  plannedBody: string;
  widgetMissing: (name: string) => string;
  loading: string;
  loadFailed: string;
  languageName: string;
  lab: LabStrings;
}

/** Text of the generation lab (lesson 4's widgets and the Playground). */
export interface LabStrings {
  help: string;
  close: string;
  dismiss: string;
  exportTitle: string;
  exportFailed: (message: string) => string;

  modelTitle: string;
  modelCaption: string;
  modelHelp: string;
  modelLoading: string;
  modelUnavailable: (reason: string) => string;
  parameters: (total: string) => string;
  activeParameters: (active: string) => string;
  contextSize: (tokens: number) => string;
  /** Which engine runs the model, and why when known. */
  backend: (name: string, why: string | null) => string;
  /** Why that engine runs; `adapter` names the GPU adapter looked at, if any. */
  backendReason: (reason: ChoiceReason, adapter: string | null) => string;
  noModels: string;
  retry: string;

  promptLabel: string;
  promptPlaceholder: string;
  defaultPrompt: string;
  promptHint: string;
  step: string;
  play: string;
  pause: string;
  reset: string;
  speed: string;
  perSecond: (n: number) => string;
  working: string;
  playing: string;

  emptyPrompt: string;
  droppedTokens: (dropped: number, kept: number) => string;
  controlChars: (removed: number) => string;
  contextFull: (context: number) => string;
  modelSwitched: (name: string) => string;
  finished: string;

  textTitle: string;
  textCaption: string;
  textHelp: string;
  legendPrompt: string;
  legendGenerated: string;
  legendForced: string;
  contextUsage: (used: number, total: number) => string;
  nothingYet: string;
  choiceGreedy: string;
  choiceSampled: string;
  choiceForced: string;
  generatedTitle: (text: string, id: number, how: string, probability: string) => string;

  tokensTitle: string;
  tokensCaption: string;
  tokensHelp: string;
  counts: (characters: number, bytes: number, tokens: number) => string;
  perToken: (characters: string) => string;
  legendPartial: string;
  legendSpecial: string;
  moreTokens: (n: number) => string;
  showIds: string;
  tokenTooltip: (id: number, bytes: string) => string;
  partialPiece: string;
  specialToken: string;
  noTokens: string;

  compareTitle: string;
  compareCaption: string;
  compareHelp: string;
  exampleZh: string;
  exampleEn: string;
  chinese: string;
  english: string;
  compareCounts: (characters: number, tokens: number) => string;
  compareSummary: (zhTokens: number, enTokens: number) => string;

  loopTitle: string;
  loopCaption: string;
  loopHelp: string;
  stageTokenize: string;
  stageAttention: string;
  stageProbabilities: string;
  stageChoose: string;
  stageAppend: string;
  repeat: string;
  nowStage: (stage: string) => string;
  loopTokens: (n: number) => string;
  loopLayers: (layers: number, heads: number) => string;
  loopVocab: (n: string) => string;
  loopPosition: (n: number) => string;

  candidatesTitle: string;
  candidatesCaption: string;
  candidatesHelp: string;
  showTop: string;
  before: string;
  after: string;
  chosen: string;
  forceHint: (token: string) => string;
  outsideTop: string;
  coverage: (shown: number, share: string, rest: string) => string;
  noStep: string;

  sureTitle: string;
  effectiveChoices: (n: string) => string;
  entropyValue: (nats: string) => string;
  sureVery: string;
  sureFairly: string;
  sureNot: string;
  sureNotAtAll: string;
  gaugeSure: string;
  gaugeUnsure: string;

  samplingTitle: string;
  samplingCaption: string;
  samplingHelp: string;
  greedy: string;
  greedyHint: string;
  temperature: string;
  temperatureHint: string;
  topK: string;
  topKHint: string;
  topP: string;
  topPHint: string;
  off: string;
  seed: string;
  seedHint: string;
  newSeed: string;
  appliesNextStep: string;

  attentionTitle: string;
  attentionCaption: string;
  attentionHelp: string;
  layerLabel: (layer: number) => string;
  headLabel: (head: number) => string;
  layerHead: (layer: number, head: number) => string;
  masked: string;
  hoverHint: string;
  cellReadout: (query: string, queryPos: number, key: string, keyPos: number, weight: string) => string;
  maskedReadout: (query: string, key: string) => string;
  zoomLast: (n: number) => string;
  zoomAll: string;
  newestRow: (token: string) => string;
  axisQuery: string;
  axisKey: string;
  scaleLabel: string;
  noAttention: string;

  moeTitle: string;
  moeCaption: string;
  moeHelp: string;
  expertLabel: (expert: number) => string;
  moeCell: (layer: number, token: string, experts: string) => string;
  expertGate: (expert: number, gate: string) => string;
  loadTitle: string;
  balanced: string;

  branchesTitle: string;
  branchesCaption: string;
  branchesHelp: string;
  branchPoint: (position: number, from: string, to: string) => string;
  branchAt: (position: number) => string;
  goBack: string;
  noBranches: string;
}
