#!/usr/bin/env bash
# memberdeskctl status (issue 9 item 6): with the daemon stopped it says so (exit 3) and still
# reports what the configuration and the database tell; with the daemon running it reports its
# uptime (exit 0). Usage: status-test.sh MEMBERDESK MEMBERDESKCTL
set -euo pipefail
daemon=$1
ctl=$2
dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# A port nothing listens on (bash's /dev/tcp connects or fails at once on loopback).
for _ in $(seq 1 50); do
  port=$((20000 + RANDOM % 20000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
cat > "$dir/memberdesk.toml" <<TOML
[http]
listen = "127.0.0.1:$port"
webui_dir = "$dir"
threads = 2
[store]
database = "$dir/memberdesk.db"
backup_dir = "$dir/backups"
[printer]
cups_server = "127.0.0.1:1"
timeout_ms = 500
TOML

"$ctl" --config "$dir/memberdesk.toml" backup > "$dir/backup.out"
backup=$(cat "$dir/backup.out")

set +e
"$ctl" --config "$dir/memberdesk.toml" status > "$dir/stopped.out" 2>&1
rc=$?
set -e
cat "$dir/stopped.out"
[ "$rc" = 3 ] || fail "status with the daemon stopped: exit $rc, expected 3"
grep -q "daemon not running" "$dir/stopped.out" || fail "no 'daemon not running'"
grep -q "^last backup: .*$backup" "$dir/stopped.out" || fail "last backup not named"
grep -q "^database:    $dir/memberdesk.db" "$dir/stopped.out" || fail "database not named"
grep -q "^disk free:" "$dir/stopped.out" || fail "no disk free line"
grep -q "^printer:     kiosk: 打印服务未响应" "$dir/stopped.out" || fail "printer state not reported"
grep -q "^wechat: .*未启用" "$dir/stopped.out" || fail "wechat not reported"
grep -q "^sms: .*日志模式" "$dir/stopped.out" || fail "sms not reported"
grep -q "^calendar:" "$dir/stopped.out" || fail "no calendar line"

"$daemon" --config "$dir/memberdesk.toml" 2> "$dir/daemon.log" &
pid=$!
for _ in $(seq 1 100); do
  if "$ctl" --config "$dir/memberdesk.toml" status > "$dir/running.out" 2>&1; then break; fi
  sleep 0.1
done
cat "$dir/running.out"
grep -q "^daemon:      running, up " "$dir/running.out" || { cat "$dir/daemon.log"; fail "daemon not seen running"; }
"$ctl" --config "$dir/memberdesk.toml" status --json > "$dir/running.json"
grep -q '"running": true' "$dir/running.json" || fail "--json lacks daemon.running"
grep -q '"missing_years"' "$dir/running.json" || fail "--json lacks the calendar"
echo "ctl status: ok"
