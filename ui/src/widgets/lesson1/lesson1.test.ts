import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tick } from "svelte";
import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { locale } from "../../lib/i18n.svelte";
import { formatHash } from "../../lib/route";
import { ConceptMap, Glossary } from "./index";
import { GLOSSARY_TERMS, KINDS, SECTION_TITLES, searchTerms, sectionKey } from "./glossaryTerms";
import {
  CAPTIONS,
  CONCEPTS,
  FONT,
  VIEW,
  ancestors,
  chainText,
  conceptById,
  labelLines,
  lineRect,
  textWidth,
  type Rect,
} from "./conceptMapData";
import { highlight } from "./highlight";

const LESSONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../lessons");

/** Section ids and headings per lesson id, read from the lesson Markdown of one language. */
function lessonSections(lang: "zh" | "en"): Map<number, Map<string, string>> {
  const dir = join(LESSONS, lang);
  const out = new Map<number, Map<string, string>>();
  for (const file of readdirSync(dir)) {
    const m = /^(\d+)-[^.]+\.md$/.exec(file);
    if (!m) continue; // skips *.notes.md and quizzes
    const sections = new Map<string, string>();
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const h = /^##\s+(.*?)\s*\{#([a-z0-9-]+)\}\s*$/.exec(line);
      if (h) sections.set(h[2], h[1]);
    }
    out.set(Number(m[1]), sections);
  }
  return out;
}

async function search(value: string) {
  await fireEvent.input(screen.getByTestId("glossary-search"), { target: { value } });
}

function shownTerms(): string[] {
  return screen.queryAllByTestId("glossary-term").map((row) => row.dataset.term ?? "");
}

beforeEach(() => {
  locale.lang = "zh";
});
afterEach(() => {
  cleanup();
  locale.lang = "zh";
});

describe("glossary data", () => {
  it("gives every term a name, a kind and a definition in both languages", () => {
    const kinds = new Set(KINDS.map((k) => k.id));
    for (const term of GLOSSARY_TERMS) {
      expect(term.zh.trim(), term.en).not.toBe("");
      expect(term.en.trim(), term.zh).not.toBe("");
      expect(term.def.zh.trim(), term.en).not.toBe("");
      expect(term.def.en.trim(), term.en).not.toBe("");
      if (term.examples) {
        expect(term.examples.zh.trim(), term.en).not.toBe("");
        expect(term.examples.en.trim(), term.en).not.toBe("");
      }
      expect(kinds.has(term.kind), term.en).toBe(true);
      // The Chinese definition is Chinese and the English one is not.
      expect(term.def.zh, term.en).toMatch(/[\u4e00-\u9fff]/);
      expect(term.def.en, term.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const names = GLOSSARY_TERMS.map((t) => t.en);
    expect(new Set(names).size).toBe(names.length);
  });

  it("covers every term lesson 1 lists", () => {
    const wanted = [
      "Artificial intelligence", "Machine learning", "Deep learning", "Natural language processing",
      "Computer vision", "Speech", "Supervised learning", "Unsupervised learning", "Semi-supervised learning",
      "Reinforcement learning", "Self-supervised learning", "Architecture", "Transformer", "CNN", "RNN", "LSTM",
      "GAN", "Diffusion model", "Encoder", "Decoder", "Bidirectional attention", "Causal attention", "GPT", "BERT",
      "Mixture of Experts", "Expert", "Router", "Top-k routing", "Total vs active parameters", "RAG",
      "Knowledge graph", "Function calling", "Agent", "Chatbot", "Pre-training", "Fine-tuning",
      "Prompt engineering", "Distillation", "Pruning", "Quantization", "Emergence", "Hallucination",
      "Forgetting", "Context window", "Token", "LLM", "Parameter", "Expert system", "Search", "Bayesian network",
    ];
    const names = GLOSSARY_TERMS.map((t) => t.en);
    for (const w of wanted) expect(names.some((n) => n.includes(w)), w).toBe(true);
  });

  it("names the example algorithms of each learning paradigm", () => {
    const examples = (en: string) => GLOSSARY_TERMS.find((t) => t.en === en)?.examples?.en ?? "";
    expect(examples("Supervised learning")).toMatch(/logistic regression.*SVM.*k-NN.*decision trees.*random forests/);
    expect(examples("Unsupervised learning")).toMatch(/k-means.*hierarchical.*DBSCAN.*PCA.*t-SNE/);
    expect(examples("Semi-supervised learning")).toMatch(/pseudo-labels.*consistency/);
    expect(examples("Reinforcement learning (RL)")).toMatch(/Q-learning.*policy gradient.*DQN/);
  });

  it("gets the facts lesson 1 corrects right", () => {
    const def = (en: string) => GLOSSARY_TERMS.find((t) => t.en.startsWith(en))!.def;
    expect(def("GPT").en).toContain("no encoder");
    expect(def("GPT").zh).toContain("没有编码器");
    expect(def("Causal attention").en).toContain("GPT has no encoder");
    expect(def("Total vs active").en).toMatch(/46\.7B.*12\.9B/);
    expect(def("Mixture of Experts").en).toContain("parts of one model");
    expect(def("Emergence").en).toContain("contested");
    expect(def("“Forgetting”").en).toContain("context window");
  });

  it("links every term to a section that exists in the lesson files", () => {
    const zh = lessonSections("zh");
    expect(zh.get(1)?.has("transformer-gpt")).toBe(true); // the reader works
    for (const term of GLOSSARY_TERMS) {
      const sections = zh.get(term.link.lesson);
      expect(sections, `${term.en}: lesson ${term.link.lesson}`).toBeDefined();
      expect(sections!.has(term.link.section), `${term.en}: ${sectionKey(term.link)}`).toBe(true);
      expect(SECTION_TITLES[sectionKey(term.link)], `${term.en}: title of ${sectionKey(term.link)}`).toBeDefined();
    }
  });

  it("writes the linked sections' titles as the lessons do, in both languages", () => {
    const byLang = { zh: lessonSections("zh"), en: lessonSections("en") };
    for (const [key, title] of Object.entries(SECTION_TITLES)) {
      const [lesson, section] = key.split("/");
      for (const lang of ["zh", "en"] as const) {
        expect(title[lang], `${key} ${lang}`).toBe(byLang[lang].get(Number(lesson))?.get(section));
      }
    }
  });

  it("searches names first, then definitions and examples", () => {
    const found = searchTerms("attention").map((t) => t.en);
    expect(found.slice(0, 3).sort()).toEqual(["Attention", "Bidirectional attention", "Causal attention"]);
    expect(found).toContain("Transformer"); // its definition mentions attention
    expect(searchTerms("   ").length).toBe(GLOSSARY_TERMS.length);
    expect(searchTerms("fine tuning").map((t) => t.en)[0]).toBe("Fine-tuning");
  });

  it("highlights every match, whatever its case", () => {
    expect(highlight("Top-k routing sends to the top k", "TOP")).toEqual([
      { text: "Top", hit: true },
      { text: "-k routing sends to the ", hit: false },
      { text: "top", hit: true },
      { text: " k", hit: false },
    ]);
    expect(highlight("abc", " ")).toEqual([{ text: "abc", hit: false }]);
  });
});

describe("Glossary", () => {
  it("lists every term with both names, Chinese first, and a link", () => {
    render(Glossary);
    const rows = screen.getAllByTestId("glossary-term");
    expect(rows).toHaveLength(GLOSSARY_TERMS.length);
    const first = rows[0];
    const zh = first.querySelector(".zh")!;
    const en = first.querySelector(".en")!;
    expect(zh.textContent).toBe("人工智能");
    expect(en.textContent).toBe("Artificial intelligence (AI)");
    expect(zh.compareDocumentPosition(en) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getAllByTestId("glossary-link")).toHaveLength(GLOSSARY_TERMS.length);
  });

  it("finds a term by its Chinese name", async () => {
    render(Glossary);
    await search("因果注意力");
    expect(shownTerms()[0]).toBe("Causal attention");
    expect(screen.getAllByTestId("glossary-term")[0].querySelector("mark")?.textContent).toBe("因果注意力");
  });

  it("finds a term by its English name, ignoring case and surrounding spaces", async () => {
    render(Glossary);
    await search("  mixture OF experts ");
    expect(shownTerms()[0]).toBe("Mixture of Experts (MoE)");
    await search("rag");
    expect(shownTerms()[0]).toBe("Retrieval-augmented generation (RAG)");
  });

  it("finds a term by a word of its definition, in either language", async () => {
    render(Glossary);
    await search("鲁迅");
    expect(shownTerms()).toEqual(["Knowledge graph"]);
    await search("discriminator"); // English text while the UI is Chinese
    expect(shownTerms()).toEqual(["Generative adversarial network (GAN)"]);
    await search("DBSCAN"); // an example algorithm
    expect(shownTerms()).toEqual(["Unsupervised learning"]);
  });

  it("says so kindly, in both languages, when nothing matches", async () => {
    render(Glossary);
    await search("xyzzy");
    expect(shownTerms()).toEqual([]);
    const empty = screen.getByTestId("glossary-empty");
    expect(empty.textContent).toContain("没有找到“xyzzy”");
    expect(empty.textContent).toContain("Nothing found for “xyzzy”");
    await fireEvent.click(screen.getByText("清空搜索"));
    expect(shownTerms()).toHaveLength(GLOSSARY_TERMS.length);
  });

  it("filters by kind, and combines the filter with the search", async () => {
    render(Glossary);
    const chip = () => screen.getAllByTestId("glossary-kind").find((c) => c.dataset.kind === "product")!;
    await fireEvent.click(chip());
    expect(chip().getAttribute("aria-pressed")).toBe("true");
    const products = GLOSSARY_TERMS.filter((t) => t.kind === "product").map((t) => t.en);
    expect(shownTerms()).toEqual(products);
    expect(products).toContain("Agent");
    await search("检索");
    expect(shownTerms()).toEqual(["Retrieval-augmented generation (RAG)", "Knowledge graph"]);
    await search("Transformer");
    expect(shownTerms()).toEqual([]);
    const empty = screen.getByTestId("glossary-empty");
    expect(empty.textContent).toContain("产品形态");
    await fireEvent.click(screen.getByText("看全部类别"));
    expect(shownTerms()[0]).toBe("Transformer");
    expect(chip().getAttribute("aria-pressed")).toBe("false");
  });

  it("links each term to its lesson section", async () => {
    render(Glossary);
    await search("剪枝");
    const link = screen.getAllByTestId("glossary-link")[0] as HTMLAnchorElement;
    expect(link.getAttribute("href")).toBe("#/lesson/6/pruning");
    expect(link.textContent).toContain("第 6 课 · 剪枝：删掉不重要的权重");
    await search("hallucination");
    expect(screen.getAllByTestId("glossary-link")[0].getAttribute("href")).toBe("#/lesson/11/hallucination");
    const hrefs = screen.getAllByTestId("glossary-link").map((a) => a.getAttribute("href"));
    for (const href of hrefs) expect(href).toMatch(/^#\/lesson\/\d+\/[a-z0-9-]+$/);
    expect(formatHash({ page: "lesson", id: 4, section: "tokens" })).toBe("#/lesson/4/tokens");
  });

  it("shows definitions in the current language and keeps both names", async () => {
    render(Glossary);
    await search("token");
    const row = () => screen.getAllByTestId("glossary-term")[0];
    expect(row().dataset.term).toBe("Token");
    expect(row().querySelector(".def")?.textContent).toContain("最小单位");
    locale.lang = "en";
    await tick();
    expect(row().querySelector(".def")?.textContent).toContain("The unit a model reads and writes");
    expect(row().querySelector(".zh")?.textContent).toBe("词元");
    expect(screen.getAllByTestId("glossary-link")[0].textContent).toContain("Lesson 4 · Tokens");
    locale.lang = "zh";
    await tick();
    expect(row().querySelector(".def")?.textContent).toContain("最小单位");
  });

  it("clears the search on Escape without letting the key leave the lesson", async () => {
    render(Glossary);
    await search("agent");
    let reachedWindow = false;
    const listener = () => (reachedWindow = true);
    window.addEventListener("keydown", listener);
    await fireEvent.keyDown(screen.getByTestId("glossary-search"), { key: "Escape" });
    window.removeEventListener("keydown", listener);
    expect((screen.getByTestId("glossary-search") as HTMLInputElement).value).toBe("");
    expect(reachedWindow).toBe(false);
  });
});

describe("concept map data", () => {
  it("chains GPT up through the Transformer, deep learning and machine learning to AI", () => {
    expect(ancestors("gpt")).toEqual(["gpt", "transformer", "dl", "ml", "ai"]);
    expect(chainText("gpt", "zh")).toBe("GPT ⊂ Transformer ⊂ 深度学习 ⊂ 机器学习 ⊂ 人工智能");
    expect(chainText("gpt", "en")).toBe("GPT ⊂ Transformer ⊂ Deep learning ⊂ Machine learning ⊂ AI");
    expect(ancestors("moe")).toEqual(["moe", "transformer", "dl", "ml", "ai"]);
    expect(ancestors("ai")).toEqual(["ai"]);
  });

  it("puts NLP directly in AI, as an area that uses deep learning, not a ring inside it", () => {
    expect(ancestors("nlp")).toEqual(["nlp", "ai"]);
    expect(chainText("nlp", "zh")).toBe("自然语言处理 ⊂ 人工智能");
    expect(conceptById("nlp").uses).toEqual(["dl"]);
    for (const area of ["nlp", "cv", "speech"] as const) expect(conceptById(area).shape).toBe("area");
    for (const other of ["expert-systems", "search", "bayesian-networks"] as const) {
      expect(ancestors(other)).toEqual([other, "ai"]);
    }
  });

  it("has complete bilingual text for every concept", () => {
    const ids = CONCEPTS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CONCEPTS) {
      for (const field of [c.name, c.label, c.short, c.explain]) {
        expect(field.zh.trim(), c.id).not.toBe("");
        expect(field.en.trim(), c.id).not.toBe("");
      }
      expect(c.explain.en, c.id).not.toMatch(/[\u4e00-\u9fff]/);
      if (c.parent) expect(ids).toContain(c.parent);
    }
  });

  // ---- Layout: nothing overlaps, nothing is clipped ----

  const inside = (a: Rect, b: Rect, margin = 0) =>
    a.x >= b.x + margin && a.y >= b.y + margin && a.x + a.w <= b.x + b.w - margin && a.y + a.h <= b.y + b.h - margin;
  const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const view: Rect = { x: 0, y: 0, w: VIEW.w, h: VIEW.h };

  it("draws every concept inside its parent and inside the view", () => {
    for (const c of CONCEPTS) {
      expect(inside(c.box, view), c.id).toBe(true);
      if (c.parent) expect(inside(c.box, conceptById(c.parent).box, 6), c.id).toBe(true);
    }
  });

  it("keeps boxes apart except where an area deliberately crosses the rings", () => {
    for (const a of CONCEPTS) {
      for (const b of CONCEPTS) {
        if (a.id >= b.id) continue;
        if (ancestors(a.id).includes(b.id) || ancestors(b.id).includes(a.id)) continue;
        const areaOverRing =
          (a.shape === "area" && (b.id === "ml" || b.id === "dl")) ||
          (b.shape === "area" && (a.id === "ml" || a.id === "dl"));
        if (areaOverRing) continue;
        expect(overlaps(a.box, b.box), `${a.id} × ${b.id}`).toBe(false);
      }
    }
    // Each area really crosses both rings: it starts outside machine learning and reaches into deep learning.
    for (const area of ["nlp", "cv", "speech"] as const) {
      const box = conceptById(area).box;
      expect(box.x).toBeLessThan(conceptById("ml").box.x);
      expect(box.x + box.w).toBeGreaterThan(conceptById("dl").box.x + 200);
    }
  });

  it("fits every label inside its own box and clear of every other box and label", () => {
    const labels = CONCEPTS.flatMap((c) => labelLines(c).map((line) => ({ id: c.id, rect: lineRect(line) })));
    const caption = CAPTIONS.otherMethods;
    labels.push({
      id: "ai",
      rect: lineRect({ text: caption.zh, x: caption.x, y: caption.y, size: FONT.caption, anchor: "start", lang: "zh" }),
    });
    for (const { id, rect } of labels) {
      expect(inside(rect, conceptById(id).box, 4), `label of ${id}`).toBe(true);
      for (const other of CONCEPTS) {
        if (ancestors(id).includes(other.id)) continue;
        expect(overlaps(rect, other.box), `label of ${id} × box ${other.id}`).toBe(false);
      }
    }
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        expect(overlaps(labels[i].rect, labels[j].rect), `${labels[i].id} label × ${labels[j].id} label`).toBe(false);
      }
    }
    expect(textWidth("机器学习", 20)).toBe(80);
  });
});

describe("ConceptMap", () => {
  const node = (id: string) => screen.getAllByTestId("concept-node").find((n) => n.dataset.concept === id)!;

  it("draws every concept as a focusable, labelled button", () => {
    render(ConceptMap);
    const nodes = screen.getAllByTestId("concept-node");
    expect(nodes.map((n) => n.dataset.concept)).toEqual(CONCEPTS.map((c) => c.id));
    for (const n of nodes) {
      expect(n.getAttribute("role")).toBe("button");
      expect(n.getAttribute("tabindex")).toBe("0");
      expect(n.getAttribute("aria-label")).toBeTruthy();
      expect(n.getAttribute("aria-pressed")).toBe("false");
    }
    expect(node("gpt").textContent).toContain("GPT · 仅解码器");
    expect(node("gpt").textContent).toContain("decoder-only");
    expect(screen.getByTestId("concept-detail").textContent).toContain("还没有选中概念");
  });

  it("lights GPT and everything containing it, and explains it", async () => {
    render(ConceptMap);
    await fireEvent.click(node("gpt"));
    expect(node("gpt").getAttribute("aria-pressed")).toBe("true");
    for (const id of ["gpt", "transformer", "dl", "ml", "ai"]) expect(node(id).classList.contains("lit"), id).toBe(true);
    for (const id of ["bert", "moe", "nlp", "expert-systems"]) {
      expect(node(id).classList.contains("lit"), id).toBe(false);
      expect(node(id).classList.contains("dim"), id).toBe(true);
    }
    const detail = screen.getByTestId("concept-detail");
    expect(detail.textContent).toContain("GPT ⊂ Transformer ⊂ 深度学习 ⊂ 机器学习 ⊂ 人工智能");
    expect(detail.textContent).toContain("它没有编码器");
  });

  it("shows an area as inside AI only, pointing at the deep learning it uses", async () => {
    render(ConceptMap);
    await fireEvent.click(node("nlp"));
    expect(node("nlp").getAttribute("aria-pressed")).toBe("true");
    expect(node("ai").classList.contains("lit")).toBe(true);
    expect(node("ml").classList.contains("lit")).toBe(false);
    expect(node("dl").classList.contains("uses")).toBe(true);
    const detail = screen.getByTestId("concept-detail");
    expect(detail.textContent).toContain("自然语言处理 ⊂ 人工智能");
    expect(detail.textContent).toContain("今天主要用：深度学习");
  });

  it("selects with Enter and Space, one concept at a time", async () => {
    render(ConceptMap);
    await fireEvent.keyDown(node("moe"), { key: "Enter" });
    expect(node("moe").getAttribute("aria-pressed")).toBe("true");
    await fireEvent.keyDown(node("dl"), { key: " " });
    expect(node("dl").getAttribute("aria-pressed")).toBe("true");
    expect(node("moe").getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByTestId("concept-detail").textContent).toContain("深度学习 ⊂ 机器学习 ⊂ 人工智能");
    await fireEvent.keyDown(node("cv"), { key: "a" });
    expect(node("cv").getAttribute("aria-pressed")).toBe("false");
  });

  it("switches the explanation and the chain with the language", async () => {
    render(ConceptMap);
    await fireEvent.click(node("gpt"));
    locale.lang = "en";
    await tick();
    const detail = screen.getByTestId("concept-detail");
    expect(detail.textContent).toContain("GPT ⊂ Transformer ⊂ Deep learning ⊂ Machine learning ⊂ AI");
    expect(detail.textContent).toContain("It has no encoder.");
    locale.lang = "zh";
    await tick();
    expect(detail.textContent).toContain("它没有编码器");
  });
});
