#!/usr/bin/env bash
# The project's test command (`npm test`): typecheck, lint, format check, the three Electron bundles
# (electron-vite build, into out/), then the Vitest suite.
# Every step runs even if an earlier one failed, so one run shows all problems; the exit code is
# non-zero if any step failed. Extra arguments go to `vitest run` (e.g. `npm test -- test/foo.test.ts`).
set -uo pipefail
cd "$(dirname "$0")/.."

# Node 22 (see .nvmrc): switch to it if this shell has another one; install the system packages the
# tests need and the npm dependencies when they are missing, so a newcomer's `npm test` works on a fresh
# clone.
# shellcheck source=scripts/use-node22.sh
. scripts/use-node22.sh || exit 1
bash scripts/install-deps.sh test || exit 1

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
# Without the cache `npm run lint` keeps: the layering rule follows imports into other files, which a
# cached result for an unchanged file would not see change.
step lint npx eslint . --max-warnings 0
step format:check npm run --silent format:check
# Needs no Electron binary; proves main, preload and renderer bundle (test/electron/build-output.test.ts
# inspects a fresh build of its own).
step build npm run --silent build
step electronegativity npx tsx scripts/electronegativity.ts

# Keychain tests need a Secret Service: scripts/with-keychain.sh starts one on a keyring folder of this
# run's own, so two runs at once (or a benchmark beside them) never share a keyring file.
rm -f test-results/vitest.json
step vitest bash scripts/with-keychain.sh npx vitest run \
  --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
# One plain summary line for CI: "N passed, N failed".
if [ -f test-results/vitest.json ]; then
  node -e 'const r = require("./test-results/vitest.json");
    console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);'
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "All checks passed."
