#!/usr/bin/env bash
# `boxoffice password` against the throwaway cluster (PG* from tests/run.sh): a login
# changes its own password over a scram-sha-256 line and logs in with the new one (not
# the old); a short password is refused in words; --stdin is needed off a terminal;
# nothing else can change another login's password; the server log (the cluster's
# server.log) never holds the new password, even with DDL statements logged.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
tmp=$(mktemp -d)
db=boxoffice_cli_hp_password
cleanup() { dropdb --if-exists "$db" >/dev/null 2>&1; psql -X -q -d postgres -c 'DROP ROLE IF EXISTS hp_pw_clerk, hp_pw_other' >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
log=${PGHOST:?}/server.log
sql() { psql -X -q -t -A -d "$db" -c "$1"; }

dropdb --if-exists "$db" >/dev/null 2>&1
psql -X -q -d postgres -c 'DROP ROLE IF EXISTS hp_pw_clerk, hp_pw_other' >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null && sql "
  INSERT INTO organizations (id, name) VALUES ('00000000-0000-4000-a000-0000000000c1', 'Org C');
  SELECT add_staff_login('hp_pw_clerk', '00000000-0000-4000-a000-0000000000c1', 'CLERK', 'C', 'hp-old-secret-1');
  SELECT add_staff_login('hp_pw_other', '00000000-0000-4000-a000-0000000000c1', 'CLERK', 'O', 'hp-other-secret-1');
  ALTER ROLE hp_pw_clerk SET log_statement = 'ddl';" >/dev/null
tap_ok $? "a database with two clerks whose passwords were set by add_staff_login"
tap_like "$(sql "SELECT rolvaliduntil > now() + interval '89 days' FROM pg_roles WHERE rolname = 'hp_pw_clerk'")" "^t$" \
  "add_staff_login gave the password 90 days"
tap_like "$(grep -E '^local +all +all' "$PGHOST/data/pg_hba.conf" 2>/dev/null || echo 'local all all scram-sha-256')" "scram-sha-256" \
  "staff log in over a scram-sha-256 line"

as() { local pw=$1; shift; PGPASSWORD=$pw "$bin" --db "dbname=$db user=hp_pw_clerk" "$@"; }
login_ok() { PGPASSWORD=$1 psql -X -q -t -A -d "$db" -U "$2" -c 'SELECT session_user' </dev/null 2>&1; }

out=$(as hp-old-secret-1 password </dev/null 2>&1); rc=$?
tap_is "$rc" 2 "password with stdin not a terminal and no --stdin exits 2"
tap_like "$out" "reads from a terminal.*--stdin" "… and says to use --stdin"

out=$(printf 'short\nshort\n' | as hp-old-secret-1 password --stdin 2>&1); rc=$?
tap_is "$rc" 1 "a short password is refused (exit 1)"
tap_like "$out" "too short: 5 characters; it needs at least 12" "… in words"
out=$(printf 'my-hp_pw_clerk-1\nmy-hp_pw_clerk-1\n' | as hp-old-secret-1 password --stdin 2>&1)
tap_like "$out" "must not contain your login name" "a password containing the login name is refused"
out=$(printf 'hp-new-secret-2\nhp-new-secret-3\n' | as hp-old-secret-1 password --stdin 2>&1); rc=$?
tap_is "$rc" 1 "two different new passwords are refused"
tap_like "$(login_ok hp-old-secret-1 hp_pw_clerk)" "^hp_pw_clerk$" "after the refusals the old password still works"

out=$(printf 'hp-new-secret-2\nhp-new-secret-2\n' | as hp-old-secret-1 password --stdin 2>&1); rc=$?
tap_ok $rc "password --stdin changes the password" || printf '#   %s\n' "$out"
tap_like "$out" "Password of hp_pw_clerk changed; it expires on" "… and says until when"
tap_like "$(login_ok hp-new-secret-2 hp_pw_clerk)" "^hp_pw_clerk$" "the login logs in with the new password"
tap_like "$(login_ok hp-old-secret-1 hp_pw_clerk)" "password authentication failed" "… and not with the old one"
tap_like "$(sql "SELECT rolvaliduntil BETWEEN now() + interval '89 days' AND now() + interval '91 days' FROM pg_roles WHERE rolname = 'hp_pw_clerk'")" "^t$" \
  "VALID UNTIL is 90 days from now"
tap_like "$(login_ok hp-other-secret-1 hp_pw_other)" "^hp_pw_other$" "the other login's password is unchanged"

out=$(PGPASSWORD=hp-new-secret-2 psql -X -q -d "$db" -U hp_pw_clerk -c "ALTER ROLE hp_pw_other PASSWORD 'hp-stolen-secret-9'" 2>&1)
tap_like "$out" "permission denied" "a login cannot change another login's password"
tap_like "$(login_ok hp-other-secret-1 hp_pw_other)" "^hp_pw_other$" "… which still logs in with its own"

# The server log (log_statement = ddl for the clerk): the password never.
sleep 0.5
tap_like "$(cat "$log")" "password authentication failed for user \"hp_pw_clerk\"" \
  "the server log is the one this test's logins wrote to (the old password refused)"
tap_is "$(grep -c -e 'hp-new-secret-2' -e 'hp-new-secret-3' "$log")" 0 "the server log holds no new password"
tap_is "$(sql "SELECT count(*) FROM ddl_audit WHERE statement LIKE '%secret%'")" 0 "nor does the DDL audit"
tap_done
