#!/usr/bin/env bash
# The core must build for wasm32-unknown-unknown with default features off, with no tokio, reqwest or
# filesystem dependency (DESIGN principle 1). Uses Debian's rustc-web (TOOLCHAIN.md), own target dir.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
tree=$(cargo tree -p storesubmit --no-default-features -e normal --prefix none)
for forbidden in tokio reqwest hyper mio socket2; do
  if grep -q "^$forbidden " <<<"$tree"; then die "core depends on $forbidden without features"; fi
done
log "wasm32 build of core (no default features)"
RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/bin/wasm-ld-19 \
CARGO_TARGET_DIR="$STORESUBMIT_CACHE/target-wasm" \
  /usr/bin/cargo build --quiet --release -p storesubmit --no-default-features \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
echo "wasm32: 1 passed, 0 failed"
