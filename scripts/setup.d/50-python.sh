# Python binding (issue 7): maturin, pytest and mypy in a cached virtualenv outside the clone, plus a
# wheelhouse (pip's own download of the suite's test dependencies) from which each test run fills a fresh
# virtualenv offline. Idempotent: stamps record what was installed.
_py_tools="$STORESUBMIT_CACHE/venv-tools"
_py_house="$STORESUBMIT_CACHE/python-wheelhouse"
_py_want="maturin>=1.5,<2 pytest>=7 mypy>=1.8 requests>=2.28 httpx>=0.24"
_py_test="pytest>=7 mypy>=1.8 requests>=2.28 httpx>=0.24"
command -v python3 >/dev/null || apt_install python3 python3-venv python3-pip
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
if [ ! -x "$_py_tools/bin/python" ] || [ "$(cat "$_py_tools/.storesubmit-stamp" 2>/dev/null)" != "$_py_want" ]; then
  log "python tools venv ($_py_tools)"
  python3 -m venv "$_py_tools" || die "python3 -m venv failed (install python3-venv)"
  # shellcheck disable=SC2086
  "$_py_tools/bin/pip" install --quiet --disable-pip-version-check $_py_want || die "pip install of python tools failed"
  echo "$_py_want" > "$_py_tools/.storesubmit-stamp"
fi
if [ "$(cat "$_py_house/.storesubmit-stamp" 2>/dev/null)" != "$_py_test" ]; then
  log "python test wheelhouse ($_py_house)"
  mkdir -p "$_py_house"
  # shellcheck disable=SC2086
  "$_py_tools/bin/pip" download --quiet --disable-pip-version-check --dest "$_py_house" $_py_test \
    || die "pip download of the python test dependencies failed"
  echo "$_py_test" > "$_py_house/.storesubmit-stamp"
fi
unset _py_tools _py_house _py_want _py_test
