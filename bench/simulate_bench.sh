#!/usr/bin/env bash
# `pligt simulate` end to end: wall time and peak memory (/usr/bin/time -v)
# of the baseline plus two scenarios over generated JSONL files, on 1 and 2
# threads; the median of 3 runs each. Targets: docs/performance.md.
#   bench/simulate_bench.sh [BUILD_DIR] [CASES…]   (default build-bench, 250000 500000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(250000 500000 1000000)
pligt=$build/pligt
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

median() { sort -g | sed -n 2p; }

for n in "${sizes[@]}"; do
  file=$work/cases-$n.jsonl
  /usr/bin/time -f %e -o "$work/gen" "$pligt" generate --cases "$n" >"$file"
  echo "generate --cases $n: $(cat "$work/gen") s"
  for threads in 1 2; do
    times=(); rss=()
    for _ in 1 2 3; do
      /usr/bin/time -v -o "$work/time" "$pligt" simulate --cases "$file" --scenario national_rollout \
        --scenario no_exemptions --as-of 2025-01-01 --threads "$threads" --json >/dev/null
      times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time")")
      rss+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time")")
    done
    echo "simulate $n cases, $threads thread(s): $(printf '%s\n' "${times[@]}" | median) s wall," \
         "$(printf '%s\n' "${rss[@]}" | median) MB peak RSS (runs: ${times[*]} s)"
  done
done
