import { expect } from "vitest";
import { invokeCommand, screenshot, type Browser } from "./app";
import type { Lesson } from "../src/lib/generated/Lesson";

/** Answers from the model take a while on a loaded 2-core machine. */
export const MODEL_TIMEOUT = 90_000;

/**
 * What the lesson end-to-end tests do on a page: open the page that holds a widget, type,
 * click, wait for text, answer a quiz. Bound to one browser session.
 */
export function lessonPage(getBrowser: () => Browser) {
  const $ = (selector: string) => getBrowser().$(selector);

  async function text(selector: string): Promise<string> {
    return (await $(selector)).getText();
  }

  /** Opens the page of `lesson` that holds `widget`, and waits for the widget. */
  async function openWidget(lesson: number, widget: string) {
    const browser = getBrowser();
    const data = await invokeCommand<Lesson>(browser, "lesson", { id: lesson, lang: "zh" });
    const section = data.sections.find((s) => s.blocks.some((b) => b.kind === "widget" && b.name === widget));
    expect(section, `lesson ${lesson} places ${widget}`).toBeDefined();
    await browser.execute((hash: string) => (location.hash = hash), `#/lesson/${lesson}/${section!.id}`);
    const slot = await $(`[data-testid="widget-live"][data-widget="${widget}"]`);
    await slot.waitForExist({ timeout: 10_000, timeoutMsg: `${widget} did not render` });
    await slot.scrollIntoView({ block: "start" });
  }

  /** Sets a text field the way typing does: the value changes, then `input` fires. */
  async function typeInto(selector: string, value: string) {
    const box = await $(selector);
    await box.waitForExist({ timeout: 10_000 });
    await getBrowser().execute(
      (el: HTMLInputElement, v: string) => {
        el.focus();
        el.value = v;
        el.dispatchEvent(new Event("input", { bubbles: true }));
      },
      box as unknown as HTMLInputElement,
      value,
    );
  }

  async function click(selector: string) {
    const element = await $(selector);
    await element.waitForClickable({ timeout: 10_000 });
    await element.click();
  }

  /** Scrolls the part of a widget a screenshot is about to the middle of the window. */
  async function show(selector: string) {
    await (await $(selector)).scrollIntoView({ block: "center" });
  }

  async function waitForText(selector: string, pattern: RegExp, timeout = MODEL_TIMEOUT) {
    await getBrowser().waitUntil(async () => pattern.test(await text(selector)), {
      timeout,
      timeoutMsg: `${selector} never matched ${pattern}`,
    });
  }

  async function answerQuiz(lesson: number, name: string) {
    const browser = getBrowser();
    const data = await invokeCommand<Lesson>(browser, "lesson", { id: lesson, lang: "zh" });
    await browser.execute((hash: string) => (location.hash = hash), `#/lesson/${lesson}/quiz`);
    await (await $('[data-testid="quiz"]')).waitForExist();
    const questions = await browser.$$('[data-testid="quiz-question"]');
    expect(questions.length).toBe(data.quiz.length);
    for (const [i, q] of data.quiz.entries()) {
      const radios = await questions[i].$$('input[type="radio"]');
      await radios[q.answer].scrollIntoView({ block: "center" });
      await radios[q.answer].click();
    }
    await click('[data-testid="quiz-check"]');
    expect(await text('[data-testid="quiz-score"]')).toContain(`${data.quiz.length} / ${data.quiz.length}`);
    await screenshot(browser, name);
  }

  return { $, text, openWidget, typeInto, click, show, waitForText, answerQuiz };
}
