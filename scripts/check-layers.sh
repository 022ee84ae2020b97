#!/usr/bin/env bash
# Fails when a dependency points the wrong way or the domain leaks into C++.
# The layers, each a folder and a library, from the bottom (docs/architecture.md):
#   dsl/ <- engine/ <- authoring/, population/ <- output/ <- server/, lsp/ <- cli/
# A folder may include its own headers and those of the folders below it:
#   dsl        nothing of pligt's
#   engine     dsl
#   authoring  dsl, engine
#   population dsl, engine
#   output     dsl, engine, population
#   server     dsl, engine, population, output
#   lsp        dsl, engine, authoring, population, output
#   cli        everything
# httplib.h only in server/api.cpp; Spirit only in dsl/grammar.cpp (via
# grammar_def.hpp); no Danish law, place or institution in the C++ folders
# (it belongs in rules/).
# PLIGT_LAYERS_ROOT checks another tree (the test of this script plants an
# upward include in a copy).
set -euo pipefail
cd "${PLIGT_LAYERS_ROOT:-$(dirname "$0")/..}"
status=0
fail() { echo "check-layers: $*"; status=1; }

folders=(dsl engine authoring population output server lsp cli)
declare -A allowed=(
  [dsl]="dsl"
  [engine]="dsl engine"
  [authoring]="dsl engine authoring"
  [population]="dsl engine population"
  [output]="dsl engine population output"
  [server]="dsl engine population output server"
  [lsp]="dsl engine authoring population output lsp"
  [cli]="dsl engine authoring population output server lsp cli"
)
for folder in "${folders[@]}"; do
  [ -d "$folder" ] || { fail "$folder/ is missing"; continue; }
  while IFS= read -r line; do
    file=${line%%:*}
    target=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$line")
    case " ${allowed[$folder]} " in
      *" $target "*) ;;
      *) if [[ " ${folders[*]} " == *" $target "* ]]; then
           fail "$file includes $target/ (${folder}/ may include only: ${allowed[$folder]})"
         fi ;;
    esac
  done < <(grep -rnE '#include "[a-z_]+/' "$folder" --include='*.?pp' || true)
done
for f in $(grep -rl '#include <httplib.h>' "${folders[@]}" --include='*.?pp' | grep -v '^server/api.cpp$'); do
  fail "$f includes httplib.h (only server/api.cpp may)"
done
for f in $(grep -rl 'boost/spirit' "${folders[@]}" --include='*.?pp' | grep -v '^dsl/grammar_def.hpp$'); do
  fail "$f includes Boost.Spirit (only dsl/grammar_def.hpp, for dsl/grammar.cpp, may)"
done
for f in $(grep -rl 'grammar_def.hpp' "${folders[@]}" --include='*.?pp' | grep -v '^dsl/grammar.cpp$'); do
  fail "$f includes the grammar (only dsl/grammar.cpp may)"
done
if grep -rniE 'kommune|gladsaxe|guldborgsund|ikast|aarhus|serviceloven|barnets|frikommune|§' "${folders[@]}" --include='*.?pp'; then
  fail "Danish content in C++ (above); it belongs in rules/ or municipalities/"
fi
[ $status -eq 0 ] && echo "check-layers: ok"
exit $status
