#!/usr/bin/env bash
# Gate mode end to end (issue 7): the real program in tmux against the demo data in a
# throwaway database (PG* from tests/run.sh), read back with capture-pane.
#   Tickets are sold with `boxoffice sell --json` (the only place their codes come from);
#   help_a presses G on The Tempest, names the gate, and types codes as a USB scanner
#   does (the code and Enter): ADMITTED, then ALREADY SCANNED with the gate, UNKNOWN,
#   WRONG EVENT; a ticket locked by another session is NOT CHECKED (and admitted when
#   scanned again); a lost connection shows NO CONNECTION until it is back; the gate's
#   name is remembered; ASCII and NO_COLOR still say every result in words and reverse video.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=gate_e2e
sock="gate-e2e-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
  tm kill-server >/dev/null 2>&1
  psql -X -q -d "$db" -c "ALTER ROLE help_a LOGIN" >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a fresh database with the demo data"
printf '*:*:%s:clerk_a:clerk_a-demo\n*:*:%s:help_a:help_a-demo\n' "$db" "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
as() { local login=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }
sell() {  # sell EVENT SECTION N: "token ticket_id" per line
  as clerk_a sell --event "$1" --section "$2" --best "$3" --pay cash --json \
    | python3 -c 'import json, sys
for t in json.load(sys.stdin)["tickets"]: print(t["token"], t["ticket_id"], t["row"] + t["number"])'
}
mapfile -t sold < <(sell "The Tempest" Stalls 4)
mapfile -t other < <(sell "Twelfth Night" Stalls 1)
tap_is "${#sold[@]} ${#other[@]}" "4 1" "tickets sold with boxoffice sell: 4 for The Tempest, 1 for Twelfth Night"
read -r t1 id1 seat1 <<<"${sold[0]}"
read -r t2 id2 _ <<<"${sold[1]}"
read -r t3 id3 _ <<<"${sold[2]}"
read -r t4 id4 _ <<<"${sold[3]}"
read -r tw idw _ <<<"${other[0]}"
row1=${seat1%%[0-9]*}; num1=${seat1#"$row1"}

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]: poll the screen until it shows REGEX (bounded)
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
scan() { tm send-keys -t bo -l "$1"; tm send-keys -t bo Enter; }  # as a USB scanner types
validations() { sql "SELECT string_agg(gate || '/' || staff_login || '/' || result, ' ' ORDER BY validated_at)
                       FROM ticket_validations WHERE ticket_id = '$1'"; }
start() {  # start ENV...: the box office as help_a in a fresh tmux at 80x24
  tm kill-server >/dev/null 2>&1
  sock="gate-e2e-$$-$((++servers))"
  tm new-session -d -s bo -x 80 -y 24 \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $* $bin --db 'dbname=$db user=help_a' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
}
servers=0

start LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for "The Tempest"; tap_ok $? "help_a: the events screen"
tap_like "$(screen)" "G gate" "the key bar offers G"
tm send-keys -t bo g; sleep 0.2   # the cursor on the first event, The Tempest
tm send-keys -t bo G
wait_for "Which gate is this"; tap_ok $? "G asks which gate this is"
tap_like "$(screen)" "Gate mode · The Tempest" "… for the event under the cursor"
tm send-keys -t bo -l "North"; tm send-keys -t bo Enter
wait_for "Ready: scan a ticket"; tap_ok $? "the name given, the scan box is ready"
s=$(screen)
tap_like "$s" "^ Gate North · The Tempest .*admitted here: 0" "the title names the gate and the count admitted here"
tap_like "$s" "Scan a ticket:" "a scan box"

scan "$t1"
wait_for "ADMITTED: "; tap_ok $? "a valid ticket's code + Enter: ADMITTED"
s=$(screen)
tap_like "$s" "ADMITTED: Stalls, row $row1, seat $num1 · (Standard|Concession)" "… large, with the seat and tier"
tap_like "$s" "admitted here: 1" "… counted"
tap_like "$s" "█" "… in block letters"
tap_is "$(sql "SELECT status || ' ' || (scanned_at IS NOT NULL) FROM tickets WHERE id = '$id1'")" "USED true" \
  "the ticket is USED with scanned_at"
tap_is "$(validations "$id1")" "North/help_a/ADMITTED" "a ticket_validations row: North, help_a, ADMITTED"

scan "$t1"
wait_for "ALREADY SCANNED: first [0-9:]+ at North"; tap_ok $? "the same code again: ALREADY SCANNED, first time and gate"
tap_like "$(screen)" "Do not admit: first scanned [0-9:]+ at gate North \(this gate\)" "… do not admit, at this gate"
tap_like "$(screen)" "admitted here: 1" "… not counted again"
tap_is "$(validations "$id1")" "North/help_a/ADMITTED North/help_a/ALREADY_USED" "… and recorded"

scan "0000000000000000000000000000000000000000"
wait_for "UNKNOWN: no ticket has this code"; tap_ok $? "an unknown code: UNKNOWN"
scan "$tw"
wait_for "WRONG EVENT: this ticket is for Twelfth Night"; tap_ok $? "a Twelfth Night ticket: WRONG EVENT, naming its event"
tap_is "$(sql "SELECT status FROM tickets WHERE id = '$idw'")" "VALID" "… and it is not used up"
# a scanner that types lower case and sends CR LF
tm send-keys -t bo -l "$(printf '%s' "$t2" | tr 'A-F' 'a-f')"; tm send-keys -t bo C-m C-j
wait_for "admitted here: 2"; tap_ok $? "a lower-case code ended by CR LF is admitted (one scan)"
s=$(screen)
tap_like "$s" "Last scans at North" "the last scans are listed"
tap_is "$(printf '%s\n' "$s" | sed -n '/Last scans at North/,$p' | grep -cE '[0-9]{2}:[0-9]{2}:[0-9]{2}  (ADMITTED|ALREADY|UNKNOWN|WRONG)')" 4 \
  "… the four that fit, newest first"

# A ticket locked by another session (another gate stuck mid-scan): not checked, said so.
psql -X -q -d "$db" -c "BEGIN" -c "SELECT 1 FROM tickets WHERE id = '$id3' FOR UPDATE" -c "SELECT pg_sleep(4)" \
  -c "COMMIT" >/dev/null 2>&1 &
locker=$!
for _ in $(seq 1 50); do
  [ "$(sql "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(4)%' AND pid <> pg_backend_pid()")" = 1 ] && break
  sleep 0.1
done
scan "$t3"
wait_for "NOT CHECKED: scan this ticket again"; tap_ok $? "a ticket locked elsewhere: NOT CHECKED, scan again"
tap_like "$(screen)" "The database did not answer" "… saying why"
tap_is "$(validations "$id3")" "" "… and nothing was recorded"
wait "$locker"
scan "$t3"
wait_for "admitted here: 3"; tap_ok $? "scanned again once free: admitted"

# The connection lost: NO CONNECTION until it is back, then scanning carries on.
sql "ALTER ROLE help_a NOLOGIN" >/dev/null
sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'help_a'" >/dev/null
wait_for "NO CONNECTION: scans are NOT checked" 50; tap_ok $? "the connection lost: NO CONNECTION, scans not checked"
tap_like "$(screen)" "lost.*reconnecting" "… and it is reconnecting"
sql "ALTER ROLE help_a LOGIN" >/dev/null
wait_for "Reconnected" 150; tap_ok $? "… reconnected"
scan "$t4"
wait_for "admitted here: 4"; tap_ok $? "… and the next scan is admitted"
tap_is "$(sql "SELECT count(*) FROM ticket_validations WHERE gate = 'North' AND result = 'ADMITTED'")" 4 \
  "4 admissions at North in ticket_validations"

# Esc asks before leaving; the name is remembered for next time.
tm send-keys -t bo Escape
wait_for "Leave gate mode at North\?"; tap_ok $? "Esc asks before leaving"
tm send-keys -t bo y
wait_for "Twelfth Night"; tap_ok $? "y: back to the events"
tap_like "$(cat "$tmp/config/boxoffice/config" 2>/dev/null)" "^gate = North$" "the gate's name is kept in the user's config"
tm send-keys -t bo g; sleep 0.2
tm send-keys -t bo G
wait_for "Gate: +North"; tap_ok $? "G again: the name is offered"
tm send-keys -t bo Enter
wait_for "admitted here: 4"; tap_ok $? "… and the count admitted at North comes from the database"
tm send-keys -t bo Escape; wait_for "Leave gate mode"; tm send-keys -t bo y
wait_for "Twelfth Night"; tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# ASCII and NO_COLOR: the result is still unmistakable.
psql -X -q -d "$db" -c "UPDATE tickets SET status = 'VALID', scanned_at = NULL WHERE id = '$id4'" >/dev/null
start LANG=C LC_ALL=C NO_COLOR=1
wait_for "The Tempest"; tm send-keys -t bo g; sleep 0.2
tm send-keys -t bo G
wait_for "Gate: +North"; tm send-keys -t bo Enter
wait_for "Ready: scan a ticket"; tap_ok $? "C locale, NO_COLOR: gate mode at North"
scan "$t4"
wait_for "ADMITTED: Stalls"; tap_ok $? "ADMITTED in words"
s=$(screen)
tap_like "$s" " ##  ###  #   # ###" "… and in block letters of '#'"
tap_is "$(printf '%s' "$s" | grep -c '[^ -~]')" 0 "nothing but ASCII on the screen"
esc=$(tm capture-pane -p -e -t bo)
# tmux writes an attribute where it starts: reverse video must be on from the band's first
# row through its line of words, with nothing turning it off in between
tap_is "$(printf '%s' "$esc" | python3 -c 'import re, sys
t = sys.stdin.read(); end = t.find("ADMITTED: Stalls"); on = False
for m in re.finditer(r"\x1b\[([0-9;]*)m", t[:end]):
    codes = m.group(1).split(";")
    if "7" in codes: on = True
    elif codes == [""] or "0" in codes or "27" in codes: on = False
print(on)')" True "the band is reverse video"
tap_is "$(printf '%s' "$esc" | grep -Ec $'\e\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7])m')" 0 "NO_COLOR: no colour escapes"
scan "$t4"
wait_for "ALREADY SCANNED: first"; tap_like "$(screen)" "STOP +STOP" "a refusal says STOP along the band"
tm send-keys -t bo Escape; wait_for "Leave gate mode"; tm send-keys -t bo y
wait_for "The Tempest"; tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"
[ -s "$tmp/app.err" ] && sed 's/^/# app stderr: /' "$tmp/app.err"
tap_done
