#!/usr/bin/env bash
# A private CUPS scheduler in a directory of ours (DESIGN §4): a unix socket only, no
# port, no browsing, no web interface, never the system's cupsd or its config. Used by
# `make demo` (kept under var/cups) and by the tests (a throwaway directory).
#   cupsd.sh start DIR [--zpl-port N] [--escpos-port N]
#                         write the config if missing, start, wait until ready, then
#                         (re)create the queues enabled and accepting jobs
#   cupsd.sh stop DIR     stop the scheduler started for DIR (its pid is DIR/cupsd.pid)
#   cupsd.sh env DIR      prints `export CUPS_SERVER=DIR/cups.sock`
# Queues:
#   pdf     PDF through the cups-filters Generic PDF driver to the `keepfile` backend,
#           which keeps every job as DIR/out/job-<id>-<title>.pdf (a file: device would
#           overwrite one file per job)
#   zpl     raw, socket://127.0.0.1:$CUPS_ZPL_PORT    (default 9101)
#   escpos  raw, socket://127.0.0.1:$CUPS_ESCPOS_PORT (default 9102)
# The server default is `pdf`. Never run cupsctl against this server: it rewrites
# cupsd.conf to listen on port 631.
# As root, cupsd runs filters and ordinary backends as the `lp` user, so DIR must be
# searchable by others (it is made 0755); `keepfile` is mode 0700 so cupsd runs it as
# root and it can write DIR/out. As a normal user everything runs as that user.
set -euo pipefail
usage="usage: cupsd.sh start|stop|env DIR [--zpl-port N] [--escpos-port N]"
cmd=${1:?$usage}
dir=${2:?$usage}
shift 2
zpl_port=${CUPS_ZPL_PORT:-9101}
escpos_port=${CUPS_ESCPOS_PORT:-9102}
while [ $# -gt 0 ]; do
  case "$1" in
    --zpl-port) zpl_port=${2:?$usage}; shift 2 ;;
    --escpos-port) escpos_port=${2:?$usage}; shift 2 ;;
    *) echo "cupsd: unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
done

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/cups.sock"
pidfile="$dir/cupsd.pid"
sysbin=/usr/lib/cups
ppd=/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd

# The unix socket path must fit in sun_path (108 bytes).
if [ ${#sock} -ge 100 ]; then
  echo "cupsd: $dir is too deep for a unix socket path; use a shorter directory" >&2
  exit 1
fi

running() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # the pid may have been reused by another program since
  grep -q cupsd "/proc/$pid/comm" 2>/dev/null
}

write_config() {
  mkdir -p "$dir/etc/ppd" "$dir/etc/ssl" "$dir/state" "$dir/cache" "$dir/spool/tmp" \
    "$dir/log" "$dir/out" "$dir/bin"
  # cupsd.conf: what the scheduler listens on and who may do what (everyone: the
  # socket lives in a directory of ours).
  cat >"$dir/etc/cupsd.conf" <<EOF
# Written by tests/tools/cupsd.sh. Do not run cupsctl against this server.
Listen $sock
Browsing No
BrowseLocalProtocols none
WebInterface No
DefaultAuthType None
LogLevel info
MaxLogSize 0
PreserveJobHistory Yes
PreserveJobFiles No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
  # cups-files.conf: every path cupsd writes to lies under DIR.
  cat >"$dir/etc/cups-files.conf" <<EOF
# Written by tests/tools/cupsd.sh.
ServerRoot $dir/etc
StateDir $dir/state
CacheDir $dir/cache
RequestRoot $dir/spool
TempDir $dir/spool/tmp
AccessLog $dir/log/access_log
ErrorLog $dir/log/error_log
PageLog $dir/log/page_log
Printcap $dir/state/printcap
ServerBin $dir/bin
DataDir /usr/share/cups
FileDevice Yes
SystemGroup root
EOF
  [ "$(id -u)" = 0 ] || sed -i '/^SystemGroup/d' "$dir/etc/cups-files.conf"
  write_serverbin
}

# A private ServerBin: the system's programs through symlinks, plus our backend.
write_serverbin() {
  local d b
  for d in "$sysbin"/*; do
    [ "$(basename "$d")" = backend ] && continue
    ln -sfn "$d" "$dir/bin/$(basename "$d")"
  done
  mkdir -p "$dir/bin/backend"
  for b in "$sysbin"/backend/*; do
    ln -sfn "$b" "$dir/bin/backend/$(basename "$b")"
  done
  cat >"$dir/bin/backend/keepfile" <<'EOF'
#!/bin/sh
# CUPS backend: keep every job as its own file. Device URI keepfile:///DIRECTORY.
# argv: job-id user title copies options [file]; no arguments = list devices.
if [ $# -eq 0 ]; then
  echo 'direct keepfile "Unknown" "Keep every job as a file"'
  exit 0
fi
if [ $# -lt 5 ]; then
  echo "Usage: keepfile job-id user title copies options [file]" >&2
  exit 1
fi
outdir=${DEVICE_URI#keepfile://}
outdir=${outdir#keepfile:}
title=$(printf '%s' "${3%.pdf}" | tr -c 'A-Za-z0-9._-' '_' | cut -c1-60)
[ -n "$title" ] || title=untitled
ext=pdf
case "${FINAL_CONTENT_TYPE:-}" in
  application/pdf|application/vnd.cups-pdf) ext=pdf ;;
  "") ext=pdf ;;
  *) ext=bin ;;
esac
out="$outdir/job-$1-$title.$ext"
tmp="$outdir/.job-$1.part"
if [ $# -ge 6 ]; then cat -- "$6" >"$tmp"; else cat >"$tmp"; fi || {
  echo "ERROR: cannot write $tmp" >&2; rm -f "$tmp"; exit 1; }
if [ ! -s "$tmp" ]; then   # a filter failed before writing anything
  rm -f "$tmp"; echo "DEBUG: empty job, nothing kept" >&2; exit 0
fi
chmod 0644 "$tmp"
mv -f "$tmp" "$out"
echo "DEBUG: kept as $out" >&2
exit 0
EOF
  # 0700: cupsd runs a backend that others cannot execute as root (as a normal user
  # it runs as that user anyway), and refuses one writable by group or others.
  chmod 0700 "$dir/bin/backend/keepfile"
}

wait_ready() {  # up to 10 s, checking every 20 ms
  for _ in $(seq 1 500); do
    if ! running; then
      echo "cupsd: the scheduler exited while starting; its log says:" >&2
      tail -20 "$dir/log/error_log" "$dir/log/cupsd.out" 2>/dev/null >&2
      return 1
    fi
    if [ -S "$sock" ] && lpstat -h "$sock" -r >/dev/null 2>&1; then return 0; fi
    sleep 0.02
  done
  echo "cupsd: the scheduler did not answer on $sock within 10 s" >&2
  tail -20 "$dir/log/error_log" >&2 2>/dev/null || true
  return 1
}

add_queues() {
  local h=(-h "$sock")
  # lpadmin warns that PPD drivers are deprecated (CUPS 2.4); they are what the
  # cups-filters PDF driver is, so the warning is dropped.
  lpadmin "${h[@]}" -p pdf -E -v "keepfile://$dir/out" -P "$ppd" \
    -D "PDF files in $dir/out" -L "$dir/out" 2>&1 | grep -v -i deprecat >&2 || true
  lpadmin "${h[@]}" -p zpl -E -v "socket://127.0.0.1:$zpl_port" \
    -D "ZPL ticket printer (raw)" 2>&1 | grep -v -i deprecat >&2 || true
  lpadmin "${h[@]}" -p escpos -E -v "socket://127.0.0.1:$escpos_port" \
    -D "ESC/POS receipt printer (raw)" 2>&1 | grep -v -i deprecat >&2 || true
  lpadmin "${h[@]}" -d pdf
  local q
  for q in pdf zpl escpos; do
    lpstat -h "$sock" -p "$q" >/dev/null 2>&1 \
      || { echo "cupsd: could not create the queue $q" >&2; tail -5 "$dir/log/error_log" >&2; return 1; }
  done
}

case "$cmd" in
start)
  command -v cupsd >/dev/null || [ -x /usr/sbin/cupsd ] \
    || { echo "cupsd: cupsd not found (run: make deps)" >&2; exit 1; }
  [ -f "$ppd" ] || { echo "cupsd: $ppd not found (run: make deps)" >&2; exit 1; }
  [ -x "$sysbin/backend/socket" ] \
    || { echo "cupsd: the CUPS socket backend is missing (package cups; run: make deps)" >&2; exit 1; }
  if [ "$(id -u)" = 0 ]; then
    chmod 0755 "$dir"
    if ! runuser -u lp -- test -x "$dir"; then
      echo "cupsd: the lp user cannot reach $dir (a parent directory is private);" >&2
      echo "cupsd: use a directory that is world-searchable, e.g. under /tmp" >&2
      exit 1
    fi
  fi
  [ -f "$dir/etc/cupsd.conf" ] || write_config
  write_serverbin   # refresh the symlinks (packages may have added programs)
  if ! running; then
    rm -f "$sock"
    cupsd=$(command -v cupsd || echo /usr/sbin/cupsd)
    # its own session: a Ctrl-C or hangup meant for `make demo`'s terminal must not
    # stop it (setsid does not fork here: a script's background job leads no group)
    setsid "$cupsd" -f -c "$dir/etc/cupsd.conf" -s "$dir/etc/cups-files.conf" \
      </dev/null >>"$dir/log/cupsd.out" 2>&1 &
    echo $! >"$pidfile"
    wait_ready || { kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; exit 1; }
  fi
  add_queues
  ;;
stop)
  running || { rm -f "$pidfile"; exit 0; }
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 250); do   # up to 5 s
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  ;;
env)
  echo "export CUPS_SERVER='$sock'"
  ;;
*) echo "cupsd: unknown command $cmd" >&2; echo "$usage" >&2; exit 2 ;;
esac
