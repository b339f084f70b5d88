import "../../generation/testSetup";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { ModelEntry } from "../../generation/engine";
import type { Completion, DistillationRun, HeldOutLoss, Workbench } from "../workbench";
import Distillation from "./Distillation.svelte";
import { Distillation as Exported } from "./index";
import {
  GREEDY,
  MAX_TOKENS,
  RERUN_COMMANDS,
  cleanCurve,
  compareLoss,
  decimalsOf,
  formatLoss,
  layoutChart,
  niceTicks,
  spreadLabels,
} from "./distill";
import { RERUN_MINUTES_ON_TWO_CORES } from "./strings";

const point = (step: number, valLoss: number) => ({ step, tokensSeen: step * 2048, valLoss });

/** As the backend sends them: text-only first; one curve out of order with its last step twice. */
const RUNS: DistillationRun[] = [
  {
    model: "student",
    teacher: null,
    temperature: null,
    alpha: null,
    parameters: 850_000,
    steps: 600,
    curve: [point(100, 6.4), point(300, 5.6), point(200, 5.9), point(400, 5.4), point(500, 5.3), point(600, 5.25), point(600, 5.22)],
  },
  {
    model: "student-distilled",
    teacher: "tiny",
    temperature: 2,
    alpha: 0.5,
    parameters: 850_000,
    steps: 600,
    curve: [point(100, 6.2), point(200, 5.7), point(300, 5.45), point(400, 5.3), point(500, 5.2), point(600, 5.15)],
  },
];

const loss = (zh: number, en: number): HeldOutLoss => {
  const mean = (zh + en) / 2;
  return { zh, en, mean, perplexity: Math.exp(mean), tokensPerLanguage: 1024 };
};

const LOSSES: Record<string, HeldOutLoss> = {
  tiny: loss(5.25, 3.97), // mean 4.61
  student: loss(5.6, 4.46), // mean 5.03
  "student-distilled": loss(5.56, 4.4), // mean 4.98
};

const completion = (text: string): Completion => ({ prompt: [], generated: [], probabilities: [], text, firstCandidates: [], ended: false });

type Fake = Pick<Workbench, "distillation" | "modelLoss" | "complete">;

function fakeWorkbench(overrides: Partial<Fake> = {}, losses = LOSSES) {
  return {
    distillation: vi.fn<Fake["distillation"]>(overrides.distillation ?? (async () => structuredClone(RUNS))),
    modelLoss: vi.fn<Fake["modelLoss"]>(
      overrides.modelLoss ??
        (async (model) => {
          const l = losses[model];
          if (!l) throw { message: `no model “${model}”` };
          return l;
        }),
    ),
    complete: vi.fn<Fake["complete"]>(overrides.complete ?? (async (model, prompt) => completion(`〈${model} after ${prompt}〉`))),
  };
}

const entry = (name: string, total: number): ModelEntry => ({
  name,
  info: {
    name,
    backend: "cpu",
    parameters: { total, activePerToken: total, embedding: 0, attention: 0, feedForward: 0, norms: 0, lmHead: 0 },
    config: {} as never,
  },
  summary: { zh: "", en: "" },
  error: null,
});
const engine = { listModels: vi.fn(async () => [entry("tiny", 2_498_304), entry("student", 850_000), entry("student-distilled", 850_000)]) };

beforeEach(() => {
  locale.lang = "en";
});

/** The x coordinates a path's M/L commands visit, in order. */
function pathXs(d: string): number[] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1]));
}

describe("the chart", () => {
  it("draws one line per run, its points in step order, and the teacher's loss as a line", async () => {
    render(Distillation, { workbench: fakeWorkbench(), engine });
    const chart = await screen.findByTestId("distill-chart");
    await waitFor(() => expect(within(chart).getByTestId("distill-teacher-line")).toBeTruthy());

    const paths = within(chart).getAllByTestId("distill-curve");
    expect(paths.map((p) => p.dataset.model).sort()).toEqual(["student", "student-distilled"]);
    for (const path of paths) {
      expect(path.dataset.steps).toBe("100,200,300,400,500,600");
      const xs = pathXs(path.getAttribute("d")!);
      expect(xs).toHaveLength(6);
      for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    }
    // Distinguishable by more than colour: one dashed, one solid.
    const dash = (model: string) => paths.find((p) => p.dataset.model === model)!.getAttribute("stroke-dasharray");
    expect(dash("student")).toBeTruthy();
    expect(dash("student-distilled")).toBeNull();
    expect(paths.find((p) => p.dataset.model === "student")!.getAttribute("stroke")).not.toBe(
      paths.find((p) => p.dataset.model === "student-distilled")!.getAttribute("stroke"),
    );

    expect(Number(within(chart).getByTestId("distill-teacher-line").dataset.loss)).toBeCloseTo(4.61, 6);
    // Each line is named at its end, with its last value (the later row of a repeated step).
    const labels = within(chart).getAllByTestId("distill-end-label");
    expect(labels.map((l) => l.textContent)).toEqual(expect.arrayContaining(["text only 5.22", "distilled 5.15", "teacher 4.61"]));
    // A legend in words, and the run's settings as the run reports them.
    expect(screen.getByText("Student (text only)", { selector: ".legend span" })).toBeTruthy();
    expect(screen.getByText("Teacher tiny's loss (held-out sample)")).toBeTruthy();
    expect(screen.getByTestId("distill-settings").textContent).toContain("temperature 2");
    expect(screen.getByTestId("distill-settings").textContent).toContain("50%");
    expect(document.body.textContent).toContain("larger validation sample");
  });

  it("speaks Chinese with the learner", async () => {
    locale.lang = "zh";
    render(Distillation, { workbench: fakeWorkbench(), engine });
    await waitFor(() => expect(screen.getAllByTestId("distill-end-label")).toHaveLength(3));
    expect(screen.getAllByTestId("distill-end-label").map((l) => l.textContent)).toEqual(
      expect.arrayContaining(["只学文字 5.22", "蒸馏 5.15", "老师 4.61"]),
    );
    expect(screen.getByText("验证损失（nats/词元）")).toBeTruthy();
    expect(screen.getByText("训练步数")).toBeTruthy();
  });
});

describe("the table", () => {
  it("shows each model's parameters and held-out losses as measured live", async () => {
    const workbench = fakeWorkbench();
    render(Distillation, { workbench, engine });
    await waitFor(() => expect(screen.getAllByTestId("distill-loss")).toHaveLength(9));
    expect(workbench.modelLoss.mock.calls.map((c) => c[0]).sort()).toEqual(["student", "student-distilled", "tiny"]);

    const rows = screen.getAllByTestId("distill-row");
    expect(rows.map((r) => r.dataset.model)).toEqual(["tiny", "student", "student-distilled"]);
    const cells = (model: string) =>
      Object.fromEntries(
        within(rows.find((r) => r.dataset.model === model)!)
          .getAllByTestId("distill-loss")
          .map((c) => [c.dataset.lang, c.querySelector(".big")!.textContent]),
      );
    expect(cells("tiny")).toEqual({ zh: "5.25", en: "3.97", mean: "4.61" });
    expect(cells("student")).toEqual({ zh: "5.60", en: "4.46", mean: "5.03" });
    expect(cells("student-distilled")).toEqual({ zh: "5.56", en: "4.40", mean: "4.98" });

    const teacherRow = rows[0];
    expect(teacherRow.textContent).toContain("2.5M");
    expect(teacherRow.textContent).toContain("ppl 100"); // e^4.61 ≈ 100.5, written whole from 100 up
    expect(teacherRow.textContent).toContain("ppl 53.0"); // e^3.97
    expect(rows[1].textContent).toContain("850K");
    expect(rows[1].textContent).toContain("34% of the teacher");
  });

  it("says the distilled student is lower when it is", async () => {
    render(Distillation, { workbench: fakeWorkbench(), engine });
    const diff = await screen.findByTestId("distill-diff");
    await waitFor(() => expect(screen.getByTestId("distill-diff").dataset.kind).toBe("lower"));
    expect(screen.getByTestId("distill-diff").textContent).toContain("0.05 nats lower after distillation");
    expect(screen.getByTestId("distill-diff").textContent).toContain("4.98");
    expect(screen.getByTestId("distill-diff").textContent).toContain("5.03");
    expect(document.body.textContent).toContain("Chinese lower by 0.04, English lower by 0.06");
    expect(diff).toBeTruthy();
  });

  it("says higher when distillation made it worse, never assuming a winner", async () => {
    const losses = { ...LOSSES, "student-distilled": loss(5.7, 4.6) }; // mean 5.15 vs 5.03
    render(Distillation, { workbench: fakeWorkbench({}, losses), engine });
    await waitFor(() => expect(screen.getByTestId("distill-diff").dataset.kind).toBe("higher"));
    expect(screen.getByTestId("distill-diff").textContent).toContain("0.12 nats higher after distillation");
    // The curves end the other way round (5.15 below 5.22): the widget says so.
    expect(screen.getByTestId("distill-order-flip")).toBeTruthy();
  });

  it("writes the difference in Chinese, for both signs and a tie", async () => {
    locale.lang = "zh";
    const first = render(Distillation, { workbench: fakeWorkbench(), engine });
    await waitFor(() => expect(screen.getByTestId("distill-diff").textContent).toContain("蒸馏后低 0.05 nats"));
    first.unmount();

    const higher = render(Distillation, { workbench: fakeWorkbench({}, { ...LOSSES, "student-distilled": loss(5.7, 4.6) }), engine });
    await waitFor(() => expect(screen.getByTestId("distill-diff").textContent).toContain("蒸馏后高 0.12 nats"));
    higher.unmount();

    render(Distillation, { workbench: fakeWorkbench({}, { ...LOSSES, "student-distilled": loss(5.601, 4.461) }), engine });
    await waitFor(() => expect(screen.getByTestId("distill-diff").dataset.kind).toBe("same"));
    expect(screen.getByTestId("distill-diff").textContent).toContain("两位小数上相同");
  });

  it("shows a model it cannot measure as an error in its row and compares nothing", async () => {
    const losses = { tiny: LOSSES.tiny, student: LOSSES.student };
    render(Distillation, { workbench: fakeWorkbench({}, losses), engine });
    await waitFor(() => expect(screen.getByTestId("distill-loss-error").textContent).toContain("no model “student-distilled”"));
    expect(screen.getByTestId("distill-diff").dataset.kind).toBe("unavailable");
    expect(screen.getAllByTestId("distill-loss")).toHaveLength(6);
  });
});

describe("continuations", () => {
  it("asks all three models for a greedy continuation of the same opening", async () => {
    const workbench = fakeWorkbench();
    render(Distillation, { workbench, engine });
    const box = screen.getByTestId("distill-prompt") as HTMLTextAreaElement;
    await fireEvent.input(box, { target: { value: "床前明月" } });
    await fireEvent.click(screen.getByTestId("distill-run"));

    await waitFor(() => expect(screen.getAllByTestId("distill-written")).toHaveLength(3));
    expect(workbench.complete).toHaveBeenCalledTimes(3);
    expect(workbench.complete.mock.calls.map((c) => c[0]).sort()).toEqual(["student", "student-distilled", "tiny"]);
    for (const call of workbench.complete.mock.calls) {
      expect(call[1]).toBe("床前明月");
      expect(call[2]).toBe(MAX_TOKENS);
      expect(call[3]).toEqual({ temperature: 0, topK: 0, topP: 1, seed: 0 });
    }
    expect(GREEDY.temperature).toBe(0);
    const outputs = screen.getAllByTestId("distill-output");
    expect(outputs.map((o) => o.dataset.model)).toEqual(["tiny", "student", "student-distilled"]);
    expect(outputs[2].textContent).toContain("〈student-distilled after 床前明月〉");
  });

  it("runs a preset's opening at once, with Enter too, and refuses an empty one", async () => {
    const workbench = fakeWorkbench();
    render(Distillation, { workbench, engine });
    await fireEvent.click(screen.getAllByTestId("distill-preset").find((b) => b.dataset.preset === "truth")!);
    await waitFor(() => expect(workbench.complete).toHaveBeenCalledTimes(3));
    expect(workbench.complete.mock.calls.every((c) => c[1] === "It is a truth")).toBe(true);
    await waitFor(() => expect((screen.getByTestId("distill-run") as HTMLButtonElement).disabled).toBe(false));

    const box = screen.getByTestId("distill-prompt");
    await fireEvent.input(box, { target: { value: "Emma" } });
    await fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(workbench.complete).toHaveBeenCalledTimes(6));

    await waitFor(() => expect((screen.getByTestId("distill-run") as HTMLButtonElement).disabled).toBe(false));
    await fireEvent.input(box, { target: { value: "   " } });
    await fireEvent.click(screen.getByTestId("distill-run"));
    expect(screen.getByTestId("distill-prompt-error")).toBeTruthy();
    expect(workbench.complete).toHaveBeenCalledTimes(6);
  });

  it("shows a model that cannot write beside the ones that can, and is busy meanwhile", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const workbench = fakeWorkbench({
      complete: vi.fn(async (model: string) => {
        await gate;
        if (model === "student") throw { message: "cannot read models/student" };
        return completion(" and more");
      }),
    });
    render(Distillation, { workbench, engine });
    await fireEvent.click(screen.getByTestId("distill-run"));
    expect((screen.getByTestId("distill-run") as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId("distill-run").textContent).toContain("Generating");
    release();
    await waitFor(() => expect(screen.getByTestId("distill-output-error").textContent).toContain("cannot read models/student"));
    expect(screen.getAllByTestId("distill-written")).toHaveLength(2);
    await waitFor(() => expect((screen.getByTestId("distill-run") as HTMLButtonElement).disabled).toBe(false));
  });
});

describe("when the runs cannot be read", () => {
  it("shows the message and everything else that works", async () => {
    const workbench = fakeWorkbench({
      distillation: vi.fn(async () => {
        throw { message: "cannot read models/student/train.csv: No such file" };
      }),
    });
    render(Distillation, { workbench, engine });
    const error = await screen.findByTestId("distill-error");
    expect(error.textContent).toContain("cannot read models/student/train.csv: No such file");
    expect(screen.queryByTestId("distill-chart")).toBeNull();

    // The table, the continuations and the commands still work.
    await waitFor(() => expect(screen.getAllByTestId("distill-loss")).toHaveLength(9));
    expect(screen.getAllByTestId("distill-row").map((r) => r.dataset.model)).toEqual(["tiny", "student", "student-distilled"]);
    expect(screen.getAllByTestId("distill-row")[1].textContent).toContain("850K");
    await waitFor(() => expect(screen.getByTestId("distill-diff").dataset.kind).toBe("lower"));
    await fireEvent.click(screen.getByTestId("distill-run"));
    await waitFor(() => expect(screen.getAllByTestId("distill-written")).toHaveLength(3));
    expect(screen.getByTestId("distill-commands").textContent).toContain(RERUN_COMMANDS[1]);
  });
});

describe("re-running it", () => {
  it("gives the two commands exactly as the config files do, and how long they take", async () => {
    render(Distillation, { workbench: fakeWorkbench(), engine });
    expect(screen.getAllByTestId("distill-command").map((c) => c.textContent)).toEqual([...RERUN_COMMANDS]);
    for (const name of ["student.toml", "student-distilled.toml"]) {
      const config = readFileSync(resolve(process.cwd(), "../crates/train/configs", name), "utf8");
      for (const command of RERUN_COMMANDS) expect(config).toContain(`#   ${command}`);
    }
    expect(screen.getByTestId("distill-minutes").textContent).toContain(`about ${RERUN_MINUTES_ON_TWO_CORES} minutes`);
    locale.lang = "zh";
    await waitFor(() => expect(screen.getByTestId("distill-minutes").textContent).toContain(`大约要 ${RERUN_MINUTES_ON_TWO_CORES} 分钟`));
  });

  it("copies the commands", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(Distillation, { workbench: fakeWorkbench(), engine });
    await fireEvent.click(screen.getByTestId("distill-copy"));
    await waitFor(() => expect(screen.getByTestId("distill-copy").textContent).toContain("Copied"));
    expect(writeText).toHaveBeenCalledWith(RERUN_COMMANDS.join("\n"));
  });

  it("is exported from the folder's index", () => {
    expect(Exported).toBe(Distillation);
  });
});

describe("the arithmetic", () => {
  it("puts a curve in step order, one point per step, the later row winning", () => {
    expect(cleanCurve(RUNS[0].curve).map((p) => [p.step, p.valLoss])).toEqual([
      [100, 6.4],
      [200, 5.9],
      [300, 5.6],
      [400, 5.4],
      [500, 5.3],
      [600, 5.22],
    ]);
    expect(cleanCurve([point(1, NaN), point(2, 3)])).toHaveLength(1);
  });

  it("compares to two decimals, with the sign it has", () => {
    expect(compareLoss(4.98, 5.03)).toEqual({ kind: "lower", amount: 0.05 });
    expect(compareLoss(5.15, 5.03)).toEqual({ kind: "higher", amount: 0.12 });
    expect(compareLoss(5.031, 5.03)).toEqual({ kind: "same", amount: 0 });
    expect(formatLoss(4.6109)).toBe("4.61");
    expect(formatLoss(NaN)).toBe("—");
  });

  it("chooses round ticks that cover the range", () => {
    expect(niceTicks(0, 600, 6)).toEqual([0, 100, 200, 300, 400, 500, 600]);
    const y = niceTicks(4.55, 6.45, 5);
    expect(y[0]).toBeLessThanOrEqual(4.55);
    expect(y.at(-1)).toBeGreaterThanOrEqual(6.45);
    expect(y).toEqual([4.5, 5, 5.5, 6, 6.5]);
    expect(decimalsOf(y)).toBe(1);
    expect(decimalsOf([0, 100, 200])).toBe(0);
    expect(decimalsOf([5, 5.25])).toBe(2);
  });

  it("keeps line-end names apart and inside the plot", () => {
    const placed = spreadLabels([100, 104, 50], 20, 0, 200);
    expect(placed[2]).toBe(50);
    expect(Math.abs(placed[1] - placed[0])).toBeGreaterThanOrEqual(20);
    const crowded = spreadLabels([195, 198, 199], 20, 0, 200);
    expect(Math.max(...crowded)).toBeLessThanOrEqual(200);
    expect(Math.min(...crowded)).toBeGreaterThanOrEqual(0);
  });

  it("lays the chart out inside its width, teacher line included", () => {
    const series = RUNS.map((r) => ({
      model: r.model,
      role: r.teacher ? ("distilled" as const) : ("text" as const),
      points: cleanCurve(r.curve),
      label: "x 5.00",
    }));
    const layout = layoutChart({ series, teacher: { value: 4.61, label: "teacher 4.61" }, steps: 600, width: 700, em: 14 });
    expect(layout.width).toBe(700);
    expect(layout.teacherY).toBeGreaterThan(layout.plot.top);
    expect(layout.teacherY).toBeLessThan(layout.plot.bottom);
    for (const line of layout.lines)
      for (const p of line.points) {
        expect(p.x).toBeGreaterThanOrEqual(layout.plot.left);
        expect(p.x).toBeLessThanOrEqual(layout.plot.right);
        expect(p.y).toBeGreaterThanOrEqual(layout.plot.top);
        expect(p.y).toBeLessThanOrEqual(layout.plot.bottom);
      }
    expect(layout.xTicks.at(-1)!.value).toBe(600);
    expect(layout.labels).toHaveLength(3);
  });
});
