#!/usr/bin/env bash
# Every test layer against the real parts: a throwaway PostgreSQL cluster (and, for
# later layers, a private cupsd and tmux). Each layer prints TAP; this script counts
# the `ok` / `not ok` lines of all of them, counts a layer that exits non-zero as a
# failure too, and ends with the line "N passed, N failed".
#   tests/run.sh [layer...]     layers: unit fuzz migrate pgtap integration cli print concurrency e2e
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# The tests read UTF-8 screens and messages (×, —, …) with grep and friends; CI may
# start with no locale at all. Tests that want another locale set it themselves.
export LC_ALL=C.UTF-8 LANG=C.UTF-8
export BOXOFFICE_BUILD=${BOXOFFICE_BUILD:-build}
export BOXOFFICE_BIN=${BOXOFFICE_BIN:-$top/boxoffice}
export BOXOFFICE_SQLDIR=$top/sql BOXOFFICE_ASSETSDIR=$top/assets
layers=("$@")
[ ${#layers[@]} = 0 ] && layers=(unit fuzz migrate pgtap integration cli print concurrency e2e)

work=$(mktemp -d /tmp/boxoffice-test.XXXXXX)
chmod 755 "$work"
export BOXOFFICE_TEST_TMP=$work
cleanup() {
  tests/tools/pgcluster.sh stop "$work/pg" >/dev/null 2>&1
  [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if ! tests/tools/pgcluster.sh start "$work/pg" --throwaway; then
  echo "not ok - could not start the throwaway PostgreSQL cluster"
  echo "0 passed, 1 failed"
  exit 1
fi
eval "$(tests/tools/pgcluster.sh env "$work/pg")"
export PGHOST PGPORT PGUSER

passed=0; failed=0
run_layer() {
  local name=$1; shift
  local log="$work/$name.tap" rc
  echo "# ---- $name"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -cE '^[[:space:]]*ok [0-9]*' "$log")
  f=$(grep -cE '^[[:space:]]*not ok' "$log")
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    echo "not ok - layer $name exited with status $rc"
    f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
  echo "# $name: $p passed, $f failed"
}

layer_unit() {
  local t rc=0 n=0
  for t in "$BOXOFFICE_BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    n=$((n + 1))
    CMOCKA_MESSAGE_OUTPUT=TAP "$t" || rc=1
  done
  [ $n -gt 0 ] || { echo "not ok - no unit test binaries in $BOXOFFICE_BUILD/tests"; return 1; }
  return $rc
}

layer_pgtap() {
  dropdb --if-exists boxoffice_tap >/dev/null 2>&1
  createdb boxoffice_tap || return 1
  "$BOXOFFICE_BIN" --db dbname=boxoffice_tap migrate up >/dev/null || return 1
  psql -X -q -d boxoffice_tap -c 'CREATE SCHEMA tap; CREATE EXTENSION pgtap SCHEMA tap' || return 1
  PGOPTIONS='-c search_path=public,ext,tap' \
    pg_prove -v --dbname boxoffice_tap --set ON_ERROR_STOP=1 tests/db/[0-9]*.sql
}

for l in "${layers[@]}"; do
  case "$l" in
    unit) run_layer unit layer_unit ;;
    fuzz) run_layer fuzz tests/fuzz/run.sh ;;
    migrate) run_layer migrate tests/db/migrate.sh; run_layer upgrade tests/db/upgrade.sh ;;
    pgtap) run_layer pgtap layer_pgtap ;;
    integration) run_layer integration tests/integration/run.sh ;;
    cli) run_layer cli tests/cli/run.sh ;;
    print) run_layer print tests/print/all.sh ;;
    concurrency) run_layer concurrency tests/concurrency/run.sh ;;
    e2e) run_layer e2e tests/e2e/run.sh ;;
    *) echo "not ok - unknown test layer $l"; failed=$((failed + 1)) ;;
  esac
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
