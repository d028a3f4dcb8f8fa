#!/usr/bin/env bash
# Build (or reuse) the two git repositories of the history benchmark:
#
#   1. a bare repository with > 10,000 commits and > 2 GiB of distinct blob content, made of
#      successive edits of source files found on the machine, with branches, merges, tags and
#      fake secrets planted in about 1 commit in 100 (some removed again later);
#   2. a small work tree of 5,000 files, one commit, and a staged change of 10 files, one of
#      which adds a fake secret (for `keysweep scan --staged`).
#
#   bench/make-history.sh [DIR] [STAGED_DIR]
#
#   DIR         default ${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}/history.git
#   STAGED_DIR  default ${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}/staged
#
# Beside DIR: DIR.manifest.json (counts and every planted secret: kind, value, branch, path,
# commit, and the commit that removed it if any) and DIR.stamp (written last: parameters, then
# the measured figures as key=value lines). Beside STAGED_DIR: STAGED_DIR.changes.json and
# STAGED_DIR.stamp. A repository whose stamp matches the parameters is reused; anything else is
# rebuilt from scratch.
#
# Environment:
#   BENCH_HISTORY_COMMITS   minimum commits (default 12000)
#   BENCH_HISTORY_MIB       minimum distinct blob content in MiB (default 2304, i.e. 2.25 GiB)
#   BENCH_HISTORY_POOL_MIB  source text read into memory as material (default 500)
#   BENCH_HISTORY_REPACK    auto (default): try `git repack -a -d -f`, give up after
#                           BENCH_REPACK_TIMEOUT seconds (default 600) and keep fast-import's
#                           packs; no: never repack
#   KEYSWEEP_HISTORY_SOURCES  dir1:dir2 source folders (replaces the default list)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench_dir="${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}"
dir="${1:-$bench_dir/history.git}"
staged="${2:-$bench_dir/staged}"
commits="${BENCH_HISTORY_COMMITS:-12000}"
min_mib="${BENCH_HISTORY_MIB:-2304}"
pool_mib="${BENCH_HISTORY_POOL_MIB:-500}"
repack_mode="${BENCH_HISTORY_REPACK:-auto}"
repack_timeout="${BENCH_REPACK_TIMEOUT:-600}"
readonly HISTORY_VERSION=3 STAGED_VERSION=1 STAGED_FILES=5000 STAGED_CHANGED=10

die() { echo "make-history: $*" >&2; exit 1; }
note() { echo "make-history: $*" >&2; }
for v in commits min_mib pool_mib repack_timeout; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer, got '${!v}'"
done
[[ "$repack_mode" == auto || "$repack_mode" == no ]] || die "BENCH_HISTORY_REPACK must be auto or no"
command -v python3 >/dev/null || die "python3 is required"
command -v git >/dev/null || die "git is required"

abspath() { local p="${1%/}"; [[ "$p" = /* ]] || p="$PWD/$p"; printf '%s' "$p"; }
dir="$(abspath "$dir")"
staged="$(abspath "$staged")"
mkdir -p "$(dirname "$dir")" "$(dirname "$staged")"

# --- source folders ---------------------------------------------------------------------------
sources=()
if [[ -n "${KEYSWEEP_HISTORY_SOURCES:-}" ]]; then
  IFS=: read -r -a sources <<<"$KEYSWEEP_HISTORY_SOURCES"
else
  sources=(/usr/include /usr/share/doc)
  for d in /usr/lib/python3*; do sources+=("$d"); done
  for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/lib/python3*; do sources+=("$d"); done
  if py_std="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])' 2>/dev/null)"; then
    sources+=("$py_std")
  fi
fi
existing=()
declare -A seen_src=()
for d in "${sources[@]}"; do
  [[ -d "$d" ]] || continue
  real="$(cd "$d" && pwd -P)"
  [[ -n "${seen_src[$real]:-}" ]] && continue
  seen_src[$real]=1
  existing+=("$real")
done
((${#existing[@]})) || die "none of the source folders exist: ${sources[*]}"

stamp_get() { sed -n "s/^$2=//p" "$1" | head -n1; }

# --- 1. the history ---------------------------------------------------------------------------
stamp="$dir.stamp"
manifest="$dir.manifest.json"
want_stamp="version=$HISTORY_VERSION commits=$commits min_mib=$min_mib pool_mib=$pool_mib"

history_summary() {
  local s="$stamp"
  echo "history: $dir"
  echo "  commits: $(stamp_get "$s" commits_total) ($(stamp_get "$s" merges) merges), refs: $(stamp_get "$s" branches) branches, $(stamp_get "$s" tags) tags"
  echo "  distinct blobs: $(stamp_get "$s" unique_blobs), $(stamp_get "$s" unique_blob_bytes) bytes ($(awk -v b="$(stamp_get "$s" unique_blob_bytes)" 'BEGIN {printf "%.2f GiB", b / 2^30}'))"
  echo "  pack: $(stamp_get "$s" pack_bytes) bytes in $(stamp_get "$s" packs) pack(s) ($(stamp_get "$s" pack_note); fast-import wrote $(stamp_get "$s" import_pack_bytes) bytes)"
  echo "  planted secrets: $(stamp_get "$s" planted) ($(stamp_get "$s" planted_removed) removed later; $(stamp_get "$s" planted_by_kind))"
  echo "  generation: fast-import $(stamp_get "$s" import_seconds) s, repack $(stamp_get "$s" repack_seconds) s, total $(stamp_get "$s" total_seconds) s"
  echo "  manifest: $manifest"
}

if [[ -d "$dir" && -f "$manifest" && -f "$stamp" ]] && [[ "$(head -n1 "$stamp")" == "$want_stamp" ]]; then
  note "reusing complete history (stamp $stamp)"
  history_summary
else
  note "building the history in $dir (>= $commits commits, >= $min_mib MiB of distinct blobs)"
  note "sources: ${existing[*]}"
  rm -rf -- "$dir" "$stamp" "$manifest" "$dir.partial" "$dir.marks"
  git init -q --bare "$dir.partial"
  git -C "$dir.partial" config gc.auto 0
  git -C "$dir.partial" symbolic-ref HEAD refs/heads/main
  t0=$(date +%s)
  python3 "$here/make_history.py" stream --manifest "$manifest.partial" --commits "$commits" \
    --min-bytes "$((min_mib * 1048576))" --pool-mib "$pool_mib" -- "${existing[@]}" |
    git -C "$dir.partial" fast-import --quiet --export-marks="$dir.marks"
  t1=$(date +%s)
  import_seconds=$((t1 - t0))
  note "fast-import done in ${import_seconds} s"
  python3 "$here/make_history.py" marks "$manifest.partial" "$dir.marks"
  rm -f -- "$dir.marks"

  import_pack_bytes="$(find "$dir.partial/objects/pack" -name '*.pack' -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')"
  repack_seconds=0
  pack_note="fast-import pack, not repacked"
  if [[ "$repack_mode" == auto ]]; then
    if command -v timeout >/dev/null; then
      # -f: fast-import deltifies each blob against the blob written just before it (another
      # file, so the deltas are poor), and a repack without -f would keep those deltas.
      note "repacking (git -c pack.threads=2 repack -a -d -f --window=10 --depth=20; limit ${repack_timeout} s)"
      rc=0
      t_repack=$(date +%s)
      timeout --signal=TERM "$repack_timeout" \
        git -C "$dir.partial" -c pack.threads=2 repack -a -d -f -q --window=10 --depth=20 || rc=$?
      repack_seconds=$(($(date +%s) - t_repack))
      if ((rc == 0)); then
        pack_note="repack -a -d -f --window=10 --depth=20"
      else
        rm -f -- "$dir.partial"/objects/pack/.tmp-* "$dir.partial"/objects/pack/tmp_* 2>/dev/null || true
        if ((rc == 124)); then
          pack_note="fast-import pack: repack gave up after ${repack_timeout} s"
        else
          pack_note="fast-import pack: repack failed (status $rc)"
        fi
        note "$pack_note"
      fi
    else
      pack_note="fast-import pack: no timeout(1) to bound the repack"
    fi
  fi

  note "measuring"
  commits_total="$(git -C "$dir.partial" rev-list --all --count)"
  read -r unique_blobs unique_blob_bytes < <(git -C "$dir.partial" cat-file --batch-all-objects \
    --batch-check='%(objecttype) %(objectsize)' | awk '$1 == "blob" {n++; s += $2} END {printf "%d %.0f\n", n, s}')
  read -r packs pack_bytes < <(find "$dir.partial/objects/pack" -name '*.pack' -printf '%s\n' |
    awk '{n++; s += $1} END {printf "%d %.0f\n", n, s}')
  branches="$(git -C "$dir.partial" for-each-ref refs/heads | wc -l)"
  tags="$(git -C "$dir.partial" for-each-ref refs/tags | wc -l)"
  total_seconds=$(($(date +%s) - t0))
  mv -- "$dir.partial" "$dir"
  mv -- "$manifest.partial" "$manifest"
  python3 - "$manifest" "$stamp.partial" <<EOF
import json, sys
m = json.load(open(sys.argv[1]))
kinds = ", ".join(f"{k} {v}" for k, v in m["planted_by_kind"].items())
with open(sys.argv[2], "w") as fh:
    fh.write("$want_stamp\n")
    fh.write("created=$(date -u +%Y-%m-%dT%H:%M:%SZ)\n")
    for k, v in [("commits_total", "$commits_total"), ("merges", m["merges"]),
                 ("branches", "$branches"), ("tags", "$tags"),
                 ("unique_blobs", "$unique_blobs"), ("unique_blob_bytes", "$unique_blob_bytes"),
                 ("generator_unique_blob_bytes", m["unique_blob_bytes"]),
                 ("packs", "$packs"), ("pack_bytes", "$pack_bytes"),
                 ("import_pack_bytes", "$import_pack_bytes"), ("pack_note", "$pack_note"),
                 ("planted", m["planted"]), ("planted_removed", m["planted_removed"]),
                 ("planted_by_kind", kinds), ("import_seconds", "$import_seconds"),
                 ("repack_seconds", "$repack_seconds"), ("total_seconds", "$total_seconds")]:
        fh.write(f"{k}={v}\n")
EOF
  mv -- "$stamp.partial" "$stamp"
  ((commits_total > 10000)) || note "warning: only $commits_total commits (wanted > 10000)"
  ((unique_blob_bytes > 2147483648)) || note "warning: only $unique_blob_bytes bytes of distinct blobs (wanted > 2 GiB)"
  note "built in ${total_seconds} s"
  history_summary
fi

# --- 2. the staged change ---------------------------------------------------------------------
sstamp="$staged.stamp"
changes="$staged.changes.json"
want_sstamp="version=$STAGED_VERSION files=$STAGED_FILES changed=$STAGED_CHANGED"

staged_summary() {
  echo "staged: $staged"
  echo "  $(stamp_get "$sstamp" files) files ($(stamp_get "$sstamp" bytes) bytes) in one commit; staged: $(stamp_get "$sstamp" staged_files) changed files, one adding a fake GitHub PAT"
}

if [[ -d "$staged/.git" && -f "$changes" && -f "$sstamp" ]] && [[ "$(head -n1 "$sstamp")" == "$want_sstamp" ]] &&
  [[ "$(git -C "$staged" diff --cached --name-only | wc -l)" == "$STAGED_CHANGED" ]]; then
  note "reusing the staged repository (stamp $sstamp)"
  staged_summary
else
  note "building the staged repository in $staged"
  rm -rf -- "$staged" "$staged.partial" "$sstamp" "$changes"
  read -r sfiles sbytes < <(python3 "$here/make_history.py" staged --out "$staged.partial" \
    --changes "$changes.partial" --files "$STAGED_FILES" --changed "$STAGED_CHANGED" -- "${existing[@]}")
  gitc() {
    GIT_AUTHOR_NAME="Bench" GIT_AUTHOR_EMAIL="bench@example.com" GIT_COMMITTER_NAME="Bench" \
      GIT_COMMITTER_EMAIL="bench@example.com" git -C "$staged.partial" "$@"
  }
  gitc init -q
  gitc symbolic-ref HEAD refs/heads/main
  gitc config gc.auto 0
  gitc add -A
  gitc commit -q -m "Initial import"
  python3 "$here/make_history.py" apply-changes "$staged.partial" "$changes.partial" |
    while IFS= read -r p; do gitc add -- "$p"; done
  mv -- "$staged.partial" "$staged"
  mv -- "$changes.partial" "$changes"
  git -C "$staged" update-index -q --refresh || true
  n_staged="$(git -C "$staged" diff --cached --name-only | wc -l)"
  [[ "$n_staged" == "$STAGED_CHANGED" ]] || die "expected $STAGED_CHANGED staged files, got $n_staged"
  printf '%s\ncreated=%s\nfiles=%s\nbytes=%s\nstaged_files=%s\n' "$want_sstamp" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$sfiles" "$sbytes" "$n_staged" >"$sstamp"
  staged_summary
fi
