#!/usr/bin/env bash
# Builds the sandbox images, one per language family:
#
#   family  image (from $SANDBOX_IMAGE=repo:tag)  Debian packages             languages
#   js      repo:tag                             nodejs python3 (+ npm typescript)  javascript, typescript, python
#   gcc     repo-gcc:tag                         gcc g++ libboost-dev libssl-dev  c, cpp
#   java    repo-java:tag                        openjdk-17-jdk-headless      java
#   go      repo-go:tag                          golang-go, testify           go
#   rust    repo-rust:tag                        rustc                        rust
#
# Without --base, each base is made from Debian packages (mmdebstrap + docker import), which
# needs no container registry; the missing bases are bootstrapped in parallel (minutes each: on an
# empty machine gcc took 205 s, rust 218 s, go 200 s, java 250 s). Skips work that is already done:
# a base is kept under its tag, and each final image carries a hash of its content.
#
#   bash sandbox-image/build.sh                  # every family
#   bash sandbox-image/build.sh gcc java         # only these families
#   bash sandbox-image/build.sh --missing        # only families whose image does not exist yet
#   bash sandbox-image/build.sh --base debian:bookworm-slim js
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
image="${SANDBOX_IMAGE:-pairjudge/sandbox:latest}"
suite=bookworm
registry_base=""
only_missing=""
families=()
while [ $# -gt 0 ]; do
  case "$1" in
    --base) registry_base="$2"; shift 2 ;;
    --missing) only_missing=1; shift ;;
    js|gcc|java|go|rust) families+=("$1"); shift ;;
    *) echo "build.sh: unknown option or family $1 (families: js gcc java go rust)" >&2; exit 2 ;;
  esac
done
# Every family a language of judge-core/languages.ts runs in.
[ "${#families[@]}" -gt 0 ] || families=(js gcc java go rust)

# The image of a family: the js family keeps the plain tag, the others add -family to the
# repository part (pairjudge/sandbox:dev -> pairjudge/sandbox-gcc:dev). judge-core/languages.ts
# derives the same names.
image_of() {
  local family="$1" repo="${image%:*}" tag="${image##*:}"
  [ "$repo" != "$image" ] || tag=latest
  if [ "$family" = js ]; then echo "$repo:$tag"; else echo "$repo-$family:$tag"; fi
}

packages_of() {
  case "$1" in
    js) echo nodejs,python3 ;;
    # Boost and OpenSSL headers: programs people bring from elsewhere use them (libssl-dev for MD5).
    gcc) echo gcc,g++,libc6-dev,libboost-dev,libssl-dev ;;
    java) echo openjdk-17-jdk-headless ;;
    go) echo golang-go,golang-github-stretchr-testify-dev ;;
    rust) echo rustc ;;
  esac
}

# The offline base of a family (mmdebstrap + docker import), unless it exists. Bases take minutes
# each (downloading and unpacking packages), so they are made in parallel before the images.
base_of() {
  echo "pairjudge/sandbox-base:${suite}-$(packages_of "$1" | tr ',+' '-p' | cut -c1-100)"
}

ensure_base() {
  local family="$1" packages base mirror tarball
  packages="$(packages_of "$family")"
  base="$(base_of "$family")"
  docker image inspect "$base" >/dev/null 2>&1 && return 0
  command -v mmdebstrap >/dev/null || { echo "build.sh: mmdebstrap is missing (apt-get install -y mmdebstrap)" >&2; return 1; }
  echo "building the $family sandbox base from Debian packages ($packages)…"
  mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  # Into a file first: a failed bootstrap must not leave an empty base under the tag.
  tarball="$(mktemp --suffix=.tar)"
  # minbase keeps the root filesystem small; docs and locales are of no use in a sandbox (the
  # JDK's update-alternatives still wants man1 to exist, hence the hook).
  if ! mmdebstrap --quiet --variant=minbase --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    "$suite" "$tarball" "$mirror"; then
    rm -f "$tarball"
    echo "build.sh: could not bootstrap the $family base" >&2
    return 1
  fi
  docker import "$tarball" "$base" >/dev/null
  rm -f "$tarball"
}

build_family() {
  local family="$1" target packages base offline_base stage content_hash current started
  target="$(image_of "$family")"
  if [ -n "$only_missing" ] && docker image inspect "$target" >/dev/null 2>&1; then
    echo "sandbox image $target exists"
    return 0
  fi
  started=$(date +%s)
  packages="$(packages_of "$family")"
  base="$registry_base"
  [ -n "$base" ] || { ensure_base "$family"; base="$(base_of "$family")"; }

  stage="$here/.stage-$family"
  rm -rf "$stage"
  mkdir -p "$stage"
  if [ "$family" = js ]; then
    mkdir -p "$stage/vendor/node_modules"
    mkdir -p "$stage/harness"
    cp -r "$here/harness/javascript" "$here/harness/python" "$stage/harness/"
    find "$stage/harness" -name '__pycache__' -prune -exec rm -rf {} +
    # The JavaScript prelude enters each VM as one text: assemble it from its parts now, and ship
    # only the assembled text (runner.cjs falls back to the parts only where they exist).
    node "$here/harness/javascript/build-prelude.cjs" "$stage/harness/javascript/sandbox-prelude.assembled.js"
    rm -rf "$stage/harness/javascript/prelude"
    # vm2 and its runtime dependencies only (see vm2's package.json); the source-map decoder the
    # TypeScript harness maps error lines with.
    for pkg in vm2 acorn acorn-walk @jridgewell/sourcemap-codec; do
      mkdir -p "$(dirname "$stage/vendor/node_modules/$pkg")"
      cp -r "$root/node_modules/$pkg" "$stage/vendor/node_modules/$pkg"
    done
    # TypeScript: its manifest, the compiler (one file) and the library declarations the type check
    # reads (ES5 to ES2022 and decorators), 9 MB of the package's 23 MB: not tsc, tsserver, the
    # DOM's declarations or the message translations (harness/javascript/typescript/).
    local ts_from="$root/node_modules/typescript" ts_to="$stage/vendor/node_modules/typescript"
    mkdir -p "$ts_to/lib"
    cp "$ts_from/package.json" "$ts_from/LICENSE.txt" "$ts_to/"
    cp "$ts_from/lib/typescript.js" "$ts_from"/lib/lib.es5.d.ts "$ts_from"/lib/lib.es20{15,16,17,18,19,20,21,22}*.d.ts "$ts_from"/lib/lib.decorators*.d.ts "$ts_to/lib/"
    cp "$here/Dockerfile" "$stage/Dockerfile"
  else
    # Compiled families: the compile stage's script and the run stage's loader, nothing else.
    mkdir -p "$stage/harness"
    cp -r "$here/harness/compiled" "$stage/harness/compiled"
    cp "$here/Dockerfile.compiled" "$stage/Dockerfile"
    # Families without a C compiler take the loader built (static) in the gcc image.
    if [ "$family" = java ] || [ "$family" = go ]; then
      local gcc_image
      gcc_image="$(image_of gcc)"
      docker image inspect "$gcc_image" >/dev/null 2>&1 || build_family gcc
      docker run --rm --network none --entrypoint cat "$gcc_image" /opt/pairjudge/harness/compiled/loader > "$stage/harness/compiled/loader"
      chmod 755 "$stage/harness/compiled/loader"
    fi
  fi

  content_hash="$( (cd "$stage" && find . -type f -print0 | sort -z | xargs -0 sha256sum; echo "$base $family") | sha256sum | cut -c1-16)"
  current="$(docker image inspect "$target" --format '{{ index .Config.Labels "pairjudge.content" }}' 2>/dev/null || true)"
  if [ "$current" = "$content_hash" ]; then
    echo "sandbox image $target is up to date ($content_hash)"
    return 0
  fi
  echo "building sandbox image $target ($content_hash)…"
  # An offline base needs no network to build on, so it builds without the engine's bridge (which
  # some hosts lack); SANDBOX_BUILD_NETWORK overrides.
  local network="${SANDBOX_BUILD_NETWORK:-}"
  [ -n "$network" ] || [ -n "$registry_base" ] || network=none
  DOCKER_BUILDKIT=0 docker build --quiet ${network:+--network "$network"} \
    --build-arg "BASE_IMAGE=$base" --build-arg "FAMILY=$family" \
    --label "pairjudge.content=$content_hash" -t "$target" "$stage" >/dev/null
  rm -rf "$stage"
  echo "sandbox image $target built ($content_hash) in $(( $(date +%s) - started )) s, $(docker image inspect "$target" --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}')"
}

if [ -z "$registry_base" ]; then
  pids=()
  for family in "${families[@]}"; do
    if [ -n "$only_missing" ] && docker image inspect "$(image_of "$family")" >/dev/null 2>&1; then continue; fi
    ensure_base "$family" & pids+=("$!")
  done
  for pid in "${pids[@]}"; do wait "$pid" || exit 1; done
fi
for family in "${families[@]}"; do
  build_family "$family"
done
