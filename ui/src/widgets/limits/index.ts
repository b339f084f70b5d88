/** Lesson 11's widgets: the context window sliding past a fact, and a two-layer safety filter. */
export { default as ContextWindow } from "./ContextWindow.svelte";
export { default as SafetyFilter } from "./SafetyFilter.svelte";
