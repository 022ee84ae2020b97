#!/usr/bin/env bash
# Tests the VS Code extension in editors/vscode: its npm tests, then the
# .vsix it packages, which must hold the extension, its grammar and language
# configuration, and its runtime dependency. Needs node, npm and unzip.
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"

command -v unzip >/dev/null || { echo "test-editors.sh: unzip is missing (apt-get install unzip)" >&2; exit 1; }

npm ci --no-audit --no-fund --loglevel=error
npm test

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The flags answer the questions vsce would otherwise ask on the terminal.
npx --no @vscode/vsce package --skip-license --allow-missing-repository --out "$out" >"$out/vsce.log" 2>&1 ||
  { cat "$out/vsce.log" >&2; exit 1; }
vsix="$out/pligt-0.1.0.vsix"
unzip -l "$vsix" >"$out/contents"

status=0
for f in extension/extension.js extension/package.json extension/readme.md \
  extension/syntaxes/pligt.tmLanguage.json extension/language-configuration.json \
  extension/node_modules/vscode-languageclient/package.json \
  extension/node_modules/vscode-languageserver-protocol/package.json; do
  grep -q " $f\$" "$out/contents" || { echo "test-editors.sh: $f is not in the .vsix" >&2; status=1; }
done
# Tests and development dependencies stay out.
for f in extension/test/ extension/node_modules/vscode-textmate/ extension/node_modules/@vscode/vsce/; do
  ! grep -q " $f" "$out/contents" || { echo "test-editors.sh: $f should not be in the .vsix" >&2; status=1; }
done
[ "$status" -eq 0 ] || exit 1

files=$(tail -n 1 "$out/contents" | awk '{print $2}')
echo "test-editors.sh: pligt-0.1.0.vsix is fine: $(stat -c %s "$vsix") bytes, $files files"
