#!/usr/bin/env bash
# `npm install` for setup.sh, carrying on where Electron's binary cannot be downloaded.
# Electron's package downloads its binary in an install script; where that download host cannot
# be reached the whole install fails. The browser app, the judge and `pairjudge host` do not need
# that binary, so this installs again without it instead of stopping (`npm start` then serves the
# browser app and says how to get the window). Any other failure stops setup.
set -euo pipefail

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if npm install --no-audit --no-fund --loglevel=error 2>&1 | tee "$log"; then
  exit 0
fi
if grep -q 'node_modules/electron' "$log"; then
  printf '\033[1m[setup]\033[0m %s\n' "Electron's binary could not be downloaded: installing without it (the browser app still works; 'npm start' says how to get the window)"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  exit 0
fi
echo "[setup] npm install failed (see above)" >&2
exit 1
