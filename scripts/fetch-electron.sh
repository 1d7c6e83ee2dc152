#!/usr/bin/env bash
# Electron 45 no longer fetches its binary when it is installed: `require('electron')` or its
# install-electron bin does, on first use, and electron-vite only reads node_modules/electron/path.txt
# (else it stops with "Electron uninstall"). So every script that starts Electron runs this first: it
# fetches the binary once (cached in Electron's download cache) and, when it cannot, says what failed,
# how to retry, and what runs without Electron.
set -uo pipefail
electron_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/node_modules/electron"
version=$(node -p "require(process.argv[1]).version" "$electron_dir/package.json") || exit 1

if [ ! -s "$electron_dir/path.txt" ]; then
  echo "Fetching Electron $version, once (about 100 MB)..."
fi
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
node "$electron_dir/install.js" 2>"$errors" && exit 0

cause=$(grep -m 1 -E '^[A-Za-z]*Error' "$errors" || head -n 1 "$errors")
mirror=${ELECTRON_MIRROR:-${npm_config_electron_mirror:-https://github.com/electron/electron/releases/download/}}
if [ "$cause" = "TypeError: fetch failed" ]; then
  # Node's fetch hides why in the error's cause, which install.js does not print: ask once more.
  cause=$(node -e 'fetch(process.argv[1], { method: "HEAD" }).then(
    (r) => console.log(`the server answered ${r.status}`),
    (e) => console.log(`no connection: ${e.cause?.code ?? e.cause?.message ?? e.message}`))' "$mirror")
fi
cat >&2 <<PARAGRAPH

Switchboard could not fetch Electron $version, the desktop runtime its window runs in, from $mirror
(${cause:-no reason given}). To retry, check this machine's connection and run the same command again;
behind a proxy, set HTTPS_PROXY=http://host:port and ELECTRON_GET_USE_PROXY=1; where that address is
out of reach, set ELECTRON_MIRROR to a mirror of Electron's releases (for example
https://npmmirror.com/mirrors/electron/). Without Electron, \`npm run demo:browser\` runs the same app
in your browser, on the offline demo.
PARAGRAPH
exit 1
