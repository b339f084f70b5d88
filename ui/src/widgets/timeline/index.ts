/** Lesson 3's interactive timeline. */
export { default as Timeline } from "./Timeline.svelte";
