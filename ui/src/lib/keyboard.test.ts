import { describe, expect, it } from "vitest";
import { keyAction } from "./keyboard";

const press = (key: string, target: Partial<HTMLElement> = { tagName: "BODY" }, mods = {}) =>
  keyAction({ key, target: target as EventTarget, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe("keyboard", () => {
  it("turns pages with the arrows and leaves with Esc", () => {
    expect(press("ArrowRight")).toBe("next");
    expect(press("ArrowLeft")).toBe("previous");
    expect(press("Escape")).toBe("escape");
    expect(press("p")).toBe("presenter");
  });

  it("never turns pages while the learner types", () => {
    expect(press("ArrowRight", { tagName: "INPUT" })).toBeNull();
    expect(press("p", { tagName: "TEXTAREA" })).toBeNull();
    expect(press("Escape", { tagName: "INPUT" })).toBe("escape");
  });

  it("leaves shortcuts with modifiers to the system", () => {
    expect(press("ArrowLeft", { tagName: "BODY" }, { altKey: true })).toBeNull();
  });
});
