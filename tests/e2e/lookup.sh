#!/usr/bin/env bash
# The help desk end to end (issue 7): the real program in tmux against the demo data in a
# throwaway database (PG* from tests/run.sh), a private cupsd (tests/tools/cupsd.sh) whose
# pdf queue keeps every job, and a real decoder (pdftoppm + zbarimg).
#   A buyer's two tickets are printed; help_a finds the buyer by a misspelled name (F on
#   the events screen), opens the order, reprints one ticket with a reason: a new PDF comes
#   out, its code is admitted at the gate and the old one is UNKNOWN. The admitted ticket
#   shows as USED at the gate; a scanned token typed into the search box opens its order at
#   the ticket; c cancels the other ticket with a cash refund: the ticket CANCELLED, the
#   seat AVAILABLE and the refund recorded, as psql reads them. Then the same screens in
#   ASCII with NO_COLOR.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
base=${BOXOFFICE_TEST_TMP:-/tmp}
tmp=$(mktemp -d "$base/e2el.XXXXXX")
chmod 755 "$tmp"
cups=$tmp/cups
db=boxoffice_e2e_lookup
sock="lookup-e2e-$$"
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

tests/tools/cupsd.sh start "$cups" >/dev/null
tap_ok $? "a private cupsd with its pdf queue"
eval "$(tests/tools/cupsd.sh env "$cups")"
export CUPS_SERVER

dropdb --if-exists "$db" >/dev/null 2>&1
{ createdb "$db" && "$bin" --db "dbname=$db" migrate up \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql; } >"$tmp/setup.log" 2>&1
tap_ok $? "a fresh database with the demo data" || sed 's/^/#   /' "$tmp/setup.log" | tail -20
for l in clerk_a help_a super_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
as() { local login=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }
qas() { PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=$1" -c "$2"; }
sha() { printf '%s' "$1" | sha256sum | cut -c1-64; }
decode() {  # decode PDF -> the QR payloads, one per line
  rm -f "$tmp"/page-*.png
  pdftoppm -r 200 -gray -png "$1" "$tmp/page" && zbarimg -q --raw "$tmp"/page-*.png 2>/dev/null
}
pdfs() { ls "$cups"/out/*.pdf 2>/dev/null | wc -l; }
newest_pdf() { ls -t "$cups"/out/*.pdf 2>/dev/null | head -1; }
ticket_of() { sql "SELECT id FROM tickets WHERE qr_code_hash = '$(sha "$1")'"; }

# ---- a buyer, printed ----
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 2 --pay cash \
        --customer "Bartholomew Quigley" --email "bart.quigley@example.org" --json); rc=$?
tap_ok $rc "clerk_a sells 2 Stalls seats to Bartholomew Quigley"
order=$(printf '%s' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["order_id"])')
ref=$(printf '%s' "$order" | cut -c1-8 | tr a-f A-F)
out=$(as clerk_a print "$ref" --printer pdf --reason "first print" 2>&1); rc=$?
tap_ok $rc "… and prints the order on the pdf queue" || printf '#   %s\n' "$out"
tap_is "$(pdfs)" 1 "one PDF kept"
old=$(decode "$(newest_pdf)")
tap_is "$(printf '%s\n' "$old" | grep -c .)" 2 "zbarimg reads the 2 old codes"
# the seats in the order the tickets screen lists them (row, number)
first=$(sql "SELECT t.id FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.order_id = '$order'
             ORDER BY s.row_label, s.number_label::int LIMIT 1")
second=$(sql "SELECT t.id FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.order_id = '$order'
              ORDER BY s.row_label, s.number_label::int OFFSET 1")
seat1=$(sql "SELECT 'Stalls ' || s.row_label || '-' || s.number_label FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.id = '$first'")
seat2=$(sql "SELECT 'Stalls ' || s.row_label || '-' || s.number_label FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.id = '$second'")
old1=; for t in $old; do [ "$(ticket_of "$t")" = "$first" ] && old1=$t; done
tap_ok "$([ -n "$old1" ]; echo $?)" "one old code belongs to the first ticket ($seat1)"
# 25 older orders that never got paid, so the person's orders take two pages
sql "INSERT INTO orders (id, organization_id, user_id, event_id, status, created_at)
     SELECT gen_random_uuid(), organization_id, user_id, event_id, 'FAILED', created_at - make_interval(days => d)
       FROM orders, generate_series(1, 25) d WHERE id = '$order'" >/dev/null
tap_is "$(sql "SELECT count(*) FROM orders WHERE user_id = (SELECT user_id FROM orders WHERE id = '$order')")" 26 \
  "the buyer has 26 orders"

# ---- the terminal, as help_a ----
screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]: poll the screen until it shows REGEX
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
keys() { tm send-keys -t bo "$@"; sleep 0.15; }
text() { tm send-keys -t bo -l "$1"; sleep 0.15; }
servers=0
start() {  # start LOGIN ENV...: the box office at 80x24 through our cupsd
  local login=$1; shift
  tm kill-server >/dev/null 2>&1
  servers=$((servers + 1)); sock="lookup-e2e-$$-$servers"
  tm new-session -d -s bo -x 80 -y 24 \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass TERM=xterm-256color HOME=$HOME XDG_CONFIG_HOME=$XDG_CONFIG_HOME CUPS_SERVER=$CUPS_SERVER $* $bin --db 'dbname=$db user=$login' 2>>$tmp/app.err; echo EXIT=\$?; sleep 60"
}

start help_a LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for "The Tempest"; tap_ok $? "help_a: the events screen"
keys F
wait_for "Find an attendee"; tap_ok $? "F opens the search"
tap_like "$(screen)" "Type a name, e-mail, phone, order reference, or scan a ticket" "… which says what it takes"
text "B"
wait_for "Type 2 letters or more"; tap_ok $? "one letter: type 2 letters or more"
keys BSpace
text "Bartolomew Quigly"
wait_for '1 found for "Bartolomew Quigly"'; tap_ok $? "a misspelled name finds one person as typed"
s=$(screen)
tap_like "$s" "Bartholomew Quigley +bart.quigley@example.org +- +26 name" \
  "… Bartholomew Quigley, his e-mail, 26 orders, matched by name"
tap_like "$s" "Bartholomew Quigley: 26 orders, the last .*; matched by name." "… and in words under the list"
keys Enter
wait_for "^ Bartholomew Quigley "; tap_ok $? "Enter: the person"
s=$(screen)
tap_like "$s" "E-mail bart.quigley@example.org" "… with the e-mail"
tap_like "$s" "$ref .*The Tempest +PAID +2 valid +88.00" "… and the newest order first: The Tempest, PAID, 2 valid, 88.00"
tap_like "$s" "20 orders so far, newest first" "… a first page of 20 orders"
tap_like "$s" "More orders: PgDn reads the next page." "… and more to come"
keys NPage
keys NPage
wait_for "26 orders, newest first"; tap_ok $? "PgDn past the end reads the next page: 26 orders"
tap_is "$(screen | grep -c 'More orders')" 0 "… and no more to come"
tap_like "$(screen)" "FAILED +0 valid +0.00" "… the older unpaid orders among them"
keys g
keys Enter
wait_for "Order $ref . The Tempest"; tap_ok $? "Enter: the order's tickets"
s=$(screen)
tap_like "$s" "\[ \] $seat1 +Standard +42.50 VALID +1x pdf" "the first ticket: VALID, printed once on pdf"
tap_like "$s" "\[ \] $seat2 +Standard +42.50 VALID" "the second ticket: VALID"
tap_like "$s" "r reprint  c cancel  C cancel order" "the help desk is offered reprint and cancel"

# r: the first ticket printed again, with a reason
keys r
wait_for "Print 1 ticket again: $seat1"; tap_ok $? "r asks why, naming the ticket"
text "lost ticket"
keys Enter
wait_for 'Printed 1 ticket again on "pdf" \(job [0-9]+\)' 200; tap_ok $? 'Printed 1 ticket again on "pdf"'
sleep 0.5
tap_is "$(pdfs)" 2 "a new PDF was kept"
new=$(decode "$(newest_pdf)")
tap_is "$(printf '%s\n' "$new" | grep -c .)" 1 "zbarimg reads 1 new code"
tap_is "$(ticket_of "$new")" "$first" "the new code is the first ticket's"
tap_is "$(sql "SELECT reprints || ' ' || reprint_reason FROM tickets WHERE id = '$first'")" "2 lost ticket" \
  "the reprint is recorded with its reason"
tap_like "$(screen)" "$seat1 +Standard +42.50 VALID +2x pdf" "the screen was read again: printed twice"
tap_is "$(qas super_a "SELECT result FROM validate_ticket('$old1', 'Main')")" "UNKNOWN" \
  "the old code is refused at the gate: UNKNOWN"
tap_is "$(qas super_a "SELECT result FROM validate_ticket('$new', 'Main')")" "ADMITTED" \
  "the new code is admitted"
keys C-r
wait_for "$seat1 +Standard +42.50 USED [0-9:]{5} Main"; tap_ok $? "Ctrl-R: the ticket shows USED with the time and the gate"
tap_like "$(screen)" "$seat1: used .* at gate Main" "… and in full under the list"

# a scanned code typed into the search box goes straight to its ticket
keys /
wait_for "Find an attendee"; tap_ok $? "/ : a new search"
text "$new"
keys Enter
wait_for "Order $ref . The Tempest"; tap_ok $? "a scanned code and Enter open its order"
tap_like "$(screen)" "^ $seat1: used" "… at that ticket"

# c: the second ticket cancelled with its worth back in cash
keys Down
keys c
wait_for "Cancel 1 ticket: $seat2"; tap_ok $? "c: the cancel form for $seat2"
s=$(screen)
tap_like "$s" "Up to 44.00 can be refunded" "… what it can refund, from the database"
tap_like "$s" "Refund +\(•\) cash" "… cash chosen"
tap_like "$s" "Amount +44.00" "… the amount prefilled"
text "wrong night"
keys Enter
keys Enter
keys Enter
wait_for "Cancelled 1 ticket; 44.00 refunded in cash"; tap_ok $? "Enter, Enter, Enter: cancelled, 44.00 refunded in cash"
tap_like "$(screen)" "$seat2 +Standard +42.50 CANCELLED: wrong night" "the screen shows it CANCELLED with the reason"
tap_like "$(screen)" "refunded 44.00" "… and the order's refund"
tap_is "$(sql "SELECT status || ' ' || cancel_reason FROM tickets WHERE id = '$second'")" "CANCELLED wrong night" \
  "psql: the ticket is CANCELLED"
tap_is "$(sql "SELECT es.status FROM event_seats es JOIN tickets t ON t.seat_id = es.seat_id AND t.event_id = es.event_id
              WHERE t.id = '$second'")" "AVAILABLE" "psql: the seat is AVAILABLE"
tap_is "$(sql "SELECT method || ' ' || amount || ' ' || reason || ' ' || created_by FROM refunds WHERE order_id = '$order'")" \
  "CASH 44.00 wrong night help_a" "psql: the refunds row: CASH 44.00, the reason, help_a"
tap_ok "$([ "$(sql "SELECT count(*) FROM person_lookups WHERE who = 'help_a' AND kind = 'SEARCH'")" -ge 2 ]; echo $?)" \
  "psql: help_a's searches are in person_lookups"

keys Escape
wait_for "^ Bartholomew Quigley "; tap_ok $? "Esc: back to the person"
keys Escape
wait_for "Find an attendee"; tap_ok $? "Esc: back to the search"
keys Escape
wait_for "Twelfth Night"; tap_ok $? "Esc: back to the events"
keys q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# ---- ASCII, no colour; a clerk is not offered the cancel ----
start clerk_a LANG=C LC_ALL=C NO_COLOR=1
wait_for "Twelfth Night"; tap_ok $? "clerk_a in the C locale with NO_COLOR"
keys F
text "Quigley"
wait_for '1 found for "Quigley"'; tap_ok $? "the clerk finds the buyer too"
keys Enter
wait_for "^ Bartholomew Quigley "
keys Enter
wait_for "Order $ref - The Tempest - "; tap_ok $? "the order in ASCII"
s=$(screen)
tap_like "$s" "r reprint  x exchange  Esc back" "a clerk is offered the reprint and the exchange"
tap_is "$(printf '%s\n' "$s" | grep -c 'c cancel')" 0 "… and not the cancel"
tap_is "$(printf '%s' "$s" | LC_ALL=C grep -c '[^ -~]')" 0 "no non-ASCII characters"
esc=$(tm capture-pane -p -e -t bo)
tap_is "$(printf '%s' "$esc" | grep -Ec $'\e\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7])m')" 0 "NO_COLOR: no colour escapes"
keys C
wait_for "Only the help desk and supervisors cancel tickets"; tap_ok $? "C: refused in words, nothing asked"
keys Escape Escape Escape
wait_for "Twelfth Night"
keys q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"
tap_is "$(head -5 "$tmp/app.err" 2>/dev/null)" "" "nothing written to stderr (sanitizers included)"
tap_done
