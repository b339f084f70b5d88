/** Lesson 10's mini benchmark: 40 held-out items, each model scored live, per-item probabilities. */
export { default as Benchmark } from "./Benchmark.svelte";
export { classify, tally } from "./benchmark";
