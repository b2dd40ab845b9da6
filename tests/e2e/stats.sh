#!/usr/bin/env bash
# The statistics screen end to end (issue 6): the real program in tmux against the demo data
# in a throwaway database (PG* from tests/run.sh), read back with capture-pane.
#   super_a opens The Tempest's statistics with S; the tickets sold equal what psql counts in
#   the tickets table; R refreshes (the "as of" time changes); a sale made meanwhile with
#   `boxoffice sell` as clerk_a changes the live Stalls figure on screen (NOTIFY) in bounded time.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_stats
sock="bo-stats-$$"
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
as() { local login=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }
event=$(sql "SELECT id FROM events WHERE title = 'The Tempest'")

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
as_of() { screen | sed -n 's/.*as of \([0-9:]\{8\}\).*/\1/p' | head -1; }
stalls_sold() { screen | sed -n 's/^ Stalls .* \([0-9][0-9]*\) sold .*/\1/p' | head -1; }

tm new-session -d -s bo -x 80 -y 24 \
  "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $bin --db 'dbname=$db user=super_a' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
wait_for "The Tempest"; tap_ok $? "super_a: the events screen"
tap_like "$(screen)" "S stats" "the key bar offers S"
# The Tempest is the first event; make sure the cursor is on it.
tm send-keys -t bo g; sleep 0.2
tm send-keys -t bo S
wait_for "Statistics . The Tempest"; tap_ok $? "S opens The Tempest's statistics"
s=$(screen)
tap_like "$s" "R refresh" "a supervisor is offered R refresh"
tap_like "$s" "Stalls .*sold .*free /[0-9]+" "the Stalls section as a bar with sold/held/free"
tap_like "$s" "Sales per hour" "the hours chart"
tap_like "$s" "Payments:  CASH" "payments by method"

# R: refresh, then the totals are what the tables say.
before=$(as_of)
sleep 1.2
tm send-keys -t bo R
wait_for "Figures refreshed"; tap_ok $? "R refreshes the figures"
after=$(as_of)
tap_ok "$([ -n "$after" ] && [ "$after" != "$before" ]; echo $?)" "the 'as of' time changed ($before -> $after)"
sold=$(sql "SELECT count(*) FROM tickets WHERE event_id = '$event' AND status IN ('VALID', 'USED')")
tap_like "$(screen)" "Tickets sold $sold " "tickets sold on screen = $sold counted in the tickets table"

# A sale made meanwhile: the live Stalls figure follows (NOTIFY, debounced).
n0=$(stalls_sold)
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 2 --pay cash 2>&1); rc=$?
tap_ok $rc "clerk_a sells 2 Stalls seats with boxoffice sell" || printf '#   %s\n' "$out"
want=$((n0 + 2))
wait_for "^ Stalls .* $want sold " 50; tap_ok $? "the Stalls figure on super_a's screen goes $n0 -> $want within 5 s"
tap_is "$(sql "SELECT count(*) FROM tickets t JOIN seats s ON s.id = t.seat_id JOIN sections c ON c.id = s.section_id
               WHERE t.event_id = '$event' AND c.name = 'Stalls' AND t.status IN ('VALID', 'USED')")" "$want" \
  "… which is what the tickets table holds for Stalls"

tm send-keys -t bo Escape
wait_for "Twelfth Night"; tap_ok $? "Esc goes back to the events"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"
tap_done
