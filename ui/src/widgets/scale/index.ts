/** Lesson 2's scale explorer and compute calculator. */
export { default as ScaleExplorer } from "./ScaleExplorer.svelte";
