#!/usr/bin/env bash
# `make install` / `make uninstall` into temporary prefixes (one plain, one staged with
# DESTDIR); the installed binary run from another directory with no BOXOFFICE_* variables
# (migrate up a fresh database, render a ticket from the installed layouts); the man page
# linted, and checked against what the program has: every command and option of
# `boxoffice help`, every key of every screen's key table (ui/scr_*.c), every environment
# variable the sources read. Expects PGHOST/PGUSER of a superuser (tests/run.sh).
set -uo pipefail
cd "$(dirname "$0")/../.."
top=$PWD
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-$top/boxoffice}
db=boxoffice_cli_install
man=src/boxoffice.1
tmp=$(mktemp -d "${BOXOFFICE_TEST_TMP:-/tmp}/install.XXXXXX")
chmod 755 "$tmp"
trap 'rm -rf "$tmp"; dropdb --if-exists "$db" >/dev/null 2>&1' EXIT
mkdir -p "$tmp/cwd" "$tmp/loose" "$tmp/build"
nmig=$(ls sql/migrations/*.up.sql | wc -l)

# A build of its own, so PREFIX's datadir is compiled in without touching the tree's
# build: the tree's objects are copied (times kept), only what reads the datadir is redone.
[ -d build/src ] && cp -a build/src build/ui "$tmp/build/" 2>/dev/null
# (Not the settings of a `make check` this may run under: its flags, DESTDIR, PREFIX.)
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$top" \
         BUILD="$tmp/build" BIN="$tmp/build/boxoffice" DESTDIR= "$@"; }
# The installed program as a stranger would run it: elsewhere, none of the test's settings.
clean_env() { (cd "$tmp/cwd" && env -u BOXOFFICE_SQLDIR -u BOXOFFICE_ASSETSDIR "$@"); }

# ---- a plain install under PREFIX ----
prefix=$tmp/prefix
mk PREFIX="$prefix" install >"$tmp/install.log" 2>&1; rc=$?
tap_ok $rc "make install PREFIX=$prefix" || sed 's/^/#   /' "$tmp/install.log" | tail -20
if [ $rc = 0 ]; then
  ibin=$prefix/bin/boxoffice
  tap_ok "$( [ -x "$ibin" ]; echo $?)" "the binary is in PREFIX/bin"
  tap_ok "$( [ -f "$prefix/share/man/man1/boxoffice.1" ]; echo $?)" "the man page is in PREFIX/share/man/man1"
  want=$( (ls sql/migrations/*.sql sql/demo/*.sql; find assets -type f ! -name README.md) | sort)
  got=$(cd "$prefix/share/boxoffice" 2>/dev/null && find . -type f | sed 's#^\./##' | sort)
  tap_is "$got" "$want" "PREFIX/share/boxoffice holds the tree's SQL and assets, no README"
  tap_is "$(grep -c . <<<"$(find "$prefix" -type f)")" "$(( $(grep -c . <<<"$want") + 2 ))" \
    "… and nothing else was installed"

  # ---- the installed binary finds its own files ----
  dropdb --if-exists "$db" >/dev/null 2>&1
  createdb "$db"
  out=$(clean_env "$ibin" --db "dbname=$db" migrate up 2>&1); rc=$?
  tap_ok $rc "the installed binary, from another directory, migrates a fresh database up" \
    || printf '#   %s\n' "$out" | head -5
  q() { psql -X -q -t -A -d "$db" -c "$1"; }
  tap_is "$(q 'SELECT count(*) FROM schema_migrations')" "$nmig" "… all $nmig migrations applied"
  psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "$prefix/share/boxoffice/sql/demo/demo.sql" >/dev/null
  tap_ok $? "the installed demo data loads"
  for l in clerk_a; do printf '*:*:%s:%s:%s-demo\n' "$db" "$l" "$l"; done >"$tmp/pgpass"
  chmod 600 "$tmp/pgpass"
  sold=$(clean_env env PGPASSFILE="$tmp/pgpass" "$ibin" --db "dbname=$db user=clerk_a" \
    sell --event "The Tempest" --section Stalls --best 1 --pay cash --json 2>&1); rc=$?
  tap_ok $rc "the installed binary sells a seat" || printf '#   %s\n' "$sold" | head -5
  ticket=$(printf '%s' "$sold" | sed -n 's/.*"ticket_id":[[:space:]]*"\([^"]*\)".*/\1/p' | head -1)
  [ -n "$ticket" ] || ticket=$(q "SELECT t.id FROM tickets t JOIN orders o ON o.id = t.order_id
                                   WHERE o.created_by = 'clerk_a' ORDER BY t.created_at DESC LIMIT 1")
  pdf_as() {  # pdf_as BINARY FILE [ENV...]: ticket-pdf of the sold ticket as clerk_a
    local b=$1 f=$2; shift 2
    clean_env env PGPASSFILE="$tmp/pgpass" "$@" "$b" --db "dbname=$db user=clerk_a" ticket-pdf "$ticket" >"$f" 2>"$f.err"
  }
  pdf_as "$ibin" "$tmp/t.pdf"; rc=$?
  tap_ok $rc "ticket-pdf renders with the installed layout" || sed 's/^/#   /' "$tmp/t.pdf.err"
  tap_like "$(pdftotext "$tmp/t.pdf" - 2>/dev/null)" "The Tempest" "… a PDF naming the event"
  pdf_as "$ibin" "$tmp/none.pdf" BOXOFFICE_ASSETSDIR="$tmp/nowhere"; rc=$?
  tap_is "$rc" 1 "BOXOFFICE_ASSETSDIR still overrides the installed assets"
  tap_like "$(cat "$tmp/none.pdf.err")" "$tmp/nowhere/layouts" "… and the error names where it looked"
  out=$(clean_env "$ibin" --db "dbname=$db" --sql-dir "$tmp/nowhere" migrate status 2>&1); rc=$?
  tap_is "$rc" 1 "--sql-dir still overrides the installed SQL"
  tap_like "$out" "$tmp/nowhere" "… and the error names it"

  # Moved away from PREFIX, the binary falls back on the datadir compiled in from PREFIX.
  cp "$ibin" "$tmp/loose/boxoffice"
  out=$(clean_env "$tmp/loose/boxoffice" --db "dbname=$db" migrate status 2>&1); rc=$?
  tap_ok $rc "a copy outside PREFIX finds the SQL through the compiled-in datadir"
  tap_is "$(printf '%s\n' "$out" | grep -c pending)" 0 "… and sees every migration applied"
  pdf_as "$tmp/loose/boxoffice" "$tmp/loose.pdf"
  tap_ok $? "… and the assets too"

  # The binary of the tree still uses the tree's files (the ./boxoffice beside sql/ and
  # assets/; `make asan` tests one under build-asan/, which finds them through the env).
  if [ "$(cd "$(dirname "$bin")" && pwd)" = "$top" ]; then
    out=$(clean_env "$bin" --db "dbname=$db" migrate status 2>&1); rc=$?
    tap_ok $rc "the tree's binary, from another directory, finds the tree's SQL"
    pdf_as "$bin" "$tmp/tree.pdf"
    tap_ok $? "… and the tree's layouts"
  else
    for what in SQL layouts; do
      TAP_N=$((TAP_N + 1)); echo "ok $TAP_N # skip the tree's $what: $bin is not the tree's ./boxoffice"
    done
  fi

  # ---- the man page ----
  out=$(groff -ww -man -Tutf8 -z "$prefix/share/man/man1/boxoffice.1" 2>&1)
  tap_is "$out" "" "groff -ww renders the installed man page without a warning"
  out=$(man --warnings -l "$prefix/share/man/man1/boxoffice.1" 2>&1 >/dev/null)
  tap_is "$out" "" "man -l renders it without a warning"
  if command -v mandoc >/dev/null; then
    out=$(mandoc -Tlint -W warning "$man" 2>&1)
    tap_is "$out" "" "mandoc -Tlint finds nothing"
  fi
  tap_is "$(man -M "$prefix/share/man" -w boxoffice 2>&1)" "$prefix/share/man/man1/boxoffice.1" \
    "man finds it under PREFIX/share/man"

  # ---- uninstall ----
  touch "$prefix/bin/not-ours"
  mk PREFIX="$prefix" uninstall >"$tmp/uninstall.log" 2>&1; rc=$?
  tap_ok $rc "make uninstall PREFIX=$prefix" || sed 's/^/#   /' "$tmp/uninstall.log" | tail -20
  tap_is "$(find "$prefix" -type f | sed "s#^$prefix/##")" "bin/not-ours" \
    "uninstall removed every file it installed, and only those"
  tap_ok "$( [ ! -e "$prefix/share/boxoffice" ]; echo $?)" "… and the share/boxoffice directory"

  # ---- a staged install: DESTDIR ----
  dest=$tmp/dest
  mk DESTDIR="$dest" PREFIX=/usr/local install >"$tmp/install2.log" 2>&1; rc=$?
  tap_ok $rc "make install DESTDIR=… PREFIX=/usr/local" || sed 's/^/#   /' "$tmp/install2.log" | tail -20
  tap_is "$(cd "$dest/usr/local" 2>/dev/null && find . -type f | wc -l)" "$(( $(grep -c . <<<"$want") + 2 ))" \
    "… puts every file under DESTDIR/usr/local"
  out=$(clean_env "$dest/usr/local/bin/boxoffice" --db "dbname=$db" migrate status 2>&1); rc=$?
  tap_ok $rc "the staged binary finds its SQL beside itself (../share/boxoffice)" \
    || printf '#   %s\n' "$out" | head -5
  mk DESTDIR="$dest" PREFIX=/usr/local uninstall >/dev/null 2>&1
  tap_is "$(find "$dest" -type f | wc -l)" 0 "make uninstall DESTDIR=… leaves no file behind"

else
  tap_ok 1 "the install checks: not run, make install failed"
fi

# ---- the man page covers the program ----
text=$(groff -man -Tascii -P-cbou "$man" 2>/dev/null | tr -s ' \n' '  ')
has() { grep -qE -- "(^|[^A-Za-z0-9_-])$1([^A-Za-z0-9_-]|$)" <<<"$text"; }
usage=$("$bin" help)
cmds=$(printf '%s\n' "$usage" | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on' |
  grep -E '^  [a-z]' | while IFS= read -r line; do
    printf '%s\n' "$line" | sed -E 's/^  ([a-z][a-z-]*)( ([a-z][a-z-]*))?( .*|$)/\1 \3/; s/ $//'
    printf '%s\n' "$line" | grep -oE '\| [a-z][a-z-]* [a-z][a-z-]*' | cut -c3-
  done | sort -u)
tap_ok "$( [ "$(grep -c . <<<"$cmds")" -ge 30 ]; echo $?)" "boxoffice help lists $(grep -c . <<<"$cmds") commands"
missing=$(while IFS= read -r c; do has "$c" || printf '%s; ' "$c"; done <<<"$cmds")
tap_is "$missing" "" "the man page has every command of boxoffice help"
opts=$( (printf '%s\n' "$usage" | grep -oE -- '--[a-z][a-z-]*'
         printf '%s\n' "$usage" | grep -oE -- '(^|[ ,[])-[a-zA-Z]([] ,|]|$)' | grep -oE -- '-[a-zA-Z]') | sort -u)
missing=$(while IFS= read -r o; do has "$o" || printf '%s ' "$o"; done <<<"$opts")
tap_is "$missing" "" "the man page has every option of boxoffice help ($(grep -c . <<<"$opts"))"

# Keys: each {is_key, KEY, COMMAND} of a screen's tables, named as the ? help names them.
keyname() {
  case "$1" in
    KEY_UP) echo Up ;; KEY_DOWN) echo Down ;; KEY_LEFT) echo Left ;; KEY_RIGHT) echo Right ;;
    KEY_PPAGE) echo PgUp ;; KEY_NPAGE) echo PgDn ;; KEY_HOME) echo Home ;; KEY_END) echo End ;;
    KEY_ENTER | "'\\r'" | "'\\n'") echo Enter ;;
    KEY_BACKSPACE | 127 | "CTRL('h')") echo Backspace ;;
    27) echo Esc ;; "'\\t'") echo Tab ;; KEY_BTAB) echo Shift-Tab ;; KEY_DC) echo Delete ;;
    KEY_MOUSE) echo click ;; "' '") echo Space ;;
    KEY_F\(*\)) echo "F${1//[^0-9]/}" ;;
    CTRL\(\'?\'\)) echo "Ctrl-$(printf '%s' "${1:6:1}" | tr a-z A-Z)" ;;
    \'?\') echo "${1:1:1}" ;;
    *) echo "(unnamed key $1)" ;;
  esac
}
man_keys() {  # the key tags under `.\" keys: SCREEN`, one a line
  awk -v scr="$1" '/^\.S[HS]/ { on = 0 } $1 == ".\\\"" && $2 == "keys:" { on = ($3 == scr); next }
    on && prev == ".TP" && /^\.B / { print } { prev = $0 }' "$man" |
    sed -E 's/^\.B +//; s/"//g; s/\\f[BIRP]//g; s/\\\(ha/^/g; s/\\-/-/g; s/\\e/\\/g' |
    tr ',' '\n' | sed -E 's/^ +//; s/ +$//'
}
nkeys=0
for f in ui/scr_*.c; do
  scr=$(basename "$f" .c)
  keys=$(grep -oE '\{ *(true|false) *, *([^{},()]|\([^()]*\))+ *, *[A-Z][A-Z0-9_]* *\}' "$f" |
    sed -E 's/^\{ *(true|false) *, *//; s/ *, *[A-Z][A-Z0-9_]* *\}$//' | sort -u |
    while IFS= read -r k; do keyname "$k"; done | sort -u)
  [ -n "$keys" ] || continue
  nkeys=$((nkeys + $(grep -c . <<<"$keys")))
  documented=$(man_keys "$scr")
  missing=$(while IFS= read -r k; do grep -qxF -- "$k" <<<"$documented" || printf '%s ' "$k"; done <<<"$keys")
  tap_is "$missing" "" "the man page (.\\\" keys: $scr) has every key of $f"
done
tap_ok "$( [ "$nkeys" -ge 100 ]; echo $?)" "$nkeys keys read from the screens' key tables"

envs=$( (grep -ohE 'getenv\("[A-Z_][A-Z0-9_]*"\)' src/*.c ui/*.c | sed -E 's/getenv\("(.*)"\)/\1/'
         grep -ohE '"(BOXOFFICE_|PG)[A-Z_]+"' src/*.c ui/*.c | tr -d '"') | sort -u)
envtext=$(awk '/^\.SH ENVIRONMENT/ { on = 1; next } /^\.SH/ { on = 0 } on' "$man")
missing=$(while IFS= read -r v; do grep -qw -- "$v" <<<"$envtext" || printf '%s ' "$v"; done <<<"$envs")
tap_is "$missing" "" "ENVIRONMENT names every variable the sources read ($(grep -c . <<<"$envs"))"

tap_done
