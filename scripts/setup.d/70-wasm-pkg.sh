# storesubmit-wasm (issue 14): Debian's Chromium for the browser test (never a downloaded browser), Python for
# its independent ZIP reader, wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version, and the package's
# npm dependencies (@storesubmit/host, linked from js-host/; playwright-core, typescript) from its lockfile. The wasm32 toolchain (rustc-web,
# lld-19) comes from 10-wasm.sh. Idempotent: each step is skipped when already done.
apt_install chromium python3
_wp_bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$STORESUBMIT_ROOT/Cargo.lock")
[ -n "$_wp_bindgen" ] || die "no wasm-bindgen in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$_wp_bindgen" ]; then
  log "cargo install wasm-bindgen-cli $_wp_bindgen"
  # no --locked: one of its locked dependency versions is gone from the registry (TOOLCHAIN.md)
  (unset CARGO_TARGET_DIR; cargo install --quiet --force wasm-bindgen-cli --version "$_wp_bindgen") \
    || die "cargo install wasm-bindgen-cli $_wp_bindgen failed"
fi
_wp_dir="$STORESUBMIT_ROOT/bindings-wasm"
_wp_want=$(cat "$_wp_dir/package.json" "$_wp_dir/package-lock.json" | sha256sum | cut -c1-16)
if [ "$(cat "$_wp_dir/node_modules/.storesubmit-stamp" 2>/dev/null)" != "$_wp_want" ]; then
  log "npm ci (bindings-wasm)"
  (cd "$_wp_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in bindings-wasm failed"
  echo "$_wp_want" > "$_wp_dir/node_modules/.storesubmit-stamp"
fi
unset _wp_bindgen _wp_dir _wp_want
