#!/usr/bin/env bash
# `memberdeskctl print-test` against the cups fixture: the test page prints on a queue of its
# own virtual printer (exit 0, 打印完成, one PDF in that printer's spool, the job recorded and
# audited as ctl), and a queue that does not exist fails with the zh-CN reason and exit 1.
set -euo pipefail
ctl=$1
. "${MD_CUPS_ENV:?MD_CUPS_ENV names the cups fixture env file}"
export CUPS_SERVER DBUS_SYSTEM_BUS_ADDRESS
work=$(mktemp -d)
queue="ctltest-$$"
cleanup() { bash "$MD_CUPS_FIXTURE" remove "$MD_CUPS_DIR" "$queue" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
spool=$(bash "$MD_CUPS_FIXTURE" add-printer "$MD_CUPS_DIR" "$queue" | sed -n 's/^MD_PRINTER_SPOOL=//p')
[ -d "$spool" ] || { echo "no spool for $queue"; exit 1; }

config() {
  cat > "$work/md.toml" <<TOML
[store]
database = "$work/md.db"
backup_dir = "$work/backups"
[printer]
cups_server = "$CUPS_SERVER"
queue = "$1"
poll_interval_ms = 200
TOML
}

config "$queue"
out=$("$ctl" --config "$work/md.toml" print-test --wait 30)
echo "$out"
grep -q "打印完成" <<<"$out" || { echo "FAIL: no 打印完成"; exit 1; }
for _ in $(seq 50); do ls "$spool"/*.pdf >/dev/null 2>&1 && break; sleep 0.2; done
[ "$(ls "$spool"/*.pdf | wc -l)" -eq 1 ] || { echo "FAIL: expected one PDF in $spool"; exit 1; }
pdftotext "$(ls "$spool"/*.pdf)" - | grep -q "打印测试页" || { echo "FAIL: the PDF is not the test page"; exit 1; }
[ "$(sqlite3 "$work/md.db" "SELECT state FROM print_jobs")" = completed ] || { echo "FAIL: job not recorded"; exit 1; }
[ "$(sqlite3 "$work/md.db" "SELECT COUNT(*) FROM audit_log WHERE actor='ctl' AND action IN ('print.test_page','print.done')")" = 2 ] ||
  { echo "FAIL: not audited"; exit 1; }

config "no-such-queue-$$"
set +e
out=$("$ctl" --config "$work/md.toml" print-test --wait 5 2>&1)
rc=$?
set -e
echo "$out"
[ $rc -eq 1 ] || { echo "FAIL: exit $rc for a missing queue"; exit 1; }
grep -q "打印失败：未找到打印机，请联系工作人员" <<<"$out" || { echo "FAIL: no missing-printer message"; exit 1; }
echo "memberdeskctl print-test: ok"
