import { invoke } from "@tauri-apps/api/core";
import type { Baseline } from "../lib/generated/Baseline";
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

export type { Baseline, CleaningPreview, Completion, CompressionReport, CorpusLanguage, CorpusStats, DistillationRun, HeldOutLoss, Technique };

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
};
