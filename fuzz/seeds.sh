#!/usr/bin/env bash
# Assembles the seed corpora of the fuzz targets into OUT/<target>/ from what
# the repository ships: rule files, example cases, golden inputs and test
# fixtures, plus HTTP requests and deadline texts written here. Generated on
# every run, never committed.   usage: fuzz/seeds.sh OUT
set -euo pipefail
out=${1:?usage: fuzz/seeds.sh OUT}
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$out"/{rules,format,case,check,span,http,lsp}

# seed TARGET: the seed's bytes on stdin; named by their SHA-1, as libFuzzer
# names what it adds, so a seed given twice is kept once.
seed() {
  local file
  file=$(mktemp "$out/$1/.seed.XXXXXX")
  cat >"$file"
  mv "$file" "$out/$1/$(sha1sum <"$file" | cut -c1-40)"
}

# Rule files: the shipped law, tests and municipalities, and the fixtures.
for f in rules/*.pligt rules/tests/*.pligt municipalities/*.pligt $(find tests/fixtures tests/golden -name '*.pligt' | sort); do
  for target in rules format; do seed $target <"$f"; done
  { printf 'F'; cat "$f"; } | seed lsp  # fuzz/fuzz_lsp.cpp: a rule file an editor opens
done

# The laws, sets and municipalities together, without the calendar (which
# fuzz/fuzz_rules.cpp leaves out of its context): each resolves beside the
# shipped vocabulary, so lint runs on it.
without_calendar() { sed '/^  calendar /d' "$@"; }
without_calendar rules/serviceloven.pligt | seed rules
without_calendar rules/barnets_lov.pligt | seed rules
without_calendar rules/serviceloven.pligt rules/barnets_lov.pligt rules/frikommune_boern.pligt \
  municipalities/gladsaxe.pligt municipalities/aarhus.pligt rules/scenarios.pligt | seed rules
without_calendar rules/serviceloven.pligt municipalities/aarhus.pligt rules/tests/serviceloven_test.pligt | seed rules

# Cases: the examples, the golden inputs, and each line of the JSONL files.
cases=(examples/*.json tests/golden/check/*.json)
for f in "${cases[@]}"; do
  for target in case check; do seed $target <"$f"; done
done
for f in tests/golden/simulate/*.jsonl tests/fixtures/diff/cases.jsonl; do
  while IFS= read -r line; do
    for target in case check; do printf '%s' "$line" | seed $target; done
  done <"$f"
done

# Deadlines: SPAN, a line break, FROM (fuzz/fuzz_span.cpp), as in
# tests/golden/deadline.
for pair in "7 days|2024-03-26" "24 hours|2019-03-04" "24 hours|2019-03-04T09:30" "6 working days|2023-02-30" \
            "4 months|2023-10-31" "six|2024-03-26" "6 workings days|2024-03-26" "6 working days|2024-12-18" \
            "1 working day|2024-04-27" "6  working   days|2023-04-28T23:59:59" "2 weeks|2024-02-29" \
            "100000 years|9999-12-31" "1 year|2024-02-29T00:00" "3 months|2019-03-04Z"; do
  printf '%s\n%s' "${pair%%|*}" "${pair#*|}" | seed span
done

# HTTP: every route, with and without a body, pipelined, chunked.
request() {  # request METHOD TARGET [CONTENT-TYPE BODY-FILE]
  if [ $# -gt 2 ]; then
    printf '%s %s HTTP/1.1\r\nHost: localhost\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n' \
      "$1" "$2" "$3" "$(wc -c <"$4")"
    cat "$4"
  else
    printf '%s %s HTTP/1.1\r\nHost: localhost\r\n\r\n' "$1" "$2"
  fi
}
for target in /healthz /version /api/v1/municipalities "/api/v1/duties?municipality=gladsaxe&at=2019-06-01" \
              "/api/v1/duties?municipality=0751" /api/v1/vocabulary \
              "/api/v1/deadline?from=2024-12-18&span=6%20working%20days" \
              "/api/v1/deadline?from=2019-03-04T09:30&span=24+hours&calendar=danish_workdays" / /app.js /nowhere; do
  request GET "$target" | seed http
  request HEAD "$target" | seed http
done
request OPTIONS /api/v1/check | seed http
request DELETE /api/v1/duties | seed http
for f in "${cases[@]}"; do
  request POST "/api/v1/check?as_of=2024-06-01" application/json "$f" | seed http
done
request POST /api/v1/check/batch application/x-ndjson tests/golden/simulate/examples.jsonl | seed http
{ printf '['; paste -sd, examples/*.json; printf ']'; } >"$out/batch.json"
request POST "/api/v1/check/batch?as_of=2019-06-01" "application/json; charset=utf-8" "$out/batch.json" | seed http
rm "$out/batch.json"
{ request GET /version; request GET "/api/v1/duties?at=2024-01-01"; request POST /api/v1/check application/json \
    examples/gladsaxe_concern_2019.json; } | seed http
body=$(cat examples/aarhus_concern_2019.json)
printf 'POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n' \
  "${#body}" "$body" | seed http
printf 'GET /api/v1/vocabulary HTTP/1.1\r\nRange: bytes=0-99\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n' | seed http

for target in rules format case check span http; do
  echo "fuzz/seeds.sh: $target $(ls "$out/$target" | wc -l) seeds"
done

# The language server's input stream ('R' and the bytes, fuzz/fuzz_lsp.cpp):
# a session, a header without a length, a body that is not JSON.
lsp_message() { printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"; }
{
  printf 'R'
  lsp_message '{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.pligt"},"position":{"line":0,"character":0}}}'
  lsp_message '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.pligt","languageId":"pligt","version":1,"text":"law x {\n  duty y {\n    on \n  }\n}\n"}}}'
  lsp_message '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///x.pligt","version":2},"contentChanges":[{"range":{"start":{"line":2,"character":7},"end":{"line":2,"character":7}},"text":"request_received"}]}}'
  lsp_message '{"jsonrpc":"2.0","id":2,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///x.pligt"},"position":{"line":2,"character":7}}}'
  lsp_message '{"jsonrpc":"2.0","id":3,"method":"shutdown"}'
  lsp_message '{"jsonrpc":"2.0","method":"exit"}'
} | seed lsp
printf 'RContent-Type: x\r\n\r\n{}' | seed lsp
{ printf 'R'; lsp_message '{"jsonrpc":"2.0","id":1,"method":'; } | seed lsp
