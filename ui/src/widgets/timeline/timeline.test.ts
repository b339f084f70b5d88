import "../../generation/testSetup";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import Timeline from "./Timeline.svelte";
import { Timeline as Exported } from "./index";
import { FIGURE_LABELS, NOT_PUBLISHED, TIMELINE_EVENTS } from "./timelineEvents";

const IDS = ["ngram", "rnn-lstm", "transformer", "gpt-1", "gpt-2", "gpt-3", "instructgpt", "chatgpt", "gpt-4", "gpt-4o", "o1"];

describe("the timeline's events", () => {
  it("run from n-grams to o1 in chronological order", () => {
    expect(TIMELINE_EVENTS.map((e) => e.id)).toEqual(IDS);
    const keys = TIMELINE_EVENTS.map((e) => e.sortKey);
    for (const key of keys) expect(key).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("carry the dates the lesson gives", () => {
    const key = (id: string) => TIMELINE_EVENTS.find((e) => e.id === id)!.sortKey;
    expect(key("rnn-lstm")).toMatch(/^1997/);
    expect(key("transformer")).toBe("2017-06");
    expect(key("gpt-1")).toBe("2018-06");
    expect(key("gpt-2")).toBe("2019-02");
    expect(key("gpt-3")).toBe("2020-05");
    expect(key("instructgpt")).toMatch(/^2022/);
    expect(key("chatgpt")).toBe("2022-11");
    expect(key("gpt-4")).toBe("2023-03");
    expect(key("gpt-4o")).toBe("2024-05");
    expect(key("o1")).toBe("2024-09");
    // N-gram has no single date, and says so.
    const ngram = TIMELINE_EVENTS[0];
    expect(ngram.date.zh).toContain("1948");
    expect(ngram.date.zh).toContain("1980");
    expect(ngram.date.en).toContain("Shannon");
  });

  it("all have both languages, figures and at least one source", () => {
    for (const e of TIMELINE_EVENTS) {
      for (const lang of ["zh", "en"] as const) {
        expect(e.title[lang].length, `${e.id} title ${lang}`).toBeGreaterThan(0);
        expect(e.date[lang].length, `${e.id} date ${lang}`).toBeGreaterThan(0);
        expect(e.axis[lang].length, `${e.id} axis ${lang}`).toBeGreaterThan(0);
        expect(e.summary[lang].length, `${e.id} summary ${lang}`).toBeGreaterThan(100);
        for (const key of Object.keys(FIGURE_LABELS) as (keyof typeof FIGURE_LABELS)[]) {
          expect(e.figures[key][lang].length, `${e.id} ${key} ${lang}`).toBeGreaterThan(0);
        }
      }
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) {
        expect(s.authors && s.title && s.where, e.id).toBeTruthy();
        expect(s.year).toBeGreaterThanOrEqual(1948);
        expect(s.year).toBeLessThanOrEqual(2024);
      }
    }
  });

  it("write Chinese with Chinese quotation marks and Chinese text in the zh fields", () => {
    for (const e of TIMELINE_EVENTS) {
      for (const text of [e.title.zh, e.date.zh, e.summary.zh, ...Object.values(e.figures).map((f) => f.zh)]) {
        expect(text, e.id).not.toMatch(/["']/);
      }
      expect(e.summary.zh, e.id).toMatch(/[\u4e00-\u9fff]/);
      expect(e.summary.en, e.id).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("say parameters are not published from ChatGPT on", () => {
    const firstHidden = TIMELINE_EVENTS.findIndex((e) => e.figures.params === NOT_PUBLISHED);
    expect(TIMELINE_EVENTS[firstHidden].id).toBe("chatgpt");
    for (const e of TIMELINE_EVENTS.slice(firstHidden)) expect(e.figures.params).toBe(NOT_PUBLISHED);
    const params = (id: string) => TIMELINE_EVENTS.find((e) => e.id === id)!.figures.params.en;
    expect(params("gpt-1")).toContain("117M");
    expect(params("gpt-2")).toContain("1.5B");
    expect(params("gpt-3")).toContain("175B");
  });
});

describe("Timeline", () => {
  beforeEach(() => {
    locale.lang = "zh";
  });
  afterEach(() => {
    locale.lang = "zh";
  });

  const selectedId = () => screen.getAllByTestId("timeline-event").find((b) => b.getAttribute("aria-selected") === "true")?.dataset.event;
  const detail = () => screen.getByTestId("timeline-detail");

  it("is exported from the folder's index", () => {
    expect(Exported).toBe(Timeline);
  });

  it("draws every event as a tab on the axis, in order, the first one chosen", () => {
    render(Timeline);
    const tabs = screen.getAllByTestId("timeline-event");
    expect(tabs.map((t) => t.dataset.event)).toEqual(IDS);
    expect(tabs.every((t) => t.tagName === "BUTTON" && t.getAttribute("role") === "tab")).toBe(true);
    expect(selectedId()).toBe("ngram");
    // Roving focus: only the chosen tab is in the tab order.
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, ...Array(IDS.length - 1).fill(-1)]);
    expect(detail().dataset.event).toBe("ngram");
    expect(detail().textContent).toContain("香农");
  });

  it("moves the selection with the arrow keys, Home and End", async () => {
    render(Timeline);
    const tabs = screen.getAllByTestId("timeline-event");
    tabs[0].focus();
    await fireEvent.keyDown(tabs[0], { key: "ArrowRight" });
    expect(selectedId()).toBe("rnn-lstm");
    expect(detail().textContent).toContain("Hochreiter");
    await waitFor(() => expect(document.activeElement).toBe(tabs[1]));

    await fireEvent.keyDown(tabs[1], { key: "ArrowRight" });
    await fireEvent.keyDown(tabs[2], { key: "ArrowRight" });
    expect(selectedId()).toBe("gpt-1");
    await fireEvent.keyDown(tabs[3], { key: "ArrowLeft" });
    expect(selectedId()).toBe("transformer");
    expect(detail().textContent).toContain("Attention Is All You Need");

    await fireEvent.keyDown(tabs[2], { key: "End" });
    expect(selectedId()).toBe("o1");
    // The ends do not wrap around.
    await fireEvent.keyDown(tabs[10], { key: "ArrowRight" });
    expect(selectedId()).toBe("o1");
    await fireEvent.keyDown(tabs[10], { key: "Home" });
    expect(selectedId()).toBe("ngram");
    await fireEvent.keyDown(tabs[0], { key: "ArrowLeft" });
    expect(selectedId()).toBe("ngram");
  });

  it("selects on click, and steps with the previous/next buttons", async () => {
    render(Timeline);
    await fireEvent.click(screen.getAllByTestId("timeline-event")[5]);
    expect(detail().dataset.event).toBe("gpt-3");
    expect(detail().textContent).toContain("1750 亿");
    expect(detail().textContent).toContain("arXiv:2005.14165");
    expect(screen.getByTestId("timeline-next").textContent).toContain("InstructGPT");
    await fireEvent.click(screen.getByTestId("timeline-next"));
    expect(detail().dataset.event).toBe("instructgpt");
    await fireEvent.click(screen.getByTestId("timeline-prev"));
    await fireEvent.click(screen.getByTestId("timeline-prev"));
    expect(detail().dataset.event).toBe("gpt-2");

    await fireEvent.click(screen.getAllByTestId("timeline-event")[0]);
    expect((screen.getByTestId("timeline-prev") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getAllByTestId("timeline-event")[10]);
    expect((screen.getByTestId("timeline-next") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the figures and marks what was not published", async () => {
    render(Timeline);
    await fireEvent.click(screen.getAllByTestId("timeline-event")[8]);
    const params = detail().querySelector('[data-figure="params"] dd')!;
    expect(params.textContent).toBe("未公开");
    expect(params.classList.contains("unpublished")).toBe(true);
    expect(screen.getAllByTestId("timeline-source")[0].textContent).toContain("“GPT-4 Technical Report”");
  });

  it("changes the card's language with the course language", async () => {
    render(Timeline);
    await fireEvent.click(screen.getAllByTestId("timeline-event")[4]);
    expect(detail().textContent).toContain("零样本");
    locale.lang = "en";
    await waitFor(() => expect(detail().textContent).toContain("zero-shot"));
    expect(detail().textContent).not.toContain("零样本");
    expect(detail().textContent).toContain("February 2019");
    expect(screen.getAllByTestId("timeline-event")[0].textContent).toContain("N-gram models");
    expect(detail().dataset.event).toBe("gpt-2");
    locale.lang = "zh";
    await waitFor(() => expect(detail().textContent).toContain("2019 年 2 月"));
  });
});
