#!/usr/bin/env bash
# The JavaScript host loop shared by the Node and wasm packages (js-host/driver.mjs), with a scripted machine.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
command -v node >/dev/null || die "node is not installed"
out=$(node --test js-host/ 2>&1) || { echo "$out" >&2; die "js-host tests failed"; }
pass=$(sed -n 's/^# pass //p' <<<"$out"); fail=$(sed -n 's/^# fail //p' <<<"$out")
echo "js-host: $pass passed, $fail failed"
