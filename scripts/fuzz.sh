#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [TARGET ...]: builds every fuzz target in fuzz/ (libFuzzer with
# AddressSanitizer and UndefinedBehaviorSanitizer, Debian's clang 14) in build-fuzz/, makes the
# seed corpora, then runs each target for SECONDS (default 60) on one core, one after another.
# Exits non-zero when any target finds a crash, a leak or a timeout; the input that did it is in
# build-fuzz/artifacts/<target>/ and a summary line per target is printed at the end.
# Corpora grow in build-fuzz/corpus/<target>/ and are reused by later runs.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
root=$PWD
build=${KEYSWEEP_FUZZ_BUILD:-$root/build-fuzz}

scripts/setup.sh || exit 2
need=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  echo "fuzz.sh: installing ${need[*]}" >&2
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 2
fi

flags="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_CXX_FLAGS="$flags" -DBUILD_TESTING=OFF -DKEYSWEEP_FUZZ=ON "${launcher[@]}" >/dev/null || exit 2
cmake --build "$build" --target fuzz_all fuzz_seeds || exit 2

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(sed -n 's/^set(FUZZ_TARGETS \(.*\))$/\1/p' fuzz/CMakeLists.txt))
fi
# Leaks are reported (detect_leaks); libgit2's and TBB's process-lifetime caches are not leaks of
# ours: see scripts/sanitizers/lsan.supp.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
summary=()
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t artifacts=$build/artifacts/$t/
  mkdir -p "$corpus" "$artifacts"
  log=$build/logs/$t.log
  mkdir -p "$(dirname "$log")"
  echo "fuzz.sh: $t for ${seconds}s" >&2
  start=$(date +%s)
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
    -artifact_prefix="$artifacts" -print_final_stats=1 "$corpus" "$build/fuzz-seeds/$t" >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  if [ $rc -ne 0 ]; then
    status=1
    found=$(grep -m1 -E 'ERROR: |runtime error|invariant failed|Timeout|out-of-memory' "$log" | cut -c1-160)
    summary+=("$t: FAILED after ${took}s ($found); input in $artifacts, log $log")
  else
    summary+=("$t: ${took}s, ${runs:-?} runs, ${cov:-cov ?}, nothing found")
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
