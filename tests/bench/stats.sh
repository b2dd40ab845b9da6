#!/usr/bin/env bash
# Statistics at scale: one event with 1,000,000 live tickets (400,000 paid orders, one
# payment each) built in SQL by the superuser in a throwaway cluster (triggers off, so
# rebuild_stats() then recomputes the running totals: timed too), then
#   `boxoffice stats EVENT --json` as a supervisor (goal: under 50 ms to show) and
#   refresh_stats() after BENCH_SALES (default 100) more sales made through the sale
#   functions by a clerk (goal: 1 s; 0007's full recompute took 2.2-4.8 s at 1M),
# each run N times (BENCH_RUNS, default 20), median and p99 printed. Timings never fail.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=${BOXOFFICE_BIN:-$top/boxoffice}
runs=${BENCH_RUNS:-20}
ntickets=${BENCH_TICKETS:-1000000}
db=boxoffice_bench_stats
work=$(mktemp -d /tmp/boxoffice-bench-stats.XXXXXX)
chmod 755 "$work"
trap 'tests/tools/pgcluster.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
say() { printf '# %s\n' "$*" >&2; }
tests/tools/pgcluster.sh start "$work/pg" --throwaway >/dev/null
eval "$(tests/tools/pgcluster.sh env "$work/pg")"
export PGHOST PGPORT PGUSER
createdb "$db"
"$bin" --db "dbname=$db" --sql-dir "$top/sql" migrate up >/dev/null
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -f sql/demo/demo.sql >/dev/null
printf '*:*:%s:super_a:super_a-demo\n*:*:%s:clerk_a:clerk_a-demo\n' "$db" "$db" >"$work/pgpass"
chmod 600 "$work/pgpass"
export PGPASSFILE=$work/pgpass
as() { "$bin" --db "dbname=$db user=super_a" "$@"; }
as event create --venue "Lyric Theatre" --title "Bench Night" --start "2027-01-01 19:30" >/dev/null
as event tier "Bench Night" Promenade Standing 20 1 >/dev/null
# room for the sales made between refreshes (the bulk tickets below bypass the counters)
as event section "Bench Night" Promenade --capacity 100000 >/dev/null
as event publish "Bench Night" >/dev/null
say "building $ntickets tickets"
t0=$(date +%s.%N)
psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v n="$ntickets" <<'SQL'
SET session_replication_role = replica;  -- bulk rows: no audit/FK triggers
CREATE TEMP TABLE ev AS
SELECT e.id AS event_id, e.organization_id AS org, tt.id AS tier,
       (SELECT id FROM users u WHERE u.organization_id = e.organization_id LIMIT 1) AS buyer
  FROM events e JOIN ticket_tiers tt ON tt.event_id = e.id WHERE e.title = 'Bench Night';
CREATE TEMP TABLE o AS
SELECT g AS k, uuid_generate_v4() AS id, now() - (g % 240) * interval '1 hour' AS paid_at
  FROM generate_series(0, (:n * 2 / 5) - 1) g;
INSERT INTO orders (id, organization_id, user_id, event_id, status, total_amount, platform_fee,
                    net_amount, created_by, paid_at)
SELECT o.id, ev.org, ev.buyer, ev.event_id, 'PAID', 0, 0, 0, 'clerk_a', o.paid_at FROM o, ev;
INSERT INTO tickets (organization_id, order_id, event_id, ticket_tier_id, qr_code_hash, price_snapshot)
SELECT ev.org, o.id, ev.event_id, ev.tier, md5(g::text) || md5(g::text || 'bench'), 20.00
  FROM generate_series(0, :n - 1) g JOIN o ON o.k = g % (:n * 2 / 5), ev;
UPDATE orders x SET total_amount = c.n * 21, platform_fee = c.n, net_amount = c.n * 20
  FROM (SELECT order_id, count(*) AS n FROM tickets GROUP BY order_id) c WHERE c.order_id = x.id
   AND x.event_id = (SELECT event_id FROM ev);
INSERT INTO payments (organization_id, order_id, method, amount, tendered, change_due, reference,
                      created_by, created_at)
SELECT ev.org, x.id, m, x.total_amount, CASE m WHEN 'CASH' THEN x.total_amount END,
       CASE m WHEN 'CASH' THEN 0 END, CASE m WHEN 'CARD' THEN 'bench' END, 'clerk_a', x.paid_at
  FROM orders x CROSS JOIN ev
 CROSS JOIN LATERAL (SELECT CASE WHEN get_byte(uuid_send(x.id), 0) < 128 THEN 'CASH' ELSE 'CARD' END AS m) pm
 WHERE x.event_id = ev.event_id;
RESET session_replication_role;
VACUUM ANALYZE orders, tickets, payments;
SQL
say "built in $(echo "$(date +%s.%N) - $t0" | bc) s"
t0=$(date +%s%N)
psql -X -q -d "$db" -c "SELECT rebuild_stats()" >/dev/null
printf '%-34s %9.1f ms   (once: a DBA'"'"'s tool after a bulk load)\n' "rebuild_stats() (1M tickets)" \
  "$(echo "($(date +%s%N) - $t0) / 1000000" | bc -l)"
# BENCH_SALES sales of two standing places each, as a clerk through the functions
sales() {
  psql -X -q -d "dbname=$db user=clerk_a" -v ON_ERROR_STOP=1 -v n="${BENCH_SALES:-100}" >/dev/null <<'SQL'
SELECT e.id AS ev, tt.id AS tier FROM events e JOIN ticket_tiers tt ON tt.event_id = e.id
 WHERE e.title = 'Bench Night' \gset
SELECT count(*) FROM generate_series(1, :n) g,
  LATERAL (SELECT gen_random_uuid() AS id) o,
  LATERAL create_order(o.id, :'ev', jsonb_build_array(jsonb_build_object('tier_id', :'tier', 'quantity', 2))) c,
  LATERAL mark_paid(o.id, jsonb_build_array(jsonb_build_object('method', 'CASH', 'amount', c.total_amount,
                                                               'tendered', c.total_amount))) m;
SQL
}
stats() {  # stats NAME CMD...: median and p99 in ms of runs calls
  local name=$1; shift
  for _ in $(seq "$runs"); do
    local a b; a=$(date +%s%N); "$@" >/dev/null; b=$(date +%s%N)
    echo $(( (b - a) / 1000 ))
  done | sort -n | awk -v name="$name" '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = v[int(NR * 0.99 + 0.999)]
    printf "%-34s median %9.1f ms   p99 %9.1f ms   (%d runs)\n", name, m / 1000, p / 1000, NR }'
}
as stats "Bench Night" --refresh --json >"$work/first.json"
python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["totals"]; print("# totals:", t)' "$work/first.json"
stats "stats EVENT --json (1M tickets)" as stats "Bench Night" --json
# refresh_stats(1) refreshes only after 1 s and four times its last duration: wait each time
refresh() { sleep "$(psql -X -t -A -d "$db" -c "SELECT GREATEST(1.1, 4.2 * extract(epoch FROM finished_at - refreshed_at)) FROM stats_refresh")"
  sales
  local a b; a=$(date +%s%N); psql -X -q -d "dbname=$db user=super_a" -c "SELECT refresh_stats(1)" >/dev/null; b=$(date +%s%N)
  echo $(( (b - a) / 1000 )); }
for _ in $(seq "${BENCH_REFRESH_RUNS:-5}"); do refresh; done | sort -n | awk '{ v[NR] = $1 } END {
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "%-34s median %9.1f ms   max %9.1f ms   (%d runs)\n", "refresh_stats() (1M, +" n " sales)", m / 1000, v[NR] / 1000, NR }' n="${BENCH_SALES:-100}"
