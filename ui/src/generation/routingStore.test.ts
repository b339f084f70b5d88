import { describe, expect, it } from "vitest";
import { RoutingStore } from "./routingStore";
import { routing } from "./fixtures";

describe("RoutingStore", () => {
  it("accumulates the prompt's routing and each step's", () => {
    const store = new RoutingStore();
    expect(store.isEmpty).toBe(true);
    store.reset(routing(0, 5));
    store.append(routing(5, 1));
    expect(store.tokens).toBe(6);
    expect(store.layers).toBe(2);
    expect(store.experts(0)).toBe(4);
    expect(store.choices(0, 5)).toEqual([
      { expert: 1, gate: 0.7 },
      { expert: 2, gate: 0.3 },
    ]);
    expect(store.routerProbabilities(1, 0)).toEqual([0.1, 0.49, 0.21, 0.1]);
  });

  it("gives each expert's share of the work, summing to 1", () => {
    const store = new RoutingStore();
    store.reset(routing(0, 4));
    const load = store.load(0);
    expect(load).toEqual([0.25, 0.25, 0.25, 0.25]);
    store.append(routing(4, 1));
    expect(store.load(0).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it("refuses routing that does not match", () => {
    const store = new RoutingStore();
    store.reset(routing(0, 2));
    expect(() => store.append(routing(2, 1, 3))).toThrow(/layers/);
  });
});
