#!/usr/bin/env bash
# `make bench-train`: trains the same small model for the same steps, batch, sequence
# length and thread count with our candle pipeline and with PyTorch on the CPU, and prints
# tokens/s for each and their ratio. PyTorch is installed from PyPI into a venv under
# target/bench-train the first time (a large download; not part of `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."

threads=${BENCH_THREADS:-2}
steps=40
work=target/bench-train
mkdir -p "$work"

cargo build --release -p glassbox-cli
glassbox=target/release/glassbox
# The reference shape has an 8192-token vocabulary; a tokenizer of that size is trained
# once from the corpus.
if [ ! -f "$work/tokenizer.json" ]; then
    "$glassbox" tokenizer --vocab 8192 --out "$work/tokenizer.json" --report "$work/tokenizer-report.json"
fi
rm -rf "$work/run"
RAYON_NUM_THREADS=$threads "$glassbox" pretrain --config crates/train/bench/bench.toml --out "$work/run" >/dev/null
# Tokens/s over the steps after the fifth (the first ones warm caches and allocators),
# from the elapsed-seconds column of the run's log.
ours=$(awk -F, -v steps=$steps 'NR == 7 { t0 = $3; tok0 = $2 } NR == steps + 1 { printf "%.1f", ($2 - tok0) / ($3 - t0) }' "$work/run/train.csv")

if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet torch
fi
torch_line=$("$work/venv/bin/python" crates/train/bench/torch_train.py 8192 256 4 4 688 128 16 $steps "$threads")
echo "$torch_line" | head -1
theirs=$(echo "$torch_line" | sed -n 's/^tokens_per_s=//p')

echo "glassbox (candle): $ours tokens/s"
echo "pytorch:           $theirs tokens/s"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio glassbox/pytorch = %.2f\n", a / b }'
