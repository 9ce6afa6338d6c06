#!/usr/bin/env bash
# The seed-003 Node.js sample (node-fetch v2), unchanged but for its configuration values, runs end to end
# against the emulator binary: token, packages, metadata, listing assets, submit, submission status; then
# check.js verifies every answer and follows the submission to PUBLISHED. Needs the binary from the main
# cargo build (test-all.sh) and node-fetch from tests/tools (setup.sh); fails loudly without them.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
bin="$CARGO_TARGET_DIR/debug/storesubmit-emulator"
[ -x "$bin" ] || die "emulator binary missing at $bin (build it: cargo build -p storesubmit-emulator)"
command -v node >/dev/null || die "node is not installed"
[ -f tests/tools/node_modules/node-fetch/package.json ] || die "node-fetch missing in tests/tools (run scripts/setup.sh)"
grep -q '"version": "2\.' tests/tools/node_modules/node-fetch/package.json || die "tests/tools has node-fetch, but not v2"

tmp="$(mktemp -d)"
emu_pid=""
cleanup() { [ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$bin" --port 0 >"$tmp/emulator.out" 2>"$tmp/emulator.err" &
emu_pid=$!
for _ in $(seq 1 100); do
  [ -s "$tmp/emulator.out" ] && break
  kill -0 "$emu_pid" 2>/dev/null || { cat "$tmp/emulator.err" >&2; die "the emulator exited at start"; }
  sleep 0.1
done
STORESUBMIT_EMULATOR="$(head -n 1 "$tmp/emulator.out")"
[ -n "$STORESUBMIT_EMULATOR" ] || die "the emulator printed no first line"
export STORESUBMIT_EMULATOR
export NODE_PATH="$STORESUBMIT_ROOT/tests/tools/node_modules"

cd tests/node-sample
log "seed-003 Node.js sample against the emulator"
if ! timeout 120 node index.js >"$tmp/sample.out" 2>"$tmp/sample.err"; then
  cat "$tmp/sample.out" "$tmp/sample.err" >&2
  die "the seed-003 sample failed"
fi
timeout 60 node check.js "$tmp/sample.out" || { cat "$tmp/sample.out" >&2; die "the sample's answers are not what seed 003 documents"; }
echo "emulator-node: 1 passed, 0 failed"
