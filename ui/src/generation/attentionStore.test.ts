import { describe, expect, it } from "vitest";
import { AttentionStore } from "./attentionStore";
import { attentionRows, weight } from "./fixtures";
import { MASKED_RGB } from "./colours";

describe("AttentionStore", () => {
  it("takes the prefill's full matrices", () => {
    const store = new AttentionStore();
    store.reset(attentionRows(0, 5));
    expect(store.layers).toBe(2);
    expect(store.heads(0)).toBe(2);
    expect(store.length).toBe(5);
    expect(store.weight(1, 1, 4, 2)).toBeCloseTo(weight(1, 1, 4, 2));
    expect(store.weight(0, 0, 2, 3)).toBe(0); // masked: the future
  });

  it("appends one row per step without touching earlier rows", () => {
    const store = new AttentionStore();
    store.reset(attentionRows(0, 5));
    store.append(attentionRows(5, 1));
    store.append(attentionRows(6, 1));
    expect(store.length).toBe(7);
    expect(store.weight(0, 1, 6, 6)).toBeCloseTo(weight(0, 1, 6, 6));
    expect(store.weight(1, 0, 3, 1)).toBeCloseTo(weight(1, 0, 3, 1));
    const row = store.row(1, 1, 6);
    expect(row.length).toBe(7);
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it("grows past its first capacity and keeps every row (a full 256-token context)", () => {
    const store = new AttentionStore();
    store.reset(attentionRows(0, 3));
    for (let p = 3; p < 256; p++) store.append(attentionRows(p, 1));
    expect(store.length).toBe(256);
    expect(store.weight(1, 1, 2, 1)).toBeCloseTo(weight(1, 1, 2, 1));
    expect(store.weight(0, 0, 255, 100)).toBeCloseTo(weight(0, 0, 255, 100));
  });

  it("rewinds when rows restart earlier, and refuses a gap or a wrong shape", () => {
    const store = new AttentionStore();
    store.reset(attentionRows(0, 5));
    store.append(attentionRows(3, 1));
    expect(store.length).toBe(4);
    expect(() => store.append(attentionRows(9, 1))).toThrow(/position 9/);
    expect(() => store.append(attentionRows(4, 1, 3))).toThrow(/layers/);
    const bad = attentionRows(4, 1);
    bad[1].probabilities.pop();
    expect(() => store.append(bad)).toThrow(/weights/);
  });

  it("paints weights and the masked triangle as pixels", () => {
    const store = new AttentionStore();
    store.reset(attentionRows(0, 3));
    const out = new Uint8ClampedArray(3 * 3 * 4);
    store.paint(0, 0, 0, 3, out);
    // Row 0, column 2 is in the future: masked grey.
    expect(Array.from(out.slice((0 * 3 + 2) * 4, (0 * 3 + 2) * 4 + 3))).toEqual([...MASKED_RGB]);
    // Row 0, column 0 holds weight 1: viridis yellow.
    expect(Array.from(out.slice(0, 4))).toEqual([253, 231, 37, 255]);
  });
});
