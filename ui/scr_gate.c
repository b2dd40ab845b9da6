/* scr_gate: the gate's name, then scans answered in a full-width band. */
#include "scr_gate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CTRL(c) ((c) & 0x1f)

/* After the gate name is known: title, blank, scan box, blank, then the band
 * (a row of edge, five of letters, one of words, a row of edge), a blank,
 * three rows of details, a blank, the list heading and the list. */
#define SCAN_Y 2
#define BAND_Y 4
#define BAND_H 8
#define DETAIL_ROWS 3

enum { PAIR_GATE_OK = 48, PAIR_GATE_WARN, PAIR_GATE_STOP, PAIR_GATE_LOST };

struct key_binding {
	bool is_code;
	wint_t key;
	enum gt_cmd cmd;
};

static const struct key_binding keys[] = {
	{ false, '\r', GT_ENTER }, { false, '\n', GT_ENTER }, { true, KEY_ENTER, GT_ENTER },
	{ false, '\t', GT_ENTER },
	{ false, 27, GT_ESC },
	{ true, KEY_F(1), GT_HELP },
};

/* Formats into dst, cut at a character boundary (names can be long). */
static void say(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *dst, size_t size, const char *fmt, ...)
{
	char tmp[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	draw_copy(dst, size, tmp);
}

/* ---- block letters: 5 rows, '#' is ink ---- */

struct glyph {
	char c;
	const char *rows[5];
};

static const struct glyph font[] = {
	{ 'A', { " ## ", "#  #", "####", "#  #", "#  #" } },
	{ 'B', { "### ", "#  #", "### ", "#  #", "### " } },
	{ 'C', { " ###", "#   ", "#   ", "#   ", " ###" } },
	{ 'D', { "### ", "#  #", "#  #", "#  #", "### " } },
	{ 'E', { "####", "#   ", "### ", "#   ", "####" } },
	{ 'F', { "####", "#   ", "### ", "#   ", "#   " } },
	{ 'G', { " ###", "#   ", "# ##", "#  #", " ###" } },
	{ 'H', { "#  #", "#  #", "####", "#  #", "#  #" } },
	{ 'I', { "###", " # ", " # ", " # ", "###" } },
	{ 'K', { "#  #", "# # ", "##  ", "# # ", "#  #" } },
	{ 'L', { "#   ", "#   ", "#   ", "#   ", "####" } },
	{ 'M', { "#   #", "## ##", "# # #", "#   #", "#   #" } },
	{ 'N', { "#  #", "## #", "# ##", "#  #", "#  #" } },
	{ 'O', { " ## ", "#  #", "#  #", "#  #", " ## " } },
	{ 'P', { "### ", "#  #", "### ", "#   ", "#   " } },
	{ 'R', { "### ", "#  #", "### ", "# # ", "#  #" } },
	{ 'S', { " ###", "#   ", " ## ", "   #", "### " } },
	{ 'T', { "###", " # ", " # ", " # ", " # " } },
	{ 'U', { "#  #", "#  #", "#  #", "#  #", " ## " } },
	{ 'V', { "#   #", "#   #", " # # ", " # # ", "  #  " } },
	{ 'W', { "#   #", "#   #", "# # #", "## ##", "#   #" } },
	{ 'Y', { "#   #", " # # ", "  #  ", "  #  ", "  #  " } },
	{ ' ', { "  ", "  ", "  ", "  ", "  " } },
};

static const struct glyph *glyph_of(char c)
{
	for (size_t i = 0; i < sizeof font / sizeof font[0]; i++)
		if (font[i].c == c)
			return &font[i];
	return NULL;
}

/* Columns the word takes in block letters (one blank between letters). */
static int big_width(const char *word)
{
	int wd = 0;

	for (const char *p = word; *p; p++) {
		const struct glyph *g = glyph_of(*p);
		if (g != NULL)
			wd += (int)strlen(g->rows[0]) + (p[1] != '\0' ? 1 : 0);
	}
	return wd;
}

static void draw_big(WINDOW *w, int y, int x, const char *word, bool ascii, attr_t a)
{
	wattrset(w, a);
	for (const char *p = word; *p; p++) {
		const struct glyph *g = glyph_of(*p);
		int gw;

		if (g == NULL)
			continue;
		gw = (int)strlen(g->rows[0]);
		for (int r = 0; r < 5; r++)
			for (int c = 0; c < gw; c++)
				if (g->rows[r][c] == '#') {
					if (ascii)
						mvwaddch(w, y + r, x + c, '#');
					else
						mvwaddstr(w, y + r, x + c, "█");
				}
		x += gw + 1;
	}
}

/* ---- life cycle ---- */

void scr_gate_colors_init(const struct ui_style *st)
{
	if (!st->color || COLOR_PAIRS <= PAIR_GATE_LOST)
		return;
	init_pair(PAIR_GATE_OK, COLOR_WHITE, COLOR_GREEN);
	init_pair(PAIR_GATE_WARN, COLOR_BLACK, COLOR_YELLOW);
	init_pair(PAIR_GATE_STOP, COLOR_WHITE, COLOR_RED);
	init_pair(PAIR_GATE_LOST, COLOR_WHITE, COLOR_MAGENTA);
}

void scr_gate_init(struct scr_gate *s, const struct ui_style *st, const char *title,
		   const char *event, const char *remembered)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	draw_copy(s->title, sizeof s->title, title);
	draw_copy(s->event, sizeof s->event, event);
	s->naming = true;
	field_init(&s->name, FIELD_SIZE - 1, FIELD_TEXT, st->ascii);
	field_set(&s->name, remembered, true);
	field_init(&s->scan, GATE_TOKEN_MAX, FIELD_TEXT, st->ascii);
}

void scr_gate_start(struct scr_gate *s, const char *gate, int admitted)
{
	draw_copy(s->gate, sizeof s->gate, gate);
	s->naming = false;
	s->admitted = admitted;
	s->show = GT_SHOW_READY;
	field_set(&s->scan, NULL, false);
}

void scr_gate_message(struct scr_gate *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

void scr_gate_set_offline(struct scr_gate *s, bool offline)
{
	s->offline = offline;
}

const char *scr_gate_name_text(const struct scr_gate *s)
{
	return field_text(&s->name);
}

const char *scr_gate_code(const struct scr_gate *s)
{
	return s->code;
}

/* ---- keys ---- */

enum gt_cmd scr_gate_key(const struct scr_gate *s, bool is_code, wint_t key)
{
	if (s->asking_leave && !is_code) {
		if (key == 'y' || key == 'Y')
			return GT_YES;
		if (key == 'n' || key == 'N')
			return GT_NO;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].is_code == is_code && keys[i].key == key)
			return keys[i].cmd;
	if (!is_code && key == '?' && !s->naming && field_text(&s->scan)[0] == '\0')
		return GT_HELP;
	return field_key(is_code, key) != FIELD_OP_NONE ? GT_EDIT : GT_NONE;
}

static bool blank(const char *t)
{
	for (; *t; t++)
		if (*t != ' ' && *t != '\t')
			return false;
	return true;
}

enum gt_cmd scr_gate_do(struct scr_gate *s, enum gt_cmd cmd, bool is_code, wint_t key)
{
	if (s->help) {
		s->help = false;
		/* the help closes; a code being typed carries on into the box */
		if (cmd != GT_EDIT && cmd != GT_ENTER)
			return GT_NONE;
	}
	if (s->asking_leave) {
		if (cmd == GT_YES)
			return GT_LEAVE;
		s->asking_leave = false;
		if (cmd != GT_EDIT && cmd != GT_ENTER)
			return GT_NONE;
	}
	switch (cmd) {
	case GT_EDIT:
		field_edit(s->naming ? &s->name : &s->scan, field_key(is_code, key), key);
		break;
	case GT_ENTER:
		if (s->naming)
			return GT_NAMED;
		if (blank(field_text(&s->scan))) {
			field_set(&s->scan, NULL, false); /* a second Enter (CR LF) is no scan */
			break;
		}
		draw_copy(s->code, sizeof s->code, field_text(&s->scan));
		field_set(&s->scan, NULL, false);
		return GT_SCAN;
	case GT_ESC:
		if (s->naming)
			return GT_BACK;
		if (field_text(&s->scan)[0] != '\0')
			field_set(&s->scan, NULL, false);
		else
			s->asking_leave = true;
		break;
	case GT_HELP:
		s->help = true;
		break;
	default:
		break;
	}
	return GT_NONE;
}

/* ---- answers ---- */

static void local_clock(time_t now, char *buf, size_t size)
{
	struct tm tm;

	buf[0] = '\0';
	if (localtime_r(&now, &tm) == NULL || strftime(buf, size, "%H:%M:%S", &tm) == 0)
		buf[0] = '\0';
}

static const char *sep(const struct scr_gate *s)
{
	return s->style->ascii ? " - " : " · ";
}

static void code_tail(const struct scr_gate *s, const char *code, char *buf, size_t size)
{
	char t[GATE_TOKEN_MAX + 1];
	size_t n;

	if (!gate_normalize(code, t, sizeof t))
		draw_copy(t, sizeof t, code);
	n = strlen(t);
	if (n <= 12)
		say(buf, size, "%s", t);
	else
		say(buf, size, "%s%s", s->style->ascii ? "..." : "…", t + n - 8);
}

/* Seat and tier in one line: "Stalls, row A, seat 12 · Standard". */
static void seat_tier(const struct scr_gate *s, const struct gate_scan *g, char *buf, size_t size)
{
	char seat[600];

	gate_seat_text(g, seat, sizeof seat);
	if (seat[0] != '\0' && g->tier[0] != '\0')
		say(buf, size, "%s%s%s", seat, sep(s), g->tier);
	else
		say(buf, size, "%s%s", seat, g->tier);
}

static void push_recent(struct scr_gate *s, const struct scr_gate_entry *e)
{
	int n = s->nrecent < SCR_GATE_RECENT ? s->nrecent : SCR_GATE_RECENT - 1;

	memmove(&s->recent[1], &s->recent[0], (size_t)n * sizeof s->recent[0]);
	s->recent[0] = *e;
	s->nrecent = n + 1;
}

void scr_gate_result(struct scr_gate *s, const struct gate_scan *scan, time_t now)
{
	struct scr_gate_entry e;
	char st[700];

	s->last = *scan;
	s->show = GT_SHOW_RESULT;
	local_clock(now, s->last_clock, sizeof s->last_clock);
	code_tail(s, s->code, s->last_code, sizeof s->last_code);
	gate_time_text(scan->scanned_at, now, s->last_first, sizeof s->last_first);
	if (scan->result == GATE_ADMITTED)
		s->admitted++;
	memset(&e, 0, sizeof e);
	e.checked = true;
	e.result = scan->result;
	say(e.clock, sizeof e.clock, "%s", s->last_clock);
	seat_tier(s, scan, st, sizeof st);
	switch (scan->result) {
	case GATE_ALREADY_USED:
		if (scan->scanned_gate[0] != '\0')
			say(e.text, sizeof e.text, "first %s at %s", s->last_first, scan->scanned_gate);
		else
			say(e.text, sizeof e.text, "first %s", s->last_first);
		break;
	case GATE_WRONG_EVENT:
		say(e.text, sizeof e.text, "for %s", scan->event_title);
		break;
	case GATE_UNKNOWN:
		say(e.text, sizeof e.text, "code %s", s->last_code);
		break;
	default:
		draw_copy(e.text, sizeof e.text, st);
		break;
	}
	push_recent(s, &e);
}

void scr_gate_not_checked(struct scr_gate *s, const char *code, const char *why, time_t now)
{
	struct scr_gate_entry e;

	s->show = GT_SHOW_NOT_CHECKED;
	local_clock(now, s->last_clock, sizeof s->last_clock);
	code_tail(s, code, s->last_code, sizeof s->last_code);
	draw_copy(s->why, sizeof s->why, why);
	memset(&e, 0, sizeof e);
	e.checked = false;
	say(e.clock, sizeof e.clock, "%s", s->last_clock);
	say(e.text, sizeof e.text, "code %s: scan it again", s->last_code);
	push_recent(s, &e);
}

/* ---- layout ---- */

void scr_gate_recalc(struct scr_gate *s, int height, int width)
{
	(void)width;
	s->band_y = BAND_Y;
	s->band_h = BAND_H;
	s->detail_y = s->band_y + s->band_h + 1;
	s->list_y = s->detail_y + DETAIL_ROWS + 1;
	s->list_rows = height - 2 - (s->list_y + 1);
	if (s->list_rows < 0)
		s->list_rows = 0;
	if (s->list_rows > SCR_GATE_RECENT)
		s->list_rows = SCR_GATE_RECENT;
}

/* ---- drawing ---- */

static bool colours(const struct scr_gate *s)
{
	return s->style->color && COLOR_PAIRS > PAIR_GATE_LOST;
}

static attr_t band_attr(const struct scr_gate *s, int pair)
{
	return colours(s) ? (attr_t)COLOR_PAIR(pair) | A_BOLD : A_REVERSE | A_BOLD;
}

static void draw_title(const struct scr_gate *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	char t[700], r[160];
	int rw = 0;

	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	if (!s->naming) {
		say(r, sizeof r, "admitted here: %d ", s->admitted);
		rw = draw_width(r, a);
		draw_text_right(w, 0, width - rw, rw, r, a);
		say(t, sizeof t, " Gate %s%s%s", s->gate, sep(s), s->title);
	} else {
		say(t, sizeof t, " Gate mode%s%s", sep(s), s->title);
	}
	draw_text(w, 0, 0, width - rw, t, a);
	wattrset(w, A_NORMAL);
}

static void draw_naming(const struct scr_gate *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	int fw = width - 12 < 50 ? width - 12 : 50;

	wattrset(w, A_BOLD);
	draw_text(w, 2, 2, width - 4, "Which gate is this?", a);
	wattrset(w, A_NORMAL);
	draw_wrap(w, 4, 2, width - 4, 2,
		  "Its name is recorded with every scan, and shown when a ticket comes back "
		  "(for example North, Door 2, VIP).", a);
	draw_text(w, 7, 2, 6, "Gate:", a);
	field_draw(&s->name, w, 7, 9, fw, true);
	draw_text(w, 9, 2, width - 4, "Enter: start scanning    Esc: back to the events", a);
}

/* The band: edges (STOP along them for every refusal), the word in block
 * letters, and a line of words that says the same for anyone reading text. */
static void draw_band(const struct scr_gate *s, WINDOW *w, int width, const char *big,
		      const char *words, int pair, bool stop)
{
	attr_t a = band_attr(s, pair);
	int y = s->band_y, bw = big_width(big);

	wattrset(w, a);
	for (int r = 0; r < s->band_h; r++)
		mvwhline(w, y + r, 0, ' ', width);
	if (stop) {
		char edge[512] = "";
		size_t n = 0;
		while (n + 8 < sizeof edge && (int)n < width) {
			memcpy(edge + n, "  STOP  ", 8);
			n += 8;
		}
		edge[n] = '\0';
		draw_text(w, y, 0, width, edge, true);
		draw_text(w, y + s->band_h - 1, 0, width, edge, true);
	}
	if (bw <= width - 2)
		draw_big(w, y + 1, (width - bw) / 2, big, s->style->ascii, a);
	else
		draw_text(w, y + 3, 2, width - 4, big, s->style->ascii);
	wattrset(w, a);
	{
		int tw = draw_width(words, s->style->ascii);
		if (tw > width - 2)
			tw = width - 2;
		draw_text(w, y + 6, (width - tw) / 2, tw, words, s->style->ascii);
	}
	wattrset(w, A_NORMAL);
}

static int result_pair(enum gate_result r)
{
	switch (r) {
	case GATE_ADMITTED: return PAIR_GATE_OK;
	case GATE_ALREADY_USED: return PAIR_GATE_WARN;
	default: return PAIR_GATE_STOP;
	}
}

/* The band's words and the details under it. */
static void texts(const struct scr_gate *s, char *words, size_t wsize, char d[DETAIL_ROWS][700])
{
	const struct gate_scan *g = &s->last;
	const char *title = gate_result_title(g->result);
	char st[700];

	for (int i = 0; i < DETAIL_ROWS; i++)
		d[i][0] = '\0';
	seat_tier(s, g, st, sizeof st);
	switch (g->result) {
	case GATE_ADMITTED:
		say(words, wsize, "%s: %s", title, st);
		say(d[0], 700, "Let them in. Admitted at %s.", s->last_clock);
		if (g->attendee[0] != '\0')
			say(d[1], 700, "Attendee: %s", g->attendee);
		break;
	case GATE_ALREADY_USED:
		if (g->scanned_gate[0] != '\0')
			say(d[0], 700, "Do not admit: first scanned %s at gate %s%s.", s->last_first,
				 g->scanned_gate, strcmp(g->scanned_gate, s->gate) == 0 ? " (this gate)" : "");
		else if (s->last_first[0] != '\0')
			say(d[0], 700, "Do not admit: first scanned %s.", s->last_first);
		else
			say(d[0], 700, "Do not admit: this ticket was used before.");
		say(words, wsize, "%s: first %s%s%s", title, s->last_first,
			 g->scanned_gate[0] ? " at " : "", g->scanned_gate);
		say(d[1], 700, "Ticket: %s", st);
		if (g->attendee[0] != '\0')
			say(d[2], 700, "Attendee: %s", g->attendee);
		break;
	case GATE_CANCELLED:
		say(words, wsize, "%s: do not admit", title);
		say(d[0], 700, "This ticket was cancelled. Send the attendee to the help desk.");
		say(d[1], 700, "Ticket: %s", st);
		if (g->attendee[0] != '\0')
			say(d[2], 700, "Attendee: %s", g->attendee);
		break;
	case GATE_WRONG_EVENT:
		say(words, wsize, "%s: this ticket is for %s", title, g->event_title);
		say(d[0], 700, "This ticket is for %s.", g->event_title);
		say(d[1], 700, "This gate scans %s. Ticket: %s", s->event, st);
		if (g->attendee[0] != '\0')
			say(d[2], 700, "Attendee: %s", g->attendee);
		break;
	case GATE_UNKNOWN:
		say(words, wsize, "%s: no ticket has this code", title);
		say(d[0], 700, "Not one of our codes, mistyped, or replaced by a reprint.");
		say(d[1], 700, "Send the attendee to the help desk. Code scanned: %s", s->last_code);
		break;
	}
}

static void draw_details(const struct scr_gate *s, WINDOW *w, int width, char d[DETAIL_ROWS][700])
{
	for (int i = 0; i < DETAIL_ROWS; i++) {
		wattrset(w, i == 0 ? A_BOLD : A_NORMAL);
		draw_text(w, s->detail_y + i, 2, width - 4, d[i], s->style->ascii);
	}
	wattrset(w, A_NORMAL);
}

static void draw_answer(const struct scr_gate *s, WINDOW *w, int width)
{
	char words[800], d[DETAIL_ROWS][700];
	bool a = s->style->ascii;

	memset(d, 0, sizeof d);
	if (s->offline) {
		draw_band(s, w, width, "NO CONNECTION",
			  "NO CONNECTION: scans are NOT checked until it is back", PAIR_GATE_LOST, true);
		say(d[0], 700, "The connection to the database is lost; reconnecting.");
		say(d[1], 700, "Nothing scanned now is checked. Hold people until it is back.");
		if (s->show == GT_SHOW_NOT_CHECKED)
			say(d[2], 700, "The scan of %s at %s was NOT checked: scan it again.",
				 s->last_code, s->last_clock);
		draw_details(s, w, width, d);
		return;
	}
	switch (s->show) {
	case GT_SHOW_READY:
		wattrset(w, A_BOLD);
		draw_text(w, s->band_y + 3, 2, width - 4, "Ready: scan a ticket.", a);
		wattrset(w, A_NORMAL);
		draw_text(w, s->band_y + 4, 2, width - 4,
			  "Each answer shows here at once; the box above is ready for the next scan.", a);
		return;
	case GT_SHOW_NOT_CHECKED:
		draw_band(s, w, width, "NOT CHECKED", "NOT CHECKED: scan this ticket again",
			  PAIR_GATE_LOST, true);
		say(d[0], 700, "This scan (%s at %s) was not checked: scan it again.", s->last_code,
			 s->last_clock);
		draw_wrap(w, s->detail_y + 1, 2, width - 4, 2, s->why, a);
		wattrset(w, A_BOLD);
		draw_text(w, s->detail_y, 2, width - 4, d[0], a);
		wattrset(w, A_NORMAL);
		return;
	case GT_SHOW_RESULT:
		texts(s, words, sizeof words, d);
		draw_band(s, w, width, gate_result_title(s->last.result), words,
			  result_pair(s->last.result), s->last.result != GATE_ADMITTED);
		draw_details(s, w, width, d);
		return;
	}
}

static void draw_list(const struct scr_gate *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	char t[500];

	if (s->list_rows <= 0)
		return;
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	say(t, sizeof t, "Last scans at %s", s->gate);
	draw_text(w, s->list_y, 1, width - 2, t, a);
	wattrset(w, A_NORMAL);
	if (s->nrecent == 0)
		draw_text(w, s->list_y + 1, 2, width - 4, "None yet.", a);
	for (int i = 0; i < s->nrecent && i < s->list_rows; i++) {
		const struct scr_gate_entry *e = &s->recent[i];
		int y = s->list_y + 1 + i;
		bool ok = e->checked && e->result == GATE_ADMITTED;

		draw_text(w, y, 2, 9, e->clock, a);
		wattrset(w, ok ? A_NORMAL : draw_attr(s->style, ROLE_ERROR));
		draw_text(w, y, 12, 16, e->checked ? gate_result_title(e->result) : "NOT CHECKED", a);
		wattrset(w, A_NORMAL);
		draw_text(w, y, 29, width - 31, e->text, a);
	}
}

static void draw_help(const struct scr_gate *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Scan a ticket: the scanner types its code and Enter.",
		"A code can be typed too: type it, then Enter.",
		"Each answer shows at once; the box is ready for the",
		"next scan straight away.",
		"",
		"Backspace, Ctrl-U  correct or clear what was typed",
		"Esc                clear the box; when empty, leave",
		"F1, ? (box empty)  this help",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: gate", lines,
		   (int)(sizeof lines / sizeof lines[0]), 60);
}

static void draw_leave(const struct scr_gate *s, WINDOW *w, int height, int width)
{
	char q[400];
	const char *lines[] = { q, "", "y: leave    n, Esc: keep scanning" };

	say(q, sizeof q, "Leave gate mode at %s?", s->gate);
	draw_panel(w, s->style, height, width, NULL, lines, 3, 50);
}

void scr_gate_draw(const struct scr_gate *s, WINDOW *w)
{
	bool a = s->style->ascii;
	int height, width, x;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_title(s, w, width);
	if (s->naming) {
		draw_naming(s, w, width);
	} else {
		draw_answer(s, w, width);
		draw_list(s, w, width);
		wattrset(w, A_BOLD);
		draw_text(w, SCAN_Y, 1, 15, "Scan a ticket:", a);
		wattrset(w, A_NORMAL);
		x = 16;
		field_draw(&s->scan, w, SCAN_Y, x, width - x - 2, !s->help && !s->asking_leave);
	}
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  s->naming ? " type the gate's name  Enter start scanning  Esc back  F1 help"
			    : " scan or type a code + Enter  Ctrl-U clear  Esc leave  F1 help", a);
	wattrset(w, A_NORMAL);
	if (s->help)
		draw_help(s, w, height, width);
	else if (s->asking_leave)
		draw_leave(s, w, height, width);
}
