#!/usr/bin/env bash
# README's test command: installs every package the tests need, builds Member Desk with its
# tests, and runs them all through CTest — unit, API (real daemon over HTTP), browser
# (Playwright + Debian's Chromium) and packaging (.deb build, lintian, install, systemd verify).
# Run as root (or with sudo available): it installs packages and the .deb it builds.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh
(cd tests/e2e && npm ci --no-audit --no-fund)

BUILD_DIR=${BUILD_DIR:-build}
# Release: the configuration the appliance ships (and GCC's -O3 warnings, which RelWithDebInfo's
# -O2 does not raise), with the tests on — so every warning of that build fails here.
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMEMBERDESK_TESTS=ON
cmake --build "$BUILD_DIR"
cd "$BUILD_DIR"
# Two at a time: the browser tests mostly wait on Chromium and the daemon, and every test has its
# own daemon, port and temporary directory. The packaging tests are RUN_SERIAL (they install into
# the system) and run alone.
ctest --output-on-failure --timeout 1800 -j "${CTEST_JOBS:-2}"
