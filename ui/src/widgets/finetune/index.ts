/** Lesson 8's full fine-tuning vs LoRA, side by side on the bundled Q&A data. */
export { default as FineTuneLora } from "./FineTuneLora.svelte";
export { FINE_TUNE } from "./finetune";
