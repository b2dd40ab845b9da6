/* scr_shift: the login's shift, the blind count, and the supervisors' list
 * and reports. */
#include "scr_shift.h"

#include "events.h"
#include "money.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Rows of the main view: the login's shift under its heading, then the
 * organisation's shifts (heading, column names, rows down to the status). */
#define MINE_Y 2
#define LIST_HEAD_Y 8
#define LIST_Y 10
/* The float field, after its label */
#define FLOAT_X 39
#define FLOAT_W 12

struct key_binding {
	bool is_code;
	wint_t key;
	enum sh_cmd cmd;
};

static const struct key_binding keys_list[] = {
	{ true, KEY_UP, SH_UP }, { false, 'k', SH_UP },
	{ true, KEY_DOWN, SH_DOWN }, { false, 'j', SH_DOWN },
	{ true, KEY_PPAGE, SH_PAGE_UP }, { true, KEY_NPAGE, SH_PAGE_DOWN },
	{ false, 'g', SH_HOME }, { true, KEY_HOME, SH_HOME },
	{ false, 'G', SH_END }, { true, KEY_END, SH_END },
	{ false, '\t', SH_FOCUS }, { true, KEY_BTAB, SH_FOCUS },
	{ true, KEY_ENTER, SH_ENTER }, { false, '\r', SH_ENTER }, { false, '\n', SH_ENTER },
	{ false, 'c', SH_COUNT }, { false, 'C', SH_COUNT },
	{ false, 'r', SH_RELOAD }, { false, 'R', SH_RELOAD }, { true, KEY_F(5), SH_RELOAD },
	{ false, 27, SH_BACK }, { false, 'q', SH_BACK },
	{ false, '?', SH_HELP }, { true, KEY_F(1), SH_HELP },
};

/* The float field has the keys: only what an amount cannot hold is a command. */
static const struct key_binding keys_float[] = {
	{ true, KEY_DOWN, SH_DOWN },
	{ false, '\t', SH_FOCUS }, { true, KEY_BTAB, SH_FOCUS },
	{ true, KEY_ENTER, SH_ENTER }, { false, '\r', SH_ENTER }, { false, '\n', SH_ENTER },
	{ true, KEY_F(5), SH_RELOAD },
	{ false, 27, SH_BACK },
	{ false, '?', SH_HELP }, { true, KEY_F(1), SH_HELP },
};

static const struct key_binding keys_count[] = {
	{ false, '\t', SH_NEXT_FIELD }, { true, KEY_DOWN, SH_NEXT_FIELD },
	{ true, KEY_BTAB, SH_PREV_FIELD }, { true, KEY_UP, SH_PREV_FIELD },
	{ true, KEY_ENTER, SH_ENTER }, { false, '\r', SH_ENTER }, { false, '\n', SH_ENTER },
	{ false, 27, SH_CANCEL }, { true, KEY_F(1), SH_HELP },
};

static const struct key_binding keys_confirm[] = {
	{ false, 'y', SH_YES }, { false, 'Y', SH_YES },
	{ false, 'n', SH_CANCEL }, { false, 'N', SH_CANCEL }, { false, 27, SH_CANCEL },
};

static const struct key_binding keys_report[] = {
	{ false, 's', SH_NOTE }, { false, 'S', SH_NOTE },
	{ false, 'p', SH_PRINT }, { false, 'P', SH_PRINT },
	{ false, 'r', SH_RELOAD }, { false, 'R', SH_RELOAD }, { true, KEY_F(5), SH_RELOAD },
	{ false, 27, SH_CANCEL }, { false, 'q', SH_CANCEL }, { true, KEY_LEFT, SH_CANCEL },
	{ false, '?', SH_HELP }, { true, KEY_F(1), SH_HELP },
};

static const struct key_binding keys_note[] = {
	{ true, KEY_ENTER, SH_ENTER }, { false, '\r', SH_ENTER }, { false, '\n', SH_ENTER },
	{ false, 27, SH_CANCEL }, { true, KEY_F(1), SH_HELP },
};

#define LOOKUP(t, c, k) lookup((t), sizeof(t) / sizeof((t)[0]), (c), (k))

static enum sh_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return SH_NONE;
}

static size_t list_n(const struct scr_shift *s)
{
	return s->list != NULL ? s->list->n : 0;
}

/* The float field is there: a drawer and no shift open. */
static bool float_field(const struct scr_shift *s)
{
	return s->can_drawer && !s->mine.open;
}

/* Where the focus is, given what there is: focus is only a preference
 * (supervisors start on the list), kept while the list or the field come and
 * go as they are read again. */
static enum sh_focus focus_of(const struct scr_shift *s)
{
	if (!s->supervisor || list_n(s) == 0)
		return SHF_MINE;
	if (!float_field(s))
		return SHF_LIST;
	return s->focus;
}

void scr_shift_init(struct scr_shift *s, const struct ui_style *st, const char *title,
		    bool can_drawer, bool supervisor)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	draw_copy(s->title, sizeof s->title, title);
	s->can_drawer = can_drawer;
	s->supervisor = supervisor;
	s->focus = SHF_LIST;
	field_init(&s->fl, 16, FIELD_AMOUNT, st->ascii);
	field_init(&s->cash, 16, FIELD_AMOUNT, st->ascii);
	field_init(&s->card, 16, FIELD_AMOUNT, st->ascii);
	field_init(&s->note, FIELD_SIZE - 1, FIELD_TEXT, st->ascii);
}

void scr_shift_set_mine(struct scr_shift *s, const struct shift_mine *m)
{
	bool was_open = s->mine.open;

	if (m != NULL)
		s->mine = *m;
	else
		memset(&s->mine, 0, sizeof s->mine);
	if (s->mine.open) {
		s->closed_shown = false; /* a new shift: the last one's words are old news */
		s->focus = SHF_LIST;     /* the field did its job: back to the list */
	}
	if (was_open != s->mine.open)
		field_set(&s->fl, NULL, false);
}

void scr_shift_set_closed(struct scr_shift *s, const struct shift_closed *c)
{
	s->closed = *c;
	s->closed_shown = true;
	s->mode = SHM_MAIN;
	field_set(&s->cash, NULL, false);
	field_set(&s->card, NULL, false);
}

void scr_shift_set_list(struct scr_shift *s, const struct shift_list *l)
{
	const struct shift_row *was = scr_shift_selected(s);
	char id[SHIFT_ID_SIZE] = "";

	if (was != NULL)
		snprintf(id, sizeof id, "%s", was->id);
	s->list = l;
	s->cursor = 0;
	for (size_t i = 0; id[0] != '\0' && i < list_n(s); i++)
		if (strcmp(l->v[i].id, id) == 0)
			s->cursor = i;
}

void scr_shift_set_report(struct scr_shift *s, const struct shift_report *r)
{
	s->report = r;
	if (r == NULL && (s->mode == SHM_REPORT || s->mode == SHM_NOTE))
		s->mode = SHM_MAIN;
	else if (r != NULL && s->mode != SHM_NOTE)
		s->mode = SHM_REPORT;
}

void scr_shift_signed(struct scr_shift *s)
{
	if (s->mode == SHM_NOTE)
		s->mode = s->report != NULL ? SHM_REPORT : SHM_MAIN;
	field_set(&s->note, NULL, false);
}

void scr_shift_message(struct scr_shift *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

enum sh_cmd scr_shift_key(const struct scr_shift *s, bool is_code, wint_t key)
{
	enum sh_cmd c;

	if (s->help)
		return SH_CANCEL;
	switch (s->mode) {
	case SHM_CONFIRM:
		return LOOKUP(keys_confirm, is_code, key);
	case SHM_REPORT:
		return LOOKUP(keys_report, is_code, key);
	case SHM_COUNT:
		c = LOOKUP(keys_count, is_code, key);
		break;
	case SHM_NOTE:
		c = LOOKUP(keys_note, is_code, key);
		break;
	case SHM_MAIN:
	default:
		if (focus_of(s) == SHF_LIST || !float_field(s))
			return LOOKUP(keys_list, is_code, key);
		c = LOOKUP(keys_float, is_code, key);
		/* letters an amount cannot hold still work as on the list */
		if (c == SH_NONE && !is_code && (key == 'q' || key == 'c' || key == 'r'))
			c = LOOKUP(keys_list, is_code, key);
		break;
	}
	if (c != SH_NONE)
		return c;
	return field_key(is_code, key) != FIELD_OP_NONE ? SH_EDIT : SH_NONE;
}

/* ---- the getters ---- */

int64_t scr_shift_float(const struct scr_shift *s)
{
	return s->float_cents;
}

void scr_shift_count(const struct scr_shift *s, int64_t *cash, int64_t *card)
{
	*cash = s->cash_cents;
	*card = s->card_cents;
}

const struct shift_row *scr_shift_selected(const struct scr_shift *s)
{
	return s->cursor < list_n(s) ? &s->list->v[s->cursor] : NULL;
}

const char *scr_shift_note(struct scr_shift *s)
{
	const char *t = field_text(&s->note);
	size_t n;

	while (*t == ' ')
		t++;
	n = strlen(t);
	while (n > 0 && t[n - 1] == ' ')
		n--;
	/* the field's own buffer, trimmed in place: the app reads it at once */
	memmove(s->note.text, t, n);
	s->note.text[n] = '\0';
	s->note.len = n;
	if (s->note.cur > n)
		s->note.cur = n;
	return s->note.text;
}

/* ---- doing ---- */

/* An amount typed into f, or false with the message said. */
static bool amount_of(struct scr_shift *s, const struct field *f, const char *empty, int64_t *out)
{
	struct err e;
	char msg[300];
	const char *t = field_text(f);

	if (t[strspn(t, " ")] == '\0') {
		scr_shift_message(s, empty, true);
		return false;
	}
	if (!money_parse(t, out, &e)) {
		snprintf(msg, sizeof msg, "%s", e.msg);
		scr_shift_message(s, msg, true);
		return false;
	}
	return true;
}

static enum sh_cmd enter_main(struct scr_shift *s)
{
	if (!s->can_drawer && !s->supervisor) {
		scr_shift_message(s, "Your login has no cash drawer.", true);
		return SH_NONE;
	}
	if (focus_of(s) == SHF_MINE && float_field(s))
		return amount_of(s, &s->fl, "Type the float: the cash in the drawer as the shift starts "
				 "(0 if there is none).", &s->float_cents) ? SH_OPEN : SH_NONE;
	if (scr_shift_selected(s) != NULL)
		return SH_REPORT;
	if (s->mine.open)
		scr_shift_message(s, "Your shift is open: c closes it with a count of the drawer.", false);
	return SH_NONE;
}

static enum sh_cmd enter_count(struct scr_shift *s)
{
	s->count_focus = 0;
	if (!amount_of(s, &s->cash, "Type the cash counted in the drawer, the float included.",
		       &s->cash_cents))
		return SH_NONE;
	s->count_focus = 1;
	if (!amount_of(s, &s->card, "Type the total of the card slips (0 if there are none).",
		       &s->card_cents))
		return SH_NONE;
	s->mode = SHM_CONFIRM;
	return SH_NONE;
}

static void open_count(struct scr_shift *s)
{
	if (!s->can_drawer) {
		scr_shift_message(s, "Your login has no cash drawer.", true);
		return;
	}
	if (!s->mine.open) {
		scr_shift_message(s, "No shift is open: type the float and press Enter to open one.",
				  true);
		return;
	}
	s->mode = SHM_COUNT;
	s->count_focus = 0;
	field_set(&s->cash, NULL, false);
	field_set(&s->card, NULL, false);
}

static void open_note(struct scr_shift *s)
{
	const struct shift_report *r = s->report;
	char msg[160];

	if (r == NULL)
		return;
	if (!s->supervisor) {
		scr_shift_message(s, "Only a supervisor signs a shift off.", true);
		return;
	}
	if (r->signed_off_by[0] != '\0') {
		snprintf(msg, sizeof msg, "This shift was already signed off by %s.", r->signed_off_by);
		scr_shift_message(s, msg, true);
		return;
	}
	s->mode = SHM_NOTE;
	field_set(&s->note, NULL, false);
}

static void move_cursor(struct scr_shift *s, long by)
{
	size_t n = list_n(s);
	long c = (long)s->cursor + by;

	if (n == 0)
		return;
	if (c < 0)
		c = 0;
	if (c >= (long)n)
		c = (long)n - 1;
	s->cursor = (size_t)c;
}

static void edit(struct scr_shift *s, bool is_code, wint_t key)
{
	struct field *f = NULL;

	if (s->mode == SHM_MAIN && focus_of(s) == SHF_MINE && float_field(s))
		f = &s->fl;
	else if (s->mode == SHM_COUNT)
		f = s->count_focus == 0 ? &s->cash : &s->card;
	else if (s->mode == SHM_NOTE)
		f = &s->note;
	if (f != NULL)
		field_edit(f, field_key(is_code, key), key);
}

static enum sh_cmd cancel(struct scr_shift *s)
{
	if (s->help) {
		s->help = false;
		return SH_NONE;
	}
	switch (s->mode) {
	case SHM_CONFIRM: s->mode = SHM_COUNT; break;
	case SHM_COUNT: s->mode = SHM_MAIN; break;
	case SHM_NOTE: s->mode = SHM_REPORT; break;
	case SHM_REPORT:
		s->mode = SHM_MAIN;
		s->report = NULL;
		break;
	case SHM_MAIN: return SH_BACK;
	}
	return SH_NONE;
}

enum sh_cmd scr_shift_do(struct scr_shift *s, enum sh_cmd cmd, bool is_code, wint_t key)
{
	bool both = s->supervisor && list_n(s) > 0 && float_field(s);

	if (cmd != SH_NONE && cmd != SH_HELP && cmd != SH_CANCEL && cmd != SH_EDIT)
		scr_shift_message(s, NULL, false);
	switch (cmd) {
	case SH_UP:
		if (focus_of(s) == SHF_LIST && s->cursor == 0 && both)
			s->focus = SHF_MINE;
		else
			move_cursor(s, -1);
		return SH_NONE;
	case SH_DOWN:
		if (focus_of(s) == SHF_MINE && both)
			s->focus = SHF_LIST;
		else if (focus_of(s) == SHF_LIST)
			move_cursor(s, 1);
		return SH_NONE;
	case SH_PAGE_UP: move_cursor(s, -(long)(s->rows > 1 ? s->rows - 1 : 1)); return SH_NONE;
	case SH_PAGE_DOWN: move_cursor(s, s->rows > 1 ? s->rows - 1 : 1); return SH_NONE;
	case SH_HOME: move_cursor(s, -(long)list_n(s)); return SH_NONE;
	case SH_END: move_cursor(s, (long)list_n(s)); return SH_NONE;
	case SH_FOCUS:
		if (both)
			s->focus = focus_of(s) == SHF_MINE ? SHF_LIST : SHF_MINE;
		return SH_NONE;
	case SH_EDIT: edit(s, is_code, key); return SH_NONE;
	case SH_ENTER:
		switch (s->mode) {
		case SHM_MAIN: return enter_main(s);
		case SHM_COUNT: return enter_count(s);
		case SHM_NOTE: return SH_SIGN;
		default: return SH_NONE;
		}
	case SH_COUNT: open_count(s); return SH_NONE;
	case SH_NEXT_FIELD: case SH_PREV_FIELD: s->count_focus = !s->count_focus; return SH_NONE;
	case SH_YES:
		s->mode = SHM_COUNT; /* stays typed if the database refuses */
		return SH_CLOSE;
	case SH_CANCEL: return cancel(s);
	case SH_HELP: s->help = true; return SH_NONE;
	case SH_NOTE: open_note(s); return SH_NONE;
	case SH_PRINT: return s->report != NULL ? SH_PRINT : SH_NONE;
	case SH_RELOAD: case SH_BACK: return cmd;
	case SH_OPEN: case SH_CLOSE: case SH_REPORT: case SH_SIGN: return cmd;
	case SH_NONE: break;
	}
	return SH_NONE;
}

void scr_shift_recalc(struct scr_shift *s, int height, int width)
{
	size_t n = list_n(s);

	(void)width;
	s->list_y = LIST_Y;
	s->rows = height - 2 - LIST_Y;
	if (s->rows < 1)
		s->rows = 1;
	if (s->cursor >= n)
		s->cursor = n > 0 ? n - 1 : 0;
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (s->cursor >= s->top + (size_t)s->rows)
		s->top = s->cursor - (size_t)s->rows + 1;
	if (s->top + (size_t)s->rows > n)
		s->top = n > (size_t)s->rows ? n - (size_t)s->rows : 0;
}

/* ---- drawing ---- */

char *scr_shift_time(time_t t, time_t ref, char *buf, size_t size)
{
	struct tm tm, rt;

	if (t == 0 || localtime_r(&t, &tm) == NULL) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	if (ref != 0 && localtime_r(&ref, &rt) != NULL && rt.tm_year == tm.tm_year &&
	    rt.tm_yday == tm.tm_yday)
		strftime(buf, size, "%H:%M", &tm);
	else if (strftime(buf, size, "%d %b %H:%M", &tm) == 0)
		snprintf(buf, size, "%s", "");
	return buf;
}

static const char *dash(const struct scr_shift *s)
{
	return s->style->ascii ? "-" : "—";
}

static void title_bar(const struct scr_shift *s, WINDOW *w, int width, const char *what,
		      const char *who)
{
	char t[600];

	snprintf(t, sizeof t, " %s %s %s", what, dash(s), who);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width, t, s->style->ascii);
	wattrset(w, A_NORMAL);
}

static void heading(const struct scr_shift *s, WINDOW *w, int y, int width, const char *t)
{
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, y, 1, draw_width(t, s->style->ascii) < width - 2 ? draw_width(t, s->style->ascii)
									: width - 2, t, s->style->ascii);
	wattrset(w, A_NORMAL);
}

/* A variance, right-aligned in width columns: signed, and in the error
 * colour (bold without colour) when the count is off. */
static void variance_at(const struct scr_shift *s, WINDOW *w, int y, int x, int width, int64_t v)
{
	char t[48];

	shift_variance_show(v, t, sizeof t);
	if (v != 0)
		wattrset(w, draw_attr(s->style, ROLE_ERROR));
	draw_text_right(w, y, x, width, t, s->style->ascii);
	wattrset(w, A_NORMAL);
}

/* The login's own shift; returns the float field's row, or -1. */
static int draw_mine(const struct scr_shift *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	char t[300], when[EVENTS_TIME_SIZE], v1[32], v2[32];
	int y = MINE_Y + 1;

	heading(s, w, MINE_Y, width, "Your shift");
	if (!s->can_drawer) {
		draw_wrap(w, y, 3, width - 5, 2, "Your login has no cash drawer: shifts and cash counts "
			  "are for the clerks and supervisors who take payments.", a);
		draw_text(w, y + 2, 3, width - 5, "Esc goes back to the events.", a);
		return -1;
	}
	if (s->mine.open) {
		snprintf(t, sizeof t, "Open since %s with a float of %s.",
			 events_format_time(s->mine.opened, when, sizeof when),
			 money_show(s->mine.float_amount, v1, sizeof v1));
		wattrset(w, A_BOLD);
		draw_text(w, y, 3, width - 5, t, a);
		wattrset(w, A_NORMAL);
		draw_text(w, y + 1, 3, width - 5, "c closes it with a blind count of the drawer and the "
			  "card slips.", a);
		return -1;
	}
	if (s->closed_shown) {
		snprintf(t, sizeof t, "Closed at %s: counted cash %s, card slips %s.",
			 events_format_time(s->closed.closed, when, sizeof when),
			 money_show(s->closed.counted_cash, v1, sizeof v1),
			 money_show(s->closed.counted_card, v2, sizeof v2));
		wattrset(w, A_BOLD);
		draw_text(w, y, 3, width - 5, t, a);
		wattrset(w, A_NORMAL);
		draw_text(w, y + 1, 3, width - 5, "A supervisor compares the count with the sales and "
			  "signs the shift off.", a);
		y += 2;
	}
	draw_text(w, y, 3, FLOAT_X - 4, s->closed_shown ? "No shift open. Float for a new one:"
						       : "No shift open. Float in the drawer:", a);
	field_draw(&s->fl, w, y, FLOAT_X, FLOAT_W, false);
	draw_text(w, y, FLOAT_X + FLOAT_W + 2, width - FLOAT_X - FLOAT_W - 3, "Enter opens your shift", a);
	if (!s->closed_shown)
		draw_text(w, y + 1, 3, width - 5, "Count the cash in the drawer before the first sale "
			  "(0 if there is none).", a);
	return y;
}

static const char *state_text(const struct shift_row *r, char *buf, size_t size)
{
	switch (shift_row_state(r)) {
	case SHIFT_OPEN: snprintf(buf, size, "open"); break;
	case SHIFT_AWAITING: snprintf(buf, size, "awaiting sign-off"); break;
	case SHIFT_SIGNED: snprintf(buf, size, "signed off by %s", r->signed_off_by); break;
	}
	return buf;
}

static void draw_list(const struct scr_shift *s, WINDOW *w, int height, int width)
{
	bool a = s->style->ascii;
	int state_w = width - 38 - 21;
	size_t n = list_n(s);
	char t[200], t2[32];

	(void)height;
	heading(s, w, LIST_HEAD_Y, width, "Shifts of the organisation, newest first");
	wattrset(w, A_BOLD);
	draw_text(w, LIST_HEAD_Y + 1, 1, 10, "Login", a);
	draw_text(w, LIST_HEAD_Y + 1, 12, 12, "Opened", a);
	draw_text(w, LIST_HEAD_Y + 1, 25, 12, "Closed", a);
	draw_text(w, LIST_HEAD_Y + 1, 38, state_w, "State", a);
	draw_text_right(w, LIST_HEAD_Y + 1, width - 21, 10, "Cash var.", a);
	draw_text_right(w, LIST_HEAD_Y + 1, width - 11, 10, "Card var.", a);
	wattrset(w, A_NORMAL);
	if (n == 0) {
		draw_text(w, s->list_y, 2, width - 4, "No shifts yet.", a);
		return;
	}
	for (int r = 0; r < s->rows && s->top + (size_t)r < n; r++) {
		size_t i = s->top + (size_t)r;
		const struct shift_row *x = &s->list->v[i];
		bool cur = i == s->cursor && focus_of(s) == SHF_LIST && s->mode == SHM_MAIN;
		int y = s->list_y + r;
		attr_t base = cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL;

		wattrset(w, base);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, 1, 10, x->login, a);
		draw_text(w, y, 12, 12, scr_shift_time(x->opened, 0, t2, sizeof t2), a);
		draw_text(w, y, 25, 12, x->closed != 0 ? scr_shift_time(x->closed, x->opened, t2, sizeof t2)
						      : "", a);
		draw_text(w, y, 38, state_w, state_text(x, t, sizeof t), a);
		if (x->have_variance) {
			variance_at(s, w, y, width - 21, 10, x->variance_cash);
			variance_at(s, w, y, width - 11, 10, x->variance_card);
		}
		wattrset(w, A_NORMAL);
	}
	if (s->top + (size_t)s->rows < n) {
		snprintf(t, sizeof t, "+%zu more", n - s->top - (size_t)s->rows);
		draw_text_right(w, LIST_HEAD_Y, width - 21, 20, t, a);
	}
}

static void draw_count(const struct scr_shift *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Count the cash in the drawer (the float",
		"included) and add up the card slips. What",
		"the drawer should hold is not shown: a",
		"supervisor compares the count with the sales.",
		"",
		"Cash in the drawer",
		"Card slips total",
		"",
		"Enter: check   Tab: other field   Esc: cancel",
	};
	int bw = 54, bh = 13, y0 = (height - bh) / 2, x0 = (width - bw) / 2;

	draw_panel(w, s->style, height, width, "Close your shift: the blind count", lines,
		   (int)(sizeof lines / sizeof lines[0]), bw);
	/* draw_panel puts the heading on the box's first inner row and the
	 * lines after a blank row: the two field labels are lines 5 and 6 */
	field_draw(&s->cash, w, y0 + 3 + 5, x0 + 24, 14, false);
	field_draw(&s->card, w, y0 + 3 + 6, x0 + 24, 14, false);
	field_draw(s->count_focus == 0 ? &s->cash : &s->card, w, y0 + 3 + 5 + s->count_focus,
		   x0 + 24, 14, true);
}

static void draw_confirm(const struct scr_shift *s, WINDOW *w, int height, int width)
{
	char l1[120], v1[32], v2[32];
	const char *lines[] = {
		l1,
		"The count cannot be changed once the shift",
		"is closed.",
		"",
		"y: close the shift    n, Esc: keep counting",
	};

	snprintf(l1, sizeof l1, "Cash %s, card slips %s.", money_show(s->cash_cents, v1, sizeof v1),
		 money_show(s->card_cents, v2, sizeof v2));
	draw_panel(w, s->style, height, width, "Close your shift with this count?", lines,
		   (int)(sizeof lines / sizeof lines[0]), 54);
}

/* ---- the report ---- */

static void report_row(const struct scr_shift *s, WINDOW *w, int y, const char *label, long n,
		       int64_t taken, int64_t expected, bool counted, int64_t count, int64_t var)
{
	bool a = s->style->ascii;
	char t[48];

	draw_text(w, y, 2, 10, label, a);
	snprintf(t, sizeof t, "%ld", n);
	draw_text_right(w, y, 12, 10, t, a);
	draw_text_right(w, y, 24, 12, money_show(taken, t, sizeof t), a);
	draw_text_right(w, y, 37, 12, money_show(expected, t, sizeof t), a);
	if (!counted) {
		draw_text_right(w, y, 50, 12, "-", a);
		draw_text_right(w, y, 63, 12, "-", a);
		return;
	}
	draw_text_right(w, y, 50, 12, money_show(count, t, sizeof t), a);
	variance_at(s, w, y, 63, 12, var);
}

static void draw_report(const struct scr_shift *s, WINDOW *w, int height, int width)
{
	const struct shift_report *r = s->report;
	bool a = s->style->ascii;
	char t[SHIFT_NOTE_SIZE + 64], v1[48], v2[48], when[EVENTS_TIME_SIZE];
	int y;

	if (r->name[0] != '\0')
		snprintf(t, sizeof t, "%s (%s)", r->name, r->login);
	else
		snprintf(t, sizeof t, "%s", r->login);
	title_bar(s, w, width, "Shift report", t);
	snprintf(t, sizeof t, "Opened  %s", events_format_time(r->opened, when, sizeof when));
	draw_text(w, 2, 2, 36, t, a);
	snprintf(t, sizeof t, "Float  %s", money_show(r->float_amount, v1, sizeof v1));
	draw_text(w, 2, 40, width - 42, t, a);
	if (r->closed != 0)
		snprintf(t, sizeof t, "Closed  %s", events_format_time(r->closed, when, sizeof when));
	else
		snprintf(t, sizeof t, "Still open: expected is what was taken so far.");
	draw_text(w, 3, 2, width - 4, t, a);

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 5, 2, 10, "Method", a);
	wattrset(w, A_BOLD);
	draw_text_right(w, 5, 12, 10, "Payments", a);
	draw_text_right(w, 5, 24, 12, "Taken", a);
	draw_text_right(w, 5, 37, 12, "Expected", a);
	draw_text_right(w, 5, 50, 12, "Counted", a);
	draw_text_right(w, 5, 63, 12, "Variance", a);
	wattrset(w, A_NORMAL);
	report_row(s, w, 6, "Cash", r->cash_payments, r->cash_taken, r->expected_cash, r->counted,
		   r->counted_cash, r->variance_cash);
	report_row(s, w, 7, "Card", r->card_payments, r->card_taken, r->expected_card, r->counted,
		   r->counted_card, r->variance_card);
	draw_text(w, 8, 2, 10, "Comps", a);
	snprintf(t, sizeof t, "%ld", r->comp_payments);
	draw_text_right(w, 8, 12, 10, t, a);
	draw_text(w, 8, 26, width - 28, "no money moves", a);

	if (r->counted)
		snprintf(t, sizeof t, "Cash: %s.  Card: %s.", shift_variance_words(r->variance_cash, v1, sizeof v1),
			 shift_variance_words(r->variance_card, v2, sizeof v2));
	else
		snprintf(t, sizeof t, "Not counted yet: the shift is still open.");
	wattrset(w, r->counted && (r->variance_cash != 0 || r->variance_card != 0)
		 ? draw_attr(s->style, ROLE_ERROR) : A_BOLD);
	draw_text(w, 10, 2, draw_width(t, a) < width - 4 ? draw_width(t, a) : width - 4, t, a);
	wattrset(w, A_NORMAL);

	if (r->cancelled_tickets > 0)
		snprintf(t, sizeof t, "Cancelled since: %ld ticket%s of this shift's sales, face value %s. "
			 "No refund is recorded, so the money stays in expected.", r->cancelled_tickets,
			 r->cancelled_tickets == 1 ? "" : "s", money_show(r->cancelled_face_value, v1, sizeof v1));
	else
		snprintf(t, sizeof t, "Cancelled since: no ticket of this shift's sales.");
	y = 12 + draw_wrap(w, 12, 2, width - 4, 2, t, a) + 1;

	if (r->signed_off_by[0] != '\0')
		snprintf(t, sizeof t, "Signed off by %s on %s.", r->signed_off_by,
			 events_format_time(r->signed_at, when, sizeof when));
	else
		snprintf(t, sizeof t, "%s", r->closed != 0 ? "Not signed off yet." : "Not closed yet.");
	wattrset(w, A_BOLD);
	draw_text(w, y, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	if (r->note[0] != '\0' && y + 1 < height - 2) {
		snprintf(t, sizeof t, "Note: %s", r->note);
		draw_wrap(w, y + 1, 2, width - 4, height - 3 - (y + 1), t, a);
	}
}

static void draw_note(const struct scr_shift *s, WINDOW *w, int height, int width)
{
	const struct shift_report *r = s->report;
	char l1[160], v1[48], v2[48], head[120];
	const char *lines[] = {
		l1,
		"",
		"Note",
		"",
		"A count that is off needs a note saying why.",
		"Enter: sign off   Esc: cancel",
	};
	int bw = 64, bh = 6 + 4, y0 = (height - bh) / 2, x0 = (width - bw) / 2;

	if (r->counted)
		snprintf(l1, sizeof l1, "Cash: %s.  Card: %s.",
			 shift_variance_words(r->variance_cash, v1, sizeof v1),
			 shift_variance_words(r->variance_card, v2, sizeof v2));
	else
		snprintf(l1, sizeof l1, "Not counted yet.");
	snprintf(head, sizeof head, "Sign off the shift of %s", r->login);
	draw_panel(w, s->style, height, width, head, lines, (int)(sizeof lines / sizeof lines[0]), bw);
	field_draw(&s->note, w, y0 + 3 + 2, x0 + 8, bw - 11, true);
}

/* ---- help, keys, status ---- */

static void draw_help(const struct scr_shift *s, WINDOW *w, int height, int width)
{
	static const char *const main_lines[] = {
		"Enter             open your shift with the float",
		"                  typed / the report of a shift",
		"c                 close your shift: the blind count",
		"Up, Down, j, k    move over the shifts (supervisors)",
		"g, G              the newest, the oldest shift",
		"Tab               the float field <-> the list",
		"r, F5             read again",
		"Esc, q            back to the events",
		"? or F1           this help",
		"",
		"The count is blind: you count the drawer and the",
		"card slips; what was expected is shown to a",
		"supervisor, who signs the shift off.",
		"",
		"Any key closes this help.",
	};
	static const char *const report_lines[] = {
		"s                 sign the shift off (with a note",
		"                  when the count is off)",
		"p                 print the report",
		"r, F5             read again",
		"Esc, q            back to the shifts",
		"? or F1           this help",
		"",
		"Variance = counted - expected. Expected cash is",
		"the float plus the cash taken (not what was",
		"tendered: the change went back).",
		"",
		"Any key closes this help.",
	};
	bool rep = s->mode == SHM_REPORT || s->mode == SHM_NOTE;

	if (rep)
		draw_panel(w, s->style, height, width, "Keys: shift report", report_lines,
			   (int)(sizeof report_lines / sizeof report_lines[0]), 56);
	else
		draw_panel(w, s->style, height, width, "Keys: your shift", main_lines,
			   (int)(sizeof main_lines / sizeof main_lines[0]), 56);
}

static const char *keys_text(const struct scr_shift *s)
{
	bool a = s->style->ascii;

	switch (s->mode) {
	case SHM_COUNT:
		return " type  Tab other field  ^U clear  Enter check  Esc cancel  F1 help";
	case SHM_CONFIRM:
		return " y close the shift  n keep counting";
	case SHM_NOTE:
		return " type the note  Enter sign off  Esc cancel  F1 help";
	case SHM_REPORT:
		return s->supervisor ? " s sign off  p print  r read again  Esc back  ? help"
				     : " p print  r read again  Esc back  ? help";
	case SHM_MAIN:
		break;
	}
	if (!s->can_drawer && !s->supervisor)
		return " Esc back  ? help";
	if (s->supervisor && focus_of(s) == SHF_MINE && float_field(s))
		return a ? " type the float  Enter open  Tab/Down the list  Esc back  F1 help"
			 : " type the float  Enter open  Tab/↓ the list  Esc back  F1 help";
	if (s->supervisor && float_field(s))
		return a ? " Up/Down move  Enter report  Tab float  r read again  Esc back  ? help"
			 : " ↑↓ move  Enter report  Tab float  r read again  Esc back  ? help";
	if (s->supervisor)
		return a ? " Up/Down move  Enter report  c close my shift  r read again  Esc back  ? help"
			 : " ↑↓ move  Enter report  c close my shift  r read again  Esc back  ? help";
	if (float_field(s))
		return " type the float  Enter open the shift  Esc back  F1 help";
	return " c close the shift  r read again  Esc back  ? help";
}

void scr_shift_draw(const struct scr_shift *s, WINDOW *w)
{
	bool a = s->style->ascii, rep;
	int height, width, fy = -1;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	rep = (s->mode == SHM_REPORT || s->mode == SHM_NOTE) && s->report != NULL;
	if (rep) {
		draw_report(s, w, height, width);
	} else {
		title_bar(s, w, width, "Shift and cash drawer", s->title);
		fy = draw_mine(s, w, width);
		if (s->supervisor)
			draw_list(s, w, height, width);
	}
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width, keys_text(s), a);
	wattrset(w, A_NORMAL);
	if (s->help) {
		draw_help(s, w, height, width);
		return;
	}
	if (s->mode == SHM_COUNT)
		draw_count(s, w, height, width);
	else if (s->mode == SHM_CONFIRM)
		draw_confirm(s, w, height, width);
	else if (s->mode == SHM_NOTE && rep)
		draw_note(s, w, height, width);
	else if (fy >= 0 && focus_of(s) == SHF_MINE)
		field_draw(&s->fl, w, fy, FLOAT_X, FLOAT_W, true); /* last: the cursor ends on it */
}
