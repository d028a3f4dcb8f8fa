#!/usr/bin/env bash
# History sweep and pre-commit latency of keysweep:
#
#   - `keysweep scan --history` over a > 10,000-commit, > 2 GiB repository, against the floor of
#     reading every object once with `git cat-file --batch-all-objects --batch --unordered`,
#     both timed in the same run on a warm page cache (median of BENCH_RUNS rounds);
#   - `keysweep scan --staged` on a 5,000-file work tree with 10 staged files, beside /bin/true
#     and `git diff --cached --stat` (hyperfine, median of 30).
#
#   bench/history-sweep.sh
#
# Environment:
#   KEYSWEEP            binary (default: <repo>/build/keysweep)
#   BENCH_RUNS          rounds of the sweep figures, median reported (default 3)
#   STAGED_RUNS         hyperfine runs of each --staged figure (default 30)
#   KEYSWEEP_BENCH_DIR  work area (default /tmp/keysweep-bench): history.git, staged/, work/, results/
#   BENCH_HISTORY_*     handed to make-history.sh (see there)
#
# Exit status: 0 when every figure that could run did (a missing hyperfine, /usr/bin/time or
# keysweep is reported and its figure skipped), 1 when keysweep failed (exit status 2) or setup
# failed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
bench_dir="${KEYSWEEP_BENCH_DIR:-/tmp/keysweep-bench}"
repo="$bench_dir/history.git"
staged="$bench_dir/staged"
work="$bench_dir/work/history"
results_dir="$bench_dir/results"
runs="${BENCH_RUNS:-3}"
staged_runs="${STAGED_RUNS:-30}"
keysweep="${KEYSWEEP:-$root/build/keysweep}"

die() { echo "history-sweep: $*" >&2; exit 1; }
note() { echo "history-sweep: $*" >&2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, got '$runs'"
[[ "$staged_runs" =~ ^[1-9][0-9]*$ ]] || die "STAGED_RUNS must be a positive integer, got '$staged_runs'"
command -v python3 >/dev/null || die "python3 is required"
command -v git >/dev/null || die "git is required"
[[ "$keysweep" = /* ]] || keysweep="$PWD/$keysweep"

mkdir -p "$work" "$results_dir"
result_file="$results_dir/history-$(date +%Y%m%d-%H%M%S).txt"
: >"$result_file"
say() { printf '%s\n' "$*" | tee -a "$result_file"; }
say_cmd() { "$@" | tee -a "$result_file"; }

# --- what is available --------------------------------------------------------------------------
have_hf=1 have_time=1 have_ks=1 ks_failed=0
command -v hyperfine >/dev/null || { have_hf=0; note "hyperfine not found: the --staged latency figure is skipped (install the hyperfine package)"; }
[[ -x /usr/bin/time ]] || { have_time=0; note "/usr/bin/time (GNU time) not found: peak RSS is not measured (install the time package)"; }
[[ -x "$keysweep" ]] || { have_ks=0; note "keysweep binary not found at $keysweep: keysweep figures are skipped (build it, or set KEYSWEEP)"; }

# --- repositories -------------------------------------------------------------------------------
"$here/make-history.sh" "$repo" "$staged" >"$work/make-history.txt"
stamp="$repo.stamp"
manifest="$repo.manifest.json"
stamp_get() { sed -n "s/^$2=//p" "$1" | head -n1; }
unique_bytes="$(stamp_get "$stamp" unique_blob_bytes)"
[[ "$unique_bytes" =~ ^[0-9]+$ ]] || die "no unique_blob_bytes in $stamp"

cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no commit')"
[[ -z "$(git -C "$root" status --porcelain 2>/dev/null | head -n1)" ]] || rev="$rev+dirty"
ks_version="not built"
if ((have_ks)); then
  ks_version="$("$keysweep" --version 2>/dev/null | head -n1 || true)"
  ks_version="${ks_version:-unknown version} ($keysweep, built $(date -r "$keysweep" '+%Y-%m-%d %H:%M:%S'))"
fi

say "keysweep history benchmark  $(date '+%Y-%m-%d %H:%M:%S %z')"
say "host: $(nproc) cores${cpu:+, $cpu}; load average $(cut -d' ' -f1-3 /proc/loadavg); repo $rev"
awk '{exit !($1 > 0.5)}' /proc/loadavg && say "warning: the machine is busy (load above 0.5 before the run): expect noisy figures"
say "keysweep: $ks_version"
say "git: $(git --version)"
say_cmd cat "$work/make-history.txt"
say "runs: $runs per sweep figure, interleaved, median reported; page cache warm"
say ""

# --- history sweep ------------------------------------------------------------------------------
run_floor() { git -C "$repo" cat-file --batch-all-objects --batch --unordered >/dev/null; }
ks_json="$work/h.json"
run_keysweep() {
  if ((have_time)); then
    /usr/bin/time -f '%e %M' -o "$work/keysweep.time" \
      "$keysweep" scan --history --format json -o "$ks_json" "$repo" >"$work/keysweep.stdout" 2>"$work/keysweep.err"
  else
    "$keysweep" scan --history --format json -o "$ks_json" "$repo" >"$work/keysweep.stdout" 2>"$work/keysweep.err"
  fi
}

times="$work/times.tsv"
: >"$times"
rc=0
# time_it LABEL FN: runs FN once, appends "LABEL\t<ns>\t<peak RSS KiB or ->" to the times file,
# leaves FN's status in rc.
time_it() {
  local t0 t1 kib="-"
  rc=0
  rm -f "$work/keysweep.time"
  t0=$(date +%s%N)
  "$2" || rc=$?
  t1=$(date +%s%N)
  if [[ "$1" == keysweep && -s "$work/keysweep.time" ]]; then
    # GNU time writes "Command exited with non-zero status 1" first when the status is not 0.
    kib="$(awk 'NF == 2 && $2 ~ /^[0-9]+$/ {k = $2} END {print k}' "$work/keysweep.time")"
    [[ -n "$kib" ]] || kib="-"
  fi
  printf '%s\t%s\t%s\n' "$1" "$((t1 - t0))" "$kib" >>"$times"
}

note "warm-up: one floor run (reads the whole pack into the page cache)"
run_floor || die "git cat-file failed"
if ((have_ks)); then
  note "warm-up: one keysweep --history run (rule cache, page cache)"
  rc=0
  run_keysweep || rc=$?
  if ((rc > 1)); then
    ks_failed=1
    say "keysweep FAILED: exit status $rc on the warm-up --history run; stderr:"
    head -n20 "$work/keysweep.err" | sed 's/^/  /' | tee -a "$result_file"
  fi
fi

for ((i = 1; i <= runs; i++)); do
  note "round $i/$runs"
  time_it floor run_floor
  ((rc == 0)) || die "git cat-file failed (status $rc)"
  if ((have_ks && !ks_failed)); then
    time_it keysweep run_keysweep
    if ((rc > 1)); then
      ks_failed=1
      sed -i '$d' "$times"
      say "keysweep FAILED: exit status $rc on the --history run; stderr:"
      head -n20 "$work/keysweep.err" | sed 's/^/  /' | tee -a "$result_file"
    fi
  fi
done

say_cmd python3 "$here/history_report.py" sweep "$times" "$unique_bytes"
if ((have_ks && !ks_failed)); then
  say_cmd python3 "$here/history_report.py" findings "$manifest" "$ks_json"
elif ((!have_ks)); then
  say "keysweep: skipped (no binary at $keysweep); planted secrets: $(stamp_get "$stamp" planted)"
fi
say ""

# --- --staged latency ---------------------------------------------------------------------------
ks_staged=0
if ((have_ks)); then
  st=0
  "$keysweep" scan --staged --format json -o "$work/staged.json" "$staged" >/dev/null 2>"$work/staged.err" || st=$?
  if ((st > 1)); then
    say "--staged: keysweep FAILED (exit status $st):"
    head -n10 "$work/staged.err" | sed 's/^/  /' | tee -a "$result_file"
    ks_failed=1
  else
    ks_staged=1
    say_cmd python3 "$here/history_report.py" staged-check "$staged.changes.json" "$work/staged.json"
  fi
fi
if ((have_hf)); then
  cmds=()
  ((ks_staged)) && cmds+=("'$keysweep' scan --staged '$staged'")
  cmds+=("/bin/true" "git -C '$staged' diff --cached --stat")
  if ! hyperfine -N -i --warmup 3 --runs "$staged_runs" --export-json "$work/staged-hyperfine.json" \
    "${cmds[@]}" >"$work/hyperfine.log" 2>&1; then
    note "hyperfine failed:"; tail -n5 "$work/hyperfine.log" >&2
    ks_failed=1
  elif ((ks_staged)); then
    say_cmd python3 "$here/history_report.py" staged "$work/staged-hyperfine.json"
  else
    say "--staged: keysweep skipped; baselines: $(python3 -c '
import json, sys
print(", ".join("%s %.2f ms" % (r["command"], r["median"] * 1000) for r in json.load(open(sys.argv[1]))["results"]))' "$work/staged-hyperfine.json")"
    say "target: <= 50 ms -> not measured (no keysweep)"
  fi
else
  say "--staged: skipped (hyperfine not installed); target: <= 50 ms -> not measured"
fi

say ""
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
say "results: $result_file"
((ks_failed == 0)) || exit 1
