#!/usr/bin/env bash
# The monitoring screen end to end: the real program in tmux against the demo data in a
# throwaway database (PG* from tests/run.sh), read back with capture-pane.
#   super_a is offered M (the key bar of a wide terminal, the help), opens it at 80x24 and
#   sees the four panels with the server's own figures: a slow statement run here
#   (normalised), the table emptied here with its dead tuples as pg_stat_user_tables counts
#   them, connections against max_connections, the largest index first; r reads again (the
#   statement's calls go up); Esc goes back. clerk_a is not offered M: it types into the
#   search. In the C locale with NO_COLOR the screen is ASCII without colour.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
top=$PWD
bin=${BOXOFFICE_BIN:-$top/boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
db=boxoffice_e2e_monitor
sock="bo-hm-$$"
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
as_sql() { PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=$1" -c "$2"; }

# A table with 1500 dead tuples (statistics flushed before the session answers its last
# statement), and a statement slow enough to lead the list.
sql "CREATE TABLE hm_churn (id integer PRIMARY KEY, note text) WITH (autovacuum_enabled = false);
     INSERT INTO hm_churn SELECT g, 'row ' || g FROM generate_series(1, 2000) g" >/dev/null
psql -X -q -t -A -d "$db" -c "DELETE FROM hm_churn WHERE id > 500" -c "SELECT pg_stat_force_next_flush()" \
  -c "SELECT 1" >/dev/null
as_sql super_a "SELECT pg_sleep(1.5)" >/dev/null
tap_is "$(sql "SELECT n_live_tup || ' ' || n_dead_tup FROM pg_stat_user_tables WHERE relname = 'hm_churn'")" \
  "500 1500" "the server counts 500 live and 1500 dead tuples in hm_churn"

screen() { tm capture-pane -p -t bo; }
wait_for() {  # wait_for REGEX [TENTHS]
  local i
  for i in $(seq 1 "${2:-150}"); do screen | grep -Eq -- "$1" && return 0; sleep 0.1; done
  return 1
}
servers=0
start() {  # start LOGIN COLS ROWS ENV...
  local login=$1 cols=$2 rows=$3; shift 3
  tm kill-server >/dev/null 2>&1
  servers=$((servers + 1)); sock="bo-hm-$$-$servers"
  tm new-session -d -s bo -x "$cols" -y "$rows" \
    "env PGHOST=$PGHOST PGPORT=$PGPORT PGPASSFILE=$tmp/pgpass TERM=xterm-256color CUPS_SERVER=$tmp/no-cups.sock XDG_CONFIG_HOME=$tmp/config $* $bin --db 'dbname=$db user=$login' 2>>$tmp/app.err; echo EXIT=\$?; sleep 30"
}
row() { screen | sed -n "$(($1 + 1))p"; }

# ---- super_a ----
start super_a 120 30 LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for "The Tempest"; tap_ok $? "super_a: the events screen"
tap_like "$(screen)" "M monitor" "a wide key bar offers M to a supervisor"
tm resize-window -t bo -x 80 -y 24 2>/dev/null || tm resize-pane -t bo -x 80 -y 24
wait_for "Twelfth Night"
tm send-keys -t bo '?'
wait_for "Keys"; tap_like "$(screen)" "M +monitoring \(supervisors\)" "the help lists M at 80x24"
tm send-keys -t bo Escape
sleep 0.3
tm send-keys -t bo M
wait_for "Monitoring . database $db"; tap_ok $? "M opens the monitoring screen"
s=$(screen)
tap_like "$(row 1)" "\[1 Statements\] +2 Tables +3 Connections +4 Indexes" "four panels as tabs, statements first"
max=$(sql "SHOW max_connections")
tap_like "$(row 2)" "^ Connections: [0-9]+ of $max connections in use \([0-9]+%\)" "the connection line against max_connections ($max)"
tap_like "$s" "SELECT pg_sleep\(\\\$1\)" "the slow statement run here is listed, its value as \$1"
tap_is "$(printf '%s\n' "$s" | grep -c 'pg_sleep(1.5)')" 0 "… never with the value"
line=$(printf '%s\n' "$s" | grep 'SELECT pg_sleep(\$1)' | head -1)
tap_like "$line" "^.  +1\.[0-9]+ s +1\.[0-9]+ s +1 +1  SELECT pg_sleep" "… with its mean, max, 1 call, 1 row"

tm send-keys -t bo 2
wait_for "\[2 Tables\]"; tap_ok $? "2: the tables"
tap_like "$(row 4)" "^> hm_churn +500 +1500 +75\.0 .*VACUUM" \
  "the table emptied here comes first: 500 live, 1500 dead, 75%, VACUUM"
tap_like "$(row 19)" "^  public\.hm_churn: last vacuum never, last analyze never\. Over 1000 dead" \
  "… told in full under the list"
n=$(sql "SELECT count(*) FROM pg_stat_user_tables")
tap_like "$(row 1)" "1 of $n" "the position among the $n tables"
tm send-keys -t bo G
wait_for "$n of $n"; tap_ok $? "G scrolls to the last table"
tap_like "$(row 17)" "^> " "… the cursor on the list's last row"

tm send-keys -t bo 3
wait_for "\[3 Connections\]"; tap_ok $? "3: the connections"
total=$(sql "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
tap_like "$(screen)" "In use +[0-9]+ of $max " "in use of $max"
tap_like "$(screen)" "By state +active [0-9]+ +idle [0-9]+ +idle in transaction [0-9]+ +other [0-9]+" "by state"
tap_like "$(screen)" "Under the 80% alert" "no alert on a quiet server"

tm send-keys -t bo 4
wait_for "\[4 Indexes\]"; tap_ok $? "4: the indexes"
largest=$(sql "SELECT indexrelname FROM pg_stat_user_indexes ORDER BY pg_relation_size(indexrelid) DESC, schemaname, indexrelname LIMIT 1")
tap_like "$(row 4)" "^> $largest " "the largest index first ($largest)"
tap_like "$(row 1)" "1 of $(sql "SELECT count(*) FROM pg_stat_user_indexes")" "… of all of them"

# r reads again: the slow statement has run once more meanwhile.
as_sql super_a "SELECT pg_sleep(1.5)" >/dev/null
tm send-keys -t bo 1 r
wait_for "Read again at [0-9:]{8}"; tap_ok $? "r reads the figures again"
tap_like "$(screen | grep 'SELECT pg_sleep(\$1)' | head -1)" " 2 +2  SELECT pg_sleep" "… and the statement now shows 2 calls"
tm send-keys -t bo Escape
wait_for "Twelfth Night"; tap_ok $? "Esc goes back to the events"
tm send-keys -t bo q
wait_for "EXIT=0"; tap_ok $? "q quits with status 0"

# ---- ASCII, no colour ----
start super_a 80 24 LANG=C LC_ALL=C NO_COLOR=1
wait_for "Twelfth Night"
tm send-keys -t bo M
wait_for "Monitoring - database"; tap_ok $? "the monitoring screen in the C locale"
tm send-keys -t bo 3
wait_for "\[3 Connections\]"
tap_is "$(screen | LC_ALL=C grep -c $'[\x80-\xff]')" 0 "no non-ASCII characters"
esc=$(tm capture-pane -p -e -t bo)
tap_is "$(printf '%s' "$esc" | grep -Ec $'\e\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7])m')" 0 "NO_COLOR: no colour escapes"
tm send-keys -t bo q q
wait_for "EXIT=0"

# ---- clerk_a: not offered ----
start clerk_a 120 30 LANG=C.UTF-8 LC_ALL=C.UTF-8
wait_for "The Tempest"; tap_ok $? "clerk_a: the events screen"
tap_is "$(screen | grep -c 'M monitor')" 0 "a clerk's key bar does not offer M"
tm send-keys -t bo M
wait_for "Search: M"; tap_ok $? "M from a clerk types into the search"
tap_is "$(screen | grep -c 'Monitoring')" 0 "… and opens no monitoring"
tm send-keys -t bo Escape q
wait_for "EXIT=0"; tap_ok $? "q quits"
tap_is "$(cat "$tmp/app.err")" "" "nothing on standard error"
tap_done
