/** Lesson 7's data-cleaning widget: the corpus pipeline's real statistics and a small cleaner. */
export { default as DataCleaning } from "./DataCleaning.svelte";
