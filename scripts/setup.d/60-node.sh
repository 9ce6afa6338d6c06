# Node binding (issues 13, 23): the package's dependency @storesubmit/host (linked from js-host/) and its
# devDependencies (@napi-rs/cli, typescript, @types/node) from its lockfile, installed only when package.json or
# package-lock.json changed (stamp in node_modules). Sourced by setup.sh after 20-node-tools.sh (node and npm).
_node_pkg="$STORESUBMIT_ROOT/bindings-node"
_node_stamp="$_node_pkg/node_modules/.storesubmit-stamp"
_node_want="$( (sha256sum "$_node_pkg/package.json" "$_node_pkg/package-lock.json"; node --version) 2>/dev/null | sha256sum | cut -c1-16)"
if [ ! -f "$_node_stamp" ] || [ "$(cat "$_node_stamp")" != "$_node_want" ]; then
  log "npm ci (bindings-node)"
  (cd "$_node_pkg" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in bindings-node failed"
  echo "$_node_want" > "$_node_stamp"
fi
unset _node_pkg _node_stamp _node_want
