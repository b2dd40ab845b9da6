#!/usr/bin/env bash
# An exchange end to end (issue 7): a buyer's one Stalls ticket (44.00) becomes two seats
# (88.00) in the terminal. clerk_a finds the buyer (F), marks the ticket, x with a reason,
# opens The Tempest again, holds two seats, and pays the 44.00 due in cash. Then psql:
# the old ticket CANCELLED ("exchanged: …"), its seat AVAILABLE, the new order PAID for the
# same person with an EXCHANGE payment of 44.00 and 44.00 cash; the old code is refused
# at the gate (`validate` exits 4, cancelled).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
base=${BOXOFFICE_TEST_TMP:-/tmp}
tmp=$(mktemp -d "$base/e2ex.XXXXXX")
chmod 755 "$tmp"
db=boxoffice_e2e_exchange
sock="exchange-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
{ createdb "$db" && "$bin" --db "dbname=$db" migrate up \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql; } >"$tmp/setup.log" 2>&1
tap_ok $? "a fresh database with the demo data" || tail -20 "$tmp/setup.log" | sed 's/^/#   /'
printf '*:*:%s:clerk_a:clerk_a-demo\n' "$db" >"$tmp/pgpass"; chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
as() { PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=clerk_a" "$@"; }
event=$(sql "SELECT id FROM events WHERE title = 'The Tempest'")

out=$(as sell --event "The Tempest" --section Stalls --best 1 --pay cash \
        --customer "Xavier Exchangeworth" --email "xavier@example.org" --json); rc=$?
tap_ok $rc "clerk_a sells one Stalls seat to Xavier Exchangeworth"
old_order=$(printf '%s' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["order_id"])')
old_ticket=$(printf '%s' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["tickets"][0]["ticket_id"])')
old_token=$(printf '%s' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["tickets"][0]["token"])')
old_seat=$(sql "SELECT seat_id FROM tickets WHERE id = '$old_ticket'")
tap_is "$(sql "SELECT total_amount FROM orders WHERE id = '$old_order'")" "44.00" "… for 44.00"
row=H
n=$(sql "SELECT s.number_label FROM event_seats i JOIN seats s ON s.id = i.seat_id
           JOIN sections sc ON sc.id = s.section_id
          WHERE i.event_id = '$event' AND sc.name = 'Stalls' AND s.row_label = '$row' AND i.status = 'AVAILABLE'
            AND EXISTS (SELECT 1 FROM event_seats i2 JOIN seats s2 ON s2.id = i2.seat_id
                         WHERE i2.event_id = i.event_id AND s2.section_id = s.section_id
                           AND s2.row_label = s.row_label AND i2.status = 'AVAILABLE'
                           AND s2.number_label = (s.number_label::int + 1)::text)
          ORDER BY s.number_label::int LIMIT 1")

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
keys() { tm send-keys -t bo "$@"; sleep 0.15; }
text() { tm send-keys -t bo -l "$1"; sleep 0.15; }
tm new-session -d -s bo -x 80 -y 24 \
  "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $bin --db 'dbname=$db user=clerk_a' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
wait_for "The Tempest"; tap_ok $? "clerk_a: the events screen"
keys F
wait_for "Find an attendee"; tap_ok $? "F: the search"
text "Xavier Exchangewort"
wait_for '1 found'; tap_ok $? "the buyer is found"
keys Enter
wait_for "Xavier Exchangeworth"; keys Enter
wait_for "Order [0-9A-F]{8}"; tap_ok $? "Enter, Enter: the order's tickets"
tap_like "$(screen)" "x exchange" "a clerk is offered x exchange"
keys x
wait_for "Exchange 1 ticket"; tap_ok $? "x asks why"
text "bigger party"
keys Enter
wait_for "Exchanging 1 ticket worth 44\.00"; tap_ok $? "back on the events screen, the exchange under way"
keys g
keys Enter
wait_for "1 Stalls"; keys Enter
wait_for "Stalls row"; tap_ok $? "The Tempest, Stalls: the seat map"
keys g; text "$row$n"; keys Enter
keys Space
keys g; text "$row$((n + 1))"; keys Enter
keys Space
wait_for "2 selected"; tap_ok $? "two new seats held ($row$n, $row$((n + 1)))"
keys Enter
wait_for "Total 88\.00"; tap_ok $? "the order: 88.00"
keys Enter
wait_for "44\.00 to pay"; tap_ok $? "the pay screen: new 88.00 less 44.00 worth, 44.00 to pay"
keys 1
keys Tab
text "50.00"
wait_for "Change due: 6\.00"; tap_ok $? "cash 50.00: change 6.00"
keys Enter
wait_for "Paid in full"; keys Enter
wait_for "Exchanged: the old tickets no longer work"; tap_ok $? "done: exchanged"
new_order=$(sql "SELECT order_id FROM payments WHERE method = 'EXCHANGE' AND reference = '$old_order'")
tap_ok "$([ -n "$new_order" ]; echo $?)" "an EXCHANGE payment names the old order"
tap_is "$(sql "SELECT status || ' ' || cancel_reason FROM tickets WHERE id = '$old_ticket'")" \
  "CANCELLED exchanged: bigger party" "the old ticket is cancelled with the reason"
tap_is "$(sql "SELECT status FROM event_seats WHERE event_id = '$event' AND seat_id = '$old_seat'")" "AVAILABLE" \
  "its seat is on sale again"
tap_is "$(sql "SELECT o.status || ' ' || o.total_amount || ' ' || (o.user_id = (SELECT user_id FROM orders WHERE id = '$old_order'))
               FROM orders o WHERE o.id = '$new_order'")" "PAID 88.00 true" "the new order: PAID, 88.00, the same person"
tap_is "$(sql "SELECT string_agg(method || ' ' || amount, ', ' ORDER BY method) FROM payments WHERE order_id = '$new_order'")" \
  "CASH 44.00, EXCHANGE 44.00" "paid with 44.00 cash and the old ticket's 44.00"
tap_is "$(sql "SELECT count(*) FROM tickets t JOIN seats s ON s.id = t.seat_id
               WHERE t.order_id = '$new_order' AND t.status = 'VALID' AND s.row_label = '$row'
                 AND s.number_label IN ('$n', '$((n + 1))')")" 2 "two valid tickets for the seats picked"
out=$(as validate "$old_token" --gate Main 2>&1); rc=$?
tap_is "$rc" 4 "the old code at the gate: refused as cancelled (exit 4)"

# ---- back to one seat: 44.00 handed back in cash ----
keys Enter
keys Escape; keys Escape
wait_for "Twelfth Night"
keys F
wait_for "Find an attendee"
text "Xavier Exchangewort"
wait_for '1 found'; keys Enter
wait_for "Xavier Exchangeworth"; keys Enter
wait_for "Order [0-9A-F]{8}"; tap_ok $? "the newest order (the exchange's) opens first"
keys Space; keys Space
keys x
wait_for "Exchange 2 tickets"; tap_ok $? "both tickets marked: x names two"
text "smaller party"; keys Enter
wait_for "Exchanging 2 tickets worth 88\.00"; tap_ok $? "worth 88.00"
m=$(sql "SELECT s.number_label FROM event_seats i JOIN seats s ON s.id = i.seat_id
           JOIN sections sc ON sc.id = s.section_id
          WHERE i.event_id = '$event' AND sc.name = 'Stalls' AND s.row_label = 'J' AND i.status = 'AVAILABLE'
          ORDER BY s.number_label::int LIMIT 1")
keys g; keys Enter
wait_for "1 Stalls"; keys Enter
wait_for "Stalls row"
keys g; text "J$m"; keys Enter
keys Space
wait_for "1 selected"; keys Enter
wait_for "Total 44\.00"; keys Enter
wait_for "44\.00 back"; tap_ok $? "one seat for 44.00: 44.00 back, asked how"
tap_like "$(screen)" "c: in cash +k: to the card" "… in cash or to the card"
keys c
wait_for "Hand back 44\.00 \(CASH\)"; tap_ok $? "c: exchanged, hand back 44.00 in cash"
tap_is "$(sql "SELECT method || ' ' || amount || ' ' || created_by FROM refunds WHERE order_id = '$new_order'")" \
  "CASH 44.00 clerk_a" "the refund is recorded against the order paid for"
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$new_order' AND status = 'CANCELLED'")" 2 \
  "the two tickets are cancelled"
tap_is "$(sql "SELECT count(*) FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.status = 'VALID'
               AND s.row_label = 'J' AND s.number_label = '$m' AND t.event_id = '$event'")" 1 "J$m is sold to him"
keys Enter
keys Escape; keys Escape
keys q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"
tap_done
