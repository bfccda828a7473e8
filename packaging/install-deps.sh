#!/usr/bin/env bash
# Installs every Debian package that building, running, testing and packaging Member Desk needs.
# Safe to run again; used by README's demo and test commands and by CI.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

BUILD=(cmake ninja-build g++ pkg-config git
  libcivetweb-dev civetweb libsqlite3-dev sqlite3 libqrencode-dev libzxing-dev
  libcairo2-dev libpango1.0-dev fonts-wqy-microhei fonts-noto-cjk libcups2-dev
  nlohmann-json3-dev libtomlplusplus-dev libsodium-dev libssl-dev
  libcurl4-openssl-dev libsystemd-dev
  # the on-screen keyboard's pinyin dictionary (read at run time; the unit tests use it too)
  rime-data-pinyin-simp)
# Print tests (tests/print/cups-fixture.sh): cupsd (cups-daemon), lpadmin/lpstat (cups-client),
# ippeveprinter/ipptool (cups-ipp-utils), dbus-daemon (ippeveprinter will not start without a
# bus), pdftopdf (cups-filters-core-drivers: the `-m everywhere` queue passes PDF jobs through
# it), ss (iproute2) and curl. `cups` pulls most of these in already; they are named so that
# the list says what the tests run.
PRINT=(cups cups-daemon cups-ipp-utils cups-client cups-filters-core-drivers dbus iproute2 curl)
# zbar-tools: an independent QR decoder that checks the certificates' codes in the tests.
# cage + xwayland (cage will not start without the Xwayland binary): e2e/kiosk_cage runs the
# kiosk launcher under a headless cage, as memberdesk-kiosk.service does on the screen.
TEST=(doctest-dev chromium "${PRINT[@]}" poppler-utils zbar-tools
  wrk debhelper devscripts dpkg-dev lintian systemd fakeroot rsync cage xwayland)

# Node.js runs the payment simulator (demo and tests) and, with npm, the browser tests; a
# machine may already have its own build of them.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  BUILD+=(nodejs npm)
fi

case "${1:-all}" in
  build) PKGS=("${BUILD[@]}") ;;
  demo) PKGS=("${BUILD[@]}" "${PRINT[@]}") ;;  # the demo prints on a virtual printer
  *) PKGS=("${BUILD[@]}" "${TEST[@]}") ;;
esac

$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${PKGS[@]}"
