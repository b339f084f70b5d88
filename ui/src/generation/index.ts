/** The generation lab: lesson 4's widgets and the Playground. */
export { default as GenerationLab } from "./GenerationLab.svelte";
export { default as TokenizerWidget } from "./TokenizerWidget.svelte";
export { default as GenerationWidget } from "./GenerationWidget.svelte";
export { default as AttentionWidget } from "./AttentionWidget.svelte";
export { LabSession, sharedSession } from "./lab.svelte";
export type { LabMode } from "./types";
export type { ModelEntry, PlayEvent, StopReason } from "./engine";
