#!/usr/bin/env bash
# Changing one's password in the terminal (security checklist): the real program in tmux
# against the demo data in a throwaway database (PG* from tests/run.sh).
#   a clerk of the Lyric Theatre (a login of its own: logins are the cluster's) whose
#   password expires in 3 days: the events screen warns in words with
#   the date; W opens the form; what is typed never shows; a short password is refused in
#   words; the change is made; the program quits and the clerk logs in again with the new
#   password (and not the old one).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_hp_password
sock="bo-hp-pw-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
  tm kill-server >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  psql -X -q -d postgres -c 'DROP ROLE IF EXISTS hp_e2e_pw' >/dev/null 2>&1; rm -rf "$tmp"
}
trap cleanup EXIT

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a fresh database with the demo data"
sql() { psql -X -q -t -A -d "$db" -c "$1"; }
sql "SELECT add_staff_login('hp_e2e_pw', 'a0000000-0000-4000-8000-000000000001', 'CLERK', 'E2E Clerk',
                            'hp-e2e-first-1')" >/dev/null
sql "ALTER ROLE hp_e2e_pw VALID UNTIL '$(date -u -d '+3 days' '+%Y-%m-%d %H:%M:%S+00')'" >/dev/null
day=$(date -d '+3 days' '+%a %d %b %Y')
new='e2e-New-Secret-42'

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}

printf '*:*:%s:hp_e2e_pw:hp-e2e-first-1\n' "$db" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
tm new-session -d -s bo -x 80 -y 24 \
  "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $bin --db 'dbname=$db user=hp_e2e_pw' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
wait_for "The Tempest"; tap_ok $? "the clerk's events screen"
wait_for "Your password expires on $day"; tap_ok $? "the status line warns: expires on $day"
tap_like "$(screen)" "\(in [23] days\): press W to change it" "… in how many days, and which key"

tm send-keys -t bo W
wait_for "Change your password"; tap_ok $? "W opens the change-password form"
tap_like "$(screen)" "At least 12 characters" "the form says the rule"
tm send-keys -t bo -l 'hp-e2e-first-1'; tm send-keys -t bo Tab
tm send-keys -t bo -l 'tooshort'; tm send-keys -t bo Tab
tm send-keys -t bo -l 'tooshort'; tm send-keys -t bo Enter
wait_for "too short: 8 characters; it needs at least 12"; tap_ok $? "a short password is refused in words"
tap_is "$(screen | grep -c -e 'hp-e2e-first' -e 'tooshort')" 0 "nothing typed is shown"
tm send-keys -t bo -l "$new"; tm send-keys -t bo Tab
tm send-keys -t bo -l "$new"; tm send-keys -t bo Enter
wait_for "Password changed. The new one lasts until"; tap_ok $? "the password is changed"
tap_is "$(screen | grep -c -- "$new")" 0 "the new password never shows"
tap_like "$(sql "SELECT rolvaliduntil > now() + interval '89 days' FROM pg_roles WHERE rolname = 'hp_e2e_pw'")" "^t$" \
  "the password now lasts 90 days"
tm send-keys -t bo Enter
wait_for "Password changed\."; tap_ok $? "back on the events screen"
tap_is "$(screen | grep -c 'Your password expires')" 0 "the warning is gone"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"
tm kill-server >/dev/null 2>&1

# Logging in again: the new password works, the old one does not.
out=$(PGPASSWORD=$new "$bin" --db "dbname=$db user=hp_e2e_pw" events </dev/null 2>&1)
tap_like "$out" "The Tempest" "the clerk logs in again with the new password"
out=$(PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=hp_e2e_pw" events </dev/null 2>&1)
tap_like "$out" "[Pp]assword" "… and the old one is refused"
tap_is "$(grep -c -- "$new" "$tmp/app.err" "$PGHOST/server.log" 2>/dev/null | awk -F: '{s += $2} END {print s + 0}')" 0 \
  "neither the program's stderr nor the server log holds the new password"
tap_done
