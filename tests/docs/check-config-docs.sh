#!/usr/bin/env bash
# README's configuration block must equal what `memberdesk --print-config` prints from the
# schema (the package's /etc/memberdesk/memberdesk.toml is generated from it at build time).
set -euo pipefail
memberdesk=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
expected=$("$memberdesk" --print-config)
readme=$(sed -n '/<!-- config:begin -->/,/<!-- config:end -->/p' "$top/README.md" | sed '1,2d;$d' | sed '$d')
status=0
if [ "$readme" != "$expected" ]; then
  echo "README.md configuration block differs from memberdesk --print-config:"
  diff <(echo "$readme") <(echo "$expected") || true
  status=1
fi
[ $status -eq 0 ] && echo "README's configuration block matches the schema"
exit $status
