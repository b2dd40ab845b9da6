#!/usr/bin/env bash
# C modules against the real database: a fresh database with the demo data, the demo
# logins through a password file, each tests/integration/test_* binary in TAP.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${BOXOFFICE_BIN:-./boxoffice}
build=${BOXOFFICE_BUILD:-build}
db=boxoffice_it
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null \
  || { echo "not ok - integration database could not be set up"; exit 1; }
for login in clerk_a super_a clerk_b; do
  printf '*:*:%s:%s:%s-demo\n' "$db" "$login" "$login"
done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
rc=0; n=0
for t in "$build"/itests/test_*; do
  [ -x "$t" ] || continue
  n=$((n + 1))
  PGPASSFILE=$tmp/pgpass BOXOFFICE_IT_DB=$db CMOCKA_MESSAGE_OUTPUT=TAP "$t" || rc=1
done
[ $n -gt 0 ] || { echo "not ok - no integration test binaries in $build/itests"; rc=1; }
dropdb "$db" >/dev/null 2>&1
exit $rc
