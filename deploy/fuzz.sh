#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each on its
# seed corpus for SECONDS seconds (default 20). CI runs it briefly; for a
# long run: bash deploy/fuzz.sh 3600. New inputs that add coverage go to
# build-fuzz/corpus/<target>/ (copy interesting ones into
# tests/fuzz/corpus/<target>/); a crash leaves crash-* in build-fuzz/ and
# fails the script. Figures from long runs: docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}

bash deploy/install-deps.sh >/dev/null
CC=clang-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DFC_FUZZ=ON -DFC_TESTS=OFF \
  -DFC_SANITIZE=ON >/dev/null
targets=$(sed -n 's/^fc_fuzz(\([a-z_]*\).*/\1/p' tests/fuzz/CMakeLists.txt)
for t in $targets; do
  cmake --build build-fuzz -j"$(nproc)" --target "fuzz_$t" >/dev/null
done
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in $targets; do
  mkdir -p "build-fuzz/corpus/$t"
  echo "fuzz_$t: ${SECONDS_EACH}s"
  log="build-fuzz/fuzz_$t.log"
  # fontconfig (under the render engine) leaks once per process by design.
  supp="tests/${t%%_*}/lsan.supp"   # render_template: tests/render/
  export LSAN_OPTIONS=""
  [ -f "$supp" ] && export LSAN_OPTIONS="suppressions=$PWD/$supp:print_suppressions=0"
  if ! (cd build-fuzz && "./tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=65536 \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        "corpus/$t" "../tests/fuzz/corpus/$t") >"$log" 2>&1; then
    echo "fuzz_$t FAILED:"; tail -40 "$log"; status=1
  fi
  grep -E "stat::number_of_executed_units|cov:" "$log" | tail -2 | sed 's/^/  /'
done
exit $status
