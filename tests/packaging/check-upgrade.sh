#!/usr/bin/env bash
# Upgrade from the previous release with the data kept:
#   build the previous release's .deb (build-previous-deb.sh, once) and the current one
#   -> install the previous one -> import the roster and add a staff account with its memberdeskctl
#   -> install the current one over it -> the daemon (as user memberdesk, packaged paths) migrates
#   the database, writing its pre-migration backup first -> the members and the staff login are
#   still there, the backup holds the old schema -> purge.
# The previous release is MEMBERDESK_PREVIOUS_COMMIT (default: the first commit whose
# packaging/build-deb.sh builds a package). MEMBERDESK_DEB=path uses that current .deb;
# MEMBERDESK_UPGRADE_USE_OUT=1 (set by ctest) the one packaging/deb left in packaging/out.
# Exit 0 = pass, 1 = fail, 77 = skipped (not root / tools missing / installed here / no history).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pkg=memberdesk
previous=${MEMBERDESK_PREVIOUS_COMMIT:-528542d}
port=${MEMBERDESK_UPGRADE_PORT:-18091}
failures=0
installed_by_us=0
step() { printf '\n== %s  [t+%ss]\n' "$*" "$SECONDS"; }
ok() { printf '  ok    %s\n' "$*"; }
bad() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }
# Building the previous release is a second compile of the daemon; build-previous-deb.sh builds
# it without optimisation (about 2.5 CPU-minutes) so it fits README's test command.
# MEMBERDESK_UPGRADE_TEST=0 skips it, e.g. when iterating on other packaging checks.
[ "${MEMBERDESK_UPGRADE_TEST:-1}" = 1 ] ||
  skip "MEMBERDESK_UPGRADE_TEST=0: the upgrade test was not asked for"
as_md() { setpriv --reuid=memberdesk --regid=memberdesk --init-groups "$@"; }
# As the daemon's user, so no root-owned -wal/-shm is left beside its database.
q() { as_md sqlite3 "$@"; }
cleanup() {
  [ -n "${daemon_pid:-}" ] && kill -TERM "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
  if [ "$installed_by_us" = 1 ]; then dpkg --purge "$pkg" >/dev/null 2>&1 || true; fi
  rm -rf "${work:-}"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || skip "needs root (installs and purges the package)"
for tool in dpkg-buildpackage dh git sqlite3 setpriv curl; do
  command -v "$tool" >/dev/null || skip "$tool not found (run packaging/install-deps.sh)"
done
status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
if [ -n "$status" ] && [ "$status" != not-installed ] && [ "${MEMBERDESK_PACKAGING_FORCE:-0}" != 1 ]; then
  skip "$pkg is already installed here ($status); set MEMBERDESK_PACKAGING_FORCE=1 to let this test replace and purge it"
fi
work=$(mktemp -d /tmp/check-upgrade-XXXXXX)
chmod 0755 "$work"

step "build the previous release ($previous) and the current .deb"
old_deb=$(bash "$here/build-previous-deb.sh" "$previous" 2>"$work/old.log" | tail -n 1)
rc=${PIPESTATUS[0]}
[ "$rc" -eq 77 ] && skip "$(tail -n 1 "$work/old.log")"
[ "$rc" -eq 0 ] && [ -f "$old_deb" ] || { tail -n 40 "$work/old.log"; echo "FAIL: previous release did not build"; exit 1; }
grep 'build-previous-deb:' "$work/old.log" | sed 's/^/    /'
ok "previous: $old_deb"
if [ -n "${MEMBERDESK_DEB:-}" ]; then
  new_deb=$MEMBERDESK_DEB
elif [ "${MEMBERDESK_UPGRADE_USE_OUT:-0}" = 1 ]; then
  # Under ctest, packaging/deb (this test's fixture) has just built it into packaging/out.
  new_deb=$(ls "$root"/packaging/out/memberdesk_*_"$(dpkg --print-architecture)".deb 2>/dev/null | head -n 1)
else
  new_deb=$(bash "$root/packaging/build-deb.sh" 2>"$work/new.log" | tail -n 1)
  [ -f "$new_deb" ] || { tail -n 40 "$work/new.log"; echo "FAIL: current .deb did not build"; exit 1; }
fi
ok "current: $new_deb"

step "install the previous release and create data"
installed_by_us=1
dpkg -i --force-confdef --force-confold "$old_deb" </dev/null >"$work/dpkg-old.log" 2>&1 && ok "dpkg -i previous" || { cat "$work/dpkg-old.log"; bad "dpkg -i previous failed"; exit 1; }
cp -r "$root/tests/fixtures/roster" "$work/roster" && chmod -R a+rX "$work/roster"
if as_md /usr/bin/memberdeskctl import-roster --agencies "$work/roster/agencies.csv" --attorneys "$work/roster/attorneys.csv" >"$work/import.log" 2>&1; then
  ok "import-roster: $(tr '\n' ' ' <"$work/import.log")"
else
  bad "import-roster failed: $(cat "$work/import.log")"
fi
if echo 'Upgrade-Passw0rd!' | as_md /usr/bin/memberdeskctl staff add upgrader --name 升级测试 --role admin >/dev/null 2>"$work/staff.log"; then
  ok "staff add upgrader"
else
  bad "staff add failed: $(cat "$work/staff.log")"
fi
db=/var/lib/memberdesk/memberdesk.db
members_before=$(q "$db" 'SELECT COUNT(*) FROM members')
old_version=$(q "$db" 'PRAGMA user_version')
echo "    previous release: schema v$old_version, $members_before members"
/usr/bin/memberdeskctl --help 2>&1 | grep -q '^  restore ' && bad "the previous release already has restore: not an older release?"

step "upgrade to the current .deb"
dpkg -i --force-confdef --force-confold "$new_deb" </dev/null >"$work/dpkg-new.log" 2>&1 && ok "dpkg -i current over the previous release" || { cat "$work/dpkg-new.log"; bad "upgrade failed"; exit 1; }
grep -E 'Preparing to unpack|over \(' "$work/dpkg-new.log" | sed 's/^/    /'
/usr/bin/memberdeskctl --help 2>&1 | grep -q '^  restore ' && ok "the current memberdeskctl is installed" || bad "memberdeskctl was not replaced"

step "the daemon migrates the kept database (as memberdesk, port $port)"
printf '[http]\nlisten = "127.0.0.1:%s"\n' "$port" >"$work/smoke.toml"
chmod 0644 "$work/smoke.toml"
(umask 0027 && exec setpriv --reuid=memberdesk --regid=memberdesk --init-groups /usr/bin/memberdesk --config "$work/smoke.toml") >"$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 1 120); do
  kill -0 "$daemon_pid" 2>/dev/null || break
  curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null && break
  sleep 0.5
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" && ok "daemon serves after the upgrade" || { sed 's/^/    /' "$work/daemon.log"; bad "daemon did not start"; }
backup=$(sed -n 's/^memberdesk: backup before migration: //p' "$work/daemon.log")
if [ -n "$backup" ] && [ -f "$backup" ]; then
  ok "pre-migration backup made: $backup"
  [ "$(q "$backup" 'PRAGMA user_version')" = "$old_version" ] && ok "the backup holds schema v$old_version" || bad "backup schema $(q "$backup" 'PRAGMA user_version')"
  [ "$(q "$backup" 'SELECT COUNT(*) FROM members')" = "$members_before" ] && ok "the backup holds the $members_before members" || bad "backup members"
else
  sed 's/^/    /' "$work/daemon.log"; bad "no pre-migration backup reported"
fi
new_version=$(q "$db" 'PRAGMA user_version')
[ "$new_version" -gt "$old_version" ] && ok "database migrated v$old_version -> v$new_version" || bad "schema still v$new_version"

step "data kept"
[ "$(q "$db" 'SELECT COUNT(*) FROM members')" = "$members_before" ] && ok "$members_before members kept" || bad "members: $(q "$db" 'SELECT COUNT(*) FROM members')"
login=$(curl -sS -o "$work/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"kind":"staff","login_id":"upgrader","password":"Upgrade-Passw0rd!"}' "http://127.0.0.1:$port/api/v1/auth/login")
[ "$login" = 200 ] && ok "staff account from the previous release logs in" || bad "staff login: HTTP $login $(cat "$work/login.json")"
kill -TERM "$daemon_pid"; wait "$daemon_pid"; daemon_pid=

step "purge"
dpkg --purge "$pkg" >/dev/null && ok "dpkg --purge" || bad "purge failed"
installed_by_us=0

echo
if [ "$failures" -eq 0 ]; then echo "PASS: packaging/upgrade in ${SECONDS}s"; exit 0; fi
echo "FAIL: packaging/upgrade: $failures check(s) failed"
exit 1
