/** Lesson 7's model designer: a model's shape turned into parameters, memory and training time. */
export { default as ModelDesigner } from "./ModelDesigner.svelte";
