#!/usr/bin/env bash
# The clerk's sale end to end (issue 4): the real program in tmux, driven by keystrokes,
# against the demo data in a throwaway database of the test cluster (PG* from tests/run.sh),
# read back with capture-pane and checked in the database as superuser.
#   whole sale at 80x24 and 200x60 (exact totals from the demo tiers), two clerks on one map
#   (NOTIFY, refused hold), best available, general admission, abandon from payment, and a
#   connection killed under held seats.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_sale
sock="bo-sale-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
  psql -X -q -d postgres -c "ALTER ROLE clerk_a LOGIN" >/dev/null 2>&1
  tm kill-server >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a fresh database with the demo data"

printf '*:*:%s:clerk_a:clerk_a-demo\n*:*:%s:super_a:super_a-demo\n' "$db" "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
event=$(sql "SELECT id FROM events WHERE title = 'The Tempest'")

# Never the system's print server or the user's remembered printer: printing after a sale
# finds no server here (tests/e2e/print.sh prints through a private cupsd).
print_env="CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config"
screen() { tm capture-pane -p -t "$1"; }
wait_for() {  # wait_for SESSION REGEX [TENTHS]: poll the screen until it shows REGEX
  local i
  for i in $(seq 1 "${3:-150}"); do screen "$1" | grep -Eq -- "$2" && return 0; sleep 0.1; done
  return 1
}
start() {  # start SESSION COLS ROWS LOGIN [ENV...]: the box office in a tmux session
  local s=$1 cols=$2 rows=$3 login=$4; shift 4
  tm kill-session -t "$s" >/dev/null 2>&1
  tm new-session -d -s "$s" -x "$cols" -y "$rows" \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color $print_env $* $bin --db 'dbname=$db user=$login' 2>$tmp/$s.err; echo EXIT=\$?; sleep 60"
}
keys() { local s=$1; shift; tm send-keys -t "$s" "$@"; sleep 0.15; }
app_pid() { pgrep -P "$(tm display -p -t "$1" '#{pane_pid}')" | head -1; }
ms() { date +%s%3N; }
# The order reference on the done screen, e.g. F6CB1A70 -> its order id.
order_of() {
  local ref
  ref=$(screen "$1" | sed -n 's/.*Order \([0-9A-F]\{8\}\) .*/\1/p' | head -1)
  [ -n "$ref" ] && sql "SELECT id FROM orders WHERE upper(left(id::text, 8)) = '$ref'"
}
free_pair() {  # free_pair ROW: N where seats N and N+1 of that Stalls row are both free
  sql "SELECT s.number_label FROM event_seats i JOIN seats s ON s.id = i.seat_id
         JOIN sections sc ON sc.id = s.section_id
        WHERE i.event_id = '$event' AND sc.name = 'Stalls' AND s.row_label = '$1'
          AND i.status = 'AVAILABLE'
          AND EXISTS (SELECT 1 FROM event_seats i2 JOIN seats s2 ON s2.id = i2.seat_id
                       WHERE i2.event_id = i.event_id AND s2.section_id = s.section_id
                         AND s2.row_label = s.row_label AND i2.status = 'AVAILABLE'
                         AND s2.number_label = (s.number_label::int + 1)::text)
        ORDER BY s.number_label::int LIMIT 1"
}
goto() { keys "$1" g; tm send-keys -t "$1" -l "$2"; keys "$1" Enter; }  # goto SESSION LABEL
cursor_seat() { screen "$1" | grep -Eo 'Stalls row [A-Z]+ seat [0-9]+' | head -1; }
open_stalls() {  # from the events screen: The Tempest, then Stalls
  wait_for "$1" "The Tempest" || return 1
  keys "$1" Enter
  wait_for "$1" "1 Stalls" || return 1
  keys "$1" Enter
  wait_for "$1" "Stalls row" || return 1
}

# ---- 1. A whole sale with keystrokes, at 80x24 and at 200x60 ----
whole_sale() {  # whole_sale COLS ROWS ROW
  local s=s$1 at="at $1x$2" sc ord n before
  start "$s" "$1" "$2" clerk_a
  open_stalls "$s"; tap_ok $? "$at: The Tempest, Stalls: the seat map"
  before=$(cursor_seat "$s")
  keys "$s" Right
  tap_ok "$([ "$(cursor_seat "$s")" != "$before" ]; echo $?)" "$at: Right moves the cursor to the next seat"
  n=$(free_pair "$3")
  goto "$s" "$3$n"
  wait_for "$s" "Stalls row $3 seat $n: available"; tap_ok $? "$at: g $3$n goes to that seat"
  keys "$s" Space
  wait_for "$s" "1 selected" || true
  goto "$s" "$3$((n + 1))"
  keys "$s" Space
  wait_for "$s" "2 selected"; tap_ok $? "$at: Space holds two seats"
  tap_like "$(screen "$s")" "hold [0-9]+:[0-5][0-9]" "$at: the hold countdown shows"
  tap_is "$(sql "SELECT count(*) FROM event_seats WHERE event_id = '$event' AND status = 'HELD' AND held_by = 'clerk_a'")" 2 \
    "$at: the database holds two seats for clerk_a"
  keys "$s" Enter
  wait_for "$s" "Total 88\.00"; tap_ok $? "$at: Enter: the order, total 88.00 (2 x (42.50 + 1.50))"
  sc=$(screen "$s")
  tap_is "$(printf '%s\n' "$sc" | grep -Ec 'Stalls +Standard +42\.50 +1\.50 +44\.00')" 2 \
    "$at: two Stalls seats at Standard 42.50 + fee 1.50"
  tap_like "$sc" "2 tickets.*Fees 3\.00" "$at: 2 tickets, fees 3.00"
  keys "$s" Enter
  wait_for "$s" "Payment"; tap_ok $? "$at: Enter: the payment screen"
  keys "$s" 1
  keys "$s" Tab
  tm send-keys -t "$s" -l "100.00"
  wait_for "$s" "Change due: 12\.00"; tap_ok $? "$at: cash, tendered 100.00: change due 12.00"
  keys "$s" Enter
  wait_for "$s" "Paid in full"; tap_ok $? "$at: the cash tender covers the order"
  keys "$s" Enter
  wait_for "$s" "Sale complete"; tap_ok $? "$at: Enter: the sale is complete"
  sc=$(screen "$s")
  tap_like "$sc" "2 tickets +Total paid 88\.00" "$at: the done screen: 2 tickets, 88.00"
  tap_like "$sc" "Change due: 12\.00" "$at: … and the change to hand back"
  ord=$(order_of "$s")
  tap_is "$(sql "SELECT status || ' ' || total_amount || ' ' || platform_fee FROM orders WHERE id = '$ord'")" \
    "PAID 88.00 3.00" "$at: the order is PAID, 88.00 with 3.00 fees"
  tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord' AND status = 'VALID'")" 2 \
    "$at: two VALID tickets"
  tap_is "$(sql "SELECT count(*) FROM event_seats es JOIN tickets t ON t.seat_id = es.seat_id AND t.event_id = es.event_id
                 WHERE t.order_id = '$ord' AND es.status = 'SOLD'")" 2 "$at: their seats are SOLD"
  tap_is "$(sql "SELECT method || ' ' || amount || ' ' || tendered || ' ' || change_due FROM payments WHERE order_id = '$ord'")" \
    "CASH 88.00 100.00 12.00" "$at: one cash payment: 88.00, tendered 100.00, change 12.00"
  keys "$s" Enter
  wait_for "$s" "Next customer"; tap_ok $? "$at: Enter: next customer, back on the seat map"
  keys "$s" Escape
  keys "$s" Escape
  wait_for "$s" "Twelfth Night"; tap_ok $? "$at: Esc, Esc: back to the events (nothing held, nothing asked)"
  keys "$s" q
  wait_for "$s" "EXIT=0"; tap_ok $? "$at: q quits with status 0"
}
whole_sale 80 24 D
whole_sale 200 60 E

# ---- 2. Two clerks on one seat map ----
start a 80 24 clerk_a
start b 80 24 super_a
open_stalls a && open_stalls b; tap_ok $? "clerk_a and super_a both on the Stalls map"
n=$(free_pair F)
goto a "F$n"
goto b "F$n"
seat_a=$(cursor_seat a)
tap_is "$(cursor_seat b)" "$seat_a" "both cursors on the same seat ($seat_a)"
t0=$(ms)
tm send-keys -t a Space
rc=1
for i in $(seq 1 300); do screen b | grep -q "$seat_a: held by clerk_a" && { rc=0; break; }; sleep 0.01; done
t1=$(ms)
tap_ok $rc "super_a's map shows the seat held by clerk_a within 3 s (NOTIFY, no polling)"
echo "# Space on one screen to 'held' on the other: $((t1 - t0)) ms (keystroke, hold, NOTIFY, re-read, redraw, capture)"
keys b Space
wait_for b "is held by clerk_a" 20; tap_ok $? "super_a's Space on it is refused with the holder's name"
# super_a's map goes stale (process stopped); clerk_a takes the next seat meanwhile; super_a's
# keys were typed before its map heard of it: the database refuses the hold.
pid_b=$(app_pid b)
kill -STOP "$pid_b"
goto b "F$((n + 1))"
keys b Space
goto a "F$((n + 1))"
keys a Space
wait_for a "2 selected"; tap_ok $? "clerk_a holds a second seat"
kill -CONT "$pid_b"
wait_for b "[Ss]eat not available: .*held by clerk_a" 30
tap_ok $? "super_a, acting on a stale map, is refused by the database, in words"
tap_like "$(screen b)" "0 selected" "… and super_a holds nothing"
tap_is "$(sql "SELECT count(*) FROM event_seats WHERE event_id = '$event' AND status = 'HELD' AND held_by = 'super_a'")" 0 \
  "the database agrees: super_a holds no seat"
seat_b=$(cursor_seat b)
keys a C-c
wait_for a "EXIT=0"; tap_ok $? "^C quits clerk_a's box office"
tap_is "$(sql "SELECT count(*) FROM event_seats WHERE status = 'HELD' AND held_by = 'clerk_a'")" 0 \
  "quitting let clerk_a's held seats go"
wait_for b "$seat_b: available" 30; tap_ok $? "super_a sees the seat free again"
keys b C-c
wait_for b "EXIT=0"

# ---- 3. Best available, with a configured hold time ----
start c 80 24 clerk_a BOXOFFICE_HOLD_MINUTES=3
open_stalls c
keys c b
wait_for c "How many seats together"; tap_ok $? "b asks how many seats together"
keys c 2 Enter
wait_for c "2 selected"; tap_ok $? "'2' selects two seats"
tap_like "$(screen c)" "hold [23]:[0-5][0-9]" "BOXOFFICE_HOLD_MINUTES=3: a 3-minute countdown"
pair=$(sql "SELECT string_agg(s.row_label || ':' || s.number_label, ' ' ORDER BY s.number_label::int)
            FROM event_seats i JOIN seats s ON s.id = i.seat_id
            WHERE i.event_id = '$event' AND i.status = 'HELD' AND i.held_by = 'clerk_a'")
tap_like "$pair" "^([A-Z]+):([0-9]+) \1:[0-9]+$" "both seats in one row ($pair)"
n1=${pair#*:}; n1=${n1%% *}; n2=${pair##*:}
tap_is "$((n2 - n1))" 1 "… side by side"
tap_is "$(sql "SELECT max(hold_expires_at) < now() + interval '3 minutes 5 seconds' FROM event_seats WHERE held_by = 'clerk_a' AND status = 'HELD'")" \
  t "the database hold ends within 3 minutes"

# ---- 4. Esc from payment abandons: the seats are free again ----
keys c Enter
wait_for c "Total 88\.00" && keys c Enter
wait_for c "Payment"; tap_ok $? "the best pair goes to payment"
keys c Escape
wait_for c "[Aa]bandon"; tap_ok $? "Esc on the payment asks before abandoning"
keys c y
wait_for c "Order abandoned"; tap_ok $? "y abandons: back to the seat map"
tap_like "$(screen c)" "0 selected" "… with nothing selected"
tap_is "$(sql "SELECT count(*) FROM event_seats WHERE status = 'HELD' AND held_by = 'clerk_a'")" 0 \
  "no seat is held any more"
tap_is "$(sql "SELECT count(*) FROM orders WHERE created_by = 'clerk_a' AND status = 'PENDING'")" 0 \
  "no order is left pending"
tap_is "$(sql "SELECT count(*) FROM orders WHERE created_by = 'clerk_a' AND status = 'FAILED'")" 1 \
  "the abandoned order is FAILED"

# ---- 5. General admission: 3 places ----
ga_before=$(sql "SELECT es.sold FROM event_sections es JOIN sections s ON s.id = es.section_id
                 WHERE es.event_id = '$event' AND s.name = 'Promenade'")
keys c Escape
wait_for c "3 Promenade"; tap_ok $? "Esc: back to the sections"
keys c 3
wait_for c "How many places in Promenade"; tap_ok $? "the standing section asks how many places"
keys c 3 Enter
wait_for c "Total 46\.50"; tap_ok $? "3 places: 3 x (15.00 + 0.50) = 46.50"
tap_like "$(screen c)" "3 places +Promenade +Standing" "the order shows 3 Promenade places"
keys c Enter
wait_for c "Payment" && keys c 1
keys c Enter
wait_for c "Paid in full" && keys c Enter
wait_for c "Sale complete"; tap_ok $? "paid in cash: sale complete"
tap_like "$(screen c)" "3 tickets +Total paid 46\.50" "3 tickets, 46.50"
ord=$(order_of c)
tap_is "$(sql "SELECT count(*) FROM tickets WHERE order_id = '$ord' AND status = 'VALID' AND seat_id IS NULL")" 3 \
  "three VALID general-admission tickets"
tap_is "$(sql "SELECT es.sold FROM event_sections es JOIN sections s ON s.id = es.section_id
               WHERE es.event_id = '$event' AND s.name = 'Promenade'")" "$((ga_before + 3))" \
  "the Promenade counter went up by 3"
keys c q
keys c Escape
keys c Escape
wait_for c "Twelfth Night" && keys c q
wait_for c "EXIT=0"; tap_ok $? "quit"

# ---- 6. The connection dies under held seats ----
orders_before=$(sql "SELECT count(*) FROM orders WHERE created_by = 'clerk_a'")
start d 80 24 clerk_a
open_stalls d
n=$(free_pair G)
goto d "G$n"
keys d Space
wait_for d "1 selected"
goto d "G$((n + 1))"
keys d Space
wait_for d "2 selected"; tap_ok $? "two seats held"
# Refuse new logins for a moment so the reconnecting can be seen, then kill the backend.
psql -X -q -d "$db" -c "ALTER ROLE clerk_a NOLOGIN" \
  -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'clerk_a'" >/dev/null
wait_for d "lost.*reconnecting" 30; tap_ok $? "the screen says the connection is lost and it is reconnecting"
sleep 1
psql -X -q -d "$db" -c "ALTER ROLE clerk_a LOGIN" >/dev/null
wait_for d "Reconnected" 100; tap_ok $? "… then reconnects and carries on"
tap_like "$(screen d)" "2 selected" "the two held seats are still the clerk's"
keys d Enter
wait_for d "Total 88\.00" && keys d Enter
wait_for d "Payment" && keys d 1
keys d Enter
wait_for d "Paid in full" && keys d Enter
wait_for d "Sale complete"; tap_ok $? "the sale completes after the reconnect"
tap_is "$(sql "SELECT count(*) FROM orders WHERE created_by = 'clerk_a'")" "$((orders_before + 1))" \
  "exactly one order was made"
ord=$(order_of d)
tap_is "$(sql "SELECT status || ' ' || (SELECT count(*) FROM tickets t WHERE t.order_id = o.id) FROM orders o WHERE id = '$ord'")" \
  "PAID 2" "… PAID, with 2 tickets"
keys d Enter
keys d Escape
keys d Escape
wait_for d "Twelfth Night" && keys d q
wait_for d "EXIT=0"; tap_ok $? "quit"
tap_is "$(cat "$tmp"/*.err 2>/dev/null | head -5)" "" "nothing written to stderr (sanitizers included)"

tm kill-server >/dev/null 2>&1
dropdb "$db" >/dev/null 2>&1
tap_done
