#!/usr/bin/env bash
# Printing from the terminal end to end (issue 5): the real program in tmux against the demo
# data in a throwaway database (PG* from tests/run.sh), a private cupsd (tests/tools/cupsd.sh)
# with its pdf queue keeping every job as a file, and a real decoder (pdftoppm + zbarimg).
#   a sale prints at once and the QR tokens on paper hash to what the database stores; a
#   stopped printer says why on the done screen and loses nothing; r reprints with new codes;
#   the printer screen lists the queues with their state and remembers the choice; with the
#   print server down the tickets stay valid and the unprinted list survives a restart; U
#   prints it.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
base=${BOXOFFICE_TEST_TMP:-/tmp}
tmp=$(mktemp -d "$base/e2ep.XXXXXX")
chmod 755 "$tmp"
cups=$tmp/cups
db=boxoffice_e2e_print
sock="bo-print-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
  tm kill-server >/dev/null 2>&1
  tests/tools/cupsd.sh stop "$cups" >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config
mkdir -p "$HOME"
unset LPDEST PRINTER
config=$XDG_CONFIG_HOME/boxoffice/config

tests/tools/cupsd.sh start "$cups" >/dev/null
tap_ok $? "a private cupsd with pdf, zpl and escpos queues"
eval "$(tests/tools/cupsd.sh env "$cups")"
export CUPS_SERVER

dropdb --if-exists "$db" >/dev/null 2>&1
{ createdb "$db" && "$bin" --db "dbname=$db" migrate up \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql; } >"$tmp/setup.log" 2>&1
tap_ok $? "a fresh database with the demo data" || sed 's/^/#   /' "$tmp/setup.log" | tail -20
# The demo's sales were never printed; call them printed so the counts below are this test's.
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
sql "INSERT INTO ticket_prints (organization_id, ticket_id, printer, status)
     SELECT organization_id, id, 'demo', 'PRINTED' FROM tickets" >/dev/null
tap_is "$(sql "SELECT count(*) FROM unprinted_tickets")" 0 "the demo's own sales count as printed"
printf '*:*:%s:clerk_a:clerk_a-demo\n' "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sha() { printf '%s' "$1" | sha256sum | cut -c1-64; }
decode() {  # decode PDF -> the QR payloads, one per line
  rm -f "$tmp"/page-*.png
  pdftoppm -r 200 -gray -png "$1" "$tmp/page" && zbarimg -q --raw "$tmp"/page-*.png 2>/dev/null
}
pdfs() { ls "$cups"/out/*.pdf 2>/dev/null | wc -l; }
newest_pdf() { ls -t "$cups"/out/*.pdf 2>/dev/null | head -1; }
hashes_of() { sql "SELECT string_agg(qr_code_hash, ' ' ORDER BY qr_code_hash) FROM tickets WHERE order_id = '$1'"; }
unprinted_of() { sql "SELECT count(*) FROM unprinted_tickets WHERE order_id = '$1'"; }

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]: poll the screen until it shows REGEX
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
keys() { tm send-keys -t bo "$@"; sleep 0.15; }
start() {  # the box office as clerk_a at 80x24, printing through our cupsd
  tm kill-server >/dev/null 2>&1
  sock="bo-print-$$-$((++servers))"
  tm new-session -d -s bo -x 80 -y 24 \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME CUPS_SERVER=$CUPS_SERVER $bin --db 'dbname=$db user=clerk_a' 2>>$tmp/app.err; echo EXIT=\$?; sleep 60"
}
servers=0
order_on_screen() {
  local ref
  ref=$(screen | sed -n 's/.*Order \([0-9A-F]\{8\}\) .*/\1/p' | head -1)
  [ -n "$ref" ] && sql "SELECT id FROM orders WHERE upper(left(id::text, 8)) = '$ref'"
}
sell_two() {  # from the seat map: best 2 seats, cash, paid -> the done screen
  keys b
  wait_for "How many seats together" || return 1
  keys 2 Enter
  wait_for "2 selected" || return 1
  keys Enter
  wait_for "Total 88\.00" || return 1
  keys Enter
  wait_for "Payment" || return 1
  keys 1
  keys Enter
  wait_for "Paid in full" || return 1
  keys Enter
  wait_for "Sale complete" || return 1
}

# ---- 1. A sale prints at once ----
start
wait_for "The Tempest"; tap_ok $? "the events screen at 80x24"
keys Enter
wait_for "1 Stalls" && keys Enter
wait_for "Stalls row"; tap_ok $? "The Tempest, Stalls: the seat map"
sell_two; tap_ok $? "a sale of two seats, paid in cash"
wait_for 'Printed on "pdf" \(job [0-9]+\)' 200; tap_ok $? 'the done screen says: Printed on "pdf" (job N)'
ord1=$(order_on_screen)
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord1' AND status = 'VALID'")" 2 "two VALID tickets"
tap_is "$(pdfs)" 1 "the pdf queue kept one job"
decoded=$(decode "$(newest_pdf)")
tap_is "$(printf '%s\n' "$decoded" | grep -c .)" 2 "zbarimg reads 2 QR codes from it"
tap_is "$(for t in $decoded; do sha "$t"; done | sort | paste -sd' ')" "$(hashes_of "$ord1")" \
  "the SHA-256 of each decoded token is the stored qr_code_hash"
tap_is "$(unprinted_of "$ord1")" 0 "nothing of the order is unprinted"
tap_is "$(sql "SELECT count(*) FROM ticket_prints tp JOIN tickets t ON t.id = tp.ticket_id
               WHERE t.order_id = '$ord1' AND tp.status = 'PRINTED' AND NOT tp.is_reprint AND tp.printer = 'pdf'")" 2 \
  "each ticket's print is recorded as a first print on pdf"

# ---- 2. A stopped printer: the reason on screen, nothing lost ----
cupsdisable -h "$CUPS_SERVER" -r "Paper jam" pdf
keys Enter
wait_for "Next customer"; tap_ok $? "Enter: the next customer"
sell_two; tap_ok $? "a second sale with the printer stopped"
wait_for "Not printed: .*stopped: Paper jam" 200; tap_ok $? "the done screen says the printer is stopped: Paper jam"
s=$(screen)
tap_like "$s" "r: try again, p: other printer" "… and offers r and p"
tap_like "$s" "r print again" "… in the key bar too"
ord2=$(order_on_screen)
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord2' AND status = 'VALID'")" 2 "the tickets are VALID"
tap_is "$(sql "SELECT status FROM orders WHERE id = '$ord2'")" PAID "the order is PAID"
tap_is "$(unprinted_of "$ord2")" 2 "both are in unprinted_tickets"
tap_like "$(sql "SELECT DISTINCT last_error FROM unprinted_tickets WHERE order_id = '$ord2'")" "Paper jam" \
  "… with the reason"
before=$(hashes_of "$ord2")
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord2' AND reprints = 0")" 2 "no reprint yet"

# ---- 3. The printer is back: r reprints with new codes ----
cupsenable -h "$CUPS_SERVER" pdf
keys r
wait_for 'Printed on "pdf" \(job [0-9]+\)' 200; tap_ok $? "r: printed on pdf"
after=$(hashes_of "$ord2")
tap_ok "$([ -n "$after" ] && [ "$after" != "$before" ]; echo $?)" "the retry issued new codes (the hashes changed)"
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord2' AND reprints = 1 AND reprint_reason = 'retry after a failed print'")" 2 \
  "… recorded as a reprint: retry after a failed print"
tap_is "$(unprinted_of "$ord2")" 0 "nothing of the order is unprinted"
decoded=$(decode "$(newest_pdf)")
tap_is "$(for t in $decoded; do sha "$t"; done | sort | paste -sd' ')" "$after" \
  "the reprinted PDF carries the new tokens"
sleep 1
tap_is "$(pdfs)" 2 "the cancelled job never came out: two jobs kept in all"

# ---- 4. The printer screen ----
cupsdisable -h "$CUPS_SERVER" -r "Out of paper" escpos
cupsreject -h "$CUPS_SERVER" -r "Closed for the night" zpl
keys p
wait_for "Printers .* where tickets print"; tap_ok $? "p: the printer screen"
s=$(screen)
tap_like "$s" '● pdf +ready +PDF files' "pdf: ready, marked as the current printer"
tap_like "$s" 'escpos +stopped: Out of paper' "escpos: stopped: Out of paper"
tap_like "$s" 'zpl +ready, not accepting jobs: Closed' "zpl: not accepting jobs: Closed for the night"
tap_like "$s" "the print server's default" "the current printer is the print server's default"
keys Up Enter
wait_for 'Tickets print on "escpos" from now on'; tap_ok $? "Enter on escpos: chosen, back on the done screen"
tap_like "$(cat "$config" 2>/dev/null)" "printer = escpos" "the choice is written to \$XDG_CONFIG_HOME/boxoffice/config"
keys p
wait_for "your choice"; tap_ok $? "the printer screen shows escpos as the clerk's choice"
tap_like "$(screen)" '● escpos' "… marked"
keys Down Enter
wait_for 'Tickets print on "pdf" from now on'
tap_like "$(cat "$config" 2>/dev/null)" "printer = pdf" "choosing pdf again rewrites the config"
cupsenable -h "$CUPS_SERVER" escpos
cupsaccept -h "$CUPS_SERVER" zpl

# ---- 5. The print server is down: tickets valid, listed, and still there after a restart ----
tests/tools/cupsd.sh stop "$cups" >/dev/null 2>&1
keys Enter
wait_for "Next customer"
sell_two; tap_ok $? "a third sale with the print server stopped"
wait_for "print server is not running" 200; tap_ok $? "the done screen says the print server is not running"
ord3=$(order_on_screen)
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord3' AND status = 'VALID'")" 2 "the tickets are VALID"
tap_is "$(unprinted_of "$ord3")" 2 "… and unprinted"
keys q
wait_for "2 tickets not printed . press U to print them"; tap_ok $? "q: the events screen shows the unprinted notice"
keys q
wait_for "EXIT=0"; tap_ok $? "q quits"
start
wait_for "The Tempest"; tap_ok $? "the box office again, after a restart"
n=$(sql "SELECT count(*) FROM unprinted_tickets")
tap_is "$n" 2 "the database lists 2 unprinted tickets"
tap_like "$(screen)" "$n tickets not printed . press U to print them" "the notice shows the same count after the restart"
keys P
wait_for "print server is not running"; tap_ok $? "P with the print server down: the printer screen says so"
tap_like "$(screen)" "r: ask the print server again" "… and offers to ask again"
tests/tools/cupsd.sh start "$cups" >/dev/null
tap_ok $? "cupsd started again"
keys r
wait_for "pdf +ready"; tap_ok $? "r: the printers are listed again"
keys Escape
wait_for "press U"
jobs_before=$(pdfs)
keys U
wait_for 'Printed 2 tickets on "pdf" \(job [0-9]+\)' 200; tap_ok $? 'U: Printed 2 tickets on "pdf"'
tap_is "$(sql "SELECT count(*) FROM unprinted_tickets")" 0 "nothing is unprinted any more"
sleep 0.3
tap_is "$(screen | grep -c 'not printed')" 0 "the notice is gone"
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord3' AND reprint_reason = 'printed from the unprinted list'")" 2 \
  "the reprint is recorded with its reason"
decoded=$(decode "$(newest_pdf)")
tap_is "$(for t in $decoded; do sha "$t"; done | sort | paste -sd' ')" "$(hashes_of "$ord3")" \
  "the PDF holds the new tokens of the third order"
tap_is "$(pdfs)" "$((jobs_before + 1))" "one more job kept"
keys q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"
tap_is "$(head -5 "$tmp/app.err" 2>/dev/null)" "" "nothing written to stderr (sanitizers included)"
tap_done
