#!/usr/bin/env bash
# Env-inventory throughput: `keysweep env` over the scan benchmark's corpus, against the cat I/O
# floor over the same files, both measured in the same run on the same warm page cache.
#
#   bench/env-throughput.sh
#
# Environment:
#   KEYSWEEP            binary (default: <repo>/build/keysweep)
#   BENCH_RUNS          runs per figure, median reported (default 5)
#   KEYSWEEP_BENCH_DIR  work area (default /tmp/keysweep-bench): corpus/, work/, results/
#   BENCH_CORPUS_MIB    corpus size handed to make-corpus.sh (default 1100)
#
# MiB/s and files/s are over the whole corpus (every file, as cat reads them). keysweep env only
# opens files an env rule or the .env parser applies to; the script also prints how many files
# and bytes that was, from the report's summary.
#
# Exit status: 0 when every figure ran, 1 when keysweep failed (exit status 2) or setup failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench_dir="${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}"
corpus="$bench_dir/corpus"
work="$bench_dir/work"
results_dir="$bench_dir/results"
runs="${BENCH_RUNS:-5}"
corpus_mib="${BENCH_CORPUS_MIB:-1100}"
keysweep="${KEYSWEEP:-$root/build/keysweep}"

die() { echo "env-throughput: $*" >&2; exit 1; }
note() { echo "env-throughput: $*" >&2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, got '$runs'"
command -v python3 >/dev/null || die "python3 is required"
[[ "$keysweep" = /* ]] || keysweep="$PWD/$keysweep"
[[ -x "$keysweep" ]] || die "keysweep binary not found at $keysweep (build it, or set KEYSWEEP)"

mkdir -p "$work" "$results_dir"
result_file="$results_dir/env-$(date +%Y%m%d-%H%M%S).txt"
: >"$result_file"
say() { printf '%s\n' "$*" | tee -a "$result_file"; }

"$here/make-corpus.sh" "$corpus" "$corpus_mib" >"$work/corpus.txt"
read -r corpus_files corpus_bytes < <(find "$corpus" -type f -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')

rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[[ -z "$(git -C "$root" status --porcelain 2>/dev/null | head -n1)" ]] || rev="$rev+dirty"
say "keysweep env benchmark  $(date '+%Y-%m-%d %H:%M:%S %z')"
say "host: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); repo $rev"
say "keysweep: $("$keysweep" --version 2>/dev/null | head -n1) ($keysweep)"
say "corpus: $corpus  $(awk -v b="$corpus_bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}') in $corpus_files files"
say "runs: $runs per figure, interleaved, median reported; page cache warm"
say ""

note "warming the page cache"
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null
note "keysweep warm-up run (env rule cache)"
"$keysweep" env --no-ignore --format json -o "$work/env.json" "$corpus" >/dev/null 2>"$work/env.err" ||
  { note "keysweep env failed:"; sed 's/^/  /' "$work/env.err" >&2; exit 1; }

run_cat() { find "$corpus" -type f -print0 | xargs -0 cat >/dev/null; }
run_env() { "$keysweep" env --no-ignore --format json -o "$work/env.json" "$corpus" >/dev/null 2>"$work/env.err"; }

times="$work/env-times.tsv"
: >"$times"
for ((i = 1; i <= runs; i++)); do
  note "round $i/$runs"
  for fig in cat env; do
    t0=$(date +%s%N)
    rc=0
    "run_$fig" || rc=$?
    t1=$(date +%s%N)
    ((rc == 0)) || { say "$fig FAILED (exit status $rc)"; sed 's/^/  /' "$work/env.err" | tee -a "$result_file"; exit 1; }
    printf '%s\t%s\n' "$fig" "$((t1 - t0))" >>"$times"
  done
done

python3 - "$times" "$corpus_bytes" "$corpus_files" "$work/env.json" <<'PY' | tee -a "$result_file"
import json, statistics, sys
times_path, corpus_bytes, corpus_files, report = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
runs = {}
for line in open(times_path):
    label, ns = line.split("\t")
    runs.setdefault(label, []).append(int(ns) / 1e9)
names = {"cat": "cat floor (find|xargs cat)", "env": "keysweep env, all env rules"}
print(f"{'figure':<29} {'median':>9} {'MiB/s':>9} {'files/s':>10}   runs (s)")
med = {}
for label in ("cat", "env"):
    med[label] = statistics.median(runs[label])
    print(f"{names[label]:<29} {med[label]:>8.3f}s {corpus_bytes / 2**20 / med[label]:>9.1f} "
          f"{corpus_files / med[label]:>10.0f}   " + " ".join(f"{t:.2f}" for t in runs[label]))
print(f"keysweep env / cat = {med['cat'] / med['env']:.2f}x")
s = json.load(open(report))["summary"]
print(f"keysweep env read {s['files']} of {corpus_files} files ({s['bytes'] / 2**20:.1f} MiB): "
      f"{s['variables']} variables, {s['problems']} problems")
PY
say ""
say "results: $result_file"
