#!/usr/bin/env bash
# Point-in-time recovery as README "Backups" says it: a throwaway cluster archiving its WAL
# (archive_mode, archive_command that never overwrites), a base backup with pg_basebackup,
# a sale, the time noted, another sale; then the cluster is rebuilt from the base backup
# with restore_command, recovery_target_time, recovery.signal and recovery_target_action
# = promote: the first sale is there, the second is not.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
tmp=$(mktemp -d)
chmod 755 "$tmp"
pg=$tmp/pg
trap 'tests/tools/pgcluster.sh stop "$pg" >/dev/null 2>&1; [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$tmp"' EXIT
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/pg_basebackup" ] || bindir=/usr/lib/postgresql/15/bin
super=$( [ "$(id -u)" = 0 ] && echo postgres || id -un )

tests/tools/pgcluster.sh start "$pg" --throwaway >/dev/null
mkdir -p "$tmp/wal"; [ "$(id -u)" = 0 ] && chown postgres: "$tmp/wal"
printf "wal_level = replica\narchive_mode = on\narchive_command = 'test ! -f %s/%%f && cp %%p %s/%%f'\n" \
  "$tmp/wal" "$tmp/wal" | as_owner tee -a "$pg/data/postgresql.conf" >/dev/null
printf 'local replication %s peer map=admin\n' "$super" | as_owner tee -a "$pg/data/pg_hba.conf" >/dev/null
tests/tools/pgcluster.sh stop "$pg" && tests/tools/pgcluster.sh start "$pg" >/dev/null
tap_ok $? "a throwaway cluster archiving its WAL"
export PGHOST=$pg PGPORT=5432 PGUSER=$super
q() { psql -X -q -t -A -d pitr -c "$1"; }
tap_is "$(psql -X -q -t -A -d postgres -c "SHOW archive_mode")" on "archive_mode is on"
createdb pitr && "$bin" --db dbname=pitr migrate up >/dev/null \
  && psql -X -q -d pitr -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "the box office with the demo data"
printf '*:*:*:clerk_a:clerk_a-demo\n' >"$tmp/pgpass"; chmod 600 "$tmp/pgpass"
sell() { PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=pitr user=clerk_a" sell --event "Twelfth Night" \
           --section Promenade --ga 1 --pay cash --customer "$1" --json; }

mkdir "$tmp/base"; [ "$(id -u)" = 0 ] && chown postgres: "$tmp/base"
as_owner "$bindir/pg_basebackup" -h "$pg" -U "$super" -D "$tmp/base" -Fp -X stream -c fast
tap_ok $? "a base backup with pg_basebackup"

sell "Before The Mark" >/dev/null; tap_ok $? "a sale after the base backup"
sleep 1
mark=$(q "SELECT clock_timestamp()")
sleep 1
sell "After The Mark" >/dev/null; tap_ok $? "the time noted ($mark), then another sale"
buyers="SELECT string_agg(u.full_name, ', ' ORDER BY u.full_name) FROM orders o JOIN users u ON u.id = o.user_id
          WHERE u.full_name LIKE '%The Mark'"
tap_is "$(q "$buyers")" "After The Mark, Before The Mark" "both sales are in the database"
seg=$(q "SELECT pg_walfile_name(pg_current_wal_lsn())")
q "SELECT pg_switch_wal()" >/dev/null
for _ in $(seq 1 300); do [ -f "$tmp/wal/$seg" ] && break; sleep 0.1; done
tap_ok "$([ -f "$tmp/wal/$seg" ]; echo $?)" "the WAL holding the second sale is archived"

# disaster: rebuild from the base backup and the archive, up to the mark
tests/tools/pgcluster.sh stop "$pg"
mv "$pg/data" "$tmp/data.broken"
as_owner cp -a "$tmp/base" "$pg/data" && as_owner chmod 700 "$pg/data"
printf "restore_command = 'cp %s/%%f %%p'\nrecovery_target_time = '%s'\nrecovery_target_action = 'promote'\n" \
  "$tmp/wal" "$mark" | as_owner tee -a "$pg/data/postgresql.conf" >/dev/null
as_owner touch "$pg/data/recovery.signal"
tests/tools/pgcluster.sh start "$pg" >/dev/null
tap_ok $? "recovery with restore_command, recovery_target_time, recovery.signal"
for _ in $(seq 1 300); do [ "$(psql -X -q -t -A -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break; sleep 0.1; done
tap_is "$(psql -X -q -t -A -d postgres -c 'SELECT pg_is_in_recovery()')" f "… promoted when the target was reached"
tap_is "$(q "$buyers")" "Before The Mark" "the first sale is there, the second is not"
tap_like "$(cat "$pg/server.log")" "recovery stopping before commit of transaction" "… the log says where recovery stopped"
tap_done
