#!/usr/bin/env bash
# `exchange` on the command line: one seat for two with money due (cash, change), two
# for one with money handed back, the same price at another performance, standing
# places for a seat; the old code refused at the gate as CANCELLED, the new admitted;
# every effect read back from payments, orders, tickets, refunds and event_seats by
# psql. Refusals: no --pay when due, no --refund when owed, a used ticket, a ticket of
# another organisation, a help-desk login, a seat already sold (nothing changed).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_hx_exchange
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a help_a clerk_b; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
# a free seat of a section at an event: "A-12" style label for --seats
free_seat() {
  q "SELECT s.row_label || s.number_label FROM event_seats es JOIN seats s ON s.id = es.seat_id
       JOIN sections sec ON sec.id = s.section_id JOIN events e ON e.id = es.event_id
      WHERE e.title = '${1//\'/\'\'}' AND sec.name = '$2' AND es.status = 'AVAILABLE'
      ORDER BY s.row_label, s.number_label::int LIMIT 1 OFFSET ${3:-0}"
}
status_of() { q "SELECT status FROM tickets WHERE id = '$1'"; }

tap_like "$("$bin" help)" "exchange TICKET\.\.\. --event EVENT --section SECTION WHAT --reason WHY" \
  "boxoffice help lists exchange"

# ---- one Balcony seat (29.00) for two Stalls seats (2 × 44.00): 59.00 due, paid cash ----
out=$(as clerk_a sell --event "The Tempest" --section Balcony --best 1 --pay cash \
        --customer "Ottoline Vance" --json); rc=$?
tap_ok $rc "clerk_a sells Ottoline Vance one Balcony seat (29.00)"
order1=$(printf '%s' "$out" | json 'd["order_id"]')
t1=$(printf '%s' "$out" | json 'd["tickets"][0]["ticket_id"]')
tok1=$(printf '%s' "$out" | json 'd["tickets"][0]["token"]')
user1=$(q "SELECT user_id FROM orders WHERE id = '$order1'")

out=$(as clerk_a exchange "$t1" --event "The Tempest" --section Stalls --best 2 --reason "more friends" 2>&1); rc=$?
tap_is "$rc" 2 "no --pay when 59.00 is due: a usage error (exit 2)"
tap_like "$out" "59\.00 is due on this exchange \(the new tickets 88\.00 less 29\.00 the old ones are worth\): take it with --pay cash" \
  "… saying what is due and how to take it"
tap_is "$(status_of "$t1")" "VALID" "… the old ticket is still valid"
tap_is "$(q "SELECT count(*) FROM event_seats WHERE status = 'HELD'")" "0" "… and no seat was held"

out=$(as clerk_a exchange "$t1" --event "The Tempest" --section Stalls --best 2 --reason "more friends" \
        --pay cash --tendered 50 2>&1); rc=$?
tap_is "$rc" 1 "cash tendered below what is due exits 1"
tap_like "$out" "Cash tendered 50\.00 is less than the total 59\.00" "… in sell's words"
tap_is "$(q "SELECT count(*) FROM event_seats WHERE status = 'HELD'")" "0" "… nothing held"

out=$(as clerk_a exchange "$t1" --event "The Tempest" --section Stalls --best 2 --reason "more friends" \
        --pay cash --tendered 60); rc=$?
tap_ok $rc "clerk_a exchanges the Balcony seat for two Stalls seats, 60.00 tendered"
order2=$(printf '%s' "$out" | sed -n 's/.*order [0-9a-f]\{8\} (\([0-9a-f-]\{36\}\)).*/\1/p' | head -1)
ref2=${order2:0:8}
tap_like "$out" "^exchanged 1 ticket for 2: order $ref2 \($order2\), total 88\.00 less 29\.00 the old ones were worth: paid 59\.00 in cash, change 1\.00; the old tickets no longer work" \
  "… prints the new order, what was paid and the change"
tap_like "$(printf '%s' "$out" | sed -n 2p)" "^  Stalls .* Standard +42\.50  [0-9A-F]{40}$" "… and each new ticket with its token, as sell does"
tap_is "$(printf '%s' "$out" | grep -cE '^  Stalls ')" "2" "… two new tickets"
tok2=$(printf '%s' "$out" | sed -n 2p | awk '{print $NF}')
tap_is "$(q "SELECT status || ' ' || total_amount || ' ' || (user_id = '$user1') FROM orders WHERE id = '$order2'")" \
  "PAID 88.00 true" "psql: the new order is PAID, 88.00, for the same person"
tap_is "$(q "SELECT string_agg(method || ' ' || amount || ' ' || coalesce(tendered::text, '-') || ' ' || coalesce(change_due::text, '-') || ' ' || coalesce(reference, '-'), ', ' ORDER BY method)
             FROM payments WHERE order_id = '$order2'")" \
  "CASH 59.00 60.00 1.00 -, EXCHANGE 29.00 - - $order1" \
  "psql: payments 59.00 cash (60.00 tendered, 1.00 change) and 29.00 EXCHANGE from the old order"
tap_is "$(q "SELECT count(*) || ' ' || bool_and(status = 'VALID') || ' ' || sum(price_snapshot) FROM tickets WHERE order_id = '$order2'")" \
  "2 true 85.00" "psql: two valid tickets on the new order"
tap_is "$(q "SELECT status || ' ' || cancel_reason FROM tickets WHERE id = '$t1'")" "CANCELLED exchanged: more friends" \
  "psql: the old ticket is CANCELLED, saying why"
tap_is "$(q "SELECT es.status FROM event_seats es JOIN tickets t ON t.seat_id = es.seat_id AND t.event_id = es.event_id WHERE t.id = '$t1'")" \
  "AVAILABLE" "psql: the old seat is on sale again"
tap_is "$(q "SELECT count(*) FROM refunds WHERE order_id = '$order1'")" "0" "psql: no refund on the old order"

out=$(as clerk_a validate "$tok1" --gate North); rc=$?
tap_is "$rc" 4 "validate: the old code exits 4"
tap_like "$out" "^CANCELLED" "… CANCELLED"
out=$(as clerk_a validate "$tok2" --gate North); rc=$?
tap_is "$rc" 0 "validate: a new code exits 0"
tap_like "$out" "^ADMITTED" "… ADMITTED"

# ---- the two Stalls seats (88.00) back for one Balcony seat (29.00): 59.00 back ----
used2=$(q "SELECT id FROM tickets WHERE order_id = '$order2' AND status = 'USED'")
valid2=$(q "SELECT id FROM tickets WHERE order_id = '$order2' AND status = 'VALID'")
out=$(as clerk_a exchange "$used2" "$valid2" --event "The Tempest" --section Balcony --best 1 \
        --reason "fewer friends" --refund cash 2>&1); rc=$?
tap_is "$rc" 1 "a used ticket cannot be exchanged: exit 1"
tap_like "$out" "ticket $used2 is used and cannot be taken back" "… in the database's words"
tap_is "$(status_of "$valid2")" "VALID" "… its companion is still valid"
tap_is "$(q "SELECT count(*) FROM event_seats WHERE status = 'HELD'")" "0" "… and nothing is held"

# a fresh pair for the refund: 2 Stalls seats, 88.00 by card
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 2 --pay card --reference T-7 \
        --customer "Ptolemy Marsh" --json); rc=$?
tap_ok $rc "clerk_a sells Ptolemy Marsh two Stalls seats by card (88.00)"
order3=$(printf '%s' "$out" | json 'd["order_id"]')
a3=$(printf '%s' "$out" | json 'd["tickets"][0]["ticket_id"]')
b3=$(printf '%s' "$out" | json 'd["tickets"][1]["ticket_id"]')
out=$(as clerk_a exchange "$a3" "$b3" --event "The Tempest" --section Balcony --best 1 --reason "fewer friends" 2>&1); rc=$?
tap_is "$rc" 2 "no --refund when 59.00 is owed back: a usage error (exit 2)"
tap_like "$out" "59\.00 is owed back on this exchange \(the old tickets are worth 88\.00, the new ones 29\.00\): hand it back with --refund cash or --refund card" \
  "… saying what is owed"
tap_is "$(status_of "$a3")" "VALID" "… the tickets are untouched"
out=$(as clerk_a exchange "$a3" "$b3" --event "The Tempest" --section Balcony --best 1 --reason "fewer friends" \
        --pay cash 2>&1); rc=$?
tap_is "$rc" 2 "--pay when money is owed back: exit 2"
tap_like "$out" "59\.00 is owed back on this exchange .*: leave out --pay and hand it back with --refund cash" "… leave out --pay, hand it back"
out=$(as clerk_a exchange "$a3" "$b3" --event "The Tempest" --section Balcony --best 1 --reason "fewer friends" \
        --refund card --json); rc=$?
tap_ok $rc "clerk_a exchanges two Stalls seats for one Balcony seat, 59.00 back to the card (JSON)"
order4=$(printf '%s' "$out" | json 'd["order_id"]')
tap_is "$(printf '%s' "$out" | json '" ".join([d["worth"], d["total"], d["paid"], d["refunded"], d["refund"], str(d["pay"]), str(len(d["tickets"])), d["tickets"][0]["section"], str(len(d["tickets"][0]["token"]))])')" \
  "88.00 29.00 0.00 59.00 card None 1 Balcony 40" "… JSON: worth, total, nothing paid, 59.00 back to the card, one Balcony ticket with a token"
tap_is "$(q "SELECT method || ' ' || amount || ' ' || reason || ' ' || created_by || ' ' || (ticket_ids = (SELECT array_agg(x ORDER BY x) FROM unnest(ARRAY['$a3', '$b3']::uuid[]) x))
             FROM refunds WHERE order_id = '$order3'")" "CARD 59.00 exchange: fewer friends clerk_a true" \
  "psql: the refund row on the old order: card, 59.00, why, who, both tickets"
tap_is "$(q "SELECT string_agg(method || ' ' || amount, ', ') FROM payments WHERE order_id = '$order4'")" "EXCHANGE 29.00" \
  "psql: the new order is paid by the exchange alone (29.00)"
tap_is "$(q "SELECT count(*) FILTER (WHERE status = 'CANCELLED') FROM tickets WHERE order_id = '$order3'")" "2" \
  "psql: both old tickets cancelled"

# ---- the same price at another performance: nothing to pay ----
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 1 --pay cash --json); rc=$?
t5=$(printf '%s' "$out" | json 'd["tickets"][0]["ticket_id"]')
seat=$(free_seat "A Midsummer Night's Dream" Stalls)
out=$(as clerk_a exchange "$t5" --event "A Midsummer Night's Dream" --section Stalls --seats "$seat" \
        --reason "wrong night" --refund cash 2>&1); rc=$?
tap_is "$rc" 2 "--refund when nothing is owed: exit 2"
tap_like "$out" "nothing is due or owed back on this exchange \(the new tickets 44\.00, what the old ones are worth\): leave out --refund" "… leave out --refund"
out=$(as clerk_a exchange "$t5" --event "A Midsummer Night's Dream" --section Stalls --seats "$seat" \
        --reason "wrong night"); rc=$?
tap_ok $rc "clerk_a moves a Stalls seat to the Dream at the same price, no --pay or --refund"
tap_like "$out" "^exchanged 1 ticket for 1: order [0-9a-f]{8} \([0-9a-f-]{36}\), total 44\.00, what the old ones were worth: nothing to pay" \
  "… says there was nothing to pay"
order6=$(printf '%s' "$out" | sed -n 's/.*order [0-9a-f]\{8\} (\([0-9a-f-]\{36\}\)).*/\1/p' | head -1)
tap_is "$(q "SELECT e.title || ' ' || s.row_label || s.number_label FROM tickets t JOIN events e ON e.id = t.event_id
             JOIN seats s ON s.id = t.seat_id WHERE t.order_id = '$order6' AND t.status = 'VALID'")" \
  "A Midsummer Night's Dream $seat" "psql: the new ticket is for the Dream, on the seat asked for"
tap_is "$(q "SELECT es.status FROM event_seats es JOIN events e ON e.id = es.event_id JOIN seats s ON s.id = es.seat_id
             JOIN sections sec ON sec.id = s.section_id
             WHERE e.title = 'A Midsummer Night''s Dream' AND sec.name = 'Stalls' AND s.row_label || s.number_label = '$seat'")" \
  "SOLD" "psql: that seat is SOLD at the Dream"
tap_is "$(q "SELECT string_agg(method || ' ' || amount, ', ') FROM payments WHERE order_id = '$order6'")" "EXCHANGE 44.00" \
  "psql: paid only by the exchange"
tap_is "$(status_of "$t5")" "CANCELLED" "psql: the Tempest ticket is cancelled"

# ---- standing places (2 × 15.50) for a Concession seat (31.50): 0.50 due by card ----
out=$(as clerk_a sell --event "The Tempest" --section Promenade --ga 2 --pay cash --json); rc=$?
g1=$(printf '%s' "$out" | json 'd["tickets"][0]["ticket_id"]')
g2=$(printf '%s' "$out" | json 'd["tickets"][1]["ticket_id"]')
gaorder=$(printf '%s' "$out" | json 'd["order_id"]')
sold0=$(q "SELECT es.sold FROM event_sections es JOIN sections s ON s.id = es.section_id JOIN events e ON e.id = es.event_id
            WHERE e.title = 'The Tempest' AND s.name = 'Promenade'")
out=$(as clerk_a exchange "$g1" "$g2" --event "The Tempest" --section Stalls --best 1 --tier Concession \
        --reason "wants a seat" --pay card --reference T-42); rc=$?
tap_ok $rc "clerk_a exchanges 2 standing places for a Concession seat, 0.50 by card"
tap_like "$out" "total 31\.50 less 31\.00 the old ones were worth: paid 0\.50 by card" "… 0.50 paid by card"
tap_like "$(printf '%s' "$out" | sed -n 2p)" "^  Stalls .* Concession +30\.00  [0-9A-F]{40}$" "… a Concession ticket with its token"
order7=$(printf '%s' "$out" | sed -n 's/.*order [0-9a-f]\{8\} (\([0-9a-f-]\{36\}\)).*/\1/p' | head -1)
tap_is "$(q "SELECT string_agg(method || ' ' || amount || ' ' || coalesce(reference, '-'), ', ' ORDER BY method) FROM payments WHERE order_id = '$order7'")" \
  "CARD 0.50 T-42, EXCHANGE 31.00 $gaorder" "psql: 0.50 by card with its reference, 31.00 from the standing order"
tap_is "$(q "SELECT es.sold FROM event_sections es JOIN sections s ON s.id = es.section_id JOIN events e ON e.id = es.event_id
            WHERE e.title = 'The Tempest' AND s.name = 'Promenade'")" "$((sold0 - 2))" "psql: the two standing places came back"
tap_is "$(q "SELECT count(*) FROM tickets WHERE order_id = '$order7' AND seat_id IS NOT NULL AND status = 'VALID'")" "1" \
  "psql: one seated ticket on the new order"

# ---- refusals ----
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 1 --pay cash --json)
t8=$(printf '%s' "$out" | json 'd["tickets"][0]["ticket_id"]')
taken=$(q "SELECT s.row_label || s.number_label FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.order_id = '$order2' AND t.status = 'VALID'")
out=$(as clerk_a exchange "$t8" --event "The Tempest" --section Stalls --seats "$taken" --reason "closer" 2>&1); rc=$?
tap_is "$rc" 1 "a seat already sold: exit 1"
tap_like "$out" "[Ss]eat .*(not available|sold)" "… saying the seat is taken"
tap_is "$(status_of "$t8")" "VALID" "… the ticket is still valid"
tap_is "$(q "SELECT count(*) FROM event_seats WHERE status = 'HELD'")" "0" "… nothing left held"

out=$(as help_a exchange "$t8" --event "The Tempest" --section Stalls --best 1 --reason "closer" 2>&1); rc=$?
tap_is "$rc" 1 "help_a (help desk) may not exchange: exit 1"
tap_like "$out" "Only clerks and supervisors exchange tickets" "… in words"
tap_is "$(status_of "$t8")" "VALID" "… the ticket is still valid"
out=$(PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=help_a" \
        -c "SELECT exchange_tickets(ARRAY['$t8']::uuid[], gen_random_uuid(), gen_random_uuid(), '[]', 'x')" 2>&1)
tap_like "$out" "permission denied for function exchange_tickets" "… and the database itself refuses help_a"

out=$(as clerk_b exchange "$t8" --event "Harbour Jazz Night" --section Floor --ga 1 --reason "other town" 2>&1); rc=$?
tap_is "$rc" 1 "clerk_b (Harbour Arts) cannot exchange a Lyric ticket: exit 1"
tap_like "$out" "a ticket was not found" "… it is not found for them"
tap_is "$(status_of "$t8")" "VALID" "… and it stays valid"
tap_is "$(q "SELECT count(*) FROM orders o JOIN organizations g ON g.id = o.organization_id
             WHERE g.name = 'Harbour Arts Trust' AND o.status = 'PENDING'")" "0" "… no order left pending for Harbour Arts"

out=$(as super_a exchange "$t8" --event "The Tempest" --section Stalls --best 1 --reason "supervisor moves it"); rc=$?
tap_ok $rc "a supervisor exchanges too (same price)"
out=$(as clerk_a exchange "$t8" --event "The Tempest" --section Stalls --best 1 --reason "again" 2>&1); rc=$?
tap_is "$rc" 1 "an exchanged ticket cannot be exchanged again"
tap_like "$out" "is cancelled and cannot be taken back" "… it is cancelled"
out=$(as clerk_a exchange "$t8" --event "The Tempest" --section Stalls --best 1 --reason "x" --customer "Z" 2>&1); rc=$?
tap_is "$rc" 2 "--customer is not an exchange option (exit 2)"
tap_done
