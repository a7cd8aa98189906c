#!/usr/bin/env bash
# Prepares this machine to run and test PairJudge. Idempotent, and quick when all is in place:
#   - installs what is missing on Debian/Ubuntu: Docker engine (docker.io), RabbitMQ, mmdebstrap,
#     Chromium (for end-to-end tests)
#   - starts RabbitMQ and the Docker engine if they are not answering
#   - installs npm dependencies (without Electron's binary when it cannot be downloaded)
#   - builds the sandbox image without a container registry (sandbox-image/build.sh)
#   - builds the browser-guest app that the gateway serves at /
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # what, seconds, command...
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 "$((seconds * 4))"); do "$@" && return 0; sleep 0.25; done
  echo "[setup] $what did not come up within ${seconds}s" >&2; return 1
}

# 1. System packages (Debian/Ubuntu only; elsewhere, say what is needed).
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v chromium >/dev/null || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "[setup] please install: ${missing[*]} (Debian/Ubuntu package names)" >&2
    exit 1
  fi
fi

# 2. Services.
if ! port_open 5672; then
  say "starting RabbitMQ"
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_for "RabbitMQ on 127.0.0.1:5672" 60 port_open 5672
fi
if ! docker info >/dev/null 2>&1; then
  say "starting the Docker engine"
  # A pid file left by an engine that did not stop cleanly keeps a new one from starting.
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile" 2>/dev/null)" 2>/dev/null; then as_root rm -f "$pidfile"; fi
  done
  as_root bash -c 'setsid dockerd >/var/log/pairjudge-dockerd.log 2>&1 < /dev/null &'
  wait_for "the Docker engine (log: /var/log/pairjudge-dockerd.log)" 60 docker info
fi

# 3. npm dependencies (fast when already installed; without Electron's binary when its download
#    host cannot be reached: see install-dependencies.sh).
say "installing npm dependencies"
bash scripts/install-dependencies.sh

# 4. The sandbox images, one per language family (each skips when its content has not changed;
#    a family's base is built from Debian packages once, in minutes).
bash sandbox-image/build.sh

# 5. The browser-guest build, served by the gateway at /.
if npm run | grep -q '^  build:web$'; then
  say "building the browser app"
  npm run --silent build:web >/dev/null
fi

say "ready: 'npm start' runs the app, 'npm test' runs the tests"
