#!/usr/bin/env bash
# Seats off sale in the terminal (issue 6): the real program in tmux against the demo data in
# a throwaway database (PG* from tests/run.sh), read back with capture-pane and checked with psql.
#   super_a selects two Stalls seats of The Tempest and takes them off sale with x, reason 1
#   (House seats): KILLED with that reason; the seat line says why. clerk_a's seat map shows
#   them not for sale and Space on one says it is off sale. super_a sells one of them (Space,
#   Enter, cash): SOLD with a valid ticket. super_a puts the other back on sale with X.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_kills
sock="bo-kills-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a fresh database with the demo data"
printf '*:*:%s:clerk_a:clerk_a-demo\n*:*:%s:super_a:super_a-demo\n' "$db" "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
event=$(sql "SELECT id FROM events WHERE title = 'The Tempest'")

screen() { tm capture-pane -p -t "$1"; }
wait_for() {  # wait_for SESSION REGEX [TENTHS]: poll the screen until it shows REGEX (bounded)
  local i
  for i in $(seq 1 "${3:-150}"); do screen "$1" | grep -Eq -- "$2" && return 0; sleep 0.1; done
  return 1
}
start() {  # start SESSION LOGIN: the box office at 80x24, printing to no print server
  tm new-session -d -s "$1" -x 80 -y 24 \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $bin --db 'dbname=$db user=$2' 2>>$tmp/$1.err; echo EXIT=\$?; sleep 30"
}
keys() { local s=$1; shift; tm send-keys -t "$s" "$@"; sleep 0.15; }
goto() { keys "$1" g; tm send-keys -t "$1" -l "$2"; keys "$1" Enter; }  # goto SESSION LABEL
open_stalls() {  # from the events screen: The Tempest, then Stalls
  wait_for "$1" "The Tempest" || return 1
  keys "$1" Enter
  wait_for "$1" "1 Stalls" || return 1
  keys "$1" Enter
  wait_for "$1" "Stalls row" || return 1
}
seat() {  # seat NUMBER: "STATUS:reason" of that seat of $row in the Stalls
  sql "SELECT i.status || ':' || COALESCE(i.kill_reason, '-') FROM event_seats i JOIN seats s ON s.id = i.seat_id
         JOIN sections sc ON sc.id = s.section_id
        WHERE i.event_id = '$event' AND sc.name = 'Stalls' AND s.row_label = '$row' AND s.number_label = '$1'"
}
# Two free seats side by side in a Stalls row.
pair=$(sql "SELECT s.row_label || ' ' || s.number_label FROM event_seats i JOIN seats s ON s.id = i.seat_id
              JOIN sections sc ON sc.id = s.section_id
             WHERE i.event_id = '$event' AND sc.name = 'Stalls' AND i.status = 'AVAILABLE'
               AND EXISTS (SELECT 1 FROM event_seats i2 JOIN seats s2 ON s2.id = i2.seat_id
                            WHERE i2.event_id = i.event_id AND s2.section_id = s.section_id
                              AND s2.row_label = s.row_label AND i2.status = 'AVAILABLE'
                              AND s2.number_label = (s.number_label::int + 1)::text)
             ORDER BY s.row_label DESC, s.number_label::int LIMIT 1")
row=${pair% *}; n=${pair#* }; m=$((n + 1))

# ---- super_a takes two seats off sale ----
start sup super_a
open_stalls sup; tap_ok $? "super_a: The Tempest, Stalls: the seat map"
tap_like "$(screen sup)" "x/X off/on sale" "the key bar offers x and X to a supervisor"
goto sup "$row$n"; keys sup Space
wait_for sup "1 selected" || true
goto sup "$row$m"; keys sup Space
wait_for sup "2 selected"; tap_ok $? "Space selects $row$n and $row$m"
keys sup x
wait_for sup "Take 2 seats off sale\. Why\?"; tap_ok $? "x asks why the two selected seats go off sale"
tap_like "$(screen sup)" "1 House seats  2 Production kill  3 Broken seat" "… offering the usual reasons"
keys sup 1
wait_for sup "2 seats taken off sale: House seats\."; tap_ok $? "1: two seats taken off sale, House seats"
tap_is "$(seat "$n") $(seat "$m")" "KILLED:House seats KILLED:House seats" "psql: both KILLED with the reason House seats"
tap_is "$(sql "SELECT count(*) FROM event_seats WHERE event_id = '$event' AND status = 'HELD'")" 0 \
  "… and no longer held by super_a's sale"
wait_for sup "0 selected"; tap_ok $? "the selection is empty"
tap_like "$(screen sup)" "Stalls row $row seat $m — off sale: House seats" "the seat line says why $row$m is off sale"

# ---- clerk_a sees them not for sale ----
start clk clerk_a
open_stalls clk; tap_ok $? "clerk_a: the same seat map"
tap_is "$(screen clk | grep -c 'off/on sale')" 0 "a clerk is not offered x and X"
goto clk "$row$n"
wait_for clk "Stalls row $row seat $n: not for sale"; tap_ok $? "clerk_a: $row$n is not for sale"
keys clk Space
wait_for clk "seat $n is off sale: a supervisor can put it back on sale"; tap_ok $? "… and Space on it says it is off sale"
tap_like "$(screen clk)" "0 selected" "… selecting nothing"
tap_is "$(seat "$n")" "KILLED:House seats" "psql: $row$n is still off sale"
keys clk x
tap_is "$(seat "$n")" "KILLED:House seats" "x does nothing for a clerk"

# ---- super_a sells one of them ----
goto sup "$row$n"
keys sup Space
wait_for sup "1 selected"; tap_ok $? "super_a: Space on $row$n takes it into the sale"
tap_is "$(sql "SELECT i.status || ' ' || i.held_by || ' ' || i.kill_reason FROM event_seats i JOIN seats s ON s.id = i.seat_id
               JOIN sections sc ON sc.id = s.section_id WHERE i.event_id = '$event' AND sc.name = 'Stalls'
                AND s.row_label = '$row' AND s.number_label = '$n'")" "HELD super_a House seats" \
  "psql: HELD by super_a, still with its reason"
tap_like "$(screen sup)" "seat $n: yours \(off sale: House seats\)" "the seat line: yours, from off sale"
keys sup Enter
wait_for sup "Total 44\.00"; tap_ok $? "Enter: the order, 42.50 + 1.50"
keys sup Enter
wait_for sup "Payment"; tap_ok $? "Enter: payment"
keys sup 1
keys sup Tab
tm send-keys -t sup -l "50.00"
wait_for sup "Change due: 6\.00"; tap_ok $? "cash, 50.00 tendered: change 6.00"
keys sup Enter
wait_for sup "Paid in full"; tap_ok $? "the cash covers the order"
keys sup Enter
wait_for sup "Sale complete"; tap_ok $? "the sale is complete"
tap_is "$(seat "$n")" "SOLD:-" "psql: $row$n is SOLD, no reason left"
tap_is "$(sql "SELECT t.status || ' ' || o.status || ' ' || o.total_amount || ' ' || o.created_by
               FROM tickets t JOIN orders o ON o.id = t.order_id JOIN seats s ON s.id = t.seat_id
               JOIN sections sc ON sc.id = s.section_id
              WHERE t.event_id = '$event' AND sc.name = 'Stalls' AND s.row_label = '$row' AND s.number_label = '$n'")" \
  "VALID PAID 44.00 super_a" "psql: a VALID ticket of a PAID order of 44.00 by super_a"
tap_is "$(sql "SELECT t.price_snapshot || ' ' || p.method || ' ' || p.amount || ' ' || p.tendered || ' ' || p.change_due
               FROM tickets t JOIN payments p ON p.order_id = t.order_id JOIN seats s ON s.id = t.seat_id
               JOIN sections sc ON sc.id = s.section_id
              WHERE t.event_id = '$event' AND sc.name = 'Stalls' AND s.row_label = '$row' AND s.number_label = '$n'")" \
  "42.50 CASH 44.00 50.00 6.00" "… at the Standard price, paid in cash with 6.00 change"
wait_for clk "Stalls row $row seat $n: sold"; tap_ok $? "clerk_a's map shows $row$n sold (NOTIFY)"

# ---- super_a puts the other back on sale ----
keys sup Enter
wait_for sup "Next customer"; tap_ok $? "Enter: next customer, the seat map again"
goto sup "$row$m"
keys sup X
wait_for sup "1 seat back on sale\."; tap_ok $? "X puts $row$m back on sale"
tap_is "$(seat "$m")" "AVAILABLE:-" "psql: $row$m is AVAILABLE"
wait_for sup "Stalls row $row seat $m: available"; tap_ok $? "… and the seat line says available"
goto clk "$row$m"
wait_for clk "Stalls row $row seat $m: available"; tap_ok $? "clerk_a sees $row$m available"
keys sup X
wait_for sup "seat $m is not off sale"; tap_ok $? "X on a seat on sale says it is not off sale"

keys clk Escape; keys clk Escape
wait_for clk "Twelfth Night"; keys clk q
wait_for clk "EXIT=0"; tap_ok $? "clerk_a quits with status 0"
keys sup Escape; keys sup Escape
wait_for sup "Twelfth Night"; keys sup q
wait_for sup "EXIT=0"; tap_ok $? "super_a quits with status 0"
tap_is "$(cat "$tmp"/*.err 2>/dev/null)" "" "nothing on standard error"
tap_done
