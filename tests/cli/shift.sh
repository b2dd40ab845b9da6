#!/usr/bin/env bash
# A shift report on paper: clerk_a opens a shift, sells for cash and card, closes with a
# count 5.00 short; super_a writes the report as a PDF, and pdftotext reads back the expected,
# counted and variance figures, which must equal the shifts row (and the payments behind it).
# Then the report goes through a private cupsd: the remembered printer, --printer, a raw
# ticket printer refused, no print server — each failure in words.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
db=boxoffice_cli_shift
base=${BOXOFFICE_TEST_TMP:-/tmp}
tmp=$(mktemp -d "$base/clishift.XXXXXX")
chmod 755 "$tmp"
cups=$tmp/cups
cleanup() {
  tests/tools/cupsd.sh stop "$cups" >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config
mkdir -p "$HOME"
unset LPDEST PRINTER

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a super_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
as() { local who=$1; shift; PGPASSFILE=$tmp/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
ev="The Tempest"

# ---- the shift ----
out=$(as clerk_a shift open 100.00); rc=$?
tap_ok $rc "clerk_a opens a shift with a float of 100.00"
sid=$(printf '%s' "$out" | awk '{print $2}')
as clerk_a sell --event "$ev" --section Promenade --ga 2 --pay cash --tendered 100 >/dev/null \
  && as clerk_a sell --event "$ev" --section Promenade --ga 1 --pay card --reference T-77 >/dev/null
tap_ok $? "two sales: cash (tendered 100) and card"
# what the drawer should hold, from the payments table (the amounts, not the tendered)
paid() {  # paid METHOD: the sum of clerk_a's payments of that method since the shift opened
  q "SELECT COALESCE(sum(p.amount), 0.00) FROM payments p, shifts s WHERE s.id = '$sid'
       AND p.created_by = 'clerk_a' AND p.method = '$1' AND p.created_at >= s.opened_at"
}
cash=$(python3 -c "from decimal import Decimal as D; print(D('100.00') + D('$(paid CASH)') - D('5.00'))")
card=$(paid CARD)
out=$(as clerk_a shift close --cash "$cash" --card "$card"); rc=$?
tap_ok $rc "clerk_a closes with cash $cash (5.00 short) and card $card"
tap_is "$(printf '%s' "$out" | grep -c -i expected)" 0 "… and is told nothing about what was expected"

out=$(as clerk_a shift report "$sid" --pdf "$tmp/mine.pdf" 2>&1); rc=$?
tap_is "$rc" 1 "clerk_a's own report is not given before the sign-off"
tap_like "$out" "once a supervisor has signed it off" "… in the database's words"
tap_ok "$([ ! -s "$tmp/mine.pdf" ]; echo $?)" "… and no PDF was written"

# ---- the PDF against the table ----
out=$(as super_a shift report "${sid:0:8}" --pdf "$tmp/report.pdf"); rc=$?
tap_ok $rc "super_a writes the report as a PDF"
tap_like "$out" "written to $tmp/report.pdf" "… and says where"
tap_like "$(head -c 8 "$tmp/report.pdf")" "^%PDF-1\.4" "… a PDF file"
pdftotext -layout "$tmp/report.pdf" "$tmp/report.txt"
tap_ok $? "pdftotext reads it"
tap_is "$(pdfinfo "$tmp/report.pdf" | sed -n 's/^Pages: *//p')" 1 "… one page"
row() {  # row METHOD: "expected counted variance" of that method's row, as psql writes numbers
  sed -n "s/^ *$1  *\([0-9]*\)  *\([0-9.,-]*\)  *\([0-9.,-]*\)  *\([0-9.,-]*\)  *\([-+0-9.,]*\) *\$/\3 \4 \5/p" \
    "$tmp/report.txt" | tr -d ',+'
}
tap_is "$(row Cash)" "$(q "SELECT expected_cash || ' ' || counted_cash || ' ' || variance_cash FROM shifts WHERE id = '$sid'")" \
  "Cash: expected, counted and variance on paper = the shifts row"
tap_is "$(row Card)" "$(q "SELECT expected_card || ' ' || counted_card || ' ' || variance_card FROM shifts WHERE id = '$sid'")" \
  "Card: expected, counted and variance on paper = the shifts row"
tap_is "$(q "SELECT variance_cash FROM shifts WHERE id = '$sid'")" "-5.00" "… the cash variance is -5.00"
tap_is "$(q "SELECT expected_cash FROM shifts WHERE id = '$sid'")" \
  "$(python3 -c "from decimal import Decimal as D; print(D('100.00') + D('$(paid CASH)'))")" \
  "… and expected cash = float + the cash payments' amounts"
tap_like "$(cat "$tmp/report.txt")" "Cash: short by 5\.00\. +Card: exact\." "the variance in words"
tap_like "$(cat "$tmp/report.txt")" "Alex Clerk \(clerk_a\)" "who, by name and login"
tap_like "$(cat "$tmp/report.txt")" "Not signed off yet\." "not signed off yet"
out=$(as super_a shift report "$sid" --pdf - | head -c 8)
tap_like "$out" "^%PDF-1\.4" "--pdf - writes the PDF to standard output"

as super_a shift sign-off "$sid" --note "a refund paid from the drawer" >/dev/null
as clerk_a shift report --pdf "$tmp/mine.pdf" >/dev/null; rc=$?
tap_ok $rc "once signed off, clerk_a gets their own report as a PDF"
mine=$(pdftotext -layout "$tmp/mine.pdf" - 2>/dev/null)
tap_like "$mine" "Signed off by super_a on " "… with who signed it off"
tap_like "$mine" "Note +a refund paid from the drawer" "… and the note"

# ---- printing ----
out=$(CUPS_SERVER=$tmp/no-cups.sock as super_a shift report "$sid" --print 2>&1); rc=$?
tap_is "$rc" 1 "--print without a print server fails"
tap_like "$out" "print server is not running" "… saying so"
tests/tools/cupsd.sh start "$cups" >/dev/null
tap_ok $? "a private cupsd with pdf, zpl and escpos queues"
eval "$(tests/tools/cupsd.sh env "$cups")"
export CUPS_SERVER
mkdir -p "$XDG_CONFIG_HOME/boxoffice"
printf 'printer = pdf\n' >"$XDG_CONFIG_HOME/boxoffice/config"
out=$(as super_a shift report "$sid" --print 2>&1); rc=$?
tap_ok $rc "--print prints on the remembered printer" || printf '#   %s\n' "$out"
tap_like "$out" "printed on \"pdf\" \(job [0-9]+\)" "… and says where"
printed=$(ls "$cups"/out/*.pdf 2>/dev/null | head -1)
tap_like "$(pdftotext -layout "$printed" - 2>/dev/null | tr -d ',')" "Cash +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +-5\.00" \
  "the printed page holds the cash variance"
out=$(as super_a shift report "$sid" --print --printer zpl 2>&1); rc=$?
tap_is "$rc" 1 "a raw ticket printer is refused"
tap_like "$out" "ticket printer .* cannot print a page" "… in words"
out=$(as super_a shift report "$sid" --print --printer nosuch 2>&1); rc=$?
tap_is "$rc" 1 "an unknown printer fails"
tap_like "$out" "nosuch" "… naming it"
out=$(as super_a shift report "$sid" --printer pdf 2>&1); rc=$?
tap_is "$rc" 2 "--printer without --print is a usage error"
out=$(as super_a shift open 10 --pdf x 2>&1); rc=$?
tap_is "$rc" 2 "--pdf with another command is a usage error"

tap_done
