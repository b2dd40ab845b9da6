#!/usr/bin/env bash
# The printing layer against a real, private cupsd (tests/tools/cupsd.sh) in a
# throwaway directory: print.c and config.c through tests/print/print_driver.c.
# PDF jobs must land as files (one per job), raw jobs must reach a socket sink
# byte for byte, and every failure must read as words a clerk understands.
# Prints TAP; exits non-zero when anything failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. tests/tools/tap.sh

base=${BOXOFFICE_TEST_TMP:-/tmp}
work=$(mktemp -d "$base/print.XXXXXX")
chmod 755 "$work"
cups="$work/cups"
sinkpids=()
cleanup() {
  local p
  for p in "${sinkpids[@]}"; do kill "$p" 2>/dev/null; done
  tests/tools/cupsd.sh stop "$cups" >/dev/null 2>&1
  [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# ---- the driver
drv="$work/print_driver"
san=()   # `make asan` runs the layers with BOXOFFICE_BUILD=build-asan
[ "${BOXOFFICE_BUILD:-build}" = build-asan ] && san=(-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all)
if ! cc "${san[@]}" -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc \
     $(cups-config --cflags) -o "$drv" tests/print/print_driver.c src/print.c src/config.c \
     src/err.c $(cups-config --libs) 2>"$work/cc.log"; then
  tap_ok 1 "build tests/print/print_driver.c"; sed 's/^/# /' "$work/cc.log"; tap_done; exit 1
fi
tap_ok 0 "build tests/print/print_driver.c with print.c, config.c, err.c"

# The user's own CUPS choices (~/.cups/lpoptions, $LPDEST, $PRINTER) stay out.
export HOME="$work/home"
mkdir -p "$HOME"
unset LPDEST PRINTER XDG_CONFIG_HOME

# ---- a device: the driver's socket sink accepts one connection, writes what it
# received to a file and exits; a bounded lifetime whatever happens.
free_port() { "$drv" freeport; }
start_sink() {  # start_sink PORT OUTFILE: waits until it listens
  rm -f "$2" "$2.ready"
  "$drv" sink "$1" "$2" 20 &
  sinkpids+=($!)
  for _ in $(seq 1 250); do [ -f "$2.ready" ] && return 0; sleep 0.02; done
  return 1
}
wait_file() {  # wait_file FILE: up to 10 s
  for _ in $(seq 1 500); do [ -f "$1" ] && return 0; sleep 0.02; done
  return 1
}

zpl_port=$(free_port)
escpos_port=$(free_port)

# ---- the private cupsd
t0=$(now_ms)
tests/tools/cupsd.sh start "$cups" --zpl-port "$zpl_port" --escpos-port "$escpos_port" 2>"$work/cupsd.err"
rc=$?
t1=$(now_ms)
tap_ok $rc "private cupsd starts with queues pdf, zpl, escpos"
[ $rc = 0 ] || { sed 's/^/# /' "$work/cupsd.err"; tap_done; exit 1; }
echo "# cupsd start + 3 queues: $((t1 - t0)) ms"
eval "$(tests/tools/cupsd.sh env "$cups")"
export CUPS_SERVER
tap_is "$CUPS_SERVER" "$cups/cups.sock" "cupsd.sh env points CUPS_SERVER at the private socket"
out="$cups/out"

# ---- listing and the default
list=$("$drv" list 2>&1)
tap_like "$list" '^pdf\|ready\|accepting\|driver\|default\|ready\|' "print_list: pdf ready, accepting, has a driver, is the default"
tap_like "$list" '^zpl\|ready\|accepting\|raw\|-\|' "print_list: zpl is a raw queue"
tap_like "$list" '^escpos\|ready\|accepting\|raw\|-\|' "print_list: escpos is a raw queue"
tap_is "$("$drv" default 2>&1)" pdf "print_default_name: the server default"
mkdir -p "$HOME/.cups"
echo "Default escpos" >"$HOME/.cups/lpoptions"
tap_is "$("$drv" default 2>&1)" escpos "print_default_name: lpoptions beats the server default"
tap_like "$("$drv" list 2>&1)" '^escpos\|[^|]*\|[^|]*\|raw\|default\|' "print_list marks the lpoptions default"
tap_is "$(PRINTER=zpl "$drv" default 2>&1)" zpl "print_default_name: \$PRINTER beats lpoptions"
tap_is "$(PRINTER=lp "$drv" default 2>&1)" escpos "print_default_name: \$PRINTER=lp is ignored"
tap_is "$(LPDEST=pdf PRINTER=zpl "$drv" default 2>&1)" pdf "print_default_name: \$LPDEST beats \$PRINTER"
rm -f "$HOME/.cups/lpoptions"

# ---- PDF: every job kept as its own file
"$drv" mkpdf 1 "$work/one.pdf"
"$drv" mkpdf 20 "$work/twenty.pdf"
r1=$("$drv" print pdf "Ticket one" application/pdf "$work/one.pdf" 20000 2>&1)
tap_like "$r1" '^job [0-9]+ submit_ms' "print_submit + print_wait: a PDF to the pdf queue completes"
j1=$(echo "$r1" | awk '{print $2}')
r2=$("$drv" print - "Ticket two" application/pdf "$work/one.pdf" 20000 2>&1)
tap_like "$r2" '^job [0-9]+ submit_ms' "printer NULL prints to the default (pdf)"
j2=$(echo "$r2" | awk '{print $2}')
f1="$out/job-$j1-Ticket_one.pdf"
f2="$out/job-$j2-Ticket_two.pdf"
tap_ok "$([ -s "$f1" ] && [ -s "$f2" ] && [ "$j1" != "$j2" ]; echo $?)" "two jobs, two files (job-<id>-<title>.pdf): $(cd "$out" && ls | tr '\n' ' ')"
tap_like "$(pdfinfo "$f1" 2>&1)" 'Pages: +1' "pdfinfo accepts the printed file"
r20=$("$drv" print pdf "Twenty pages" application/pdf "$work/twenty.pdf" 30000 2>&1)
tap_like "$r20" '^job [0-9]+ submit_ms' "a 20-page PDF completes"
j20=$(echo "$r20" | awk '{print $2}')
tap_like "$(pdfinfo "$out/job-$j20-Twenty_pages.pdf" 2>&1)" 'Pages: +20' "the kept 20-page file has 20 pages"
echo "# 20-page PDF: $(echo "$r20" | awk '{print "submit " $4 " ms, submit to completed " $6 " ms"}')"

# ---- raw: the exact bytes reach the device
# ZPL text plus every byte value 0..255 (ESC/POS carries binary commands)
"$drv" bytes 40 "$work/bytes.bin"
{ printf '^XA^FO50,50^BQN,2,6^FDQA,TOKEN123^FS^XZ\n'; cat "$work/bytes.bin"; } >"$work/job.zpl"
start_sink "$zpl_port" "$work/zpl.got" || echo "# the zpl sink did not start"
rz=$("$drv" print zpl "ZPL ticket" application/vnd.cups-raw "$work/job.zpl" 20000 2>&1)
tap_like "$rz" '^job [0-9]+ submit_ms' "raw job to zpl completes"
wait_file "$work/zpl.got"
tap_ok "$(cmp -s "$work/job.zpl" "$work/zpl.got"; echo $?)" "the zpl socket sink received exactly the submitted bytes ($(stat -c %s "$work/job.zpl") bytes)"
printf '\x1b@\x1da\x00Ticket\n\x1d(k\x03\x001C\x06\x1dV\x01' >"$work/job.escpos"
start_sink "$escpos_port" "$work/escpos.got" || echo "# the escpos sink did not start"
re=$("$drv" print escpos "ESC/POS ticket" application/vnd.cups-raw "$work/job.escpos" 20000 2>&1)
tap_like "$re" '^job [0-9]+ submit_ms' "raw job to escpos completes"
wait_file "$work/escpos.got"
tap_ok "$(cmp -s "$work/job.escpos" "$work/escpos.got"; echo $?)" "the escpos socket sink received exactly the submitted bytes"

# ---- failures, in words
h=(-h "$CUPS_SERVER")
cupsdisable "${h[@]}" -r "Out of paper at window 2" pdf
tap_like "$("$drv" list 2>&1)" '^pdf\|stopped\|accepting\|driver\|default\|stopped: Out of paper at window 2\|' "print_list shows a stopped printer with its reason"
n_before=$(ls "$out" | wc -l)
js=$("$drv" submit pdf "While stopped" application/pdf "$work/one.pdf" 2>&1)
tap_like "$js" '^[0-9]+$' "a stopped printer still queues the job"
ws=$("$drv" wait pdf "$js" 3000 2>&1)
tap_like "$ws" '^stopped'$'\n''error [0-9]+: Printer "pdf" is stopped: Out of paper at window 2\. The job waits in its queue' "print_wait: \"Printer \"pdf\" is stopped: <reason>\""
tap_like "$(lpstat "${h[@]}" -o pdf 2>&1)" "^pdf-$js " "the job stays in the queue"
cupsenable "${h[@]}" pdf
tap_is "$("$drv" wait pdf "$js" 20000 2>&1)" completed "after cupsenable the same job completes"
tap_is "$(ls "$out" | wc -l)" "$((n_before + 1))" "... and its file appears: nothing lost"

cupsdisable "${h[@]}" pdf
jc=$("$drv" submit pdf "To cancel" application/pdf "$work/one.pdf" 2>&1)
tap_like "$("$drv" wait pdf "$jc" 2000 2>&1)" 'stopped at the print server' "stopped without a reason: \"stopped at the print server\""
"$drv" cancel pdf "$jc" >/dev/null 2>&1
tap_like "$("$drv" wait pdf "$jc" 2000 2>&1)" '^canceled'$'\n''error [0-9]+: The print job on "pdf" was cancelled' "print_cancel removes a waiting job"
cupsenable "${h[@]}" pdf

cupsreject "${h[@]}" -r "Closed for the night" pdf
tap_like "$("$drv" list 2>&1)" '^pdf\|ready\|rejecting\|.*not accepting jobs: Closed for the night' "print_list shows a printer not accepting jobs"
rr=$("$drv" submit pdf "Rejected" application/pdf "$work/one.pdf" 2>&1)
tap_like "$rr" '^error [0-9]+: Printer "pdf" is not accepting jobs: Closed for the night\. Pick another printer\.$' "not accepting: refused with the reason"
cupsaccept "${h[@]}" pdf

tap_like "$("$drv" submit nosuch "X" application/pdf "$work/one.pdf" 2>&1)" '^error [0-9]+: There is no printer "nosuch"; pick another\.$' "a missing printer"
tap_like "$(LPDEST=gone "$drv" submit - "X" application/pdf "$work/one.pdf" 2>&1)" '^error [0-9]+: There is no printer "gone"; pick another\.$' "a missing default printer (\$LPDEST) is named"
tap_like "$("$drv" submit pdf "X" application/pdf /dev/null 2>&1)" '^error [0-9]+: There is nothing to print\.$' "an empty job is refused before CUPS"

printf 'this is not a PDF' >"$work/junk.pdf"
rj=$("$drv" print pdf "Junk" application/pdf "$work/junk.pdf" 10000 2>&1)
tap_like "$rj" 'error [0-9]+: Printer "pdf" could not print the job: its driver or the device reported an error' "a job the driver fails on is reported, not hidden"
jj=$(echo "$rj" | awk 'NR==1 {print $2}')
"$drv" cancel pdf "$jj" >/dev/null 2>&1

# a raw queue whose device does not answer: the job keeps waiting, bounded
dead_port=$(free_port)
lpadmin "${h[@]}" -p deadzpl -E -v "socket://127.0.0.1:$dead_port" 2>/dev/null
printf '^XA^XZ' >"$work/small.zpl"
t0=$(now_ms)
rd=$("$drv" print deadzpl "Nobody there" application/vnd.cups-raw "$work/small.zpl" 1500 2>&1)
t1=$(now_ms)
tap_like "$rd" '^job [0-9]+ waiting'$'\n''error [0-9]+: Printer "deadzpl" has not finished the job after 2 s' "a device that never answers: print_wait gives up after its bound"
tap_ok "$([ $((t1 - t0)) -lt 4000 ]; echo $?)" "... within the bound ($((t1 - t0)) ms for 1500 ms)"
jd=$(echo "$rd" | awk 'NR==1 {print $2}')
tap_ok "$("$drv" cancel deadzpl "$jd" >/dev/null 2>&1; echo $?)" "print_cancel of a job still processing"
lpadmin "${h[@]}" -x deadzpl

# ---- config: the remembered printer
export XDG_CONFIG_HOME="$work/xdg"
tap_is "$("$drv" config-path)" "$work/xdg/boxoffice/config" "config_path under \$XDG_CONFIG_HOME"
tap_is "$("$drv" config-get printer 2>&1)" "(not set)" "config_get: no file, not set, no error"
"$drv" config-set printer pdf
tap_is "$("$drv" config-get printer 2>&1)" pdf "config_set then config_get: printer = pdf"
tap_is "$(stat -c %a "$work/xdg/boxoffice/config")" 600 "the config file is mode 0600"
tap_is "$(stat -c %a "$work/xdg/boxoffice")" 700 "its directory is created 0700"
printf '# my settings\nlayout = a4\n' >"$work/xdg/boxoffice/config"
"$drv" config-set printer "  zpl  "
"$drv" config-set printer escpos
tap_is "$(cat "$work/xdg/boxoffice/config")" $'# my settings\nlayout = a4\nprinter = escpos' "config_set keeps comments and other keys, replaces in place"
"$drv" config-unset layout
tap_is "$(cat "$work/xdg/boxoffice/config")" $'# my settings\nprinter = escpos' "config_set with NULL removes a key"
tap_is "$(ls -A "$work/xdg/boxoffice")" config "no temporary file left behind"
tap_like "$("$drv" config-set 'bad key' x 2>&1)" '^error [0-9]+: Invalid setting name' "a bad key is refused"
tap_is "$(XDG_CONFIG_HOME= "$drv" config-path)" "$HOME/.config/boxoffice/config" "without \$XDG_CONFIG_HOME: ~/.config/boxoffice/config"

# ---- CUPS not running (last: stops the server)
tests/tools/cupsd.sh stop "$cups"
tap_like "$("$drv" list 2>&1)" '^error [0-9]+: The print server is not running \(CUPS at .*cups\.sock: no server socket\)' "print_list with cupsd stopped: not running"
tap_like "$("$drv" submit pdf "X" application/pdf "$work/one.pdf" 2>&1)" '^error [0-9]+: The print server is not running' "print_submit with cupsd stopped: not running"
tap_like "$("$drv" default 2>&1)" '^error [0-9]+: The print server is not running' "print_default_name with cupsd stopped: not running"
tap_ok "$([ ! -e "$cups/cupsd.pid" ]; echo $?)" "cupsd.sh stop leaves no pid file"

tap_done
