#!/usr/bin/env bash
# Tickets from the database to paper, with the real parts: the demo data, a private
# cupsd, `boxoffice print` as a real login; the PDF the queue kept goes through
# pdftoppm and zbarimg, and the decoded token's SHA-256 must be the stored hash.
# Then: the old code is dead, raw ZPL/ESC-POS reach a socket, a stopped printer and a
# stopped cupsd fail in words and lose nothing (the unprinted list keeps them).
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-$top/boxoffice}
base=${BOXOFFICE_TEST_TMP:-/tmp}
work=$(mktemp -d "$base/tickets.XXXXXX")
chmod 755 "$work"
cups="$work/cups"
db=boxoffice_tickets
sinkpid=
cleanup() {
  [ -n "$sinkpid" ] && kill "$sinkpid" 2>/dev/null
  tests/tools/cupsd.sh stop "$cups" >/dev/null 2>&1
  dropdb --if-exists "$db" >/dev/null 2>&1
  [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
unset LPDEST PRINTER

drv="$work/print_driver"
cc -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc $(cups-config --cflags) \
   -o "$drv" tests/print/print_driver.c src/print.c src/config.c src/err.c $(cups-config --libs)
zpl_port=$("$drv" freeport)
escpos_port=$("$drv" freeport)
tests/tools/cupsd.sh start "$cups" --zpl-port "$zpl_port" --escpos-port "$escpos_port" >/dev/null
tap_ok $? "a private cupsd with pdf, zpl and escpos queues"
eval "$(tests/tools/cupsd.sh env "$cups")"
export CUPS_SERVER

dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
tap_ok $? "a database with the demo data"
for l in clerk_a help_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$work/pgpass"
chmod 600 "$work/pgpass"
as() { local who=$1; shift; PGPASSFILE=$work/pgpass "$bin" --db "dbname=$db user=$who" "$@"; }
q() { psql -X -q -t -A -d "$db" -c "$1"; }
validate() {  # validate TOKEN → the gate's answer, as the clerk
  PGPASSFILE=$work/pgpass psql -X -q -t -A -d "$db" -U clerk_a -v t="$1" <<'SQL'
SELECT result FROM validate_ticket(:'t', 'Test gate');
SQL
}
sha() { printf '%s' "$1" | sha256sum | cut -c1-64; }
decode() {  # decode PDF → the QR payloads, one per line, page order
  rm -f "$work"/page-*.png
  pdftoppm -r 200 -gray -png "$1" "$work/page" && zbarimg -q --raw "$work"/page-*.png
}
newest_pdf() { ls -t "$cups"/out/*.pdf 2>/dev/null | head -1; }

# a sale on the command line gives the tokens it issued
sold=$(as clerk_a sell --event "The Tempest" --section Stalls --best 2 --pay cash --json) || sold=
tap_ok "$( [ -n "$sold" ]; echo $?)" "a sale of 2 seats"
order=$(printf '%s' "$sold" | sed -n 's/.*"order_id":[[:space:]]*"\([^"]*\)".*/\1/p')
old_tokens=$(printf '%s' "$sold" | sed -n 's/.*"token":[[:space:]]*"\([^"]*\)".*/\1/p')
ref=$(printf '%s' "${order:0:8}" | tr a-f A-F)
tap_is "$(q "SELECT count(*) FROM unprinted_tickets WHERE order_id = '$order'")" 2 "both tickets are listed as unprinted"

out=$(as help_a print "$ref" --printer pdf --reason "lost in the post" 2>&1); rc=$?
tap_ok $rc "the help desk prints the order by its reference $ref"
tap_like "$out" 'printed 2 tickets on "pdf"' "… and is told where"
pdf=$(newest_pdf)
tap_ok "$( [ -n "$pdf" ] && pdfinfo "$pdf" >/dev/null 2>&1; echo $?)" "the queue kept a valid PDF"
tap_is "$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages:[[:space:]]*//p')" 2 "… of 2 pages"
decoded=$(decode "$pdf")
tap_is "$(printf '%s\n' "$decoded" | grep -c .)" 2 "zbarimg reads 2 QR codes"
hashes=$(for t in $decoded; do sha "$t"; done | sort | paste -sd' ')
tap_is "$hashes" "$(q "SELECT string_agg(qr_code_hash, ' ' ORDER BY qr_code_hash) FROM tickets WHERE order_id = '$order'")" \
  "the SHA-256 of each decoded token is the hash the database stores"
for t in $old_tokens; do old_one=$t; done
tap_is "$(validate "$old_one")" UNKNOWN "the token of the first printout no longer gets in"
new_one=$(printf '%s\n' "$decoded" | head -1)
tap_is "$(validate "$new_one")" ADMITTED "the printed one does"
tap_is "$(q "SELECT count(*) FROM unprinted_tickets WHERE order_id = '$order'")" 0 "nothing of the order is unprinted"
tap_is "$(q "SELECT count(*) FROM ticket_prints WHERE status = 'PRINTED' AND is_reprint AND staff_login = 'help_a'")" 2 \
  "each ticket's print is recorded, as a reprint, with the login"

# raw: ZPL to a socket
"$drv" sink "$zpl_port" "$work/zpl.got" 20 & sinkpid=$!
for _ in $(seq 1 250); do [ -f "$work/zpl.got.ready" ] && break; sleep 0.02; done
out=$(as clerk_a print "$order" --printer zpl 2>&1); rc=$?
wait "$sinkpid" 2>/dev/null; sinkpid=
tap_ok $rc "print to the raw zpl queue (ZPL chosen for a raw queue without --format)"
zpl=$(cat "$work/zpl.got" 2>/dev/null)
tap_like "$zpl" '^\^XA' "the device received ZPL"
valid=$(q "SELECT t.id FROM tickets t WHERE t.order_id = '$order' AND t.status = 'VALID' LIMIT 1")
ztok=$(printf '%s' "$zpl" | grep -o '\^FDMA,[0-9A-F]*' | head -1 | cut -d, -f2)
tap_ok "$( [ -n "$ztok" ] && q "SELECT count(*) FROM tickets WHERE qr_code_hash = '$(sha "$ztok")' AND order_id = '$order'" | grep -qx 1; echo $?)" \
  "the ^BQ field carries a token whose hash the database stores"

# failures lose nothing
tkt=$(q "SELECT t.id FROM tickets t WHERE t.order_id = '$order' AND t.status = 'VALID' ORDER BY t.id LIMIT 1")
cupsdisable -h "$CUPS_SERVER" -r "Paper jam at window 2" pdf
out=$(as clerk_a print "$tkt" --printer pdf 2>&1); rc=$?
tap_is "$rc" 1 "printing on a stopped printer fails"
tap_like "$out" 'stopped.*Paper jam' "… saying the printer is stopped and why"
tap_is "$(q "SELECT status FROM tickets WHERE id = '$tkt'")" VALID "… and the ticket stays valid"
tap_like "$(as clerk_a unprinted 2>&1)" "$tkt.*Paper jam" "… and is listed as unprinted with the reason"
cupsenable -h "$CUPS_SERVER" pdf
out=$(as clerk_a print --unprinted --printer pdf 2>&1); rc=$?
tap_ok $rc "print --unprinted prints it once the printer is back"
tap_is "$(q "SELECT count(*) FROM unprinted_tickets WHERE order_id = '$order'")" 0 "… and nothing is left unprinted"
tests/tools/cupsd.sh stop "$cups" >/dev/null 2>&1
out=$(as clerk_a print "$tkt" --printer pdf 2>&1); rc=$?
tap_is "$rc" 1 "printing with the print server down fails"
tap_like "$out" "print server is not running" "… saying the print server is not running"
tap_is "$(q "SELECT status FROM tickets WHERE id = '$tkt'")" VALID "… and the ticket stays valid"

# the remembered printer
out=$(as clerk_a printers --printer escpos 2>&1)
tap_like "$(cat "$XDG_CONFIG_HOME/boxoffice/config" 2>/dev/null)" "printer = escpos" "printers --printer remembers the choice"
tap_done
