import { errorMessage } from "../../lib/api";
import type { LabEvent, RunSummary, StepReport, TrainingLab, TrainRequest } from "./api";

/**
 * What the app's one training queue is doing, shared by every training widget so that a
 * learner who leaves a lesson mid-run finds the run still going when they come back.
 */
class LabStore {
  /** Runs started in this session, by id, as their latest events left them. */
  runs = $state<Record<string, RunSummary>>({});
  /** The newest update of each run. */
  lastStep = $state<Record<string, StepReport>>({});
  /** The ids of the queue now running (empty when idle), in order. */
  queue = $state<string[]>([]);
  activeId = $state<string | null>(null);
  paused = $state(false);
  error = $state<string | null>(null);
  /** Bumped on every event, so charts know when to redraw. */
  version = $state(0);

  get busy(): boolean {
    return this.queue.length > 0;
  }

  /** Starts `requests` as one queue; resolves with their ids, or null (see `error`). */
  async start(lab: TrainingLab, requests: TrainRequest[]): Promise<string[] | null> {
    this.error = null;
    try {
      let queueEnded = false;
      const ids = await lab.start(requests, (event) => {
        if (event.kind === "queueEnded") queueEnded = true;
        this.apply(event);
      });
      // Events may have ended the queue before the ids came back; a stop drops the runs after
      // the stopped one, which then never end, so only queueEnded tells.
      if (!queueEnded) this.queue = ids;
      return ids;
    } catch (err) {
      this.error = errorMessage(err);
      return null;
    }
  }

  async pause(lab: TrainingLab) {
    await this.control(() => lab.pause());
  }

  async resume(lab: TrainingLab) {
    await this.control(() => lab.resume());
  }

  async stop(lab: TrainingLab) {
    await this.control(() => lab.stop());
  }

  private async control(action: () => Promise<void>) {
    this.error = null;
    try {
      await action();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  apply(event: LabEvent) {
    this.version += 1;
    switch (event.kind) {
      case "runStarted":
      case "runEnded":
        this.runs[event.run.id] = event.run;
        this.activeId = event.kind === "runStarted" ? event.run.id : null;
        this.paused = false;
        break;
      case "train": {
        const run = this.runs[event.runId];
        const e = event.event;
        if (e.kind === "step") {
          this.lastStep[event.runId] = e;
          if (run) {
            run.step = e.step;
            run.trainLoss = e.trainLoss;
            run.tokensPerSecond = e.tokensPerSecond;
          }
        } else if (e.kind === "evaluation" && run) {
          run.valLoss = e.valLoss;
          run.samples = e.samples;
        } else if (e.kind === "paused") {
          this.paused = true;
          if (run) run.status = "paused";
        } else if (e.kind === "resumed") {
          this.paused = false;
          if (run) run.status = "running";
        }
        break;
      }
      case "queueEnded":
        this.queue = [];
        this.activeId = null;
        this.paused = false;
        break;
    }
  }
}

export const labStore = new LabStore();
