#!/usr/bin/env bash
# TLS over TCP: a cluster of its own on 127.0.0.1 with ssl=on and a certificate from a
# throwaway CA (DNS:localhost only), and a second, unrelated CA. A staff login over TCP
# gets verify-full by default and works with the right root certificate; a wrong host
# name, the unrelated CA, a missing root.crt, a server without TLS or without a hostssl
# line are refused in words; sslmode=require / verify-ca / PGSSLMODE / a service entry
# are honoured as documented; pg_stat_ssl shows the session encrypted. Unix sockets are
# unchanged. Passwords come from a .pgpass made here, never the command line.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/tools/tap.sh
bin=${BOXOFFICE_BIN:-./boxoffice}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
base=${BOXOFFICE_TEST_TMP:-/tmp}
tmp=$(mktemp -d "$base/ht_tls.XXXXXX")
chmod 755 "$tmp"
pki=$tmp/pki pg=$tmp/pg db=boxoffice_ht_tls
lockpid=
cleanup() {
  exec 7>&- 2>/dev/null
  [ -n "$lockpid" ] && kill "$lockpid" 2>/dev/null
  tests/tools/pgcluster.sh stop "$pg" >/dev/null 2>&1
  [ -n "${KEEP_TEST_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
# No root.crt, service file or TLS setting of the person running the tests may leak in.
export HOME=$tmp/home
unset PGSSLMODE PGSSLROOTCERT PGREQUIRESSL PGSERVICE PGSERVICEFILE PGHOSTADDR PGSSLCERT PGSSLKEY
mkdir -p "$HOME" "$pki"

# ---- a throwaway CA, a server certificate for localhost only, an unrelated CA ----
ca() {  # ca NAME SUBJECT
  openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 2 -subj "/CN=$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$pki/$1.key" -out "$pki/$1.crt" 2>/dev/null
}
ca ca "Box office test CA" && ca other "An unrelated CA" \
  && openssl req -new -nodes -newkey rsa:2048 -subj /CN=localhost \
       -keyout "$pki/server.key" -out "$pki/server.csr" 2>/dev/null \
  && printf 'subjectAltName = DNS:localhost\nextendedKeyUsage = serverAuth\n' >"$pki/server.ext" \
  && openssl x509 -req -sha256 -days 2 -in "$pki/server.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
       -CAcreateserial -extfile "$pki/server.ext" -out "$pki/server.crt" 2>/dev/null
tap_ok $? "openssl: a CA, a server certificate for DNS:localhost signed by it, an unrelated CA"
tap_like "$(openssl x509 -in "$pki/server.crt" -noout -ext subjectAltName)" '^ *DNS:localhost$' \
  "… naming localhost only"

tests/tools/pgcluster.sh start "$pg" --throwaway --tls "$pki/server.crt" "$pki/server.key"
tap_ok $? "a cluster listening on 127.0.0.1 with ssl=on and that certificate" || { tap_done; exit 1; }
eval "$(tests/tools/pgcluster.sh env "$pg")"
export PGHOST PGPORT PGUSER
port=$PGPORT
q() { psql -X -q -t -A -d "$db" -c "$1"; }
createdb "$db" && "$bin" --db "dbname=$db" migrate up >/dev/null \
  && psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f "${BOXOFFICE_SQLDIR:-sql}/demo/demo.sql" >/dev/null
tap_ok $? "the demo data, as the superuser over the Unix socket (no root.crt anywhere)" || { tap_done; exit 1; }
tap_is "$(q "SELECT setting FROM pg_settings WHERE name IN ('ssl', 'ssl_min_protocol_version', 'listen_addresses') ORDER BY name")" \
  "$(printf '127.0.0.1\non\nTLSv1.2')" "the server: listen_addresses, ssl and ssl_min_protocol_version as set"

for l in super_a clerk_a; do printf '*:%s:%s:%s:%s-demo\n' "$port" "$db" "$l" "$l"; done >"$tmp/pgpass"
chmod 600 "$tmp/pgpass"
# as LOGIN 'CONNINFO' COMMAND...: the program over TCP (or as CONNINFO says), password from .pgpass
as() { local who=$1 ci=$2; shift 2; PGPASSFILE=$tmp/pgpass "$bin" --db "port=$port dbname=$db user=$who $ci" "$@" </dev/null; }

# ---- the default: verify-full ----
out=$(as super_a "host=localhost sslrootcert=$pki/ca.crt" events 2>&1); rc=$?
tap_ok $rc "events as super_a to host=localhost with the CA as sslrootcert (no sslmode given)"
tap_like "$out" "The Tempest" "… lists the organisation's events"

# pg_stat_ssl of the program's own session: hold it on a lock while looking
mkfifo "$tmp/lock"
psql -X -q -d "$db" <"$tmp/lock" >/dev/null 2>&1 &
lockpid=$!
exec 7>"$tmp/lock"
echo "BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE;" >&7
for _ in $(seq 1 600); do
  [ "$(q "SELECT count(*) FROM pg_locks WHERE relation = 'events'::regclass AND mode = 'AccessExclusiveLock' AND granted")" = 1 ] && break
  sleep 0.1
done
as super_a "host=localhost sslrootcert=$pki/ca.crt" events >"$tmp/held.out" 2>&1 &
heldpid=$!
ssl=
for _ in $(seq 1 600); do
  ssl=$(q "SELECT s.ssl || ' ' || s.version || ' ' || host(a.client_addr) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
            WHERE a.usename = 'super_a' AND a.application_name = 'boxoffice' AND a.wait_event_type = 'Lock'")
  [ -n "$ssl" ] && break
  sleep 0.1
done
echo "COMMIT;" >&7
exec 7>&-
wait "$lockpid"; lockpid=
wait "$heldpid"; rc=$?
tap_like "$ssl" '^true TLSv1\.[23] 127\.0\.0\.1$' "pg_stat_ssl: the program's session is encrypted (TLS 1.2 or 1.3) from 127.0.0.1"
tap_is "$rc $(grep -c 'The Tempest' "$tmp/held.out")" "0 1" "… and it went on once the lock was gone"

out=$(as super_a "host=127.0.0.1 sslrootcert=$pki/ca.crt" events 2>&1); rc=$?
tap_is "$rc" 1 "host=127.0.0.1: the certificate names localhost only, refused"
tap_like "$out" "The database server at 127\.0\.0\.1:$port showed a certificate for \"localhost\", which does not match the host name 127\.0\.0\.1: connect with host=localhost" \
  "… in words: whose certificate, which host, what to do"
out=$(as super_a "host=localhost sslrootcert=$pki/other.crt" events 2>&1); rc=$?
tap_is "$rc" 1 "an unrelated CA as sslrootcert: refused"
tap_like "$out" "The certificate of the database server at localhost:$port is not signed by the CA this computer trusts.*put IT's CA certificate in ~/\.postgresql/root\.crt" \
  "… in words"
out=$(as super_a "host=localhost" events 2>&1); rc=$?
tap_is "$rc" 1 "no root certificate at all: refused"
tap_like "$out" "Cannot check the certificate of the database server at localhost:$port: there is no CA certificate in $HOME/\.postgresql/root\.crt\. Put IT's CA certificate there" \
  "… saying which file is missing"
mkdir -p "$HOME/.postgresql" && cp "$pki/ca.crt" "$HOME/.postgresql/root.crt"
out=$(as clerk_a "host=localhost" events 2>&1); rc=$?
tap_ok $rc "with the CA in ~/.postgresql/root.crt, host=localhost works (clerk_a)"
tap_like "$out" "The Tempest" "… and lists the events"
out=$(as super_a "host=localhost sslmode=disable" events 2>&1); rc=$?
tap_is "$rc" 1 "sslmode=disable against hostnossl … reject: refused"
tap_like "$out" "The database server at localhost:$port accepts only encrypted \(TLS\) connections: remove sslmode=disable" "… in words"
out=$(as super_a "" events 2>&1); rc=$?
tap_ok $rc "over the Unix socket (the demo's way) nothing changes"

# ---- what the other modes do and do not check ----
mv "$HOME/.postgresql/root.crt" "$HOME/.postgresql/root.crt.off"
out=$(as super_a "host=127.0.0.1 sslmode=require" events 2>&1); rc=$?
tap_ok $rc "sslmode=require, no root.crt: encrypted, but neither the CA nor the name is checked (127.0.0.1 accepted)"
out=$(PGSSLMODE=require as super_a "host=127.0.0.1" events 2>&1); rc=$?
tap_ok $rc "PGSSLMODE=require is honoured the same way (not overridden by the default)"
out=$(as super_a "host=127.0.0.1 sslmode=require sslrootcert=$pki/other.crt" events 2>&1); rc=$?
tap_is "$rc" 1 "sslmode=require with a root certificate given checks the CA like verify-ca: the unrelated CA is refused"
out=$(as super_a "host=127.0.0.1 sslmode=verify-ca sslrootcert=$pki/ca.crt" events 2>&1); rc=$?
tap_ok $rc "sslmode=verify-ca checks the CA but not the name: 127.0.0.1 accepted"
printf '[boxoffice]\nhost=localhost\nport=%s\ndbname=%s\nsslmode=verify-full\nsslrootcert=%s\n' "$port" "$db" "$pki/ca.crt" >"$tmp/pg_service.conf"
out=$(PGSERVICEFILE=$tmp/pg_service.conf PGPASSFILE=$tmp/pgpass "$bin" --db "service=boxoffice user=super_a" events </dev/null 2>&1); rc=$?
tap_ok $rc "a service file entry with sslmode=verify-full and sslrootcert"
tap_like "$out" "The Tempest" "… lists the events"
printf '[loose]\nhost=127.0.0.1\nport=%s\ndbname=%s\nsslmode=require\n' "$port" "$db" >>"$tmp/pg_service.conf"
out=$(PGSERVICEFILE=$tmp/pg_service.conf PGPASSFILE=$tmp/pgpass "$bin" --db "service=loose user=super_a" events </dev/null 2>&1); rc=$?
tap_ok $rc "a service entry is used as written (its sslmode=require, not the default, for 127.0.0.1)"

# ---- a server that allows staff only without TLS, then one without TLS at all ----
hba="$pg/data/pg_hba.conf"
sed -i -e 's/^hostssl .*//' -e 's/^hostnossl .*//' "$hba"
echo "hostnossl all +boxoffice_staff 127.0.0.1/32 scram-sha-256" >>"$hba"
tests/tools/pgcluster.sh stop "$pg" && tests/tools/pgcluster.sh start "$pg"
tap_ok $? "the server restarted with a hostnossl-only pg_hba.conf"
out=$(as super_a "host=localhost sslrootcert=$pki/ca.crt" events 2>&1); rc=$?
tap_is "$rc" 1 "TLS offered but no hostssl line: refused"
tap_like "$out" "The database server at localhost:$port has no TLS entry \(hostssl\) for this login: ask IT to add one" "… in words"
q "ALTER SYSTEM SET ssl = off" && tests/tools/pgcluster.sh stop "$pg" && tests/tools/pgcluster.sh start "$pg"
tap_is "$?:$(q 'SHOW ssl')" "0:off" "the server restarted with ssl = off"
out=$(as super_a "host=localhost sslrootcert=$pki/ca.crt" events 2>&1); rc=$?
tap_is "$rc" 1 "the default (verify-full) against a server without TLS: refused"
tap_like "$out" "The database server at localhost:$port does not offer TLS \(encryption\), and this connection requires it: ask IT to turn on ssl" \
  "… in words"
out=$(as super_a "host=localhost sslmode=require" events 2>&1); rc=$?
tap_like "$rc $out" "^1 .*does not offer TLS" "sslmode=require too"
out=$(as super_a "host=localhost sslmode=prefer" events 2>&1); rc=$?
tap_ok $rc "sslmode=prefer connects in plain text (why it is not the default)"

tap_done
