import { Channel, invoke } from "@tauri-apps/api/core";
import type { DesignReport } from "../../lib/generated/DesignReport";
import type { ExportFormat } from "../../lib/generated/ExportFormat";
import type { LabEvent } from "../../lib/generated/LabEvent";
import type { ModelDesign } from "../../lib/generated/ModelDesign";
import type { RunSummary } from "../../lib/generated/RunSummary";
import type { ChartText } from "../../lib/generated/ChartText";
import type { TrainRequest } from "../../lib/generated/TrainRequest";

export type { ChartText, DesignReport, ExportFormat, LabEvent, ModelDesign, RunSummary, TrainRequest };
export type { TrainJob } from "../../lib/generated/TrainJob";
export type { DataChoice } from "../../lib/generated/DataChoice";
export type { RunStatus } from "../../lib/generated/RunStatus";
export type { TrainEvent } from "../../lib/generated/TrainEvent";
export type { StepReport } from "../../lib/generated/StepReport";
export type { EvaluationReport } from "../../lib/generated/EvaluationReport";
export type { Sample } from "../../lib/generated/Sample";

/**
 * The training lab (src-tauri/src/training): runs train on their own thread through the same
 * code as `glassbox pretrain` and `glassbox sft`, one queue at a time. Commands reject with
 * `{ message }`.
 */
export interface TrainingLab {
  /** Parameters, memory and the time `steps` updates would take on this machine. */
  design(design: ModelDesign, batchSize: number, seqLen: number, steps: number): Promise<DesignReport>;
  /** Queues the runs (one after another) and streams their events; resolves with their ids. */
  start(requests: TrainRequest[], onEvent: (event: LabEvent) => void): Promise<string[]>;
  /** Hold the running update loop; resume continues exactly where it was. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the running run (after a checkpoint) and drops the rest of its queue. */
  stop(): Promise<void>;
  /** Every kept run, newest first. */
  listRuns(): Promise<RunSummary[]>;
  /** The runs' loss curves overlaid, as SVG drawn by plotters (live for a running one). */
  chart(ids: string[], logScale: boolean, text: ChartText): Promise<string>;
  deleteRun(id: string): Promise<void>;
  /** Writes the chart (SVG/PNG) or the log (CSV) to the exports folder; resolves with its path. */
  exportRun(id: string, format: ExportFormat): Promise<string>;
}

export const tauriTrainingLab: TrainingLab = {
  design: (design, batchSize, seqLen, steps) =>
    invoke<DesignReport>("design_model", { design, batchSize, seqLen, steps }),
  start: (requests, onEvent) => {
    const events = new Channel<LabEvent>();
    events.onmessage = onEvent;
    return invoke<string[]>("start_training", { requests, events });
  },
  pause: () => invoke<void>("pause_training"),
  resume: () => invoke<void>("resume_training"),
  stop: () => invoke<void>("stop_training"),
  listRuns: () => invoke<RunSummary[]>("list_runs"),
  chart: (ids, logScale, text) => invoke<string>("run_chart", { ids, logScale, text }),
  deleteRun: (id) => invoke<void>("delete_run", { id }),
  exportRun: (id, format) => invoke<string>("export_run", { id, format }),
};

/** The model name under which the generation lab and the workbench open a run's model. */
export function runModelName(id: string): string {
  return `run:${id}`;
}
