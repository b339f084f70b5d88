/** The data-cleaning widget's arithmetic: counts, shares, sums and the cleaner's diffs. */
import type { CleanedUnit } from "../../lib/generated/CleanedUnit";
import type { CleaningEdits } from "../../lib/generated/CleaningEdits";
import type { CleaningPreview } from "../../lib/generated/CleaningPreview";
import type { CorpusStats } from "../../lib/generated/CorpusStats";
import type { DocumentsDropped } from "../../lib/generated/DocumentsDropped";
import type { DropReason } from "../../lib/generated/DropReason";
import type { LanguageStats } from "../../lib/generated/LanguageStats";
import type { LinesDropped } from "../../lib/generated/LinesDropped";
import type { SourceStats } from "../../lib/generated/SourceStats";
import type { TextCounts } from "../../lib/generated/TextCounts";

export type { CleanedUnit, CleaningEdits, CleaningPreview, CorpusStats, DropReason, LanguageStats, SourceStats, TextCounts };

/** The most characters the backend cleans at once (src-tauri's MAX_PROMPT_CHARS). */
export const MAX_SAMPLE_CHARS = 4000;

/** A count with thousands separators, the same in both languages, as the lesson writes them: 57,607. */
export function formatNumber(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/**
 * `part` as a percentage of `whole`, one decimal: "43.8%". Never rounds up to 100% or down to
 * 0% when something was removed or kept; "—" when there is no whole.
 */
export function formatShare(part: number, whole: number): string {
  if (!(whole > 0)) return "—";
  if (part === whole) return "100%";
  if (part === 0) return "0%";
  const p = (part / whole) * 100;
  if (p > 99.9 && p < 100) return "99.9%";
  if (p < 0.1) return "<0.1%";
  return `${p.toFixed(1)}%`;
}

/** Several counts added up. */
export function sumCounts(counts: TextCounts[]): TextCounts {
  return counts.reduce(
    (sum, c) => ({ documents: sum.documents + c.documents, lines: sum.lines + c.lines, characters: sum.characters + c.characters }),
    { documents: 0, lines: 0, characters: 0 },
  );
}

/** Every language added up: the whole corpus, raw and kept. */
export function corpusTotal(languages: LanguageStats[]): Omit<LanguageStats, "language"> {
  return {
    raw: sumCounts(languages.map((l) => l.raw)),
    kept: sumCounts(languages.map((l) => l.kept)),
    train: sumCounts(languages.map((l) => l.train)),
    valid: sumCounts(languages.map((l) => l.valid)),
    lines_dropped: languages.reduce((n, l) => n + l.lines_dropped, 0),
    duplicates_removed: languages.reduce((n, l) => n + l.duplicates_removed, 0),
    documents_dropped: languages.reduce((n, l) => n + l.documents_dropped, 0),
  };
}

/**
 * Whether more documents came out than went in: the novels are cut into chapters, so a
 * "document" changes meaning on the way. A share of raw would be meaningless there.
 */
export function isSplit(raw: number, kept: number): boolean {
  return kept > raw;
}

/** The order the widget lists each kind of count in, and only the ones that happened. */
export const LINE_DROP_KEYS = ["missing_characters", "foreign_characters", "editorial", "blank", "headings", "front_and_back_matter"] as const;
export type LineDropKey = (typeof LINE_DROP_KEYS)[number];
export const EDIT_KEYS = ["notes_removed", "markup_removed", "punctuation_normalised", "whitespace_removed"] as const;
export type EditKey = (typeof EDIT_KEYS)[number];
export const DOCUMENT_DROP_KEYS = ["not_regulated_verse", "duplicate", "empty"] as const;
export type DocumentDropKey = (typeof DOCUMENT_DROP_KEYS)[number];

type Entry<K> = { key: K; count: number };

/** The non-zero counts of `record` among `keys`, largest first (ties keep `keys`' order). */
function nonZero<K extends string>(record: Record<K, number>, keys: readonly K[]): Entry<K>[] {
  return keys
    .map((key) => ({ key, count: record[key] ?? 0 }))
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count);
}

export const lineDropEntries = (dropped: LinesDropped) => nonZero<LineDropKey>(dropped, LINE_DROP_KEYS);
export const editEntries = (edits: CleaningEdits) => nonZero<EditKey>(edits, EDIT_KEYS);
/** Whole documents left out; duplicates are always listed, even none, since they are the question. */
export function documentDropEntries(dropped: DocumentsDropped): Entry<DocumentDropKey>[] {
  const entries = nonZero<DocumentDropKey>(dropped, DOCUMENT_DROP_KEYS);
  return entries.some((e) => e.key === "duplicate") ? entries : [...entries, { key: "duplicate", count: 0 }];
}

/** Bar lengths (0-100) on one scale for every source: the largest raw text is the full width. */
export function barScale(sources: SourceStats[]): (characters: number) => number {
  const max = Math.max(0, ...sources.map((s) => s.raw.characters));
  return (characters) => (max > 0 ? Math.max(0, Math.min(100, (characters / max) * 100)) : 0);
}

// ----- the cleaner --------------------------------------------------------------------------

/** Characters as the backend counts them: code points, so 𫛶 counts once. */
export function characterCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export type SampleProblem = { kind: "empty" } | { kind: "tooLong"; count: number };

/** What stops a text from being cleaned before asking the backend, or null when it can go. */
export function sampleProblem(text: string): SampleProblem | null {
  if (text.trim() === "") return { kind: "empty" };
  const count = characterCount(text);
  return count > MAX_SAMPLE_CHARS ? { kind: "tooLong", count } : null;
}

/** The order drop reasons are listed in the totals. */
export const DROP_REASONS: DropReason[] = ["missingCharacters", "foreignCharacters", "editorial", "noAuthorText", "duplicate", "blank"];

export type PreviewSummary = {
  kept: number;
  total: number;
  dropped: Entry<DropReason>[];
  edits: Entry<EditKey>[];
};

/** The cleaner's totals: units kept of all, drops by reason (in DROP_REASONS order), edits. */
export function summarise(preview: CleaningPreview): PreviewSummary {
  const counts = new Map<DropReason, number>();
  for (const u of preview.units) if (u.dropped) counts.set(u.dropped, (counts.get(u.dropped) ?? 0) + 1);
  return {
    kept: preview.units.filter((u) => u.dropped === null).length,
    total: preview.units.length,
    dropped: DROP_REASONS.filter((r) => counts.has(r)).map((key) => ({ key, count: counts.get(key)! })),
    edits: EDIT_KEYS.map((key) => ({ key, count: preview.edits[key] })).filter((e) => e.count > 0),
  };
}

/** The edits inside one kept unit, in EDIT_KEYS order. */
export const unitEdits = (unit: CleanedUnit) => EDIT_KEYS.map((key) => ({ key, count: unit.edits[key] })).filter((e) => e.count > 0);

export type Piece = { text: string; kind: "same" | "removed" | "added" };
export type UnitDiff = { original: Piece[]; cleaned: Piece[] };

/** Diffs larger than this many comparisons are not worked out (the unit is shown plain). */
export const MAX_DIFF_CELLS = 1_000_000;

const isSpace = (c: string) => /\s/u.test(c);
/** A line break that became a space, or a space that stayed, is the same whitespace. */
const sameChar = (a: string, b: string) => a === b || (isSpace(a) && isSpace(b));

function push(pieces: Piece[], text: string, kind: Piece["kind"]) {
  const last = pieces.at(-1);
  if (last && last.kind === kind) last.text += text;
  else pieces.push({ text, kind });
}

/**
 * What cleaning took out of `original` (removed) and put into `cleaned` (added), by a longest
 * common subsequence of characters; a half-width comma made full-width is one of each.
 * Null when the unit is too long to compare quickly.
 */
export function diffUnit(original: string, cleaned: string): UnitDiff | null {
  const a = [...original];
  const b = [...cleaned];
  let start = 0;
  while (start < a.length && start < b.length && sameChar(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && sameChar(a[endA - 1], b[endB - 1])) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) return null;

  // lcs[i][j]: the longest common subsequence of midA[i..] and midB[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = sameChar(midA[i], midB[j])
        ? lcs[(i + 1) * width + j + 1] + 1
        : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }

  const orig: Piece[] = [];
  const clean: Piece[] = [];
  const head = a.slice(0, start);
  if (head.length) {
    push(orig, head.join(""), "same");
    push(clean, b.slice(0, start).join(""), "same");
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sameChar(midA[i], midB[j])) {
      push(orig, midA[i++], "same");
      push(clean, midB[j++], "same");
    } else if (j < m && (i >= n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])) {
      push(clean, midB[j++], "added");
    } else {
      push(orig, midA[i++], "removed");
    }
  }
  if (endA < a.length) {
    push(orig, a.slice(endA).join(""), "same");
    push(clean, b.slice(endB).join(""), "same");
  }
  return { original: orig, cleaned: clean };
}

/** Removed whitespace made visible: a space as ␣, a tab as →, a line break as ↵. */
export function visibleWhitespace(text: string): string {
  return text.replace(/[ \u3000\u00a0]/g, "␣").replace(/\t/g, "→").replace(/\n/g, "↵");
}
