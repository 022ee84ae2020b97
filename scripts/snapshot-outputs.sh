#!/usr/bin/env bash
# Writes what pligt prints for the shipped examples and a generated
# population into a directory: `check` (text and JSON), `duties`, `simulate`
# (text, JSON, CSV, HTML report, under two scenarios beside the baseline), `diff --laws`, the errors for every case in
# tests/bad/cases, and the JSON API's answers. Two binaries' snapshots are
# compared with `diff -r`: a refactoring must leave them byte-identical.
#
#   scripts/snapshot-outputs.sh BINARY OUTDIR [DATA_DIR]
#   scripts/snapshot-outputs.sh --compare OLD_BINARY OLD_DATA_DIR NEW_BINARY [NEW_DATA_DIR]
#
# DATA_DIR holds the rules, municipalities and story the binary reads (its
# rules/, municipalities/ and simulation/; default: this checkout), so an
# older binary is run with the rules of its own commit, e.g. from
# `git worktree add /tmp/old COMMIT`. The inputs (examples/, tests/bad/cases/)
# are this checkout's for both. With --compare it snapshots both into
# temporary directories and exits 1 when any output differs (the differences
# are printed).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${1:-} == --compare ]]; then
  [[ $# -eq 4 || $# -eq 5 ]] || { echo "usage: $0 --compare OLD_BINARY OLD_DATA_DIR NEW_BINARY [NEW_DATA_DIR]" >&2; exit 2; }
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  "$0" "$2" "$work/old" "$3"
  "$0" "$4" "$work/new" "${5:-.}"
  if diff -r "$work/old" "$work/new"; then
    echo "identical: $(find "$work/old" -type f | wc -l) outputs"
  else
    exit 1
  fi
  exit 0
fi

[[ $# -eq 2 || $# -eq 3 ]] || { echo "usage: $0 BINARY OUTDIR [DATA_DIR]" >&2; exit 2; }
pligt=$(realpath "$1")
out=$2
PLIGT_DATA_DIR=$(realpath "${3:-.}")
export PLIGT_DATA_DIR
mkdir -p "$out"/{check,bad,api}
as_of=2025-06-30

# Every command's output and exit status; stderr too, where errors are the contract.
run() {
  local name=$1; shift
  local status=0
  "$pligt" "$@" >"$out/$name.out" 2>"$out/$name.err" || status=$?
  echo "$status" >"$out/$name.status"
}

for example in examples/*.json; do
  base=check/$(basename "$example" .json)
  run "$base" check --as-of "$as_of" "$example"
  run "$base.json" check --as-of "$as_of" --json "$example"
done
for bad in tests/bad/cases/*.json; do
  run "bad/$(basename "$bad" .json)" check --as-of "$as_of" --json "$bad"
done

run duties duties --as-of 2019-06-01
run duties.json duties --as-of "$as_of" --json
run duties-gladsaxe duties --as-of 2019-06-01 --municipality gladsaxe
run duties-gladsaxe.json duties --as-of 2019-06-01 --municipality gladsaxe --json
run duties-all duties --as-of 2019-06-01 --all
run duties-all.json duties --as-of 2019-06-01 --all --json
run generate generate --cases 300 --seed 7
run simulate simulate --generate 2000 --seed 7 --as-of "$as_of" --threads 2 --json \
  --scenario national_rollout --scenario no_exemptions --csv "$out/simulate.csv" --report "$out/simulate.html"
run simulate-text simulate --generate 500 --seed 7 --as-of "$as_of" --threads 2 --scenario national_rollout
run diff-laws diff --laws serviceloven barnets_lov --json --cases "$out/generate.out" --as-of "$as_of"

# The API, on this machine's loopback only.
work_dir=$(mktemp -d)
log=$work_dir/serve.log
"$pligt" serve --host 127.0.0.1 --port 0 --threads 4 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work_dir"' EXIT
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$log")
  [[ -n $port ]] && break
  sleep 0.05
done
[[ -n $port ]] || { echo "the server did not start" >&2; cat "$log" >&2; exit 2; }
api=http://127.0.0.1:$port
fetch() {
  local name=$1; shift
  curl -sS --max-time 10 -o "$out/api/$name.body" -w '%{http_code} %{content_type}\n' "$@" >"$out/api/$name.status"
}
for example in examples/*.json; do
  fetch "check-$(basename "$example" .json)" -X POST -H 'Content-Type: application/json' \
    --data-binary @"$example" "$api/api/v1/check?as_of=$as_of"
done
for bad in tests/bad/cases/*.json; do
  fetch "bad-$(basename "$bad" .json)" -X POST -H 'Content-Type: application/json' \
    --data-binary @"$bad" "$api/api/v1/check?as_of=$as_of"
done
head -50 "$out/generate.out" >"$work_dir/batch.jsonl"
jq -s . "$work_dir/batch.jsonl" >"$work_dir/batch.json"
fetch batch-jsonl -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$work_dir/batch.jsonl" \
  "$api/api/v1/check/batch?as_of=$as_of"
fetch batch-json -X POST -H 'Content-Type: application/json' --data-binary @"$work_dir/batch.json" \
  "$api/api/v1/check/batch?as_of=$as_of"
fetch municipalities "$api/api/v1/municipalities"
fetch duties "$api/api/v1/duties?at=$as_of"
fetch duties-gladsaxe "$api/api/v1/duties?at=2019-06-01&municipality=gladsaxe"
fetch vocabulary "$api/api/v1/vocabulary"
fetch deadline "$api/api/v1/deadline?from=2024-12-20&span=10%20working%20days"
kill "$server"
wait "$server" 2>/dev/null || true
