/**
 * Last-resort screen for an error that stops the app from starting: it replaces the page
 * with a bilingual message and the error text, so nobody is left looking at a blank window.
 * Plain DOM on purpose: Svelte itself may be what failed.
 */
export function showFatalError(error: unknown): void {
  const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
  console.error("glassbox: fatal", error);
  const target = document.getElementById("app") ?? document.body;
  if (target.querySelector("[data-testid=fatal-error]")) return;
  const box = document.createElement("div");
  box.dataset.testid = "fatal-error";
  box.className = "fatal-error";
  const title = document.createElement("h1");
  title.textContent = "Glassbox 无法启动 · Glassbox could not start";
  const hint = document.createElement("p");
  hint.textContent = "请重新打开应用；如果问题仍在，请把下面的信息发给我们。 Please reopen the app; if this keeps happening, send us the text below.";
  const pre = document.createElement("pre");
  pre.textContent = detail;
  box.append(title, hint, pre);
  target.replaceChildren(box);
}
