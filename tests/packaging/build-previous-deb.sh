#!/usr/bin/env bash
# Builds the .deb of an earlier commit of this repository (the "previous release" of the upgrade
# test) and prints its path on the last line of stdout. The result is kept in
# packaging/out/previous/<commit>/ and reused, so a run builds it at most once (and later runs not
# at all). It is built without optimisation (see below). ccache is used when installed, with the staging path left out of its hashes, so even a
# cleaned cache folder rebuilds quickly.
# Usage: build-previous-deb.sh COMMIT     Exit 0 = built or reused, 1 = failed, 77 = commit absent.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
commit=$(git -c safe.directory="$root" -C "$root" rev-parse --verify --quiet "${1:?usage: build-previous-deb.sh COMMIT}^{commit}") \
  || { echo "build-previous-deb: commit $1 is not in this clone (shallow?)" >&2; exit 77; }
out=$root/packaging/out/previous/$commit
if deb=$(ls "$out"/memberdesk_*.deb 2>/dev/null | head -n 1) && [ -n "$deb" ]; then
  echo "build-previous-deb: reusing $deb" >&2
  echo "$deb"
  exit 0
fi
src=$(mktemp -d "${TMPDIR:-/tmp}/memberdesk-previous.XXXXXX")
trap 'rm -rf "$src"' EXIT
# git archive rather than a worktree: nothing to unregister when a run is interrupted.
git -c safe.directory="$root" -C "$root" archive "$commit" | tar -x -C "$src"
if command -v ccache >/dev/null; then
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_NOHASHDIR=1 CCACHE_BASEDIR=${TMPDIR:-/tmp}
fi
start=$SECONDS
echo "build-previous-deb: building $commit" >&2
# noopt: the previous release only has to install, run and leave its data behind, and an -O0
# build takes about a third of the compile time, which keeps the upgrade test inside README's
# test command budget. The current .deb (packaging/deb) is built as shipped.
deb=$(DEB_BUILD_OPTIONS="noopt nocheck" bash "$src/packaging/build-deb.sh" | tail -n 1)
mkdir -p "$out"
mv "$(dirname "$deb")"/memberdesk_* "$out"/
echo "build-previous-deb: built in $((SECONDS - start)) s" >&2
ls "$out"/memberdesk_*.deb | head -n 1
