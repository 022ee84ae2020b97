#!/usr/bin/env bash
# Load test of `pligt serve` on this machine's loopback only: wrk sends
# POST /api/v1/check with a typical case for a bounded time, then the
# server is stopped. Prints wrk's report (requests a second, latency
# percentiles, errors), the server's resident memory before, during and
# after, and its CPU time a request.
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
samples=""
trap 'kill "$server" 2>/dev/null || true; rm -f "$log" $samples' EXIT
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
# The server's CPU time (user and system, in clock ticks) and, every 10
# seconds of the run, its resident memory: flat memory shows as a flat row.
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
cpu_before=$(cpu)
samples=$(mktemp)
(for _ in $(seq 1 $((seconds / 10))); do sleep 10; printf '%s ' "$(rss)" >>"$samples"; done) &
sampler=$!
report=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s bench/check.lua \
  "http://127.0.0.1:$port/api/v1/check?as_of=2019-06-01")
cpu_after=$(cpu)
after=$(rss)
wait "$sampler" 2>/dev/null || true
echo "$report"
# wrk prints the count of non-2xx/3xx answers only when there are some.
non2xx=$(echo "$report" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
echo "answers other than 2xx/3xx: ${non2xx:-0}"
during=$(cat "$samples")
echo "server RSS: ${before} KiB before, ${after} KiB after${during:+; every 10 s: ${during}KiB}"
requests=$(echo "$report" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
ticks=$(getconf CLK_TCK)
awk -v t=$((cpu_after - cpu_before)) -v hz="$ticks" -v n="$requests" \
  'BEGIN { if (n > 0) printf "server CPU a request: %.1f µs (user + system)\n", t / hz / n * 1e6 }'
