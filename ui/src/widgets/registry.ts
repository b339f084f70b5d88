import type { Component } from "svelte";
import { AttentionWidget, GenerationWidget, TokenizerWidget } from "../generation";

/**
 * The built widgets, by the names lessons use (crates/lessons/src/widgets.rs). A lesson that
 * marks a widget `live` without an entry here shows an error, which the end-to-end test catches.
 */
export const liveWidgets: Record<string, Component> = {
  tokenizer: TokenizerWidget,
  generation: GenerationWidget,
  attention: AttentionWidget,
};
