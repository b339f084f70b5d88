import "../../generation/testSetup";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { locale } from "../../lib/i18n.svelte";
import type { Workbench } from "../workbench";
import DataCleaning from "./DataCleaning.svelte";
import { DataCleaning as Exported } from "./index";
import {
  MAX_SAMPLE_CHARS,
  barScale,
  characterCount,
  corpusTotal,
  diffUnit,
  documentDropEntries,
  editEntries,
  formatNumber,
  formatShare,
  isSplit,
  lineDropEntries,
  sampleProblem,
  sumCounts,
  summarise,
  visibleWhitespace,
  type CleanedUnit,
  type CleaningEdits,
  type CleaningPreview,
  type CorpusStats,
  type SourceStats,
  type TextCounts,
} from "./cleaning";
import { SAMPLES, SAMPLE_EN, SAMPLE_ZH, cleaningStrings } from "./strings";

// ----- fixtures -----------------------------------------------------------------------------

const counts = (documents: number, lines: number, characters: number): TextCounts => ({ documents, lines, characters });
const edits = (e: Partial<CleaningEdits> = {}): CleaningEdits => ({
  notes_removed: 0,
  markup_removed: 0,
  punctuation_normalised: 0,
  whitespace_removed: 0,
  ...e,
});
const linesDropped = (d: Partial<SourceStats["lines_dropped"]> = {}): SourceStats["lines_dropped"] => ({
  blank: 0,
  headings: 0,
  front_and_back_matter: 0,
  editorial: 0,
  missing_characters: 0,
  foreign_characters: 0,
  ...d,
});

/** Distinctive numbers, shaped like models/corpus/stats.json: two Chinese sources, one English. */
const STATS: CorpusStats = {
  sources: [
    {
      source: "songci",
      language: "zh",
      package: "chinese-poetry 2.0.1 (npm), dist/songci",
      raw: counts(2000, 16000, 200000),
      kept: counts(1990, 15800, 198000),
      train: counts(1890, 15000, 188000),
      valid: counts(100, 800, 10000),
      lines_dropped: linesDropped({ editorial: 3, missing_characters: 120, foreign_characters: 9 }),
      edits: edits({ notes_removed: 5, whitespace_removed: 2 }),
      documents_dropped: { empty: 4, duplicate: 6, not_regulated_verse: 0 },
    },
    {
      source: "tangshi",
      language: "zh",
      package: "chinese-poetry 2.0.1 (npm), dist/quantangshi, OpenCC t2s",
      raw: counts(5000, 25000, 400000),
      kept: counts(3000, 11000, 175000),
      train: counts(2850, 10450, 166250),
      valid: counts(150, 550, 8750),
      lines_dropped: linesDropped({ editorial: 1, missing_characters: 60, foreign_characters: 700 }),
      edits: edits({ notes_removed: 400, punctuation_normalised: 230 }),
      documents_dropped: { empty: 7, duplicate: 61, not_regulated_verse: 1932 },
    },
    {
      source: "austen",
      language: "en",
      package: "janeaustenr 1.0.0 (Debian r-cran-janeaustenr 1.0.0-1)",
      raw: counts(6, 70000, 800000),
      kept: counts(250, 9000, 795000),
      train: counts(237, 8550, 755000),
      valid: counts(13, 450, 40000),
      lines_dropped: linesDropped({ blank: 11000, headings: 270, front_and_back_matter: 40, editorial: 15 }),
      edits: edits({ markup_removed: 2800, whitespace_removed: 6400 }),
      documents_dropped: { empty: 0, duplicate: 0, not_regulated_verse: 0 },
    },
  ],
  languages: [
    {
      language: "zh",
      raw: counts(7000, 41000, 600000),
      kept: counts(4990, 26800, 373000),
      train: counts(4740, 25450, 354250),
      valid: counts(250, 1350, 18750),
      lines_dropped: 893,
      duplicates_removed: 67,
      documents_dropped: 2010,
    },
    {
      language: "en",
      raw: counts(6, 70000, 800000),
      kept: counts(250, 9000, 795000),
      train: counts(237, 8550, 755000),
      valid: counts(13, 450, 40000),
      lines_dropped: 11325,
      duplicates_removed: 0,
      documents_dropped: 0,
    },
  ],
};

const unit = (original: string, cleaned: string | null, dropped: CleanedUnit["dropped"] = null, e: Partial<CleaningEdits> = {}): CleanedUnit => ({
  original,
  cleaned,
  dropped,
  edits: edits(e),
});

/** What the backend answers for a Chinese sample like SAMPLE_ZH (preview.rs). */
const ZH_PREVIEW: CleaningPreview = {
  language: "zh",
  units: [
    unit("床前明月光，疑是地上霜。", "床前明月光，疑是地上霜。"),
    unit("举头望明月, 低头思故乡。", "举头望明月，低头思故乡。", null, { punctuation_normalised: 1, whitespace_removed: 1 }),
    unit("阑风长雨（一作「东风细雨」）秋纷纷。", "阑风长雨秋纷纷。", null, { notes_removed: 1 }),
    unit("（下缺）", null, "editorial"),
    unit("独坐幽篁里，弹琴复长□。", null, "missingCharacters"),
    unit("深林人不知，明月来相け照。", null, "foreignCharacters"),
    unit("", null, "blank"),
    unit("床前明月光, 疑是地上霜。", null, "duplicate"),
  ],
  edits: edits({ notes_removed: 1, punctuation_normalised: 1, whitespace_removed: 1 }),
};

const EN_PREVIEW: CleaningPreview = {
  language: "en",
  units: [
    unit("It is a _truth_.", "It is a truth.", null, { markup_removed: 2 }),
    unit("* * *", null, "noAuthorText"),
    unit("It is a truth.", null, "duplicate"),
  ],
  edits: edits({ markup_removed: 2 }),
};

type Fake = Pick<Workbench, "corpusStats" | "cleanSample">;

function fakeWorkbench(overrides: Partial<Fake> = {}) {
  return {
    corpusStats: vi.fn<Fake["corpusStats"]>(overrides.corpusStats ?? (async () => structuredClone(STATS))),
    cleanSample: vi.fn<Fake["cleanSample"]>(
      overrides.cleanSample ?? (async (_text, language) => structuredClone(language === "zh" ? ZH_PREVIEW : EN_PREVIEW)),
    ),
  };
}

beforeEach(() => {
  locale.lang = "en";
});

const source = (name: string) => screen.getAllByTestId("cleaning-source").find((el) => el.dataset.source === name)!;
const input = () => screen.getByTestId("cleaning-input") as HTMLTextAreaElement;

// ----- the helpers --------------------------------------------------------------------------

describe("numbers", () => {
  it("writes counts with thousands separators in both languages", () => {
    expect(formatNumber(3878762)).toBe("3,878,762");
    expect(formatNumber(611)).toBe("611");
    expect(formatNumber(0)).toBe("0");
  });

  it("writes shares with one decimal, never rounding a loss away", () => {
    expect(formatShare(1699163, 3878762)).toBe("43.8%");
    expect(formatShare(5, 5)).toBe("100%");
    expect(formatShare(99_999, 100_000)).toBe("99.9%");
    expect(formatShare(1, 100_000)).toBe("<0.1%");
    expect(formatShare(0, 10)).toBe("0%");
    expect(formatShare(3, 0)).toBe("—");
  });

  it("adds up counts and languages", () => {
    expect(sumCounts([counts(1, 20, 300), counts(4000, 50000, 600000)])).toEqual(counts(4001, 50020, 600300));
    expect(sumCounts([])).toEqual(counts(0, 0, 0));
    const total = corpusTotal(STATS.languages);
    expect(total.raw.characters).toBe(1_400_000);
    expect(total.kept.characters).toBe(1_168_000);
    expect(total.duplicates_removed).toBe(67);
    expect(total.lines_dropped).toBe(12218);
    expect(total.documents_dropped).toBe(2010);
  });

  it("knows when documents were split rather than kept", () => {
    expect(isSplit(6, 269)).toBe(true);
    expect(isSplit(57607, 36383)).toBe(false);
    expect(isSplit(5, 5)).toBe(false);
  });

  it("lists only what happened, largest first, but always the duplicates", () => {
    expect(lineDropEntries(STATS.sources[1].lines_dropped).map((e) => e.key)).toEqual(["foreign_characters", "missing_characters", "editorial"]);
    expect(editEntries(STATS.sources[2].edits)).toEqual([
      { key: "whitespace_removed", count: 6400 },
      { key: "markup_removed", count: 2800 },
    ]);
    expect(documentDropEntries(STATS.sources[1].documents_dropped).map((e) => e.key)).toEqual(["not_regulated_verse", "duplicate", "empty"]);
    expect(documentDropEntries(STATS.sources[2].documents_dropped)).toEqual([{ key: "duplicate", count: 0 }]);
  });

  it("draws every source's bar on one scale", () => {
    const scale = barScale(STATS.sources);
    expect(scale(800000)).toBe(100);
    expect(scale(400000)).toBe(50);
    expect(scale(0)).toBe(0);
    expect(barScale([])(10)).toBe(0);
  });
});

describe("the real statistics", () => {
  const real: CorpusStats = JSON.parse(readFileSync(resolve(process.cwd(), "../models/corpus/stats.json"), "utf8"));

  it("add up: each language is the sum of its sources", () => {
    for (const l of real.languages) {
      const mine = real.sources.filter((s) => s.language === l.language);
      expect(sumCounts(mine.map((s) => s.raw))).toEqual(l.raw);
      expect(sumCounts(mine.map((s) => s.kept))).toEqual(l.kept);
      expect(mine.reduce((n, s) => n + s.documents_dropped.duplicate, 0)).toBe(l.duplicates_removed);
    }
  });

  it("render with the lesson's numbers", async () => {
    render(DataCleaning, { workbench: fakeWorkbench({ corpusStats: async () => real }) });
    await screen.findAllByTestId("cleaning-source");
    const tang = source("tangshi");
    // Lesson 7: "Tang poems: 57,607 in, only 36,383 kept ... 20,542 ... 611".
    for (const n of ["57,607", "36,383", "20,542", "611"]) expect(tang.textContent).toContain(n);
    const total = screen.getAllByTestId("cleaning-language-row").find((r) => r.dataset.language === "total")!;
    // "about 9.75 million characters in, about 7.52 million kept, about 77%".
    expect(total.textContent).toContain("9,749,406");
    expect(total.textContent).toContain("7,524,334");
    expect(total.textContent).toContain("77.2%");
  });
});

describe("the cleaner's helpers", () => {
  it("counts characters as the backend does and stops empty or long text", () => {
    expect(characterCount("鸳鸯㶉𫛶")).toBe(4);
    expect(sampleProblem("  \n ")).toEqual({ kind: "empty" });
    expect(sampleProblem("x".repeat(MAX_SAMPLE_CHARS))).toBeNull();
    expect(sampleProblem("𫛶".repeat(MAX_SAMPLE_CHARS + 1))).toEqual({ kind: "tooLong", count: MAX_SAMPLE_CHARS + 1 });
  });

  it("sums up a preview: kept of all, drops by reason, edits", () => {
    const s = summarise(ZH_PREVIEW);
    expect(s.kept).toBe(3);
    expect(s.total).toBe(8);
    expect(s.dropped.map((d) => d.key)).toEqual(["missingCharacters", "foreignCharacters", "editorial", "duplicate", "blank"]);
    expect(s.edits).toEqual([
      { key: "notes_removed", count: 1 },
      { key: "punctuation_normalised", count: 1 },
      { key: "whitespace_removed", count: 1 },
    ]);
  });

  it("marks what cleaning removed and what it put in", () => {
    const d = diffUnit("举头望明月, 低头思故乡。", "举头望明月，低头思故乡。")!;
    expect(d.original).toEqual([
      { text: "举头望明月", kind: "same" },
      { text: ", ", kind: "removed" },
      { text: "低头思故乡。", kind: "same" },
    ]);
    expect(d.cleaned).toEqual([
      { text: "举头望明月", kind: "same" },
      { text: "，", kind: "added" },
      { text: "低头思故乡。", kind: "same" },
    ]);
    const note = diffUnit("四海（一作「万里」）八荒", "四海八荒")!;
    expect(note.original.filter((p) => p.kind === "removed").map((p) => p.text)).toEqual(["（一作「万里」）"]);
    expect(note.cleaned).toEqual([{ text: "四海八荒", kind: "same" }]);
  });

  it("treats a joined line break as the same whitespace, and only extra spaces as removed", () => {
    const d = diffUnit("a _single_ man  in\npossession", "a single man in possession")!;
    expect(d.original.filter((p) => p.kind === "removed").map((p) => p.text).join("")).toBe("__ ");
    expect(d.cleaned.every((p) => p.kind === "same")).toBe(true);
    expect(visibleWhitespace(" \u3000\n\t")).toBe("␣␣↵→");
  });

  it("does not compare units too long to diff quickly", () => {
    expect(diffUnit("a".repeat(1200) + "x", "b".repeat(1200))).toBeNull();
    expect(diffUnit("same", "same")).toEqual({ original: [{ text: "same", kind: "same" }], cleaned: [{ text: "same", kind: "same" }] });
  });
});

describe("the samples", () => {
  const zhLines = SAMPLE_ZH.split("\n");

  it("give the Chinese cleaner every rule to apply", () => {
    expect(zhLines.some((l) => / /.test(l.trim()))).toBe(true); // a space inside a line
    expect(zhLines.some((l) => /[,?!]/.test(l))).toBe(true); // half-width punctuation
    expect(zhLines.some((l) => /\p{Script=Han}（一作「.+?」）/u.test(l))).toBe(true); // an inline variant reading
    expect(zhLines).toContain("（下缺）"); // a line that is only a note
    expect(zhLines.some((l) => l.includes("□"))).toBe(true);
    expect(zhLines.some((l) => /\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Cyrillic}/u.test(l))).toBe(true);
    expect(zhLines.some((l) => l.includes("\uFFFD"))).toBe(true);
    expect(zhLines.some((l) => /[A-Za-z]/.test(l))).toBe(true);
    expect(zhLines).toContain("");
    // A line that cleans to an earlier one: the same once spaces go and punctuation is full-width.
    const normalise = (l: string) => l.replace(/\s/g, "").replace(/,/g, "，").replace(/\?/g, "？").replace(/!/g, "！");
    const cleaned = zhLines.filter((l) => l.trim() !== "").map(normalise);
    expect(new Set(cleaned).size).toBeLessThan(cleaned.length);
    expect(zhLines.filter((l) => l.trim() !== "")).toHaveLength(new Set(zhLines.filter((l) => l.trim() !== "")).size);
  });

  it("give the English cleaner every rule to apply", () => {
    const paragraphs = SAMPLE_EN.split(/\n\s*\n/);
    expect(paragraphs.some((p) => /_\w+_/.test(p))).toBe(true); // italics
    expect(paragraphs.some((p) => /[.\w]\*$/m.test(p))).toBe(true); // a footnote asterisk
    expect(paragraphs.some((p) => /\S \[[^\]]+\]/.test(p))).toBe(true); // an inline [note]
    expect(paragraphs).toContain("* * *");
    expect(paragraphs.some((p) => /^\*[A-Za-z]/.test(p))).toBe(true); // a footnote
    expect(paragraphs.some((p) => /\S {2}\S/.test(p))).toBe(true); // a double space
    expect(paragraphs.some((p) => /[\u201c\u201d]/.test(p))).toBe(true); // curly quotes
    expect(paragraphs.some((p) => p.includes("\n"))).toBe(true); // a hard-wrapped paragraph
    // The last paragraph is the first without its markup and line break: a duplicate.
    const strip = (p: string) => p.replace(/[_*]/g, "").replace(/\s+/g, " ");
    expect(strip(paragraphs.at(-1)!)).toBe(strip(paragraphs[0]));
    expect(paragraphs.at(-1)).not.toBe(paragraphs[0]);
  });

  it("fit in what the backend takes", () => {
    for (const text of Object.values(SAMPLES)) expect(sampleProblem(text)).toBeNull();
  });
});

// ----- the statistics -----------------------------------------------------------------------

describe("the statistics", () => {
  it("is exported under its name and asks for the report once", async () => {
    expect(Exported).toBe(DataCleaning);
    const workbench = fakeWorkbench();
    render(DataCleaning, { workbench });
    expect(screen.getByTestId("data-cleaning")).toBeTruthy();
    await screen.findAllByTestId("cleaning-source");
    expect(workbench.corpusStats).toHaveBeenCalledTimes(1);
    expect(workbench.cleanSample).not.toHaveBeenCalled();
  });

  it("shows every source with its package, raw → kept counts and shares", async () => {
    render(DataCleaning, { workbench: fakeWorkbench() });
    const cards = await screen.findAllByTestId("cleaning-source");
    expect(cards.map((c) => c.dataset.source)).toEqual(["songci", "tangshi", "austen"]);

    const tang = source("tangshi");
    expect(within(tang).getByRole("heading").textContent).toBe("Tang poems (唐诗)");
    expect(within(tang).getByTestId("cleaning-package").textContent).toBe("chinese-poetry 2.0.1 (npm), dist/quantangshi, OpenCC t2s");
    const row = (name: string) => tang.querySelector(`tr[data-row="${name}"]`)!;
    expect([...row("documents").querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["5,000", "3,000", "60.0%"]);
    expect([...row("characters").querySelectorAll("td")].map((td) => td.textContent?.trim())).toEqual(["400,000", "175,000", "43.8%"]);

    const dropped = within(tang).getByTestId("cleaning-documents-dropped");
    expect(dropped.querySelector('[data-key="not_regulated_verse"]')!.textContent).toContain("1,932");
    expect(dropped.querySelector('[data-key="duplicate"]')!.textContent).toContain("61");
    const lines = within(tang).getByTestId("cleaning-lines-dropped");
    expect(lines.querySelector('[data-key="foreign_characters"]')!.textContent).toContain("700");
    expect(lines.querySelector('[data-key="blank"]')).toBeNull();
    const edited = within(tang).getByTestId("cleaning-edits");
    expect(edited.querySelector('[data-key="notes_removed"]')!.textContent).toContain("400");
    expect(edited.querySelector('[data-key="punctuation_normalised"]')!.textContent).toContain("230");
    expect(within(tang).getByTestId("cleaning-split").textContent).toContain("2,850 / 150");
    expect(within(tang).getByTestId("cleaning-split").textContent).toContain("5.0% to validation");
  });

  it("explains Austen's documents going from novels to chapters, and only there", async () => {
    render(DataCleaning, { workbench: fakeWorkbench() });
    await screen.findAllByTestId("cleaning-source");
    const austen = source("austen");
    const docs = [...austen.querySelectorAll('tr[data-row="documents"] td')].map((td) => td.textContent?.trim());
    expect(docs).toEqual(["6", "250", "split by chapter"]);
    const note = within(austen).getByTestId("cleaning-split-note");
    expect(note.textContent).toContain("6 novels");
    expect(note.textContent).toContain("250 chapters");
    expect(note.textContent).toContain("99.4%");
    expect(within(source("tangshi")).queryByTestId("cleaning-split-note")).toBeNull();
    expect(within(source("songci")).queryByTestId("cleaning-split-note")).toBeNull();
    // No duplicates is said, not hidden.
    expect(within(austen).getByTestId("cleaning-documents-dropped").querySelector('[data-key="duplicate"]')!.textContent).toContain("0");
  });

  it("draws raw and kept characters on one scale", async () => {
    render(DataCleaning, { workbench: fakeWorkbench() });
    await screen.findAllByTestId("cleaning-source");
    const width = (name: string, part: string) => (within(source(name)).getByTestId(`cleaning-bar-${part}`) as HTMLElement).style.width;
    expect(width("austen", "raw")).toBe("100%");
    expect(width("tangshi", "raw")).toBe("50%");
    expect(width("songci", "raw")).toBe("25%");
    // The kept part is a share of its own source's raw bar.
    expect(width("tangshi", "kept")).toBe("43.75%");
    expect(width("songci", "kept")).toBe("99%");
  });

  it("adds each language up, with a total", async () => {
    render(DataCleaning, { workbench: fakeWorkbench() });
    await screen.findAllByTestId("cleaning-source");
    const rows = screen.getAllByTestId("cleaning-language-row");
    expect(rows.map((r) => r.dataset.language)).toEqual(["zh", "en", "total"]);
    const cells = (r: HTMLElement) => [...r.querySelectorAll("td")].map((td) => td.textContent!.replace(/\s+/g, " ").trim());
    expect(cells(rows[0])).toEqual(["600,000", "373,000 62.2% kept", "2,010", "67", "893"]);
    expect(cells(rows[2])).toEqual(["1,400,000", "1,168,000 83.4% kept", "2,010", "67", "12,218"]);
  });

  it("speaks Chinese when the app does", async () => {
    locale.lang = "zh";
    render(DataCleaning, { workbench: fakeWorkbench() });
    await screen.findAllByTestId("cleaning-source");
    expect(within(source("songci")).getByRole("heading").textContent).toBe("宋词");
    expect(within(source("austen")).getByTestId("cleaning-split-note").textContent).toContain("6 部小说");
    expect(screen.getByTestId("data-cleaning").getAttribute("lang")).toBe("zh-CN");
    // Chinese first: the cleaner starts on the Chinese sample.
    expect(input().value).toBe(SAMPLE_ZH);
    expect(screen.getByTestId("cleaning-language-zh").getAttribute("aria-pressed")).toBe("true");
  });

  it("says so when the report cannot be read", async () => {
    render(DataCleaning, { workbench: fakeWorkbench({ corpusStats: async () => Promise.reject({ message: "cannot read stats.json" }) }) });
    const error = await screen.findByTestId("cleaning-stats-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("cannot read stats.json");
    expect(screen.queryAllByTestId("cleaning-source")).toHaveLength(0);
    // The cleaner still works without the report.
    expect(input().value).toBe(SAMPLE_EN);
  });
});

// ----- the cleaner --------------------------------------------------------------------------

describe("the cleaner", () => {
  it("cleans the sample and shows each unit, dropped ones with the reason", async () => {
    locale.lang = "zh";
    const workbench = fakeWorkbench();
    render(DataCleaning, { workbench });
    expect(screen.getByTestId("cleaning-idle")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    expect(workbench.cleanSample).toHaveBeenCalledWith(SAMPLE_ZH, "zh");

    const units = await screen.findAllByTestId("cleaning-unit");
    expect(units.map((u) => u.dataset.dropped)).toEqual(["", "", "", "editorial", "missingCharacters", "foreignCharacters", "blank", "duplicate"]);
    const zh = cleaningStrings.zh;
    expect(within(units[4]).getByTestId("cleaning-reason").textContent).toContain(zh.reason.missingCharacters);
    expect(units[4].querySelector("s")!.textContent).toBe("独坐幽篁里，弹琴复长□。");
    expect(within(units[7]).getByTestId("cleaning-reason").textContent).toContain(zh.reason.duplicate);
    expect(within(units[6]).getByText(zh.blankUnit)).toBeTruthy();

    // A changed unit: what went is struck out, what came is marked, and badges name the edits.
    expect(within(units[1]).getByTestId("cleaning-cleaned").textContent).toBe("举头望明月，低头思故乡。");
    expect(units[1].querySelector("del")!.textContent).toBe(",␣");
    expect(units[1].querySelector("ins")!.textContent).toBe("，");
    expect(within(units[1]).getAllByTestId("cleaning-edit").map((b) => b.dataset.edit)).toEqual(["punctuation_normalised", "whitespace_removed"]);
    expect(within(units[2]).getAllByTestId("cleaning-edit").map((b) => b.textContent)).toEqual(["删掉编者注×1"]);
    expect(within(units[0]).getAllByTestId("cleaning-edit").map((b) => b.dataset.edit)).toEqual(["none"]);

    const summary = screen.getByTestId("cleaning-summary").textContent!;
    expect(summary).toContain("保留 3 行，共 8 行");
    expect(summary).toContain("缺字 □ 1");
    expect(summary).toContain("重复 1");
    expect(summary).toContain("统一标点 1");
  });

  it("switches to the English sample and cleans it paragraph by paragraph", async () => {
    const workbench = fakeWorkbench();
    locale.lang = "zh";
    render(DataCleaning, { workbench });
    await fireEvent.click(screen.getByTestId("cleaning-language-en"));
    expect(input().value).toBe(SAMPLE_EN);
    expect(screen.getByTestId("cleaning-language-en").getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("cleaning-language-zh").getAttribute("aria-pressed")).toBe("false");
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    expect(workbench.cleanSample).toHaveBeenLastCalledWith(SAMPLE_EN, "en");
    const units = await screen.findAllByTestId("cleaning-unit");
    expect(units.map((u) => u.dataset.dropped)).toEqual(["", "noAuthorText", "duplicate"]);
    expect(screen.getByTestId("cleaning-summary").textContent).toContain("保留 1 段，共 3 段");
  });

  it("keeps each language's text and result apart", async () => {
    render(DataCleaning, { workbench: fakeWorkbench() });
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    await screen.findAllByTestId("cleaning-unit");
    await fireEvent.click(screen.getByTestId("cleaning-language-zh"));
    expect(input().value).toBe(SAMPLE_ZH);
    expect(screen.queryAllByTestId("cleaning-unit")).toHaveLength(0);
    await fireEvent.input(input(), { target: { value: "春眠不觉晓" } });
    await fireEvent.click(screen.getByTestId("cleaning-language-en"));
    expect(input().value).toBe(SAMPLE_EN);
    expect(screen.getAllByTestId("cleaning-unit")).toHaveLength(3);
    await fireEvent.click(screen.getByTestId("cleaning-language-zh"));
    expect(input().value).toBe("春眠不觉晓");
  });

  it("cleans edited text again, marking the old result stale until then", async () => {
    const workbench = fakeWorkbench({
      cleanSample: async (text) => ({
        language: "en",
        units: [unit(text, text.toUpperCase())],
        edits: edits(),
      }),
    });
    render(DataCleaning, { workbench });
    await fireEvent.input(input(), { target: { value: "first text" } });
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    await waitFor(() => expect(screen.getByTestId("cleaning-cleaned").textContent).toBe("FIRST TEXT"));
    expect(screen.queryByTestId("cleaning-stale")).toBeNull();

    await fireEvent.input(input(), { target: { value: "second text" } });
    expect(screen.getByTestId("cleaning-stale")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    expect(workbench.cleanSample).toHaveBeenLastCalledWith("second text", "en");
    await waitFor(() => expect(screen.getByTestId("cleaning-cleaned").textContent).toBe("SECOND TEXT"));
    expect(screen.queryByTestId("cleaning-stale")).toBeNull();
    expect(screen.getByTestId("cleaning-summary").textContent).toContain("Kept 1 of 1 paragraphs");
  });

  it("cleans on Ctrl+Enter, not on a plain Enter", async () => {
    const workbench = fakeWorkbench();
    render(DataCleaning, { workbench });
    await fireEvent.keyDown(input(), { key: "Enter" });
    await fireEvent.keyDown(input(), { key: "Enter", ctrlKey: true, isComposing: true });
    expect(workbench.cleanSample).not.toHaveBeenCalled();
    await fireEvent.keyDown(input(), { key: "Enter", ctrlKey: true });
    expect(workbench.cleanSample).toHaveBeenCalledTimes(1);
    await screen.findAllByTestId("cleaning-unit");
  });

  it("says what is wrong with empty or long text without asking the backend", async () => {
    const workbench = fakeWorkbench();
    render(DataCleaning, { workbench });
    await fireEvent.input(input(), { target: { value: "  \n  " } });
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    const error = screen.getByTestId("cleaning-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.dataset.kind).toBe("empty");
    expect(error.textContent).toContain(cleaningStrings.en.empty);
    expect(input().getAttribute("aria-invalid")).toBe("true");

    await fireEvent.input(input(), { target: { value: "x".repeat(MAX_SAMPLE_CHARS + 1) } });
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    expect(screen.getByTestId("cleaning-error").dataset.kind).toBe("tooLong");
    expect(screen.getByTestId("cleaning-error").textContent).toContain("4,001 characters, at most 4,000");
    expect(screen.getByTestId("cleaning-counter").textContent).toContain("4,001 / 4,000");
    expect(workbench.cleanSample).not.toHaveBeenCalled();

    // Fixing the text clears the message; restoring the sample does too.
    await fireEvent.input(input(), { target: { value: "fine" } });
    expect(screen.queryByTestId("cleaning-error")).toBeNull();
    await fireEvent.click(screen.getByTestId("cleaning-reset"));
    expect(input().value).toBe(SAMPLE_EN);
    expect((screen.getByTestId("cleaning-reset") as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the backend's error in an alert, and recovers on the next run", async () => {
    let fail = true;
    const workbench = fakeWorkbench({
      cleanSample: async () => {
        if (fail) throw { message: "the text has 4001 characters; the widgets take at most 4000" };
        return structuredClone(EN_PREVIEW);
      },
    });
    render(DataCleaning, { workbench });
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    const error = await screen.findByTestId("cleaning-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.dataset.kind).toBe("failed");
    expect(error.textContent).toContain("the text has 4001 characters; the widgets take at most 4000");
    expect((screen.getByTestId("cleaning-run") as HTMLButtonElement).disabled).toBe(false);

    fail = false;
    await fireEvent.click(screen.getByTestId("cleaning-run"));
    await screen.findAllByTestId("cleaning-unit");
    expect(screen.queryByTestId("cleaning-error")).toBeNull();
  });

  it("disables the button while cleaning and shows only the newest answer", async () => {
    const answers: ((p: CleaningPreview) => void)[] = [];
    const workbench = fakeWorkbench({ cleanSample: () => new Promise((resolve) => answers.push(resolve)) });
    render(DataCleaning, { workbench });
    const button = screen.getByTestId("cleaning-run") as HTMLButtonElement;
    await fireEvent.click(button);
    expect(button.disabled).toBe(true);
    expect(button.textContent).toContain(cleaningStrings.en.running);
    // Ctrl+Enter while busy asks again; the first answer, arriving late, is dropped.
    await fireEvent.keyDown(input(), { key: "Enter", ctrlKey: true });
    expect(answers).toHaveLength(2);
    answers[1]({ language: "en", units: [unit("new", "new")], edits: edits() });
    await waitFor(() => expect(screen.getByTestId("cleaning-cleaned").textContent).toBe("new"));
    answers[0]({ language: "en", units: [unit("old", "old")], edits: edits() });
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId("cleaning-cleaned").textContent).toBe("new");
    expect(button.disabled).toBe(false);
  });
});
