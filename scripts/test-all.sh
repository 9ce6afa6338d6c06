#!/usr/bin/env bash
# Runs every test suite of the project. Installs what it needs first (idempotent).
# Order: setup, style (rustfmt, clippy), the Rust workspace (unit, integration, vectors, emulator, Azurite), doc tests,
# then each scripts/test.d/*.sh (wasm build, other languages). Any failure fails the run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$STORESUBMIT_ROOT"
start=$(date +%s)

bash scripts/setup.sh

log "style: cargo fmt --check, cargo clippy -D warnings"
cargo fmt --all --check || die "cargo fmt --check: run \`cargo fmt --all\`"
cargo clippy --workspace --all-targets --all-features --quiet -- -D warnings || die "cargo clippy found warnings"

log "binding size: hand-written lines within each binding's budget (the rest is generated from surface/manifest.json)"
python3 scripts/binding-lines.py || die "a binding's hand-written code is over its budget (python3 scripts/binding-lines.py -v lists the files)"

log "cargo build (workspace, all features)"
cargo build --workspace --all-features --all-targets --quiet

log "Rust suites (cargo nextest)"
cargo nextest run --workspace --all-features --no-fail-fast --status-level fail --final-status-level fail

log "Rust doc tests"
cargo test --workspace --all-features --doc --quiet

failed=()
for t in scripts/test.d/*.sh; do
  [ -e "$t" ] || continue
  log "suite $(basename "$t" .sh)"
  if ! bash "$t"; then failed+=("$(basename "$t")"); fi
done
if [ ${#failed[@]} -gt 0 ]; then
  die "failed suites: ${failed[*]}"
fi
log "all suites passed in $(( $(date +%s) - start ))s"
