#!/usr/bin/env bash
# memberdeskctl restore: a good backup is restored (and the replaced database kept), a damaged or
# foreign file is refused with exit 4 and changes nothing, a running daemon makes it refuse with
# exit 3. Usage: check-restore.sh MEMBERDESK MEMBERDESKCTL
daemon=$1 ctl=$2
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
write_config 0
db=$work/state/memberdesk.db
c() { "$ctl" --config "$work/memberdesk.toml" "$@"; }
staff_logins() { sqlite3 "$1" "SELECT group_concat(login_id, ',') FROM (SELECT login_id FROM accounts WHERE kind = 'staff' ORDER BY login_id)"; }

c import-roster --agencies "$repo/tests/fixtures/roster/agencies.csv" --attorneys "$repo/tests/fixtures/roster/attorneys.csv" >/dev/null || bad "import-roster"
echo 'Passw0rd!x' | c staff add alice --name 甲 --role admin >/dev/null || bad "staff add alice"
c backup "$work/good.db" >/dev/null || bad "backup"
echo 'Passw0rd!y' | c staff add bob --name 乙 --role desk >/dev/null || bad "staff add bob"
[ "$(staff_logins "$db")" = "alice,bob" ] || bad "staff before restore: $(staff_logins "$db")"

echo "== a good backup is restored"
expect_rc 0 "restore good.db" c restore "$work/good.db"
grep -q "restored $work/good.db" "$work/out" || bad "restore did not say what it restored"
[ "$(staff_logins "$db")" = "alice" ] && ok "database holds the backup's data" || bad "after restore: $(staff_logins "$db")"
kept=$(sed -n 's/^the database it replaced is kept as //p' "$work/out")
[ -f "$kept" ] && [ "$(staff_logins "$kept")" = "alice,bob" ] && ok "replaced database kept as $kept" || bad "no copy of the replaced database ($kept)"
[ ! -e "$db-wal" ] && [ ! -e "$db.restore-tmp" ] && ok "no stale -wal or staging file" || bad "stale files left"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] && ok "restored database passes integrity_check" || bad "restored database damaged"

echo "== damaged and foreign files are refused"
before=$(sha256sum "$db" | cut -d' ' -f1)
cp "$work/good.db" "$work/damaged.db"
# Overwrite pages 2..5 (4096-byte pages) with noise: the header still says SQLite.
head -c 16384 /dev/urandom | dd of="$work/damaged.db" bs=4096 seek=1 conv=notrunc status=none
expect_rc 4 "restore damaged.db" c restore "$work/damaged.db"
grep -Eq "damaged|not a SQLite database" "$work/err" && ok "says the backup is damaged: $(cat "$work/err")" || bad "message: $(cat "$work/err")"
echo 'not a database' >"$work/text.db"
expect_rc 4 "restore a text file" c restore "$work/text.db"
sqlite3 "$work/foreign.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
expect_rc 4 "restore an SQLite file that is not Member Desk's" c restore "$work/foreign.db"
grep -q "not a Member Desk database" "$work/err" && ok "says it is not a Member Desk database" || bad "message: $(cat "$work/err")"
expect_rc 1 "restore a missing file" c restore "$work/missing.db"
expect_rc 1 "restore without an argument" c restore
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$before" ] && ok "refusals left the database untouched" || bad "database changed by a refused restore"

echo "== a running daemon is refused"
"$daemon" --config "$work/memberdesk.toml" >"$work/daemon.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do grep -q 'listening on' "$work/daemon.log" && break; sleep 0.1; done
grep -q 'listening on' "$work/daemon.log" && ok "daemon started" || { bad "daemon did not start"; sed 's/^/    /' "$work/daemon.log"; }
expect_rc 3 "restore while the daemon runs" c restore "$work/good.db"
grep -q "stop it first" "$work/err" && ok "tells to stop the daemon: $(cat "$work/err")" || bad "message: $(cat "$work/err")"
if timeout 20 "$daemon" --config "$work/memberdesk.toml" >"$work/second.log" 2>&1; then bad "a second daemon started"
elif grep -q "in use by a running memberdesk" "$work/second.log"; then ok "a second daemon on the same database refuses: $(tail -n 1 "$work/second.log")"
else bad "second daemon: $(cat "$work/second.log")"; fi
kill -TERM "$pid"; wait "$pid"
expect_rc 0 "restore after the daemon stopped" c restore "$work/good.db"
finish
