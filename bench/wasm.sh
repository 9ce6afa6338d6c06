#!/usr/bin/env bash
# The wasm row of BENCHMARKS.md: the size of storesubmit-wasm's .wasm (raw and gzip -9) and the time to validate
# the 200-listing win32-metadata document of bench/src/bin/validate.rs natively (release build), under Node
# (pkg-node/) and in headless Chromium (pkg/). Usage: bash bench/wasm.sh [ITERATIONS]   (default 100)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$STORESUBMIT_ROOT"
n="${1:-100}"
out="$STORESUBMIT_CACHE/bench-wasm"
mkdir -p "$out"
(cd bindings-wasm && STORESUBMIT_WASM_TARGET="$STORESUBMIT_CACHE/target-wasm-pkg" npm run --silent build)
wasm=bindings-wasm/pkg/storesubmit_wasm_bg.wasm
echo "size: $(stat -c %s "$wasm") bytes raw, $(gzip -9 -c "$wasm" | wc -c) bytes gzip -9"
cargo run --quiet --release -p storesubmit-bench --bin validate -- "$n" --write "$out/document.json"
node bench/wasm_validate.mjs "$out/document.json" "$n"
