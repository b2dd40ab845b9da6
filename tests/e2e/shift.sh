#!/usr/bin/env bash
# The shift screen end to end (issue 6): the real program in tmux against the demo data in
# a throwaway database (PG* from tests/run.sh), read back with capture-pane.
#   clerk_a presses C, opens a shift with a float of 100.00; a cash sale is made with
#   `boxoffice sell` as clerk_a; clerk_a closes with a blind count 5.00 short → the shifts
#   row holds the count and a variance of -5.00 computed from the payments table, and the
#   screen never showed what was expected. super_a opens C, sees the shift awaiting sign-off,
#   its report, is refused a sign-off without a note (the database's words on screen), signs
#   off with one → signed_off_by = super_a. super_a's own shift's report is refused; the
#   statistics screen sums the drawers up; a help-desk login is told it has no drawer.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_shift
sock="bo-shift-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() { tm kill-server >/dev/null 2>&1; dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a fresh database with the demo data"
for l in clerk_a super_a help_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
as() { local login=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
# A new tmux server on a new socket each time (see tests/e2e/run.sh).
servers=0
start() {  # start LOGIN: the box office in a fresh tmux at 80x24
  tm kill-server >/dev/null 2>&1
  servers=$((servers + 1)); sock="bo-shift-$$-$servers"
  tm new-session -d -s bo -x 80 -y 24 \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $bin --db 'dbname=$db user=$1' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
  wait_for "Twelfth Night"
}

# ---- clerk_a: open, sell, close blind ----
start clerk_a; tap_ok $? "clerk_a: the events screen"
tap_like "$(screen)" "C shift" "the key bar offers C"
tm send-keys -t bo C
wait_for "Shift and cash drawer"; tap_ok $? "C opens the shift screen"
tap_like "$(screen)" "No shift open. Float in the drawer:" "no shift open: a float field"
tm send-keys -t bo "100.00" Enter
wait_for "Open since .* with a float of 100\.00\."; tap_ok $? "Enter opens the shift: since when, and the float"
tap_is "$(sql "SELECT staff_login || ' ' || float_amount || ' ' || (closed_at IS NULL) FROM shifts")" "clerk_a 100.00 true" \
  "… one open shift of clerk_a with a float of 100.00 in the table"

out=$(as clerk_a sell --event "The Tempest" --section Promenade --ga 2 --pay cash --tendered 100 2>&1); rc=$?
tap_ok $rc "a cash sale with boxoffice sell as clerk_a" || printf '#   %s\n' "$out"
sid=$(sql "SELECT id FROM shifts WHERE staff_login = 'clerk_a'")
expected=$(sql "SELECT s.float_amount + COALESCE(sum(p.amount), 0) FROM shifts s LEFT JOIN payments p
                  ON p.created_by = s.staff_login AND p.method = 'CASH' AND p.created_at >= s.opened_at
                WHERE s.id = '$sid' GROUP BY s.float_amount")
counted=$(python3 -c "from decimal import Decimal as D; print(D('$expected') - D('5.00'))")
tap_like "$expected" "^1[0-9]{2}\.[0-9]{2}$" "the drawer should hold $expected (float + the cash payments)"

tm send-keys -t bo c
wait_for "the blind count"; tap_ok $? "c opens the blind count"
tap_is "$(screen | grep -c -i 'expected')" 0 "… which shows nothing of what is expected"
tm send-keys -t bo "$counted" Tab "0" Enter
wait_for "Close your shift with this count\?"; tap_ok $? "Enter asks for a confirmation"
tap_like "$(screen)" "Cash $counted, card slips 0\.00\." "… repeating the count"
tm send-keys -t bo y
wait_for "A supervisor compares the count"; tap_ok $? "y closes it: a supervisor signs it off"
s=$(screen)
tap_like "$s" "counted cash $counted, card slips 0\.00" "… the count on screen"
tap_is "$(printf '%s\n' "$s" | grep -Eci 'expected|variance')" 0 "… and never what was expected"
tap_is "$(sql "SELECT counted_cash || ' ' || counted_card || ' ' || variance_cash || ' ' || variance_card
               FROM shifts WHERE id = '$sid'")" "$counted 0.00 -5.00 0.00" \
  "the shifts row: the count, a cash variance of -5.00"
tap_is "$(sql "SELECT s.counted_cash - (s.float_amount + COALESCE(sum(p.amount), 0)) FROM shifts s
               LEFT JOIN payments p ON p.created_by = s.staff_login AND p.method = 'CASH'
                AND p.created_at BETWEEN s.opened_at AND s.closed_at
               WHERE s.id = '$sid' GROUP BY s.counted_cash, s.float_amount")" "-5.00" \
  "… which is counted minus (float + the payments table's cash)"
tm send-keys -t bo Escape
wait_for "Twelfth Night"; tap_ok $? "Esc goes back to the events"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# ---- super_a: the list, the report, the sign-off ----
start super_a; tap_ok $? "super_a: the events screen"
tm send-keys -t bo C
wait_for "Shifts of the organisation"; tap_ok $? "C shows super_a the organisation's shifts"
tap_like "$(screen)" "clerk_a .* awaiting sign-off +-5\.00 +0\.00" "clerk_a's shift: awaiting sign-off, variance -5.00"
tm send-keys -t bo Enter
wait_for "Shift report"; tap_ok $? "Enter shows its report"
s=$(screen)
tap_like "$s" "Cash +[0-9]+ +[0-9.,]+ +${expected/./\\.} +${counted/./\\.} +-5\.00" \
  "… cash: expected $expected, counted $counted, variance -5.00"
tap_like "$s" "Cash: short by 5\.00\." "… in words"
tm send-keys -t bo s
wait_for "Sign off the shift of clerk_a"; tap_ok $? "s asks for a note"
tm send-keys -t bo Enter
wait_for "say why in a note"; tap_ok $? "without a note: the database's refusal on screen"
tap_like "$(screen)" "the count is off \(cash -5\.00, card 0\.00\)" "… in its words"
tap_is "$(sql "SELECT COALESCE(signed_off_by, 'none') FROM shifts WHERE id = '$sid'")" "none" "… and nothing signed off"
tm send-keys -t bo "a refund paid from the drawer" Enter
wait_for "Signed off by super_a"; tap_ok $? "with a note it is signed off"
tap_like "$(screen)" "Note: a refund paid from the drawer" "… the note on the report"
tap_is "$(sql "SELECT signed_off_by || ' / ' || note FROM shifts WHERE id = '$sid'")" "super_a / a refund paid from the drawer" \
  "signed_off_by = super_a and the note, in the table"
tm send-keys -t bo p   # CUPS_SERVER points at no print server
wait_for "Not printed: .*print server is not running"; tap_ok $? "p without a print server: why, in words"
tm send-keys -t bo Escape
wait_for "signed off by super_a"; tap_ok $? "Esc: back to the list, the shift signed off"

# super_a's own shift: opened and closed here, its report refused until someone else signs
tm send-keys -t bo Tab "20" Enter
wait_for "Open since .* with a float of 20\.00\."; tap_ok $? "super_a opens their own shift from the float field"
tm send-keys -t bo c
wait_for "the blind count"
tm send-keys -t bo "20" Tab "0" Enter
wait_for "Close your shift with this count\?"
tm send-keys -t bo y
wait_for "A supervisor compares the count"; tap_ok $? "… and closes it"
tm send-keys -t bo g Enter   # the newest shift is super_a's own, first on the list
wait_for "once a supervisor has signed it off"; tap_ok $? "their own report is refused in the database's words" \
  || screen | sed 's/^/#   /'
tm send-keys -t bo Escape
wait_for "Twelfth Night"

# the statistics screen sums the drawers up (supervisors)
tm send-keys -t bo g S
wait_for "Statistics"; tap_ok $? "S opens the statistics"
tap_like "$(screen)" "Cash drawers: 0 open, 1 awaiting sign-off, cash variance today -5\.00" \
  "… with the drawers: none open, super_a's awaiting sign-off, -5.00 today"
tm send-keys -t bo Escape
wait_for "Twelfth Night"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# ---- help_a: no drawer ----
start help_a; tap_ok $? "help_a: the events screen"
tm send-keys -t bo C
wait_for "Your login has no cash drawer"; tap_ok $? "a help-desk login is told it has no cash drawer"
tm send-keys -t bo Escape
wait_for "Twelfth Night"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "and q quits"
tap_ok "$([ ! -s "$tmp/app.err" ]; echo $?)" "nothing on stderr" || sed 's/^/#   /' "$tmp/app.err"
tap_done
