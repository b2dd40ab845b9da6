#!/usr/bin/env bash
# Concurrency layer: 16 real connections, one clerk login each, race on the sale
# functions and on the gate (tests/concurrency/race.c); then the invariants are checked
# in SQL as the superuser. Prints TAP; exits non-zero when a test fails.
# Needs: a running cluster (PGHOST/PGPORT/PGUSER = its superuser, as tests/run.sh
# exports), $BOXOFFICE_BIN (the migration runner), cc and libpq's headers.
#   RACE_DB       database to (re)create            (default boxoffice_race)
#   RACE_CLIENTS  racing connections                (default 16)
#   RACE_SECONDS  time bound of each looping scenario (default 12)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
db=${RACE_DB:-boxoffice_race}
clients=${RACE_CLIENTS:-16}
seconds=${RACE_SECONDS:-12}
bin=${BOXOFFICE_BIN:-$top/boxoffice}
if [ -n "${BOXOFFICE_TEST_TMP:-}" ]; then
  work=$BOXOFFICE_TEST_TMP/concurrency
else
  tmp=$(mktemp -d /tmp/boxoffice-race.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  work=$tmp/concurrency
fi
mkdir -p "$work"

# The fixture's fixed ids (tests/concurrency/fixture.sql).
ev_same=7ace0000-0000-4000-e000-000000000001
ev_best=7ace0000-0000-4000-e000-000000000002
ev_ga=7ace0000-0000-4000-e000-000000000003
ev_holds=7ace0000-0000-4000-e000-000000000004
floor_section=7ace0000-0000-4000-c000-000000000002
race_events="'$ev_same', '$ev_best', '$ev_ga', '$ev_holds'"

n=0; nfail=0
pass() { n=$((n + 1)); echo "ok $n - $*"; }
fail() { n=$((n + 1)); nfail=$((nfail + 1)); echo "not ok $n - $*"; }
diag() { sed 's/^/#   /'; }
finish() { echo "1..$n"; [ "$nfail" = 0 ]; exit $?; }
# is DESCRIPTION GOT WANT
is() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1"; printf 'got:  %s\nwant: %s\n' "$2" "$3" | diag; fi
}
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1" 2>&1; }

# ---- set-up: database, migrations (the product's runner), fixture, driver
dropdb --if-exists "$db" >/dev/null 2>&1
if createdb "$db" 2>"$work/createdb.log"; then pass "created database $db"
else fail "created database $db"; diag <"$work/createdb.log"; finish; fi

if "$bin" --db "dbname=$db" migrate up >"$work/migrate.log" 2>&1; then
  pass "migrations applied by $bin migrate up"
else
  fail "migrations applied by $bin migrate up"; diag <"$work/migrate.log"; finish
fi

if psql -X -q -1 -v ON_ERROR_STOP=1 -d "$db" -f "$here/fixture.sql" >"$work/fixture.log" 2>&1; then
  pass "fixture loaded: 16 clerks, 300 numbered seats, a floor of 100, 5 events"
else
  fail "fixture loaded"; diag <"$work/fixture.log"; finish
fi

race=$work/race
# shellcheck disable=SC2046  # pkg-config prints several words on purpose
if cc -std=c11 -Wall -Wextra -Werror -O2 "$here/race.c" -o "$race" \
     $(pkg-config --cflags --libs libpq) >"$work/cc.log" 2>&1; then
  pass "race driver builds with -Wall -Wextra -Werror"
else
  fail "race driver builds"; diag <"$work/cc.log"; finish
fi

# ---- running a scenario and reading its key=value totals
declare -A R
# drive SCENARIO EVENT EXPECTED-SQLSTATE [driver options]
drive() {
  local scenario=$1 event=$2 expected=$3; shift 3
  local out=$work/$scenario.out
  R=()
  if ! "$race" "$scenario" --event "$event" --clients "$clients" --dbname "$db" \
         --seconds "$seconds" "$@" >"$out" 2>"$work/$scenario.err"; then
    fail "$scenario: driver ran"; diag <"$work/$scenario.err"
    return 1
  fi
  local line
  while IFS= read -r line; do R[${line%%=*}]=${line#*=}; done <"$out"
  is "$scenario: all $clients clients connected as their own login" "${R[connected]:-0}" "$clients"
  # Any SQLSTATE but the scenario's expected refusal is a failure, shown with its message.
  local k bad=
  for k in "${!R[@]}"; do
    case $k in
      sqlstate."$expected") ;;
      sqlstate.*) bad+="${k#sqlstate.} x${R[$k]}: ${R[message.${k#sqlstate.}]:-}"$'\n' ;;
    esac
  done
  if [ -z "$bad" ]; then pass "$scenario: no SQLSTATE other than $expected"
  else fail "$scenario: no SQLSTATE other than $expected"; printf '%s' "$bad" | diag; fi
  return 0
}
secs() { awk -v ms="${R[elapsed_ms]:-0}" 'BEGIN { printf "%.1f", ms / 1000 }'; }

paid_orders=0

# ---- 1. same seat: everyone holds, orders and pays for the one seat
if drive same-seat "$ev_same" BO002; then
  is "same-seat: exactly one clerk sold the seat" "${R[successes]}" 1
  is "same-seat: the other $((clients - 1)) were refused with BO002" \
     "${R[sqlstate.BO002]:-0}" "$((clients - 1))"
  is "same-seat: one live ticket, one SOLD seat, nothing left held" \
     "$(sql "SELECT (SELECT count(*) FROM tickets WHERE event_id = '$ev_same' AND status <> 'CANCELLED')
                 || ' ' || (SELECT count(*) FROM event_seats WHERE event_id = '$ev_same' AND status = 'SOLD')
                 || ' ' || (SELECT count(*) FROM event_seats WHERE event_id = '$ev_same' AND status = 'HELD')")" \
     "1 1 0"
  paid_orders=$((paid_orders + ${R[successes]:-0}))
  echo "# same-seat: $clients clients, ${R[successes]} sale, ${R[sqlstate.BO002]:-0} refused (BO002), $(secs) s"
fi

# ---- 2. best available: everyone chases the best pair, re-reading the map on BO002
if drive best-available "$ev_best" BO002 --attempts 400; then
  sold=$((2 * ${R[successes]:-0}))
  if [ "${R[successes]:-0}" -gt 0 ]; then pass "best-available: sales made (${R[successes]})"
  else fail "best-available: sales made"; fi
  is "best-available: live numbered tickets = SOLD seats = 2 x reported sales" \
     "$(sql "SELECT (SELECT count(*) FROM tickets WHERE event_id = '$ev_best' AND seat_id IS NOT NULL AND status <> 'CANCELLED')
                 || ' ' || (SELECT count(*) FROM event_seats WHERE event_id = '$ev_best' AND status = 'SOLD')")" \
     "$sold $sold"
  is "best-available: sold to the last pair of neighbours, no hold left behind" \
     "$(sql "SELECT (SELECT count(*) FROM event_seats a JOIN seats sa ON sa.id = a.seat_id
                       JOIN seats sb ON sb.section_id = sa.section_id AND sb.row_label = sa.row_label
                                    AND sb.number_label::int = sa.number_label::int + 1
                       JOIN event_seats b ON b.event_id = a.event_id AND b.seat_id = sb.id
                      WHERE a.event_id = '$ev_best' AND a.status = 'AVAILABLE' AND b.status = 'AVAILABLE')
                 || ' ' || (SELECT count(*) FROM event_seats WHERE event_id = '$ev_best' AND status = 'HELD')")" \
     "0 0"
  is "best-available: every refusal was BO002 and was retried" "${R[sqlstate.BO002]:-0}" "${R[conflicts]}"
  paid_orders=$((paid_orders + ${R[successes]:-0}))
  echo "# best-available: $clients clients, ${R[successes]} orders ($sold seats), ${R[conflicts]} conflicts retried, $(secs) s"
fi

# ---- 3. general admission: everyone buys 1-3 places until told BO003 twice in a row
if drive ga "$ev_ga" BO003 --attempts 200; then
  is "ga: sold = capacity = 100 = live GA tickets = places reported; held = 0" \
     "$(sql "SELECT es.sold || ' ' || es.capacity || ' ' || es.held || ' '
                 || (SELECT count(*) FROM tickets t WHERE t.event_id = es.event_id AND t.seat_id IS NULL
                       AND t.status <> 'CANCELLED')
               FROM event_sections es WHERE es.event_id = '$ev_ga' AND es.section_id = '$floor_section'")" \
     "100 100 0 ${R[places]:-?}"
  is "ga: reported places = 100" "${R[places]:-0}" 100
  is "ga: every client stopped on BO003" "$(( ${R[soldout]:-0} >= 2 * clients ))" 1
  paid_orders=$((paid_orders + ${R[successes]:-0}))
  echo "# ga: $clients clients, ${R[successes]} orders, ${R[places]} places, ${R[soldout]} sold-out refusals, $(secs) s"
fi

# ---- 4. overlapping holds: client i holds seats i..i+4 of row A and keeps them
held=$work/holds.csv
if drive holds "$ev_holds" BO002 --held-out "$held"; then
  is "holds: each client either held its 5 seats or was refused with BO002" \
     "$(( ${R[successes]:-0} + ${R[sqlstate.BO002]:-0} ))" "$clients"
  loaded=$(sql "CREATE TABLE race_reported_holds (child int, login name, hold_id uuid, seat_id uuid)" \
           && psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
                -c '\copy race_reported_holds FROM STDIN WITH (FORMAT csv)' <"$held" 2>&1)
  is "holds: successful clients' seats loaded ($((5 * ${R[successes]:-0})) rows)" \
     "$loaded$(sql "SELECT count(*) FROM race_reported_holds")" "$((5 * ${R[successes]:-0}))"
  is "holds: the seats reported held are pairwise disjoint" \
     "$(sql "SELECT count(*) FROM (SELECT seat_id FROM race_reported_holds GROUP BY seat_id
                                    HAVING count(DISTINCT hold_id) > 1) d")" 0
  is "holds: every reported seat is HELD under that client's hold id and login" \
     "$(sql "SELECT count(*) FROM race_reported_holds r
               LEFT JOIN event_seats i ON i.event_id = '$ev_holds' AND i.seat_id = r.seat_id
              WHERE i.status IS DISTINCT FROM 'HELD' OR i.hold_id IS DISTINCT FROM r.hold_id
                 OR i.held_by IS DISTINCT FROM r.login")" 0
  is "holds: no seat is held that no successful client reported" \
     "$(sql "SELECT count(*) FROM event_seats i WHERE i.event_id = '$ev_holds' AND i.status = 'HELD'
                AND NOT EXISTS (SELECT 1 FROM race_reported_holds r
                                 WHERE r.seat_id = i.seat_id AND r.hold_id = i.hold_id)")" 0
  winners=$(sql "SELECT string_agg(child::text, ',' ORDER BY child) FROM (SELECT DISTINCT child FROM race_reported_holds) c")
  echo "# holds: $clients clients, ${R[successes]} held 5 seats each (clients $winners), ${R[sqlstate.BO002]:-0} refused (BO002), $(secs) s"
fi

# ---- 5. the gate: every client, a gate of its own, scans the same tickets at the same moment
ev_gate=7ace0000-0000-4000-e000-000000000005
codes=$work/gate-codes
: >"$codes"
for what in "--section Stalls --best 10" "--section Stalls --best 10" "--section Floor --ga 20"; do
  # shellcheck disable=SC2086  # $what is several options on purpose
  PGPASSWORD=pw_race_01 "$bin" --db "dbname=$db user=race_01" sell --event "$ev_gate" $what \
      --pay cash --json 2>>"$work/gate-sell.err" \
    | python3 -c 'import json, sys; print("\n".join(t["token"] for t in json.load(sys.stdin)["tickets"]))' \
      >>"$codes" 2>>"$work/gate-sell.err"
done
ntok=$(grep -c . "$codes")
is "gate: 40 tickets sold with boxoffice sell, their codes kept" "$ntok" 40
[ -s "$work/gate-sell.err" ] && diag <"$work/gate-sell.err"
if drive gate "$ev_gate" none --tokens "$codes"; then
  is "gate: each ticket admitted exactly once" "${R[successes]:-0}" "$ntok"
  is "gate: every other attempt was told ALREADY_USED" "${R[conflicts]:-0}" "$((ntok * (clients - 1)))"
  is "gate: one ticket_validations row per attempt ($((ntok * clients)))" \
     "$(sql "SELECT count(*) FROM ticket_validations v JOIN tickets t ON t.id = v.ticket_id
              WHERE t.event_id = '$ev_gate'") ${R[attempts]:-?}" "$((ntok * clients)) $((ntok * clients))"
  is "gate: per ticket USED with scanned_at, 1 ADMITTED and $((clients - 1)) ALREADY_USED rows, one per gate" \
     "$(sql "SELECT count(*) FROM tickets t WHERE t.event_id = '$ev_gate' AND (t.status <> 'USED'
               OR t.scanned_at IS NULL
               OR (SELECT count(*) FROM ticket_validations v WHERE v.ticket_id = t.id AND v.result = 'ADMITTED') <> 1
               OR (SELECT count(*) FROM ticket_validations v WHERE v.ticket_id = t.id AND v.result = 'ALREADY_USED') <> $((clients - 1))
               OR (SELECT count(DISTINCT v.gate) FROM ticket_validations v WHERE v.ticket_id = t.id) <> $clients)")" 0
  is "gate: no ALREADY_USED recorded before its ticket's admission" \
     "$(sql "SELECT count(*) FROM ticket_validations u JOIN ticket_validations a
               ON a.ticket_id = u.ticket_id AND a.result = 'ADMITTED'
              WHERE u.result = 'ALREADY_USED' AND u.validated_at < a.validated_at")" 0
  is "gate: each row carries its gate's own login (Gate NN by race_NN)" \
     "$(sql "SELECT count(*) FROM ticket_validations v JOIN tickets t ON t.id = v.ticket_id
              WHERE t.event_id = '$ev_gate' AND v.staff_login::text <> 'race_' || substr(v.gate, 6)")" 0
  echo "# gate: $clients gates x $ntok tickets, ${R[successes]} admitted by $(sql "SELECT count(DISTINCT v.gate)
        FROM ticket_validations v JOIN tickets t ON t.id = v.ticket_id WHERE t.event_id = '$ev_gate'
         AND v.result = 'ADMITTED'") different gates, ${R[conflicts]} already used, $(secs) s"
fi

# ---- across all events: what must hold whatever the interleaving was
is "no seat has two live tickets" \
   "$(sql "SELECT count(*) FROM (SELECT event_id, seat_id FROM tickets
             WHERE seat_id IS NOT NULL AND status <> 'CANCELLED' GROUP BY 1, 2 HAVING count(*) > 1) d")" 0
is "every SOLD seat points at a live ticket for itself, every live seated ticket at its SOLD seat" \
   "$(sql "SELECT (SELECT count(*) FROM event_seats i LEFT JOIN tickets t ON t.id = i.ticket_id
                   WHERE i.event_id IN ($race_events) AND i.status = 'SOLD'
                     AND (t.id IS NULL OR t.seat_id <> i.seat_id OR t.event_id <> i.event_id
                          OR t.status = 'CANCELLED'))
             + (SELECT count(*) FROM tickets t LEFT JOIN event_seats i
                       ON i.event_id = t.event_id AND i.seat_id = t.seat_id
                   WHERE t.seat_id IS NOT NULL AND t.status <> 'CANCELLED'
                     AND (i.status IS DISTINCT FROM 'SOLD' OR i.ticket_id IS DISTINCT FROM t.id))")" 0
is "paid orders = the sales the clients reported; none left PENDING" \
   "$(sql "SELECT count(*) FILTER (WHERE status = 'PAID') || ' ' || count(*) FILTER (WHERE status = 'PENDING')
             FROM orders WHERE event_id IN ($race_events)")" "$paid_orders 0"
is "every paid order's total = its tickets' prices + fees = its payments" \
   "$(sql "SELECT count(*) FROM orders o WHERE o.status = 'PAID' AND (
             o.total_amount IS DISTINCT FROM (SELECT sum(t.price_snapshot + tt.fee) FROM tickets t
                                   JOIN ticket_tiers tt ON tt.id = t.ticket_tier_id WHERE t.order_id = o.id)
          OR o.total_amount IS DISTINCT FROM (SELECT sum(p.amount) FROM payments p WHERE p.order_id = o.id)
          OR (SELECT count(*) FROM tickets t WHERE t.order_id = o.id)
             <> (SELECT count(*) FROM order_items oi WHERE oi.order_id = o.id))")" 0
is "no GA counter over capacity, none left held" \
   "$(sql "SELECT count(*) FROM event_sections WHERE event_id IN ($race_events)
             AND (sold + held > capacity OR held <> 0)")" 0

finish
