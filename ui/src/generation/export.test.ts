import "./testSetup";
import { describe, expect, it } from "vitest";
import { render } from "@testing-library/svelte";
import { escapeXml, exportFileName, serializeSvg, svgDocument, svgFromImage, svgSize } from "./export";
import { candidateBarsSvg, moeRoutingSvg, tokenChipsSvg, tokenGroupsSvg } from "./exportSvg";
import { CANDIDATE_TOKENS, PROMPT_TOKENS, END_OF_TEXT, routing } from "./fixtures";
import { RoutingStore } from "./routingStore";
import LoopDiagram from "./LoopDiagram.svelte";

/** Parses as XML the way an SVG file is read; fails the test on any error. */
function parseSvg(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  expect(doc.documentElement.tagName).toBe("svg");
  expect(doc.documentElement.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
  return doc;
}

describe("export", () => {
  it("builds a standalone SVG document with a white background and a size", () => {
    const svg = svgDocument(300.4, 120, `<circle cx="5" cy="5" r="4"/>`, "A & B <title>");
    const doc = parseSvg(svg);
    expect(doc.querySelector("title")?.textContent).toBe("A & B <title>");
    expect(doc.querySelector("rect")?.getAttribute("fill")).toBe("#ffffff");
    expect(svgSize(svg)).toEqual({ width: 301, height: 120 });
  });

  it("escapes text so token pieces like <E4 B8> stay text", () => {
    expect(escapeXml(`<E4 B8> & "x"`)).toBe("&lt;E4 B8&gt; &amp; &quot;x&quot;");
  });

  it("draws token chips with ids, dashed byte pieces and dark special tokens", () => {
    const svg = tokenChipsSvg([...PROMPT_TOKENS, END_OF_TEXT], { title: "Tokens" });
    const doc = parseSvg(svg);
    const texts = Array.from(doc.querySelectorAll("text"), (t) => t.textContent);
    expect(texts).toContain("今");
    expect(texts).toContain("<E5 A4>");
    expect(texts).toContain("1201");
    expect(doc.querySelectorAll('rect[stroke-dasharray]')).toHaveLength(2);
    expect(doc.querySelector('rect[fill="#1d2433"]')).not.toBeNull();
  });

  it("draws labelled groups of chips (the zh/en comparison)", () => {
    const doc = parseSvg(tokenGroupsSvg([{ label: "中文", tokens: PROMPT_TOKENS }, { label: "English", tokens: CANDIDATE_TOKENS }]));
    const texts = Array.from(doc.querySelectorAll("text"), (t) => t.textContent);
    expect(texts).toContain("中文");
    expect(texts).toContain("English");
  });

  it("draws candidate bars with values written out and the chosen one marked", () => {
    const svg = candidateBarsSvg(
      [
        { tokenId: 1, label: "“好”", probability: 0.46, after: 0.6, chosen: true },
        { tokenId: 2, label: "“热”", probability: 0.21, after: 0.3, chosen: false },
      ],
      { title: "Candidates", before: "model", after: "after", chosen: "chosen" },
    );
    const doc = parseSvg(svg);
    const texts = Array.from(doc.querySelectorAll("text"), (t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["46.0%", "60.0%", "21.0%", "✓ chosen"]));
  });

  it("draws MoE routing with 1-based expert numbers and load bars", () => {
    const store = new RoutingStore();
    store.reset(routing(0, 3));
    const cells = [0, 1].map((l) => [0, 1, 2].map((t) => store.choices(l, t)));
    const svg = moeRoutingSvg(["a", "b", "c"], cells, [store.load(0), store.load(1)], {
      title: "MoE",
      layer: (l) => `L${l}`,
      expert: (e) => `E${e}`,
      load: "Load",
    });
    const texts = Array.from(parseSvg(svg).querySelectorAll("text"), (t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining(["L1", "L2", "E1", "E4", "1", "2"]));
  });

  it("serialises a live SVG panel into a standalone file", () => {
    const { container } = render(LoopDiagram, { stage: "choose", details: { choose: "“好” 46%" } });
    const svg = container.querySelector("svg") as SVGSVGElement;
    const out = serializeSvg(svg, "Loop");
    const doc = parseSvg(out);
    expect(doc.documentElement.getAttribute("width")).toBe("700");
    expect(doc.querySelector("title")?.textContent).toBe("Loop");
    expect(out).toContain("“好” 46%");
    expect(out).not.toContain("class=");
  });

  it("wraps a canvas picture in an SVG and names files safely", () => {
    const doc = parseSvg(svgFromImage("data:image/png;base64,AAAA", 200, 100, "Attention"));
    expect(doc.querySelector("image")?.getAttribute("href")).toBe("data:image/png;base64,AAAA");
    expect(exportFileName("attention L1/H2 · 注意力", "png")).toBe("attention-L1-H2-注意力.png");
    expect(exportFileName("???", "svg")).toBe("glassbox.svg");
  });
});
