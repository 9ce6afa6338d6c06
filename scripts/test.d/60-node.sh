#!/usr/bin/env bash
# The Node binding's suite (issues 13, 23): regenerates the shared host's typed layer (js-host/gen, which the
# package imports as @storesubmit/host) from the manifest, takes the addon from the workspace build (the shared
# cargo target dir and the same command and profile as test-all.sh, so nothing is compiled twice), and runs
# `node --test` over the package (the behaviour vectors with both transports included). Prints
# "node: N passed, M failed"; fails loudly when a tool is missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
pkg=bindings-node
command -v node >/dev/null || die "node is not installed (run scripts/setup.sh)"
[ -f "$pkg/node_modules/.storesubmit-stamp" ] || die "bindings-node/node_modules missing: run scripts/setup.sh"
[ -f "$pkg/node_modules/typescript/bin/tsc" ] || die "typescript missing in bindings-node (run scripts/setup.sh)"
[ -x tests/tools/node_modules/.bin/azurite-blob ] || die "Azurite missing (tests/tools): run scripts/setup.sh"

# The typed layer is generated from the core's manifest: regenerate so the package always matches the core (a
# developer sees rewritten files in `git status` and commits them; the suite also checks they are current).
node "$pkg/tools/generate.mjs" >/dev/null || die "bindings-node/tools/generate.mjs failed"
[ -L "$pkg/node_modules/@storesubmit/host" ] || die "bindings-node/node_modules/@storesubmit/host missing: run scripts/setup.sh"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) suffix=linux-x64-gnu ;;
  Linux-aarch64) suffix=linux-arm64-gnu ;;
  *) die "this script knows the addon file of Linux x64/arm64 only (use npm run build elsewhere)" ;;
esac
log "cargo build (workspace, all features: the addon of the workspace build)"
cargo build --workspace --all-features --all-targets --quiet || die "cargo build failed"
lib="$CARGO_TARGET_DIR/debug/libstoresubmit_node.so"
[ -f "$lib" ] || die "the workspace build made no $lib"
addon="$pkg/storesubmit.$suffix.node"
cmp -s "$lib" "$addon" 2>/dev/null || cp "$lib" "$addon"

log "node --test (bindings-node)"
start=$(date +%s)
out=$(cd "$pkg" && STORESUBMIT_ROOT="$STORESUBMIT_ROOT" node --test --test-reporter=tap test/*.test.js 2>&1) && rc=0 || rc=$?
pass=$(sed -n 's/^# pass //p' <<<"$out"); fail=$(sed -n 's/^# fail //p' <<<"$out")
skipped=$(sed -n 's/^# skipped //p' <<<"$out"); todo=$(sed -n 's/^# todo //p' <<<"$out")
if [ "$rc" -ne 0 ] || [ -z "$pass" ] || [ "${fail:-1}" != 0 ] || [ "${skipped:-0}" != 0 ] || [ "${todo:-0}" != 0 ]; then
  grep -B2 -A30 '^not ok' <<<"$out" >&2 || echo "$out" >&2
  die "node: ${pass:-0} passed, ${fail:-?} failed, ${skipped:-0} skipped (exit $rc)"
fi
echo "node: $pass passed, 0 failed ($(( $(date +%s) - start ))s)"
