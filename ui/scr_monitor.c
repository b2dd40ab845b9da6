/* scr_monitor: statements, tables, connections and indexes as four tabs. */
#include "scr_monitor.h"

#include "events.h"

#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

/* Rows: title, tabs, the connection line, the panel's heading; then the list; the
 * entry under the cursor (DETAIL_ROWS); status and keys at the bottom. */
#define LIST_Y 4
#define DETAIL_ROWS 3

struct key_binding {
	bool is_code;
	wint_t key;
	enum mon_cmd cmd;
};

static const struct key_binding keys[] = {
	{ true, KEY_UP, MON_UP }, { false, 'k', MON_UP },
	{ true, KEY_DOWN, MON_DOWN }, { false, 'j', MON_DOWN },
	{ true, KEY_PPAGE, MON_PGUP }, { true, KEY_NPAGE, MON_PGDN },
	{ true, KEY_HOME, MON_HOME }, { false, 'g', MON_HOME },
	{ true, KEY_END, MON_END }, { false, 'G', MON_END },
	{ false, '\t', MON_NEXT_TAB }, { true, KEY_RIGHT, MON_NEXT_TAB }, { false, 'l', MON_NEXT_TAB },
	{ true, KEY_BTAB, MON_PREV_TAB }, { true, KEY_LEFT, MON_PREV_TAB }, { false, 'h', MON_PREV_TAB },
	{ false, '1', MON_TAB_1 }, { false, '2', MON_TAB_2 }, { false, '3', MON_TAB_3 },
	{ false, '4', MON_TAB_4 },
	{ false, 'r', MON_REFRESH }, { false, 'R', MON_REFRESH }, { false, CTRL('r'), MON_REFRESH },
	{ true, KEY_F(5), MON_REFRESH },
	{ false, 27, MON_BACK }, { false, 'q', MON_BACK },
	{ false, '?', MON_HELP }, { true, KEY_F(1), MON_HELP },
};

static const char *const tab_names[MON_NTABS] = { "Statements", "Tables", "Connections",
						  "Indexes" };

void scr_monitor_init(struct scr_monitor *s, const struct ui_style *st)
{
	memset(s, 0, sizeof *s);
	s->style = st;
}

/* Rows of a panel's list (the connections panel is not a list). */
static size_t rows_of(const struct scr_monitor *s, enum mon_tab t)
{
	if (s->h == NULL)
		return 0;
	switch (t) {
	case MON_STATEMENTS: return s->h->nstatements;
	case MON_TABLES: return s->h->ntables;
	case MON_INDEXES: return s->h->nindexes;
	default: return 0;
	}
}

static void clamp(struct scr_monitor *s)
{
	for (int t = 0; t < MON_NTABS; t++) {
		size_t n = rows_of(s, (enum mon_tab)t);
		if (s->cursor[t] >= n)
			s->cursor[t] = n > 0 ? n - 1 : 0;
	}
}

void scr_monitor_set(struct scr_monitor *s, const struct health *h)
{
	s->h = h;
	clamp(s);
}

void scr_monitor_message(struct scr_monitor *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

enum mon_cmd scr_monitor_key(const struct scr_monitor *s, bool is_code, wint_t key)
{
	if (s->help)
		return MON_CANCEL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].is_code == is_code && keys[i].key == key)
			return keys[i].cmd;
	return MON_NONE;
}

static void go(struct scr_monitor *s, long by)
{
	size_t n = rows_of(s, s->tab), *c = &s->cursor[s->tab];

	if (n == 0)
		return;
	if (by < 0)
		*c = (size_t)-by > *c ? 0 : *c - (size_t)-by;
	else
		*c = *c + (size_t)by >= n ? n - 1 : *c + (size_t)by;
}

enum mon_cmd scr_monitor_do(struct scr_monitor *s, enum mon_cmd cmd)
{
	long page = s->list_rows > 1 ? s->list_rows - 1 : 1;

	switch (cmd) {
	case MON_UP: go(s, -1); break;
	case MON_DOWN: go(s, 1); break;
	case MON_PGUP: go(s, -page); break;
	case MON_PGDN: go(s, page); break;
	case MON_HOME: s->cursor[s->tab] = 0; break;
	case MON_END: go(s, (long)rows_of(s, s->tab)); break;
	case MON_NEXT_TAB: s->tab = (enum mon_tab)((s->tab + 1) % MON_NTABS); break;
	case MON_PREV_TAB: s->tab = (enum mon_tab)((s->tab + MON_NTABS - 1) % MON_NTABS); break;
	case MON_TAB_1: case MON_TAB_2: case MON_TAB_3: case MON_TAB_4:
		s->tab = (enum mon_tab)(cmd - MON_TAB_1);
		break;
	case MON_HELP: s->help = true; break;
	case MON_CANCEL: s->help = false; break;
	case MON_REFRESH: case MON_BACK: return cmd;
	case MON_NONE: break;
	}
	return MON_NONE;
}

void scr_monitor_recalc(struct scr_monitor *s, int height, int width)
{
	(void)width;
	s->list_y = LIST_Y;
	s->detail_rows = DETAIL_ROWS;
	s->detail_y = height - 2 - DETAIL_ROWS;
	s->list_rows = s->detail_y - 1 - LIST_Y; /* a blank row above the detail */
	if (s->list_rows < 1)
		s->list_rows = 1;
	clamp(s);
	for (int t = 0; t < MON_NTABS; t++) {
		if (s->cursor[t] < s->top[t])
			s->top[t] = s->cursor[t];
		if (s->cursor[t] >= s->top[t] + (size_t)s->list_rows)
			s->top[t] = s->cursor[t] - (size_t)s->list_rows + 1;
	}
}

/* ---- drawing ---- */

static const char *dash(const struct scr_monitor *s)
{
	return s->style->ascii ? "-" : "—";
}

static void draw_head(const struct scr_monitor *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	const struct health *h = s->h;
	char t[300], when[EVENTS_TIME_SIZE];
	int rw, x = 1;
	time_t at;

	if (h != NULL && health_time(h->as_of, &at))
		snprintf(t, sizeof t, "read %s ", events_format_time(at, when, sizeof when));
	else
		snprintf(t, sizeof t, "not read ");
	rw = draw_width(t, a);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text_right(w, 0, width - rw, rw, t, a);
	snprintf(t, sizeof t, " Monitoring %s database %s", dash(s), h != NULL ? h->database : "");
	draw_text(w, 0, 0, width - rw, t, a);
	wattrset(w, A_NORMAL);

	/* the current tab in brackets as well as highlighted: it reads without colour */
	mvwhline(w, 1, 0, ' ', width);
	for (int i = 0; i < MON_NTABS && x < width - 1; i++) {
		bool cur = (int)s->tab == i;
		int tw;

		snprintf(t, sizeof t, "%s%d %s%s", cur ? "[" : " ", i + 1, tab_names[i], cur ? "]" : " ");
		tw = draw_width(t, a);
		if (tw > width - 1 - x)
			tw = width - 1 - x;
		wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) | A_BOLD : A_NORMAL);
		draw_text(w, 1, x, tw, t, a);
		x += tw + 1;
	}
	wattrset(w, A_NORMAL);

	if (h == NULL) {
		draw_text(w, 2, 1, width - 2, "No figures read.", a);
		return;
	}
	if (h->conn.alert) {
		snprintf(t, sizeof t, "ALERT: %s", h->conn.words);
		wattrset(w, draw_attr(s->style, ROLE_ERROR) | A_BOLD);
	} else {
		snprintf(t, sizeof t, "Connections: %s", h->conn.words);
	}
	draw_text(w, 2, 1, width - 2, t, a);
	wattrset(w, A_NORMAL);
}

static void heading(const struct scr_monitor *s, WINDOW *w, int width, const char *text,
		    size_t n)
{
	char pos[48];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, LIST_Y - 1, 0, width, text, s->style->ascii);
	wattrset(w, A_NORMAL);
	/* where the cursor is, on the tabs' row (the heading is full) */
	if (n > (size_t)s->list_rows) {
		snprintf(pos, sizeof pos, "%zu of %zu ", s->cursor[s->tab] + 1, n);
		draw_text_right(w, 1, width - 16, 16, pos, s->style->ascii);
	}
}

/* The cursor row: highlighted, and a '>' that reads without attributes. */
static void row_start(const struct scr_monitor *s, WINDOW *w, int y, int width, bool cur)
{
	wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
	mvwhline(w, y, 0, ' ', width);
	mvwaddch(w, y, 0, cur ? '>' : ' ');
}

static void detail(const struct scr_monitor *s, WINDOW *w, int width, const char *text)
{
	draw_wrap(w, s->detail_y, 2, width - 4, s->detail_rows, text, s->style->ascii);
}

static void draw_statements(const struct scr_monitor *s, WINDOW *w, int width)
{
	const struct health *h = s->h;
	bool a = s->style->ascii;
	size_t n = h->nstatements;
	char t[700], m1[32], m2[32], q[512];

	heading(s, w, width, "      mean        max    calls     rows  statement", n);
	if (h->statements_note != NULL) {
		snprintf(t, sizeof t, "No statements to show: %s.", h->statements_note);
		draw_wrap(w, s->list_y, 2, width - 4, s->list_rows, t, a);
		return;
	}
	if (n == 0) {
		draw_text(w, s->list_y, 2, width - 4, "No statements recorded yet.", a);
		return;
	}
	for (int r = 0; r < s->list_rows && s->top[MON_STATEMENTS] + (size_t)r < n; r++) {
		size_t i = s->top[MON_STATEMENTS] + (size_t)r;
		const struct health_statement *x = &h->statements[i];
		int y = s->list_y + r;
		bool cur = i == s->cursor[MON_STATEMENTS];

		row_start(s, w, y, width, cur);
		if (x->slow && !cur)
			wattrset(w, draw_attr(s->style, ROLE_LOW));
		draw_text_right(w, y, 1, 10, health_ms(x->mean_ms, m1, sizeof m1), a);
		draw_text_right(w, y, 12, 10, health_ms(x->max_ms, m2, sizeof m2), a);
		snprintf(t, sizeof t, "%lld", x->calls);
		draw_text_right(w, y, 23, 8, t, a);
		snprintf(t, sizeof t, "%lld", x->rows);
		draw_text_right(w, y, 32, 8, t, a);
		draw_text(w, y, 42, width - 43, health_one_line(x->query, q, sizeof q), a);
		wattrset(w, A_NORMAL);
	}
	{
		const struct health_statement *x = &h->statements[s->cursor[MON_STATEMENTS]];
		snprintf(t, sizeof t, "%s%lld call%s, %s in all: %s",
			 x->slow ? "SLOW (mean over 100 ms). " : "", x->calls, x->calls == 1 ? "" : "s",
			 health_ms(x->total_ms, m1, sizeof m1),
			 health_one_line(x->query, q, sizeof q));
		detail(s, w, width, t);
	}
}

static const char *newest(const char *x, const char *y)
{
	return strcmp(x, y) >= 0 ? x : y;
}

/* "Fri 27 Nov 19:30 (auto)", or "never" */
static void when_text(const char *manual, const char *automatic, char *buf, size_t size)
{
	const char *t = newest(manual, automatic);
	char when[EVENTS_TIME_SIZE];
	time_t at;

	if (!health_time(t, &at)) {
		snprintf(buf, size, "never");
		return;
	}
	snprintf(buf, size, "%s%s", events_format_time(at, when, sizeof when),
		 t == automatic ? " (auto)" : "");
}

static void draw_tables(const struct scr_monitor *s, WINDOW *w, int width)
{
	const struct health *h = s->h;
	bool a = s->style->ascii;
	size_t n = h->ntables;
	char t[400], b1[32], b2[32];

	heading(s, w, width, "  table                     live      dead  dead%    size  bloat~", n);
	if (n == 0) {
		draw_text(w, s->list_y, 2, width - 4, "No tables.", a);
		return;
	}
	for (int r = 0; r < s->list_rows && s->top[MON_TABLES] + (size_t)r < n; r++) {
		size_t i = s->top[MON_TABLES] + (size_t)r;
		const struct health_table *x = &h->tables[i];
		int y = s->list_y + r;
		bool cur = i == s->cursor[MON_TABLES];

		row_start(s, w, y, width, cur);
		if (strcmp(x->schema, "public") == 0)
			snprintf(t, sizeof t, "%s", x->name);
		else
			snprintf(t, sizeof t, "%s.%s", x->schema, x->name);
		draw_text(w, y, 2, 22, t, a);
		snprintf(t, sizeof t, "%lld", x->live);
		draw_text_right(w, y, 25, 9, t, a);
		snprintf(t, sizeof t, "%lld", x->dead);
		draw_text_right(w, y, 35, 9, t, a);
		if (x->dead_percent < 0)
			snprintf(t, sizeof t, "%s", dash(s));
		else
			snprintf(t, sizeof t, "%.1f", x->dead_percent);
		draw_text_right(w, y, 45, 6, t, a);
		draw_text_right(w, y, 52, 8, health_bytes(x->total_bytes, b1, sizeof b1), a);
		draw_text_right(w, y, 61, 8, health_bytes(x->bloat_bytes, b2, sizeof b2), a);
		if (x->needs_vacuum) {
			if (!cur)
				wattrset(w, draw_attr(s->style, ROLE_LOW) | A_BOLD);
			draw_text(w, y, 70, width - 71, "VACUUM", a);
		}
		wattrset(w, A_NORMAL);
	}
	{
		const struct health_table *x = &h->tables[s->cursor[MON_TABLES]];
		char v[64], an[64];

		when_text(x->last_vacuum, x->last_autovacuum, v, sizeof v);
		when_text(x->last_analyze, x->last_autoanalyze, an, sizeof an);
		snprintf(t, sizeof t, "%s.%s: last vacuum %s, last analyze %s.%s", x->schema, x->name, v,
			 an, x->needs_vacuum ? " Over 1000 dead tuples: VACUUM ANALYZE it." : "");
		detail(s, w, width, t);
	}
}

static void draw_connections(const struct scr_monitor *s, WINDOW *w, int width)
{
	const struct health_connections *c = &s->h->conn;
	bool a = s->style->ascii;
	char t[300], d1[32];
	int y = s->list_y, bw = width - 40;

	heading(s, w, width, "  connections of the whole server (max_connections is the server's)", 0);
	snprintf(t, sizeof t, "In use            %d of %d (%.1f%%)", c->total, c->max, c->percent_used);
	if (c->alert)
		wattrset(w, draw_attr(s->style, ROLE_ERROR) | A_BOLD);
	draw_text(w, y, 2, 36, t, a);
	if (c->max > 0 && bw > 4) {
		int used = (int)((long long)c->total * bw / c->max), mark = bw * 4 / 5;
		if (used > bw)
			used = bw;
		for (int i = 0; i < bw; i++)
			mvwaddstr(w, y, 38 + i, i < used ? (a ? "#" : "█")
				  : i == mark ? "|" : (a ? "." : "░"));
	}
	wattrset(w, A_NORMAL);
	if (c->alert) {
		snprintf(t, sizeof t, "ALERT: over 80%% of max_connections.");
		wattrset(w, draw_attr(s->style, ROLE_ERROR) | A_BOLD);
		draw_text(w, y + 1, 2, width - 4, t, a);
		wattrset(w, A_NORMAL);
	} else {
		draw_text(w, y + 1, 2, width - 4, "Under the 80% alert (the | on the bar).", a);
	}
	snprintf(t, sizeof t, "This database     %d", c->this_database);
	draw_text(w, y + 3, 2, width - 4, t, a);
	snprintf(t, sizeof t, "By state          active %d   idle %d   idle in transaction %d   other %d",
		 c->active, c->idle, c->idle_in_transaction, c->other);
	draw_text(w, y + 4, 2, width - 4, t, a);
	snprintf(t, sizeof t, "Waiting on locks  %d", c->waiting_on_locks);
	if (c->waiting_on_locks > 0)
		wattrset(w, draw_attr(s->style, ROLE_LOW));
	draw_text(w, y + 5, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	if (c->longest_transaction_s < 0)
		snprintf(t, sizeof t, "Longest open transaction         none");
	else
		snprintf(t, sizeof t, "Longest open transaction         %s",
			 health_ms(c->longest_transaction_s * 1000, d1, sizeof d1));
	draw_text(w, y + 7, 2, width - 4, t, a);
	if (c->longest_idle_in_transaction_s < 0)
		snprintf(t, sizeof t, "Longest idle in transaction      none");
	else
		snprintf(t, sizeof t, "Longest idle in transaction      %s",
			 health_ms(c->longest_idle_in_transaction_s * 1000, d1, sizeof d1));
	draw_text(w, y + 8, 2, width - 4, t, a);
	detail(s, w, width, "A session idle in a transaction holds its locks and keeps "
	       "VACUUM from cleaning up; each connection is a staff member's terminal "
	       "or a script.");
}

static void draw_indexes(const struct scr_monitor *s, WINDOW *w, int width)
{
	const struct health *h = s->h;
	bool a = s->style->ascii;
	size_t n = h->nindexes, unused = 0;
	char t[400], b1[32];

	for (size_t i = 0; i < n; i++)
		unused += h->indexes[i].unused && !h->indexes[i].keeps_constraint;
	heading(s, w, width, "  index                            table                size     scans",
		n);
	if (n == 0) {
		draw_text(w, s->list_y, 2, width - 4, "No indexes.", a);
		return;
	}
	for (int r = 0; r < s->list_rows && s->top[MON_INDEXES] + (size_t)r < n; r++) {
		size_t i = s->top[MON_INDEXES] + (size_t)r;
		const struct health_index *x = &h->indexes[i];
		int y = s->list_y + r;
		bool cur = i == s->cursor[MON_INDEXES];

		row_start(s, w, y, width, cur);
		draw_text(w, y, 2, 32, x->name, a);
		draw_text(w, y, 35, 18, x->table, a);
		draw_text_right(w, y, 54, 8, health_bytes(x->bytes, b1, sizeof b1), a);
		snprintf(t, sizeof t, "%lld", x->scans);
		draw_text_right(w, y, 63, 9, t, a);
		if (x->unused) {
			if (!cur && !x->keeps_constraint)
				wattrset(w, draw_attr(s->style, ROLE_LOW) | A_BOLD);
			draw_text(w, y, 73, width - 74, x->keeps_constraint ? "unused" : "UNUSED", a);
		}
		wattrset(w, A_NORMAL);
	}
	{
		const struct health_index *x = &h->indexes[s->cursor[MON_INDEXES]];
		snprintf(t, sizeof t, "%s on %s.%s, %s, scanned %lld time%s%s. %zu unused index%s keep%s "
			 "no constraint.", x->name, x->schema, x->table,
			 health_bytes(x->bytes, b1, sizeof b1), x->scans, x->scans == 1 ? "" : "s",
			 !x->unused ? "" : x->keeps_constraint
			 ? ": unused, but it keeps a constraint (primary key or unique): keep it"
			 : ": never used since the statistics were reset, it only slows writes",
			 unused, unused == 1 ? "" : "es", unused == 1 ? "s" : "");
		detail(s, w, width, t);
	}
}

static void draw_help(const struct scr_monitor *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Tab, Right, l     next panel (Shift-Tab, Left, h: back)",
		"1 2 3 4           statements, tables, connections, indexes",
		"Up, Down, j, k    move in the panel; PgUp, PgDn a page",
		"Home, g, End, G   first, last",
		"r, Ctrl-R, F5     read the figures again",
		"Esc, q            back to the events",
		"? or F1           this help",
		"",
		"Statements: slowest mean first (pg_stat_statements),",
		"values shown as $1. Tables: VACUUM over 1000 dead",
		"tuples. Connections: the alert is over 80% of the",
		"server's max_connections.",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: monitoring", lines,
		   (int)(sizeof lines / sizeof lines[0]), 62);
}

void scr_monitor_draw(const struct scr_monitor *s, WINDOW *w)
{
	bool a = s->style->ascii;
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_head(s, w, width);
	if (s->h != NULL) {
		switch (s->tab) {
		case MON_STATEMENTS: draw_statements(s, w, width); break;
		case MON_TABLES: draw_tables(s, w, width); break;
		case MON_CONNECTIONS: draw_connections(s, w, width); break;
		case MON_INDEXES: draw_indexes(s, w, width); break;
		case MON_NTABS: break;
		}
	}
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  a ? " Tab/1-4 panel  j/k move  PgUp/PgDn page  r read again  Esc back  ? help"
		    : " Tab/1-4 panel  ↑↓ move  PgUp/PgDn page  r read again  Esc back  ? help", a);
	wattrset(w, A_NORMAL);
	if (s->help)
		draw_help(s, w, height, width);
}
