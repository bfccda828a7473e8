#!/usr/bin/env bash
# README's demo command: installs the build packages, builds Member Desk, makes a demo database
# (the fixture roster, 2,000 realistic members, one staff account per role, a few members
# approved and ready to pay dues, this year's 会员证 for the members who have paid), starts the
# payment simulator (tests/paysim, WeChat Pay and Alipay on 127.0.0.1:8090) and a virtual printer
# behind a private CUPS scheduler (tests/print/cups-fixture.sh; the machine's own CUPS is left
# alone), and serves the kiosk on http://127.0.0.1:8080 until Ctrl-C. The demo state lives in
# build-demo/state (delete it to start over); printed pages land in build-demo/cups/spool-kiosk.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh demo
cmake -S . -B build-demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DMEMBERDESK_TESTS=OFF
cmake --build build-demo

STATE="$PWD/build-demo/state"
KEYS="$PWD/tests/fixtures/pay"   # test keys: the simulator holds the gateways' halves
PAYSIM_PORT=8090
CONFIG="$STATE/memberdesk.toml"
CTL=(build-demo/firmware/memberdeskctl --config "$CONFIG")
CUPS_DIR="$PWD/build-demo/cups"
mkdir -p "$STATE"

# The kiosk's printer: an IPP Everywhere printer (ippeveprinter) on a private cupsd, queue kiosk.
bash tests/print/cups-fixture.sh stop "$CUPS_DIR" >/dev/null 2>&1 || true
bash tests/print/cups-fixture.sh start "$CUPS_DIR"
CUPS_SERVER=$(sed -n 's/^CUPS_SERVER=//p' "$CUPS_DIR/env")
cat > "$CONFIG" <<TOML
[http]
listen = "127.0.0.1:8080"
webui_dir = "$PWD/webui"
[store]
database = "$STATE/memberdesk.db"
backup_dir = "$STATE/backups"
[dues]
show_pay_link = true
[wechat]
enabled = true
api_base = "http://127.0.0.1:$PAYSIM_PORT"
mchid = "1900000001"
appid = "wx8a5f0c1d2e3b4a59"
merchant_serial_no = "3775B6A45ACD588826D15E583A95F5DD2C6F5D0D"
merchant_key_file = "$KEYS/wechat/merchant_key.pem"
apiv3_key_file = "$KEYS/wechat/apiv3.key"
platform_cert_file = "$KEYS/wechat/platform_cert.pem"
public_key_id = "PUB_KEY_ID_0119000000012026120300000000000001"
public_key_file = "$KEYS/wechat/pubkey.pem"
[alipay]
enabled = true
gateway_url = "http://127.0.0.1:$PAYSIM_PORT/gateway.do"
app_id = "2021000000000001"
seller_id = "2088000000000001"
app_private_key_file = "$KEYS/alipay/app_key.pem"
alipay_public_key_file = "$KEYS/alipay/alipay_public.pem"
[printer]
cups_server = "$CUPS_SERVER"
queue = "kiosk"
[certificates]
verify_base_url = "http://127.0.0.1:8080"
TOML

if [ ! -f "$STATE/memberdesk.db" ]; then
  "${CTL[@]}" import-roster --agencies tests/fixtures/roster/agencies.csv \
    --attorneys tests/fixtures/roster/attorneys.csv
  "${CTL[@]}" demo-seed --members 2000
  declare -A LABEL=([admin]=系统管理员 [reviewer]=审核员 [finance]=财务 [desk]=前台)
  for role in admin reviewer finance desk; do
    echo "Demo${role}123" | "${CTL[@]}" staff add "$role" --name "演示${LABEL[$role]}" --role "$role"
  done
  # Approved as if their applications had been: ready for 会费缴纳 (1100005 stays unapplied).
  "${CTL[@]}" demo-approve 11001 1100001 1100002 31002 3100003
  # 报名信息 / 成绩查询: a training class with the demo attorneys' registrations and scores.
  "${CTL[@]}" demo-member-center
  # The seeded members who paid before the appliance get this year's 会员证.
  "${CTL[@]}" issue-certificates
fi

# The payment simulator plays WeChat Pay and Alipay; it stops with the demo.
node tests/paysim/paysim.mjs --port "$PAYSIM_PORT" --keys "$KEYS" --quiet &
PAYSIM_PID=$!
trap 'kill $PAYSIM_PID 2>/dev/null; bash tests/print/cups-fixture.sh stop "$CUPS_DIR" >/dev/null 2>&1' EXIT

cat <<TXT

Member Desk demo on http://127.0.0.1:8080
  member logins (default password = login id; a new password is required at first login):
    agency 11001, 31002, 44003 · attorney 1100001, 1100002, 3100003, 4400004, 1100005
    ready to pay dues: 11001 (with attorneys 1100001, 1100002), 31002, 3100003
  payments: WeChat Pay / Alipay through the simulator on http://127.0.0.1:$PAYSIM_PORT — the QR
    screen shows 【打开模拟支付页面】 to pay
  会员证: pay as 1100001 (or log in as any seeded active member) → 会员中心 → 会员证 to preview,
    【下载PDF】 and 【打印】; printed PDFs land in $CUPS_DIR/spool-kiosk; 证书核验 on the home screen
  printer: private CUPS at $CUPS_SERVER, queue kiosk (cupsdisable -h $CUPS_SERVER kiosk stops it)
  staff logins: admin / Demoadmin123, reviewer / Demoreviewer123,
                finance / Demofinance123, desk / Demodesk123
TXT
build-demo/firmware/memberdesk --config "$CONFIG"
