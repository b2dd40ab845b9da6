#!/usr/bin/env bash
# The help desk on the command line (issue 7): `find` by a misspelled name, part of an
# e-mail, an order reference prefix, a QR token; `orders` and `tickets`; `cancel` with a
# refund as help_a and as a supervisor, with the effects read back from the tables by
# psql; a clerk's cancel refused; every lookup in person_lookups; another organisation
# finds nothing.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_helpdesk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a help_a help_b; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
json() { python3 -c "import json, sys; d = json.load(sys.stdin); print($1)"; }

# A buyer with a name to misspell: 2 Stalls seats (44.00 each with the fee), cash.
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 2 --pay cash \
        --customer "Bartholomew Quigley" --email "bart.quigley@example.org" --json); rc=$?
tap_ok $rc "clerk_a sells 2 seats to Bartholomew Quigley"
order=$(printf '%s' "$out" | json 'd["order_id"]')
token=$(printf '%s' "$out" | json 'd["tickets"][0]["token"]')
user=$(q "SELECT user_id FROM orders WHERE id = '$order'")
ref=$(printf '%s' "$order" | cut -c1-8 | tr a-f A-F)
lookups0=$(q "SELECT count(*) FROM person_lookups")

# ---- find ----
out=$(as help_a find "Bartolomew Quigly"); rc=$?
tap_ok $rc "help_a: find by a misspelled name"
tap_like "$out" "^1 found for \"Bartolomew Quigly\"" "… one person found"
tap_like "$out" "$user  Bartholomew Quigley  bart.quigley@example.org  -  1 order  name" \
  "… with the id, name, e-mail, orders and what matched"
out=$(as help_a find "quigley@exa" --json)
tap_is "$(printf '%s' "$out" | json '" ".join(p["name"] + "/" + p["matched"] for p in d["people"])')" \
  "Bartholomew Quigley/e-mail" "part of the e-mail finds him (JSON: matched e-mail)"
out=$(as help_a find "$ref" --json)
tap_is "$(printf '%s' "$out" | json '" ".join(p["name"] + "/" + p["matched"] + "/" + p["order_id"] for p in d["people"] if p["matched"] == "order")')" \
  "Bartholomew Quigley/order/$order" "the order reference (8 characters) finds the order"
out=$(as help_a find "$token")
tap_like "$out" "Bartholomew Quigley .* ticket \(order $ref\) ticket [0-9a-f-]{36}" "a scanned QR token finds its holder and ticket"
out=$(as help_b find "Bartholomew Quigley"); rc=$?
tap_ok $rc "help_b (Harbour Arts) searches too"
tap_like "$out" "^0 found" "… and finds nobody of the Lyric Theatre"
out=$(as help_a find "B" 2>&1)
tap_like "$out" "^[0-9]+ found for \"B\"" "one letter still works on the command line (names starting with it)"

# ---- orders, tickets ----
out=$(as help_a orders "$user"); rc=$?
tap_ok $rc "orders PERSON"
tap_like "$out" "^Bartholomew Quigley: 1 order" "… names the person"
tap_like "$out" "$ref  $order  .*The Tempest, .*PAID  total 88.00  tickets: 2 valid, 0 used, 0 cancelled" \
  "… the order with its event, status, total and tickets"
out=$(as help_a tickets "${ref:0:6}" --json); rc=$?
tap_ok $rc "tickets by a reference prefix, as JSON"
tap_is "$(printf '%s' "$out" | json 'd["name"] + " " + " ".join(t["row"] + t["number"] + ":" + t["status"] + ":" + t["price"] for t in d["tickets"])')" \
  "Bartholomew Quigley $(q "SELECT string_agg(s.row_label || s.number_label || ':VALID:42.50', ' ' ORDER BY s.number_label::int)
                           FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.order_id = '$order'")" \
  "… the buyer and both seats, VALID at 42.50"
t1=$(printf '%s' "$out" | json 'd["tickets"][0]["ticket_id"]')
t2=$(printf '%s' "$out" | json 'd["tickets"][1]["ticket_id"]')
out=$(as help_a tickets 99999999 2>&1); rc=$?
tap_is "$rc" 1 "an unknown reference exits 1"
tap_like "$out" 'No order "99999999" in your organisation' "… saying so"
out=$(as help_a orders "not-a-person" 2>&1); rc=$?
tap_is "$rc" 1 "a person id that is not one exits 1"

# the gate admits t1: the ticket shows when and where
qas() { PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=$1" -c "$2"; }
tap_is "$(qas super_a "SELECT result FROM validate_ticket('$token', 'North')")" "ADMITTED" "the first ticket is scanned at the North gate"
used=$(q "SELECT id FROM tickets WHERE order_id = '$order' AND status = 'USED'")
valid=$(q "SELECT id FROM tickets WHERE order_id = '$order' AND status = 'VALID'")
out=$(as help_a tickets "$order")
tap_like "$out" "$used  Stalls [A-Z]-[0-9]+  Standard  42.50  USED 20[0-9-]+T[0-9:]+Z at North" \
  "tickets shows the used one with the time and the gate"

# ---- cancel ----
out=$(as clerk_a cancel "$valid" --reason "wrong night" --refund cash --amount 44 2>&1); rc=$?
tap_is "$rc" 1 "a clerk's cancel exits 1"
tap_like "$out" "not allowed" "… refused by the database's grant, in words"
tap_is "$(q "SELECT status FROM tickets WHERE id = '$valid'")" "VALID" "… and the ticket is still valid"
out=$(as help_a cancel "$used" --reason "wrong night" 2>&1); rc=$?
tap_is "$rc" 1 "cancelling a used ticket exits 1"
tap_like "$out" "is used and cannot be taken back" "… in the database's words"
out=$(as help_a cancel "$valid" --reason "wrong night" --refund cash --amount 44.01 2>&1); rc=$?
tap_is "$rc" 1 "a refund above the worth exits 1"
tap_like "$out" "more than the tickets are worth \(44.00\)" "… and says what they are worth"
out=$(as help_a cancel "$valid" --reason "wrong night" --refund none --amount 5 2>&1); rc=$?
tap_is "$rc" 1 "an amount with no refund method exits 1"
out=$(as help_a cancel "$valid" --reason "wrong night" --refund cash --amount 44); rc=$?
tap_ok $rc "help_a cancels the valid ticket with 44.00 back in cash"
tap_like "$out" "cancelled 1 ticket of order $ref; refunded 44.00 in cash \(the tickets were worth 44.00\)" \
  "… and says so"
tap_is "$(q "SELECT status || ' ' || cancel_reason FROM tickets WHERE id = '$valid'")" "CANCELLED wrong night" \
  "psql: the ticket is CANCELLED with the reason"
tap_is "$(q "SELECT es.status FROM event_seats es JOIN tickets t ON t.seat_id = es.seat_id AND t.event_id = es.event_id
             WHERE t.id = '$valid'")" "AVAILABLE" "psql: its seat is on sale again"
tap_is "$(q "SELECT method || ' ' || amount || ' ' || reason || ' ' || created_by || ' ' || (ticket_ids = ARRAY['$valid']::uuid[])
             FROM refunds WHERE order_id = '$order'")" "CASH 44.00 wrong night help_a true" \
  "psql: the refund row: cash, 44.00, the reason, help_a, the ticket"
out=$(as help_a tickets "$ref")
tap_like "$out" "$valid  Stalls .*CANCELLED 20[0-9-]+T[0-9:]+Z: wrong night" "tickets shows it cancelled with the reason"
out=$(as help_a orders "$user" --json)
tap_is "$(printf '%s' "$out" | json 'd["orders"][0]["refunded"] + " " + str(d["orders"][0]["tickets_cancelled"])')" \
  "44.00 1" "orders: 44.00 refunded, one ticket cancelled"

# A whole order, by its reference, as a supervisor; card refund.
out=$(as clerk_a sell --event "The Tempest" --section Promenade --ga 3 --pay card --reference T-9 \
        --customer "Wilhelmina Oduya" --json); rc=$?
tap_ok $rc "a second buyer: 3 standing places by card"
order2=$(printf '%s' "$out" | json 'd["order_id"]')
ref2=$(printf '%s' "$order2" | cut -c1-8)
sold0=$(q "SELECT es.sold FROM event_sections es JOIN sections s ON s.id = es.section_id
            WHERE es.event_id = (SELECT event_id FROM orders WHERE id = '$order2') AND s.name = 'Promenade'")
out=$(as super_a cancel --order "$ref2" --reason "show moved" --refund card --amount 20); rc=$?
tap_ok $rc "super_a cancels the whole order by its reference, 20.00 to the card"
tap_like "$out" "cancelled 3 tickets of order $(printf '%s' "$ref2" | tr a-f A-F); refunded 20.00 to the card \(the tickets were worth 46.50\)" \
  "… 3 tickets, worth 3 × 15.50"
tap_is "$(q "SELECT count(*) FILTER (WHERE status = 'CANCELLED') || '/' || count(*) FROM tickets WHERE order_id = '$order2'")" \
  "3/3" "psql: every ticket of the order is cancelled"
tap_is "$(q "SELECT es.sold FROM event_sections es JOIN sections s ON s.id = es.section_id
            WHERE es.event_id = (SELECT event_id FROM orders WHERE id = '$order2') AND s.name = 'Promenade'")" \
  "$((sold0 - 3))" "psql: the 3 standing places came back"
tap_is "$(q "SELECT method || ' ' || amount || ' ' || created_by FROM refunds WHERE order_id = '$order2'")" \
  "CARD 20.00 super_a" "psql: the card refund of 20.00 by super_a"
out=$(as super_a cancel --order "$ref2" --reason "again" 2>&1); rc=$?
tap_is "$rc" 1 "cancelling it again exits 1"
tap_like "$out" "has no valid tickets to cancel" "… the database says nothing is left"
out=$(as help_a cancel --order "$ref2" --reason x --refund cash 2>&1); rc=$?
tap_is "$rc" 2 "--refund cash without --amount is a usage error"

# ---- the record of lookups ----
tap_is "$(q "SELECT count(*) FROM person_lookups WHERE who = 'help_a' AND kind = 'SEARCH'
             AND query IN ('Bartolomew Quigly', '$ref')")" "2" \
  "person_lookups: help_a's name and order-reference searches, each as typed"
tap_is "$(q "SELECT _contact_open(query_sealed, _contact_key()) FROM person_lookups
             WHERE who = 'help_a' AND kind = 'SEARCH' AND query = '(e-mail)'")" "quigley@exa" \
  "… the e-mail search kept sealed (0014), what was typed readable with the key"
tap_is "$(q "SELECT count(*) FROM person_lookups WHERE who = 'help_a' AND kind = 'SEARCH'
             AND query = '(ticket code)' AND query_sealed IS NULL")" "1" \
  "… the scanned ticket code logged as such, the code itself not kept"
tap_is "$(q "SELECT results FROM person_lookups WHERE who = 'help_a' AND query = 'Bartolomew Quigly'")" "1" \
  "… and how many were found"
tap_ok "$([ "$(q "SELECT count(*) FROM person_lookups WHERE who = 'help_a' AND kind = 'PERSON' AND user_id = '$user'")" -ge 2 ]; echo $?)" \
  "… opening the person's orders recorded, naming them"
tap_ok "$([ "$(q "SELECT count(*) FROM person_lookups WHERE who = 'help_a' AND kind = 'ORDER' AND order_id = '$order'")" -ge 3 ]; echo $?)" \
  "… every read of the order's tickets recorded"
tap_is "$(q "SELECT count(*) FROM person_lookups WHERE who = 'help_b'")" "1" "help_b's search is recorded as theirs"
tap_ok "$([ "$(q "SELECT count(*) FROM person_lookups")" -gt "$lookups0" ]; echo $?)" "the record only grew"
tap_done
