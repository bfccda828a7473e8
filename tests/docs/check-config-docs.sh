#!/usr/bin/env bash
# README's configuration block and the packaged default config must both equal what
# `memberdesk --print-config` prints from the schema.
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
if [ "$(cat "$top/packaging/memberdesk.toml")" != "$expected" ]; then
  echo "packaging/memberdesk.toml differs from memberdesk --print-config:"
  diff "$top/packaging/memberdesk.toml" <(echo "$expected") || true
  status=1
fi
[ $status -eq 0 ] && echo "README and packaged config match the schema"
exit $status
