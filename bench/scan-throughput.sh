#!/usr/bin/env bash
# Scan throughput and start-up latency of keysweep, against the cat I/O floor and ripgrep, all
# measured in the same run on the same warm page cache.
#
#   bench/scan-throughput.sh
#
# Environment:
#   KEYSWEEP            binary (default: <repo>/build/keysweep)
#   KEYSWEEP_BASELINE   a second binary (say, a build of the commit before a change) timed in
#                       the same rounds on the same corpus, for a keysweep/baseline ratio
#   BENCH_RUNS          runs per throughput figure, median reported (default 5)
#   STARTUP_RUNS        runs per start-up figure (default 30)
#   KEYSWEEP_BENCH_DIR  work area (default /tmp/keysweep-bench): corpus/, work/, results/
#   BENCH_CORPUS_MIB    corpus size handed to make-corpus.sh (default 1100)
#
# Exit status: 0 when every figure that could run did (a missing rg, hyperfine or keysweep is
# reported and its figure skipped), 1 when keysweep failed (exit status 2) or setup failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench_dir="${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}"
corpus="$bench_dir/corpus"
manifest="$corpus.manifest.json"
work="$bench_dir/work"
results_dir="$bench_dir/results"
runs="${BENCH_RUNS:-5}"
startup_runs="${STARTUP_RUNS:-30}"
corpus_mib="${BENCH_CORPUS_MIB:-1100}"
keysweep="${KEYSWEEP:-$root/build/keysweep}"

die() { echo "scan-throughput: $*" >&2; exit 1; }
note() { echo "scan-throughput: $*" >&2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, got '$runs'"
[[ "$startup_runs" =~ ^[1-9][0-9]*$ ]] || die "STARTUP_RUNS must be a positive integer, got '$startup_runs'"
command -v python3 >/dev/null || die "python3 is required"
[[ "$keysweep" = /* ]] || keysweep="$PWD/$keysweep"

mkdir -p "$work" "$results_dir"
result_file="$results_dir/scan-$(date +%Y%m%d-%H%M%S).txt"
: >"$result_file"
say() { printf '%s\n' "$*" | tee -a "$result_file"; }
say_cmd() { "$@" | tee -a "$result_file"; }

# --- what is available --------------------------------------------------------------------------
have_rg=1 have_hf=1 have_ks=1 ks_failed=0
command -v rg >/dev/null || { have_rg=0; note "rg (ripgrep) not found: the ripgrep figure is skipped (install the ripgrep package)"; }
command -v hyperfine >/dev/null || { have_hf=0; note "hyperfine not found: start-up is timed with a bash loop instead"; }
[[ -x "$keysweep" ]] || { have_ks=0; note "keysweep binary not found at $keysweep: keysweep figures are skipped (build it, or set KEYSWEEP)"; }

# --- corpus -------------------------------------------------------------------------------------
"$here/make-corpus.sh" "$corpus" "$corpus_mib" >"$work/corpus.txt"
read -r corpus_files corpus_bytes < <(find "$corpus" -type f -printf '%s\n' | awk '{n++; s+=$1} END {print n+0, s+0}')
planted="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["planted"])' "$manifest")"

cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[[ -z "$(git -C "$root" status --porcelain 2>/dev/null | head -n1)" ]] || rev="$rev+dirty"
ks_version="not built"
if ((have_ks)); then
  ks_version="$("$keysweep" --version 2>/dev/null | head -n1 || true)"
  ks_version="${ks_version:-unknown version} ($keysweep)"
fi

say "keysweep scan benchmark  $(date '+%Y-%m-%d %H:%M:%S %z')"
say "host: $(nproc) cores${cpu:+, $cpu}; load average $(cut -d' ' -f1-3 /proc/loadavg); repo $rev"
awk '{exit !($1 > 0.5)}' /proc/loadavg && say "warning: the machine is busy (load above 0.5 before the run): expect noisy figures"
say "keysweep: $ks_version"
((have_rg)) && say "rg: $(rg --version | head -n1)"
say "corpus: $corpus  $(awk -v b="$corpus_bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}') in $corpus_files files, $planted planted secrets"
say "runs: $runs per throughput figure, interleaved, median reported; page cache warm"
say ""

# --- throughput ---------------------------------------------------------------------------------
note "warming the page cache"
find "$corpus" -type f -print0 | xargs -0 cat >/dev/null

run_cat() { find "$corpus" -type f -print0 | xargs -0 cat >/dev/null; }
# cat pays ~8 syscalls per file in one process; rg and keysweep use every core, so also show
# the floor with one cat per core.
ncpu="$(nproc)"
run_catp() { find "$corpus" -type f -print0 | xargs -0 -P "$ncpu" -n 1024 cat >/dev/null; }
run_rg() {
  rg -c --no-ignore --hidden -F -e ghp_ -e AKIA -e xoxb- -e sk_live_ -e 'PRIVATE KEY' \
    -e glpat- -e npm_ -e 'SG.' "$corpus" >"$work/rg.out" 2>"$work/rg.err"
}
run_keysweep() {
  "$keysweep" scan --no-ignore --format json -o "$work/keysweep.json" "$corpus" \
    >"$work/keysweep.stdout" 2>"$work/keysweep.err"
}
baseline="${KEYSWEEP_BASELINE:-}"
run_baseline() {
  "$baseline" scan --no-ignore --format json -o "$work/baseline.json" "$corpus" \
    >"$work/baseline.stdout" 2>"$work/baseline.err"
}

# time_it LABEL FN: runs FN once, appends "LABEL\t<ns>" to the times file, leaves FN's status in rc.
times="$work/times.tsv"
: >"$times"
rc=0
time_it() {
  local t0 t1
  rc=0
  t0=$(date +%s%N)
  "$2" || rc=$?
  t1=$(date +%s%N)
  printf '%s\t%s\n' "$1" "$((t1 - t0))" >>"$times"
}

small="$work/small/settings.py"
mkdir -p "$(dirname "$small")"
cat >"$small" <<'EOF'
# A small file with no secret in it: start-up cost dominates the scan.
import os

DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
DATABASE = {"ENGINE": "sqlite3", "NAME": "app.db"}
EOF

if [[ -n "$baseline" ]]; then
  [[ -x "$baseline" ]] || die "KEYSWEEP_BASELINE is not an executable: $baseline"
  "$baseline" scan "$small" >/dev/null 2>&1 || true
  say "baseline: $("$baseline" --version 2>/dev/null | head -n1) ($baseline)"
fi
if ((have_ks)); then
  note "keysweep warm-up run (rule cache)"
  "$keysweep" scan "$small" >/dev/null 2>"$work/keysweep-warm.err" || {
    [[ $? -eq 1 ]] || { note "keysweep warm-up failed:"; sed 's/^/  /' "$work/keysweep-warm.err" >&2; }
  }
fi

for ((i = 1; i <= runs; i++)); do
  note "round $i/$runs"
  time_it cat run_cat
  ((rc == 0)) || die "cat floor failed (status $rc)"
  time_it catp run_catp
  ((rc == 0)) || die "parallel cat floor failed (status $rc)"
  if ((have_rg)); then
    time_it rg run_rg
    if ((rc > 1)); then
      note "rg exited $rc (some files could not be searched):"
      head -n5 "$work/rg.err" | sed 's/^/  /' >&2
    fi
  fi
  if ((have_ks && !ks_failed)); then
    time_it keysweep run_keysweep
    if ((rc > 1)); then
      ks_failed=1
      sed -i '$d' "$times"  # an error run is not a throughput figure
      say "keysweep FAILED: exit status $rc on the corpus scan; stderr:"
      head -n20 "$work/keysweep.err" | sed 's/^/  /' | tee -a "$result_file"
    fi
  fi
  if [[ -n "$baseline" ]]; then
    time_it baseline run_baseline
    ((rc <= 1)) || die "baseline keysweep failed (status $rc): $(head -n3 "$work/baseline.err")"
  fi
done

say_cmd python3 "$here/scan_report.py" table "$times" "$corpus_bytes"
if ((have_rg)); then
  say "rg matched lines (all literals): $(awk -F: '{s += $NF} END {print s+0}' "$work/rg.out")"
fi
if ((have_ks && !ks_failed)); then
  say_cmd python3 "$here/scan_report.py" recall "$manifest" "$work/keysweep.json" "$corpus"
elif ((!have_ks)); then
  say "keysweep: skipped (no binary at $keysweep); planted secrets: $planted"
fi
say ""

# --- start-up latency ---------------------------------------------------------------------------

ks_startup=0
if ((have_ks && !ks_failed)); then
  st=0
  "$keysweep" scan "$small" >/dev/null 2>"$work/startup.err" || st=$?
  if ((st > 1)); then
    say "start-up: keysweep FAILED on a small file (exit status $st):"
    head -n10 "$work/startup.err" | sed 's/^/  /' | tee -a "$result_file"
    ks_failed=1
  else
    ks_startup=1
  fi
fi

if ((have_hf)); then
  cmds=()
  ((ks_startup)) && cmds+=("'$keysweep' scan '$small'")
  cmds+=("/bin/true" "cat '$small'")
  if ! hyperfine -N -i --warmup 3 --runs "$startup_runs" --export-json "$work/startup.json" \
    "${cmds[@]}" >"$work/hyperfine.log" 2>&1; then
    note "hyperfine failed:"; tail -n5 "$work/hyperfine.log" >&2
    ks_failed=1
  else
    if ((ks_startup)); then
      say_cmd python3 "$here/scan_report.py" hyperfine "$work/startup.json"
    else
      say "start-up: keysweep skipped; /bin/true and cat medians: $(python3 -c '
import json, sys
print(", ".join("%s %.2f ms" % (r["command"], r["median"] * 1000) for r in json.load(open(sys.argv[1]))["results"]))' "$work/startup.json")"
    fi
  fi
else
  loop_times="$work/startup-times.tsv"
  : >"$loop_times"
  st_true() { /bin/true; }
  st_cat() { cat "$small" >/dev/null; }
  st_ks() { "$keysweep" scan "$small" >/dev/null 2>&1; }
  fns=(st_true st_cat)
  labels=("/bin/true" "cat small-file")
  ((ks_startup)) && fns=(st_ks "${fns[@]}") labels=("keysweep" "${labels[@]}")
  for j in "${!fns[@]}"; do
    for ((i = 0; i < 3; i++)); do "${fns[$j]}" || true; done
    for ((i = 0; i < startup_runs; i++)); do
      t0=$(date +%s%N); "${fns[$j]}" || true; t1=$(date +%s%N)
      printf '%s\t%s\n' "${labels[$j]}" "$((t1 - t0))" >>"$loop_times"
    done
  done
  say_cmd python3 "$here/scan_report.py" loop "$loop_times"
fi
((ks_startup)) || say "target: <= 20 ms -> not measured (no keysweep)"

say ""
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
say "results: $result_file"
((ks_failed == 0)) || exit 1
