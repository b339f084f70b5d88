/** Lesson 1's looks inside the bundled models: causal attention and mixture-of-experts routing. */
export { default as CausalAttention } from "./CausalAttention.svelte";
export { default as MoeRoutingWidget } from "./MoeRoutingWidget.svelte";
