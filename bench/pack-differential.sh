#!/usr/bin/env bash
# bench/pack-differential.sh [REPO ...]: the pack reader against libgit2 on real repositories.
# For each REPO (default: the history benchmark's repository, made by make-history.sh), reads
# every object both ways and requires identical bytes, then sweeps the history with and without
# the pack reader (KEYSWEEP_NO_PACK_READER=1) and requires identical findings. Prints the times
# of both, so the figure beside the pack reader is its libgit2 baseline from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake --build "$build" --target keysweep keysweep_pack_diff >/dev/null
repos=("$@")
if [ ${#repos[@]} -eq 0 ]; then
  repos=("${BENCH_HISTORY_REPO:-${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}/history.git}")
  [ -d "${repos[0]}" ] || bench/make-history.sh "${repos[0]}" >/dev/null
fi
status=0
for repo in "${repos[@]}"; do
  echo "== $repo"
  "$build/keysweep_pack_diff" "$repo" || status=1
  out=$(mktemp -d)
  for mode in reader libgit2; do
    env_flag=()
    [ $mode = libgit2 ] && env_flag=(KEYSWEEP_NO_PACK_READER=1)
    start=$(date +%s.%N)
    env "${env_flag[@]}" "$build/keysweep" scan --history --format jsonl "$repo" > "$out/$mode.jsonl" || [ $? -eq 1 ]
    printf '%-8s sweep %.2f s, %s findings\n' "$mode" "$(echo "$(date +%s.%N) - $start" | bc)" "$(wc -l < "$out/$mode.jsonl")"
  done
  if cmp -s "$out/reader.jsonl" "$out/libgit2.jsonl"; then echo "findings identical"; else echo "FINDINGS DIFFER"; status=1; fi
  rm -rf "$out"
done
exit $status
