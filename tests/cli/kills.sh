#!/usr/bin/env bash
# Seats off sale on the command line (issue 6): `kill` / `unkill` through src/kills.c, and
# house seats sold with `sell --killed` (hold_killed_seats into the sale, then the usual
# order and payment), with their effects asserted in the tables.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_kills
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a super_b; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
ev="The Tempest"
evid=$(q "SELECT id FROM events WHERE title = '$ev'")
# a Stalls row with every seat on sale
row=$(q "SELECT s.row_label FROM event_seat_map('$evid') m JOIN seats s ON s.id = m.seat_id JOIN sections sc ON sc.id = m.section_id
          WHERE sc.name = 'Stalls' GROUP BY s.row_label HAVING bool_and(m.status = 'AVAILABLE') ORDER BY s.row_label LIMIT 1")
seat() {  # seat NUMBER: "STATUS:reason" of that seat of $row
  q "SELECT i.status || ':' || COALESCE(i.kill_reason, '-') FROM event_seats i JOIN seats s ON s.id = i.seat_id
       JOIN sections sc ON sc.id = s.section_id
      WHERE i.event_id = '$evid' AND sc.name = 'Stalls' AND s.row_label = '$row' AND s.number_label = '$1'"
}

out=$(as super_a kill "$ev" --section Stalls --seats "${row}1-${row}3" --reason "House seats"); rc=$?
tap_ok $rc "kill ${row}1-${row}3 as house seats"
tap_is "$out" "3 seats of Stalls taken off sale: House seats" "… says how many and why"
tap_is "$(seat 1) $(seat 2) $(seat 3)" "KILLED:House seats KILLED:House seats KILLED:House seats" \
  "… three seats KILLED with the reason"
out=$(as super_a kill "$ev" --section Stalls --seats "${row}3" --reason "Broken seat"); rc=$?
tap_is "$rc:$(seat 3)" "0:KILLED:Broken seat" "killing a seat off sale again replaces its reason"

# house seats sold by a supervisor: into the sale, then order and payment as usual
out=$(as super_a sell --event "$ev" --section Stalls --seats "${row}1" --killed --pay cash --tendered 50); rc=$?
tap_ok $rc "super_a sells ${row}1 with sell --killed"
tap_like "$out" "^sold 1 ticket: order [0-9a-f]{8} .*total 44\.00 \(fees 1\.50\), cash, change 6\.00" \
  "… at the section's price (42.50 + 1.50), change from 50.00"
tap_is "$(seat 1)" "SOLD:-" "… the seat is SOLD and no longer carries a reason"
tap_is "$(q "SELECT t.status || ' ' || o.status || ' ' || o.created_by FROM tickets t JOIN orders o ON o.id = t.order_id
             JOIN seats s ON s.id = t.seat_id JOIN sections sc ON sc.id = s.section_id
            WHERE t.event_id = '$evid' AND sc.name = 'Stalls' AND s.row_label = '$row' AND s.number_label = '1'")" \
  "VALID PAID super_a" "… with a VALID ticket of a PAID order made by super_a"

out=$(as super_a sell --event "$ev" --section Stalls --seats "${row}2" --killed --pay cash --tendered 1 2>&1); rc=$?
tap_is "$rc" 1 "a sale of house seats that is not paid fails"
tap_like "$out" "less than the total" "… saying why"
tap_is "$(seat 2)" "KILLED:House seats" "… and the seat is off sale again, with its reason"
tap_is "$(q "SELECT count(*) FROM event_seats WHERE event_id = '$evid' AND status = 'HELD'")" 0 "… nothing left held"

out=$(as clerk_a sell --event "$ev" --section Stalls --seats "${row}2" --killed --pay cash 2>&1); rc=$?
tap_is "$rc" 1 "a clerk may not sell house seats"
tap_is "$(seat 2)" "KILLED:House seats" "… the seat stays off sale"
out=$(as super_a sell --event "$ev" --section Stalls --seats "${row}5" --killed --pay cash 2>&1); rc=$?
tap_is "$rc" 1 "sell --killed of a seat on sale is refused"
tap_like "$out" "on sale: hold it the usual way" "… saying to sell it the usual way"
tap_is "$(seat 5)" "AVAILABLE:-" "… and it stays on sale"
out=$(as super_b sell --event "$ev" --section Stalls --seats "${row}2" --killed --pay cash 2>&1); rc=$?
tap_is "$rc" 1 "another organisation's supervisor does not find the event"
out=$(as super_a sell --event "$ev" --section Stalls --best 2 --killed --pay cash 2>&1); rc=$?
tap_is "$rc" 2 "--killed with --best is a usage error"
tap_like "$out" "give them with --seats" "… asking for --seats"
out=$(as super_a seatmap "$ev" Stalls --killed 2>&1); rc=$?
tap_is "$rc" 2 "--killed is for sell"

out=$(as super_a unkill "$ev" --section Stalls --seats "${row}1-${row}3"); rc=$?
tap_ok $rc "unkill ${row}1-${row}3 (one of them sold)"
tap_is "$out" "2 seats of Stalls back on sale" "… two seats back on sale; the sold one left as it is"
tap_is "$(seat 1) $(seat 2) $(seat 3)" "SOLD:- AVAILABLE:- AVAILABLE:-" "… as the table shows"
out=$(as super_a kill "$ev" --section Stalls --seats "${row}1-${row}2" --reason "Production kill" 2>&1); rc=$?
tap_is "$rc" 1 "a kill over a sold seat is refused"
tap_like "$out" "seat not available: ${row}-1 \(sold\)" "… naming the sold seat"
tap_is "$(seat 2)" "AVAILABLE:-" "… and nothing is taken off sale (all or nothing)"
tap_done
