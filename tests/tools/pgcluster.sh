#!/usr/bin/env bash
# A private PostgreSQL cluster in a directory of ours: unix socket only, never a
# system cluster. Used by `make demo` (kept under var/) and by the tests (throwaway).
#   pgcluster.sh start DIR [--throwaway]   initdb if needed, start, wait until ready
#   pgcluster.sh stop DIR
#   pgcluster.sh env DIR                   prints PGHOST/PGPORT/PGUSER exports
# As root the server runs as the `postgres` system user (initdb refuses root).
set -euo pipefail
cmd=${1:?usage: pgcluster.sh start|stop|env DIR}
dir=${2:?usage: pgcluster.sh start|stop|env DIR}
shift 2
throwaway=0
[ "${1:-}" = --throwaway ] && throwaway=1

bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/initdb" ] || bindir=/usr/lib/postgresql/15/bin
[ -x "$bindir/initdb" ] || { echo "pgcluster: PostgreSQL server binaries not found (run: make deps)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
superuser() { if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
sock="$dir"

case "$cmd" in
start)
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      echo "pgcluster: the postgres user cannot reach $dir (a parent directory is private);" >&2
      echo "pgcluster: clone the project somewhere world-searchable, e.g. under /srv or /tmp" >&2
      exit 1
    fi
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    nosync=; [ $throwaway = 1 ] && nosync=--no-sync
    as_owner "$bindir/initdb" -D "$data" -U "$(superuser)" --auth=peer --auth-local=peer \
      --encoding=UTF8 --locale=C.UTF-8 $nosync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    {
      echo "listen_addresses = ''"
      echo "unix_socket_directories = '$sock'"
      echo "shared_preload_libraries = 'pg_stat_statements'"
      echo "unix_socket_permissions = 0777"
      echo "max_connections = 100"
      echo "log_min_messages = warning"
      if [ $throwaway = 1 ]; then
        echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
      fi
    } | as_owner tee -a "$data/postgresql.conf" >/dev/null
    # Local logins: the cluster's superuser by peer (root maps to it), every other
    # login (staff) by password with scram-sha-256.
    printf 'local all %s peer map=admin\nlocal all all scram-sha-256\n' "$(superuser)" \
      | as_owner tee "$data/pg_hba.conf" >/dev/null
    printf 'admin %s %s\nadmin root %s\n' "$(superuser)" "$(superuser)" "$(superuser)" \
      | as_owner tee "$data/pg_ident.conf" >/dev/null
  fi
  if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then exit 0; fi
  as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { tail -20 "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  [ -f "$data/PG_VERSION" ] || exit 0
  as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  ;;
env)
  echo "export PGHOST='$sock' PGPORT=5432 PGUSER='$(superuser)'"
  ;;
*) echo "pgcluster: unknown command $cmd" >&2; exit 2 ;;
esac
