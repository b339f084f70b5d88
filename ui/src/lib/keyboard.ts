export type KeyAction = "next" | "previous" | "escape" | "presenter" | null;

/** Maps a key press to an app action; typing in a field never turns pages. */
export function keyAction(event: Pick<KeyboardEvent, "key" | "target" | "altKey" | "ctrlKey" | "metaKey">): KeyAction {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target?.isContentEditable) {
    return event.key === "Escape" ? "escape" : null;
  }
  switch (event.key) {
    case "ArrowRight":
    case "PageDown":
      return "next";
    case "ArrowLeft":
    case "PageUp":
      return "previous";
    case "Escape":
      return "escape";
    case "F5":
    case "p":
    case "P":
      return "presenter";
    default:
      return null;
  }
}
