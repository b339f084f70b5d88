/**
 * jsdom lacks a 2D canvas and ResizeObserver: canvases draw nothing (getContext is null, as
 * in a browser without one) and sizes stay 0. Imported first by the lab's tests.
 */
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement["getContext"];
HTMLCanvasElement.prototype.toDataURL = () => "data:image/png;base64,iVBORw0KGgo=";

if (typeof globalThis.ResizeObserver === "undefined") {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

// Unmount what a test rendered (the project's vitest runs without globals, so
// @testing-library/svelte cannot register this itself).
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/svelte";
afterEach(() => cleanup());
