#!/usr/bin/env bash
# How every npm script that a person runs starts (package.json): on the Node that .nvmrc names, with
# the dependencies installed, and with what the command needs. Options, before the command:
#   --electron        fetches Electron's binary first (scripts/fetch-electron.sh)
#   --build           builds the app first (electron-vite build): the renderer the harness serves
#   --keychain        a Secret Service on a keyring folder of this run's own, deleted afterwards
#   --keychain-dir D  the same on the keyring folder D, kept (so the demo's accounts survive a restart)
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
electron=false build=false keychain=()
while [ $# -gt 0 ]; do
  case "$1" in
    --electron) electron=true ;;
    --build) build=true ;;
    --keychain) keychain=(bash "$root/scripts/with-keychain.sh") ;;
    --keychain-dir) keychain=(bash "$root/scripts/with-keychain.sh" --dir "$2") && shift ;;
    *) break ;;
  esac
  shift
done
if [ $# -eq 0 ]; then
  echo "usage: bash scripts/run.sh [--electron] [--build] [--keychain | --keychain-dir DIR] command..." >&2
  exit 2
fi

# shellcheck source=scripts/use-node22.sh
. "$root/scripts/use-node22.sh" || exit 1
bash "$root/scripts/install-deps.sh" app || exit 1
export PATH="$root/node_modules/.bin:$PATH"
if $electron; then bash "$root/scripts/fetch-electron.sh" || exit 1; fi
if $build; then (cd "$root" && electron-vite build) || exit 1; fi
exec "${keychain[@]}" "$@"
