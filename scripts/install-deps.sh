#!/usr/bin/env bash
# Installs what a command of the project needs, once: the system packages (scripts/system-deps.sh, for
# `app` or `test`), then the npm dependencies when node_modules is missing, older than the lockfile, or
# built for another Node (keytar is a native module). Expects the project's Node first on PATH
# (scripts/use-node22.sh).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
bash scripts/system-deps.sh "${1:-app}" || exit 1
abi=$(node -p process.versions.modules) || exit 1
stamp=node_modules/.switchboard-node-abi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ "$(cat "$stamp" 2>/dev/null)" != "$abi" ]; then
  echo "Installing Switchboard's npm dependencies (npm ci)..."
  npm ci --no-audit --no-fund || exit 1
  echo "$abi" >"$stamp"
fi
