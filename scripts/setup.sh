#!/usr/bin/env bash
# Installs what `make run` (and, with --test, `make test`) needs and is missing.
# Debian packages come through apt when we are root; otherwise we list them and stop.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

app_packages=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  pkg-config build-essential file fonts-noto-cjk fonts-noto-core)
# xvfb + a window manager + WebKitWebDriver drive the real app in the end-to-end tests; lavapipe runs wgpu without a GPU.
test_packages=(xvfb xauth matchbox-window-manager imagemagick webkit2gtk-driver mesa-vulkan-drivers)

packages=("${app_packages[@]}")
$want_test && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them and run make again:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

command -v cargo >/dev/null || { echo "setup: Rust is missing; install it from https://rustup.rs and run make again" >&2; exit 1; }
command -v node >/dev/null || { echo "setup: Node.js 20.19 or newer is missing; install it and run make again" >&2; exit 1; }
node_version=$(node -p 'process.versions.node')
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "setup: Node.js $node_version is too old; Vite needs 20.19 or newer" >&2
  exit 1
fi

# Install only when the lockfile changed since the last install. `npm install` rather than `npm ci`:
# Vite lists a Windows-only optional package that the registry here does not serve, so the lockfile
# can never name it and `npm ci` refuses the lockfile as "out of sync"; `npm install` follows the
# same lockfile and skips that optional package.
if [[ ! -f ui/node_modules/.package-lock.json || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  echo "setup: npm install in ui/"
  (cd ui && npm install --no-audit --no-fund --loglevel=error)
fi

if $want_test && ! command -v tauri-driver >/dev/null && [[ ! -x "$HOME/.cargo/bin/tauri-driver" ]]; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
