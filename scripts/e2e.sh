#!/usr/bin/env bash
# Runs the end-to-end tests against the real desktop binary under a virtual X display.
set -euo pipefail
cd "$(dirname "$0")/.."

export WEBKIT_DISABLE_DMABUF_RENDERER=1
# Mesa and WebKit want a private runtime directory; an unset one floods the log with warnings.
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp/glassbox-runtime-$(id -u)}"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export PATH="$HOME/.cargo/bin:$PATH"

rm -rf target/e2e target/e2e-data
# Runs trained by the tests live apart from the user's, and exports land beside the screenshots.
export GLASSBOX_DATA_DIR="$PWD/target/e2e-data"
export GLASSBOX_EXPORTS_DIR="$PWD/target/e2e/exports"
# The webview keeps its storage (the chosen language among it) under XDG_DATA_HOME: every run
# starts from a fresh one, so no run inherits what the last one left.
export XDG_DATA_HOME="$PWD/target/e2e-data/xdg"
cd ui
# A window manager, as on any desktop: without one, GTK never finishes going full screen.
exec xvfb-run --auto-servernum --server-args="-screen 0 1440x900x24" \
  bash -c 'matchbox-window-manager -use_titlebar no & npm run e2e -- ${E2E_FILTER:-}'

