import { invoke } from "@tauri-apps/api/core";
import type { Baseline } from "../lib/generated/Baseline";
import type { BenchmarkItem } from "../lib/generated/BenchmarkItem";
import type { BenchmarkItemScore } from "../lib/generated/BenchmarkItemScore";
import type { ContextProbe } from "../lib/generated/ContextProbe";
import type { SafetyVerdict } from "../lib/generated/SafetyVerdict";
import type { TracedCompletion } from "../lib/generated/TracedCompletion";
import type { Completion } from "../lib/generated/Completion";
import type { CompressionReport } from "../lib/generated/CompressionReport";
import type { CleaningPreview } from "../lib/generated/CleaningPreview";
import type { CorpusLanguage } from "../lib/generated/CorpusLanguage";
import type { CorpusStats } from "../lib/generated/CorpusStats";
import type { DistillationRun } from "../lib/generated/DistillationRun";
import type { HeldOutLoss } from "../lib/generated/HeldOutLoss";
import type { Prefill } from "../lib/generated/Prefill";
import type { SamplingSettings } from "../lib/generated/SamplingSettings";
import type { Technique } from "../lib/generated/Technique";

export type {
  Baseline,
  BenchmarkItem,
  BenchmarkItemScore,
  ContextProbe,
  SafetyVerdict,
  TracedCompletion,
  CleaningPreview, Completion, CompressionReport, CorpusLanguage, CorpusStats, DistillationRun, HeldOutLoss, Technique };

/**
 * The lesson widgets' measurements on the bundled models (src-tauri/src/workbench.rs). They
 * run on their own thread, apart from the generation lab, and reject with `{ message }`.
 */
export interface Workbench {
  /** A model's attention (and, for tiny-moe, routing) over `text`. */
  inspect(model: string, text: string): Promise<Prefill>;
  /** A model's continuation of `prompt` (at most 64 tokens). */
  complete(model: string, prompt: string, maxTokens: number, settings: SamplingSettings): Promise<Completion>;
  /** An n-gram baseline's continuation of `prompt`. */
  completeBaseline(baseline: Baseline, prompt: string, maxTokens: number, settings: SamplingSettings): Promise<Completion>;
  /** Loss on a fixed held-out sample of the validation text (1,024 tokens per language). */
  modelLoss(model: string): Promise<HeldOutLoss>;
  /** The n-gram model of `order` on exactly the same targets. */
  ngramLoss(order: number): Promise<HeldOutLoss>;
  /** A compressed copy of `model`, measured against the original, continuing `prompt`. */
  compress(model: string, technique: Technique, prompt: string): Promise<CompressionReport>;
  /** Lesson 6's distillation pair ("student", "student-distilled"): settings and curves. */
  distillation(): Promise<DistillationRun[]>;
  /** The corpus pipeline's cleaning report (models/corpus/stats.json). */
  corpusStats(): Promise<CorpusStats>;
  /** The pipeline's cleaning rules on a sample text (at most 4,000 characters). */
  cleanSample(text: string, language: CorpusLanguage): Promise<CleaningPreview>;
  /** Lesson 10's held-out benchmark (models/benchmark/items.json): 40 items, 4 candidates each. */
  benchmarkItems(): Promise<BenchmarkItem[]>;
  /** How `model` (a bundled model or "trigram") answers every item, in the items' order. */
  benchmarkScore(model: string): Promise<BenchmarkItemScore[]>;
  /**
   * `prompt` read token by token (each token's probability and entropy), then continued for at
   * most `maxTokens` (64 at most), with the probability, entropy and top 8 candidates of each step.
   */
  tracedComplete(model: string, prompt: string, maxTokens: number, settings: SamplingSettings): Promise<TracedCompletion>;
  /**
   * `fact + filler + question` through the model's context window (each part tokenized on its
   * own), with the attention from the last token, the greedy answer (4 tokens) and the probability
   * of `expected`'s first token. Filler at most 4,000 characters.
   */
  contextProbe(model: string, fact: string, filler: string, question: string, expected: string): Promise<ContextProbe>;
  /** Both layers of the safety filter (models/safety) on `text`; the classifier blocks at `threshold` (0–1) and above. */
  safetyCheck(text: string, threshold: number): Promise<SafetyVerdict>;
  /** The filter's block list. */
  safetyBlocklist(): Promise<string[]>;
}

export const tauriWorkbench: Workbench = {
  inspect: (model, text) => invoke<Prefill>("inspect", { model, text }),
  complete: (model, prompt, maxTokens, settings) => invoke<Completion>("complete", { model, prompt, maxTokens, settings }),
  completeBaseline: (baseline, prompt, maxTokens, settings) =>
    invoke<Completion>("complete_baseline", { baseline, prompt, maxTokens, settings }),
  modelLoss: (model) => invoke<HeldOutLoss>("model_loss", { model }),
  ngramLoss: (order) => invoke<HeldOutLoss>("ngram_loss", { order }),
  compress: (model, technique, prompt) => invoke<CompressionReport>("compress", { model, technique, prompt }),
  distillation: () => invoke<DistillationRun[]>("distillation"),
  corpusStats: () => invoke<CorpusStats>("corpus_stats"),
  cleanSample: (text, language) => invoke<CleaningPreview>("clean_sample", { text, language }),
  benchmarkItems: () => invoke<BenchmarkItem[]>("benchmark_items"),
  benchmarkScore: (model) => invoke<BenchmarkItemScore[]>("benchmark_score", { model }),
  tracedComplete: (model, prompt, maxTokens, settings) =>
    invoke<TracedCompletion>("traced_complete", { model, prompt, maxTokens, settings }),
  contextProbe: (model, fact, filler, question, expected) =>
    invoke<ContextProbe>("context_probe", { model, fact, filler, question, expected }),
  safetyCheck: (text, threshold) => invoke<SafetyVerdict>("safety_check", { text, threshold }),
  safetyBlocklist: () => invoke<string[]>("safety_blocklist"),
};
