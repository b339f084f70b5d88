import "../../generation/testSetup";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import TrainingControls from "./TrainingControls.svelte";
import RunsList from "./RunsList.svelte";
import * as index from "./index";
import { labStore } from "./lab.svelte";
import { FakeLab, evalEvent, pretrainRequest, resetStore, stepEvent, summary } from "./testLab";

beforeEach(() => {
  locale.lang = "en";
  resetStore();
  location.hash = "";
});

const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const status = () => screen.getByTestId("training-status");

function enabled() {
  return {
    pause: !button("training-pause").disabled,
    resume: !button("training-resume").disabled,
    stop: !button("training-stop").disabled,
  };
}

describe("the training controls", () => {
  it("are idle with every button off when nothing trains", () => {
    const lab = new FakeLab();
    render(TrainingControls, { lab, ids: [] });
    expect(status().dataset.status).toBe("idle");
    expect(status().textContent).toContain("No training is running.");
    expect(enabled()).toEqual({ pause: false, resume: false, stop: false });
  });

  it("follow a run from start to pause, resume and stop", async () => {
    const lab = new FakeLab();
    const ids = await labStore.start(lab, [pretrainRequest("lr 0.003")]);
    expect(ids).toEqual(["r1"]);
    render(TrainingControls, { lab, ids });

    lab.begin("r1");
    lab.emit(stepEvent("r1", 40, 6.25));
    lab.emit(evalEvent("r1", 40, 6.5));
    await waitFor(() => expect(status().dataset.status).toBe("running"));
    expect(status().dataset.step).toBe("40");
    expect(status().dataset.loss).toBe("6.25");
    expect(status().textContent).toContain("Training “lr 0.003”");
    expect(screen.getByTestId("training-step").textContent).toBe("40 / 200");
    expect(screen.getByTestId("training-train-loss").textContent).toBe("6.25");
    expect(screen.getByTestId("training-val-loss").textContent).toBe("6.50");
    expect(screen.getByTestId("training-eta").textContent).toBe("16 s");
    expect(screen.getByTestId("training-progress").getAttribute("aria-valuenow")).toBe("40");
    expect(enabled()).toEqual({ pause: true, resume: false, stop: true });

    await fireEvent.click(button("training-pause"));
    expect(lab.pause).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(status().dataset.status).toBe("paused"));
    await waitFor(() => expect(enabled()).toEqual({ pause: false, resume: true, stop: true }));

    await fireEvent.click(button("training-resume"));
    expect(lab.resume).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(status().dataset.status).toBe("running"));
    await waitFor(() => expect(enabled()).toEqual({ pause: true, resume: false, stop: true }));

    lab.emit(stepEvent("r1", 41, 6.2));
    await waitFor(() => expect(status().dataset.step).toBe("41"));

    await fireEvent.click(button("training-stop"));
    expect(lab.stop).toHaveBeenCalledTimes(1);
    // Until the run has saved its checkpoint and ended, it is stopping and nothing can be pressed.
    await waitFor(() => expect(status().textContent).toContain("Stopping"));
    expect(enabled()).toEqual({ pause: false, resume: false, stop: false });

    lab.end("r1", { status: "stopped" });
    lab.finishQueue();
    await waitFor(() => expect(status().dataset.status).toBe("idle"));
    expect(enabled()).toEqual({ pause: false, resume: false, stop: false });
    expect(status().textContent).toContain("Last run “lr 0.003”: stopped at step 41 of 200.");
    expect(status().dataset.step).toBe("41");
  });

  it("stay running between two runs of a queue and say which run of how many", async () => {
    const lab = new FakeLab();
    const ids = await labStore.start(lab, [pretrainRequest("a"), pretrainRequest("b")]);
    render(TrainingControls, { lab, ids });
    lab.begin("r1");
    await waitFor(() => expect(status().textContent).toContain("run 1 of 2"));
    lab.end("r1");
    await waitFor(() => expect(status().textContent).toContain("Getting the next run ready"));
    expect(status().dataset.status).toBe("running");
    lab.begin("r2");
    await waitFor(() => expect(status().textContent).toContain("run 2 of 2"));
  });

  it("name another widget's run instead of controlling it", async () => {
    const lab = new FakeLab();
    await labStore.start(lab, [pretrainRequest("someone else's")]);
    render(TrainingControls, { lab, ids: ["mine-from-before"] });
    lab.begin("r1");
    await waitFor(() => expect(status().dataset.scope).toBe("other"));
    expect(status().textContent).toContain("Another exercise's run, “someone else's”, is training.");
    expect(screen.queryByTestId("training-pause")).toBeNull();
    expect(screen.queryByTestId("training-stop")).toBeNull();
  });

  it("show why a second start is refused, in an alert", async () => {
    const lab = new FakeLab();
    await labStore.start(lab, [pretrainRequest("first")]);
    render(TrainingControls, { lab, ids: null });
    const again = await labStore.start(lab, [pretrainRequest("second")]);
    expect(again).toBeNull();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("a run is already in progress");
  });

  it("are idle again when a queue ended before its ids came back", async () => {
    const lab = new FakeLab();
    // The whole queue ends (its first run failed; the second never ran) before the ids come back.
    lab.start.mockImplementationOnce(async (_requests, onEvent) => {
      lab.emit = onEvent;
      lab.begin("r1");
      lab.end("r1", { status: "failed", error: "bad design" });
      lab.finishQueue();
      return ["r1", "r2"];
    });
    const ids = await labStore.start(lab, [pretrainRequest("a"), pretrainRequest("b")]);
    render(TrainingControls, { lab, ids });
    expect(labStore.busy).toBe(false);
    expect(status().dataset.status).toBe("idle");
    expect(screen.getByText("Training failed: bad design")).toBeTruthy();
  });

  it("speak Chinese", async () => {
    locale.lang = "zh";
    const lab = new FakeLab();
    const ids = await labStore.start(lab, [pretrainRequest("学习率 0.3")]);
    render(TrainingControls, { lab, ids });
    lab.begin("r1");
    await waitFor(() => expect(status().textContent).toContain("正在训练“学习率 0.3”"));
    expect(button("training-pause").textContent).toBe("暂停");
    expect(button("training-stop").textContent).toBe("停止");
  });
});

describe("the runs list", () => {
  const RUNS = [
    summary("b", { name: "lr 0.3", series: "exp-1", createdAt: 1_764_000_100, valLoss: 7.9, trainLoss: 8.2 }),
    summary("a", { name: "lr 0.003", series: "exp-1", createdAt: 1_764_000_000 }),
    summary("f", { name: "broken", status: "failed", error: "out of memory", series: null }),
    summary("t", { name: "tuned", kind: "fineTune", series: null }),
  ];

  function labWith(runs = RUNS) {
    const lab = new FakeLab();
    lab.runs = structuredClone(runs);
    return lab;
  }

  it("lists the kept runs with their numbers and status in words", async () => {
    render(RunsList, { lab: labWith() });
    await waitFor(() => expect(screen.getAllByTestId("run-row")).toHaveLength(4));
    const rows = screen.getAllByTestId("run-row");
    expect(rows.map((r) => r.dataset.runId)).toEqual(["b", "a", "f", "t"]);
    expect(within(rows[0]).getByTestId("run-val-loss").textContent).toBe("7.90");
    expect(within(rows[0]).getByTestId("run-train-loss").textContent).toBe("8.20");
    expect(within(rows[0]).getByTestId("run-status").textContent).toBe("finished");
    expect(rows[0].textContent).toContain("410K");
    expect(rows[0].textContent).toContain("5,200");
    expect(within(rows[2]).getByTestId("run-status").textContent).toBe("failed");
    expect(rows[2].textContent).toContain("Failed: out of memory");
  });

  it("filters by series and by kind, and says when there is nothing", async () => {
    const first = render(RunsList, { lab: labWith(), series: "exp-1" });
    await waitFor(() => expect(screen.getAllByTestId("run-row").map((r) => r.dataset.runId)).toEqual(["b", "a"]));
    first.unmount();
    const second = render(RunsList, { lab: labWith(), kind: "fineTune" });
    await waitFor(() => expect(screen.getAllByTestId("run-row").map((r) => r.dataset.runId)).toEqual(["t"]));
    second.unmount();
    render(RunsList, { lab: labWith([]) });
    expect((await screen.findByTestId("runs-empty")).textContent).toContain("No runs kept yet");
    expect(screen.queryByTestId("runs-list")).toBeNull();
  });

  it("writes status words in Chinese", async () => {
    locale.lang = "zh";
    render(RunsList, { lab: labWith() });
    await waitFor(() => expect(screen.getAllByTestId("run-status").map((c) => c.textContent)).toEqual(["已完成", "已完成", "失败", "已完成"]));
  });

  it("exports a run and says where the file went", async () => {
    const lab = labWith();
    render(RunsList, { lab });
    const row = (await screen.findAllByTestId("run-row"))[1];
    await fireEvent.click(within(row).getByTestId("run-export-png"));
    expect(lab.exportRun).toHaveBeenCalledWith("a", "png");
    await waitFor(() => expect(within(row).getByTestId("run-export-path").textContent).toBe("Saved to /home/me/glassbox/exports/a.png"));
    await fireEvent.click(within(row).getByTestId("run-export-csv"));
    await waitFor(() => expect(within(row).getByTestId("run-export-path").textContent).toContain("a.csv"));
    expect(lab.exportRun).toHaveBeenLastCalledWith("a", "csv");
  });

  it("shows a failed export beside the row and keeps the row", async () => {
    const lab = labWith();
    lab.exportRun.mockRejectedValueOnce({ message: "disk full" });
    render(RunsList, { lab });
    const row = (await screen.findAllByTestId("run-row"))[0];
    await fireEvent.click(within(row).getByTestId("run-export-svg"));
    await waitFor(() => expect(within(row).getByTestId("run-error").textContent).toBe("Could not export: disk full"));
    expect(screen.getAllByTestId("run-row")).toHaveLength(4);
  });

  it("asks once more before deleting, in place, and forgets the question after a while", async () => {
    const lab = labWith();
    render(RunsList, { lab });
    const row = () => screen.getAllByTestId("run-row").find((r) => r.dataset.runId === "a")!;
    await waitFor(() => expect(row()).toBeTruthy());
    const del = () => within(row()).getByTestId("run-delete") as HTMLButtonElement;

    vi.useFakeTimers();
    try {
      await fireEvent.click(del());
      expect(lab.deleteRun).not.toHaveBeenCalled();
      expect(del().textContent).toBe("Really delete?");
      expect(del().dataset.confirm).toBe("true");
      await vi.advanceTimersByTimeAsync(4100);
      expect(del().textContent).toBe("Delete");
      expect(del().dataset.confirm).toBe("false");
    } finally {
      vi.useRealTimers();
    }

    await fireEvent.click(del());
    await fireEvent.click(del());
    expect(lab.deleteRun).toHaveBeenCalledWith("a");
    await waitFor(() => expect(screen.getAllByTestId("run-row").map((r) => r.dataset.runId)).toEqual(["b", "f", "t"]));
  });

  it("keeps a run the backend would not delete and says why", async () => {
    const lab = labWith();
    lab.deleteRun.mockRejectedValueOnce({ message: "the run is training" });
    render(RunsList, { lab });
    const row = (await screen.findAllByTestId("run-row"))[0];
    await fireEvent.click(within(row).getByTestId("run-delete"));
    await fireEvent.click(within(row).getByTestId("run-delete"));
    await waitFor(() => expect(within(row).getByTestId("run-error").textContent).toBe("Could not delete: the run is training"));
    expect(screen.getAllByTestId("run-row")).toHaveLength(4);
  });

  it("opens a finished run's model in the generation lab, and only a finished or stopped one", async () => {
    render(RunsList, { lab: labWith() });
    const rows = await screen.findAllByTestId("run-row");
    await fireEvent.click(within(rows[1]).getByTestId("run-open"));
    expect(location.hash).toBe("#/playground/run%3Aa");
    expect((within(rows[2]).getByTestId("run-open") as HTMLButtonElement).disabled).toBe(true);
  });

  it("draws the ticked runs together", async () => {
    const lab = labWith();
    render(RunsList, { lab });
    const rows = await screen.findAllByTestId("run-row");
    expect(screen.getByTestId("runs-compare-chart").textContent).toContain("Tick runs");
    await fireEvent.click(within(rows[1]).getByTestId("run-compare"));
    await fireEvent.click(within(rows[0]).getByTestId("run-compare"));
    await waitFor(() => expect(lab.chart).toHaveBeenLastCalledWith(["a", "b"], false, expect.anything()));
    expect(screen.getByTestId("runs-compare-chart").dataset.ids).toBe("a,b");
    await waitFor(() => expect(screen.getByTestId("runs-compare-chart").querySelector("svg")?.dataset.ids).toBe("a,b"));
    await fireEvent.click(screen.getByTestId("runs-compare-log"));
    await waitFor(() => expect(lab.chart).toHaveBeenLastCalledWith(["a", "b"], true, expect.anything()));
    await fireEvent.click(within(rows[1]).getByTestId("run-compare"));
    await waitFor(() => expect(screen.getByTestId("runs-compare-chart").dataset.ids).toBe("b"));
  });

  it("re-reads the list when a run starts and ends, not at every step", async () => {
    const lab = labWith([]);
    render(RunsList, { lab });
    await screen.findByTestId("runs-empty");
    const reads = lab.listRuns.mock.calls.length;
    await labStore.start(lab, [pretrainRequest("fresh")]);
    lab.begin("r1");
    await waitFor(() => expect(screen.getAllByTestId("run-row").map((r) => r.dataset.runId)).toEqual(["r1"]));
    const afterStart = lab.listRuns.mock.calls.length;
    expect(afterStart).toBeGreaterThan(reads);
    for (let step = 1; step <= 30; step++) lab.emit(stepEvent("r1", step, 8 - step / 10));
    // The running row shows the newest numbers without a re-read.
    await waitFor(() => expect(screen.getByTestId("run-train-loss").textContent).toBe("5.00"));
    expect(lab.listRuns.mock.calls.length).toBe(afterStart);
    // Running: neither deletable nor openable yet.
    expect((screen.getByTestId("run-delete") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("run-open") as HTMLButtonElement).disabled).toBe(true);
    lab.end("r1");
    lab.finishQueue();
    await waitFor(() => expect(lab.listRuns.mock.calls.length).toBeGreaterThan(afterStart));
    await waitFor(() => expect(screen.getByTestId("run-status").textContent).toBe("finished"));
  });

  it("keeps the list it has when a re-read fails, and says so", async () => {
    const lab = labWith();
    render(RunsList, { lab });
    await waitFor(() => expect(screen.getAllByTestId("run-row")).toHaveLength(4));
    lab.listRuns.mockRejectedValueOnce({ message: "runs folder unreadable" });
    await labStore.start(lab, [pretrainRequest("x")]);
    await waitFor(() => expect(screen.getByTestId("runs-error").textContent).toContain("runs folder unreadable"));
    expect(screen.getAllByTestId("run-row").length).toBeGreaterThanOrEqual(4);
  });

  it("is exported, with the controls, the chart and the store, from the folder's index", () => {
    expect(index.RunsList).toBe(RunsList);
    expect(index.TrainingControls).toBe(TrainingControls);
    expect(index.labStore).toBe(labStore);
    expect(index.LiveChart).toBeTruthy();
  });
});
