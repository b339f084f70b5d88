import { describe, expect, it } from "vitest";
import { formatHash, parseHash } from "./route";

describe("routes", () => {
  it("round-trips every page through the hash", () => {
    for (const route of [
      { page: "home" } as const,
      { page: "playground" } as const,
      { page: "playground", model: "run:1764-0" } as const,
      { page: "lesson", id: 4, section: null } as const,
      { page: "lesson", id: 11, section: "product" } as const,
    ]) {
      expect(parseHash(formatHash(route))).toEqual(route);
    }
  });

  it("sends anything unknown home", () => {
    expect(parseHash("#/lesson/zero")).toEqual({ page: "home" });
    expect(parseHash("#/nowhere")).toEqual({ page: "home" });
    expect(parseHash("")).toEqual({ page: "home" });
  });
});
