#!/usr/bin/env bash
# Installs what is needed, builds with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs every test (unit and integration:
# the integration tests start the real service binaries on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install-deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DFC_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-test --output-on-failure -j2

# Every fuzz target a short while on its corpus (deploy/fuzz.sh runs them
# for hours; docs/fuzzing.md).
bash deploy/fuzz.sh "${FCAVTAL_FUZZ_SECONDS:-15}"
