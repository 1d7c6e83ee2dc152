#!/usr/bin/env bash
# The newcomer's first command: installs what Switchboard needs (system packages, Node 22, the npm
# dependencies, Electron's binary) and starts the app. Each step says what to do when it cannot finish.
set -uo pipefail
exec bash "$(dirname "$0")/run.sh" --electron electron-vite preview "$@"
