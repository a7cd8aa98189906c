#!/usr/bin/env bash
# Builds the sandbox image. Without --base, the base is made from Debian packages
# (mmdebstrap + docker import), which needs no container registry. Skips work that is already
# done: the base is kept under its tag, and the final image carries a hash of its content.
#
#   bash sandbox-image/build.sh                 # offline base, tag from $SANDBOX_IMAGE
#   bash sandbox-image/build.sh --base debian:bookworm-slim
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
image="${SANDBOX_IMAGE:-pairjudge/sandbox:latest}"
suite=bookworm
packages=nodejs,python3
offline_base="pairjudge/sandbox-base:${suite}-$(echo "$packages" | tr ',' '-')"
base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$base" ]; then
  base="$offline_base"
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    command -v mmdebstrap >/dev/null || { echo "build.sh: mmdebstrap is missing (apt-get install -y mmdebstrap)" >&2; exit 1; }
    echo "building the sandbox base from Debian packages ($packages)…"
    mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
    # minbase keeps the root filesystem small; docs and locales are of no use in a sandbox.
    mmdebstrap --quiet --variant=minbase --include="$packages" \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' \
      "$suite" - "$mirror" | docker import - "$base" >/dev/null
  fi
fi

stage="$here/.stage"
rm -rf "$stage"
mkdir -p "$stage/vendor/node_modules"
cp -r "$here/harness" "$stage/harness"
find "$stage/harness" -name '__pycache__' -prune -exec rm -rf {} +
cp "$here/Dockerfile" "$stage/Dockerfile"
# vm2 and its runtime dependencies only (see vm2's package.json).
for pkg in vm2 acorn acorn-walk; do
  cp -r "$root/node_modules/$pkg" "$stage/vendor/node_modules/$pkg"
done

content_hash="$( (cd "$stage" && find . -type f -print0 | sort -z | xargs -0 sha256sum; echo "$base") | sha256sum | cut -c1-16)"
current="$(docker image inspect "$image" --format '{{ index .Config.Labels "pairjudge.content" }}' 2>/dev/null || true)"
if [ "$current" = "$content_hash" ]; then
  echo "sandbox image $image is up to date ($content_hash)"
  exit 0
fi

echo "building sandbox image $image ($content_hash)…"
# SANDBOX_BUILD_NETWORK=none builds without the engine's bridge (the offline base needs no network).
DOCKER_BUILDKIT=0 docker build --quiet ${SANDBOX_BUILD_NETWORK:+--network "$SANDBOX_BUILD_NETWORK"} --build-arg "BASE_IMAGE=$base" \
  --label "pairjudge.content=$content_hash" -t "$image" "$stage" >/dev/null
echo "sandbox image $image built ($content_hash)"
