#!/usr/bin/env bash
# The .NET binding's suite: checks the generated C# against surface/manifest.json, compiles StoreSubmit.dll with
# Mono's mcs (the native library is the workspace build's libstoresubmit_native.so in the cargo target dir: no
# second compile of the core), compiles the NUnit suite with the README's C# quickstart, and runs it under
# nunit-console against the emulator binary of the same build (the behaviour vectors, the shared vectors, the
# end-to-end publishes). Fails loudly when a tool or an artifact is missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
source "$STORESUBMIT_ROOT/bindings-csharp/compile.sh"
cd "$STORESUBMIT_ROOT"
for tool in mcs mono nunit-console python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (run scripts/setup.sh)"
done
pkg-config --exists nunit 2>/dev/null || [ -f /usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll ] \
  || die "NUnit (libnunit-cil-dev) is not installed (run scripts/setup.sh)"
native="$CARGO_TARGET_DIR/debug/libstoresubmit_native.so"
emulator="$CARGO_TARGET_DIR/debug/storesubmit-emulator"
[ -f "$native" ] || die "native library missing at $native (the workspace build makes it: cargo build --workspace)"
[ -x "$emulator" ] || die "emulator binary missing at $emulator (cargo build -p storesubmit-emulator)"

python3 bindings-csharp/tools/generate.py --check || die "the generated C# is stale: run python3 bindings-csharp/tools/generate.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log "mcs: StoreSubmit.dll"
cs_library "$work"
cp "$native" "$work/"

# The README's .NET quickstart (the first ```csharp block of the ".NET" section), compiled into the suite.
awk '/^## \.NET/{s=1;next} /^## /{s=0} s&&/^```csharp/{c=1;next} c&&/^```/{exit} c{print}' README.md >"$work/Quickstart.cs"
[ -s "$work/Quickstart.cs" ] || die "README.md has no \`\`\`csharp block in its .NET section"

log "mcs: StoreSubmit.Tests.dll (NUnit suite + README quickstart)"
mcs -target:library -langversion:6 -nologo -warnaserror+ -pkg:nunit -r:"$work/StoreSubmit.dll" -r:System.Net.Http.dll -r:System.IO.Compression.dll -r:System.IO.Compression.FileSystem.dll \
  -out:"$work/StoreSubmit.Tests.dll" -recurse:'bindings-csharp/cs/Tests/*.cs' "$work/Quickstart.cs" \
  || die "mcs failed to compile the test suite"

log "nunit-console (Mono)"
status=0
(cd "$work" && STORESUBMIT_ROOT="$STORESUBMIT_ROOT" STORESUBMIT_EMULATOR_BIN="$emulator" LD_LIBRARY_PATH="$work" \
  timeout 600 nunit-console -nologo -labels -xml="$work/result.xml" StoreSubmit.Tests.dll >"$work/nunit.out" 2>&1) || status=$?
[ -f "$work/result.xml" ] || { cat "$work/nunit.out" >&2; die "nunit-console wrote no result (exit $status)"; }
passed=$(grep -Eo '<test-case [^>]*executed="True" result="Success"' "$work/result.xml" | wc -l || true)
failed=$(grep -Eo '<test-case [^>]*result="(Failure|Error)"' "$work/result.xml" | wc -l || true)
notrun=$(grep -Eo '<test-case [^>]*executed="False"' "$work/result.xml" | wc -l || true)
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$notrun" -ne 0 ] || [ "$passed" -eq 0 ]; then
  grep -v '^\*\*\*\*\*' "$work/nunit.out" | tail -n 80 >&2
  die "csharp: $passed passed, $failed failed, $notrun not run (nunit-console exit $status)"
fi
seconds=$(grep -Eo '<test-suite [^>]*time="[0-9.]+"' "$work/result.xml" | head -1 | grep -Eo 'time="[0-9.]+"' | tr -dc '0-9.' || true)
echo "csharp: $passed passed, 0 failed (${seconds:-?} s in nunit)"
