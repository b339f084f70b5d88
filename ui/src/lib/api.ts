import { invoke } from "@tauri-apps/api/core";
import type { Lang } from "./generated/Lang";
import type { Lesson } from "./generated/Lesson";
import type { LessonSummary } from "./generated/LessonSummary";

/** Typed wrappers over the app's Tauri commands (src-tauri/src/commands.rs). */
export const api = {
  courseOutline: (lang: Lang) => invoke<LessonSummary[]>("course_outline", { lang }),
  lesson: (id: number, lang: Lang) => invoke<Lesson>("lesson", { id, lang }),
};

/** Commands reject with `{ message }` (CommandError); anything else is shown as text. */
export function errorMessage(err: unknown): string {
  if (typeof err === "object" && err !== null && "message" in err) {
    return String((err as { message: unknown }).message);
  }
  return String(err);
}
