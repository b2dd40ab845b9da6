#!/usr/bin/env bash
# A private PostgreSQL cluster in a directory of ours: unix socket only, never a
# system cluster. Used by `make demo` (kept under var/) and by the tests (throwaway).
#   pgcluster.sh start DIR [--throwaway]   initdb if needed, start, wait until ready
#   pgcluster.sh start DIR --tls CERT KEY  also listen on 127.0.0.1 (a free port) with ssl=on
#                                          and that certificate; hostssl scram-sha-256 for
#                                          +boxoffice_staff, hostnossl rejected (opt-in: tests/cli/tls.sh)
#   pgcluster.sh stop DIR
#   pgcluster.sh env DIR                   prints PGHOST/PGPORT/PGUSER exports
# As root the server runs as the `postgres` system user (initdb refuses root).
set -euo pipefail
cmd=${1:?usage: pgcluster.sh start|stop|env DIR}
dir=${2:?usage: pgcluster.sh start|stop|env DIR}
shift 2
throwaway=0 tls_cert= tls_key=
while [ $# -gt 0 ]; do
  case "$1" in
    --throwaway) throwaway=1; shift ;;
    --tls) tls_cert=${2:?usage: --tls CERT KEY}; tls_key=${3:?usage: --tls CERT KEY}; shift 3 ;;
    *) echo "pgcluster: unknown option $1" >&2; exit 2 ;;
  esac
done

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
      # the monitoring (0012): statements clients send, not those inside functions; no
      # utility statements (kept as typed, passwords and all); I/O timing costs ~25 ns a
      # call here (pg_test_timing)
      echo "pg_stat_statements.track = top"
      echo "pg_stat_statements.track_utility = off"
      echo "track_io_timing = on"
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
    if [ -n "$tls_cert" ]; then
      # The server reads its key only when the key is its own and private.
      own=(); [ "$(id -u)" = 0 ] && own=(-o postgres -g postgres)
      install -m 600 "${own[@]}" "$tls_cert" "$data/server.crt"
      install -m 600 "${own[@]}" "$tls_key" "$data/server.key"
      # A port nobody listens on now; the socket (and PGPORT) follow it.
      port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      printf "listen_addresses = '127.0.0.1'\nport = %s\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\nssl_min_protocol_version = 'TLSv1.2'\n" "$port" \
        | as_owner tee -a "$data/postgresql.conf" >/dev/null
      printf 'hostssl all +boxoffice_staff 127.0.0.1/32 scram-sha-256\nhostnossl all all all reject\n' \
        | as_owner tee -a "$data/pg_hba.conf" >/dev/null
      echo "$port" >"$dir/port"
    fi
  fi
  # The key of attendees' e-mails and phones (migration 0014): beside the data directory,
  # so no dump and no copy of the data directory holds it. Made once; a cluster restored
  # from a backup gets the original copied here instead (README: Backups).
  if [ ! -f "$dir/contact.key" ] && [ -z "${PGCLUSTER_NO_KEY:-}" ]; then
    as_owner sh -c 'umask 077; od -An -N32 -tx1 /dev/urandom | tr -d " \n" >"$1"' sh "$dir/contact.key"
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
  port=5432; [ -f "$dir/port" ] && port=$(cat "$dir/port")
  echo "export PGHOST='$sock' PGPORT=$port PGUSER='$(superuser)'"
  ;;
*) echo "pgcluster: unknown command $cmd" >&2; exit 2 ;;
esac
