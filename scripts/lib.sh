# Shared shell helpers for setup and test scripts. Source it; do not run it.
# Every install here is idempotent: it does nothing when the thing is already present.

STORESUBMIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export STORESUBMIT_ROOT
# Build caches live outside the clone so a fresh clone on a warm machine reuses them.
export STORESUBMIT_CACHE="${STORESUBMIT_CACHE:-$HOME/.cache/storesubmit}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$STORESUBMIT_CACHE/target}"
mkdir -p "$STORESUBMIT_CACHE"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

_apt_updated=""
# apt_install PKG...: installs the Debian packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ -z "$_apt_updated" ]; then
    log "apt-get update"
    $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
    _apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# node_tools_install: installs tests/tools (azurite, node-fetch, ...) from its lockfile when needed.
node_tools_install() {
  local dir="$STORESUBMIT_ROOT/tests/tools"
  local stamp="$dir/node_modules/.storesubmit-stamp"
  local want; want="$(sha256sum "$dir/package.json" "$dir/package-lock.json" 2>/dev/null | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "npm install (tests/tools)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci in tests/tools failed"
  echo "$want" > "$stamp"
}
