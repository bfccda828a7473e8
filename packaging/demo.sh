#!/usr/bin/env bash
# README's demo command: installs the build packages, builds Member Desk, makes a demo database
# (the fixture roster, 2,000 realistic members, one staff account per role) and serves it on
# http://127.0.0.1:8080 until Ctrl-C. The demo state lives in build-demo/state (delete it to
# start over).
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh build
cmake -S . -B build-demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DMEMBERDESK_TESTS=OFF
cmake --build build-demo

STATE="$PWD/build-demo/state"
CONFIG="$STATE/memberdesk.toml"
CTL=(build-demo/firmware/memberdeskctl --config "$CONFIG")
mkdir -p "$STATE"
cat > "$CONFIG" <<TOML
[http]
listen = "127.0.0.1:8080"
webui_dir = "$PWD/webui"
[store]
database = "$STATE/memberdesk.db"
backup_dir = "$STATE/backups"
TOML

if [ ! -f "$STATE/memberdesk.db" ]; then
  "${CTL[@]}" import-roster --agencies tests/fixtures/roster/agencies.csv \
    --attorneys tests/fixtures/roster/attorneys.csv
  "${CTL[@]}" demo-seed --members 2000
  declare -A LABEL=([admin]=系统管理员 [reviewer]=审核员 [finance]=财务 [desk]=前台)
  for role in admin reviewer finance desk; do
    echo "Demo${role}123" | "${CTL[@]}" staff add "$role" --name "演示${LABEL[$role]}" --role "$role"
  done
fi

cat <<TXT

Member Desk demo on http://127.0.0.1:8080
  member logins (default password = login id; a new password is required at first login):
    agency 11001, 31002, 44003 · attorney 1100001, 1100002, 3100003, 4400004
  staff logins: admin / Demoadmin123, reviewer / Demoreviewer123,
                finance / Demofinance123, desk / Demodesk123
TXT
exec build-demo/firmware/memberdesk --config "$CONFIG"
