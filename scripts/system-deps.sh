#!/usr/bin/env bash
# What Switchboard needs from the operating system, in one place: scripts/start.sh (`app`), scripts/test.sh
# and .ci/run (`test`) all call this. It checks what is there, installs what is missing when it may
# (root, sudo, or Homebrew), and otherwise prints the one command to run and exits 1, before anything
# can fail half-way.
#
#   bash scripts/system-deps.sh app    # building keytar: libsecret's headers, python3, make, a C++ compiler
#   bash scripts/system-deps.sh test   # and the tests' Secret Service (dbus, gnome-keyring) and a Chromium
#
# SWITCHBOARD_SYSTEM_DEPS=skip skips the whole check (a machine set up by other means).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
purpose=${1:-test}
case "$purpose" in app | test) ;; *)
  echo "usage: bash scripts/system-deps.sh app|test" >&2
  exit 2
  ;;
esac
[ "${SWITCHBOARD_SYSTEM_DEPS:-}" = skip ] && exit 0

os=$(uname -s)
case "$os" in
  # Windows (Git Bash): keytar uses the Credential Manager, node-gyp finds Visual Studio's compiler itself.
  MINGW* | MSYS* | CYGWIN*) exit 0 ;;
esac
os_release=${SWITCHBOARD_OS_RELEASE:-/etc/os-release} # another file only in test/scripts/
distro=
if [ -r "$os_release" ]; then distro=$(. "$os_release" && echo "${ID:-} ${ID_LIKE:-}"); fi

manager=none
if [ "$os" = Darwin ]; then
  command -v brew >/dev/null && manager=brew
elif command -v apt-get >/dev/null; then
  manager=apt
elif command -v dnf >/dev/null; then
  manager=dnf
fi

# Each need: a check (a shell test) and its package for each manager ('-' where that system has it built in).
missing=()
need() {
  local what=$1 check=$2 apt=$3 dnf=$4 brew=$5
  eval "$check" >/dev/null 2>&1 && return 0
  local package
  case "$manager" in apt) package=$apt ;; dnf) package=$dnf ;; brew) package=$brew ;; *) package=$what ;; esac
  [ "$package" = - ] && return 0
  case " ${missing[*]} " in *" $package "*) ;; *) missing+=("$package") ;; esac
}

browser_check="node '$root/scripts/find-browser.ts'"
# Ubuntu ships Chromium as a snap behind the chromium-browser package; Debian has chromium itself.
chromium_apt=chromium
case " $distro " in *" ubuntu "*) chromium_apt=chromium-browser ;; esac

if [ "$os" = Darwin ]; then
  # keytar uses the macOS Keychain; the compilers come with the Xcode command line tools.
  if ! xcode-select -p >/dev/null 2>&1; then
    echo "Switchboard builds keytar with Apple's command line tools, which are missing. Run: xcode-select --install" >&2
    exit 1
  fi
  [ "$purpose" = test ] && need "Chromium or Google Chrome" "$browser_check" - - "--cask chromium"
else
  need pkg-config "command -v pkg-config" pkg-config pkgconf-pkg-config -
  need "libsecret headers" "pkg-config --exists libsecret-1" libsecret-1-dev libsecret-devel -
  need python3 "command -v python3" python3 python3 -
  need make "command -v make" make make -
  need "a C++ compiler" "command -v g++ || command -v c++" g++ gcc-c++ -
  if [ "$purpose" = test ]; then
    need dbus-run-session "command -v dbus-run-session" dbus dbus-daemon -
    need dbus-send "command -v dbus-send" dbus dbus-tools -
    need gnome-keyring "command -v gnome-keyring-daemon" gnome-keyring gnome-keyring -
    need secret-tool "command -v secret-tool" libsecret-tools libsecret -
    need "Chromium or Google Chrome" "$browser_check" "$chromium_apt" chromium -
  fi
fi
[ ${#missing[@]} -eq 0 ] && exit 0

case "$manager" in
  apt) install=(apt-get install -y --no-install-recommends "${missing[@]}") ;;
  dnf) install=(dnf install -y "${missing[@]}") ;;
  brew) install=() ;;
  *)
    echo "Switchboard needs these system packages, and this machine has no apt, dnf or Homebrew to install them: ${missing[*]}." >&2
    echo "Install them with your system's package manager and run this command again." >&2
    exit 1
    ;;
esac

# Who may install: Homebrew as this user; apt and dnf as root, through sudo without a password, or
# through sudo asking for one when someone is at the terminal.
as_root=()
if [ "$manager" != brew ] && [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  elif command -v sudo >/dev/null && [ -t 0 ]; then
    as_root=(sudo)
  else
    echo "Switchboard needs these system packages: ${missing[*]}. Install them (as root) and run this command again:" >&2
    if [ "$manager" = apt ]; then
      echo "  sudo apt-get update && sudo ${install[*]}" >&2
    else
      echo "  sudo ${install[*]}" >&2
    fi
    exit 1
  fi
fi

echo "Installing the system packages Switchboard needs: ${missing[*]}"
case "$manager" in
  apt)
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update && "${as_root[@]}" "${install[@]}"
    ;;
  dnf) "${as_root[@]}" "${install[@]}" ;;
  brew)
    for package in "${missing[@]}"; do
      # shellcheck disable=SC2086 # "--cask chromium" is two words on purpose.
      brew install $package || exit 1
    done
    ;;
esac || {
  echo "Installing ${missing[*]} failed (above). Fix that and run this command again." >&2
  exit 1
}
