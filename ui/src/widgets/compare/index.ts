/** The side-by-side comparison widgets: lesson 2 (multi-task), 3 (model-generations), 5 (base-vs-sft). */
export { default as ModelGenerations } from "./ModelGenerations.svelte";
export { default as MultiTask } from "./MultiTask.svelte";
export { default as BaseVsSft } from "./BaseVsSft.svelte";
