/**
 * Whether a key press in a prompt box asks to run: Enter, but not the Enter that confirms an
 * input method's candidate (拼音). In a box of several lines, Shift+Enter is a new line instead.
 */
export function isRunEnter(event: KeyboardEvent, multiline = false): boolean {
  if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return false;
  return !(multiline && event.shiftKey);
}
