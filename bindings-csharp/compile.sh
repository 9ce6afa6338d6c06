# Compiles the C# library with Mono's mcs; sourced by build.sh and scripts/test.d/80-csharp.sh (no cargo here).
# cs_library OUTDIR: regenerates the typed layer from the manifest, then writes OUTDIR/StoreSubmit.dll and its
# XML documentation; warnings (missing XML docs included) fail the build.
cs_library() {
  local out="$1" here
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  mkdir -p "$out"
  python3 "$here/tools/generate.py" >/dev/null || die "bindings-csharp/tools/generate.py failed"
  mcs -target:library -langversion:6 -warnaserror+ -warn:4 -nologo -r:System.Net.Http.dll \
    -doc:"$out/StoreSubmit.xml" -out:"$out/StoreSubmit.dll" -recurse:"$here/cs/StoreSubmit/*.cs" \
    || die "mcs failed to compile StoreSubmit.dll"
}
