#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang-14 into build-fuzz/ and
# runs each for SECONDS (default 60), one after the other, from the seeds that
# fuzz/seeds.sh assembles plus what earlier runs found. Exits 1 when any
# target finds a crash, a leak, a timeout (an input taking over 5 s) or runs
# out of memory (2 GB); the input is saved under build-fuzz/artifacts/. No
# network; bounded time: SECONDS per target, plus loading its corpus.
#   usage: scripts/fuzz.sh [SECONDS] [TARGET…]   (TARGET: rules, format, case, check, span, http, lsp)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules format case check span http lsp)

build=build-fuzz
cmake -S . -B $build -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DPLIGT_FUZZ=ON -DPLIGT_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" >/dev/null
names=()
for t in "${targets[@]}"; do names+=("fuzz_${t#fuzz_}"); done
cmake --build $build -j "$(nproc)" --target "${names[@]}"
bash fuzz/seeds.sh $build/seeds >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
status=0
summary=()
for name in "${names[@]}"; do
  t=${name#fuzz_}
  corpus=$build/corpus/$t artifacts=$build/artifacts/$t log=$build/logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "== $name: $seconds s"
  # New inputs go to the first directory; the seeds stay as assembled. The
  # outer timeout is a backstop should libFuzzer itself hang.
  result=ok
  timeout --signal=KILL $((seconds + 600)) "$build/fuzz/$name" "$corpus" "$build/seeds/$t" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -dict=fuzz/pligt.dict \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1 || result=failed
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  execs=$(stat number_of_executed_units) rate=$(stat average_exec_per_sec) rss=$(stat peak_rss_mb)
  units=$(sed -n 's/.*DONE .*corp: \([0-9]*\/[0-9A-Za-z]*\) .*/\1/p' "$log" | tail -1)
  if [ $result = failed ]; then
    status=1
    grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: property|.*runtime error|artifact_prefix|Test unit written)' "$log" | head -8 || true
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "   full log: $log${artifact:+; reproduce: $build/fuzz/$name $artifact}"
  fi
  summary+=("$(printf '%-12s %-6s %10s execs %7s exec/s  corpus %-12s peak %s MB' \
    "$name" "$result" "${execs:-?}" "${rate:-?}" "${units:-?}" "${rss:-?}")")
done
echo "== summary ($seconds s per target)"
printf '%s\n' "${summary[@]}"
exit $status
