/** The probe widgets: lesson 10's false premise, lesson 11's hallucination and domain gap. */
export { default as FalsePremise } from "./FalsePremise.svelte";
export { default as Hallucination } from "./Hallucination.svelte";
export { default as DomainGap } from "./DomainGap.svelte";
export { default as TracedText } from "./TracedText.svelte";
