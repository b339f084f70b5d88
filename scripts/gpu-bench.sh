#!/usr/bin/env bash
# Benchmarks the wgpu engine against the candle CPU engine on a Linux machine with a real
# GPU: installs the Vulkan loader if it is missing, builds the command line in release mode,
# runs `glassbox bench` and prints its table.
#
#   scripts/gpu-bench.sh [--model DIR]... [--tokens N]
#
# Without --model it benchmarks models/tiny and models/tiny-moe when they are present, and
# otherwise random weights in their shapes (speed does not depend on the values).
set -euo pipefail
cd "$(dirname "$0")/.."

tokens=64
models=()
while (($#)); do
  case $1 in
    --model) models+=("$2"); shift 2 ;;
    --tokens) tokens=$2; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "gpu-bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "gpu-bench: this step needs root: $*" >&2; return 1
  fi
}

# wgpu talks to the GPU through the Vulkan loader; the GPU driver brings the rest.
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; then
  echo "gpu-bench: installing the Vulkan loader"
  if command -v apt-get >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libvulkan1
  elif command -v dnf >/dev/null; then as_root dnf install -y vulkan-loader
  elif command -v pacman >/dev/null; then as_root pacman -S --noconfirm vulkan-icd-loader
  else
    echo "gpu-bench: install the Vulkan loader (libvulkan.so.1) with your package manager" >&2
    exit 1
  fi
fi

# In containers the NVIDIA driver's Vulkan library is often mounted without the manifest
# that tells the loader about it (the container toolkit adds the manifest only with the
# `graphics` capability); write one pointing at the library.
if command -v nvidia-smi >/dev/null &&
  ! grep -qsi nvidia /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json; then
  library=$(ldconfig -p | awk '/libGLX_nvidia\.so\.0/ { print $NF; exit }')
  if [[ -n $library ]]; then
    manifest=$(mktemp --suffix=.json)
    printf '{"file_format_version": "1.0.0", "ICD": {"library_path": "%s", "api_version": "1.3.0"}}\n' \
      "$library" >"$manifest"
    export VK_DRIVER_FILES=$manifest VK_ICD_FILENAMES=$manifest
    echo "gpu-bench: no NVIDIA Vulkan manifest installed; using $library"
  else
    echo "gpu-bench: nvidia-smi works but the driver's Vulkan library (libGLX_nvidia.so.0) is" \
      "missing; in a container, start it with NVIDIA_DRIVER_CAPABILITIES=all" >&2
  fi
fi

command -v cargo >/dev/null || {
  echo "gpu-bench: Rust is missing; install it from https://rustup.rs and run this again" >&2
  exit 1
}
cargo build --release -p glassbox-cli
glassbox=target/release/glassbox

if ((${#models[@]} == 0)); then
  for name in tiny tiny-moe; do
    [[ -f models/$name/config.json ]] && models+=("models/$name")
  done
fi
if ((${#models[@]})); then
  for model in "${models[@]}"; do
    "$glassbox" bench --model "$model" --tokens "$tokens"
    echo
  done
else
  for shape in tiny tiny-moe; do
    "$glassbox" bench --random "$shape" --tokens "$tokens"
    echo
  done
fi
