#!/usr/bin/env bash
# Builds the .NET binding on a fresh machine: installs Mono's compiler and runtime (idempotent), builds the
# native library (cargo build --release -p storesubmit-csharp) and compiles bindings-csharp/out/StoreSubmit.dll
# (+ StoreSubmit.xml docs) with the native library copied beside it, so any program can reference the DLL.
#   bash bindings-csharp/build.sh            release native library
#   bash bindings-csharp/build.sh --debug    debug native library (faster to build)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
source "$STORESUBMIT_ROOT/scripts/setup.d/80-csharp.sh"
source "$STORESUBMIT_ROOT/bindings-csharp/compile.sh"
command -v python3 >/dev/null || apt_install python3
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) first"
profile=release; flag=--release
[ "${1:-}" = "--debug" ] && { profile=debug; flag=; }
cd "$STORESUBMIT_ROOT"
log "cargo build $flag -p storesubmit-csharp"
# shellcheck disable=SC2086
cargo build $flag --quiet -p storesubmit-csharp || die "cargo build of the native library failed"
out="$STORESUBMIT_ROOT/bindings-csharp/out"
log "mcs -> $out/StoreSubmit.dll"
cs_library "$out"
case "$(uname -s)" in
  Darwin) lib=libstoresubmit_native.dylib ;;
  MINGW*|MSYS*|CYGWIN*) lib=storesubmit_native.dll ;;
  *) lib=libstoresubmit_native.so ;;
esac
cp "$CARGO_TARGET_DIR/$profile/$lib" "$out/" || die "native library missing: $CARGO_TARGET_DIR/$profile/$lib"
echo "built $out/StoreSubmit.dll and $out/$lib"
