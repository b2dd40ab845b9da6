#!/usr/bin/env bash
# Supervisors on the command line: `stats` figures against the tables (also after
# cancellations), organisation and role limits, event set-up refusals, kills, and a
# shift with a blind count signed off by another supervisor.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_supervisor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -c "SELECT add_staff_login('super_c',
       'a0000000-0000-4000-8000-000000000001', 'SUPERVISOR', 'Cal Supervisor', 'super_c-demo')" >/dev/null
tap_ok $? "a database with the demo data and a second Lyric supervisor"
for l in clerk_a super_a super_c help_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
qas() { local who=$1; shift; PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=$who" -c "$1"; }
ev="The Tempest"
evid=$(q "SELECT id FROM events WHERE title = '$ev'")
json_totals() {  # the totals of stats --json as "orders tickets gross fees net"
  python3 -c 'import json, sys; t = json.load(sys.stdin)["totals"]
print(t["orders"], t["tickets_sold"], t["gross"], t["fees"], t["net"])'
}
direct() {  # the same figures straight from orders and tickets
  q "SELECT count(*) || ' ' || COALESCE(sum(n), 0) || ' ' || COALESCE(sum(total_amount), 0.00) || ' '
            || COALESCE(sum(platform_fee), 0.00) || ' ' || COALESCE(sum(net_amount), 0.00)
       FROM (SELECT o.*, (SELECT count(*) FROM tickets t WHERE t.order_id = o.id
                           AND t.status IN ('VALID', 'USED')) AS n
               FROM orders o WHERE o.event_id = '$evid' AND o.status = 'PAID') o"
}

# ---- statistics ----
out=$(as super_a stats "$ev" --refresh --json); rc=$?
tap_ok $rc "stats --refresh --json as a supervisor"
tap_is "$(printf '%s' "$out" | json_totals)" "$(direct)" "the totals equal those computed from orders and tickets"
tap_like "$out" '"as_of":[[:space:]]*"20[0-9-]+T[0-9:]+Z"' "… with the time they are as of"
tap_is "$(printf '%s' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin)
print(sum(h["tickets"] for h in d["hours"]), sum(int(p["orders"]) for p in d["payments"]) >= d["totals"]["orders"])')" \
  "$(direct | cut -d' ' -f2) True" "the hours add up to the tickets sold; payments cover every order"
live=$(q "SELECT string_agg(s.name || ':' || (SELECT count(*) FROM tickets t JOIN ticket_tiers tt ON tt.id = t.ticket_tier_id
                   WHERE t.event_id = '$evid' AND tt.section_id = s.id AND t.status IN ('VALID','USED')), ' ' ORDER BY s.sort_order, s.name)
          FROM event_sections es JOIN sections s ON s.id = es.section_id WHERE es.event_id = '$evid'")
tap_is "$(printf '%s' "$out" | python3 -c 'import json, sys
print(" ".join(s["name"] + ":" + str(s["sold"]) for s in json.load(sys.stdin)["sections"]))')" "$live" \
  "sections' sold places equal the live tickets per section"

# cancellations: one ticket of a multi-ticket order, and every ticket of another order
t1=$(q "SELECT t.id FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.event_id = '$evid' AND o.status = 'PAID'
         AND (SELECT count(*) FROM tickets x WHERE x.order_id = o.id) > 1 ORDER BY t.id LIMIT 1")
o2=$(q "SELECT o.id FROM orders o WHERE o.event_id = '$evid' AND o.status = 'PAID' AND o.id <> (SELECT order_id FROM tickets WHERE id = '$t1')
         ORDER BY o.id LIMIT 1")
qas super_a "SELECT cancel_ticket('$t1', 'test'); SELECT cancel_ticket(id, 'test') FROM tickets WHERE order_id = '$o2'" >/dev/null
tap_ok $? "super_a cancels a ticket and a whole order (psql, password login)"
sleep 1.2
out=$(as super_a stats "$ev" --refresh --json)
tap_is "$(printf '%s' "$out" | json_totals)" "$(direct)" "after the cancellations the totals still equal the tables'"
tap_is "$(direct | cut -d' ' -f1)" "$(($(printf '%s' "$out" | json_totals | cut -d' ' -f1)))" "… (the cancelled order left the count)"

out=$(as super_a stats "Harbour Jazz Night" 2>&1); rc=$?
tap_is "$rc" 1 "another organisation's event is not found"
tap_like "$out" 'No event "Harbour Jazz Night"' "… and the message names it"
out=$(as help_a stats "$ev" --json); rc=$?
tap_ok $rc "the help desk reads the statistics"
tap_is "$(printf '%s' "$out" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["payments"], d["totals"]["orders"] > 0)')" \
  "None True" "… without the payment breakdown"
out=$(as help_a stats "$ev")
tap_like "$out" "payments by method and clerk: not shown" "… and the text says so"
out=$(as super_a stats "$ev" --csv)
tap_like "$out" $'^kind,key,field,value\r' "--csv prints a kind,key,field,value table"
tap_like "$out" "total,,gross,$(direct | cut -d' ' -f3)" "… with the gross"
out=$(as clerk_a stats "$ev" --refresh 2>&1); rc=$?
tap_is "$rc" 1 "a clerk may not refresh the statistics"
out=$(as super_a stats "$ev" --json --csv 2>&1); rc=$?
tap_is "$rc" 2 "--json with --csv is a usage error"

# ---- event set-up ----
prom_sold=$(q "SELECT sold FROM event_sections es JOIN sections s ON s.id = es.section_id WHERE es.event_id = '$evid' AND s.name = 'Promenade'")
out=$(as super_a event section "$ev" Promenade --capacity 1 2>&1); rc=$?
tap_is "$rc" 1 "a capacity below what is sold is refused"
tap_like "$out" "Promenade: capacity 1 is below the $prom_sold places already sold or held" "… in the database's words"
tap_is "$(q "SELECT COALESCE(custom_capacity::text, 'none') FROM event_sections es JOIN sections s ON s.id = es.section_id
             WHERE es.event_id = '$evid' AND s.name = 'Promenade'")" "none" "… and the capacity is unchanged"
out=$(as super_a event section "$ev" Stalls --inactive 2>&1); rc=$?
tap_is "$rc" 1 "taking a section with tickets out of the event is refused"
tap_like "$out" "Stalls cannot be taken out of the event: [0-9]+ live tickets" "… in the database's words"
tap_is "$(q "SELECT is_active FROM event_sections es JOIN sections s ON s.id = es.section_id
             WHERE es.event_id = '$evid' AND s.name = 'Stalls'")" "t" "… and Stalls stays on sale"
out=$(as super_a event section "$ev" Promenade --capacity 150); rc=$?
tap_ok $rc "a capacity above what is sold is set"
tap_like "$out" "Promenade: on sale, capacity 150" "… and reported"
out=$(as super_a event section "$ev" Promenade --capacity 10 --no-capacity 2>&1); rc=$?
tap_is "$rc" 2 "--capacity with --no-capacity is a usage error"

out=$(as super_a event create --venue "Lyric Theatre" --title "Pericles" --start "2026-12-24 19:30"); rc=$?
tap_ok $rc "event create makes a draft"
out=$(as super_a event publish Pericles 2>&1); rc=$?
tap_is "$rc" 1 "publishing without a price is refused"
tap_like "$out" "no price in any section on sale" "… saying why"
as super_a event tier Pericles Stalls Standard 30 1.50 >/dev/null
tap_ok $? "event tier sets a price"
out=$(as super_a event publish Pericles); rc=$?
tap_ok $rc "then it publishes"
tap_is "$(q "SELECT status || ' ' || (SELECT price || '/' || fee FROM ticket_tiers WHERE event_id = e.id AND name = 'Standard')
             FROM events e WHERE title = 'Pericles'")" "PUBLISHED 30.00/1.50" "… published, with the tier's price and fee"
as super_a event close Pericles >/dev/null
tap_is "$(q "SELECT status FROM events WHERE title = 'Pericles'")" "CLOSED" "event close stops its sales"
out=$(as clerk_a event publish "Hamlet (in rehearsal)" 2>&1); rc=$?
tap_is "$rc" 1 "a clerk may not publish"

# untier, a price change on sold tickets, the start in local time
as super_a event tier Pericles Stalls Student 12 >/dev/null
out=$(as super_a event untier Pericles Stalls Student); rc=$?
tap_ok $rc "event untier deletes a price nobody holds"
tap_is "$(q "SELECT tt.deleted FROM ticket_tiers tt JOIN events e ON e.id = tt.event_id
             WHERE e.title = 'Pericles' AND tt.name = 'Student'")" "t" "… soft-deleted in ticket_tiers"
stalls_std="SELECT tt.id FROM ticket_tiers tt JOIN sections s ON s.id = tt.section_id
             WHERE tt.event_id = '$evid' AND s.name = 'Stalls' AND tt.name = 'Standard'"
out=$(as super_a event untier "$ev" Stalls Standard 2>&1); rc=$?
tap_is "$rc" 1 "deleting a price that tickets were sold at is refused"
tap_like "$out" "price tier Standard has [0-9]+ live tickets" "… in the database's words"
tap_is "$(q "SELECT deleted FROM ticket_tiers WHERE id = ($stalls_std)")" "f" "… and the tier stays"
out=$(as super_a event untier Pericles Stalls Nobody 2>&1); rc=$?
tap_is "$rc" 1 "an unknown tier is refused"
tap_like "$out" 'No price tier "Nobody" in Stalls' "… naming it"
snap="SELECT count(*) || ' ' || COALESCE(sum(price_snapshot), 0) FROM tickets WHERE ticket_tier_id = ($stalls_std)"
before=$(q "$snap")
out=$(as super_a event tier "$ev" Stalls Standard 50 1.50); rc=$?
tap_ok $rc "the price of a tier with tickets sold changes (for new orders)"
tap_is "$(q "SELECT price FROM ticket_tiers WHERE id = ($stalls_std)")" "50.00" "… the tier is 50.00 now"
tap_is "$(q "$snap")" "$before" "… and the tickets sold keep their price snapshot ($before)"
as super_a event tier "$ev" Stalls Standard 42.50 1.50 >/dev/null
out=$(as super_a event create --venue "Lyric Theatre" --title "Cymbeline" --start "2027-02-30 19:30" 2>&1); rc=$?
tap_is "$rc" 2 "a start on a day that does not exist is a usage error"
tap_like "$out" "2027-02-30 is not a day" "… saying so"
out=$(as super_a event create --venue "lyric theatre" --title "Cymbeline" --start "2027-07-01 19:30" 2>&1); rc=$?
tap_is "$rc" 1 "a venue's name is matched exactly"
tap_like "$out" 'No venue "lyric theatre"' "… and the message names it"
TZ=Europe/London as super_a event create --venue "Lyric Theatre" --title "Cymbeline" --start "2027-07-01 19:30" >/dev/null
tap_is "$(q "SELECT to_char(start_time AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') || ' ' || status
             FROM events WHERE title = 'Cymbeline'")" "2027-07-01 19:30 DRAFT" "the start is the local time typed (TZ=Europe/London)"

# ---- kills ----
row=$(q "SELECT s.row_label FROM event_seat_map('$evid') m JOIN seats s ON s.id = m.seat_id JOIN sections sc ON sc.id = m.section_id
          WHERE sc.name = 'Stalls' GROUP BY s.row_label HAVING bool_and(m.status = 'AVAILABLE') ORDER BY s.row_label DESC LIMIT 1")
out=$(as super_a kill "$ev" --section Stalls --seats "${row}1-${row}4" --reason "house seats"); rc=$?
tap_ok $rc "kill ${row}1-${row}4 as house seats"
tap_is "$(q "SELECT string_agg(i.status || ':' || i.kill_reason, ' ') FROM event_seats i JOIN seats s ON s.id = i.seat_id
             JOIN sections sc ON sc.id = s.section_id WHERE i.event_id = '$evid' AND sc.name = 'Stalls' AND s.row_label = '$row'
             AND s.number_label IN ('1','2','3','4')")" "KILLED:house seats KILLED:house seats KILLED:house seats KILLED:house seats" \
  "… four seats KILLED with the reason"
out=$(as clerk_a sell --event "$ev" --section Stalls --seats "${row}2" --pay cash 2>&1); rc=$?
tap_is "$rc" 1 "a clerk's sale of a killed seat is refused"
tap_like "$out" "not for sale" "… as not for sale"
out=$(as super_a kill "$ev" --section Stalls --seats "${row}5" 2>&1); rc=$?
tap_is "$rc" 2 "kill without --reason is a usage error"
out=$(as super_a unkill "$ev" --section Stalls --seats "${row}1-${row}2"); rc=$?
tap_ok $rc "unkill ${row}1-${row}2"
tap_like "$out" "^2 seats of Stalls back on sale" "… two seats back on sale"
out=$(as clerk_a sell --event "$ev" --section Stalls --seats "${row}2" --pay cash); rc=$?
tap_ok $rc "… and ${row}2 sells again"

# ---- a shift with a blind count ----
sid=$(as super_a shift open 100.00 | awk '{print $2}')
tap_like "$sid" '^[0-9a-f-]{36}$' "super_a opens a shift with a float of 100.00"
t_a=$(as super_a sell --event "$ev" --section Promenade --ga 2 --pay cash --tendered 100 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
t_b=$(as super_a sell --event "$ev" --section Promenade --ga 1 --pay cash --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
tap_like "$t_a $t_b" '^[0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2}$' "two cash sales ($t_a, $t_b)"
counted=$(python3 -c "from decimal import Decimal as D; print(D('100.00') + D('$t_a') + D('$t_b') + D('0.05'))")
out=$(as super_a shift close --cash "$counted" --card 0); rc=$?
tap_ok $rc "the shift closes with a count of $counted (expected + 0.05)"
out=$(as super_a shift report "$sid" 2>&1); rc=$?
tap_is "$rc" 1 "one's own report is not shown before the sign-off"
out=$(as super_c shift report "$sid"); rc=$?
tap_ok $rc "another supervisor reads the report"
tap_like "$out" "variance cash +0\.05$" "… the cash variance is 0.05 exactly"
tap_like "$out" "cash payments +2$" "… from two cash payments"
tap_like "$out" "variance card +0\.00$" "… and nothing on card"
out=$(as super_a shift sign-off "$sid" --note "mine" 2>&1); rc=$?
tap_is "$rc" 1 "signing off one's own shift is refused"
tap_like "$out" "nobody signs off their own shift" "… in the database's words"
out=$(as super_c shift sign-off "${sid:0:8}" 2>&1); rc=$?
tap_is "$rc" 1 "a variance without a note is refused"
out=$(as super_c shift sign-off "${sid:0:8}" --note "five cents over"); rc=$?
tap_ok $rc "the other supervisor signs it off with a note (by the id's first 8 characters)"
tap_is "$(q "SELECT signed_off_by || ' ' || variance_cash || ' ' || note FROM shifts WHERE id = '$sid'")" \
  "super_c 0.05 five cents over" "… stored"
out=$(as super_a shift report); rc=$?
tap_like "$out" "signed off by +super_c" "once signed off, super_a sees their latest shift's report"
out=$(as super_a shift close --cash 1 2>&1); rc=$?
tap_is "$rc" 2 "shift close without --card is a usage error"

tap_done
