import { QUIZ_PAGE, type Route } from "./route";

/** The pages of a lesson in order: its sections, then the quiz. */
export function lessonPages(sectionIds: string[]): string[] {
  return [...sectionIds, QUIZ_PAGE];
}

/**
 * Where ← or → leads from a lesson page: the neighbouring page, or across into the
 * neighbouring lesson (its first page going forward, its quiz going back).
 * Returns null at the very start or end of the course.
 */
export function turnPage(
  lessonId: number,
  page: string,
  pages: string[],
  lessonCount: number,
  direction: 1 | -1,
): Route | null {
  const index = Math.max(0, pages.indexOf(page));
  const target = index + direction;
  if (target >= 0 && target < pages.length) {
    return { page: "lesson", id: lessonId, section: pages[target] };
  }
  const neighbour = lessonId + direction;
  if (neighbour < 1 || neighbour > lessonCount) return null;
  return { page: "lesson", id: neighbour, section: direction === 1 ? null : QUIZ_PAGE };
}
