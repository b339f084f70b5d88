/** Lesson 6's compression widgets: the pruning slider and the quantization toggle. */
export { default as PruningSlider } from "./PruningSlider.svelte";
export { default as QuantizationToggle } from "./QuantizationToggle.svelte";
