import type { Component } from "svelte";
import { AttentionWidget, GenerationWidget, TokenizerWidget } from "../generation";
import { ConceptMap, Glossary } from "./lesson1";
import { CausalAttention, MoeRoutingWidget } from "./inside";
import { BaseVsSft, ModelGenerations, MultiTask } from "./compare";
import { PruningSlider, QuantizationToggle } from "./compression";
import { Distillation } from "./distillation";
import { ScaleExplorer } from "./scale";
import { Timeline } from "./timeline";
import { Experiments, Pretraining } from "./training";
import { ModelDesigner } from "./designer";
import { FineTuneLora } from "./finetune";
import { DataCleaning } from "./cleaning";
import { RewardBestOfN } from "./reward";
import { EvalFramework, Perplexity } from "./evaluation";
import { DomainGap, FalsePremise, Hallucination } from "./probes";
import { Benchmark } from "./benchmark";
import { ContextWindow, SafetyFilter } from "./limits";

/**
 * The built widgets, by the names lessons use (crates/lessons/src/widgets.rs). A lesson that
 * marks a widget `live` without an entry here shows an error, which the end-to-end test catches.
 */
export const liveWidgets: Record<string, Component> = {
  glossary: Glossary,
  "concept-map": ConceptMap,
  "causal-attention": CausalAttention as Component,
  "moe-routing": MoeRoutingWidget as Component,
  "scale-explorer": ScaleExplorer as Component,
  timeline: Timeline,
  "multi-task": MultiTask as Component,
  "model-generations": ModelGenerations as Component,
  "base-vs-sft": BaseVsSft as Component,
  pruning: PruningSlider as Component,
  quantization: QuantizationToggle as Component,
  distillation: Distillation as Component,
  "model-designer": ModelDesigner as Component,
  pretraining: Pretraining as Component,
  experiments: Experiments as Component,
  "finetune-lora": FineTuneLora as Component,
  "data-cleaning": DataCleaning as Component,
  "reward-best-of-n": RewardBestOfN as Component,
  "eval-framework": EvalFramework as Component,
  perplexity: Perplexity as Component,
  benchmark: Benchmark as Component,
  "false-premise": FalsePremise as Component,
  hallucination: Hallucination as Component,
  "context-window": ContextWindow as Component,
  "safety-filter": SafetyFilter as Component,
  "domain-gap": DomainGap as Component,
  tokenizer: TokenizerWidget,
  generation: GenerationWidget,
  attention: AttentionWidget,
};
