#!/usr/bin/env bash
# Load test of `pligt serve` on this machine's loopback only: wrk sends
# POST /api/v1/check with a typical case for a bounded time, then the
# server is stopped. Prints wrk's report (requests a second, latency
# percentiles, errors) and the server's resident memory before and after.
#   bench/load.sh [PLIGT_BINARY] [SECONDS] [CONNECTIONS] [WRK_THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/pligt}
seconds=${2:-60}
connections=${3:-32}
threads=${4:-1}
command -v wrk >/dev/null || { echo "load: wrk is missing (apt-get install wrk)"; exit 2; }

log=$(mktemp)
"$binary" serve --host 127.0.0.1 --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 50); do
  port=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n 1 | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "load: the server did not start"; cat "$log"; exit 2; }

rss() { ps -o rss= -p "$server" | tr -d ' '; }
# Warm up, then measure.
wrk -t1 -c4 -d2s -s bench/check.lua "http://127.0.0.1:$port/api/v1/check?as_of=2019-06-01" >/dev/null
before=$(rss)
report=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/check.lua \
  "http://127.0.0.1:$port/api/v1/check?as_of=2019-06-01")
after=$(rss)
echo "$report"
# wrk prints the count of non-2xx/3xx answers only when there are some.
non2xx=$(echo "$report" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
echo "answers other than 2xx/3xx: ${non2xx:-0}"
echo "server RSS: ${before} KiB before, ${after} KiB after"
