/* The monitoring screen at 80x24 with handmade figures: the four tabs, scrolling a
 * long list under its cursor, the entry under the cursor in full, the 80% alert in
 * words (ASCII and monochrome too), pg_stat_statements missing said in words; and
 * health's figures for people (sizes, times, one-line statements, UTC text).
 * Drawn into pads on a headless terminal and read back. DUMP_SCREENS=1 prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "health.h"
#include "scr_events.h"
#include "scr_monitor.h"
#include "term_harness.h"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

#define NTABLES 30

static struct health_statement statements[] = {
	{ .query = "SELECT *\n  FROM   monitor_tables()", .calls = 3, .rows = 90, .mean_ms = 150.5,
	  .max_ms = 301.25, .total_ms = 451.5, .slow = true },
	{ .query = "SELECT count(*) FROM events WHERE title = $1 AND organization_id = $2 AND "
		   "start_time > $3 ORDER BY start_time, title, id LIMIT $4 OFFSET $5",
	  .calls = 12, .rows = 12, .mean_ms = 12.34, .max_ms = 40, .total_ms = 148.1 },
	{ .query = "UPDATE event_seats SET status = $1 WHERE event_id = $2", .calls = 1000,
	  .rows = 4000, .mean_ms = 0.42, .max_ms = 3.5, .total_ms = 420 },
};
static struct health_table tables[NTABLES];
static char table_names[NTABLES][24];
static struct health_index indexes[] = {
	{ .schema = "public", .table = "event_seats", .name = "event_seats_pkey", .bytes = 311296,
	  .scans = 8586, .keeps_constraint = true },
	{ .schema = "public", .table = "audit_log", .name = "idx_audit_log_row", .bytes = 155648,
	  .scans = 0, .unused = true },
	{ .schema = "public", .table = "seats", .name = "seats_pkey", .bytes = 65536, .scans = 0,
	  .unused = true, .keeps_constraint = true },
};

static struct health figures(bool alert)
{
	struct health h;

	memset(&h, 0, sizeof h);
	snprintf(h.database, sizeof h.database, "boxoffice");
	snprintf(h.as_of, sizeof h.as_of, "2026-11-20T14:02:11Z");
	h.conn = (struct health_connections){ .max = 100, .total = 5, .this_database = 3,
		.active = 1, .idle = 3, .idle_in_transaction = 1, .waiting_on_locks = 0,
		.longest_transaction_s = 12.5, .longest_idle_in_transaction_s = -1,
		.percent_used = 5 };
	snprintf(h.conn.words, sizeof h.conn.words, "5 of 100 connections in use (5%%)");
	if (alert) {
		h.conn.max = 10, h.conn.total = 9, h.conn.idle = 7, h.conn.percent_used = 90;
		h.conn.alert = true;
		snprintf(h.conn.words, sizeof h.conn.words, "9 of 10 connections in use (90%%), over 80%%: "
			 "raise max_connections or find who holds them");
	}
	for (int i = 0; i < NTABLES; i++) {
		snprintf(table_names[i], sizeof table_names[i], "table_%02d", i);
		tables[i] = (struct health_table){ .schema = "public", .name = table_names[i],
			.live = 1000 - i, .dead = i == 0 ? 2500 : 30 - i, .dead_percent = i == 0 ? 71.4 : 1.5,
			.total_bytes = 1048576 * (NTABLES - i), .bloat_bytes = 4096, .needs_vacuum = i == 0 };
	}
	snprintf(tables[0].last_autovacuum, sizeof tables[0].last_autovacuum, "2026-11-20T09:30:00Z");
	h.statements = statements, h.nstatements = 3;
	h.tables = tables, h.ntables = NTABLES;
	h.indexes = indexes, h.nindexes = 3;
	return h;
}

static enum mon_cmd press(struct scr_monitor *s, bool code, wint_t key)
{
	return scr_monitor_do(s, scr_monitor_key(s, code, key));
}

static void redraw(struct scr_monitor *s, WINDOW *w, const char *name)
{
	scr_monitor_recalc(s, 24, 80);
	scr_monitor_draw(s, w);
	dump(w, name);
}

static void monitor_statements_tab(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct health h = figures(false);
	struct scr_monitor s;
	int y;

	(void)state;
	scr_monitor_init(&s, &utf8_style);
	scr_monitor_set(&s, &h);
	redraw(&s, w, "statements");
	assert_string_equal(row(w, 0), " Monitoring — database boxoffice                          read Fri 20 Nov 14:02");
	assert_string_equal(row(w, 1), " [1 Statements]  2 Tables   3 Connections   4 Indexes");
	assert_string_equal(row(w, 2), " Connections: 5 of 100 connections in use (5%)");
	assert_string_equal(row(w, 3), "      mean        max    calls     rows  statement");
	/* slowest first, one line each, the cursor's row marked */
	assert_string_equal(row(w, 4), ">  150.5 ms   301.2 ms        3       90  SELECT * FROM monitor_tables()");
	assert_string_equal(row(w, 5), "    12.3 ms    40.0 ms       12       12  SELECT count(*) FROM events WHERE ti…");
	assert_string_equal(row(w, 6), "    0.42 ms    3.50 ms     1000     4000  UPDATE event_seats SET status = $1 W…");
	/* the entry under the cursor in full below the list */
	y = find(w, "SLOW (mean over 100 ms). 3 calls, 451.5 ms in all: SELECT * FROM");
	assert_int_equal(y, 19);
	assert_string_equal(row(w, 20), "  monitor_tables()");
	assert_int_equal(press(&s, false, 'j'), MON_NONE);
	redraw(&s, w, "statements, second");
	assert_string_equal(row(w, 4), "   150.5 ms   301.2 ms        3       90  SELECT * FROM monitor_tables()");
	assert_true(row(w, 5)[0] == '>');
	assert_string_equal(row(w, 19), "  12 calls, 148.1 ms in all: SELECT count(*) FROM events WHERE title = $1 AND");
	assert_string_equal(row(w, 20), "  organization_id = $2 AND start_time > $3 ORDER BY start_time, title, id");
	assert_string_equal(row(w, 21), "  LIMIT $4 OFFSET $5");
	assert_string_equal(row(w, 23), " Tab/1-4 panel  ↑↓ move  PgUp/PgDn page  r read again  Esc back  ? help");
	/* the app's keys */
	assert_int_equal(press(&s, false, 'r'), MON_REFRESH);
	assert_int_equal(press(&s, true, KEY_F(5)), MON_REFRESH);
	assert_int_equal(press(&s, false, 27), MON_BACK);
	assert_int_equal(press(&s, false, 'q'), MON_BACK);
	assert_int_equal(press(&s, false, '?'), MON_NONE);
	redraw(&s, w, "help");
	assert_true(find(w, "Keys: monitoring") >= 0);
	assert_int_equal(press(&s, false, 'r'), MON_NONE); /* any key closes help, nothing else */
	assert_false(s.help);
	delwin(w);
}

/* 30 tables in 14 rows: the list follows the cursor, the position shows. */
static void monitor_tables_scroll(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct health h = figures(false);
	struct scr_monitor s;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	scr_monitor_init(&s, &utf8_style);
	scr_monitor_set(&s, &h);
	press(&s, false, '2');
	redraw(&s, w, "tables");
	assert_string_equal(row(w, 1), "  1 Statements  [2 Tables]  3 Connections   4 Indexes                   1 of 30");
	assert_string_equal(row(w, 3), "  table                     live      dead  dead%    size  bloat~");
	assert_string_equal(row(w, 4), "> table_00                    1000      2500   71.4    30 MB   4.0 kB VACUUM");
	assert_string_equal(row(w, 5), "  table_01                     999        29    1.5    29 MB   4.0 kB");
	assert_int_equal(s.list_rows, 14);
	assert_string_equal(row(w, 19), "  public.table_00: last vacuum Fri 20 Nov 09:30 (auto), last analyze never.");
	assert_string_equal(row(w, 20), "  Over 1000 dead tuples: VACUUM ANALYZE it.");
	assert_int_equal(find(w, "table_14"), -1);
	/* End: the last table shows, the first has scrolled away */
	press(&s, true, KEY_END);
	redraw(&s, w, "tables, end");
	assert_true(find(w, "30 of 30") == 1);
	assert_int_equal(find(w, "> table_29"), 17);
	assert_int_equal(find(w, "table_00 "), -1);
	assert_int_equal(find(w, "table_16 "), 4);
	/* PgUp a page, Home back to the top */
	press(&s, true, KEY_PPAGE);
	redraw(&s, w, "tables, page up");
	assert_true(find(w, "> table_16 ") == 4);
	press(&s, false, 'g');
	redraw(&s, w, "tables, home");
	assert_int_equal(find(w, "> table_00 "), 4);
	/* each panel keeps its own cursor */
	press(&s, false, 'j');
	press(&s, false, '\t');
	press(&s, false, '\t');
	redraw(&s, w, "indexes");
	assert_string_equal(row(w, 1), "  1 Statements   2 Tables   3 Connections  [4 Indexes]");
	assert_true(row(w, 4)[0] == '>');
	press(&s, true, KEY_BTAB);
	press(&s, true, KEY_LEFT);
	redraw(&s, w, "tables again");
	assert_int_equal(find(w, "> table_01 "), 5);
	delwin(w);
}

static void monitor_indexes_tab(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct health h = figures(false);
	struct scr_monitor s;

	(void)state;
	scr_monitor_init(&s, &utf8_style);
	scr_monitor_set(&s, &h);
	press(&s, false, '4');
	press(&s, true, KEY_DOWN);
	redraw(&s, w, "indexes");
	assert_string_equal(row(w, 3), "  index                            table                size     scans");
	assert_string_equal(row(w, 4), "  event_seats_pkey                 event_seats          304 kB      8586");
	assert_string_equal(row(w, 5), "> idx_audit_log_row                audit_log            152 kB         0 UNUSED");
	assert_string_equal(row(w, 6), "  seats_pkey                       seats                 64 kB         0 unused");
	assert_true(find(w, "idx_audit_log_row on public.audit_log, 152 kB, scanned 0 times: never used") == 19);
	assert_string_equal(row(w, 20), "  since the statistics were reset, it only slows writes. 1 unused index keeps");
	press(&s, false, 'j');
	redraw(&s, w, "indexes, a key");
	assert_string_equal(row(w, 19), "  seats_pkey on public.seats, 64 kB, scanned 0 times: unused, but it keeps a");
	assert_string_equal(row(w, 20), "  constraint (primary key or unique): keep it. 1 unused index keeps no");
	delwin(w);
}

/* The alert in words on every panel; ASCII only, no colour needed to see it. */
static void monitor_alert_ascii(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct health h = figures(true);
	struct scr_monitor s;
	(void)state;
	scr_monitor_init(&s, &ascii_style);
	scr_monitor_set(&s, &h);
	press(&s, false, '3');
	redraw(&s, w, "connections, alert, ascii");
	assert_string_equal(row(w, 0), " Monitoring - database boxoffice                          read Fri 20 Nov 14:02");
	assert_string_equal(row(w, 2), " ALERT: 9 of 10 connections in use (90%), over 80%: raise max_connections or f~");
	assert_true((mvwinch(w, 2, 2) & A_BOLD) != 0);
	assert_string_equal(row(w, 4), "  In use            9 of 10 (90.0%)   ####################################....");
	assert_string_equal(row(w, 5), "  ALERT: over 80% of max_connections.");
	assert_string_equal(row(w, 8), "  By state          active 1   idle 7   idle in transaction 1   other 0");
	assert_string_equal(row(w, 11), "  Longest open transaction         12.5 s");
	assert_string_equal(row(w, 12), "  Longest idle in transaction      none");
	for (int y = 0; y < 24; y++)
		for (const char *c = row(w, y); *c; c++)
			assert_true((unsigned char)*c < 0x80);
	/* the other panels keep the alert line */
	press(&s, false, '1');
	redraw(&s, w, "statements, alert");
	assert_true(find(w, "ALERT: 9 of 10 connections") == 2);
	assert_string_equal(row(w, 23), " Tab/1-4 panel  j/k move  PgUp/PgDn page  r read again  Esc back  ? help");
	delwin(w);
}

static void monitor_without_statements(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct health h = figures(false);
	struct scr_monitor s;

	(void)state;
	h.statements = NULL, h.nstatements = 0;
	h.statements_note = "pg_stat_statements is not loaded: add it to shared_preload_libraries in "
			    "postgresql.conf and restart PostgreSQL";
	scr_monitor_init(&s, &utf8_style);
	scr_monitor_set(&s, &h);
	press(&s, true, KEY_DOWN); /* nothing to move over */
	redraw(&s, w, "no statements");
	assert_string_equal(row(w, 4), "  No statements to show: pg_stat_statements is not loaded: add it to");
	assert_string_equal(row(w, 5), "  shared_preload_libraries in postgresql.conf and restart PostgreSQL.");
	/* figures not read yet: the frame and the keys only */
	scr_monitor_set(&s, NULL);
	redraw(&s, w, "nothing");
	assert_string_equal(row(w, 2), " No figures read.");
	scr_monitor_message(&s, "Cannot read the figures again: the connection was lost.", true);
	redraw(&s, w, "message");
	assert_string_equal(row(w, 22), " Cannot read the figures again: the connection was lost.");
	delwin(w);
}

static void health_for_people(void **state)
{
	char b[64];
	time_t t;

	(void)state;
	assert_string_equal(health_bytes(0, b, sizeof b), "0 B");
	assert_string_equal(health_bytes(1023, b, sizeof b), "1023 B");
	assert_string_equal(health_bytes(16384, b, sizeof b), "16 kB");
	assert_string_equal(health_bytes(1258291, b, sizeof b), "1.2 MB");
	assert_string_equal(health_bytes(3650722201LL, b, sizeof b), "3.4 GB");
	assert_string_equal(health_ms(0.421, b, sizeof b), "0.42 ms");
	assert_string_equal(health_ms(12.34, b, sizeof b), "12.3 ms");
	assert_string_equal(health_ms(1250, b, sizeof b), "1.25 s");
	assert_string_equal(health_ms(210000, b, sizeof b), "3.5 min");
	assert_string_equal(health_one_line("  SELECT *\n\t FROM  t\r\n WHERE a = $1  ", b, sizeof b),
			    "SELECT * FROM t WHERE a = $1");
	assert_string_equal(health_one_line("SELECT 'é'", b, 10), "SELECT '");
	assert_string_equal(health_one_line("SELECT 'é'", b, 11), "SELECT 'é");
	assert_true(health_time("2026-11-20T14:02:11Z", &t));
	assert_int_equal((long long)t, 1795183331LL);
	assert_false(health_time("", &t));
	assert_false(health_time("2026-11-20 14:02", &t));
}

/* M on the events screen only when the grants allow it; else it types into the filter. */
static void events_offer_m(void **state)
{
	WINDOW *w = newpad(24, 120);
	struct scr_events ev;
	struct event_list l = { 0 };

	(void)state;
	scr_events_init(&ev, &utf8_style, "clerk_a", "Lyric Theatre Company");
	scr_events_set_roles(&ev, true, false);
	scr_events_set_events(&ev, &l);
	assert_int_equal(scr_events_key(&ev, false, 'M'), EV_TYPE);
	scr_events_recalc(&ev, 24, 120);
	scr_events_draw(&ev, w);
	assert_int_equal(find(w, "M monitor"), -1);
	scr_events_set_roles(&ev, true, true);
	scr_events_set_monitor(&ev, true);
	assert_int_equal(scr_events_key(&ev, false, 'M'), EV_MONITOR);
	assert_int_equal(scr_events_do(&ev, EV_MONITOR, 'M'), EV_MONITOR);
	scr_events_recalc(&ev, 24, 120);
	scr_events_draw(&ev, w);
	dump(w, "events, 120 columns, a supervisor");
	assert_true(find(w, "E setup  ? help  q quit  M monitor") == 23);
	scr_events_free(&ev);
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(monitor_statements_tab),
		cmocka_unit_test(monitor_tables_scroll),
		cmocka_unit_test(monitor_indexes_tab),
		cmocka_unit_test(monitor_alert_ascii),
		cmocka_unit_test(monitor_without_statements),
		cmocka_unit_test(health_for_people),
		cmocka_unit_test(events_offer_m),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, start_term, stop_term);
}
