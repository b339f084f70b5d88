/** The data-cleaning widget's words and sample texts, in both course languages. */
import type { CorpusLanguage } from "../../lib/generated/CorpusLanguage";
import type { CorpusSource } from "../../lib/generated/CorpusSource";
import type { Lang } from "../../lib/generated/Lang";
import type { DocumentDropKey, DropReason, EditKey, LineDropKey } from "./cleaning";

/**
 * One sample per language that sets off every rule the cleaner has (crates/train/src/corpus/
 * cleaning.rs and preview.rs), in the order a learner meets them.
 *
 * Chinese, one unit per line: a clean line; half-width punctuation and a space; two variant
 * readings （一作「…」）; a line that is only a note; a lost character □; kana garbling; "�";
 * a blank line; pinyin slipped into a Song ci line; the first line again with an English comma
 * and a space, which cleans to the same text and is dropped as a duplicate.
 */
export const SAMPLE_ZH = [
  "床前明月光，疑是地上霜。",
  "举头望明月, 低头思故乡。",
  "阑风长雨（一作「东风细雨」）秋纷纷，四海（一作「万里」）八荒同一云。",
  "（下缺）",
  "独坐幽篁里，弹琴复长□。",
  "深林人不知，明月来相け照。",
  "人闲桂花落，夜静春�山空。",
  "",
  "问君能有几多愁? 恰似一江春水向东流。",
  "明月几时有？把酒问qing天。",
  "床前明月光, 疑是地上霜。",
].join("\n");

/**
 * English, one unit per paragraph (blank lines between): `_italics_`, a footnote asterisk and
 * a hard-wrapped line; curly quotes, a double space and an [editor's note]; a `* * *`
 * separator; a footnote; the first paragraph again without its markup, a duplicate.
 */
export const SAMPLE_EN = [
  "It is a truth universally acknowledged, that a _single_ man in",
  "possession of a good fortune, must be in want of a wife.*",
  "",
  "\u201cMy dear Mr. Bennet,\u201d said his lady to him one day,  \u201chave you",
  "heard that Netherfield Park is let at last?\u201d [Illustration]",
  "",
  "* * *",
  "",
  "*Netherfield Park: a large house near Meryton, let to Mr. Bingley.",
  "",
  "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.",
].join("\n");

export const SAMPLES: Record<CorpusLanguage, string> = { zh: SAMPLE_ZH, en: SAMPLE_EN };

export interface CleaningStrings {
  caption: string;
  // ----- the statistics -----
  statsTitle: string;
  statsCaption: string;
  statsLoading: string;
  statsFailed: (message: string) => string;
  source: (source: CorpusSource | string) => string;
  language: Record<CorpusLanguage, string>;
  packageLabel: string;
  barRaw: (characters: string) => string;
  barKept: (characters: string, share: string) => string;
  barLegendRaw: string;
  barLegendKept: string;
  colCount: string;
  colRaw: string;
  colKept: string;
  colShare: string;
  documents: (source: CorpusSource | string) => string;
  lines: string;
  characters: string;
  splitShare: string;
  splitNote: (raw: string, kept: string, characterShare: string, paragraphs: boolean) => string;
  documentsDroppedTitle: string;
  documentDrop: Record<DocumentDropKey, string>;
  linesDroppedTitle: string;
  lineDrop: Record<LineDropKey, string>;
  editsTitle: string;
  edit: Record<EditKey, string>;
  none: string;
  splitTitle: string;
  split: (train: string, valid: string, share: string) => string;
  languagesTitle: string;
  colLanguage: string;
  colCharactersIn: string;
  colCharactersKept: string;
  colDocumentsDropped: string;
  colDuplicates: string;
  colLinesDropped: string;
  total: string;
  keptShare: (share: string) => string;
  // ----- the cleaner -----
  cleanerTitle: string;
  cleanerCaption: string;
  languageSwitch: string;
  sampleLanguage: Record<CorpusLanguage, string>;
  inputLabel: (language: CorpusLanguage) => string;
  unitHint: Record<CorpusLanguage, string>;
  counter: (count: string, max: string) => string;
  run: string;
  running: string;
  shortcut: string;
  reset: string;
  idle: string;
  empty: string;
  tooLong: (count: string, max: string) => string;
  failed: (message: string) => string;
  stale: string;
  resultTitle: string;
  originalLabel: string;
  cleanedLabel: string;
  unchanged: string;
  blankUnit: string;
  droppedLabel: string;
  reason: Record<DropReason, string>;
  reasonShort: Record<DropReason, string>;
  unitEdit: Record<EditKey, string>;
  unitName: Record<CorpusLanguage, string>;
  summaryKept: (kept: string, total: string, unit: string) => string;
  summaryDropped: (parts: string[]) => string;
  summaryEdits: (parts: string[]) => string;
  summaryNoEdits: string;
  summaryPart: (label: string, count: string) => string;
  legend: string;
}

const SOURCE_NAMES: Record<Lang, Record<CorpusSource, string>> = {
  zh: { songci: "宋词", tangshi: "唐诗", austen: "奥斯汀小说" },
  en: { songci: "Song ci (宋词)", tangshi: "Tang poems (唐诗)", austen: "Austen novels" },
};

export const cleaningStrings: Record<Lang, CleaningStrings> = {
  zh: {
    caption: "上半部分是我们这条流水线的真实统计；下半部分是一个小清洗器，用同一套规则清洗你给的文字。",
    statsTitle: "我们语料的清洗统计",
    statsCaption: "数字直接来自清洗程序的输出（models/corpus/stats.json）。",
    statsLoading: "正在读取清洗统计……",
    statsFailed: (message) => `读不到清洗统计：${message}`,
    source: (source) => SOURCE_NAMES.zh[source as CorpusSource] ?? source,
    language: { zh: "中文", en: "英文" },
    packageLabel: "来源：",
    barRaw: (n) => `原始 ${n} 个字符`,
    barKept: (n, share) => `保留 ${n} 个（${share}）`,
    barLegendRaw: "原始字符",
    barLegendKept: "保留的字符",
    colCount: "",
    colRaw: "原始",
    colKept: "保留",
    colShare: "保留比例",
    documents: (source) =>
      ({ songci: "词（首）", tangshi: "诗（首）", austen: "小说 → 章" })[source as CorpusSource] ?? "文档",
    lines: "行",
    characters: "字符",
    splitShare: "按章切分",
    splitNote: (raw, kept, share, paragraphs) =>
      `为什么“保留”比“原始”多：原始的 ${raw} 篇是 ${raw} 部小说，清洗时按章切开，成了 ${kept} 篇文档（一章一篇）。` +
      (paragraphs ? `每个段落原来折成好几行，清洗后合成一行，所以行数也少了很多；文字本身保留了 ${share}。` : `文字本身保留了 ${share}。`),
    documentsDroppedTitle: "整篇删掉",
    documentDrop: { not_regulated_verse: "不是绝句或律诗", duplicate: "重复", empty: "清洗后为空" },
    linesDroppedTitle: "整行删掉",
    lineDrop: {
      missing_characters: "含 □（缺字）",
      foreign_characters: "乱码或编者按语",
      editorial: "只有注释或分隔线",
      blank: "空行",
      headings: "章节标题",
      front_and_back_matter: "书名页和书后说明",
    },
    editsTitle: "行内改动",
    edit: {
      notes_removed: "删掉编者注",
      markup_removed: "删掉排版记号",
      punctuation_normalised: "统一标点",
      whitespace_removed: "删掉空白",
    },
    none: "无",
    splitTitle: "训练 / 验证",
    split: (train, valid, share) => `${train} / ${valid} 篇（验证集占 ${share}）`,
    languagesTitle: "按语言合计",
    colLanguage: "语言",
    colCharactersIn: "原始字符",
    colCharactersKept: "保留字符",
    colDocumentsDropped: "删掉的文档",
    colDuplicates: "其中重复",
    colLinesDropped: "删掉的行",
    total: "合计",
    keptShare: (share) => `保留 ${share}`,
    cleanerTitle: "小清洗器",
    cleanerCaption: "框里是一段样例文字，每条规则都会碰到一次。你可以随便改，再点“清洗”，看每一行留下了什么、改掉了什么。",
    languageSwitch: "样例语言",
    sampleLanguage: { zh: "中文", en: "English" },
    inputLabel: (language) => (language === "zh" ? "要清洗的中文" : "要清洗的英文"),
    unitHint: {
      zh: "中文逐行清洗：每一行单独处理。",
      en: "英文逐段清洗：段与段之间空一行；段内的几行会合成一行。",
    },
    counter: (n, max) => `${n} / ${max} 字符`,
    run: "清洗",
    running: "清洗中……",
    shortcut: "Ctrl+Enter 也能清洗",
    reset: "恢复样例",
    idle: "点“清洗”，看每条规则删掉了什么、改掉了什么。",
    empty: "框里没有文字。先写几行，或者点“恢复样例”。",
    tooLong: (n, max) => `文字太长了：${n} 个字符，最多 ${max} 个。删掉一些再清洗。`,
    failed: (message) => `清洗失败：${message}`,
    stale: "文字改过了，下面还是上一次的结果。点“清洗”更新。",
    resultTitle: "清洗结果",
    originalLabel: "原文：",
    cleanedLabel: "清洗后：",
    unchanged: "没有改动",
    blankUnit: "（空行）",
    droppedLabel: "删掉：",
    reason: {
      blank: "空行",
      editorial: "只有编者注，没有作者的文字",
      missingCharacters: "含 □：古籍里缺了的字，整行删掉",
      foreignCharacters: "有不该出现在诗里的字符（乱码、假名、西文字母、“�”等）",
      noAuthorText: "不是作者写的：分隔线、脚注或编者注",
      duplicate: "重复：清洗后和上面的某一条一模一样",
    },
    reasonShort: {
      blank: "空行",
      editorial: "只有注释",
      missingCharacters: "缺字 □",
      foreignCharacters: "乱码",
      noAuthorText: "不是正文",
      duplicate: "重复",
    },
    unitEdit: {
      notes_removed: "删掉编者注",
      markup_removed: "删掉排版记号",
      punctuation_normalised: "统一标点",
      whitespace_removed: "删掉空白",
    },
    unitName: { zh: "行", en: "段" },
    summaryKept: (kept, total, unit) => `保留 ${kept} ${unit}，共 ${total} ${unit}。`,
    summaryDropped: (parts) => `删掉：${parts.join("，")}。`,
    summaryEdits: (parts) => `改动：${parts.join("，")}。`,
    summaryNoEdits: "留下的部分没有改动。",
    summaryPart: (label, n) => `${label} ${n}`,
    legend: "红底删除线：被删掉的字符（␣ 是空格）；绿底：改成的字符。",
  },
  en: {
    caption:
      "The top part is our own pipeline's real statistics; the bottom part is a small cleaner that runs the same rules on text you give it.",
    statsTitle: "How our corpus was cleaned",
    statsCaption: "Numbers straight from the cleaning program's output (models/corpus/stats.json).",
    statsLoading: "Reading the cleaning statistics…",
    statsFailed: (message) => `Could not read the cleaning statistics: ${message}`,
    source: (source) => SOURCE_NAMES.en[source as CorpusSource] ?? source,
    language: { zh: "Chinese", en: "English" },
    packageLabel: "Source: ",
    barRaw: (n) => `${n} characters in`,
    barKept: (n, share) => `${n} kept (${share})`,
    barLegendRaw: "characters in",
    barLegendKept: "characters kept",
    colCount: "",
    colRaw: "In",
    colKept: "Kept",
    colShare: "Share kept",
    documents: (source) =>
      ({ songci: "ci (documents)", tangshi: "poems (documents)", austen: "novels → chapters" })[source as CorpusSource] ?? "documents",
    lines: "lines",
    characters: "characters",
    splitShare: "split by chapter",
    splitNote: (raw, kept, share, paragraphs) =>
      `Why more documents are kept than came in: the ${raw} documents in are ${raw} novels, cut into ${kept} chapters during cleaning, one document each.` +
      (paragraphs
        ? ` Each paragraph's hard-wrapped lines were joined into one line, so the line count fell too; ${share} of the text itself was kept.`
        : ` ${share} of the text itself was kept.`),
    documentsDroppedTitle: "Whole documents removed",
    documentDrop: { not_regulated_verse: "not jueju or lüshi", duplicate: "duplicates", empty: "empty after cleaning" },
    linesDroppedTitle: "Lines dropped",
    lineDrop: {
      missing_characters: "with □ (lost character)",
      foreign_characters: "garbled or commentary",
      editorial: "only a note or separator",
      blank: "blank",
      headings: "chapter headings",
      front_and_back_matter: "title pages and end notes",
    },
    editsTitle: "Changes inside lines",
    edit: {
      notes_removed: "notes removed",
      markup_removed: "markup removed",
      punctuation_normalised: "punctuation normalised",
      whitespace_removed: "whitespace removed",
    },
    none: "none",
    splitTitle: "Train / validation",
    split: (train, valid, share) => `${train} / ${valid} documents (${share} to validation)`,
    languagesTitle: "By language",
    colLanguage: "Language",
    colCharactersIn: "Characters in",
    colCharactersKept: "Characters kept",
    colDocumentsDropped: "Documents removed",
    colDuplicates: "of which duplicates",
    colLinesDropped: "Lines dropped",
    total: "Total",
    keptShare: (share) => `${share} kept`,
    cleanerTitle: "A small cleaner",
    cleanerCaption:
      "The box holds a sample that meets every rule once. Change it as you like, press Clean, and see what each rule removed or changed.",
    languageSwitch: "Sample language",
    sampleLanguage: { zh: "中文", en: "English" },
    inputLabel: (language) => (language === "zh" ? "Chinese text to clean" : "English text to clean"),
    unitHint: {
      zh: "Chinese is cleaned line by line: each line on its own.",
      en: "English is cleaned paragraph by paragraph: leave a blank line between paragraphs; the lines inside one are joined.",
    },
    counter: (n, max) => `${n} / ${max} characters`,
    run: "Clean",
    running: "Cleaning…",
    shortcut: "or Ctrl+Enter",
    reset: "Restore the sample",
    idle: "Press Clean to see what each rule removes or changes.",
    empty: "The box is empty. Type a few lines first, or restore the sample.",
    tooLong: (n, max) => `The text is too long: ${n} characters, at most ${max}. Shorten it and clean again.`,
    failed: (message) => `Cleaning failed: ${message}`,
    stale: "The text has changed; below is still the last result. Press Clean to update it.",
    resultTitle: "Result",
    originalLabel: "Original: ",
    cleanedLabel: "Cleaned: ",
    unchanged: "unchanged",
    blankUnit: "(blank line)",
    droppedLabel: "Dropped: ",
    reason: {
      blank: "a blank line",
      editorial: "only an editor's note, nothing by the author",
      missingCharacters: "contains □, a character lost from the old texts: the whole line goes",
      foreignCharacters: "has characters that don't belong in Chinese verse (garbled text, kana, Latin letters, \u201c�\u201d)",
      noAuthorText: "nothing by the author: a separator, a footnote or a note",
      duplicate: "a duplicate: after cleaning it is exactly the same as an earlier one",
    },
    reasonShort: {
      blank: "blank",
      editorial: "only a note",
      missingCharacters: "lost character □",
      foreignCharacters: "garbled",
      noAuthorText: "not the author's text",
      duplicate: "duplicate",
    },
    unitEdit: {
      notes_removed: "notes removed",
      markup_removed: "markup removed",
      punctuation_normalised: "punctuation normalised",
      whitespace_removed: "whitespace removed",
    },
    unitName: { zh: "lines", en: "paragraphs" },
    summaryKept: (kept, total, unit) => `Kept ${kept} of ${total} ${unit}.`,
    summaryDropped: (parts) => `Dropped: ${parts.join(", ")}.`,
    summaryEdits: (parts) => `Changes: ${parts.join(", ")}.`,
    summaryNoEdits: "What was kept was not changed.",
    summaryPart: (label, n) => `${label} ${n}`,
    legend: "Red, struck through: characters removed (␣ is a space). Green: what they became.",
  },
};
