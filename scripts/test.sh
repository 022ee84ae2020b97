#!/usr/bin/env bash
# The test command. Builds and runs every test twice: once as is, with
# warnings as errors, and once under AddressSanitizer and
# UndefinedBehaviorSanitizer; runs the web page's end-to-end tests in
# Chromium against the optimised build of scripts/build.sh (the page's
# timings, such as a 10 000-case caseload in under a second, are a user's,
# not a debug build's); tests the VS Code extension and packages it; runs each libFuzzer target briefly
# (PLIGT_FUZZ_SECONDS, default 30, under ASan and UBSan; scripts/fuzz.sh runs
# them longer). Also checks that layers depend downwards only and that the
# C++ code is laid out as .clang-format says.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

run_suite() {
  local dir=$1; shift
  echo "== $dir"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPLIGT_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}

bash scripts/check-layers.sh
bash scripts/check-format.sh
run_suite build-test
echo "== the web page in a browser"
bash scripts/build.sh
bash tests/e2e/run.sh build/pligt
echo "== the VS Code extension: its grammar and client, packaged"
bash scripts/test-editors.sh
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -DPLIGT_SANITIZE=ON
echo "== fuzz targets"
bash scripts/fuzz.sh "${PLIGT_FUZZ_SECONDS:-30}"
