/** Lesson 6's distillation experiment: two students, one teacher, live losses and continuations. */
export { default as Distillation } from "./Distillation.svelte";
