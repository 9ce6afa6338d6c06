#!/usr/bin/env bash
# Packaging and upload benchmark (issue 4); results go in BENCHMARKS.md, "Packaging and upload".
#
# One input of $SIZE_MIB MiB (`pack gen`, 1024 by default: a random .msixupload of $SIZE_MIB - 124 MiB,
# 41 random 3 MiB screenshots, a 1 MiB text file, and a submission naming them), then, interleaved in
# each of $REPS rounds so that load drift on a shared machine hits every tool alike:
#   a plain read/write copy (`pack rwcopy`: every byte read and written once, the floor for writing an
#   archive) · cp -r (may copy in the kernel with copy_file_range, writing no data) · storesubmit pack · Python zipfile DEFLATED · Python zipfile STORED ·
#   Info-ZIP zip (defaults)
# and in each of $UPLOAD_REPS rounds, each upload into a fresh Azurite (in-memory, loopback), the order
# rotating between rounds:
#   zip-while-uploading (storesubmit) · pack to a file, then upload the file (storesubmit) · and, of the
#   same packed archive: upload-file (storesubmit alone) · azure-storage-blob (Python SDK,
#   `upload_blob(max_concurrency=4)`, installed from PyPI into a venv under $STORESUBMIT_CACHE) · one
#   `curl` Put Blob
# With BASELINE_PACK=/path/to/pack (an earlier build of the same binary), `storesubmit pack` and
# zip-while-uploading also run with it, in the same rounds, as `…-baseline` rows.
# Every command runs under GNU time (`/usr/bin/time -f "%e %U %S %M"`: wall, user, system, peak RSS);
# the page cache is warm (the input is read once before), `sync` runs before each command.
#
# Usage: bash bench/pack.sh   (SIZE_MIB=1024 REPS=5 UPLOAD_REPS=4 ROWS=… BENCH_DIR=~/.cache/storesubmit/bench-pack[-MIB])
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$STORESUBMIT_ROOT"

REPS="${REPS:-5}"
UPLOAD_REPS="${UPLOAD_REPS:-4}"
SIZE_MIB="${SIZE_MIB:-1024}"
if [ "$SIZE_MIB" = 1024 ]; then WORK="${BENCH_DIR:-$STORESUBMIT_CACHE/bench-pack}"; else WORK="${BENCH_DIR:-$STORESUBMIT_CACHE/bench-pack-$SIZE_MIB}"; fi
BASELINE="${BASELINE_PACK:-}"
[ -z "$BASELINE" ] || [ -x "$BASELINE" ] || die "BASELINE_PACK=$BASELINE is not an executable"
GNU_TIME=/usr/bin/time
[ -x "$GNU_TIME" ] || die "GNU time ($GNU_TIME) is missing: run bash scripts/setup.sh"
for t in python3 zip cp curl; do command -v "$t" >/dev/null || die "$t is missing: run bash scripts/setup.sh"; done
# the Python SDK row: azure-storage-blob from PyPI, in its own venv (pinned, so the row is reproducible)
AZ_SDK_VERSION=12.31.1
VENV="$STORESUBMIT_CACHE/venv-bench-blob"
if ! "$VENV/bin/python" -c "import azure.storage.blob as b; assert b.__version__ == '$AZ_SDK_VERSION'" 2>/dev/null; then
  log "installing azure-storage-blob $AZ_SDK_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "azure-storage-blob==$AZ_SDK_VERSION" || die "pip install azure-storage-blob failed"
fi
AZURITE="$STORESUBMIT_ROOT/tests/tools/node_modules/.bin/azurite-blob"
[ -x "$AZURITE" ] || die "Azurite is missing: run bash scripts/setup.sh"

log "cargo build --release -p storesubmit-bench --bin pack"
cargo build --release --quiet -p storesubmit-bench --bin pack
PACK="$CARGO_TARGET_DIR/release/pack"

mkdir -p "$WORK"
IN="$WORK/in"
if [ ! -f "$IN/submission.json" ]; then
  log "generating the $SIZE_MIB MiB input in $IN"
  rm -rf "$IN"
  "$PACK" gen "$IN" "$SIZE_MIB"
fi
cat "$IN/app.msixupload" "$IN/notes.txt" "$IN"/Images/* > /dev/null   # warm the page cache

PY_ZIP='
import os, sys, zipfile
method = zipfile.ZIP_DEFLATED if sys.argv[1] == "deflated" else zipfile.ZIP_STORED
src, out = sys.argv[2], sys.argv[3]
with zipfile.ZipFile(out, "w", method) as z:
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            if f != "submission.json":
                p = os.path.join(root, f)
                z.write(p, os.path.relpath(p, src))
'

RESULTS="$WORK/results.txt"
: > "$RESULTS"
OUT="$WORK/out"

# measure NAME CMD...: one timed run, appended to $RESULTS
measure() {
  local name="$1"; shift
  rm -rf "$OUT"; mkdir -p "$OUT"; sync
  "$GNU_TIME" -a -o "$RESULTS" -f "$name %e %U %S %M" "$@" > /dev/null 2> "$WORK/last.err" \
    || { cat "$WORK/last.err" >&2; die "$name failed"; }
}

# ROWS: the packaging rows to run (all by default); e.g. ROWS="rw-copy storesubmit-pack" REPS=15 UPLOAD_REPS=0
ROWS="${ROWS:-rw-copy cp storesubmit-pack python-deflated python-stored info-zip}"
want() { case " $ROWS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
for rep in $(seq 1 "$REPS"); do
  log "packaging round $rep/$REPS"
  if want rw-copy; then measure rw-copy "$PACK" rwcopy "$IN" "$OUT/copy.bin"; fi
  if want cp; then measure cp cp -r "$IN" "$OUT/copy"; fi
  if want storesubmit-pack; then
    measure storesubmit-pack "$PACK" pack "$IN/submission.json" "$IN" "$OUT/ss.zip"
    [ -z "$BASELINE" ] || measure storesubmit-pack-baseline "$BASELINE" pack "$IN/submission.json" "$IN" "$OUT/ss.zip"
  fi
  if want python-deflated; then measure python-deflated python3 -c "$PY_ZIP" deflated "$IN" "$OUT/py.zip"; fi
  if want python-stored; then measure python-stored python3 -c "$PY_ZIP" stored "$IN" "$OUT/py.zip"; fi
  if want info-zip; then measure info-zip sh -c 'cd "$1" && zip -q -r "$2" app.msixupload Images notes.txt' sh "$IN" "$OUT/iz.zip"; fi
done

AZ_PID=""
stop_azurite() { if [ -n "$AZ_PID" ]; then kill "$AZ_PID" 2>/dev/null || true; wait "$AZ_PID" 2>/dev/null || true; AZ_PID=""; fi; }
trap stop_azurite EXIT
start_azurite() {
  local log="$WORK/azurite.out"
  : > "$log"
  (cd "$WORK" && exec "$AZURITE" --blobHost 127.0.0.1 --blobPort 0 --inMemoryPersistence --disableTelemetry --silent) > "$log" 2>&1 &
  AZ_PID=$!
  for _ in $(seq 1 120); do
    AZ_PORT="$(sed -n 's/.*listens on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")"
    [ -n "$AZ_PORT" ] && return 0
    sleep 0.5
  done
  cat "$log" >&2
  die "Azurite did not start"
}

# the file the upload-only rows send: the packed archive (outside $OUT, which each measure empties)
ZIP="$WORK/upload-src.zip"
"$PACK" pack "$IN/submission.json" "$IN" "$ZIP" 2> /dev/null
SAS_VERSION=2021-12-02
PY_SDK='
import sys
from azure.storage.blob import BlobClient
blob = BlobClient.from_blob_url(sys.argv[2], api_version=sys.argv[3])
with open(sys.argv[1], "rb") as f:
    blob.upload_blob(f, overwrite=True, max_concurrency=4)
'

# measure_upload NAME: one timed upload into a fresh Azurite (nothing else in its memory)
measure_upload() {
  start_azurite
  local account="http://127.0.0.1:$AZ_PORT/devstoreaccount1" url
  url="$("$PACK" sas "$account" bench "$1.zip")"
  case "$1" in
    zip-while-uploading) measure "$1" "$PACK" zip-upload "$IN/submission.json" "$IN" "$url" ;;
    zip-while-uploading-baseline) measure "$1" "$BASELINE" zip-upload "$IN/submission.json" "$IN" "$url" ;;
    pack-then-upload) measure "$1" sh -c '"$1" pack "$2/submission.json" "$2" "$3/ss.zip" && "$1" upload "$3/ss.zip" "$4"' sh "$PACK" "$IN" "$OUT" "$url" ;;
    upload-file) measure "$1" "$PACK" upload "$ZIP" "$url" ;;
    azure-storage-blob) measure "$1" "$VENV/bin/python" -c "$PY_SDK" "$ZIP" "$url" "$SAS_VERSION" ;;
    curl-put-blob) measure "$1" curl -sS -f -o /dev/null -X PUT -H "x-ms-blob-type: BlockBlob" -H "x-ms-version: $SAS_VERSION" -H "Expect:" -T "$ZIP" "$url" ;;
  esac
  stop_azurite
}

UPLOADS=(zip-while-uploading pack-then-upload upload-file azure-storage-blob curl-put-blob)
[ -z "$BASELINE" ] || UPLOADS+=(zip-while-uploading-baseline)
for rep in $(seq 1 "$UPLOAD_REPS"); do
  log "upload round $rep/$UPLOAD_REPS (a fresh Azurite for each upload; the order rotates)"
  n=${#UPLOADS[@]}
  for i in $(seq 0 $((n - 1))); do
    measure_upload "${UPLOADS[$(( (i + rep - 1) % n ))]}"
  done
done
rm -rf "$OUT"

log "results ($RESULTS): median and min wall time, median CPU (user+system), peak RSS"
python3 - "$RESULTS" <<'PY'
import collections, statistics, sys
runs = collections.OrderedDict()
for line in open(sys.argv[1]):
    name, wall, user, system, rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(user) + float(system), int(rss)))
med = {n: statistics.median(w for w, _, _ in v) for n, v in runs.items()}
print("| command | runs | median wall | min wall | median CPU | peak RSS | median vs read/write copy |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for n, v in runs.items():
    walls = [w for w, _, _ in v]
    vs = f"{med[n] / med['rw-copy']:.2f} ×" if "rw-copy" in med else ""
    print(f"| {n} | {len(v)} | {med[n]:.2f} s | {min(walls):.2f} s | {statistics.median(c for _, c, _ in v):.2f} s "
          f"| {max(r for _, _, r in v) / 1024:.1f} MiB | {vs} |")
if "rw-copy" in med and "storesubmit-pack" in med:
    mins = {n: min(w for w, _, _ in v) for n, v in runs.items()}
    print(f"\nstoresubmit pack takes {med['storesubmit-pack'] / med['rw-copy']:.2f} × the time of a read/write copy "
          f"(median; {mins['storesubmit-pack'] / mins['rw-copy']:.2f} × on the minimums)")
if "python-deflated" in med and "storesubmit-pack" in med:
    print(f"\nstoresubmit pack is {med['python-deflated'] / med['storesubmit-pack']:.1f} × faster than Python zipfile DEFLATED")
for n in ("storesubmit-pack", "zip-while-uploading"):
    if n in med and n + "-baseline" in med:
        print(f"{n}: {med[n] / med[n + '-baseline']:.2f} × the time of the baseline build (median)")
if "pack-then-upload" in med and "zip-while-uploading" in med:
    print(f"zip-while-uploading takes {med['zip-while-uploading'] / med['pack-then-upload']:.2f} × the time of pack-then-upload")
PY
