#!/usr/bin/env bash
# Builds pligt (optimised) into build/; the binary is build/pligt.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLIGT_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" --target pligt
