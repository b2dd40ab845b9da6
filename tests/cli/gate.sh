#!/usr/bin/env bash
# `boxoffice validate` at a gate, as the demo's real logins: tickets sold with `boxoffice
# sell --json` (their tokens come only from there), then scanned: admitted once, already
# used the second time with the first gate, cancelled, wrong event, unknown, another
# organisation's ticket; exit status per result, and the rows in tickets and
# ticket_validations checked with psql.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=gate_cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a help_a clerk_b; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
qas() { local who=$1; shift; PGPASSFILE=$tmp/pgpass psql -X -q -t -A -d "dbname=$db user=$who" -c "$1"; }
field() {  # field N KEY < sell --json: the KEY of ticket N
  python3 -c 'import json, sys; print(json.load(sys.stdin)["tickets"][int(sys.argv[1])][sys.argv[2]])' "$1" "$2"
}
jget() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(" ".join(str(d[k]) for k in sys.argv[1:]))' "$@"; }
validations() {  # the validation rows of a ticket, oldest first: gate/login/result
  q "SELECT string_agg(gate || '/' || staff_login || '/' || result, ' ' ORDER BY validated_at)
       FROM ticket_validations WHERE ticket_id = '$1'"
}

# ---- tickets to scan
out=$(as clerk_a sell --event "The Tempest" --section Stalls --best 3 --pay cash --json); rc=$?
tap_ok $rc "three Stalls tickets for The Tempest, sold with boxoffice sell --json"
t1=$(printf '%s' "$out" | field 0 token); id1=$(printf '%s' "$out" | field 0 ticket_id)
t2=$(printf '%s' "$out" | field 1 token); id2=$(printf '%s' "$out" | field 1 ticket_id)
t4=$(printf '%s' "$out" | field 2 token); id4=$(printf '%s' "$out" | field 2 ticket_id)
seat1="Stalls, row $(printf '%s' "$out" | field 0 row), seat $(printf '%s' "$out" | field 0 number)"
tier1=$(printf '%s' "$out" | field 0 tier)
out=$(as clerk_a sell --event "Twelfth Night" --section Promenade --ga 1 --pay cash --json); rc=$?
tap_ok $rc "a standing ticket for Twelfth Night"
t3=$(printf '%s' "$out" | field 0 token); id3=$(printf '%s' "$out" | field 0 ticket_id)
qas super_a "SELECT cancel_ticket('$id4', 'customer could not come')" >/dev/null
tap_ok $? "a supervisor cancels the third Tempest ticket"
tap_like "$t1$t2$t3$t4" '^[0-9A-F]{160}$' "four 40-digit tokens"

# ---- admitted, then already used with the first gate
out=$(as help_a validate "$t1" --gate North); rc=$?
tap_is "$rc" 0 "a valid ticket: exit status 0"
tap_is "$(printf '%s\n' "$out" | head -1)" "ADMITTED" "… and ADMITTED first"
tap_like "$out" "seat: +$seat1" "… with the seat ($seat1)"
tap_like "$out" "tier: +$tier1" "… and the tier"
tap_like "$out" "admitted: +20[0-9-]+T[0-9:]+Z at gate North" "… admitted now at gate North"
tap_is "$(q "SELECT status || ' ' || (scanned_at IS NOT NULL) FROM tickets WHERE id = '$id1'")" "USED true" \
  "the ticket is USED with scanned_at"
tap_is "$(validations "$id1")" "North/help_a/ADMITTED" "one validation row: gate North, help_a, ADMITTED"
first=$(q "SELECT scanned_at FROM tickets WHERE id = '$id1'")

out=$(as clerk_a validate "$t1" --gate South); rc=$?
tap_is "$rc" 3 "the same ticket again: exit status 3"
tap_is "$(printf '%s\n' "$out" | head -1)" "ALREADY_USED" "… ALREADY_USED"
tap_like "$out" "scanned: +20[0-9-]+T[0-9:]+Z at gate North" "… naming when and the first gate, North"
tap_is "$(q "SELECT scanned_at FROM tickets WHERE id = '$id1'")" "$first" "scanned_at is still the first scan's"
tap_is "$(validations "$id1")" "North/help_a/ADMITTED South/clerk_a/ALREADY_USED" \
  "a second row: gate South, clerk_a, ALREADY_USED"
out=$(as help_a validate "$t1" --gate South --json); rc=$?
tap_is "$rc $(printf '%s' "$out" | jget result gate scanned_gate)" "3 ALREADY_USED South North" \
  "--json: result, this gate and the gate that admitted it"

# ---- what a scanner sends: lower case, blanks, a CR; --event; JSON
lower=$(printf '%s' "$t2" | tr 'A-F' 'a-f')
out=$(as help_a validate "  $lower"$'\r' --gate " East " --event "The Tempest" --json); rc=$?
tap_is "$rc" 0 "a lower-case code with blanks and a CR is admitted for its event"
tap_is "$(printf '%s' "$out" | jget result gate event section tier)" "ADMITTED East The Tempest Stalls $tier1" \
  "… JSON: result, the gate trimmed, event, section, tier"
tap_is "$(printf '%s' "$out" | jget ticket_id)" "$id2" "… and the ticket's id"
tap_is "$(validations "$id2")" "East/help_a/ADMITTED" "… recorded at gate East"

# ---- cancelled, wrong event, unknown
out=$(as help_a validate "$t4" --gate North); rc=$?
tap_is "$rc" 4 "a cancelled ticket: exit status 4"
tap_is "$(printf '%s\n' "$out" | head -1)" "CANCELLED" "… CANCELLED"
tap_is "$(q "SELECT status FROM tickets WHERE id = '$id4'")" "CANCELLED" "… and it stays cancelled"
tap_is "$(validations "$id4")" "North/help_a/CANCELLED" "… one row saying so"

out=$(as help_a validate "$t3" --gate North --event "The Tempest"); rc=$?
tap_is "$rc" 5 "a Twelfth Night ticket at The Tempest's gate: exit status 5"
tap_is "$(printf '%s\n' "$out" | head -1)" "WRONG_EVENT" "… WRONG_EVENT"
tap_like "$out" "event: +Twelfth Night" "… naming the event it is for"
tap_is "$(q "SELECT status || ' ' || (scanned_at IS NULL) FROM tickets WHERE id = '$id3'")" "VALID true" \
  "… and it is not used up"
tap_is "$(validations "$id3")" "North/help_a/WRONG_EVENT" "… one row saying so"
out=$(as help_a validate "$t3" --gate West --event "Twelfth Night"); rc=$?
tap_is "$rc $(printf '%s\n' "$out" | head -1)" "0 ADMITTED" "at its own event's gate it is admitted"

rows=$(q "SELECT count(*) FROM ticket_validations")
out=$(as help_a validate 0000000000000000000000000000000000000000 --gate North); rc=$?
tap_is "$rc" 6 "an unknown code: exit status 6"
tap_is "$(printf '%s\n' "$out" | head -1)" "UNKNOWN" "… UNKNOWN"
out=$(as clerk_b validate "$t2" --gate North); rc=$?
tap_is "$rc $(printf '%s\n' "$out" | head -1)" "6 UNKNOWN" "another organisation's login does not know the ticket"
tap_is "$(q "SELECT count(*) FROM ticket_validations")" "$rows" "unknown codes leave no row"

# ---- refusals on the command line
out=$(as help_a validate "$t2" 2>&1); rc=$?
tap_is "$rc" 2 "validate without --gate is a usage error"
tap_like "$out" "validate needs --gate" "… saying so"
out=$(as help_a validate "$t2" --gate "  " 2>&1); rc=$?
tap_is "$rc" 2 "a blank gate name is a usage error"
tap_like "$out" "Name the gate" "… saying so"
out=$(as help_a validate "$t2" --gate North --event "No Such Show" 2>&1); rc=$?
tap_is "$rc" 1 "an event that does not exist fails with status 1"
tap_like "$out" 'No event "No Such Show"' "… naming it"
tap_is "$(q "SELECT count(*) FROM ticket_validations")" "$rows" "… and records nothing"
tap_like "$("$bin" --help)" "validate TOKEN --gate G" "--help lists validate"
tap_done
