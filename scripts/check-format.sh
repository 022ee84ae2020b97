#!/usr/bin/env bash
# Fails when a C++ file of the repository is not laid out as .clang-format
# says (clang-format-14, the version Debian 12 ships; scripts/setup.sh
# installs it). To fix: clang-format-14 -i FILE…
set -euo pipefail
cd "$(dirname "$0")/.."
format=${CLANG_FORMAT:-clang-format-14}
command -v "$format" >/dev/null || { echo "check-format: $format is not installed (scripts/setup.sh)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
report=$(mktemp)
trap 'rm -f "$report"' EXIT
if ! "$format" --style=file --dry-run --Werror "${files[@]}" 2>"$report"; then
  grep -E '^[^ ].*: error:' "$report" | sed -E 's/:[0-9]+:[0-9]+: error: .*//' | sort -u |
    sed 's/^/check-format: not formatted: /' >&2
  echo "check-format: run $format -i on the files above" >&2
  exit 1
fi
echo "check-format: ok (${#files[@]} files)"
