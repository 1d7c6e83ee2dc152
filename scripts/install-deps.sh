#!/usr/bin/env bash
# Installs what a command of the project needs, once: the system packages (scripts/system-deps.sh, for
# `app` or `test`), then the npm dependencies when node_modules is missing, older than the lockfile, or
# built for another Node, and keytar (a native module) from source. Expects the project's Node first on PATH
# (scripts/use-node22.sh).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
bash scripts/system-deps.sh "${1:-app}" || exit 1
abi=$(node -p process.versions.modules) || exit 1
stamp=node_modules/.switchboard-node-abi
keytar_binary=node_modules/keytar/build/Release/keytar.node
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ "$(cat "$stamp" 2>/dev/null)" != "$abi" ] || [ ! -f "$keytar_binary" ]; then
  echo "Installing Switchboard's npm dependencies (npm ci)..."
  npm ci --no-audit --no-fund || exit 1
  # keytar's own install script would first download a prebuilt binary from GitHub, which the lockfile
  # does not cover (package.json allowScripts turns it off): build it from the locked sources instead.
  echo "Building keytar from source (node-gyp)..."
  (cd node_modules/keytar && node ../node-gyp/bin/node-gyp.js rebuild --loglevel=warn) || {
    echo "Building keytar failed (above). It needs python3, make and a C++ compiler, and on Linux libsecret's headers: bash scripts/system-deps.sh app installs them." >&2
    exit 1
  }
  echo "$abi" >"$stamp"
fi
