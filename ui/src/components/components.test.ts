import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import WidgetSlot from "./WidgetSlot.svelte";
import Quiz from "./Quiz.svelte";
import LanguageSwitch from "./LanguageSwitch.svelte";
import { locale } from "../lib/i18n.svelte";

describe("WidgetSlot", () => {
  it("shows a planned widget as an honest placeholder", () => {
    render(WidgetSlot, { name: "glossary", status: "planned" });
    const box = screen.getByTestId("widget-planned");
    expect(box.dataset.widget).toBe("glossary");
    expect(box.textContent).toContain("即将上线");
  });

  it("reports a live widget the app does not have instead of hiding it", () => {
    render(WidgetSlot, { name: "not-built-yet", status: "live" });
    expect(screen.getByTestId("widget-error").textContent).toContain("not-built-yet");
  });
});

describe("Quiz", () => {
  const questions = [
    { question: "GPT 有编码器吗？", choices: ["有", "没有"], answer: 1, explain: "GPT 只有解码器。" },
    { question: "MoE 每个 token 用几个专家？", choices: ["全部", "top-k 个"], answer: 1, explain: "路由选 top-k。" },
  ];

  it("checks answers only when every question is answered, then explains", async () => {
    render(Quiz, { questions, lessonId: 1 });
    const check = screen.getByTestId("quiz-check") as HTMLButtonElement;
    expect(check.disabled).toBe(true);
    const radios = screen.getAllByRole("radio");
    await fireEvent.click(radios[1]); // right
    await fireEvent.click(radios[2]); // wrong
    expect(check.disabled).toBe(false);
    await fireEvent.click(check);
    expect(screen.getByTestId("quiz-score").textContent).toContain("1 / 2");
    const feedback = screen.getAllByTestId("quiz-feedback").map((f) => f.textContent);
    expect(feedback[0]).toContain("答对了");
    expect(feedback[1]).toContain("top-k 个");
  });
});

describe("LanguageSwitch", () => {
  it("switches the UI language and marks the active one", async () => {
    render(LanguageSwitch);
    await fireEvent.click(screen.getByTestId("lang-en"));
    expect(locale.lang).toBe("en");
    expect(screen.getByTestId("lang-en").getAttribute("aria-pressed")).toBe("true");
    await fireEvent.click(screen.getByTestId("lang-zh"));
    expect(locale.lang).toBe("zh");
  });
});
