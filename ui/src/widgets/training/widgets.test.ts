import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import Pretraining from "./Pretraining.svelte";
import Experiments from "./Experiments.svelte";
import LiveChart from "./LiveChart.svelte";
import { Experiments as ExportedExperiments, Pretraining as ExportedPretraining } from "./index";
import { labStore } from "./lab.svelte";
import type { PretrainJob } from "./presets";
import { FakeLab, evalEvent, pretrainRequest, resetStore, stepEvent, summary } from "./testLab";

beforeEach(() => {
  locale.lang = "en";
  resetStore();
});

const start = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const jobOf = (lab: FakeLab, call = 0, index = 0) => lab.start.mock.calls[call][0][index].job as PretrainJob;

async function pick(input: HTMLElement, file: File) {
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  await fireEvent.change(input);
}

describe("pre-training from scratch", () => {
  it("shows the model's size and time before starting, and starts what was chosen", async () => {
    const lab = new FakeLab();
    render(Pretraining, { lab });
    await waitFor(() => expect(screen.getByTestId("pretrain-parameters").textContent).toBe("426K parameters"));
    expect(lab.design).toHaveBeenLastCalledWith({ layers: 2, hidden: 64, heads: 4, context: 64, vocab: 5120 }, 8, 64, 300);
    expect(screen.getByTestId("pretrain-estimate").textContent).toMatch(/^about .+ on this computer$/);

    await fireEvent.click(screen.getByTestId("pretrain-data-zh"));
    await fireEvent.click(screen.getByTestId("pretrain-size-medium"));
    await fireEvent.click(screen.getByTestId("pretrain-steps-1000"));
    await fireEvent.click(screen.getByTestId("pretrain-lr-0.01"));
    await waitFor(() => expect(lab.design).toHaveBeenLastCalledWith({ layers: 4, hidden: 128, heads: 4, context: 64, vocab: 5120 }, 8, 64, 1000));

    await fireEvent.click(start("pretrain-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalledTimes(1));
    const [requests] = lab.start.mock.calls[0];
    expect(requests).toHaveLength(1);
    expect(requests[0].name).toBe("Pre-train · Chinese · medium · 1000 steps");
    expect(requests[0].series).toBeNull();
    expect(jobOf(lab)).toEqual({
      kind: "pretrain",
      design: { layers: 4, hidden: 128, heads: 4, context: 64, vocab: 5120 },
      data: { kind: "bundled", zhFraction: 1 },
      steps: 1000,
      batchSize: 8,
      seqLen: 64,
      peakLr: 0.01,
      seed: 1,
      evalInterval: 100,
      dataTokens: null,
      noise: 0,
    });
  });

  it("uses the vocabulary the design report gives", async () => {
    const lab = new FakeLab();
    const design = lab.design.getMockImplementation()!;
    lab.design.mockImplementation(async (...args) => ({ ...(await design(...args)), tokenizerVocab: 6000 }));
    render(Pretraining, { lab });
    await waitFor(() => expect(lab.design).toHaveBeenLastCalledWith(expect.objectContaining({ vocab: 6000 }), 8, 64, 300));
    await waitFor(() => expect(screen.getByTestId("pretrain-parameters")).toBeTruthy());
    await fireEvent.click(start("pretrain-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    expect(jobOf(lab).design.vocab).toBe(6000);
    expect(jobOf(lab).data).toEqual({ kind: "bundled", zhFraction: 0.5 });
  });

  it("shows the newest samples on top, each with its step, keeping the last three", async () => {
    const lab = new FakeLab();
    render(Pretraining, { lab });
    await fireEvent.click(start("pretrain-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    lab.begin("r1");
    for (const step of [30, 60, 90, 120]) {
      lab.emit(stepEvent("r1", step, 8 - step / 50));
      lab.emit(evalEvent("r1", step, 8.2 - step / 50, `words ${step}`));
    }
    await waitFor(() => expect(screen.getAllByTestId("training-sample-set").map((s) => s.dataset.step)).toEqual(["120", "90", "60"]));
    const sets = screen.getAllByTestId("training-sample-set");
    expect(sets[0].textContent).toContain("Step 120");
    expect(sets[0].textContent).toContain("newest");
    expect(sets[0].textContent).toContain("It is words 120");
    expect(sets[2].textContent).toContain("明月words 60");
    expect(screen.getByTestId("training-status").dataset.status).toBe("running");
    expect(screen.getByTestId("pretrain-start").hasAttribute("disabled")).toBe(true);
  });

  it("draws its run's chart, on a log scale when asked", async () => {
    const lab = new FakeLab();
    render(Pretraining, { lab });
    await fireEvent.click(start("pretrain-start"));
    await waitFor(() => expect(lab.chart).toHaveBeenLastCalledWith(["r1"], false, expect.anything()));
    await fireEvent.click(screen.getByTestId("chart-log-scale"));
    await waitFor(() => expect(lab.chart).toHaveBeenLastCalledWith(["r1"], true, expect.anything()));
    await waitFor(() => expect(screen.getByTestId("training-chart").querySelector("svg")?.dataset.log).toBe("true"));
  });

  it("shows why the backend refused to start", async () => {
    const lab = new FakeLab();
    lab.busy = true; // a queue the app does not know of (started before a reload)
    render(Pretraining, { lab });
    await fireEvent.click(start("pretrain-start"));
    const alert = await screen.findByTestId("training-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("a run is already in progress");
  });

  describe("with the learner's own text", () => {
    async function fileMode(lab = new FakeLab()) {
      render(Pretraining, { lab });
      await fireEvent.click(screen.getByTestId("pretrain-data-file"));
      return { lab, input: screen.getByTestId("pretrain-file") as HTMLInputElement };
    }

    it("accepts only .txt and waits for a file", async () => {
      const { input } = await fileMode();
      expect(input.accept).toBe(".txt,text/plain");
      expect(start("pretrain-start").disabled).toBe(true);
      expect(screen.getByTestId("pretrain-blocked").textContent).toBe("Choose a .txt file first.");
    });

    it("refuses a file over 20 MB without reading it, saying its size and the limit", async () => {
      const { input } = await fileMode();
      const file = new File(["x"], "big.txt", { type: "text/plain" });
      Object.defineProperty(file, "size", { value: 25 * 1024 * 1024 });
      const read = vi.fn(async () => new ArrayBuffer(0));
      Object.defineProperty(file, "arrayBuffer", { value: read });
      await pick(input, file);
      const error = await screen.findByTestId("pretrain-file-error");
      expect(error.dataset.problem).toBe("tooBig");
      expect(error.textContent).toContain("25.0 MB");
      expect(error.textContent).toContain("20.0 MB limit");
      expect(read).not.toHaveBeenCalled();
      expect(start("pretrain-start").disabled).toBe(true);
    });

    it("explains a file that is not UTF-8", async () => {
      locale.lang = "zh";
      const { input } = await fileMode();
      const gbk = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i % 2 ? 0xd0 : 0xd6)));
      await pick(input, new File([gbk], "旧文件.txt", { type: "text/plain" }));
      const error = await screen.findByTestId("pretrain-file-error");
      expect(error.dataset.problem).toBe("notUtf8");
      expect(error.textContent).toContain("UTF-8");
      expect(error.textContent).toContain("另存为");
    });

    it("refuses an empty file and one too short to learn from", async () => {
      const { input } = await fileMode();
      await pick(input, new File(["  \n\n \t"], "blank.txt"));
      await waitFor(() => expect(screen.getByTestId("pretrain-file-error").dataset.problem).toBe("empty"));
      await pick(input, new File(["A short note."], "note.txt"));
      await waitFor(() => expect(screen.getByTestId("pretrain-file-error").dataset.problem).toBe("tooShort"));
      expect(screen.getByTestId("pretrain-file-error").textContent).toContain("only 13 characters");
      expect(start("pretrain-start").disabled).toBe(true);
    });

    it("trains on a good file's text under its name", async () => {
      const { lab, input } = await fileMode();
      const text = "她说，春天来了。".repeat(300);
      await pick(input, new File([text], "spring.txt", { type: "text/plain" }));
      expect((await screen.findByTestId("pretrain-file-ok")).textContent).toContain("2,400 characters");
      await waitFor(() => expect(start("pretrain-start").disabled).toBe(false));
      await fireEvent.click(start("pretrain-start"));
      await waitFor(() => expect(lab.start).toHaveBeenCalled());
      expect(jobOf(lab).data).toEqual({ kind: "text", name: "spring.txt", text });
      expect(lab.start.mock.calls[0][0][0].name).toContain("spring.txt");
    });
  });

  it("is exported from the folder's index", () => {
    expect(ExportedPretraining).toBe(Pretraining);
    expect(ExportedExperiments).toBe(Experiments);
  });
});

describe("experiments", () => {
  it("runs a preset as one series that varies one knob", async () => {
    const lab = new FakeLab();
    render(Experiments, { lab });
    await fireEvent.click(screen.getByTestId("experiment-preset-divergence"));
    expect(screen.getByTestId("experiment-hint").textContent).toContain("highest learning rate");
    expect(screen.getByTestId("experiment-plan").textContent).toContain("Changing only learning rate: 0.0003, 0.003, 3");
    await waitFor(() => expect(screen.getByTestId("experiment-estimate").textContent).toMatch(/3 runs, one after another: about .+ in all/));

    await fireEvent.click(start("experiments-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalledTimes(1));
    const requests = lab.start.mock.calls[0][0];
    expect(requests.map((r) => r.name)).toEqual(["lr 0.0003", "lr 0.003", "lr 3"]);
    const series = requests[0].series!;
    expect(series).toMatch(/^exp-\d+$/);
    expect(requests.every((r) => r.series === series)).toBe(true);
    const jobs = requests.map((r) => r.job as PretrainJob);
    expect(jobs.map((j) => j.peakLr)).toEqual([3e-4, 3e-3, 3]);
    const rest = jobs.map(({ peakLr: _, ...rest }) => rest);
    expect(rest[1]).toEqual(rest[0]);
    expect(rest[2]).toEqual(rest[0]);
    expect(rest[0]).toMatchObject({ steps: 200, batchSize: 8, seqLen: 64, seed: 1, evalInterval: 20, dataTokens: null, noise: 0 });
    await waitFor(() => expect(lab.chart).toHaveBeenLastCalledWith(["r1", "r2", "r3"], false, expect.anything()));
  });

  it("names the runs in Chinese for a Chinese learner", async () => {
    locale.lang = "zh";
    const lab = new FakeLab();
    render(Experiments, { lab });
    await fireEvent.click(screen.getByTestId("experiment-preset-noise"));
    await fireEvent.click(start("experiments-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    expect(lab.start.mock.calls[0][0].map((r) => r.name)).toEqual(["噪声 0%", "噪声 50%"]);
    expect(lab.start.mock.calls[0][0].map((r) => (r.job as PretrainJob).noise)).toEqual([0, 0.5]);
  });

  it("gives every preset its own hint and one varying knob", async () => {
    const lab = new FakeLab();
    render(Experiments, { lab });
    const hints = new Set<string>();
    for (const key of ["divergence", "underfitting", "overfitting", "noise"]) {
      await fireEvent.click(screen.getByTestId(`experiment-preset-${key}`));
      expect(screen.getByTestId(`experiment-preset-${key}`).getAttribute("aria-pressed")).toBe("true");
      hints.add(screen.getByTestId("experiment-hint").textContent!);
    }
    expect(hints.size).toBe(4);
    await fireEvent.click(screen.getByTestId("experiment-preset-overfitting"));
    expect(screen.getByTestId("experiment-plan").textContent).toContain("Changing only amount of data: 3,000 tokens, all");
  });

  it("lets the learner choose a knob and two or three values", async () => {
    const lab = new FakeLab();
    render(Experiments, { lab });
    await fireEvent.click(screen.getByTestId("experiment-preset-custom"));
    await fireEvent.click(screen.getByTestId("experiment-knob-steps"));
    const boxes = () => screen.getAllByTestId("experiment-value") as HTMLInputElement[];
    // Defaults: 100, 200, 400 ticked; a fourth cannot be.
    expect(boxes().filter((b) => b.checked).map((b) => b.dataset.index)).toEqual(["1", "2", "3"]);
    expect(boxes()[0].disabled).toBe(true);
    await fireEvent.click(boxes()[2]);
    await fireEvent.click(boxes()[3]);
    expect(start("experiments-start").disabled).toBe(true);
    expect(screen.getByTestId("experiments-blocked").textContent).toBe("Tick at least 2 values.");
    await fireEvent.click(boxes()[4]);
    expect(start("experiments-start").disabled).toBe(false);
    await fireEvent.click(start("experiments-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    const requests = lab.start.mock.calls[0][0];
    expect(requests.map((r) => r.name)).toEqual(["100 steps", "800 steps"]);
    expect(requests.map((r) => (r.job as PretrainJob).steps)).toEqual([100, 800]);
    expect(requests.map((r) => (r.job as PretrainJob).peakLr)).toEqual([3e-3, 3e-3]);
  });

  it("reads the result from the runs' real numbers once the series has ended", async () => {
    const lab = new FakeLab();
    render(Experiments, { lab });
    await fireEvent.click(screen.getByTestId("experiment-preset-divergence"));
    await fireEvent.click(start("experiments-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    const reading = () => screen.getByTestId("experiment-reading");
    expect(reading().dataset.state).toBe("waiting");

    // lr 0.0003 learns but its validation loss turns up after step 60.
    lab.begin("r1");
    lab.emit(stepEvent("r1", 1, 8.58));
    for (const [step, val] of [
      [20, 6.1],
      [40, 5.2],
      [60, 4.9],
      [80, 5.0],
      [100, 5.12],
    ])
      lab.emit(evalEvent("r1", step, val));
    lab.emit(stepEvent("r1", 100, 4.2));
    lab.end("r1", { trainLoss: 4.2, valLoss: 5.12, step: 100 });
    await waitFor(() => expect(reading().dataset.state).toBe("partial"));
    expect(reading().textContent).toContain("Finished so far");

    // lr 0.003 learns normally.
    lab.begin("r2");
    lab.emit(stepEvent("r2", 1, 8.6));
    for (const [step, val] of [
      [20, 6.0],
      [40, 5.4],
      [60, 5.1],
    ])
      lab.emit(evalEvent("r2", step, val));
    lab.emit(stepEvent("r2", 60, 4.95));
    lab.end("r2", { trainLoss: 4.95, valLoss: 5.1, step: 60 });

    // lr 3 blows up: its loss stops being a number at step 12.
    lab.begin("r3");
    lab.emit(stepEvent("r3", 1, 8.57));
    lab.emit(stepEvent("r3", 11, 14.2));
    lab.emit({ kind: "train", runId: "r3", event: { ...(stepEvent("r3", 12, 0) as { event: object }).event, trainLoss: null } } as never);
    lab.end("r3", { trainLoss: null, valLoss: null, step: 12 });
    lab.finishQueue();

    await waitFor(() => expect(reading().dataset.state).toBe("done"));
    const lines = within(reading()).getAllByTestId("experiment-reading-line");
    expect(lines.map((l) => l.dataset.verdict)).toEqual(["overfit", "fine", "diverged"]);
    expect(lines[0].textContent).toContain("“lr 0.0003”: overfitting. Validation loss was lowest at step 60 (4.90) and rose to 5.12 by step 100.");
    expect(lines[1].textContent).toContain("training loss fell from 8.60 to 4.95; final validation loss 5.10");
    expect(lines[2].textContent).toContain("“lr 3”: diverged. From step 12 its loss was no longer a number (NaN).");
    expect(screen.getByTestId("experiment-lowest").textContent).toBe("Lowest final validation loss: “lr 0.003”, 5.10.");
  });

  it("calls a loss that ends above its start divergence, and shows a refused start", async () => {
    const lab = new FakeLab();
    render(Experiments, { lab });
    await fireEvent.click(screen.getByTestId("experiment-preset-noise"));
    await fireEvent.click(start("experiments-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    lab.begin("r1");
    lab.emit(stepEvent("r1", 1, 8.5));
    lab.emit(stepEvent("r1", 200, 9.25));
    lab.end("r1", { trainLoss: 9.25 });
    lab.finishQueue();
    await waitFor(() => expect(screen.getByTestId("experiment-reading").dataset.state).toBe("done"));
    const line = screen.getByTestId("experiment-reading-line");
    expect(line.dataset.verdict).toBe("diverged");
    expect(line.textContent).toContain("ended at 9.25, higher than the 8.50 it started at");
    // Only one run ended (a stop dropped the other): no "lowest" to name.
    expect(screen.queryByTestId("experiment-lowest")).toBeNull();

    lab.busy = true;
    await waitFor(() => expect(start("experiments-start").disabled).toBe(false));
    await fireEvent.click(start("experiments-start"));
    expect((await screen.findByTestId("training-error")).textContent).toContain("a run is already in progress");
  });

  it("lists every pre-training run until it has started a series, then only that series", async () => {
    const lab = new FakeLab();
    lab.runs = [summary("earlier", { series: "exp-1" }), summary("plain", { series: null }), summary("tuned", { kind: "fineTune" })];
    render(Experiments, { lab });
    await waitFor(() => expect(screen.getAllByTestId("run-row").map((r) => r.dataset.runId)).toEqual(["earlier", "plain"]));
    await fireEvent.click(start("experiments-start"));
    await waitFor(() => expect(lab.start).toHaveBeenCalled());
    lab.begin("r1");
    await waitFor(() => expect(screen.getAllByTestId("run-row").map((r) => r.dataset.runId)).toEqual(["r1"]));
    expect(labStore.runs.r1.series).toBe(lab.start.mock.calls[0][0][0].series);
  });
});

describe("the live chart", () => {
  it("redraws at most every refreshMs while steps stream in, and at once for a new scale", async () => {
    vi.useFakeTimers();
    try {
      const lab = new FakeLab();
      const view = render(LiveChart, { lab, ids: ["r1"], label: "chart", refreshMs: 500 });
      await vi.advanceTimersByTimeAsync(0);
      expect(lab.chart).toHaveBeenCalledTimes(1);
      await labStore.start(lab, [pretrainRequest("x")]);
      lab.begin("r1");
      // 40 steps, 25 ms apart: one second of events.
      for (let step = 1; step <= 40; step++) {
        lab.emit(stepEvent("r1", step, 8));
        await vi.advanceTimersByTimeAsync(25);
      }
      const calls = lab.chart.mock.calls.length;
      expect(calls).toBeGreaterThanOrEqual(2); // not starved by the stream
      expect(calls).toBeLessThanOrEqual(4); // nor drawn at every step
      await view.rerender({ lab, ids: ["r1"], label: "chart", refreshMs: 500, logScale: true });
      await vi.advanceTimersByTimeAsync(0);
      expect(lab.chart).toHaveBeenLastCalledWith(["r1"], true, expect.anything());
    } finally {
      vi.useRealTimers();
    }
  });
});
