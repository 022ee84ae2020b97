#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12 packages.
# Safe to rerun: apt-get skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost-dev            # Boost.Spirit X3 (header-only)
  nlohmann-json3-dev
  libspdlog-dev libfmt-dev
  libcpp-httplib-dev      # pligt serve (server/api.cpp)
  doctest-dev
  libcli11-dev
  libbenchmark-dev        # bench/ (PLIGT_BENCH=ON)
  wrk                     # bench/load.sh (pligt serve under load)
  clang-14 libclang-rt-14-dev  # fuzz/ (PLIGT_FUZZ=ON, scripts/fuzz.sh): libFuzzer
  clang-format-14         # scripts/check-format.sh (the layout of the C++ code)
  curl jq                 # scripts/snapshot-outputs.sh (outputs of two builds compared)
  chromium nodejs npm     # tests/e2e (the web page in a browser)
  unzip                   # scripts/test-editors.sh (what the VS Code package holds)
)

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  # A Node.js from elsewhere (NodeSource) bundles npm and conflicts with Debian's.
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core for tests/e2e, at the version its package-lock.json pins.
npm ci --prefix "$(dirname "$0")/../tests/e2e" --no-audit --no-fund
