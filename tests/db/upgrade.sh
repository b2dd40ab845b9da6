#!/usr/bin/env bash
# The upgrade path: a box office that has been selling since version v (each but the last), its data
# loaded as the 0001 schema allows (tests/db/upgrade_data.sql), then `migrate up` to the
# latest. Every row there before is still there with the same values (every column the
# table had at version v), the ledger keeps the applied rows as they were and records the
# new ones with their files' SHA-256, and the latest schema's structure guards
# (tests/db/01_structure.sql, pgTAP) pass against the upgraded database. From version 1,
# the upgraded data is also used: a staff login sees the old event and sells its last seat.
# Expects PGHOST/PGUSER of a superuser (tests/run.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
tmp=$(mktemp -d "${BOXOFFICE_TEST_TMP:-/tmp}/upgrade.XXXXXX")
dbs=()
trap 'rm -rf "$tmp"; for d in "${dbs[@]}"; do dropdb --if-exists "$d" >/dev/null 2>&1; done' EXIT
nmig=$(ls sql/migrations/*.up.sql | wc -l)
last=$(ls sql/migrations/*.up.sql | tail -1 | sed -E 's#.*/0*([0-9]+)_.*#\1#')

# The tables and columns at the version the data was loaded at ("table column attnum").
columns() {
  psql -X -q -t -A -F ' ' -d "$1" -c "SELECT c.relname, a.attname, a.attnum
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
       AND c.relname <> 'schema_migrations' AND a.attnum > 0 AND NOT a.attisdropped"
}
# One query reading those columns of every row: "table (value, …)" per row. A value a
# later migration moved on purpose is read the way the database keeps it now (readback:
# table, column, the column whose presence shows the move, how to read it then).
snapshot_query() {  # snapshot_query DB COLUMNS-FILE
  psql -X -q -t -A -d "$1" -v cols="$(cat "$2")" <<'SQL'
\set ON_ERROR_STOP 1
CREATE TEMP TABLE cols AS
  SELECT pg_catalog.split_part(l, ' ', 1) AS tbl, pg_catalog.split_part(l, ' ', 2) AS col,
         pg_catalog.split_part(l, ' ', 3)::int AS attnum
    FROM pg_catalog.regexp_split_to_table(:'cols', E'\n') AS l WHERE l <> '';
CREATE TEMP TABLE readback (tbl text, col text, needs text, expr text);
INSERT INTO readback VALUES
  -- 0014: e-mail and phone are sealed (the plain columns read NULL); opened, they must match
  ('users', 'email', 'email_sealed', 'public._contact_open(email_sealed, public._contact_key())'),
  ('users', 'phone', 'phone_sealed', 'public._contact_open(phone_sealed, public._contact_key())'),
  -- 0014 emptied the contact values out of the audit images of people: the rest must match
  ('audit_log', 'before', 'before', $$CASE WHEN table_name = 'users' THEN before - 'email' - 'phone' ELSE before END$$),
  ('audit_log', 'after', 'after', $$CASE WHEN table_name = 'users' THEN after - 'email' - 'phone' ELSE after END$$);
SELECT string_agg(pg_catalog.format('SELECT %L || '' '' || ROW(%s)::text FROM public.%I', tbl, list, tbl),
                  E'\nUNION ALL\n' ORDER BY tbl)
  FROM (SELECT k.tbl, string_agg(COALESCE(r.expr, pg_catalog.quote_ident(k.col)), ', ' ORDER BY k.attnum) AS list
          FROM cols k
          LEFT JOIN readback r ON r.tbl = k.tbl AND r.col = k.col
                              AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                                           WHERE a.attrelid = pg_catalog.to_regclass('public.' || r.tbl)
                                             AND a.attname = r.needs AND NOT a.attisdropped)
         GROUP BY k.tbl) t;
SQL
}
ledger() { psql -X -q -t -A -d "$1" -c "SELECT version || ' ' || name || ' ' || checksum || ' ' || applied_at
                                       FROM schema_migrations ORDER BY version"; }

for k in $(seq 1 $((nmig - 1))); do
  # migrate up K applies the first K migrations; v is the version that leaves
  v=$(ls sql/migrations/*.up.sql | sed -n "${k}p" | sed -E 's#.*/0*([0-9]+)_.*#\1#')
  db=boxoffice_upgrade_$k
  dbs+=("$db")
  dropdb --if-exists "$db" >/dev/null 2>&1
  createdb "$db"
  bo() { "$bin" --db "dbname=$db" "$@"; }
  q() { psql -X -q -t -A -d "$db" -c "$1"; }

  out=$(bo migrate up "$k" 2>&1) && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f tests/db/upgrade_data.sql >"$tmp/load" 2>&1
  rc=$?
  tap_ok $rc "version $v: a database at migration $v with a season's data in it" \
    || { sed 's/^/#   /' "$tmp/load" | head -5; continue; }
  columns "$db" >"$tmp/columns"
  snapshot_query "$db" "$tmp/columns" >"$tmp/query.sql"
  psql -X -q -t -A -d "$db" -v ON_ERROR_STOP=1 -f "$tmp/query.sql" | sort >"$tmp/before"
  ledger "$db" >"$tmp/ledger.before"

  out=$(bo migrate up 2>&1); rc=$?
  tap_ok $rc "version $v: migrate up to $last" || printf '#   %s\n' "$out" | head -5
  tap_is "$(q 'SELECT max(version) FROM schema_migrations')" "$last" "version $v: … the ledger ends at $last"

  snapshot_query "$db" "$tmp/columns" >"$tmp/query.sql" 2>"$tmp/err" \
    && psql -X -q -t -A -d "$db" -v ON_ERROR_STOP=1 -f "$tmp/query.sql" 2>"$tmp/err" | sort >"$tmp/after"
  comm -23 "$tmp/before" "$tmp/after" >"$tmp/lost"
  tap_is "$(wc -l <"$tmp/lost") $(cat "$tmp/err")" "0 " \
    "version $v: all $(wc -l <"$tmp/before") rows keep every value they had (no row lost or changed)"
  while IFS= read -r l; do  # each row as it was, then the row with its key now (if any)
    printf '#   before: %s\n' "$l"
    grep -F -- "${l%%,*}," "$tmp/after" | head -1 | sed 's/^/#   now:    /'
  done < <(head -5 "$tmp/lost")
  tap_is "$(head -n "$k" <(ledger "$db"))" "$(cat "$tmp/ledger.before")" \
    "version $v: the ledger rows up to $v are untouched (not applied again)"
  want=$(for f in sql/migrations/*.up.sql; do sha256sum "$f" | cut -c1-64; done | paste -sd,)
  tap_is "$(q 'SELECT string_agg(checksum, $$,$$ ORDER BY version) FROM schema_migrations')" "$want" \
    "version $v: every ledger row holds the SHA-256 of its file"
  out=$(bo migrate status 2>&1)
  tap_is "$(printf '%s\n' "$out" | grep -cE 'pending|CHANGED|MISSING')" 0 "version $v: migrate status: all applied, none changed"

  q 'CREATE SCHEMA tap; CREATE EXTENSION pgtap SCHEMA tap' >/dev/null
  PGOPTIONS='-c search_path=public,ext,tap' \
    pg_prove --dbname "$db" --set ON_ERROR_STOP=1 tests/db/01_structure.sql >"$tmp/prove" 2>&1
  rc=$?
  tap_ok $rc "version $v: the latest structure guards (tests/db/01_structure.sql) pass" \
    || sed 's/^/#   /' "$tmp/prove" | grep -v '^#   ok' | head -20
done

# From version 1, the old data still works with the latest program.
db=boxoffice_upgrade_1
q() { psql -X -q -t -A -d "$db" -c "$1"; }
login=up_clerk_$$
q "SELECT add_staff_login('$login', '00000000-0000-4000-9000-0000000000a1', 'CLERK', 'Una Clerk', '$login-pw')" >/dev/null
printf '*:*:%s:%s:%s-pw\n' "$db" "$login" "$login" >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$login" "$@"; }
out=$(as events 2>&1); rc=$?
tap_ok $rc "a clerk of the upgraded organisation lists its events"
tap_like "$out" "The Old Play" "… the event sold before the upgrade is there"
out=$(as sell --event "The Old Play" --section Stalls --seats A3 --pay cash --tendered 50 2>&1); rc=$?
tap_ok $rc "… and its seat A3 (freed by a cancellation at version 1) sells" || printf '#   %s\n' "$out" | head -5
tap_is "$(q "SELECT string_agg(es.status, ',' ORDER BY s.number_label)
               FROM event_seats es JOIN seats s ON s.id = es.seat_id
              WHERE es.event_id = '00000000-0000-4000-9000-000000000101'")" "SOLD,SOLD,SOLD,KILLED" \
  "… the seats are A1-A3 sold and A10 still off sale"
out=$(as sell --event "The Old Play" --section Floor --ga 2 --pay card --reference T-78 2>&1); rc=$?
tap_ok $rc "… and two standing places" || printf '#   %s\n' "$out" | head -5
tap_is "$(q "SELECT sold || '/' || capacity FROM event_sections WHERE id = '00000000-0000-4000-9000-000000000112'")" 3/40 \
  "… the standing counter went from 1 to 3 of the event's own capacity, 40"
for d in "${dbs[@]}"; do dropdb --if-exists "$d" >/dev/null 2>&1; done
psql -X -q -d postgres -c "DROP ROLE IF EXISTS \"$login\"" >/dev/null 2>&1
tap_done
