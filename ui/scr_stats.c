/* scr_stats: one event's statistics — totals, sections, hours, payments. */
#include "scr_stats.h"

#include "money.h"
#include "shift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CTRL(c) ((c) & 0x1f)

/* Rows: title, two of totals, then the sections heading; status and keys at
 * the bottom. The hours take a blank, a heading, the chart and its axis. */
#define SEC_HEAD_Y 3
#define HOURS_ROWS 4
#define PAY_MAX 4

struct key_binding {
	bool is_code;
	wint_t key;
	enum st_cmd cmd;
};

static const struct key_binding keys[] = {
	{ false, 'R', ST_REFRESH }, { false, 'r', ST_REFRESH }, { false, CTRL('r'), ST_REFRESH },
	{ true, KEY_F(5), ST_REFRESH },
	{ false, 27, ST_BACK }, { false, 'q', ST_BACK },
	{ false, '?', ST_HELP }, { true, KEY_F(1), ST_HELP },
};

void scr_stats_init(struct scr_stats *s, const struct ui_style *st, const char *title,
		    bool can_refresh)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->title, sizeof s->title, "%s", title != NULL ? title : "");
	s->can_refresh = can_refresh;
}

void scr_stats_set(struct scr_stats *s, const struct stats *st)
{
	s->st = st;
}

void scr_stats_message(struct scr_stats *s, const char *msg, bool error)
{
	snprintf(s->status, sizeof s->status, "%s", msg != NULL ? msg : "");
	s->status_error = error;
}

enum st_cmd scr_stats_key(const struct scr_stats *s, bool is_code, wint_t key)
{
	if (s->help)
		return ST_CANCEL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].is_code == is_code && keys[i].key == key)
			return keys[i].cmd;
	return ST_NONE;
}

enum st_cmd scr_stats_do(struct scr_stats *s, enum st_cmd cmd)
{
	switch (cmd) {
	case ST_HELP: s->help = true; break;
	case ST_CANCEL: s->help = false; break;
	case ST_REFRESH: case ST_BACK: return cmd;
	case ST_NONE: break;
	}
	return ST_NONE;
}

/* ---- time ---- */

static bool parse_utc(const char *utc, time_t *out)
{
	struct tm tm;

	if (utc == NULL || utc[0] == '\0')
		return false;
	memset(&tm, 0, sizeof tm);
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return *out != (time_t)-1;
}

static char *local_text(time_t t, const char *fmt, char *buf, size_t size)
{
	struct tm tm;

	buf[0] = '\0';
	if (localtime_r(&t, &tm) == NULL || strftime(buf, size, fmt, &tm) == 0)
		buf[0] = '\0';
	return buf;
}

char *scr_stats_clock(const char *utc, char *buf, size_t size)
{
	time_t t;

	if (!parse_utc(utc, &t)) {
		if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	return local_text(t, "%H:%M:%S", buf, size);
}

/* ---- layout ---- */

void scr_stats_recalc(struct scr_stats *s, int height, int width)
{
	const struct stats *st = s->st;
	int avail, want_pay, want_sec;

	(void)width;
	/* rows from the first section row to the last row above the status */
	avail = height - 2 - (SEC_HEAD_Y + 1);
	if (st != NULL && st->have_shifts)
		avail--; /* the cash drawers' line above the status */
	want_sec = st != NULL && st->nsections > 0 ? (int)st->nsections : 1;
	if (st == NULL || !st->have_breakdown || st->npayments == 0)
		want_pay = 1;
	else
		want_pay = (int)st->npayments;
	s->pay_rows = want_pay < PAY_MAX ? want_pay : PAY_MAX;
	s->sec_rows = avail - HOURS_ROWS - 2 - s->pay_rows; /* blank + heading before payments */
	if (s->sec_rows > want_sec) {
		/* room to spare: more payment rows */
		int spare = s->sec_rows - want_sec;
		s->sec_rows = want_sec;
		if (want_pay > s->pay_rows)
			s->pay_rows += want_pay - s->pay_rows < spare ? want_pay - s->pay_rows : spare;
	}
	if (s->sec_rows < 1)
		s->sec_rows = 1;
	s->sec_y = SEC_HEAD_Y + 1;
	s->hours_y = s->sec_y + s->sec_rows;          /* the blank row above the heading */
	s->pay_y = s->hours_y + HOURS_ROWS + 1;       /* after a blank: the heading */
}

/* ---- drawing ---- */

static void draw_head(const struct scr_stats *s, WINDOW *w, int width)
{
	const struct stats *st = s->st;
	bool a = s->style->ascii;
	char t[400], clock[32], m1[32], m2[32], m3[32];
	int rw;

	if (st != NULL && st->as_of[0] != '\0')
		snprintf(t, sizeof t, "as of %s ", scr_stats_clock(st->as_of, clock, sizeof clock));
	else
		snprintf(t, sizeof t, "never refreshed ");
	rw = draw_width(t, a);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text_right(w, 0, width - rw, rw, t, a);
	snprintf(t, sizeof t, " Statistics %s %s", a ? "-" : "—", s->title);
	draw_text(w, 0, 0, width - rw - 1, t, a);
	mvwaddch(w, 0, width - rw - 1, ' ');
	wattrset(w, A_NORMAL);
	if (st == NULL) {
		draw_text(w, 1, 2, width - 4, "No figures loaded.", a);
		return;
	}
	if (!st->have_totals)
		snprintf(t, sizeof t, "No totals yet: the event is newer than the last refresh.");
	else if (st->have_admissions)
		snprintf(t, sizeof t, "Orders %d   Tickets sold %d   Scanned in %d of %d", st->orders,
			 st->tickets_sold, st->scanned, st->tickets_live);
	else
		snprintf(t, sizeof t, "Orders %d   Tickets sold %d   Scanned in %s", st->orders,
			 st->tickets_sold, a ? "-" : "—");
	wattrset(w, A_BOLD);
	draw_text(w, 1, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	snprintf(t, sizeof t, "Gross %s   Fees %s   Net %s", money_show(st->gross, m1, sizeof m1),
		 money_show(st->fees, m2, sizeof m2), money_show(st->net, m3, sizeof m3));
	draw_text(w, 2, 2, width - 4, t, a);
}

/* Cells of bw for count of capacity: at least one for any count at all. */
static int cells(int count, int capacity, int bw)
{
	int n = (int)(((long long)count * bw + capacity / 2) / capacity);

	return n == 0 && count > 0 ? 1 : n;
}

/* Sold, held (a sale in progress), off sale (killed) and free, left to right. */
static void draw_bar(const struct scr_stats *s, WINDOW *w, int y, int x, int bw,
		     const struct stats_section *c)
{
	bool a = s->style->ascii;
	int sold = 0, held = 0, off = 0;

	if (c->capacity > 0) {
		sold = cells(c->sold, c->capacity, bw);
		held = cells(c->held, c->capacity, bw);
		off = cells(c->killed, c->capacity, bw);
		if (sold > bw)
			sold = bw;
		if (sold + held > bw)
			held = bw - sold;
		if (sold + held + off > bw)
			off = bw - sold - held;
	}
	for (int i = 0; i < bw; i++) {
		const char *g = i < sold ? (a ? "#" : "█") : i < sold + held ? (a ? "+" : "▒")
			      : i < sold + held + off ? (a ? "x" : "▓")
			      : c->capacity > 0 ? (a ? "." : "░") : " ";
		mvwaddstr(w, y, x + i, g);
	}
}

static void draw_sections(const struct scr_stats *s, WINDOW *w, int width)
{
	const struct stats *st = s->st;
	bool a = s->style->ascii;
	size_t n = st != NULL ? st->nsections : 0, shown = n;
	bool any_off = false;
	char t[200];

	for (size_t i = 0; i < n; i++)
		any_off = any_off || st->sections[i].killed > 0;
	/* off-sale seats get their own figure only where there are any: the room for it
	 * comes out of the bars */
	int bar_x = 21, text_w = any_off ? 40 : 33, bw = width - bar_x - text_w - 1;

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, SEC_HEAD_Y, 1, width - 2, "Sections (live)", a);
	draw_text_right(w, SEC_HEAD_Y, width - 38, 37,
			any_off ? (a ? "# sold  + held  x off sale  . free" : "█ sold  ▒ held  ▓ off sale  ░ free")
				: (a ? "# sold  + held  . free" : "█ sold  ▒ held  ░ free"), a);
	wattrset(w, A_NORMAL);
	if (n == 0) {
		draw_text(w, s->sec_y, 2, width - 4, "No sections on sale.", a);
		return;
	}
	if (n > (size_t)s->sec_rows)
		shown = (size_t)s->sec_rows - 1;
	for (size_t i = 0; i < shown; i++) {
		const struct stats_section *c = &st->sections[i];
		int y = s->sec_y + (int)i;

		draw_text(w, y, 1, 16, c->name != NULL ? c->name : "", a);
		draw_text(w, y, 18, 2, c->general ? "GA" : "", a);
		draw_bar(s, w, y, bar_x, bw, c);
		if (c->killed > 0)
			snprintf(t, sizeof t, "%d sold %d held %d off %d free /%d", c->sold, c->held,
				 c->killed, c->free, c->capacity);
		else
			snprintf(t, sizeof t, "%d sold %d held %d free /%d", c->sold, c->held, c->free,
				 c->capacity);
		if (c->capacity > 0 && c->free * 10 < c->capacity)
			wattrset(w, draw_attr(s->style, ROLE_LOW));
		draw_text_right(w, y, width - text_w, text_w - 1, t, a);
		wattrset(w, A_NORMAL);
	}
	if (shown < n) {
		snprintf(t, sizeof t, "+%zu more section%s", n - shown, n - shown == 1 ? "" : "s");
		draw_text(w, s->sec_y + (int)shown, 1, width - 2, t, a);
	}
}

static void draw_hours(const struct scr_stats *s, WINDOW *w, int width)
{
	static const char *const spark[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char ascii_spark[] = ".:-=+*#%@";
	const struct stats *st = s->st;
	bool a = s->style->ascii;
	int y = s->hours_y + 1, cw = width - 4, levels = a ? 9 : 8;
	time_t first, last, peak_t = 0;
	long span, from, per;
	int total = 0, peak = 0;
	int *v;
	char t[300], l1[32], l2[32];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	if (st == NULL || st->nhours == 0 || !parse_utc(st->hours[0].hour, &first) ||
	    !parse_utc(st->hours[st->nhours - 1].hour, &last) || last < first) {
		draw_text(w, y, 1, width - 2, "Sales per hour", a);
		wattrset(w, A_NORMAL);
		draw_text(w, y + 1, 2, width - 4, "No sales yet.", a);
		return;
	}
	span = (long)((last - first) / 3600) + 1;
	from = span > cw ? span - cw : 0; /* the newest hours that fit */
	per = (span - from) * 2 <= cw ? 2 : 1;
	v = calloc((size_t)span, sizeof *v);
	if (v == NULL) {
		wattrset(w, A_NORMAL);
		return;
	}
	for (size_t i = 0; i < st->nhours; i++) {
		time_t h;
		long k;
		if (!parse_utc(st->hours[i].hour, &h) || h < first)
			continue;
		k = (long)((h - first) / 3600);
		if (k >= span)
			continue;
		v[k] += st->hours[i].tickets;
		total += st->hours[i].tickets;
		if (v[k] > peak) {
			peak = v[k];
			peak_t = h;
		}
	}
	snprintf(t, sizeof t, "Sales per hour: %d ticket%s in %ld hour%s, peak %d at %s", total,
		 total == 1 ? "" : "s", span, span == 1 ? "" : "s", peak,
		 local_text(peak_t, "%a %d %b %H:00", l1, sizeof l1));
	if (from > 0) {
		size_t len = strlen(t);
		snprintf(t + len, sizeof t - len, " (+%ld earlier hour%s)", from, from == 1 ? "" : "s");
	}
	draw_text(w, y, 1, width - 2, t, a);
	wattrset(w, A_NORMAL);
	mvwhline(w, y + 1, 0, ' ', width);
	for (long k = from; k < span; k++) {
		int x = 2 + (int)((k - from) * per);
		int lv;
		if (v[k] <= 0 || peak <= 0)
			continue;
		lv = (int)(((long long)v[k] * levels + peak - 1) / peak) - 1;
		if (lv < 0)
			lv = 0;
		if (lv >= levels)
			lv = levels - 1;
		for (long r = 0; r < per; r++) {
			if (a)
				mvwaddch(w, y + 1, x + (int)r, (chtype)ascii_spark[lv]);
			else
				mvwaddstr(w, y + 1, x + (int)r, spark[lv]);
		}
	}
	local_text(first + (time_t)from * 3600, "%a %d %b %H:00", l1, sizeof l1);
	local_text(last, "%H:00", l2, sizeof l2);
	draw_text(w, y + 2, 2, width - 4, l1, a);
	{
		int end = 2 + (int)((span - from) * per); /* just past the last column */
		int lw = draw_width(l2, a);
		int x = end - lw;
		if (x > 2 + draw_width(l1, a) + 1)
			draw_text(w, y + 2, x, lw, l2, a);
	}
	free(v);
}

static void draw_payments(const struct scr_stats *s, WINDOW *w, int width)
{
	const struct stats *st = s->st;
	bool a = s->style->ascii;
	int y = s->pay_y;
	int64_t by[4] = { 0, 0, 0, 0 };
	/* EXCHANGE: what exchanged tickets were worth, paying for their replacements */
	static const char *const methods[] = { "CASH", "CARD", "COMP", "EXCHANGE" };
	char t[400], m[32];
	size_t n, shown, len;

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	if (st == NULL || !st->have_breakdown) {
		draw_text(w, y, 1, width - 2, "Payments", a);
		wattrset(w, A_NORMAL);
		draw_text(w, y + 1, 2, width - 4,
			  "By method and by clerk: not shown to your role.", a);
		return;
	}
	n = st->npayments;
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			if (strcmp(st->payments[i].method, methods[k]) == 0)
				by[k] += st->payments[i].amount;
	len = (size_t)snprintf(t, sizeof t, "Payments:");
	for (int k = 0; k < (by[3] != 0 ? 4 : 3) && len < sizeof t; k++)
		len += (size_t)snprintf(t + len, sizeof t - len, "  %s %s", methods[k],
					money_show(by[k], m, sizeof m));
	draw_text(w, y, 1, width - 2, t, a);
	wattrset(w, A_NORMAL);
	if (n == 0) {
		draw_text(w, y + 1, 2, width - 4, "No payments yet.", a);
		return;
	}
	shown = n > (size_t)s->pay_rows ? (size_t)s->pay_rows - 1 : n;
	for (size_t i = 0; i < shown; i++) {
		const struct stats_payments *p = &st->payments[i];
		int yy = y + 1 + (int)i;

		draw_text(w, yy, 2, 8, p->method, a);
		draw_text(w, yy, 11, 21, p->clerk != NULL ? p->clerk : "", a);
		snprintf(t, sizeof t, "%d order%s", p->orders, p->orders == 1 ? "" : "s");
		draw_text_right(w, yy, 33, 12, t, a);
		draw_text_right(w, yy, 46, 16, money_show(p->amount, m, sizeof m), a);
	}
	if (shown < n) {
		snprintf(t, sizeof t, "+%zu more", n - shown);
		draw_text(w, y + 1 + (int)shown, 2, width - 4, t, a);
	}
}

/* Supervisors: the organisation's cash drawers in one line, a variance in
 * the error colour (and signed, so it shows without colour too). */
static void draw_shifts(const struct scr_stats *s, WINDOW *w, int y, int width)
{
	const struct stats *st = s->st;
	char t[200], v[40];
	int x;

	if (st == NULL || !st->have_shifts)
		return;
	snprintf(t, sizeof t, "Cash drawers: %d open, %d awaiting sign-off, cash variance today ",
		 st->shifts_open, st->shifts_awaiting);
	wattrset(w, A_NORMAL);
	draw_text(w, y, 1, width - 2, t, s->style->ascii);
	x = 1 + draw_width(t, s->style->ascii);
	shift_variance_show(st->shifts_variance_today, v, sizeof v);
	if (st->shifts_variance_today != 0)
		wattrset(w, draw_attr(s->style, ROLE_ERROR));
	if (x + draw_width(v, true) < width - 1)
		draw_text(w, y, x, draw_width(v, true), v, s->style->ascii);
	wattrset(w, A_NORMAL);
}

static void draw_help(const struct scr_stats *s, WINDOW *w, int height, int width)
{
	static const char *const sup[] = {
		"R, r, Ctrl-R, F5  refresh the figures and re-read",
		"Esc, q            back to the events",
		"? or F1           this help",
		"",
		"Sections are live: they follow every sale.",
		"Totals, hours and payments are as of the",
		"time in the title.",
		"",
		"Any key closes this help.",
	};
	static const char *const other[] = {
		"R, r, Ctrl-R, F5  read the figures again",
		"Esc, q            back to the events",
		"? or F1           this help",
		"",
		"Sections are live: they follow every sale.",
		"Totals, hours and payments are as of the",
		"time in the title (a supervisor refreshes them).",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: statistics", s->can_refresh ? sup : other,
		   (int)(sizeof sup / sizeof sup[0]), 56);
}

void scr_stats_draw(const struct scr_stats *s, WINDOW *w)
{
	bool a = s->style->ascii;
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_head(s, w, width);
	draw_sections(s, w, width);
	draw_hours(s, w, width);
	draw_payments(s, w, width);
	draw_shifts(s, w, height - 3, width);
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  s->can_refresh ? " R refresh  Esc back  ? help" : " R read again  Esc back  ? help", a);
	wattrset(w, A_NORMAL);
	if (s->help)
		draw_help(s, w, height, width);
}
