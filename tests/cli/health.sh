#!/usr/bin/env bash
# `admin health` on the command line: the JSON's keys and values against what the server
# says (connections, dead tuples made here, an unused index, a statement run here shown
# normalised), the text form, who may run it; then a second cluster of our own with
# max_connections = 10 and no pg_stat_statements preloaded: the statements are said to be
# missing in words, and with 9 of 10 connections open the alert fires (exit status 3) until
# they close.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_health
tmp=$(mktemp -d)
chmod 755 "$tmp"
pg2=$tmp/pg2
holders=()
cleanup() {
  local fd
  for fd in "${holders[@]}"; do eval "exec $fd>&-"; done
  tests/tools/pgcluster.sh stop "$pg2" >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a help_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
json() {  # json FILE PYTHON-EXPRESSION-OF-d
  python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"
}

# Dead tuples (committed, statistics flushed) and an index nobody uses; a statement with a value.
q "CREATE TABLE hm_churn (id integer PRIMARY KEY, note text) WITH (autovacuum_enabled = false);
   CREATE INDEX hm_churn_note ON hm_churn (note);
   INSERT INTO hm_churn SELECT g, 'row ' || g FROM generate_series(1, 2000) g" >/dev/null
# one session: its statistics are flushed before it answers the last statement
psql -X -q -t -A -d "$db" -c "DELETE FROM hm_churn WHERE id > 500" -c "SELECT pg_stat_force_next_flush()" \
  -c "SELECT 1" >/dev/null
PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=super_a" \
  -c "SELECT count(*) FROM events WHERE title = 'hm-secret-title'" >/dev/null

out=$(as super_a admin health --json 2>&1 >"$tmp/h.json"); rc=$?
tap_is "$rc" 0 "admin health --json as a supervisor: exit status 0 (no alert)" || printf '#   %s\n' "$out"
tap_is "$(json "$tmp/h.json" '" ".join(sorted(d))')" \
  "alerts as_of connections database indexes statements status tables" "the top-level keys"
tap_is "$(json "$tmp/h.json" 'd["database"], d["status"], d["alerts"]')" "$db ok []" "database, status ok, no alerts"
tap_like "$(json "$tmp/h.json" 'd["as_of"]')" '^20[0-9-]+T[0-9:]+Z$' "as_of is a UTC time"
tap_is "$(json "$tmp/h.json" '" ".join(sorted(d["connections"]))')" \
  "active alert idle idle_in_transaction longest_idle_in_transaction_seconds longest_transaction_seconds max_connections other percent_used this_database total waiting_on_locks words" \
  "the connection keys"
tap_is "$(json "$tmp/h.json" 'd["connections"]["max_connections"], d["connections"]["alert"]')" \
  "$(q 'SHOW max_connections') False" "max_connections is the server's; no alert"
tap_ok "$(json "$tmp/h.json" 'int(d["connections"]["total"] >= 1 and d["connections"]["this_database"] >= 1
  and d["connections"]["active"] >= 1 and d["connections"]["total"] == d["connections"]["active"]
  + d["connections"]["idle"] + d["connections"]["idle_in_transaction"] + d["connections"]["other"]) - 1')" \
  "connections by state add up to the total; the check itself is active in this database"
tap_like "$(json "$tmp/h.json" 'd["connections"]["words"]')" '^[0-9]+ of [0-9]+ connections in use \([0-9]+%\)$' \
  "the connection figure in words"
tap_is "$(json "$tmp/h.json" '[(t["live_tuples"], t["dead_tuples"], t["dead_percent"], t["needs_vacuum"]) for t in d["tables"] if t["name"] == "hm_churn"]')" \
  "[(500, 1500, 75, True)]" "the table emptied here: 500 live, 1500 dead, 75%, needs a vacuum"
tap_is "$(json "$tmp/h.json" '" ".join(sorted(d["tables"][0]))')" \
  "bloat_bytes_estimate dead_percent dead_tuples last_analyze last_autoanalyze last_autovacuum last_vacuum live_tuples name needs_vacuum schema total_bytes" \
  "the table keys"
tap_is "$(json "$tmp/h.json" '[t["total_bytes"] for t in d["tables"] if t["name"] == "hm_churn"][0]')" \
  "$(q "SELECT pg_total_relation_size('hm_churn')")" "… with its size as the server counts it"
tap_is "$(json "$tmp/h.json" 'len(d["tables"])')" "$(q "SELECT count(*) FROM pg_stat_user_tables")" \
  "every table is listed"
tap_is "$(json "$tmp/h.json" '[(i["table"], i["scans"], i["unused"], i["keeps_constraint"]) for i in d["indexes"] if i["name"] == "hm_churn_note"]')" \
  "[('hm_churn', 0, True, False)]" "an index never scanned is unused and keeps no constraint"
tap_is "$(json "$tmp/h.json" '[i["bytes"] for i in d["indexes"]] == sorted([i["bytes"] for i in d["indexes"]], reverse=True)')" \
  True "indexes: largest first"
tap_is "$(json "$tmp/h.json" 'd["statements"]["available"], d["statements"]["note"]')" "True None" \
  "statements are available here"
tap_is "$(json "$tmp/h.json" '[(s["calls"] >= 1, s["rows"], s["slow"]) for s in d["statements"]["slowest"] if s["query"] == "SELECT count(*) FROM events WHERE title = $1"]')" \
  "[(True, 1, False)]" "the statement run here is listed, normalised"
tap_is "$(grep -c 'hm-secret-title' "$tmp/h.json")" 0 "… and its value is not"

out=$(as super_a admin health 2>&1); rc=$?
tap_is "$rc" 0 "the text form: exit status 0"
tap_like "$out" "^database $db at [0-9TZ:-]+: ok" "… says the database is ok"
tap_like "$out" "hm_churn +500 +1500 +75.0 .*VACUUM" "… lists the table to vacuum"
tap_like "$out" "hm_churn_note +hm_churn .*UNUSED|unused indexes that keep no constraint: [0-9]+: .*hm_churn_note" "… and the unused index"

out=$(as clerk_a admin health --json 2>&1); rc=$?
tap_is "$rc" 1 "a clerk: exit status 1"
tap_like "$out" "for supervisors and the DBA" "… told in words"
out=$(as help_a admin health 2>&1); rc=$?
tap_is "$rc" 1 "the help desk: exit status 1"
out=$(as super_a admin health now 2>&1); rc=$?
tap_is "$rc" 2 "admin health with an argument: usage error"
out=$(as super_a admin health --csv 2>&1); rc=$?
tap_is "$rc" 2 "admin health --csv: usage error"
tap_like "$("$bin" help)" "admin health \[--json\]" "boxoffice help lists admin health"

# ---- a cluster with max_connections = 10 and no pg_stat_statements preloaded ----
tests/tools/pgcluster.sh start "$pg2" --throwaway >/dev/null
pg2env=$(tests/tools/pgcluster.sh env "$pg2")
q2() { (eval "$pg2env"; psql -X -q -t -A -d "${2:-postgres}" -c "$1"); }
# the last setting in postgresql.conf wins; the server reads these at start only
tests/tools/pgcluster.sh stop "$pg2"
printf "max_connections = 10\nsuperuser_reserved_connections = 0\nshared_preload_libraries = ''\n" \
  >>"$pg2/data/postgresql.conf"
tests/tools/pgcluster.sh start "$pg2" >/dev/null
tap_is "$(q2 'SHOW max_connections')/$(q2 'SHOW shared_preload_libraries')" "10/" \
  "a second cluster: max_connections 10, nothing preloaded"
(eval "$pg2env"; createdb hm_small && "$bin" --db dbname=hm_small migrate up >/dev/null) \
  && q2 "INSERT INTO organizations (id, name) VALUES ('0d000000-0000-4000-8000-000000000001', 'Small Hall');
         SELECT add_staff_login('mon_super', '0d000000-0000-4000-8000-000000000001', 'SUPERVISOR',
                                'Mon Super', 'mon_super-demo-pw')" hm_small >/dev/null
tap_ok $? "… migrated, with a supervisor"
printf '*:*:hm_small:mon_super:mon_super-demo-pw\n' >"$tmp/pgpass2"
chmod 600 "$tmp/pgpass2"
health2() { (eval "$pg2env"; PGPASSFILE=$tmp/pgpass2 "$bin" --db "dbname=hm_small user=mon_super" admin health "$@"); }

out=$(health2 --json 2>&1 >"$tmp/s.json"); rc=$?
tap_is "$rc" 0 "without pg_stat_statements the health check still runs (no alert: exit status 0)" \
  || printf '#   %s\n' "$out"
tap_is "$(json "$tmp/s.json" 'd["statements"]["available"], d["statements"]["slowest"]')" "False []" \
  "… statements are not available"
tap_like "$(json "$tmp/s.json" 'd["statements"]["note"]')" \
  "pg_stat_statements is not loaded: add it to shared_preload_libraries" "… and the note says why in words"
tap_like "$(health2)" "not available: pg_stat_statements is not loaded" "… in the text form too"

# Eight more sessions (the cluster's superuser, idle, each reading a fifo we hold open):
# with the check itself 9 of 10.
for i in 1 2 3 4 5 6 7 8; do
  mkfifo "$tmp/hold$i"
  (eval "$pg2env"; exec psql -X -q -d postgres <"$tmp/hold$i" >/dev/null 2>&1) &
  exec {fd}>"$tmp/hold$i"
  holders+=("$fd")
done
for i in $(seq 1 100); do
  [ "$(q2 "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")" = 9 ] && break
  sleep 0.1
done
tap_is "$(q2 "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")" 8 \
  "eight idle sessions are open"
# A session that has just disconnected may still be leaving (its backend ends after the
# client): ask again until the check sees only itself and the eight (bounded).
for i in $(seq 1 50); do
  out=$(health2 --json 2>&1 >"$tmp/a.json"); rc=$?
  [ "$(json "$tmp/a.json" 'd["connections"]["total"]' 2>/dev/null)" = 9 ] && break
  sleep 0.1
done
tap_is "$rc" 3 "9 of 10 connections: admin health exits 3 (an alert)" || printf '#   %s\n' "$out"
tap_is "$(json "$tmp/a.json" 'd["status"], d["connections"]["total"], d["connections"]["max_connections"], d["connections"]["alert"], d["connections"]["percent_used"]')" \
  "alert 9 10 True 90" "status alert: 9 of 10, 90%"
tap_is "$(json "$tmp/a.json" 'd["alerts"]')" \
  "['9 of 10 connections in use (90%), over 80%: raise max_connections or find who holds them']" \
  "… the alert in words"
out=$(health2 2>&1); rc=$?
tap_is "$rc" 3 "the text form exits 3 too"
tap_like "$out" "^database hm_small at .*: ALERT" "… and says ALERT first"
tap_like "$out" "ALERT: 9 of 10 connections in use \(90%\)" "… with the words"

for fd in "${holders[@]}"; do eval "exec $fd>&-"; done
holders=()
wait
for i in $(seq 1 50); do
  out=$(health2 --json 2>&1 >"$tmp/b.json"); rc=$?
  [ "$(json "$tmp/b.json" 'd["connections"]["total"]' 2>/dev/null)" = 1 ] && break
  sleep 0.1
done
tap_is "$rc" 0 "the sessions closed: exit status 0 again"
tap_is "$(json "$tmp/b.json" 'd["status"], d["connections"]["total"]')" "ok 1" "… status ok, 1 connection"

tap_done
