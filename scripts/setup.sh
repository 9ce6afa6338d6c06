#!/usr/bin/env bash
# Installs everything the test suites need, idempotently (skips what is present). Safe to run often.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) first"
command -v cargo-nextest >/dev/null || cargo install --locked cargo-nextest
# the style gates of the test command
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  command -v rustup >/dev/null || die "cargo fmt/clippy missing and no rustup to add them"
  rustup component add rustfmt clippy
fi
for f in "$STORESUBMIT_ROOT"/scripts/setup.d/*.sh; do
  [ -e "$f" ] || continue
  # shellcheck source=/dev/null
  source "$f"
done
