#!/usr/bin/env bash
# Runs a command with a Secret Service available (keytar needs one). With no D-Bus session bus (CI,
# containers, SSH), starts a private bus with an unlocked gnome-keyring for the command's lifetime. The
# keyring is created on first use under $HOME/.local/share/keyrings with this fixed password, so later
# runs can unlock it again (an empty stdin would not create it). With a bus already there, or without
# these tools, runs the command as it is (keychain users then report KEYCHAIN_UNAVAILABLE themselves).
set -uo pipefail
keyring_password=switchboard-test
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null &&
  command -v gnome-keyring-daemon >/dev/null; then
  # shellcheck disable=SC2016 # $1 and $@ expand in the inner sh, not here.
  exec dbus-run-session -- sh -c '
    printf %s "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
      { echo "with-keychain.sh: gnome-keyring-daemon --unlock failed" >&2; exit 1; }
    shift
    exec "$@"' sh "$keyring_password" "$@"
fi
exec "$@"
