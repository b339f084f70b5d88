/**
 * Lessons 7 and 9's training widgets (`pretraining`, `experiments`) and the pieces other
 * training widgets reuse: the queue's controls, the kept runs, the live chart and the store.
 */
export { default as Pretraining } from "./Pretraining.svelte";
export { default as Experiments } from "./Experiments.svelte";
export { default as TrainingControls } from "./TrainingControls.svelte";
export { default as RunsList } from "./RunsList.svelte";
export { default as LiveChart } from "./LiveChart.svelte";
export { labStore } from "./lab.svelte";
export { history, startRecorded } from "./history.svelte";
export { tauriTrainingLab, runModelName, type TrainingLab } from "./api";
