#!/usr/bin/env bash
# `boxoffice seatmap` and `boxoffice sell` against the database as the demo's real
# logins: what a clerk does at the window, with its effects asserted in the tables.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_sale
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
ev="The Tempest"
evid=$(q "SELECT id FROM events WHERE title = '$ev'")

out=$(as clerk_a seatmap "$ev" Stalls --text --width 160); rc=$?
tap_ok $rc "seatmap prints the Stalls as text"
tap_ok "$( [ "$(printf '%s\n' "$out" | wc -l)" -ge 18 ]; echo $?)" "… at least one line per row (18 rows)"
tap_is "$(printf '%s\n' "$out" | awk 'length > 160' | wc -l)" 0 "… no line wider than --width"
out=$(as clerk_a seatmap "$ev" Promenade)
tap_like "$out" "general admission, [0-9]+ of 200 places left" "a standing section reports places left"

orders0=$(q "SELECT count(*) FROM orders")
out=$(as clerk_a sell --event "$ev" --section Stalls --seats "A3-A5" --pay cash --tendered 200); rc=$?
tap_ok $rc "sell A3-A5 for cash"
tap_like "$out" "sold 3 tickets: .*total 132.00 \(fees 4.50\), cash, change 68.00" \
  "3 × (42.50 + 1.50) = 132.00, change from 200.00 is 68.00"
tap_is "$(q "SELECT string_agg(s.row_label || s.number_label || ':' || t.status, ' ' ORDER BY s.number_label)
             FROM tickets t JOIN seats s ON s.id = t.seat_id
            WHERE t.event_id = '$evid' AND s.row_label = 'A' AND s.number_label IN ('3','4','5')")" \
  "A3:VALID A4:VALID A5:VALID" "three valid tickets for A3, A4, A5"
tap_is "$(q "SELECT method || ' ' || amount || ' ' || tendered || ' ' || change_due FROM payments
            WHERE created_at = (SELECT max(created_at) FROM payments)")" "CASH 132.00 200.00 68.00" \
  "the cash payment is recorded with tendered and change"

out=$(as clerk_a sell --event "$ev" --section Stalls --seats "A3-A5" --pay cash 2>&1); rc=$?
tap_is "$rc" 1 "selling the same seats again fails"
tap_like "$out" "seat not available: A-3 \(sold\)" "… naming the sold seats"
tap_is "$(q "SELECT count(*) FROM orders")" "$((orders0 + 1))" "… and makes no order"

out=$(as clerk_a sell --event "$ev" --section Stalls --best 4 --tier concession --pay card --reference T-9 --json); rc=$?
tap_ok $rc "sell the best 4 at the concession price, by card, as JSON"
tap_is "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
t = d["tickets"]
nums = sorted(int(x["number"]) for x in t)
print(len(t), len({x["row"] for x in t}), nums == list(range(nums[0], nums[0] + 4)), d["total"],
      all(len(x["token"]) == 40 for x in t))')" "4 1 True 126.00 True" \
  "4 tickets, one row, consecutive numbers, 4 × 31.50, 40-character tokens"

out=$(as clerk_a sell --event "$ev" --section Promenade --ga 3 --pay comp --reason critic 2>&1); rc=$?
tap_is "$rc" 1 "a clerk may not comp"
tap_like "$out" "only a supervisor" "… and is told so"
tap_is "$(q "SELECT held FROM event_sections es JOIN sections s ON s.id = es.section_id
             WHERE es.event_id = '$evid' AND s.name = 'Promenade'")" 0 "… and the 3 places were given back"
sold0=$(q "SELECT sold FROM event_sections es JOIN sections s ON s.id = es.section_id WHERE es.event_id = '$evid' AND s.name = 'Promenade'")
out=$(as super_a sell --event "$ev" --section Promenade --ga 3 --pay comp --reason critic); rc=$?
tap_ok $rc "a supervisor comps 3 standing places"
tap_is "$(q "SELECT sold FROM event_sections es JOIN sections s ON s.id = es.section_id WHERE es.event_id = '$evid' AND s.name = 'Promenade'")" \
  "$((sold0 + 3))" "… and the GA counter counts them"

free=$(q "SELECT m.seat_id || ' ' || m.row_label || m.number_label FROM event_seat_map('$evid') m
           JOIN sections sc ON sc.id = m.section_id
          WHERE sc.name = 'Stalls' AND m.status = 'AVAILABLE' ORDER BY m.row_label DESC LIMIT 1")
read -r free_id free_label <<<"$free"
out=$(as clerk_a sell --event "$ev" --section Stalls --seats "$free_label" --pay cash --tendered 10 2>&1); rc=$?
tap_is "$rc" 1 "too little cash is refused"
tap_like "$out" "less than the total 44.00" "… saying so"
tap_is "$(q "SELECT status FROM event_seats WHERE event_id = '$evid' AND seat_id = '$free_id'")" \
  "AVAILABLE" "… and $free_label is free again"
out=$(as clerk_a sell --event "$ev" --section Stalls --seats B1 --pay bitcoin 2>&1); rc=$?
tap_is "$rc" 2 "an unknown payment method is a usage error"
out=$(as clerk_a sell --event "No Such Show" --section Stalls --seats B1 --pay cash 2>&1); rc=$?
tap_is "$rc" 1 "an unknown event fails"
tap_like "$out" "No event \"No Such Show\"" "… naming it"
out=$(as clerk_a sell --event "$ev" --section Stalls --seats Z99 --pay cash 2>&1); rc=$?
tap_like "$out" "no row Z" "an unknown seat is named"

dropdb "$db" >/dev/null 2>&1
tap_done
