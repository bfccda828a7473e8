#!/usr/bin/env bash
# Checks the memberdesk .deb end to end on this machine:
#   build (packaging/build-deb.sh) -> lintian (no E: tags) -> dpkg -i -> installed files, user,
#   state directory, conffile, `memberdesk --print-config`, the kiosk user and launcher
#   -> systemd-analyze verify of the units
#   -> dpkg -r keeps data and user -> reinstall -> dpkg --purge removes data, config and user.
# Installs into the running system, so it needs root and refuses to touch an existing install.
# MEMBERDESK_DEB=path skips the build and checks that .deb. MEMBERDESK_SMOKE_PORT (18089) is the
# port of the daemon smoke test.
# Exit 0 = pass, 1 = fail, 77 = skipped (not root / tools missing / memberdesk already installed).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
pkg=memberdesk
smoke_port=${MEMBERDESK_SMOKE_PORT:-18089}
failures=0
installed_by_us=0

step() { printf '\n== %s  [t+%ss]\n' "$*" "$SECONDS"; }
ok() { printf '  ok    %s\n' "$*"; }
bad() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
check() { # check "description" command...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}
skip() { printf 'SKIP: %s\n' "$*"; exit 77; }
cleanup() {
  if [ "$installed_by_us" = 1 ] && dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qv '^not-installed$'; then
    echo "cleanup: purging $pkg"
    dpkg --purge "$pkg" >/dev/null 2>&1 || true
  fi
  [ -n "${lintian_tmp:-}" ] && rm -rf "$lintian_tmp"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || skip "needs root (installs and purges the package)"
for tool in dpkg-buildpackage dh lintian systemd-analyze adduser setpriv curl; do
  command -v "$tool" >/dev/null || skip "$tool not found (run packaging/install-deps.sh)"
done
status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
if [ -n "$status" ] && [ "$status" != not-installed ] && [ "${MEMBERDESK_PACKAGING_FORCE:-0}" != 1 ]; then
  skip "$pkg is already installed here ($status); set MEMBERDESK_PACKAGING_FORCE=1 to let this test replace and purge it"
fi

# --- build ----------------------------------------------------------------------------------
if [ -n "${MEMBERDESK_DEB:-}" ]; then
  # For iterating on the checks: test an already built .deb instead of building one.
  step "build: skipped, testing MEMBERDESK_DEB=$MEMBERDESK_DEB"
  deb=$MEMBERDESK_DEB
else
step "build: packaging/build-deb.sh"
build_log=$(mktemp)
if ! bash "$root/packaging/build-deb.sh" >"$build_log.out" 2>"$build_log"; then
  echo "  first errors:"
  grep -E -m 20 'error|Error' "$build_log" | grep -v 'Configured with' | sed 's/^/    /'
  echo "  last 40 lines:"
  tail -n 40 "$build_log" | sed 's/^/    /'
  rm -f "$build_log" "$build_log.out"
  echo "FAIL: build-deb.sh failed"
  exit 1
fi
deb=$(tail -n 1 "$build_log.out")
rm -f "$build_log" "$build_log.out"
fi
[ -f "$deb" ] || { echo "FAIL: build-deb.sh printed '$deb', which is not a file"; exit 1; }
ok "built $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p' | sed 's/^/    /'

# --- lintian --------------------------------------------------------------------------------
step "lintian (fails on E:)"
lintian_tmp=$(mktemp -d)
lintian_out=$(TMPDIR="$lintian_tmp" lintian --display-info --pedantic --tag-display-limit 0 "$deb" 2>&1)
lintian_rc=$?
printf '%s\n' "$lintian_out" | grep -E '^[EWIPX]: ' | sed 's/^/    /'
errors=$(printf '%s\n' "$lintian_out" | grep -c '^E: ')
warnings=$(printf '%s\n' "$lintian_out" | grep -c '^W: ')
echo "    lintian: $errors error(s), $warnings warning(s), exit $lintian_rc"
# lintian exits 1 when it found E: tags, 2 when it could not run at all.
if [ "$lintian_rc" -ne 0 ] && [ "$errors" -eq 0 ]; then
  printf '%s\n' "$lintian_out" | tail -n 20 | sed 's/^/    /'
  bad "lintian did not run cleanly (exit $lintian_rc)"
elif [ "$errors" -eq 0 ]; then
  ok "no lintian errors"
else
  bad "lintian reported $errors error(s)"
fi

# --- install --------------------------------------------------------------------------------
step "install: dpkg -i"
installed_by_us=1
if dpkg -i "$deb"; then ok "dpkg -i $(basename "$deb")"; else bad "dpkg -i failed"; exit 1; fi
check "package state is 'installed'" test "$(dpkg-query -W -f='${db:Status-Status}' $pkg)" = installed

step "installed files"
unitdir=$(dirname "$(dpkg -L $pkg | grep '/systemd/system/memberdesk\.service$' | head -n 1)")
for f in /usr/bin/memberdesk /usr/bin/memberdeskctl /usr/lib/memberdesk/memberdesk-kiosk; do
  check "$f is an executable" test -x "$f"
done
for f in /etc/memberdesk/memberdesk.toml \
         "$unitdir/memberdesk.service" "$unitdir/memberdesk-backup.service" \
         "$unitdir/memberdesk-backup.timer" "$unitdir/memberdesk-kiosk.service" \
         /etc/pam.d/memberdesk-kiosk \
         /usr/share/man/man8/memberdesk.8.gz /usr/share/man/man8/memberdeskctl.8.gz \
         /usr/share/doc/$pkg/copyright /usr/share/doc/$pkg/changelog.Debian.gz; do
  check "$f exists" test -f "$f"
done
check "/usr/share/memberdesk/webui is a directory" test -d /usr/share/memberdesk/webui
check "/etc/memberdesk/memberdesk.toml is a conffile" \
  sh -c "dpkg-query -W -f='\${Conffiles}\n' $pkg | grep -q '^ /etc/memberdesk/memberdesk.toml '"
check "memberdeskctl.8 renders without groff warnings" \
  sh -c '! man --warnings -l /usr/share/man/man8/memberdeskctl.8.gz 2>&1 >/dev/null | grep -q .'
check "memberdesk.8 renders without groff warnings" \
  sh -c '! man --warnings -l /usr/share/man/man8/memberdesk.8.gz 2>&1 >/dev/null | grep -q .'

step "system user and state directory"
if pw=$(getent passwd memberdesk); then
  ok "user memberdesk exists: $pw"
  uid=$(echo "$pw" | cut -d: -f3)
  check "memberdesk is a system user (uid $uid < 1000)" test "$uid" -lt 1000
  check "memberdesk has no login shell" sh -c "getent passwd memberdesk | grep -Eq ':/(usr/)?sbin/nologin$|:/bin/false$'"
else
  bad "user memberdesk missing"
fi
check "group memberdesk exists" getent group memberdesk
if kpw=$(getent passwd memberdesk-kiosk); then
  ok "user memberdesk-kiosk exists: $kpw"
  check "memberdesk-kiosk is a system user" test "$(echo "$kpw" | cut -d: -f3)" -lt 1000
  check "memberdesk-kiosk is not in group memberdesk (cannot read the database)" \
    sh -c '! id -nG memberdesk-kiosk | tr " " "\n" | grep -qx memberdesk'
else
  bad "user memberdesk-kiosk missing"
fi
check "memberdesk-kiosk --print-flags lists --kiosk and --lang=zh-CN" \
  sh -c '/usr/lib/memberdesk/memberdesk-kiosk --print-flags | grep -qx -- --kiosk && /usr/lib/memberdesk/memberdesk-kiosk --print-flags | grep -qx -- --lang=zh-CN'
check "memberdesk-kiosk opens the configured address" \
  test "$(/usr/lib/memberdesk/memberdesk-kiosk --print-url)" = "http://127.0.0.1:8080/"
check "package Recommends cage and chromium" \
  sh -c "dpkg-query -W -f='\${Recommends}' $pkg | grep -q cage && dpkg-query -W -f='\${Recommends}' $pkg | grep -q chromium"
check "/var/lib/memberdesk is memberdesk:memberdesk 750" \
  test "$(stat -c '%U:%G %a' /var/lib/memberdesk 2>/dev/null)" = "memberdesk:memberdesk 750"
check "/var/lib/memberdesk/backups is memberdesk:memberdesk 750" \
  test "$(stat -c '%U:%G %a' /var/lib/memberdesk/backups 2>/dev/null)" = "memberdesk:memberdesk 750"

step "memberdesk --print-config"
if printed=$(timeout 20 /usr/bin/memberdesk --print-config 2>&1); then
  ok "memberdesk --print-config exits 0 ($(printf '%s\n' "$printed" | wc -l) lines)"
  for key in listen webui_dir threads database backup_dir idle_timeout_s absolute_timeout_s \
             idle_reset_s idle_warning_s lockout_threshold lockout_base_s lockout_max_s; do
    printf '%s\n' "$printed" | grep -Eq "^[[:space:]]*$key[[:space:]]*=" || bad "--print-config lacks key $key"
  done
  # debian/rules writes the conffile from this output, so they must be equal.
  if printf '%s\n' "$printed" | diff -u /etc/memberdesk/memberdesk.toml - >/tmp/check-deb.diff.$$; then
    ok "shipped /etc/memberdesk/memberdesk.toml equals --print-config"
  else
    sed 's/^/    /' /tmp/check-deb.diff.$$
    bad "shipped /etc/memberdesk/memberdesk.toml differs from --print-config"
  fi
  # packaging/memberdesk.toml is only a reference copy for readers of the source tree.
  if ! printf '%s\n' "$printed" | diff -q "$root/packaging/memberdesk.toml" - >/dev/null; then
    echo "  note  packaging/memberdesk.toml is stale: memberdesk --print-config > packaging/memberdesk.toml"
  fi
  rm -f /tmp/check-deb.diff.$$
else
  printf '%s\n' "$printed" | tail -n 20 | sed 's/^/    /'
  bad "memberdesk --print-config failed"
fi
check "memberdeskctl runs (--help or usage, no crash)" \
  sh -c 'timeout 20 /usr/bin/memberdeskctl --help >/dev/null 2>&1; rc=$?; [ $rc -lt 128 ] && [ $rc -ne 124 ]'

step "daemon smoke test (as user memberdesk, packaged paths, port $smoke_port)"
# Same user, database and web UI as the service, but without systemd (none may run here).
smoke_conf=$(mktemp /tmp/check-deb-XXXXXX.toml)
chmod 0644 "$smoke_conf"
printf '[http]\nlisten = "127.0.0.1:%s"\n' "$smoke_port" >"$smoke_conf"
smoke_log=$(mktemp)
(umask 0027 && exec setpriv --reuid=memberdesk --regid=memberdesk --init-groups /usr/bin/memberdesk --config "$smoke_conf") >"$smoke_log" 2>&1 &
smoke_pid=$!
served=0
for _ in $(seq 1 60); do
  if ! kill -0 "$smoke_pid" 2>/dev/null; then break; fi
  if curl -fsS -o /dev/null "http://127.0.0.1:$smoke_port/" 2>/dev/null; then served=1; break; fi
  sleep 0.5
done
if [ "$served" = 1 ]; then ok "memberdesk serves / from /usr/share/memberdesk/webui"; else bad "memberdesk did not serve / on port $smoke_port"; fi
check "memberdesk serves /api/v1/endpoints" curl -fsS -o /dev/null "http://127.0.0.1:$smoke_port/api/v1/endpoints"
kill -TERM "$smoke_pid" 2>/dev/null
smoke_rc=0
for _ in $(seq 1 40); do kill -0 "$smoke_pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$smoke_pid" 2>/dev/null; then
  kill -KILL "$smoke_pid" 2>/dev/null; bad "memberdesk did not stop within 10 s of SIGTERM"
else
  wait "$smoke_pid"; smoke_rc=$?
  if [ "$smoke_rc" -eq 0 ]; then ok "memberdesk exits 0 on SIGTERM"; else bad "memberdesk exit status $smoke_rc after SIGTERM"; fi
fi
if [ "$served" != 1 ] || [ "$smoke_rc" -ne 0 ]; then sed 's/^/    /' "$smoke_log" | tail -n 20; fi
check "database created by user memberdesk in /var/lib/memberdesk" \
  test "$(stat -c %U:%G /var/lib/memberdesk/memberdesk.db 2>/dev/null)" = memberdesk:memberdesk
if backup_path=$(setpriv --reuid=memberdesk --regid=memberdesk --init-groups /usr/bin/memberdeskctl backup 2>&1) && [ -f "$backup_path" ]; then
  ok "memberdeskctl backup as memberdesk wrote $backup_path"
else
  bad "memberdeskctl backup failed: $backup_path"
fi
rm -f "$smoke_conf" "$smoke_log"

# --- systemd units --------------------------------------------------------------------------
step "systemd-analyze verify"
for unit in memberdesk.service memberdesk-backup.service memberdesk-backup.timer memberdesk-kiosk.service; do
  v=$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$unitdir/$unit" 2>&1)
  rc=$?
  [ -n "$v" ] && printf '%s\n' "$v" | sed 's/^/    /'
  # Unknown keys are only warnings for systemd, but here they mean a typo in our unit.
  own=$(printf '%s\n' "$v" | grep -F "$unit" | grep -Ei 'unknown|failed|error|invalid|ignoring' || true)
  if [ $rc -eq 0 ] && [ -z "$own" ]; then ok "$unit verifies"; else bad "$unit: systemd-analyze verify (exit $rc)"; fi
done
check "memberdesk.service is enabled (multi-user.target wants it)" \
  test -L /etc/systemd/system/multi-user.target.wants/memberdesk.service
check "memberdesk-backup.timer is enabled (timers.target wants it)" \
  test -L /etc/systemd/system/timers.target.wants/memberdesk-backup.timer
check "memberdesk-kiosk.service is enabled (graphical.target wants it)" \
  test -L /etc/systemd/system/graphical.target.wants/memberdesk-kiosk.service
# Exposure score of the sandbox (offline: works without a running systemd). 0 = locked down,
# 10 = no sandbox; systemd-resolved scores about 2. Fail above 2.5.
score=$(systemd-analyze security --offline=true --no-pager "$unitdir/memberdesk.service" 2>/dev/null \
  | sed -n 's/.*Overall exposure level for memberdesk.service: \([0-9.]*\).*/\1/p')
if [ -n "$score" ] && awk -v s="$score" 'BEGIN { exit !(s <= 2.5) }'; then
  ok "systemd-analyze security: exposure $score (<= 2.5)"
else
  bad "systemd-analyze security: exposure '${score:-unknown}' (want <= 2.5)"
fi

# --- remove keeps data, reinstall, purge removes everything ----------------------------------
step "dpkg -r keeps data and user; reinstall finds them"
echo marker >/var/lib/memberdesk/check-deb.marker
if dpkg -r "$pkg" >/dev/null; then ok "dpkg -r"; else bad "dpkg -r failed"; fi
check "/usr/bin/memberdesk removed" test ! -e /usr/bin/memberdesk
check "data kept after remove" test -f /var/lib/memberdesk/check-deb.marker
check "user kept after remove" getent passwd memberdesk
check "conffile kept after remove" test -f /etc/memberdesk/memberdesk.toml
if dpkg -i "$deb" >/dev/null; then ok "reinstall"; else bad "reinstall failed"; fi
check "data still there after reinstall" test -f /var/lib/memberdesk/check-deb.marker

step "dpkg --purge removes everything"
if dpkg --purge "$pkg"; then ok "dpkg --purge"; else bad "dpkg --purge failed"; fi
installed_by_us=0
check "package is gone" sh -c "! dpkg-query -W -f='\${db:Status-Status}' $pkg 2>/dev/null | grep -qv '^not-installed\$'"
check "user memberdesk removed" sh -c '! getent passwd memberdesk'
check "group memberdesk removed" sh -c '! getent group memberdesk'
check "user memberdesk-kiosk removed" sh -c '! getent passwd memberdesk-kiosk'
check "group memberdesk-kiosk removed" sh -c '! getent group memberdesk-kiosk'
check "/var/lib/memberdesk removed" test ! -e /var/lib/memberdesk
check "/var/cache/memberdesk removed" test ! -e /var/cache/memberdesk
check "/etc/memberdesk removed" test ! -e /etc/memberdesk
check "unit files removed" test ! -e "$unitdir/memberdesk.service"
check "no enablement symlinks left" sh -c '! ls /etc/systemd/system/*/memberdesk* >/dev/null 2>&1'

echo
if [ "$failures" -eq 0 ]; then
  echo "PASS: packaging/deb ($deb) in ${SECONDS}s"
  exit 0
fi
echo "FAIL: packaging/deb: $failures check(s) failed"
exit 1
