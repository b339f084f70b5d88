/** Lesson 10's evaluation widgets: the evaluation framework and the perplexity table. */
export { default as EvalFramework } from "./EvalFramework.svelte";
export { default as Perplexity } from "./Perplexity.svelte";
