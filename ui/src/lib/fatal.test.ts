import { beforeEach, describe, expect, it, vi } from "vitest";
import { showFatalError } from "./fatal";

beforeEach(() => {
  document.body.innerHTML = '<div id="app"><p>half-drawn app</p></div>';
  vi.spyOn(console, "error").mockImplementation(() => {});
});

describe("showFatalError", () => {
  it("replaces the page with a bilingual message and the error text", () => {
    showFatalError(new TypeError("Attempted to assign to readonly property."));
    const box = document.querySelector('[data-testid="fatal-error"]')!;
    expect(box.querySelector("h1")!.textContent).toContain("无法启动");
    expect(box.querySelector("h1")!.textContent).toContain("could not start");
    expect(box.querySelector("pre")!.textContent).toContain("TypeError: Attempted to assign to readonly property.");
    expect(document.body.textContent).not.toContain("half-drawn app");
  });

  it("keeps the first error when more follow, and takes non-Error values", () => {
    showFatalError("first failure");
    showFatalError(new Error("second failure"));
    expect(document.querySelectorAll('[data-testid="fatal-error"]')).toHaveLength(1);
    expect(document.querySelector("pre")!.textContent).toBe("first failure");
  });
});
