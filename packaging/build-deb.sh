#!/usr/bin/env bash
# Builds the memberdesk .deb from this source tree.
#
# Stages a clean copy of the sources (git-tracked plus untracked-but-not-ignored files; without
# git: everything except build*/, node_modules/, .git/ and packaging/out/) in a temporary
# directory, puts packaging/debian/ at its top as debian/, runs `dpkg-buildpackage -b -us -uc`
# there and moves the results (.deb, .ddeb, .changes, .buildinfo) to packaging/out/.
# Build output goes to stderr; the last line on stdout is the path of the .deb.
#
# Needs: dpkg-dev, debhelper and the Build-Depends of packaging/debian/control
# (packaging/install-deps.sh installs them). Runs as root or as a normal user.
# KEEP_STAGE=1 keeps the staging directory for inspection.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"

for tool in dpkg-buildpackage dpkg-parsechangelog dh tar; do
  command -v "$tool" >/dev/null || { echo "build-deb: $tool not found (run packaging/install-deps.sh)" >&2; exit 1; }
done

version=$(dpkg-parsechangelog -l "$here/debian/changelog" -S Version)
upstream=${version%-*}
stage=$(mktemp -d "${TMPDIR:-/tmp}/memberdesk-deb.XXXXXX")
if [ "${KEEP_STAGE:-0}" = 1 ]; then
  echo "build-deb: keeping $stage" >&2
else
  trap 'rm -rf "$stage"' EXIT
fi
src="$stage/memberdesk-$upstream"
mkdir -p "$src"

# 1. Stage the sources.
list_git_files() {
  command -v git >/dev/null && [ -e "$root/.git" ] || return 1
  # safe.directory: the tree may belong to another user than the one building (root in CI).
  git -c safe.directory="$root" -C "$root" ls-files -z --cached --others --exclude-standard
}
if files=$(list_git_files | tr '\0' '\n') && [ -n "$files" ]; then
  echo "build-deb: staging git-tracked and untracked-not-ignored files" >&2
  # Skip files deleted from the work tree but still in the index.
  (cd "$root" && while IFS= read -r f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done <<<"$files" \
    | tar --null --no-recursion -T - -cf -) | tar -xf - -C "$src"
else
  echo "build-deb: no git work tree; staging with tar excludes" >&2
  tar -C "$root" --exclude='./build*' --exclude='node_modules' --exclude='./.git' \
    --exclude='./packaging/out' --exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' \
    -cf - . | tar -xf - -C "$src"
fi
rm -rf "$src/debian"
cp -a "$here/debian" "$src/debian"
chmod 0755 "$src/debian/rules"

# 2. Build the binary package.
echo "build-deb: dpkg-buildpackage -b -us -uc in $src" >&2
(cd "$src" && dpkg-buildpackage -b -us -uc -Jauto) >&2

# 3. Collect the results.
mkdir -p "$out"
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
rm -f "$out"/memberdesk_* "$out"/memberdesk-dbgsym_*
shopt -s nullglob
results=("$stage"/memberdesk_"$version"_* "$stage"/memberdesk-dbgsym_"$version"_*)
[ ${#results[@]} -gt 0 ] || { echo "build-deb: dpkg-buildpackage produced nothing" >&2; exit 1; }
mv "${results[@]}" "$out"/
deb="$out/memberdesk_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "build-deb: $deb missing" >&2; exit 1; }
echo "build-deb: results in $out:" >&2
ls -l "$out" >&2
echo "$deb"
