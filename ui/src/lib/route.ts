/** Where the learner is; kept in the URL hash so reloads and language switches keep the place. */
export type Route =
  | { page: "home" }
  | { page: "playground"; model?: string | null }
  | { page: "lesson"; id: number; section: string | null };

/** The quiz is the last page of every lesson, after its sections. */
export const QUIZ_PAGE = "quiz";

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  if (parts[0] === "playground") {
    return parts[1] ? { page: "playground", model: decodeURIComponent(parts[1]) } : { page: "playground" };
  }
  if (parts[0] === "lesson") {
    const id = Number(parts[1]);
    if (Number.isInteger(id) && id > 0) {
      return { page: "lesson", id, section: parts[2] ? decodeURIComponent(parts[2]) : null };
    }
  }
  return { page: "home" };
}

export function formatHash(route: Route): string {
  switch (route.page) {
    case "home":
      return "#/";
    case "playground":
      return route.model ? `#/playground/${encodeURIComponent(route.model)}` : "#/playground";
    case "lesson":
      return route.section
        ? `#/lesson/${route.id}/${encodeURIComponent(route.section)}`
        : `#/lesson/${route.id}`;
  }
}
