#!/usr/bin/env bash
# Test services for printing: a virtual IPP Everywhere printer (ippeveprinter) behind a private
# CUPS scheduler, all on 127.0.0.1 with every file under DIR. Nothing outside DIR is touched: the
# D-Bus bus that ippeveprinter insists on is a private one too (DBUS_SYSTEM_BUS_ADDRESS points
# at DIR/dbus.sock), and the machine's /etc/cups and cupsd are left alone.
#
#   cups-fixture.sh start DIR              start everything, write DIR/env (KEY=VALUE lines)
#   cups-fixture.sh stop DIR               stop what start (and add-printer) started
#   cups-fixture.sh add-printer DIR QUEUE  a queue on its own new ippeveprinter; prints
#                                          MD_PRINTER_PORT=, MD_PRINTER_PID=, MD_PRINTER_SPOOL=
#   cups-fixture.sh add-queue DIR QUEUE    a queue on the shared ippeveprinter
#   cups-fixture.sh remove DIR QUEUE       delete the queue; stop its own printer if it has one
#   cups-fixture.sh media DIR PORT empty|loaded
#                                          take all paper out of the ippeveprinter at PORT, or load
#                                          A4 (its web form). It then reports media-empty-report;
#                                          CUPS shows media-empty-warning, media-needed-warning
#                                          once a job waits for paper (the job stays processing)
#
# DIR/env: CUPS_SERVER, MD_CUPS_QUEUE, MD_IPP_SPOOL, MD_IPP_PORT, MD_IPP_PID, MD_CUPSD_PID,
# MD_CUPS_DIR, MD_CUPS_FIXTURE (this script), DBUS_SYSTEM_BUS_ADDRESS.
set -euo pipefail

WAIT_S=20
PRINTER_NAME="Member Desk Test Printer"

die() {
  echo "cups-fixture: $*" >&2
  for log in "$DIR"/log/error_log "$DIR"/log/cupsd.out "$DIR"/log/ipp-*.log "$DIR"/log/dbus.log; do
    [ -s "$log" ] || continue
    echo "---- tail of $log" >&2
    tail -n 30 "$log" >&2
  done
  [ -z "${STARTING:-}" ] || cmd_stop
  exit 1
}

# A loopback TCP port nobody listens on (checked again by the service that binds it).
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Htln "sport = :$port" | grep -q .; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# Runs "$@" detached (own session, stdio on a log file) and records its pid in DIR/pids/NAME.
spawn() {
  local name=$1 log=$2
  shift 2
  setsid "$@" </dev/null >"$log" 2>&1 &
  echo $! >"$DIR/pids/$name"
  echo $!
}

# Running (a zombie is not: nobody may reap an orphan in a container without an init).
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}
# A process that still runs what we started (pids are reused): its command line names DIR.
ours() { alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF "$DIR"; }

# wait_for SECONDS PID DESCRIPTION COMMAND...: until COMMAND succeeds; fails if PID died.
wait_for() {
  local secs=$1 pid=$2 what=$3
  shift 3
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    [ -z "$pid" ] || alive "$pid" || die "$what: the process exited"
    [ "$SECONDS" -lt "$deadline" ] || die "$what: not up within ${secs}s"
    sleep 0.1
  done
}

load_env() {
  [ -f "$DIR/env" ] || { echo "cups-fixture: no $DIR/env (run start first)" >&2; exit 1; }
  set -a
  # shellcheck disable=SC1091
  . "$DIR/env"
  set +a
}

ipp_ready() { ipptool -q -T 2 "ipp://127.0.0.1:$1/ipp/print" get-printer-attributes.test; }

# start_printer NAME: an ippeveprinter with its spool in DIR/spool-NAME; sets PORT and PID.
start_printer() {
  local name=$1 spool="$DIR/spool-$1"
  mkdir -p "$spool"
  for _ in 1 2 3; do
    PORT=$(free_port) || die "no free port"
    PID=$(spawn "ipp-$name" "$DIR/log/ipp-$name.log" env DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" \
      ippeveprinter -d "$spool" -k -f application/pdf,image/pwg-raster,image/urf -p "$PORT" \
      -r off -c /bin/true -n localhost "$PRINTER_NAME $name")
    local deadline=$((SECONDS + WAIT_S))
    while alive "$PID" && ! ipp_ready "$PORT" >/dev/null 2>&1; do
      [ "$SECONDS" -lt "$deadline" ] || die "ippeveprinter $name: not up within ${WAIT_S}s"
      sleep 0.1
    done
    alive "$PID" && { SPOOL=$spool; return 0; }
    rm -f "$DIR/pids/ipp-$name"  # lost the port to someone else: try another
  done
  die "ippeveprinter $name did not start"
}

queue_ready() {
  lpstat -p "$1" 2>/dev/null | grep -q "is idle" && lpstat -a "$1" 2>/dev/null | grep -q "accepting requests"
}

# add_queue QUEUE PORT: an IPP Everywhere queue (A4) on the printer at PORT, idle and accepting.
add_queue() {
  local queue=$1 port=$2
  lpadmin -p "$queue" -E -v "ipp://127.0.0.1:$port/ipp/print" -m everywhere >>"$DIR/log/lpadmin.log" 2>&1 ||
    die "lpadmin -p $queue failed: $(tail -n 3 "$DIR/log/lpadmin.log")"
  lpadmin -p "$queue" -o PageSize=A4 >>"$DIR/log/lpadmin.log" 2>&1 || die "lpadmin -o PageSize=A4 failed"
  wait_for "$WAIT_S" "$MD_CUPSD_PID" "queue $queue idle and accepting" queue_ready "$queue"
}

write_conf() {
  local port=$1
  cat >"$DIR/cupsd.conf" <<EOF
# Private scheduler for tests: loopback only, no browsing, no authentication.
Listen 127.0.0.1:$port
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
DefaultEncryption Never
WebInterface No
LogLevel debug
MaxLogSize 0
<Location />
  Order allow,deny
  Allow from 127.0.0.1
</Location>
# Anyone on loopback may submit, cancel, enable, disable and administer.
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
  cat >"$DIR/cups-files.conf" <<EOF
ServerRoot $DIR/root
RequestRoot $DIR/requests
TempDir $DIR/requests/tmp
CacheDir $DIR/cache
StateDir $DIR/state
AccessLog $DIR/log/access_log
ErrorLog $DIR/log/error_log
PageLog $DIR/log/page_log
FileDevice No
EOF
}

cmd_start() {
  cmd_stop
  STARTING=1
  rm -rf "$DIR"/{pids,log,root,requests,cache,state,spool-*} "$DIR"/env "$DIR"/*.conf
  mkdir -p "$DIR"/{pids,log,root/ppd,root/ssl,requests/tmp,cache,state}
  chmod 755 "$DIR"
  for bin in dbus-daemon ippeveprinter ipptool cupsd lpadmin lpstat ss curl; do
    command -v "$bin" >/dev/null || die "$bin is not installed (packaging/install-deps.sh test)"
  done

  export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$DIR/dbus.sock"
  local dbus_pid
  dbus_pid=$(spawn dbus "$DIR/log/dbus.log" dbus-daemon --session --nofork --nopidfile \
    --address="$DBUS_SYSTEM_BUS_ADDRESS")
  wait_for "$WAIT_S" "$dbus_pid" "dbus-daemon" test -S "$DIR/dbus.sock"

  start_printer kiosk
  local ipp_port=$PORT ipp_pid=$PID ipp_spool=$SPOOL

  local cups_port
  for _ in 1 2 3; do
    cups_port=$(free_port) || die "no free port"
    write_conf "$cups_port"
    cupsd -t -c "$DIR/cupsd.conf" -s "$DIR/cups-files.conf" >"$DIR/log/cupsd-t.log" 2>&1 ||
      die "cupsd -t: $(cat "$DIR/log/cupsd-t.log")"
    MD_CUPSD_PID=$(spawn cupsd "$DIR/log/cupsd.out" cupsd -f -c "$DIR/cupsd.conf" -s "$DIR/cups-files.conf")
    export CUPS_SERVER="127.0.0.1:$cups_port"
    local deadline=$((SECONDS + WAIT_S))
    while alive "$MD_CUPSD_PID" && ! lpstat -r 2>/dev/null | grep -q "is running"; do
      [ "$SECONDS" -lt "$deadline" ] || die "cupsd: not up within ${WAIT_S}s"
      sleep 0.1
    done
    alive "$MD_CUPSD_PID" && break
    rm -f "$DIR/pids/cupsd"
  done
  alive "$MD_CUPSD_PID" || die "cupsd did not start"

  add_queue kiosk "$ipp_port"

  cat >"$DIR/env.tmp" <<EOF
CUPS_SERVER=$CUPS_SERVER
MD_CUPS_QUEUE=kiosk
MD_IPP_SPOOL=$ipp_spool
MD_IPP_PORT=$ipp_port
MD_IPP_PID=$ipp_pid
MD_CUPSD_PID=$MD_CUPSD_PID
MD_CUPS_DIR=$DIR
MD_CUPS_FIXTURE=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SYSTEM_BUS_ADDRESS
EOF
  mv "$DIR/env.tmp" "$DIR/env"
  STARTING=
  echo "cups-fixture: CUPS at $CUPS_SERVER, queue kiosk -> ippeveprinter :$ipp_port (spool $ipp_spool)"
}

cmd_stop() {
  [ -d "$DIR/pids" ] || return 0
  local f pid pids=()
  # Printers and the bus after cupsd, so that cupsd's backends stop first.
  for f in "$DIR/pids/cupsd" "$DIR"/pids/ipp-* "$DIR/pids/dbus"; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if ours "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
    rm -f "$f"
  done
  local deadline=$((SECONDS + 5))
  for pid in "${pids[@]}"; do
    while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$DIR/env"
}

cmd_add_printer() {
  local queue=$1
  load_env
  start_printer "$queue"
  add_queue "$queue" "$PORT"
  printf 'MD_PRINTER_PORT=%s\nMD_PRINTER_PID=%s\nMD_PRINTER_SPOOL=%s\n' "$PORT" "$PID" "$SPOOL"
}

cmd_add_queue() {
  load_env
  add_queue "$1" "$MD_IPP_PORT"
}

cmd_remove() {
  local queue=$1 f="$DIR/pids/ipp-$1"
  load_env
  lpadmin -x "$queue" >>"$DIR/log/lpadmin.log" 2>&1 || true
  if [ -f "$f" ] && [ "$queue" != kiosk ]; then
    ! ours "$(cat "$f")" || kill -TERM "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  fi
}

cmd_media() {
  local url="http://127.0.0.1:$1/media"
  case "$2" in
    # Sheets 0 in both trays, media kept (a tray with no media at all cannot be refilled).
    empty) url+="?size1=iso_a4_210x297mm&type1=stationery&level1=0&size3=na_number-10_4.125x9.5in&type3=envelope&level3=0" ;;
    loaded) url+="?size1=iso_a4_210x297mm&type1=stationery&level1=250&size3=na_number-10_4.125x9.5in&type3=envelope&level3=25" ;;
    *) die "media DIR PORT empty|loaded" ;;
  esac
  curl -fsS -o /dev/null "$url" || die "ippeveprinter :$1 did not take the media change"
}

[ $# -ge 2 ] || { sed -n '2,/^set -e/p' "$0" | sed '$d' >&2; exit 2; }
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
case "$1" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  add-printer) [ $# -eq 3 ] || die "add-printer DIR QUEUE"; cmd_add_printer "$3" ;;
  add-queue) [ $# -eq 3 ] || die "add-queue DIR QUEUE"; cmd_add_queue "$3" ;;
  remove) [ $# -eq 3 ] || die "remove DIR QUEUE"; cmd_remove "$3" ;;
  media) [ $# -eq 4 ] || die "media DIR PORT empty|loaded"; cmd_media "$3" "$4" ;;
  *) echo "cups-fixture: unknown command $1" >&2; exit 2 ;;
esac
