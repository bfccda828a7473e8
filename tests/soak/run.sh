#!/usr/bin/env bash
# Bounded soak of a built daemon (see soak.py): 200 sessions, 3 kill -9 + restarts, integrity
# and acknowledged-write checks, error / p99 latency / RSS report.
#   tests/soak/run.sh [SECONDS (default 600)] [--sessions N] [--kills N] [--daemon PATH] [--ctl PATH]
set -euo pipefail
exec python3 "$(dirname "$0")/soak.py" "$@"
