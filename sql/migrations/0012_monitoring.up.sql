-- 0012 monitoring (issue 8): the spec's monitoring queries as functions a supervisor may
-- call, for the terminal's M screen and `boxoffice admin health`: the slowest statements
-- (pg_stat_statements), tables' dead tuples and an estimate of their bloat, connection
-- health with the 80% alert, index sizes and unused indexes.
--
-- The figures are the cluster's (every session in pg_stat_activity, every login's
-- statements), which only pg_monitor may read. Supervisors are not given pg_monitor:
-- they may execute these functions, owned by boxoffice_monitor (NOLOGIN, no members,
-- member of pg_monitor), which return counts, sizes, times and normalised statement text
-- only: no login names, client addresses, session query text or parameter values, so
-- nothing of another organisation shows through.
-- Same rules as 0003: SECURITY DEFINER, SET search_path = pg_catalog, pg_temp, every name
-- schema-qualified, refusals with the BO codes of sql/README.md.
SET LOCAL search_path = public, ext;
SET LOCAL client_min_messages = warning;

DO $role$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'boxoffice_monitor') THEN
    CREATE ROLE boxoffice_monitor NOLOGIN;
  END IF;
END $role$;
ALTER ROLE boxoffice_monitor NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
GRANT pg_monitor TO boxoffice_monitor;

-- 0001 installed it; a database made before that (or by hand) gets it here. Reading it
-- still needs shared_preload_libraries (monitor_statements_unavailable() says so).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA ext;
GRANT USAGE ON SCHEMA ext TO boxoffice_monitor;
GRANT USAGE ON SCHEMA public TO boxoffice_monitor;
GRANT EXECUTE ON FUNCTION ext.pg_stat_statements(boolean) TO boxoffice_monitor;

SET LOCAL ROLE boxoffice_owner;

-- The spec's alert ("if active/total > 0.8, increase pool size"), applied to what runs out:
-- the cluster's connections against max_connections (one login per person, no pool; see
-- sql/README.md). Over 80% exactly: 80 of 100 is not an alert, 81 is. Pure, so a test can
-- give it any count.
CREATE FUNCTION monitor_connection_alert(p_total integer, p_max integer,
                                         OUT alert boolean, OUT words text)
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT CASE WHEN p_total IS NULL OR p_max IS NULL OR p_max <= 0 THEN false
              ELSE p_total::bigint * 5 > p_max::bigint * 4 END,
         CASE WHEN p_total IS NULL OR p_max IS NULL OR p_max <= 0
                THEN 'connections unknown'
              WHEN p_total::bigint * 5 > p_max::bigint * 4
                THEN pg_catalog.format('%s of %s connections in use (%s%%), over 80%%: raise '
                                       'max_connections or find who holds them', p_total, p_max,
                                       pg_catalog.round(100.0 * p_total / p_max))
              ELSE pg_catalog.format('%s of %s connections in use (%s%%)', p_total, p_max,
                                     pg_catalog.round(100.0 * p_total / p_max)) END
$$;

RESET ROLE;

-- Connections of the whole cluster (max_connections is the cluster's), client backends
-- only, by state; the caller's database on its own; the longest open transaction and the
-- longest idle in transaction of the other sessions (seconds; NULL: none), how many wait
-- for a lock, and the alert.
CREATE FUNCTION monitor_connections()
RETURNS TABLE (max_connections integer, total integer, this_database integer, active integer,
               idle integer, idle_in_transaction integer, other integer, waiting_on_locks integer,
               longest_transaction_s numeric, longest_idle_in_transaction_s numeric,
               percent_used numeric, alert boolean, words text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  WITH a AS (
    SELECT s.* FROM pg_catalog.pg_stat_activity s WHERE s.backend_type = 'client backend'
  ), m AS (
    SELECT pg_catalog.current_setting('max_connections')::integer AS max
  ), c AS (
    SELECT count(*)::integer AS total,
           count(*) FILTER (WHERE a.datname = pg_catalog.current_database())::integer AS here,
           count(*) FILTER (WHERE a.state = 'active')::integer AS active,
           count(*) FILTER (WHERE a.state = 'idle')::integer AS idle,
           count(*) FILTER (WHERE a.state LIKE 'idle in transaction%')::integer AS idle_tx,
           count(*) FILTER (WHERE a.state IS NULL
                              OR a.state NOT IN ('active', 'idle', 'idle in transaction',
                                                 'idle in transaction (aborted)'))::integer AS other,
           count(*) FILTER (WHERE a.wait_event_type = 'Lock')::integer AS waiting,
           max(pg_catalog.clock_timestamp() - a.xact_start)
             FILTER (WHERE a.pid <> pg_catalog.pg_backend_pid()) AS longest_tx,
           max(pg_catalog.clock_timestamp() - a.state_change)
             FILTER (WHERE a.state LIKE 'idle in transaction%'
                       AND a.pid <> pg_catalog.pg_backend_pid()) AS longest_idle_tx
      FROM a
  )
  SELECT m.max, c.total, c.here, c.active, c.idle, c.idle_tx, c.other, c.waiting,
         pg_catalog.round(EXTRACT(epoch FROM c.longest_tx), 1),
         pg_catalog.round(EXTRACT(epoch FROM c.longest_idle_tx), 1),
         pg_catalog.round(100.0 * c.total / NULLIF(m.max, 0), 1),
         x.alert, x.words
    FROM c, m, public.monitor_connection_alert(c.total, m.max) x
$$;

-- The project's tables (every schema but the catalogs and temporary ones): live and dead
-- tuples as the statistics collector counts them, the share that is dead, sizes, and when
-- they were last vacuumed and analysed (by hand or by autovacuum). needs_vacuum is the
-- spec's threshold (more than 1000 dead tuples); bloat_bytes estimates the heap space the
-- dead tuples take: the heap size times their share.
CREATE FUNCTION monitor_tables()
RETURNS TABLE (schema_name name, table_name name, live_tuples bigint, dead_tuples bigint,
               dead_percent numeric, total_bytes bigint, bloat_bytes bigint, needs_vacuum boolean,
               last_vacuum timestamptz, last_autovacuum timestamptz, last_analyze timestamptz,
               last_autoanalyze timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT t.schemaname, t.relname, t.n_live_tup, t.n_dead_tup,
         pg_catalog.round(100.0 * t.n_dead_tup / NULLIF(t.n_live_tup + t.n_dead_tup, 0), 1),
         pg_catalog.pg_total_relation_size(t.relid),
         (pg_catalog.pg_relation_size(t.relid) * t.n_dead_tup
            / NULLIF(t.n_live_tup + t.n_dead_tup, 0))::bigint,
         t.n_dead_tup > 1000,
         t.last_vacuum, t.last_autovacuum, t.last_analyze, t.last_autoanalyze
    FROM pg_catalog.pg_stat_user_tables t
   WHERE t.schemaname !~ '^pg_temp_'
   ORDER BY t.n_dead_tup DESC, pg_catalog.pg_total_relation_size(t.relid) DESC, t.schemaname, t.relname
$$;

-- Index sizes, largest first (the spec's query, corrected: see sql/README.md), how often
-- each was scanned since the statistics were reset, unused = never (idx_scan = 0), and
-- whether it keeps a constraint (primary key, unique, exclusion): such an index is not
-- dropped for being unused.
CREATE FUNCTION monitor_indexes()
RETURNS TABLE (schema_name name, table_name name, index_name name, bytes bigint, scans bigint,
               unused boolean, keeps_constraint boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT s.schemaname, s.relname, s.indexrelname, pg_catalog.pg_relation_size(s.indexrelid),
         s.idx_scan, s.idx_scan = 0,
         i.indisprimary OR i.indisunique OR i.indisexclusion
    FROM pg_catalog.pg_stat_user_indexes s
    JOIN pg_catalog.pg_index i ON i.indexrelid = s.indexrelid
   WHERE s.schemaname !~ '^pg_temp_'
   ORDER BY pg_catalog.pg_relation_size(s.indexrelid) DESC, s.schemaname, s.indexrelname
$$;

-- Why there are no statements to show, in words; NULL when pg_stat_statements can be read.
CREATE FUNCTION monitor_statements_unavailable() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements') THEN
    RETURN 'pg_stat_statements is not installed in this database: the DBA runs '
           'CREATE EXTENSION pg_stat_statements SCHEMA ext';
  END IF;
  PERFORM 1 FROM ext.pg_stat_statements(false) LIMIT 1;
  RETURN NULL;
EXCEPTION
  WHEN object_not_in_prerequisite_state THEN
    RETURN 'pg_stat_statements is not loaded: add it to shared_preload_libraries in '
           'postgresql.conf and restart PostgreSQL';
  WHEN undefined_function OR undefined_table OR insufficient_privilege THEN
    RETURN 'pg_stat_statements cannot be read here (expected in schema ext): ' || SQLERRM;
END $$;

-- The slowest statements of this database by mean time (the spec's query; the spec's
-- 100 ms is `slow`, not a filter, so a quiet database still shows its slowest), top-level
-- only. Only statements pg_stat_statements normalises (SELECT, INSERT, UPDATE, DELETE,
-- MERGE, WITH, VALUES, TABLE: constants become $1, $2 …); utility statements are kept as
-- typed (ALTER ROLE … PASSWORD '…') and are never shown. No rows when pg_stat_statements
-- cannot be read: monitor_statements_unavailable() says why.
CREATE FUNCTION monitor_statements(p_limit integer DEFAULT 10)
RETURNS TABLE (query text, calls bigint, mean_ms numeric, max_ms numeric, total_ms numeric,
               rows bigint, slow boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 1000 THEN
    RAISE EXCEPTION 'show 1 to 1000 statements, not %', p_limit USING ERRCODE = 'BO008';
  END IF;
  RETURN QUERY
    SELECT s.query, s.calls, pg_catalog.round(s.mean_exec_time::numeric, 2),
           pg_catalog.round(s.max_exec_time::numeric, 2),
           pg_catalog.round(s.total_exec_time::numeric, 2), s.rows, s.mean_exec_time > 100
      FROM ext.pg_stat_statements(true) s
     WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database d
                      WHERE d.datname = pg_catalog.current_database())
       AND s.toplevel
       AND s.query ~* '^[[:space:]]*(select|insert|update|delete|merge|with|values|table)[[:>:]]'
     ORDER BY s.mean_exec_time DESC, s.calls DESC
     LIMIT p_limit;
EXCEPTION
  WHEN object_not_in_prerequisite_state OR undefined_function OR undefined_table THEN
    RETURN;
END $$;

ALTER FUNCTION monitor_connections() OWNER TO boxoffice_monitor;
ALTER FUNCTION monitor_tables() OWNER TO boxoffice_monitor;
ALTER FUNCTION monitor_indexes() OWNER TO boxoffice_monitor;
ALTER FUNCTION monitor_statements_unavailable() OWNER TO boxoffice_monitor;
ALTER FUNCTION monitor_statements(integer) OWNER TO boxoffice_monitor;

REVOKE ALL ON FUNCTION monitor_connection_alert(integer, integer), monitor_connections(),
  monitor_tables(), monitor_indexes(), monitor_statements_unavailable(),
  monitor_statements(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION monitor_connection_alert(integer, integer) TO boxoffice_monitor;
GRANT EXECUTE ON FUNCTION monitor_connection_alert(integer, integer), monitor_connections(),
  monitor_tables(), monitor_indexes(), monitor_statements_unavailable(),
  monitor_statements(integer) TO boxoffice_supervisor;
