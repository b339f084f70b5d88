/** Lesson 7's best-of-n: sampled answers scored by open rules, the highest chosen. */
export { default as RewardBestOfN } from "./RewardBestOfN.svelte";
export { RULES, scoreAnswer } from "./scorer";
