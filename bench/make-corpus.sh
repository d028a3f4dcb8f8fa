#!/usr/bin/env bash
# Build (or reuse) the benchmark corpus: >= 1 GiB of real source text plus generated look-alikes,
# with fake secrets planted in about 1 file in 200.
#
#   bench/make-corpus.sh [DIR] [SIZE_MIB]
#
#   DIR       default ${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}/corpus
#   SIZE_MIB  default 1100
#
# Beside DIR it writes DIR.manifest.json (counts, and every planted secret with its path relative
# to DIR and its lines) and DIR.stamp (written last: its presence means the corpus is complete).
# Both live outside DIR so that scanning DIR does not scan the manifest's copies of the secrets.
# A complete corpus of the same size is reused; anything else is rebuilt from scratch.
# Extra source directories: KEYSWEEP_CORPUS_SOURCES=dir1:dir2 (replaces the default list).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench_dir="${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}"
dir="${1:-$bench_dir/corpus}"
size_mib="${2:-1100}"
readonly CORPUS_VERSION=2

die() { echo "make-corpus: $*" >&2; exit 1; }
[[ "$size_mib" =~ ^[0-9]+$ && "$size_mib" -gt 0 ]] || die "SIZE_MIB must be a positive integer, got '$size_mib'"
command -v python3 >/dev/null || die "python3 is required"

dir="${dir%/}"
[[ "$dir" = /* ]] || dir="$PWD/$dir"
mkdir -p "$(dirname "$dir")"
stamp="$dir.stamp"
manifest="$dir.manifest.json"
want_stamp="version=$CORPUS_VERSION size_mib=$size_mib"

summary() {
  python3 - "$manifest" "$dir" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"corpus: {sys.argv[2]}")
print(f"  size: {m['bytes'] / 2**20:.1f} MiB ({m['bytes']} bytes), files: {m['files']} "
      f"({m['copied_files']} copied, {m['generated_files']} generated)")
kinds = ", ".join(f"{k} {v}" for k, v in m["planted_by_kind"].items())
print(f"  planted secrets: {m['planted']} ({kinds})")
print(f"  manifest: {sys.argv[1]}")
EOF
}

if [[ -d "$dir" && -f "$manifest" && -f "$stamp" ]] && [[ "$(head -n1 "$stamp")" == "$want_stamp" ]]; then
  echo "make-corpus: reusing complete corpus (stamp $stamp)" >&2
  summary
  exit 0
fi

# Source directories: whatever text this machine has.
sources=()
if [[ -n "${KEYSWEEP_CORPUS_SOURCES:-}" ]]; then
  IFS=: read -r -a sources <<<"$KEYSWEEP_CORPUS_SOURCES"
else
  sources=(/usr/include /usr/src /usr/lib/node_modules /usr/share/nodejs)
  for d in /usr/lib/python3*; do sources+=("$d"); done
  # The running python3's own stdlib (may live outside /usr, e.g. under pyenv).
  if py_std="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null)"; then
    sources+=("$py_std")
  fi
  if command -v perl >/dev/null; then
    while IFS= read -r d; do [[ "$d" = /* ]] && sources+=("$d"); done < <(perl -e 'print "$_\n" for @INC' 2>/dev/null || true)
  fi
  sources+=(/usr/share /usr/local/include /usr/local/share /usr/local/lib)
fi
existing=()
for d in "${sources[@]}"; do [[ -d "$d" ]] && existing+=("$d"); done
((${#existing[@]})) || die "none of the source directories exist: ${sources[*]}"

echo "make-corpus: building ${size_mib} MiB corpus in $dir" >&2
start=$(date +%s)
rm -rf -- "$dir" "$dir.partial" "$stamp" "$manifest" "$manifest.partial"
python3 "$here/make_corpus.py" --out "$dir.partial" --size-mib "$size_mib" \
  --manifest "$manifest.partial" -- "${existing[@]}" >/dev/null
mv -- "$dir.partial" "$dir"
mv -- "$manifest.partial" "$manifest"
elapsed=$(($(date +%s) - start))
printf '%s\ncreated=%s seconds=%s\n' "$want_stamp" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$elapsed" >"$stamp"
echo "make-corpus: built in ${elapsed} s" >&2
summary
