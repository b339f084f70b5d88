import "./app.css";
import { showFatalError } from "./lib/fatal";

// The app is imported dynamically so that an error while its modules load (or mount) shows
// a readable message instead of a blank window.
window.addEventListener("error", (event) => showFatalError(event.error ?? event.message));
window.addEventListener("unhandledrejection", (event) => console.error("unhandled rejection", event.reason));

async function start(): Promise<void> {
  const target = document.getElementById("app");
  if (!target) throw new Error("index.html has no #app element");
  const [{ mount }, { default: App }] = await Promise.all([import("svelte"), import("./App.svelte")]);
  mount(App, { target });
}

start().catch(showFatalError);
