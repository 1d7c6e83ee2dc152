#!/usr/bin/env bash
# The project's test command (`npm test`): typecheck, lint, format check, then the Vitest suite.
# Every step runs even if an earlier one failed, so one run shows all problems; the exit code is
# non-zero if any step failed. Extra arguments go to `vitest run` (e.g. `npm test -- test/foo.test.ts`).
set -uo pipefail
cd "$(dirname "$0")/.."

want=$(tr -d 'v \n' < .nvmrc)
have=$(node --version 2>/dev/null || echo none)
if [ "${have%%.*}" != "v$want" ]; then
  cat >&2 <<EOF
scripts/test.sh: this project is tested with Node $want, but \`node --version\` says: $have
Put Node $want first on PATH, then run the tests again:
  export PATH=\$(bash scripts/node22.sh):\$PATH      # fetches Node $want into .tools/node22 (Linux x64)
or, with nvm:
  nvm install && nvm use                              # reads .nvmrc
EOF
  exit 1
fi
if [ ! -d node_modules ]; then
  echo "scripts/test.sh: node_modules is missing; run \`npm ci\` first." >&2
  exit 1
fi

failed=()
step() {
  local name=$1
  shift
  echo
  echo "=== $name ==="
  local start=$SECONDS
  if "$@"; then
    echo "--- $name: ok ($((SECONDS - start))s)"
  else
    local rc=$?
    echo "--- $name: FAILED with exit code $rc ($((SECONDS - start))s)"
    failed+=("$name")
  fi
}

step typecheck npm run --silent typecheck
step lint npm run --silent lint
step format:check npm run --silent format:check

# Keychain tests need a Secret Service. Without a session bus (CI, containers, SSH), start a private
# one with an unlocked gnome-keyring in it. The keyring is created on first use under
# $HOME/.local/share/keyrings with this fixed password, so later runs can unlock it again (an empty
# stdin would not create it). Without these tools, run Vitest directly: the keychain tests report
# their own error.
keyring_password=switchboard-test
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null &&
  command -v gnome-keyring-daemon >/dev/null; then
  echo
  echo "(no D-Bus session bus: running Vitest inside dbus-run-session with an unlocked gnome-keyring)"
  # shellcheck disable=SC2016 # $1 and $@ expand in the inner sh, not here.
  step vitest dbus-run-session -- sh -c '
    printf %s "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
      { echo "scripts/test.sh: gnome-keyring-daemon --unlock failed" >&2; exit 1; }
    shift
    exec npx vitest run "$@"' sh "$keyring_password" "$@"
else
  step vitest npx vitest run "$@"
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All checks passed."
