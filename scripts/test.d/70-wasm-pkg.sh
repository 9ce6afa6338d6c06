#!/usr/bin/env bash
# The browser/Node package storesubmit-wasm (issues 14, 23): builds pkg/ and pkg-node/ with `npm run build`
# (skipped when none of its inputs changed: the hash of the sources, the lockfiles and the tools' versions is
# kept in pkg*/.inputs; the shared facade @storesubmit/host is imported from js-host/, not built in), then runs
# its suite under Node: the shared vectors against pkg-node, the behaviour vectors and workflows against the
# emulator binary (from the workspace build of test-all.sh), the TypeScript definitions, and the page in
# Debian's headless Chromium. Fails loudly when a tool is missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
pkg=bindings-wasm
command -v node >/dev/null || die "node missing: run scripts/setup.sh"
command -v python3 >/dev/null || die "python3 missing (the ZIP reader of the browser test): run scripts/setup.sh"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing: run scripts/setup.sh"
for t in /usr/bin/rustc /usr/bin/cargo /usr/bin/wasm-ld-19; do [ -x "$t" ] || die "$t missing: run scripts/setup.sh"; done
command -v wasm-bindgen >/dev/null || die "wasm-bindgen missing: run scripts/setup.sh"
[ -d "$pkg/node_modules/playwright-core" ] || die "playwright-core missing ($pkg/node_modules): run scripts/setup.sh"
[ -L "$pkg/node_modules/@storesubmit/host" ] || die "@storesubmit/host missing ($pkg/node_modules): run scripts/setup.sh"
emulator="$CARGO_TARGET_DIR/debug/storesubmit-emulator"
[ -x "$emulator" ] || die "emulator binary missing at $emulator (build it: cargo build -p storesubmit-emulator)"

inputs=$( (git ls-files -co --exclude-standard -- Cargo.toml Cargo.lock core/Cargo.toml core/src \
             "$pkg/Cargo.toml" "$pkg/src" "$pkg/js" "$pkg/build.mjs" | sort | xargs sha256sum
           /usr/bin/rustc --version; wasm-bindgen --version) | sha256sum | cut -c1-16)
if [ "$(cat "$pkg/pkg/.inputs" 2>/dev/null)" = "$inputs" ] && [ "$(cat "$pkg/pkg-node/.inputs" 2>/dev/null)" = "$inputs" ]; then
  log "wasm package unchanged ($inputs): reusing pkg/ and pkg-node/"
else
  log "npm run build (bindings-wasm)"
  (cd "$pkg" && STORESUBMIT_WASM_TARGET="${STORESUBMIT_WASM_TARGET:-$STORESUBMIT_CACHE/target-wasm-pkg}" npm run --silent build) || die "npm run build failed"
  echo "$inputs" > "$pkg/pkg/.inputs"
  echo "$inputs" > "$pkg/pkg-node/.inputs"
fi

log "node --test (bindings-wasm/tests)"
start=$(date +%s)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
(cd "$pkg" && STORESUBMIT_EMULATOR_BIN="$emulator" STORESUBMIT_TEST_OUTPUT="${STORESUBMIT_TEST_OUTPUT:-$STORESUBMIT_ROOT/$pkg/test-output}" \
  node --test --test-reporter=tap tests/) >"$out" 2>&1 || status=$?
grep -E '^not ok|^# (Subtest|tests|pass|fail)' "$out" | grep -v '^# Subtest' || true
passed=$(awk '/^# pass /{print $3}' "$out")
failed=$(awk '/^# fail /{print $3}' "$out")
if [ "$status" -ne 0 ] || [ "${failed:-1}" != 0 ] || [ -z "$passed" ] || [ "$passed" = 0 ]; then
  cat "$out" >&2
  die "wasm-pkg: ${passed:-0} passed, ${failed:-?} failed"
fi
echo "wasm-pkg: $passed passed, 0 failed ($(( $(date +%s) - start ))s)"
