#!/usr/bin/env bash
# The core paths under valgrind: a sale, the seat map, a venue round trip and the
# migration status, each must end with no memory error and nothing definitely lost.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
if ! command -v valgrind >/dev/null; then
  tap_ok 1 "valgrind is installed (make deps installs it)"; tap_done; exit 1
fi
if nm "$bin" 2>/dev/null | grep -q __asan_init; then
  echo "# $bin is built with AddressSanitizer: valgrind does not run it; skipped"; echo "1..0"; exit 0
fi
db=boxoffice_vg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
for l in clerk_a super_a help_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
vg() {  # vg NAME LOGIN ARGS...: valgrind's verdict on one command
  local name=$1 who=$2; shift 2
  PGPASSFILE=$tmp/pgpass valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
    --error-exitcode=99 "$bin" --db "dbname=$db user=$who" "$@" >"$tmp/out" 2>"$tmp/vg"
  local rc=$?
  tap_ok "$( [ $rc != 99 ]; echo $?)" "valgrind: $name (no memory error, nothing definitely lost)"
  [ $rc = 99 ] && sed 's/^/#   /' "$tmp/vg" | head -30
}
vg "sell best 2 for cash" clerk_a sell --event "The Tempest" --section Stalls --best 2 --pay cash
vg "a refused sale (sold seats)" clerk_a sell --event "The Tempest" --section Stalls --seats A1-A30 --pay cash
vg "sell 2 standing places by card" clerk_a sell --event "The Tempest" --section Promenade --ga 2 --pay card --reference T1
vg "the seat map as text" clerk_a seatmap "The Tempest" Stalls --width 150
vg "venue export" super_a venue export "Lyric Theatre"
"$bin" venue generate theatre --name "VG Theatre" >"$tmp/theatre.json"
vg "venue import of a generated theatre" super_a venue import "$tmp/theatre.json"
vg "events" clerk_a events
vg "stats --refresh --json" super_a stats "The Tempest" --refresh --json
vg "stats --csv (help desk: no breakdown)" help_a stats "The Tempest" --csv
vg "stats text" super_a stats "The Tempest"
vg "kill (refused: sold seats)" super_a kill "The Tempest" --section Stalls --seats A1-A30 --reason test
tid=$(psql -X -q -t -A -d "$db" -c "SELECT t.id FROM tickets t JOIN ticket_tiers tt ON tt.id = t.ticket_tier_id
        JOIN events e ON e.id = t.event_id WHERE e.title = 'The Tempest' AND tt.name = 'Standard'
        AND t.seat_id IS NOT NULL AND t.status = 'VALID' ORDER BY t.id LIMIT 1")
vg "exchange a seat for 2 standing places, money back" clerk_a exchange "$tid" --event "The Tempest" \
  --section Promenade --ga 2 --reason test --refund cash
PGPASSFILE=$tmp/pgpass valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
  "$bin" --db "dbname=$db" migrate status >/dev/null 2>"$tmp/vg"
tap_ok "$( [ $? != 99 ]; echo $?)" "valgrind: migrate status"
tap_done
