#!/usr/bin/env bash
# End to end: the real program in a real terminal (tmux), against the demo data in the
# throwaway cluster, read back with capture-pane; plus the CLI and real staff logins
# (password authentication, no superuser session behind them).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
db=boxoffice_e2e
sock="bo-e2e-$$"
cleanup() { tmux -L "$sock" kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "demo data loads into a fresh database"
out=$(psql -X -q -d "$db" -f sql/demo/demo.sql 2>&1)
tap_like "$out" "already loaded" "loading the demo data twice changes nothing"

printf '*:*:%s:clerk_a:clerk_a-demo\n*:*:%s:clerk_b:clerk_b-demo\n*:*:%s:help_a:help_a-demo\n' "$db" "$db" "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"; : >"$tmp/empty"; chmod 600 "$tmp/empty"
as() { local login=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }

# CLI, as real logins of two organisations.
out=$(as clerk_a events 2>&1); rc=$?
tap_ok $rc "events as clerk_a"
tap_like "$out" "The Tempest" "clerk_a sees the Lyric Theatre's performances"
tap_is "$(printf '%s\n' "$out" | grep -c 'Harbour')" 0 "clerk_a sees nothing of Harbour Arts"
tap_is "$(printf '%s\n' "$out" | grep -c 'rehearsal')" 0 "a draft event is not listed"
out=$(as clerk_b events 2>&1)
tap_like "$out" "Harbour Jazz Night" "clerk_b sees Harbour Arts' event"
tap_is "$(printf '%s\n' "$out" | grep -c 'Tempest')" 0 "clerk_b sees nothing of the Lyric Theatre"
out=$(PGPASSWORD=wrong "$bin" --db "dbname=$db user=clerk_a" events </dev/null 2>&1); rc=$?
tap_is "$rc" 1 "a wrong password exits 1"
tap_like "$out" "[Pp]assword" "… and says the password was refused"
out=$(PGHOST=$tmp/nowhere "$bin" --db "dbname=$db user=clerk_a" events </dev/null 2>&1); rc=$?
tap_is "$rc" 1 "no server exits 1"
tap_like "$out" "[Cc]annot reach" "… and says the server cannot be reached"
out=$("$bin" --frobnicate 2>&1); rc=$?
tap_is "$rc" 2 "an unknown option exits 2 with usage"
tap_like "$("$bin" --version)" "^boxoffice [0-9]+\.[0-9]+\.[0-9]+" "--version prints the version"

# A real staff session cannot become anyone else.
psql_as() { PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "$db" -U clerk_a -c "$1" 2>&1; }
tap_like "$(psql_as 'SET SESSION AUTHORIZATION clerk_b')" "permission denied" \
  "a real login cannot SET SESSION AUTHORIZATION"
tap_like "$(psql_as 'SET ROLE boxoffice_owner')" "permission denied" "a real login cannot SET ROLE to the owner"
tap_is "$(psql_as 'SELECT count(*) FROM events WHERE organization_id <> current_org_id()')" 0 \
  "a real login reads no other organisation's events"
tap_like "$(psql_as 'SHOW statement_timeout')" "^15s$" "the login carries its own statement_timeout"

# The terminal.
tm() { tmux -L "$sock" "$@"; }
screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX: poll the screen until it shows REGEX (bounded)
  local i
  for i in $(seq 1 150); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
# A new tmux server on a new socket each time: a new-session right after kill-server on the
# same socket sometimes reaches the dying server ("server exited unexpectedly").
servers=0
fresh_server() { tm kill-server >/dev/null 2>&1; servers=$((servers + 1)); sock="bo-e2e-$$-$servers"; }
start() {  # start COLS ROWS ENV...: the box office as clerk_a in a fresh tmux
  local cols=$1 rows=$2; shift 2
  fresh_server
  tm new-session -d -s bo -x "$cols" -y "$rows" \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass $* $bin --db 'dbname=$db user=clerk_a'; echo EXIT=\$?; sleep 30"
}

start 80 24 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
wait_for "Twelfth Night"; tap_ok $? "the first screen appears at 80x24"
s=$(screen)
tap_like "$s" "clerk_a @ Lyric Theatre Company" "title bar: login and organisation"
tap_like "$s" "Fri 27 Nov|The Tempest" "events listed with date and title"
tap_is "$(printf '%s\n' "$s" | grep -Ec 'The Tempest|Midsummer|Twelfth Night')" 3 "three performances on sale"
tap_is "$(printf '%s\n' "$s" | grep -c Harbour)" 0 "no other organisation's events on screen"
tap_like "$s" "q quit" "the key bar shows the keys"
tm send-keys -t bo / m i d
wait_for "search|mid" ; sleep 0.3
s=$(screen)
tap_like "$s" "Midsummer" "typing a filter keeps the matching event"
tap_is "$(printf '%s\n' "$s" | grep -c 'Tempest')" 0 "… and hides the others"
tm send-keys -t bo Escape
sleep 0.3
tap_like "$(screen)" "Tempest" "Esc clears the filter"
tm resize-window -t bo -x 60 -y 20 2>/dev/null || tm resize-pane -t bo -x 60 -y 20
wait_for "too small"; tap_ok $? "a 60x20 terminal gets a 'too small' message"
tap_like "$(screen)" "80.24" "… saying the size it needs"
tm resize-window -t bo -x 80 -y 24 2>/dev/null || tm resize-pane -t bo -x 80 -y 24
wait_for "Twelfth Night"; tap_ok $? "back at 80x24 the list is redrawn"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# ASCII when the locale is not UTF-8, monochrome with NO_COLOR.
start 80 24 LANG=C LC_ALL=C NO_COLOR=1 TERM=xterm-256color
wait_for "Twelfth Night"; tap_ok $? "the screen appears in the C locale"
tap_is "$(screen | grep -c '—')" 0 "no non-ASCII characters in the C locale"
esc=$(tm capture-pane -p -e -t bo)
tap_is "$(printf '%s' "$esc" | grep -Ec $'\e\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7])m')" 0 "NO_COLOR: no colour escapes"
tm send-keys -t bo q
wait_for "EXIT=0"

# The password prompt, when nothing stores the password.
fresh_server
tm new-session -d -s bo -x 80 -y 24 \
  "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/empty LANG=C.UTF-8 $bin --db 'dbname=$db user=clerk_b'; echo EXIT=\$?; sleep 30"
wait_for "[Pp]assword"; tap_ok $? "without a stored password the program asks for one"
tm send-keys -t bo "clerk_b-demo" Enter
wait_for "Harbour Jazz Night"; tap_ok $? "the typed password logs clerk_b in"
tap_is "$(screen | grep -c 'clerk_b-demo')" 0 "the password was not echoed"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "and q quits"

# The screens follow the grants: a help-desk login is not offered the sale.
fresh_server
tm new-session -d -s bo -x 80 -y 24 \
  "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 $bin --db 'dbname=$db user=help_a'; echo EXIT=\$?; sleep 30"
wait_for "Twelfth Night"; tap_ok $? "a help-desk login sees the events"
tm send-keys -t bo Enter
wait_for "may not sell"; tap_ok $? "… and opening one says the login may not sell, instead of failing later"
tm send-keys -t bo q
wait_for "EXIT=0"

dropdb "$db" >/dev/null 2>&1
tap_done; rc=$?

# The clerk's sale, screen by screen (its own database and tmux server).
tests/e2e/sale.sh || rc=1
# Printing from the terminal through a private cupsd.
tests/e2e/print.sh || rc=1
# The statistics screen: totals, refresh, a live section figure.
tests/e2e/stats.sh || rc=1
# Seats off sale: killed with a reason, shown to clerks, sold as house seats, released.
tests/e2e/kills.sh || rc=1
# Event set-up: a new event published from the terminal, refusals in words.
tests/e2e/setup.sh || rc=1
# Shifts: a float, a blind count, a supervisor's sign-off with a note.
tests/e2e/shift.sh || rc=1
# The help desk: a misspelled name, a reprint whose old code dies at the gate, a cancel with a refund.
tests/e2e/lookup.sh || rc=1
# Gate mode: scans as a USB scanner types them, every result large, a lost connection said.
tests/e2e/gate.sh || rc=1
# An exchange: a ticket found at the help desk becomes two seats, the difference paid; then back
# to one seat, the difference handed back.
tests/e2e/exchange.sh || rc=1
# Passwords: the expiry warning, W to change it, logging in again with the new one.
tests/e2e/password.sh || rc=1
# Monitoring: a supervisor's M screen with the server's own figures; a clerk is not offered it.
tests/e2e/monitor.sh || rc=1
exit $rc
