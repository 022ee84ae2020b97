#!/usr/bin/env bash
# Fails when a dependency points the wrong way or the domain leaks into C++.
#   cli/, server/ -> engine/ -> dsl/; httplib.h only in server/api.cpp; Spirit only in dsl/grammar.cpp (via grammar_def.hpp);
#   no Danish law, place or institution in the C++ folders (it belongs in rules/).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "check-layers: $*"; status=1; }

for f in $(grep -rl '#include "cli/' dsl engine server 2>/dev/null); do fail "$f includes cli/ (cli is the top layer)"; done
for f in $(grep -rl '#include "server/' dsl engine 2>/dev/null); do fail "$f includes server/ (server sits beside cli)"; done
for f in $(grep -rl '#include <httplib.h>' dsl engine cli server | grep -v '^server/api.cpp$'); do
  fail "$f includes httplib.h (only server/api.cpp may)"
done
for f in $(grep -rl '#include "engine/' dsl 2>/dev/null); do fail "$f includes engine/ (dsl is the bottom layer)"; done
for f in $(grep -rl 'boost/spirit' dsl engine cli | grep -v '^dsl/grammar_def.hpp$'); do
  fail "$f includes Boost.Spirit (only dsl/grammar_def.hpp, for dsl/grammar.cpp, may)"
done
for f in $(grep -rl 'grammar_def.hpp' dsl engine cli | grep -v '^dsl/grammar.cpp$'); do
  fail "$f includes the grammar (only dsl/grammar.cpp may)"
done
if grep -rniE 'kommune|gladsaxe|guldborgsund|ikast|aarhus|serviceloven|barnets|frikommune|§' dsl engine cli server --include='*.?pp'; then
  fail "Danish content in C++ (above); it belongs in rules/ or municipalities/"
fi
[ $status -eq 0 ] && echo "check-layers: ok"
exit $status
