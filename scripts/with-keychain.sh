#!/usr/bin/env bash
# Runs a command with a Secret Service (keytar needs one) on a keyring folder of this run's own: two
# gnome-keyring daemons on one keyring file lose entries, and tests or benchmarks must never write into
# the desktop's login keyring. Starts a private D-Bus session with gnome-keyring, its files under
# XDG_DATA_HOME: a new folder, deleted afterwards, or with `--dir D` the folder D, kept (the keyring is
# created on first use with a fixed password, so later runs unlock it again). Without dbus-run-session
# and gnome-keyring-daemon (macOS, Windows), runs the command as it is: keytar then uses the system's
# keychain, or reports KEYCHAIN_UNAVAILABLE.
set -uo pipefail
keyring_password=switchboard-test
keep_dir=
if [ "${1:-}" = --dir ]; then
  keep_dir=$2
  shift 2
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi

if [ -n "$keep_dir" ]; then
  mkdir -p "$keep_dir" && chmod 700 "$keep_dir" || exit 1
  keyring_home=$keep_dir
else
  keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-keyring.XXXXXX") || exit 1
  trap 'rm -rf "$keyring_home"' EXIT
fi
# shellcheck disable=SC2016 # $1 and $@ expand in the inner sh, not here.
# The daemon takes its bus name a moment after --unlock returns; a client that asks before then makes
# D-Bus start a second daemon on the same keyring file. So wait for the name first.
XDG_DATA_HOME=$keyring_home dbus-run-session -- sh -c '
  printf %s "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
    { echo "with-keychain.sh: gnome-keyring-daemon --unlock failed" >&2; exit 1; }
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    [ "$tries" -le 200 ] || { echo "with-keychain.sh: the keyring daemon did not start" >&2; exit 1; }
    sleep 0.05
  done
  shift
  exec "$@"' sh "$keyring_password" "$@"
