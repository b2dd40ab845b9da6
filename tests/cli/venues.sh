#!/usr/bin/env bash
# `boxoffice venue …` end to end against the database, as real logins of the demo:
# a pretix plan imported, exported, re-imported to the same document; refusals that
# leave the database as it was; a generated stadium imported whole.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_venues
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in super_a clerk_a super_b; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
venues() { psql -X -q -t -A -d "$db" -c 'SELECT count(*) FROM venues'; }
plan=tests/unit/fixtures/pretix_plan.json

out=$(as super_a venue import "$plan" --org "Lyric Theatre Company" --ga Standing:150 2>"$tmp/warn"); rc=$?
tap_ok $rc "a supervisor imports the pretix plan"
tap_is "$out" 'imported venue "Fixture Hall": 4 sections, 8 seats, 150 standing, 7 decorations' \
  "… and is told what was created"
tap_like "$(cat "$tmp/warn")" "seat_guid.*s3" "warnings name the JSON path (a duplicate seat_guid)"
tap_is "$(psql -X -q -t -A -d "$db" -c "SELECT string_agg(s.name || ':' || st.row_label || '-' || st.number_label || '@' || st.x_position || ',' || st.y_position, ' ' ORDER BY s.sort_order, st.row_label, st.number_label) FROM seats st JOIN sections s ON s.id = st.section_id JOIN venues v ON v.id = s.venue_id WHERE v.name = 'Fixture Hall' AND s.name = 'Stalls'")" \
  "Stalls:2-1@100.00,90.00 Stalls:2-2@120.00,90.00 Stalls:2-3@200.00,90.00 Stalls:Row 1-S1@110.00,70.00 Stalls:Row 1-S2@130.50,70.25" \
  "Stalls seats at zone (100,50) + row + seat, labels from row_label/seat_label, split row 2 merged"

as super_a venue export "Fixture Hall" >"$tmp/one.json"; rc=$?
tap_ok $rc "venue export"
n0=$(venues)
out=$(as super_a venue import "$tmp/one.json" 2>&1); rc=$?
tap_is "$rc" 1 "importing the same venue again is refused"
tap_like "$out" "already exists" "… saying it already exists"
tap_is "$(venues)" "$n0" "… and nothing was added"
out=$(as super_a venue import "$tmp/one.json" --name "Fixture Hall 2" 2>&1); rc=$?
tap_ok $rc "the exported file imports under another name"
as super_a venue export "Fixture Hall 2" | sed 's/"Fixture Hall 2"/"Fixture Hall"/' >"$tmp/two.json"
tap_ok "$(cmp -s "$tmp/one.json" "$tmp/two.json"; echo $?)" "export → import → export gives the same document"
n0=$(venues)

out=$(as clerk_a venue import "$plan" --name "Clerk Hall" 2>&1); rc=$?
tap_is "$rc" 1 "a clerk may not import"
tap_like "$out" "[Oo]nly supervisors" "… and is told so"
out=$(as super_a venue import "$plan" --org "Harbour Arts Trust" --name "Wrong Org" 2>&1); rc=$?
tap_is "$rc" 1 "--org naming another organisation is refused"
head -c 300 "$plan" >"$tmp/truncated.json"
out=$(as super_a venue import "$tmp/truncated.json" --name "Cut" 2>&1); rc=$?
tap_is "$rc" 1 "a truncated file is refused"
tap_like "$out" "line [0-9]+, column [0-9]+" "… with line and column"
printf '\xff\xfe{"zones": []}' >"$tmp/binary.json"
out=$(as super_a venue import "$tmp/binary.json" --name "Bin" 2>&1); rc=$?
tap_is "$rc" 1 "a file that is not JSON is refused"
tap_is "$(venues)" "$n0" "refused imports added no venue"

out=$(as super_b venue list 2>&1)
tap_is "$(printf '%s\n' "$out" | grep -c 'Fixture Hall')" 0 "another organisation does not see the imported venues"

start=$(date +%s%N)
out=$("$bin" venue generate stadium | as super_a venue import - 2>&1); rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
tap_ok $rc "a generated stadium imports"
tap_like "$out" '100 sections, 83,074 seats' "… with all its 83,074 seats"
echo "# stadium: generate + import in $ms ms (make bench times it properly)"
dropdb "$db" >/dev/null 2>&1
tap_done
