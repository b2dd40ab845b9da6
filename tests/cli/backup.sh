#!/usr/bin/env bash
# `admin backup` and `admin restore`, proven by a restore into a second throwaway cluster:
# a database with sales, cancellations and a reprint is backed up, restored elsewhere, and
# then compared with psql on its own — row counts and checksums of every table in both
# clusters, the migration ledger, a staff login from the roles file that logs in and sees
# only its organisation, a ticket sold before the backup admitted at the restored copy.
# The contact-data key stays out of the backup. Refusals: a login without the rights, a
# missing pg_dump, an existing target directory, a non-empty database, a damaged dump.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=hb_backup_src
tmp=$(mktemp -d)
chmod 755 "$tmp" # the second cluster's server (postgres, when run as root) lives below it
pg2=$tmp/pg2
cleanup() {
  tests/tools/pgcluster.sh stop "$pg2" >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a help_a clerk_b; do printf '*:*:*:%s:%s-demo\n' "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
q2() { PGHOST=$pg2 psql -X -q -t -A -d restored -c "$1"; }
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)["tickets"][int(sys.argv[1])][sys.argv[2]])' "$1" "$2"; }

# ---- sales before the backup
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 3 --pay cash --json); rc=$?
tap_ok $rc "clerk_a sells three Tempest tickets"
token=$(printf '%s' "$out" | field 0 token)
cancel_id=$(printf '%s' "$out" | field 1 ticket_id)
reprint_id=$(printf '%s' "$out" | field 2 ticket_id)
as clerk_b sell --event "Harbour Jazz Night" --section Floor --ga 2 --pay card --reference HB-1 >/dev/null
tap_ok $? "clerk_b sells two Harbour tickets"
as clerk_a sell --event "The Tempest" --section Stalls --best 1 --pay cash \
  --customer "Ines Backup" --email "ines.backup@example.org" >/dev/null
tap_ok $? "a sale with an e-mail (encrypted with the cluster's contact key)"
as help_a cancel "$cancel_id" --reason "could not come" --refund cash --amount 1 >/dev/null 2>&1 \
  || as help_a cancel "$cancel_id" --reason "could not come" >/dev/null
tap_is "$(q "SELECT status FROM tickets WHERE id = '$cancel_id'")" CANCELLED "the help desk cancels one of them"
PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=super_a" \
  -c "SELECT count(*) FROM reprint_tickets(ARRAY['$reprint_id']::uuid[], 'jammed')" >/dev/null
tap_ok $? "a supervisor reprints another (new code, old one dead)"

# ---- refusals before anything is written
out=$(PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=super_a" admin backup --out "$tmp/nope" 2>&1); rc=$?
tap_is "$rc" 1 "a staff login may not back up"
tap_like "$out" "needs the cluster's superuser .*row-level security" "… and is told who may, and why"
out=$(BOXOFFICE_PG_BINDIR=$tmp/nobin "$bin" --db "dbname=$db" admin backup --out "$tmp/nope" 2>&1); rc=$?
tap_is "$rc" 1 "no pg_dump: refused"
tap_like "$out" "pg_dump is not in BOXOFFICE_PG_BINDIR" "… in words"
tap_is "$(ls "$tmp" | grep -c nope)" 0 "… and no backup, not even a partial one, is left"

# ---- the backup
out=$(cd "$tmp" && "$bin" --db "dbname=$db" admin backup 2>&1); rc=$?
tap_ok $rc "admin backup with the default name"
tap_like "$(ls "$tmp")" '^boxoffice-backup-[0-9]{8}-[0-9]{6}Z$' "… boxoffice-backup-YYYYMMDD-HHMMSSZ in the current directory"
out=$("$bin" --db "dbname=$db" admin backup --out "$tmp/b" 2>&1); rc=$?
tap_ok $rc "admin backup --out DIR"
tap_like "$out" "roles.sql .*password hashes" "… says the roles file holds password hashes"
tap_is "$(stat -c %a "$tmp/b" "$tmp/b/db.dump" "$tmp/b/roles.sql" "$tmp/b/manifest.json" | tr '\n' ' ')" \
  "700 600 600 600 " "the directory is 0700, every file 0600"
tap_is "$(ls "$tmp" | grep -c partial)" 0 "no temporary directory left"
out2=$("$bin" --db "dbname=$db" admin backup --out "$tmp/b" 2>&1); rc=$?
tap_is "$rc" 2 "an existing backup is never overwritten"
tap_like "$(grep -c 'CREATE ROLE clerk_a;' "$tmp/b/roles.sql")" '^1$' "roles.sql creates the staff logins"
keyfile=$PGHOST/contact.key  # pgcluster.sh: beside the data directory, the socket dir
if [ -f "$keyfile" ]; then
  tap_like "$out" "Not in the backup: the contact-data key $keyfile \(present\)" "the backup says the key is kept apart"
  tap_is "$(grep -rlF "$(cat "$keyfile")" "$tmp/b" | wc -l)" 0 "… and no file of it holds the key"
  tap_is "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["contact_key"]["sha256"])' "$tmp/b/manifest.json")" \
    "$(sha256sum "$keyfile" | cut -d' ' -f1)" "… only its fingerprint, to check a copied key by"
else
  tap_like "$out" "Not in the backup: the contact-data key .*not there yet" "no key yet: the backup says so"
fi

# ---- a second cluster, restored into
PGCLUSTER_NO_KEY=1 tests/tools/pgcluster.sh start "$pg2" --throwaway
tap_ok $? "a second throwaway cluster (no contact key of its own)"
PGHOST=$pg2 createdb restored
out=$("$bin" admin restore "$tmp/b" --db "host=$pg2 dbname=restored" 2>&1); rc=$?
tap_ok $rc "admin restore into its empty database"
tap_like "$out" "Roles: [1-9][0-9]* created" "… the roles first"
tap_like "$out" "Verified: [0-9]+ tables, [0-9]+ rows, every row count and checksum equal" "… then every table verified against the manifest"
tap_like "$out" "public\.tickets +[0-9]+ +[0-9]+  equal" "… and the comparison printed table by table"
if [ -f "$keyfile" ]; then
  tap_like "$out" "copy it from $keyfile .* to $pg2/contact.key .*NOT there yet" "… and where the key must be copied"
fi

# independent of the tool: every table's count and checksum, in both clusters
sums() {  # sums PGHOST DB: "schema.table count md5" per line
  local h=$1 d=$2 t
  for t in $(PGHOST=$h psql -X -q -t -A -d "$d" -c "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)
               FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"); do
    printf '%s %s\n' "$t" "$(PGHOST=$h psql -X -q -t -A -F ' ' -d "$d" -c "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY';
        SET extra_float_digits = 1; SET bytea_output = 'hex'; SET row_security = off;
        SELECT count(*), md5(COALESCE(string_agg(h, '' ORDER BY h COLLATE \"C\"), ''))
          FROM (SELECT md5(r::text) AS h FROM $t r) x")"
  done
}
src=$(sums "$PGHOST" "$db"); dst=$(sums "$pg2" restored)
tap_is "$dst" "$src" "every table: the same rows and checksum in both clusters ($(printf '%s\n' "$src" | wc -l) tables)"
tap_like "$src" "public.tickets [1-9][0-9]* " "… tickets among them"
tap_is "$(python3 -c 'import json,sys
for t in json.load(open(sys.argv[1]))["tables"]: print(t["table"], t["rows"], t["md5"])' "$tmp/b/manifest.json")" \
  "$src" "the manifest's counts and checksums are the source's"
ledger="SELECT string_agg(version || ' ' || name || ' ' || checksum, ', ' ORDER BY version) FROM schema_migrations"
tap_is "$(q2 "$ledger")" "$(q "$ledger")" "the migration ledger is equal"
props="SELECT (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM pg_database d, unnest(d.datacl) a
                 WHERE d.datname = current_database()) || ' ' ||
               (SELECT s.setconfig::text FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                 WHERE d.datname = current_database() AND s.setrole = 0)"
tap_is "$(q2 "$props")" "$(q "$props")" "the database's grants (CONNECT for staff only) and search_path came along"
tap_like "$(q2 "$props")" 'boxoffice_staff=c/.*search_path=public, ext' "… (they are: $(q2 "$props"))"

# the roles file's logins work, row-level security still holds
seen="SELECT count(DISTINCT organization_id) || ' ' || min(organization_id::text) || ' ' || count(*) FROM orders"
got=$(PGHOST=$pg2 PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=restored user=clerk_b" -c "$seen"); rc=$?
tap_ok $rc "clerk_b logs in to the restored copy with the old password"
tap_is "$got" "$(PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=clerk_b" -c "$seen")" \
  "… and sees its own organisation's orders only, as before"
tap_is "$(echo "$got" | cut -d' ' -f2)" "$(q "SELECT id FROM organizations WHERE name = 'Harbour Arts Trust'")" \
  "… which are Harbour Arts Trust's"
out=$(PGHOST=$pg2 PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=restored user=clerk_a" validate "$token" --gate Stalls); rc=$?
tap_is "$rc" 0 "a ticket sold before the backup is admitted at the restored copy"
tap_like "$out" "^ADMITTED" "… ADMITTED"

# the contact data needs the key, copied by hand
if [ -f "$keyfile" ]; then
  out=$(PGHOST=$pg2 PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=restored user=help_a" find "ines.backup@example.org" 2>&1); rc=$?
  tap_is "$rc" 1 "without the key the restored copy cannot search e-mails"
  if [ "$(id -u)" = 0 ]; then install -m 600 -o postgres -g postgres "$keyfile" "$pg2/contact.key"
  else install -m 600 "$keyfile" "$pg2/contact.key"; fi
  out=$(PGHOST=$pg2 PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=restored user=help_a" find "ines.backup@example.org" 2>&1); rc=$?
  tap_ok $rc "with the key copied beside its data directory it can"
  tap_like "$out" "Ines Backup" "… and finds the buyer by e-mail"
fi

# ---- refusals
out=$("$bin" admin restore "$tmp/b" --db "host=$pg2 dbname=restored" 2>&1); rc=$?
tap_is "$rc" 1 "restoring into a database that is not empty is refused"
tap_like "$out" "The database restored is not empty" "… in words"
cp -r "$tmp/b" "$tmp/cut"
truncate -s 4096 "$tmp/cut/db.dump"
PGHOST=$pg2 createdb restored2
out=$("$bin" admin restore "$tmp/cut" --db "host=$pg2 dbname=restored2" 2>&1); rc=$?
tap_is "$rc" 1 "a truncated db.dump is refused"
tap_like "$out" "db.dump is damaged: 4096 bytes where the backup wrote [0-9]+" "… saying it is damaged"
tap_is "$(PGHOST=$pg2 psql -X -q -t -A -d restored2 -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0 \
  "… and nothing was restored"
rm "$tmp/cut/manifest.json"
out=$("$bin" admin restore "$tmp/cut" --db "host=$pg2 dbname=restored2" 2>&1); rc=$?
tap_is "$rc" 1 "a directory without a manifest is not a backup"
tap_like "$out" "no manifest.json: not a complete backup" "… in words"
tap_done
