#!/usr/bin/env bash
# Installs everything the test suites need, idempotently (skips what is present). Safe to run often.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) first"
command -v cargo-nextest >/dev/null || cargo install --locked cargo-nextest
for f in "$STORESUBMIT_ROOT"/scripts/setup.d/*.sh; do
  [ -e "$f" ] || continue
  # shellcheck source=/dev/null
  source "$f"
done
