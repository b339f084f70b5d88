import { getCurrentWindow } from "@tauri-apps/api/window";

/** Presenter mode fills the screen; outside Tauri (unit tests) there is no window to resize. */
export async function setPresenterFullscreen(on: boolean): Promise<void> {
  if (!("__TAURI_INTERNALS__" in window)) return;
  await getCurrentWindow().setFullscreen(on);
}
