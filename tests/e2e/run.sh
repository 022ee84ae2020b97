#!/usr/bin/env bash
# The browser tests of pligt's web page: tests/e2e/run.sh [PATH/TO/pligt]
# (default build/pligt). Installs nothing: scripts/setup.sh installs chromium,
# node and this folder's node_modules. Prints "N passed, M failed" last and
# exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${1:-$root/build/pligt}"
if [ ! -x "$binary" ]; then echo "e2e: no pligt at $binary (build it first: bash scripts/build.sh)"; echo "0 passed, 1 failed"; exit 1; fi
if [ ! -d "$here/node_modules/playwright-core" ]; then echo "e2e: playwright-core is missing (run: bash scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then echo "e2e: no chromium at ${CHROMIUM:-/usr/bin/chromium} (run: bash scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; fi
exec node "$here/web.spec.mjs" "$binary"
