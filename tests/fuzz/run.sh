#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -DMEMBERDESK_FUZZ=ON, ASan+UBSan) in build-fuzz and runs
# each for a bounded time from its seed corpus (tests/fuzz/corpus/<target>; new inputs go to
# build-fuzz/fuzz-corpus/<target>, so the committed seeds stay small).
#   tests/fuzz/run.sh [SECONDS per target (default 60)] [TARGET...]   e.g. run.sh 300 fuzz_router
# A crash leaves its input in build-fuzz/fuzz-artifacts/<target>/ and fails the run; replay it
# with build-fuzz/tests/fuzz/<target> FILE, then add it to a unit test in tests/unit with the fix.
# The same build dir serves tests/fuzz/sanitize-api.sh (everything in it has ASan+UBSan).
# Env: BUILD_DIR (default build-fuzz), JOBS (default 2), FUZZ_NO_BUILD=1 (run what is built).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
shift || true
BUILD_DIR=${BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-2}
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for src in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DMEMBERDESK_TESTS=ON -DMEMBERDESK_FUZZ=ON "${launcher[@]}" >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS" --target "${targets[@]}"
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  corpus="$BUILD_DIR/fuzz-corpus/$t" artifacts="$BUILD_DIR/fuzz-artifacts/$t"
  mkdir -p "$corpus" "$artifacts" "tests/fuzz/corpus/$t"
  dict=()
  [ -f "tests/fuzz/dict/$t.dict" ] && dict=(-dict="tests/fuzz/dict/$t.dict")
  echo "== $t: ${SECONDS_EACH} s"
  if "$BUILD_DIR/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=3072 \
       -max_len=8192 -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" \
       "$corpus" "tests/fuzz/corpus/$t" >"$BUILD_DIR/fuzz-$t.log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$BUILD_DIR/fuzz-$t.log" | tail -2 || true
  else
    failed+=("$t")
    grep -E "ERROR|FINDING|runtime error|SUMMARY|Test unit written" "$BUILD_DIR/fuzz-$t.log" | head -8 || true
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAIL: ${failed[*]} (logs: $BUILD_DIR/fuzz-<target>.log, inputs: $BUILD_DIR/fuzz-artifacts/)"
  exit 1
fi
echo "fuzz: PASS (${#targets[@]} targets, ${SECONDS_EACH} s each)"
