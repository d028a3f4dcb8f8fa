#!/usr/bin/env bash
# scripts/sanitize.sh [asan|tsan|all]: the test suite under sanitizers, each in a build folder of
# its own (build-asan/, build-tsan/), with Debian's clang 14.
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer (leaks included): the whole ctest suite,
#         the CLI tests running the instrumented binary.
#   tsan  ThreadSanitizer: the tests that run the parallel pipelines (file, git blob and history
#         sweeps, the pack reader's parallel walk, the env inventory), in process and through the
#         instrumented binary.
# Exits non-zero on any sanitizer report or test failure. Suppressions are only for third-party
# code and each says why: scripts/sanitizers/*.supp. Not part of the default CI run (it takes
# a while); run it before changing the pipelines, the pack reader or anything that parses.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
which=${1:-all}
scripts/setup.sh || exit 2
need=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 2
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

configure_and_build() {  # DIR FLAGS
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_CXX_FLAGS="$2 -fno-omit-frame-pointer -g" "${launcher[@]}" >/dev/null && cmake --build "$1"
}

status=0
if [ "$which" = asan ] || [ "$which" = all ]; then
  configure_and_build build-asan "-fsanitize=address,undefined -fno-sanitize-recover=undefined" || exit 2
  # The tests fork the instrumented binary; every process reports to the same options.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1"
  export LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$root/scripts/sanitizers/ubsan.supp"
  ctest --test-dir build-asan --output-on-failure -j2 || status=1
  unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
fi
if [ "$which" = tsan ] || [ "$which" = all ]; then
  configure_and_build build-tsan "-fsanitize=thread" || exit 2
  export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/scripts/sanitizers/tsan.supp"
  ctest --test-dir build-tsan --output-on-failure -j2 \
    -R 'thread|pipeline|history|sweep|pack|staged|range|env|changing|truncated|two processes' || status=1
  unset TSAN_OPTIONS
fi
[ $status -eq 0 ] && echo "sanitize.sh: $which clean" || echo "sanitize.sh: $which FAILED" >&2
exit $status
