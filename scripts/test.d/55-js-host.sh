#!/usr/bin/env bash
# The shared JavaScript host (js-host/, npm `@storesubmit/host`, imported by the Node and wasm packages): its
# generated facade current with surface/manifest.json, the facade's request building and errors, and the host
# loop with scripted machines. Prints "js-host: N passed, M failed".
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
command -v node >/dev/null || die "node is not installed"
start=$(date +%s)
node js-host/tools/generate.mjs --check || die "js-host/gen is stale: run node js-host/tools/generate.mjs and commit"
out=$(node --test --test-reporter=tap js-host/test/*.test.mjs 2>&1) || { echo "$out" >&2; die "js-host tests failed"; }
pass=$(sed -n 's/^# pass //p' <<<"$out"); fail=$(sed -n 's/^# fail //p' <<<"$out")
echo "js-host: $pass passed, $fail failed ($(( $(date +%s) - start ))s)"
