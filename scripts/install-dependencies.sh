#!/usr/bin/env bash
# `npm install` for setup.sh, carrying on where Electron's binary cannot be downloaded.
# Electron's package downloads its binary in an install script; where that download host cannot
# be reached the whole install fails. The browser app, the judge and `pairjudge host` do not need
# that binary, so this installs again without it instead of stopping (`npm start` then serves the
# browser app and says how to get the window). Any other failure stops setup.
set -euo pipefail

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
skip_notice="Electron's binary could not be downloaded: installing without it (the browser app still works; 'npm start' says how to get the window)"

# Ask Electron's download host first (5 s): where it cannot be reached, a normal install would
# fail only after building every native module, and npm would roll all of it back.
electron_host="${ELECTRON_MIRROR:-https://github.com/electron/electron/releases/download/}"
if [ -z "${ELECTRON_SKIP_BINARY_DOWNLOAD:-}" ] && ! node -e '
  fetch(process.argv[1], { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(5000) })
    .then(() => process.exit(0), () => process.exit(1));' "$electron_host" >/dev/null 2>&1; then
  say "$skip_notice"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if npm install --no-audit --no-fund --loglevel=error 2>&1 | tee "$log"; then
  exit 0
fi
if grep -q 'node_modules/electron' "$log"; then
  say "$skip_notice"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  exit 0
fi
echo "[setup] npm install failed (see above)" >&2
exit 1
