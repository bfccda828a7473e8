#!/usr/bin/env bash
# The API suite (a real daemon over HTTP, tests/api) built with AddressSanitizer and
# UndefinedBehaviorSanitizer, then run; a sanitizer report aborts the case it happened in, so
# the case fails.
#   tests/fuzz/sanitize-api.sh [CTEST_REGEX]     (default: the whole API suite, ctest -L api)
#
# By default it shares build-fuzz with tests/fuzz/run.sh: -DMEMBERDESK_FUZZ=ON (clang) already
# compiles everything with ASan+UBSan (plus coverage hooks, which cost nothing without libFuzzer),
# so one instrumented build serves both, not two on a 2-core machine. With SANITIZE_WITH=gcc it
# builds with GCC and -DMEMBERDESK_SANITIZE=ON in build-sanitize instead.
# Env: BUILD_DIR, JOBS (default 2), SANITIZE_WITH (clang | gcc).
set -euo pipefail
cd "$(dirname "$0")/../.."
JOBS=${JOBS:-2}
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
if [ "${SANITIZE_WITH:-clang}" = gcc ]; then
  BUILD_DIR=${BUILD_DIR:-build-sanitize}
  # -O0 -g1: quickest to compile, with line numbers in the reports; the API suite is
  # I/O-bound, so unoptimised code costs little time.
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O0 -g1" \
    -DCMAKE_C_FLAGS="-O0 -g1" -DMEMBERDESK_TESTS=ON -DMEMBERDESK_SANITIZE=ON "${launcher[@]}" >/dev/null
else
  BUILD_DIR=${BUILD_DIR:-build-fuzz}
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DMEMBERDESK_TESTS=ON -DMEMBERDESK_FUZZ=ON "${launcher[@]}" >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$JOBS" --target api_tests memberdesk

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$BUILD_DIR"
if [ $# -gt 0 ]; then
  ctest -R "$1" --output-on-failure --timeout 600
else
  ctest -L api --output-on-failure --timeout 600
fi
