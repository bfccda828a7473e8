#!/usr/bin/env bash
# The API suite (a real daemon over HTTP, tests/api) built with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DMEMBERDESK_SANITIZE=ON, GCC) in its own build folder, then run;
# any sanitizer report fails the case it happened in.
#   tests/fuzz/sanitize-api.sh [ctest -R regex]     (default: the whole API suite, ctest -L api)
# Env: BUILD_DIR (default build-sanitize), JOBS (default 2).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build-sanitize}
JOBS=${JOBS:-2}
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

# -O0 -g1: quickest to compile (a shared 2-core machine), with line numbers in the
# reports; the API suite is I/O-bound, so unoptimised code costs little time.
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O0 -g1" \
  -DCMAKE_C_FLAGS="-O0 -g1" -DMEMBERDESK_TESTS=ON -DMEMBERDESK_SANITIZE=ON "${launcher[@]}"
cmake --build "$BUILD_DIR" -j "$JOBS" --target api_tests memberdesk

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$BUILD_DIR"
if [ $# -gt 0 ]; then
  ctest -R "$1" --output-on-failure --timeout 600
else
  ctest -L api --output-on-failure --timeout 600
fi
