# Shared by the ctl checks: a scratch state folder with its own config, and pass/fail helpers.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/md-ctl-XXXXXX)
failures=0
ok() { printf '  ok    %s\n' "$*"; }
bad() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
expect_rc() { # expect_rc WANT "description" command...
  local want=$1 what=$2; shift 2
  "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  if [ "$rc" -eq "$want" ]; then ok "$what (exit $rc)"; else bad "$what: exit $rc, want $want"; sed 's/^/    /' "$work/out" "$work/err"; fi
}
write_config() { # write_config PORT [more [store] lines]
  local port=$1; shift
  {
    printf '[http]\nlisten = "127.0.0.1:%s"\nwebui_dir = "%s/webui"\n' "$port" "$repo"
    printf '[store]\ndatabase = "%s/state/memberdesk.db"\nbackup_dir = "%s/state/backups"\n' "$work" "$work"
    [ $# -eq 0 ] || printf '%s\n' "$@"
  } >"$work/memberdesk.toml"
}
finish() {
  rm -rf "$work"
  if [ "$failures" -eq 0 ]; then echo "PASS"; exit 0; fi
  echo "FAIL: $failures check(s) failed"; exit 1
}
