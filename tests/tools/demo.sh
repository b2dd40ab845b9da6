#!/usr/bin/env bash
# `make demo`: with the private cluster under var/ running (make db-start), create the
# database once, apply the migrations, load the demo data (idempotent) and open the box
# office as a demo login — DEMO_LOGIN=super_a etc. picks another (README lists them).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
eval "$(tests/tools/pgcluster.sh env var/pg)"
export PGHOST PGPORT PGUSER
# Printing goes to the private cupsd of `make cups-start` (tests/tools/cupsd.sh).
eval "$(tests/tools/cupsd.sh env var/cups)"
export CUPS_SERVER
login=${DEMO_LOGIN:-clerk_a}

if ! psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'boxoffice'" | grep -q 1; then
  createdb boxoffice
fi
./boxoffice --db dbname=boxoffice migrate up
psql -X -q -d boxoffice -f sql/demo/demo.sql

# The demo password reaches libpq through a password file, as a real install would use
# ~/.pgpass — never on a command line or in the environment.
umask 077
printf '*:*:boxoffice:%s:%s-demo\n' "$login" "$login" >var/pgpass
echo "Opening the box office as $login (password $login-demo; database in var/pg)."
echo "Printed tickets are kept in var/cups/out (printer pdf, a private cupsd)."
if [ ! -t 0 ] || [ ! -t 1 ]; then
  echo "demo: no terminal here; run ./boxoffice yourself:" >&2
  echo "  PGHOST=$PGHOST PGPASSFILE=var/pgpass CUPS_SERVER=$CUPS_SERVER ./boxoffice --db 'dbname=boxoffice user=$login'" >&2
  exit 0
fi
PGPASSFILE=$top/var/pgpass exec ./boxoffice --db "dbname=boxoffice user=$login"
