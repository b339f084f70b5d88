import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeCommand, launchApp, screenshot, screenshotScreen, type Browser } from "./app";
import type { Lesson } from "../src/lib/generated/Lesson";

let browser: Browser;

beforeAll(async () => {
  browser = await launchApp();
});
afterAll(async () => {
  await browser?.deleteSession();
});

async function text(selector: string) {
  return (await browser.$(selector)).getText();
}

async function waitForPage(lessonId: number) {
  await browser.waitUntil(
    async () => (await browser.$(`[data-testid="lesson"][data-lesson-id="${lessonId}"]`)).isExisting(),
    { timeout: 10_000, timeoutMsg: `lesson ${lessonId} did not open` },
  );
}

describe("the app shell", () => {
  it("shows the 11 lectures and the Playground on the home screen", async () => {
    const list = await browser.$('[data-testid="lesson-list"]');
    await list.waitForExist({ timeout: 20_000 });
    expect(await browser.$$('[data-testid="lesson-card"]').length).toBe(11);
    expect(await (await browser.$('[data-testid="playground-card"]')).isExisting()).toBe(true);
    expect(await browser.getTitle()).toContain("Glassbox");
    await screenshot(browser, "01-home");
  });

  it("opens lecture 1 in Chinese, switches to English and back in the same place", async () => {
    await (await browser.$$('[data-testid="lesson-card"]'))[0].click();
    await waitForPage(1);
    const zhTitle = await text('[data-testid="lesson-title"]');
    expect(zhTitle).toMatch(/[\u4e00-\u9fff]/);
    await screenshot(browser, "02-lesson1-zh");

    await browser.keys(["ArrowRight"]);
    await browser.waitUntil(async () => (await browser.$('[data-testid="lesson"]').getAttribute("data-page")) !== "map");
    const page = await browser.$('[data-testid="lesson"]').getAttribute("data-page");

    await (await browser.$('[data-testid="lang-en"]')).click();
    await browser.waitUntil(async () => !/[\u4e00-\u9fff]/.test(await text('[data-testid="lesson-title"]')), {
      timeout: 5_000,
      timeoutMsg: "the lesson title did not switch to English",
    });
    expect(await browser.$('[data-testid="lesson"]').getAttribute("data-page")).toBe(page);
    await screenshot(browser, "03-lesson1-en");

    await (await browser.$('[data-testid="lang-zh"]')).click();
    await browser.waitUntil(async () => (await text('[data-testid="lesson-title"]')) === zhTitle);
    expect(await browser.$('[data-testid="lesson"]').getAttribute("data-page")).toBe(page);
  });

  it("answers lecture 1's quiz", async () => {
    const lesson = await invokeCommand<Lesson>(browser, "lesson", { id: 1, lang: "zh" });
    const quizUrl = "#/lesson/1/quiz";
    await browser.execute((hash: string) => (location.hash = hash), quizUrl);
    await (await browser.$('[data-testid="quiz"]')).waitForExist();
    const questions = await browser.$$('[data-testid="quiz-question"]');
    expect(questions.length).toBe(lesson.quiz.length);
    for (const [i, q] of lesson.quiz.entries()) {
      const radios = await questions[i].$$('input[type="radio"]');
      await radios[q.answer].scrollIntoView({ block: "center" });
      await radios[q.answer].click();
    }
    await (await browser.$('[data-testid="quiz-check"]')).click();
    expect(await text('[data-testid="quiz-score"]')).toContain(`${lesson.quiz.length} / ${lesson.quiz.length}`);
    await screenshot(browser, "04-lesson1-quiz");
  });

  it("goes on to lecture 2 with the arrow key", async () => {
    await browser.keys(["ArrowRight"]);
    await waitForPage(2);
    expect(await browser.$('[data-testid="lesson"]').getAttribute("data-page")).not.toBe("quiz");
    await screenshot(browser, "05-lesson2");
  });

  it("enters and leaves presenter mode", async () => {
    await (await browser.$('[data-testid="presenter-toggle"]')).click();
    await (await browser.$('[data-testid="exit-presenter"]')).waitForExist();
    expect(await (await browser.$('[data-testid="presenter-toggle"]')).isExisting()).toBe(false);
    const fontSize = await browser.execute(() => getComputedStyle(document.documentElement).fontSize);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(24);
    await browser.pause(500); // let the window reach full screen before the picture
    screenshotScreen("06-presenter");

    await browser.keys(["Escape"]);
    await (await browser.$('[data-testid="presenter-toggle"]')).waitForExist();
    expect(await (await browser.$('[data-testid="exit-presenter"]')).isExisting()).toBe(false);
  });

  it("walks every page of every lesson: every live widget renders, and a placeholder appears only for a planned one", async () => {
    for (let id = 1; id <= 11; id++) {
      const lesson = await invokeCommand<Lesson>(browser, "lesson", { id, lang: "zh" });
      const status = new Map(lesson.widgets.map((w) => [w.name, w.status]));
      for (const section of lesson.sections) {
        await browser.execute((hash: string) => (location.hash = hash), `#/lesson/${id}/${section.id}`);
        await browser.waitUntil(
          async () => (await browser.$(`[data-section-id="${section.id}"]`)).isExisting(),
          { timeout: 5_000, timeoutMsg: `lesson ${id} section ${section.id} did not render` },
        );
        expect(await browser.$$('[data-testid="widget-error"]').length, `lesson ${id} #${section.id}`).toBe(0);
        for (const placeholder of await browser.$$('[data-testid="widget-planned"]')) {
          const name = (await placeholder.getAttribute("data-widget")) ?? "";
          expect(status.get(name), `lesson ${id}: live widget ${name} shows a placeholder`).toBe("planned");
        }
        for (const live of await browser.$$('[data-testid="widget-live"]')) {
          const name = (await live.getAttribute("data-widget")) ?? "";
          expect(status.get(name), `lesson ${id}: widget ${name}`).toBe("live");
        }
      }
    }
  });

  it("goes back home with Esc", async () => {
    await browser.keys(["Escape"]);
    await (await browser.$('[data-testid="lesson-list"]')).waitForExist({ timeout: 5_000 });
  });
});
