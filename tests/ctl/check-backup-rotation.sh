#!/usr/bin/env bash
# memberdeskctl backup (the timer's command) keeps the newest store.backup_keep daily backups and
# never removes pre-migration copies or a backup written to a chosen path.
# Usage: check-backup-rotation.sh MEMBERDESKCTL
ctl=$1
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
write_config 0 'backup_keep = 3'
c() { "$ctl" --config "$work/memberdesk.toml" "$@"; }
dir=$work/state/backups
mkdir -p "$dir"
c backup "$work/first.db" >/dev/null || bad "first backup"
for d in 01 02 03 04 05; do cp "$work/first.db" "$dir/memberdesk-2026-11-${d}T02-30-00Z.db"; done
cp "$work/first.db" "$dir/memberdesk-v3-2026-10-01T00-00-00Z.db"
new=$(c backup 2>"$work/err") || bad "backup: $(cat "$work/err")"
[ -f "$new" ] && ok "daily backup written: $new" || bad "no backup at '$new'"
daily=$(cd "$dir" && ls memberdesk-2*.db | tr '\n' ' ')
[ "$daily" = "memberdesk-2026-11-04T02-30-00Z.db memberdesk-2026-11-05T02-30-00Z.db $(basename "$new") " ] \
  && ok "the newest 3 daily backups are kept: $daily" || bad "daily backups left: $daily"
[ "$(grep -c 'removed old backup' "$work/err")" = 3 ] && ok "each removal is reported" || bad "stderr: $(cat "$work/err")"
[ -f "$dir/memberdesk-v3-2026-10-01T00-00-00Z.db" ] && ok "pre-migration backup kept" || bad "pre-migration backup removed"
[ -f "$work/first.db" ] && ok "backup to a chosen path kept" || bad "chosen-path backup removed"
c backup "$work/second.db" >/dev/null
[ "$(cd "$dir" && ls memberdesk-2*.db | wc -l)" = 3 ] && ok "a backup to a chosen path rotates nothing" || bad "rotation on a chosen path"
finish
