#!/usr/bin/env bash
# The caseworker's desk in the browser: 10 000 generated cases read from a
# file, checked by the server and sorted on the page, five times; prints each
# load's time and the median (the page's own data-load-ms: from choosing the
# file to the rows shown). Runs the e2e test of that name against the
# optimised build:   bench/caseload_page.sh [PATH/TO/pligt]   (default build/pligt)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-$here/../build/pligt}"
E2E_ONLY="10 000 cases load and sort" bash "$here/../tests/e2e/run.sh" "$binary" | grep -E "caseload of|ok|passed"
