#!/usr/bin/env bash
# `npm run demo:browser`: the app in a browser on the offline demo sandbox. Its data folder (settings,
# the demo world, the harness's address) and its keyring folder are its own and kept, so a restart
# brings the demo accounts back; one demo at a time per folder.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data_dir=${SWITCHBOARD_DEMO_DIR:-$HOME/.switchboard-demo}
mkdir -p "$data_dir" && chmod 700 "$data_dir" || exit 1
if command -v flock >/dev/null; then
  # Held by every process below (the keyring daemon included) until the demo stops.
  exec 9>"$data_dir/.lock"
  if ! flock -n 9; then
    echo "Another browser demo is running on $data_dir; stop it first (or set SWITCHBOARD_DEMO_DIR)." >&2
    exit 1
  fi
fi
exec bash "$root/scripts/run.sh" --build --keychain-dir "$data_dir/keyring" \
  tsx "$root/main/harness/demo-browser.ts" --data-dir "$data_dir"
