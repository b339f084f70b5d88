import type { Lang } from "./generated/Lang";
import type { Strings } from "../locales/strings";
import { zh } from "../locales/zh";
import { en } from "../locales/en";
import { widgetTitles } from "../locales/widgets";

const STORAGE_KEY = "glassbox.lang";
const dictionaries: Record<Lang, Strings> = { zh, en };

function initialLang(): Lang {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return saved === "en" ? "en" : "zh";
}

/** The UI language; Chinese unless the learner chose English before. */
export const locale = $state({ lang: initialLang() });

export function setLang(lang: Lang) {
  locale.lang = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

export function t(): Strings {
  return dictionaries[locale.lang];
}

export function widgetTitle(name: string, lang: Lang): string {
  return widgetTitles[name]?.[lang] ?? name;
}
