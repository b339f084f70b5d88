import { describe, expect, it } from "vitest";
import { lessonPages, turnPage } from "./navigation";

const pages = lessonPages(["intro", "moe", "product"]);

describe("turning pages", () => {
  it("puts the quiz after the sections", () => {
    expect(pages).toEqual(["intro", "moe", "product", "quiz"]);
  });

  it("moves within a lesson", () => {
    expect(turnPage(2, "intro", pages, 11, 1)).toEqual({ page: "lesson", id: 2, section: "moe" });
    expect(turnPage(2, "moe", pages, 11, -1)).toEqual({ page: "lesson", id: 2, section: "intro" });
  });

  it("crosses into the next lesson at its start and the previous one at its quiz", () => {
    expect(turnPage(2, "quiz", pages, 11, 1)).toEqual({ page: "lesson", id: 3, section: null });
    expect(turnPage(2, "intro", pages, 11, -1)).toEqual({ page: "lesson", id: 1, section: "quiz" });
  });

  it("stops at the ends of the course", () => {
    expect(turnPage(1, "intro", pages, 11, -1)).toBeNull();
    expect(turnPage(11, "quiz", pages, 11, 1)).toBeNull();
  });
});
