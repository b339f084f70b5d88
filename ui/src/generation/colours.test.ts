import { describe, expect, it } from "vitest";
import { EXPERT_PALETTE, TOKEN_PALETTE, expertColour, textOnWeight, tokenColour, weightAt, weightColour, weightPosition, writeWeightRgba } from "./colours";

describe("tokenColour", () => {
  it("gives a token the same colour every time, from the one palette", () => {
    for (const id of [0, 1, 7, 42, 1201, 4095, 151_000]) {
      expect(tokenColour(id)).toBe(tokenColour(id));
      expect(TOKEN_PALETTE).toContain(tokenColour(id));
    }
  });

  it("uses every colour and usually differs for neighbouring ids", () => {
    const used = new Set(Array.from({ length: 200 }, (_, id) => tokenColour(id)));
    expect(used.size).toBe(TOKEN_PALETTE.length);
    let same = 0;
    for (let id = 0; id < 1000; id++) if (tokenColour(id) === tokenColour(id + 1)) same++;
    expect(same).toBeLessThan(100);
  });

  it("gives experts their own colours with legible text", () => {
    expect(expertColour(0)).toBe(EXPERT_PALETTE[0]);
    expect(expertColour(EXPERT_PALETTE.length)).toBe(EXPERT_PALETTE[0]);
    expect(EXPERT_PALETTE.map((c) => c.fill)).not.toContain(TOKEN_PALETTE[0]);
  });
});

describe("weight colours", () => {
  it("run along viridis, dark for 0 and yellow for 1", () => {
    expect(weightColour(0)).toBe("rgb(68, 1, 84)");
    expect(weightColour(1)).toBe("rgb(253, 231, 37)");
    expect(textOnWeight(0)).toBe("#ffffff");
    expect(textOnWeight(1)).toBe("#000000");
  });

  it("use a square-root scale whose inverse labels the legend", () => {
    expect(weightPosition(0.25)).toBeCloseTo(0.5);
    expect(weightAt(0.5)).toBeCloseTo(0.25);
    expect(weightPosition(-1)).toBe(0);
    expect(weightPosition(3)).toBe(1);
  });

  it("write opaque RGBA pixels", () => {
    const out = new Uint8ClampedArray(8);
    writeWeightRgba(1, out, 4);
    expect(Array.from(out.slice(4))).toEqual([253, 231, 37, 255]);
  });
});
