import type { Component } from "svelte";

/**
 * The built widgets, by the names lessons use (crates/lessons/src/widgets.rs). A lesson that
 * marks a widget `live` without an entry here shows an error, which the end-to-end test catches.
 * The generation lab (ui/src/generation) joins here once it renders in the desktop webview.
 */
export const liveWidgets: Record<string, Component> = {};
