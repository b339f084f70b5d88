/** Lesson 1's widgets: the bilingual glossary and the concept map. */
export { default as Glossary } from "./Glossary.svelte";
export { default as ConceptMap } from "./ConceptMap.svelte";
