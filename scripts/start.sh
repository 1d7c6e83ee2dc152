#!/usr/bin/env bash
# The newcomer's first command: installs Switchboard's dependencies and starts the app.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/use-node22.sh
. scripts/use-node22.sh
npm ci
exec npm start
