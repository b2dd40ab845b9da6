#!/usr/bin/env bash
# The migration runner against a real server: status, up, down, the up-down-up round
# trip (same pg_dump --schema-only), a changed or missing file refused, a failing
# migration leaving nothing behind. Expects PGHOST/PGUSER of a superuser (tests/run.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=boxoffice_migrate
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
bo() { "$bin" --db "dbname=$db" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
nmig=$(ls sql/migrations/*.up.sql | wc -l)

out=$(bo migrate status 2>&1); rc=$?
tap_ok $rc "migrate status on an empty database"
tap_is "$(printf '%s\n' "$out" | grep -c pending)" "$nmig" "status lists all $nmig migrations as pending"

out=$(bo migrate up 2>&1); rc=$?
tap_ok $rc "migrate up applies everything"
tap_is "$(q 'SELECT count(*) FROM schema_migrations')" "$nmig" "schema_migrations has $nmig rows"
want=$(for f in sql/migrations/*.up.sql; do sha256sum "$f" | cut -c1-64; done | paste -sd,)
tap_is "$(q 'SELECT string_agg(checksum, $$,$$ ORDER BY version) FROM schema_migrations')" "$want" \
  "each row holds the SHA-256 of its up file"
tap_is "$(q "SELECT string_agg(version || ':' || name, ' ' ORDER BY version) FROM schema_migrations")" \
  "$(ls sql/migrations/*.up.sql | sed -E 's#.*/0*([0-9]+)_(.*)\.up\.sql#\1:\2#' | paste -sd' ')" \
  "versions and names come from the file names"
out=$(bo migrate up 2>&1); rc=$?
tap_ok $rc "a second migrate up succeeds"
tap_like "$out" "[Nn]othing|up to date|no pending" "… and says there is nothing to do"

pg_dump --schema-only -d "$db" | grep -Ev '^(-- Dumped|\\(un)?restrict )' >"$tmp/before.sql"
out=$(bo migrate down "$nmig" 2>&1); rc=$?
tap_ok $rc "migrate down $nmig reverts everything"
tap_is "$(q "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'")" 0 \
  "no table of the project is left"
tap_is "$(q 'SELECT count(*) FROM schema_migrations')" 0 "schema_migrations is empty"
out=$(bo migrate up 2>&1); rc=$?
tap_ok $rc "migrate up again"
pg_dump --schema-only -d "$db" | grep -Ev '^(-- Dumped|\\(un)?restrict )' >"$tmp/after.sql"
diff -u "$tmp/before.sql" "$tmp/after.sql" >"$tmp/diff" 2>&1; rc=$?
tap_ok $rc "up, down, up gives the same pg_dump --schema-only"
[ $rc = 0 ] || sed 's/^/#   /' "$tmp/diff" | head -30

out=$(bo migrate down 2>&1); rc=$?
tap_ok $rc "migrate down (one step)"
tap_is "$(q 'SELECT max(version) FROM schema_migrations')" "$((nmig - 1))" "… reverted only the last migration"
out=$(bo migrate status 2>&1)
tap_is "$(printf '%s\n' "$out" | grep -c pending)" 1 "status shows one pending"
bo migrate up >/dev/null 2>&1
tap_is "$(q 'SELECT count(*) FROM schema_migrations')" "$nmig" "and up brings it back"

# A changed file is refused, and nothing is applied.
cp -r sql "$tmp/changed"
echo "-- an edit after the fact" >>"$tmp/changed/migrations/0002_security.up.sql"
out=$("$bin" --db "dbname=$db" --sql-dir "$tmp/changed" migrate up 2>&1); rc=$?
tap_is "$rc" 1 "migrate up with an edited applied migration exits 1"
tap_like "$out" "0002_security.*changed" "… naming the migration that changed"
out=$("$bin" --db "dbname=$db" --sql-dir "$tmp/changed" migrate status 2>&1)
tap_like "$out" "CHANGED" "status marks it CHANGED"

# A missing file is refused.
cp -r sql "$tmp/missing"
rm "$tmp/missing/migrations/0003_functions."*
out=$("$bin" --db "dbname=$db" --sql-dir "$tmp/missing" migrate up 2>&1); rc=$?
tap_is "$rc" 1 "migrate up with an applied migration's file gone exits 1"
tap_like "$out" "0003" "… naming it"

# A failing migration applies nothing of itself and stops.
cp -r sql "$tmp/broken"
printf 'CREATE TABLE half_done (id int);\nSELECT no_such_function();\n' >"$tmp/broken/migrations/0099_broken.up.sql"
printf 'DROP TABLE half_done;\n' >"$tmp/broken/migrations/0099_broken.down.sql"
out=$("$bin" --db "dbname=$db" --sql-dir "$tmp/broken" migrate up 2>&1); rc=$?
tap_is "$rc" 1 "a failing migration makes migrate up exit 1"
tap_like "$out" "0099_broken.*(no_such_function|does not exist)" "… with the migration's name and the server's message"
tap_is "$(q "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'")" 0 "… and its first statement was rolled back"
tap_is "$(q 'SELECT count(*) FROM schema_migrations WHERE version = 99')" 0 "… and it is not recorded"

# Bad names in the directory are refused before anything runs.
cp -r sql "$tmp/badname"
touch "$tmp/badname/migrations/0100_NoDown.up.sql"
out=$("$bin" --db "dbname=$db" --sql-dir "$tmp/badname" migrate up 2>&1); rc=$?
tap_is "$rc" 1 "a migration file without its down file is refused"
tap_like "$out" "0100" "… naming it"

dropdb "$db"
tap_done
