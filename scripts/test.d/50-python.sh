#!/usr/bin/env bash
# The Python binding's suite (issue 7): builds the wheel with maturin (dev profile, into the shared cargo
# target dir so the workspace build's artifacts are reused; skipped when no input changed), installs it
# into a fresh virtualenv filled offline from the setup step's wheelhouse, and runs pytest from outside
# the source tree against the installed package. Fails loudly when a tool is missing.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$STORESUBMIT_ROOT"
tools="$STORESUBMIT_CACHE/venv-tools"
house="$STORESUBMIT_CACHE/python-wheelhouse"
[ -x "$tools/bin/maturin" ] || die "maturin missing ($tools): run scripts/setup.sh"
[ -f "$house/.storesubmit-stamp" ] || die "python wheelhouse missing ($house): run scripts/setup.sh"
[ -x tests/tools/node_modules/.bin/azurite-blob ] || die "Azurite missing (tests/tools): run scripts/setup.sh"

# The typed layer is generated from the core's manifest (surface/manifest.json, kept current by the core's
# staleness test): regenerate so the wheel always matches the core (a developer sees the rewritten files in
# `git status` and commits them).
python3 bindings-python/tools/generate.py >/dev/null || die "bindings-python/tools/generate.py failed"

# Everything the wheel is built from; the same hash means the same wheel.
inputs=$( (git ls-files -co --exclude-standard -- Cargo.toml Cargo.lock core emulator cli bindings-python/Cargo.toml \
             bindings-python/pyproject.toml bindings-python/README.md bindings-python/src bindings-python/python \
           | sort | xargs sha256sum; rustc --version) | sha256sum | cut -c1-16)
wheels="$STORESUBMIT_CACHE/python-wheels/$inputs"
if ! ls "$wheels"/storesubmit-*.whl >/dev/null 2>&1; then
  log "maturin build (dev profile) -> $wheels"
  rm -rf "$wheels.tmp" && mkdir -p "$wheels.tmp"
  (cd bindings-python && "$tools/bin/maturin" build --profile dev --quiet -o "$wheels.tmp") || die "maturin build failed"
  rm -rf "$wheels" && mv "$wheels.tmp" "$wheels"
  # keep the last few builds only
  ls -1dt "$STORESUBMIT_CACHE"/python-wheels/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
else
  log "wheel unchanged ($inputs): reusing it"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index --find-links "$house" \
  pytest mypy requests httpx "$wheels"/storesubmit-*.whl || die "pip install into the fresh venv failed"

log "pytest (installed wheel)"
cd "$work"
STORESUBMIT_ROOT="$STORESUBMIT_ROOT" "$work/venv/bin/python" -m pytest -q -p no:cacheprovider \
  --rootdir "$STORESUBMIT_ROOT/bindings-python/tests" "$STORESUBMIT_ROOT/bindings-python/tests"
