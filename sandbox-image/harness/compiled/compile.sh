#!/bin/sh
# The compile stage. stdin holds the source files, one a line: "<name> <base64 of its bytes>"
# (names are chosen by the judge, never by the submission), then EOF. The compile command (this
# script's arguments) runs in /tmp/build; its messages go to stderr. On success the artefact
# (/tmp/build/artefact) comes back on stdout after "@@pairjudge-artefact " in base64, and the
# script exits 0; otherwise it exits with the compiler's status.
set -u
mkdir -p /tmp/build && cd /tmp/build || exit 71
while read -r name data; do
  [ -n "$name" ] || continue
  printf '%s' "$data" | base64 -d > "$name" || exit 71
done
"$@" < /dev/null
status=$?
[ "$status" -eq 0 ] || exit "$status"
[ -f artefact ] || { echo "the compiler left no artefact" >&2; exit 72; }
printf '\n@@pairjudge-artefact '
base64 -w 0 artefact
printf '\n'
