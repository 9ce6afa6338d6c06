#!/usr/bin/env bash
# The GitHub Action and the Azure DevOps task (integrations/, issues 17, 23, 24): vendors the Node package
# and its @storesubmit/host into integrations/node_modules as a release does (integrations/tools/vendor.mjs)
# and runs integrations/test/*.test.mjs, which start the entry point as the runners do (INPUT_* variables,
# GITHUB_ACTIONS / TF_BUILD, SIGINT/SIGTERM for a cancelled job) against the emulator embedded in the addon,
# the behaviour vectors (tests/vectors/behaviour) included. The addon is the one
# 60-node.sh took from the workspace build (this suite runs after it and compiles nothing); it must be the
# current one. Prints "integrations: N passed, M failed"; fails loudly when node or the addon is missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
command -v node >/dev/null || die "node is not installed (run scripts/setup.sh)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || die "node 20 or later is needed (the action runs on node20)"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) suffix=linux-x64-gnu ;;
  Linux-aarch64) suffix=linux-arm64-gnu ;;
  *) die "this script knows the addon file of Linux x64/arm64 only" ;;
esac
addon="bindings-node/storesubmit.$suffix.node"
lib="$CARGO_TARGET_DIR/debug/libstoresubmit_node.so"
[ -f "$addon" ] || die "$addon missing: run scripts/test.d/60-node.sh first (it takes the addon from the workspace build)"
[ -f "$lib" ] || die "the workspace build made no $lib (run scripts/test.d/60-node.sh)"
cmp -s "$lib" "$addon" || die "$addon is not the current workspace build's addon: run scripts/test.d/60-node.sh first"
[ -f js-host/gen/facade.mjs ] || die "js-host/gen missing (the package's @storesubmit/host): run scripts/test.d/60-node.sh first"

node integrations/tools/vendor.mjs >/dev/null || die "integrations/tools/vendor.mjs failed"

log "node --test (integrations)"
start=$(date +%s)
out=$(cd integrations && node --test --test-reporter=tap test/*.test.mjs 2>&1) && rc=0 || rc=$?
pass=$(sed -n 's/^# pass //p' <<<"$out"); fail=$(sed -n 's/^# fail //p' <<<"$out")
skipped=$(sed -n 's/^# skipped //p' <<<"$out"); todo=$(sed -n 's/^# todo //p' <<<"$out")
if [ "$rc" -ne 0 ] || [ -z "$pass" ] || [ "${fail:-1}" != 0 ] || [ "${skipped:-0}" != 0 ] || [ "${todo:-0}" != 0 ]; then
  grep -B2 -A40 '^not ok' <<<"$out" >&2 || echo "$out" >&2
  die "integrations: ${pass:-0} passed, ${fail:-?} failed, ${skipped:-0} skipped (exit $rc)"
fi
echo "integrations: $pass passed, 0 failed ($(( $(date +%s) - start ))s)"
