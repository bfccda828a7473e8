#!/usr/bin/env bash
# Login throughput and the daemon's peak memory under parallel logins (issue 11, item 6):
#
#   tests/bench/bench_login.sh [BUILD_DIR]      (run by tests/bench/run.sh)
#
# Starts `memberdesk` on a free loopback port with a fresh database and one staff account, then
# sends LOGINS logins (half right, half wrong passwords) from CONCURRENCY parallel clients, and
# prints logins/s and the daemon's peak RSS (VmHWM) against the goal of < 128 MB. argon2id needs
# 64 MiB per computation and runs one at a time, so the peak must not grow with the concurrency.
# Figures, not a test: exits non-zero only when the benchmark cannot run.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-build}"
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
LOGINS="${LOGINS:-96}"
CONCURRENCY="${CONCURRENCY:-16}"
DAEMON="$BUILD/firmware/memberdesk"
CTL="$BUILD/firmware/memberdeskctl"

TMP="$(mktemp -d /tmp/md-bench-login-XXXXXX)"
DAEMON_PID=""
cleanup() {
  if [[ -n "$DAEMON_PID" ]] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill -TERM "$DAEMON_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$DAEMON_PID" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "bench_login: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

[[ -x "$DAEMON" && -x "$CTL" ]] || die "build memberdesk and memberdeskctl first ($BUILD)"
command -v curl >/dev/null || die "curl is needed"

PORT=""
for _ in $(seq 100); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PORT="$p"; break; fi
done
[[ -n "$PORT" ]] || die "no free loopback port"
mkdir -p "$TMP/webui" "$TMP/state/backups"
echo '<!doctype html>' >"$TMP/webui/index.html"
cat >"$TMP/memberdesk.toml" <<TOML
[http]
listen = "127.0.0.1:$PORT"
webui_dir = "$TMP/webui"
threads = 8

[store]
database = "$TMP/state/memberdesk.db"
backup_dir = "$TMP/state/backups"

[auth]
lockout_threshold = 100
address_lockout_threshold = 10000
TOML
echo 'Bench12345x' | "$CTL" --config "$TMP/memberdesk.toml" staff add bench1 --name 压测 --role desk \
  >/dev/null || die "memberdeskctl staff add failed"

"$DAEMON" --config "$TMP/memberdesk.toml" >"$TMP/daemon.log" 2>&1 &
DAEMON_PID=$!
BASE="http://127.0.0.1:$PORT/api/v1"
up=0
for _ in $(seq 100); do
  kill -0 "$DAEMON_PID" 2>/dev/null || break
  if curl -fsS --max-time 1 "$BASE/health" >/dev/null 2>&1; then up=1; break; fi
  sleep 0.1
done
[[ "$up" = 1 ]] || { cat "$TMP/daemon.log" >&2; die "memberdesk did not answer /health"; }
rss_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$DAEMON_PID/status"; }
START_RSS="$(rss_kb VmRSS)"

echo "== Logins: $LOGINS from $CONCURRENCY parallel clients (half with a wrong password) =="
for i in $(seq "$LOGINS"); do
  if (( i % 2 )); then echo Bench12345x; else echo "wrong-password-$i"; fi
done >"$TMP/passwords.txt"
t0=$(now_ms)
# shellcheck disable=SC2016
xargs -P "$CONCURRENCY" -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
  -H 'Content-Type: application/json' \
  --data '{"kind":"staff","login_id":"bench1","password":"{}"}' "$BASE/auth/login" \
  <"$TMP/passwords.txt" >"$TMP/results.txt"
ELAPSED_MS=$(( $(now_ms) - t0 ))
PEAK_RSS="$(rss_kb VmHWM)"
OK="$(grep -c '^200 ' "$TMP/results.txt")"
BAD="$(grep -c '^401 ' "$TMP/results.txt")"
OTHER=$(( LOGINS - OK - BAD ))
P99_MS="$(awk '{ print $2 * 1000 }' "$TMP/results.txt" | sort -n |
  awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.0f", v[i] }')"
RATE="$(awk -v n="$LOGINS" -v ms="$ELAPSED_MS" 'BEGIN { printf "%.1f", n * 1000 / ms }')"
echo "  $OK accepted, $BAD refused (401), $OTHER other; ${ELAPSED_MS} ms in all"
echo "  throughput: $RATE logins/s; p99 latency ${P99_MS} ms (queued behind the one argon2 slot)"
echo "  daemon RSS: $(( START_RSS / 1024 )) MB at start, peak $(( PEAK_RSS / 1024 )) MB"
verdict="$(awk -v v="$PEAK_RSS" 'BEGIN { print (v < 128 * 1024) ? "PASS" : "MISS" }')"
[[ "$OTHER" = 0 ]] || verdict="MISS ($OTHER unexpected answers)"
printf '  %-44s %-12s %-12s %s\n' "daemon peak RSS under parallel logins" "< 128 MB" \
  "$(( PEAK_RSS / 1024 )) MB" "$verdict"
echo "RESULT login_rate=$RATE login_p99_ms=$P99_MS peak_rss_mb=$(( PEAK_RSS / 1024 ))"
exit 0
