/* scr_order: lines with tiers, GA quantities, totals in cents, customer. */
#include "scr_order.h"

#include "money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows that are not line rows: title, column heads, rule, totals, tiers of
 * the line, customer heading, three fields, message, key bar. */
#define CHROME_ROWS 11

#define CTRL(c) ((c) & 0x1f)

struct key_binding {
	bool is_code;
	wint_t key;
	enum order_cmd cmd;
};

static const struct key_binding keys_lines[] = {
	{ true, KEY_UP, ORDER_UP }, { false, 'k', ORDER_UP },
	{ true, KEY_DOWN, ORDER_DOWN }, { false, 'j', ORDER_DOWN },
	{ true, KEY_PPAGE, ORDER_PGUP }, { true, KEY_NPAGE, ORDER_PGDN },
	{ true, KEY_HOME, ORDER_HOME }, { false, 'g', ORDER_HOME },
	{ true, KEY_END, ORDER_END }, { false, 'G', ORDER_END },
	{ true, KEY_RIGHT, ORDER_TIER_NEXT }, { false, 'l', ORDER_TIER_NEXT },
	{ false, 't', ORDER_TIER_NEXT }, { false, ' ', ORDER_TIER_NEXT },
	{ true, KEY_LEFT, ORDER_TIER_PREV }, { false, 'h', ORDER_TIER_PREV },
	{ false, 'T', ORDER_TIER_PREV },
	{ false, 'a', ORDER_TIER_ALL },
	{ false, '+', ORDER_QTY_MORE }, { false, '=', ORDER_QTY_MORE },
	{ false, '-', ORDER_QTY_LESS }, { false, 's', ORDER_SPLIT },
	{ false, '\t', ORDER_NEXT_FIELD }, { false, 'c', ORDER_NEXT_FIELD },
	{ true, KEY_BTAB, ORDER_PREV_FIELD },
	{ true, KEY_ENTER, ORDER_CONFIRM }, { false, '\r', ORDER_CONFIRM },
	{ false, '\n', ORDER_CONFIRM },
	{ false, 27, ORDER_BACK },
	{ false, '?', ORDER_HELP }, { true, KEY_F(1), ORDER_HELP },
};

/* In a field every printable key is text; only these move around. */
static const struct key_binding keys_field[] = {
	{ false, '\t', ORDER_NEXT_FIELD }, { true, KEY_DOWN, ORDER_NEXT_FIELD },
	{ true, KEY_BTAB, ORDER_PREV_FIELD }, { true, KEY_UP, ORDER_PREV_FIELD },
	{ true, KEY_ENTER, ORDER_CONFIRM }, { false, '\r', ORDER_CONFIRM },
	{ false, '\n', ORDER_CONFIRM },
	{ false, 27, ORDER_CANCEL }, { true, KEY_F(1), ORDER_HELP },
};

static enum order_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return ORDER_NONE;
}

void scr_order_init(struct scr_order *s, const struct ui_style *st, const char *title)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->title, sizeof s->title, "%s", title != NULL ? title : "");
	s->countdown = -1;
	/* Limits of the users table: full_name up to 200 characters. */
	field_init(&s->name, 200, FIELD_TEXT, st->ascii);
	field_init(&s->email, 200, FIELD_TEXT, st->ascii);
	field_init(&s->phone, 40, FIELD_TEXT, st->ascii);
}

void scr_order_free(struct scr_order *s)
{
	free(s->lines);
	s->lines = NULL;
	s->nlines = s->cap = 0;
}

void scr_order_clear_lines(struct scr_order *s)
{
	s->nlines = 0;
	s->cursor = s->top = 0;
}

static struct order_line *new_line(struct scr_order *s, size_t at, struct err *e)
{
	if (s->nlines == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct order_line *l = realloc(s->lines, cap * sizeof *l);

		if (l == NULL) {
			err_set(e, ERR_NOMEM, "Out of memory.");
			return NULL;
		}
		s->lines = l;
		s->cap = cap;
	}
	memmove(&s->lines[at + 1], &s->lines[at], (s->nlines - at) * sizeof *s->lines);
	s->nlines++;
	memset(&s->lines[at], 0, sizeof s->lines[at]);
	return &s->lines[at];
}

static bool set_tiers(struct order_line *l, const char *section, const struct tier *const *tiers,
		      size_t ntiers, struct err *e)
{
	if (ntiers == 0 || tiers == NULL)
		return err_set(e, ERR_INPUT, "%s has no price: it cannot be sold.",
			       section != NULL ? section : "The section");
	snprintf(l->section, sizeof l->section, "%s", section != NULL ? section : "");
	l->ntiers = ntiers < ORDER_TIERS_MAX ? ntiers : ORDER_TIERS_MAX;
	memcpy(l->tiers, tiers, l->ntiers * sizeof *tiers);
	return true;
}

bool scr_order_add_seat(struct scr_order *s, const char *seat_id, const char *section,
			const char *row, const char *number, bool accessible,
			const struct tier *const *tiers, size_t ntiers, struct err *e)
{
	struct order_line tmp, *l;

	memset(&tmp, 0, sizeof tmp);
	if (!set_tiers(&tmp, section, tiers, ntiers, e))
		return false;
	if (seat_id == NULL || seat_id[0] == '\0')
		return err_set(e, ERR_INPUT, "A seat without an id cannot be ordered.");
	snprintf(tmp.seat_id, sizeof tmp.seat_id, "%s", seat_id);
	snprintf(tmp.row, sizeof tmp.row, "%s", row != NULL ? row : "");
	snprintf(tmp.number, sizeof tmp.number, "%s", number != NULL ? number : "");
	tmp.accessible = accessible;
	tmp.quantity = 1;
	if ((l = new_line(s, s->nlines, e)) == NULL)
		return false;
	*l = tmp;
	return true;
}

bool scr_order_add_ga(struct scr_order *s, const char *section, int quantity, int max,
		      const struct tier *const *tiers, size_t ntiers, struct err *e)
{
	struct order_line tmp, *l;

	memset(&tmp, 0, sizeof tmp);
	if (!set_tiers(&tmp, section, tiers, ntiers, e))
		return false;
	tmp.ga_max = max > 0 && max < ORDER_GA_MAX ? max : ORDER_GA_MAX;
	if (quantity < 1 || quantity > tmp.ga_max)
		return err_set(e, ERR_INPUT, "%s: %d places asked, 1 to %d possible.", tmp.section,
			       quantity, tmp.ga_max);
	tmp.quantity = quantity;
	if ((l = new_line(s, s->nlines, e)) == NULL)
		return false;
	*l = tmp;
	return true;
}

void scr_order_set_countdown(struct scr_order *s, long seconds)
{
	s->countdown = seconds;
}

void scr_order_set_customer(struct scr_order *s, const char *name, const char *email,
			    const char *phone)
{
	if (name != NULL)
		field_set(&s->name, name, false);
	if (email != NULL)
		field_set(&s->email, email, false);
	if (phone != NULL)
		field_set(&s->phone, phone, false);
}

/* Copies src into dst, cut at a character boundary when too long. */
void scr_order_message(struct scr_order *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

enum order_cmd scr_order_key(const struct scr_order *s, bool is_code, wint_t key)
{
	enum order_cmd c;

	if (s->help) /* any key closes help */
		return ORDER_CANCEL;
	if (s->focus == ORDER_FOCUS_LINES)
		return lookup(keys_lines, sizeof keys_lines / sizeof keys_lines[0], is_code, key);
	c = lookup(keys_field, sizeof keys_field / sizeof keys_field[0], is_code, key);
	if (c != ORDER_NONE)
		return c;
	return field_key(is_code, key) != FIELD_OP_NONE ? ORDER_EDIT : ORDER_NONE;
}

/* ---- lines ---- */

const struct tier *scr_order_tier(const struct scr_order *s, size_t i)
{
	if (i >= s->nlines || s->lines[i].ntiers == 0)
		return NULL;
	return s->lines[i].tiers[s->lines[i].tier];
}

/* Lines of one section share their tier list's section id. */
static bool same_section(const struct order_line *a, const struct order_line *b)
{
	return strcmp(a->tiers[0]->section_id, b->tiers[0]->section_id) == 0;
}

static bool is_ga(const struct order_line *l)
{
	return l->seat_id[0] == '\0';
}

/* GA places of l's section over all its lines. */
static int section_places(const struct scr_order *s, const struct order_line *l)
{
	int n = 0;

	for (size_t i = 0; i < s->nlines; i++)
		if (is_ga(&s->lines[i]) && same_section(&s->lines[i], l))
			n += s->lines[i].quantity;
	return n;
}

void scr_order_totals(const struct scr_order *s, int64_t *total, int64_t *fees, int *tickets)
{
	int64_t t = 0, f = 0;
	int n = 0;

	for (size_t i = 0; i < s->nlines; i++) {
		const struct tier *tr = scr_order_tier(s, i);

		t += (tr->price + tr->fee) * s->lines[i].quantity;
		f += tr->fee * s->lines[i].quantity;
		n += s->lines[i].quantity;
	}
	if (total != NULL)
		*total = t;
	if (fees != NULL)
		*fees = f;
	if (tickets != NULL)
		*tickets = n;
}

void scr_order_seat_label(const struct order_line *l, char *buf, size_t size)
{
	if (l->seat_id[0] == '\0')
		snprintf(buf, size, "General admission");
	else if (l->row[0] != '\0')
		snprintf(buf, size, "%s-%s", l->row, l->number);
	else
		snprintf(buf, size, "%s", l->number);
}

static void cycle_tier(struct scr_order *s, int step)
{
	struct order_line *l = &s->lines[s->cursor];
	char msg[256];

	if (l->ntiers < 2) {
		snprintf(msg, sizeof msg, "%s has one price only: %s.", l->section,
			 l->tiers[0]->name);
		scr_order_message(s, msg, false);
		return;
	}
	l->tier = (l->tier + (step > 0 ? 1 : l->ntiers - 1)) % l->ntiers;
}

static void tier_all(struct scr_order *s)
{
	const struct order_line *cur = &s->lines[s->cursor];
	const struct tier *want = cur->tiers[cur->tier];
	size_t changed = 0, others = 0;
	char msg[320];

	for (size_t i = 0; i < s->nlines; i++) {
		struct order_line *l = &s->lines[i];

		if (i == s->cursor || !same_section(l, cur))
			continue;
		others++;
		for (size_t k = 0; k < l->ntiers; k++)
			if (strcmp(l->tiers[k]->id, want->id) == 0 && l->tier != k) {
				l->tier = k;
				changed++;
			}
	}
	if (others == 0)
		snprintf(msg, sizeof msg, "No other line of %s.", cur->section);
	else
		snprintf(msg, sizeof msg, "%s for every line of %s (%zu changed).", want->name,
			 cur->section, changed);
	scr_order_message(s, msg, false);
}

static void qty_more(struct scr_order *s)
{
	struct order_line *l = &s->lines[s->cursor];
	char msg[256];

	if (!is_ga(l)) {
		scr_order_message(s, "+ and - change general-admission places; seats are picked "
				     "on the seat map.", false);
		return;
	}
	if (section_places(s, l) >= l->ga_max) {
		snprintf(msg, sizeof msg, "%s: %d places at most in one order.", l->section,
			 l->ga_max);
		scr_order_message(s, msg, true);
		return;
	}
	l->quantity++;
}

static void qty_less(struct scr_order *s)
{
	struct order_line *l = &s->lines[s->cursor];
	char msg[256];

	if (!is_ga(l)) {
		qty_more(s); /* says the same thing */
		return;
	}
	if (l->quantity > 1) {
		l->quantity--;
		return;
	}
	if (section_places(s, l) > 1) { /* a split-off line: merge it away */
		memmove(l, l + 1, (s->nlines - s->cursor - 1) * sizeof *l);
		s->nlines--;
		if (s->cursor >= s->nlines)
			s->cursor = s->nlines - 1;
		return;
	}
	snprintf(msg, sizeof msg, "At least one place of %s; to drop it, go back to the seat map "
		 "(Esc).", l->section);
	scr_order_message(s, msg, false);
}

static void split(struct scr_order *s)
{
	struct order_line *l = &s->lines[s->cursor], *n;
	struct err e;

	if (!is_ga(l)) {
		scr_order_message(s, "s splits general-admission places; each seat has its own "
				     "tier already (Left/Right).", false);
		return;
	}
	if (l->quantity < 2 || l->ntiers < 2) {
		scr_order_message(s, l->ntiers < 2 ? "One price only in this section: nothing to "
				     "split." : "One place on this line: nothing to split.", false);
		return;
	}
	if ((n = new_line(s, s->cursor + 1, &e)) == NULL) {
		scr_order_message(s, e.msg, true);
		return;
	}
	l = &s->lines[s->cursor]; /* new_line may have moved the array */
	*n = *l;
	l->quantity--;
	n->quantity = 1;
	n->tier = (l->tier + 1) % l->ntiers;
	s->cursor++;
	scr_order_message(s, "One place split off: choose its tier with Left/Right.", false);
}

static void move_cursor(struct scr_order *s, enum order_cmd cmd)
{
	size_t page = s->rows > 1 ? (size_t)s->rows - 1 : 1;

	switch (cmd) {
	case ORDER_UP: if (s->cursor > 0) s->cursor--; break;
	case ORDER_DOWN: if (s->cursor + 1 < s->nlines) s->cursor++; break;
	case ORDER_PGUP: s->cursor = s->cursor > page ? s->cursor - page : 0; break;
	case ORDER_PGDN:
		s->cursor = s->cursor + page < s->nlines ? s->cursor + page : s->nlines - 1;
		break;
	case ORDER_HOME: s->cursor = 0; break;
	case ORDER_END: s->cursor = s->nlines - 1; break;
	default: break;
	}
}

/* Commands that act on the line under the cursor. */
static void line_cmd(struct scr_order *s, enum order_cmd cmd)
{
	if (s->nlines == 0) {
		scr_order_message(s, "No seats selected: Esc goes back to the seat map.", false);
		return;
	}
	if (s->cursor >= s->nlines)
		s->cursor = s->nlines - 1;
	switch (cmd) {
	case ORDER_TIER_NEXT: cycle_tier(s, 1); break;
	case ORDER_TIER_PREV: cycle_tier(s, -1); break;
	case ORDER_TIER_ALL: tier_all(s); break;
	case ORDER_QTY_MORE: qty_more(s); break;
	case ORDER_QTY_LESS: qty_less(s); break;
	case ORDER_SPLIT: split(s); break;
	default: move_cursor(s, cmd); break;
	}
}

/* ---- customer ---- */

bool scr_order_email_ok(const char *email)
{
	const char *at = strchr(email, '@');

	if (at == NULL || at == email || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return false;
	for (const unsigned char *p = (const unsigned char *)email; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t' || (p[0] == 0xC2 && p[1] == 0xA0))
			return false; /* a no-break space too: it hides in pasted text */
	return true;
}

static bool phone_ok(const char *p)
{
	int digits = 0;

	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr(" +-()/.", *p) == NULL)
			return false;
	}
	return digits >= 3;
}

/* Copies text without the spaces around it. */
static void trimmed(char *dst, size_t size, const char *src)
{
	size_t n;

	while (*src == ' ')
		src++;
	n = strlen(src);
	while (n > 0 && src[n - 1] == ' ')
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static struct field *focused_field(struct scr_order *s)
{
	switch (s->focus) {
	case ORDER_FOCUS_NAME: return &s->name;
	case ORDER_FOCUS_EMAIL: return &s->email;
	case ORDER_FOCUS_PHONE: return &s->phone;
	case ORDER_FOCUS_LINES: break;
	}
	return NULL;
}

static bool bad_customer(struct scr_order *s, enum order_focus where, const char *msg)
{
	s->focus = where;
	scr_order_message(s, msg, true);
	return false;
}

/* Checks the fields and keeps trimmed copies for the getter. */
static bool check_customer(struct scr_order *s)
{
	char name[FIELD_SIZE], email[FIELD_SIZE], phone[FIELD_SIZE], msg[FIELD_SIZE + 128];

	trimmed(name, sizeof name, field_text(&s->name));
	trimmed(email, sizeof email, field_text(&s->email));
	trimmed(phone, sizeof phone, field_text(&s->phone));
	if (email[0] != '\0' && !scr_order_email_ok(email)) {
		snprintf(msg, sizeof msg, "\"%.60s\" is not an e-mail address: it needs one @ with "
			 "text on both sides and no spaces. Leave it empty for a walk-up sale.", email);
		return bad_customer(s, ORDER_FOCUS_EMAIL, msg);
	}
	if (phone[0] != '\0' && !phone_ok(phone))
		return bad_customer(s, ORDER_FOCUS_PHONE, "A phone number has digits, and may have "
				    "spaces and + - ( ) / . but nothing else.");
	if (name[0] == '\0' && (email[0] != '\0' || phone[0] != '\0'))
		return bad_customer(s, ORDER_FOCUS_NAME, "Type the customer's name too, or clear "
				    "e-mail and phone for a walk-up sale.");
	memcpy(s->cust_name, name, sizeof name);
	memcpy(s->cust_email, email, sizeof email);
	memcpy(s->cust_phone, phone, sizeof phone);
	return true;
}

static void move_focus(struct scr_order *s, int step)
{
	char email[FIELD_SIZE];

	if (s->focus == ORDER_FOCUS_EMAIL) { /* say it now, not only at Enter */
		trimmed(email, sizeof email, field_text(&s->email));
		if (email[0] != '\0' && !scr_order_email_ok(email))
			scr_order_message(s, "That is not an e-mail address (name@domain, no "
					     "spaces).", true);
	}
	s->focus = (enum order_focus)(((int)s->focus + 4 + step) % 4);
}

static enum order_cmd confirm(struct scr_order *s)
{
	if (s->nlines == 0) {
		scr_order_message(s, "Nothing to order: go back to the seat map (Esc) and select "
				     "seats.", true);
		return ORDER_NONE;
	}
	if (!check_customer(s))
		return ORDER_NONE;
	return ORDER_CONFIRM;
}

enum order_cmd scr_order_do(struct scr_order *s, enum order_cmd cmd, bool is_code, wint_t key)
{
	if (cmd != ORDER_NONE && cmd != ORDER_CANCEL && cmd != ORDER_HELP)
		scr_order_message(s, NULL, false);
	switch (cmd) {
	case ORDER_UP: case ORDER_DOWN: case ORDER_PGUP: case ORDER_PGDN: case ORDER_HOME:
	case ORDER_END: case ORDER_TIER_NEXT: case ORDER_TIER_PREV: case ORDER_TIER_ALL:
	case ORDER_QTY_MORE: case ORDER_QTY_LESS: case ORDER_SPLIT:
		line_cmd(s, cmd);
		return ORDER_NONE;
	case ORDER_NEXT_FIELD: move_focus(s, 1); return ORDER_NONE;
	case ORDER_PREV_FIELD: move_focus(s, -1); return ORDER_NONE;
	case ORDER_EDIT:
		if (focused_field(s) != NULL)
			field_edit(focused_field(s), field_key(is_code, key), key);
		return ORDER_NONE;
	case ORDER_CANCEL:
		if (s->help)
			s->help = false;
		else
			s->focus = ORDER_FOCUS_LINES;
		return ORDER_NONE;
	case ORDER_HELP: s->help = true; return ORDER_NONE;
	case ORDER_CONFIRM: return confirm(s);
	case ORDER_BACK: return ORDER_BACK;
	case ORDER_NONE: break;
	}
	return ORDER_NONE;
}

void scr_order_recalc(struct scr_order *s, int height, int width)
{
	(void)width;
	if (s->cursor >= s->nlines)
		s->cursor = s->nlines > 0 ? s->nlines - 1 : 0;
	s->rows = height - CHROME_ROWS > 0 ? height - CHROME_ROWS : 0;
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (s->rows > 0 && s->cursor >= s->top + (size_t)s->rows)
		s->top = s->cursor - (size_t)s->rows + 1;
	if (s->top + (size_t)s->rows > s->nlines)
		s->top = s->nlines > (size_t)s->rows ? s->nlines - (size_t)s->rows : 0;
}

/* ---- getters ---- */

size_t scr_order_items(const struct scr_order *s, struct sale_item *out, size_t max)
{
	for (size_t i = 0; i < s->nlines && i < max; i++) {
		const struct order_line *l = &s->lines[i];

		out[i].seat_id = is_ga(l) ? NULL : l->seat_id;
		out[i].tier_id = l->tiers[l->tier]->id;
		out[i].quantity = l->quantity;
	}
	return s->nlines;
}

void scr_order_customer(const struct scr_order *s, struct customer *c)
{
	c->name = s->cust_name[0] != '\0' ? s->cust_name : NULL;
	c->email = s->cust_email[0] != '\0' ? s->cust_email : NULL;
	c->phone = s->cust_phone[0] != '\0' ? s->cust_phone : NULL;
}

/* ---- drawing ---- */

struct columns {
	int seat_x, seat_w, sec_x, sec_w, tier_x, tier_w;
	int price_x, price_w, fee_x, fee_w, amt_x, amt_w;
};

static struct columns layout(int width)
{
	struct columns c;
	int rest = width - 47; /* what the fixed columns and gaps leave; the last
				 * column is for the scroll marks */

	c.seat_x = 2, c.seat_w = 12;
	c.sec_w = rest * 45 / 100 > 30 ? 30 : rest * 45 / 100;
	c.tier_w = rest - c.sec_w;
	c.sec_x = c.seat_x + c.seat_w + 1;
	c.tier_x = c.sec_x + c.sec_w + 1;
	c.price_w = 9, c.price_x = c.tier_x + c.tier_w + 1;
	c.fee_w = 7, c.fee_x = c.price_x + c.price_w + 1;
	c.amt_w = 10, c.amt_x = c.fee_x + c.fee_w + 1;
	return c;
}

static const char *dash(const struct scr_order *s)
{
	return s->style->ascii ? "-" : "—";
}

static void format_clock(long secs, char *buf, size_t size)
{
	if (secs >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(buf, size, "%ld:%02ld", secs / 60, secs % 60);
}

/* A horizontal rule across the window: a box-drawing line, or '-'. */
static void draw_rule(WINDOW *w, int y, int width, bool ascii)
{
	cchar_t line;

	if (ascii || setcchar(&line, L"─", A_NORMAL, 0, NULL) == ERR) {
		mvwhline(w, y, 0, '-', width);
		return;
	}
	mvwhline_set(w, y, 0, &line, width);
}

static void draw_title(const struct scr_order *s, WINDOW *w, int width)
{
	char t[256], right[64], clock[32];
	bool a = s->style->ascii;
	int rw = 0;

	snprintf(t, sizeof t, " Order %s %s", dash(s), s->title);
	if (s->countdown > 0) {
		format_clock(s->countdown, clock, sizeof clock);
		snprintf(right, sizeof right, " Seats held %s ", clock);
	} else {
		snprintf(right, sizeof right, "%s", s->countdown == 0 ? " Hold expired " : "");
	}
	rw = draw_width(right, a);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width - rw, t, a);
	if (rw > 0) {
		if (s->countdown < 60)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, 0, width - rw, rw, right, a);
	}
	wattrset(w, A_NORMAL);
}

static void draw_heads(const struct scr_order *s, WINDOW *w, const struct columns *c)
{
	bool a = s->style->ascii;

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 1, c->seat_x, c->seat_w, "Seat", a);
	draw_text(w, 1, c->sec_x, c->sec_w, "Section", a);
	draw_text(w, 1, c->tier_x, c->tier_w, "Tier", a);
	draw_text_right(w, 1, c->price_x, c->price_w, "Price", a);
	draw_text_right(w, 1, c->fee_x, c->fee_w, "Fee", a);
	draw_text_right(w, 1, c->amt_x, c->amt_w, "Amount", a);
	wattrset(w, A_NORMAL);
}

static void draw_line(const struct scr_order *s, WINDOW *w, int y, const struct columns *c,
		      size_t i, int width)
{
	const struct order_line *l = &s->lines[i];
	const struct tier *t = l->tiers[l->tier];
	bool a = s->style->ascii, cur = i == s->cursor && s->focus == ORDER_FOCUS_LINES;
	char label[96], money[32];

	if (is_ga(l))
		snprintf(label, sizeof label, "%d place%s", l->quantity, l->quantity == 1 ? "" : "s");
	else
		scr_order_seat_label(l, label, sizeof label);
	if (l->accessible) /* label holds at most 63 + 1 + 31 bytes */
		strncat(label, a ? " (acc)" : " ♿", sizeof label - strlen(label) - 1);
	wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
	mvwhline(w, y, 0, ' ', width);
	if (cur)
		mvwaddch(w, y, 0, '>');
	draw_text(w, y, c->seat_x, c->seat_w, label, a);
	draw_text(w, y, c->sec_x, c->sec_w, l->section, a);
	draw_text(w, y, c->tier_x, c->tier_w, t->name, a);
	draw_text_right(w, y, c->price_x, c->price_w, money_show(t->price, money, sizeof money), a);
	draw_text_right(w, y, c->fee_x, c->fee_w, money_show(t->fee, money, sizeof money), a);
	draw_text_right(w, y, c->amt_x, c->amt_w,
			money_show((t->price + t->fee) * l->quantity, money, sizeof money), a);
	wattrset(w, A_NORMAL);
}

static void draw_lines(const struct scr_order *s, WINDOW *w, const struct columns *c, int width)
{
	if (s->nlines == 0) {
		draw_text(w, 3, 2, width - 4, "No seats selected: Esc goes back to the seat map.",
			  s->style->ascii);
		return;
	}
	for (int r = 0; r < s->rows && s->top + (size_t)r < s->nlines; r++)
		draw_line(s, w, 2 + r, c, s->top + (size_t)r, width);
	if (s->top > 0)
		mvwaddstr(w, 2, width - 1, s->style->ascii ? "^" : "↑");
	if (s->top + (size_t)s->rows < s->nlines)
		mvwaddstr(w, 1 + s->rows, width - 1, s->style->ascii ? "v" : "↓");
}

/* The totals row and, under it, the tiers the cursor's line may take. */
static void draw_totals(const struct scr_order *s, WINDOW *w, int y, const struct columns *c,
			int width)
{
	char left[64], right[96], tot[32], fee[32], tiers[512], one[160];
	const struct order_line *l;
	int64_t total, fees;
	int n, rw;
	bool a = s->style->ascii;

	draw_rule(w, y - 1, width, a);
	scr_order_totals(s, &total, &fees, &n);
	snprintf(left, sizeof left, "%d ticket%s", n, n == 1 ? "" : "s");
	snprintf(right, sizeof right, "Fees %s    Total %s", money_show(fees, fee, sizeof fee),
		 money_show(total, tot, sizeof tot));
	rw = draw_width(right, a);
	draw_text(w, y, c->seat_x, c->amt_x + c->amt_w - rw - c->seat_x, left, a);
	wattrset(w, A_BOLD);
	draw_text(w, y, c->amt_x + c->amt_w - rw, rw, right, a);
	wattrset(w, A_NORMAL);
	if (s->nlines == 0 || s->cursor >= s->nlines)
		return;
	l = &s->lines[s->cursor];
	snprintf(tiers, sizeof tiers, "%s:", l->section);
	for (size_t k = 0; k < l->ntiers; k++) {
		snprintf(one, sizeof one, k == l->tier ? " [%s %s+%s]" : "  %s %s+%s ",
			 l->tiers[k]->name, money_show(l->tiers[k]->price, tot, sizeof tot),
			 money_show(l->tiers[k]->fee, fee, sizeof fee));
		strncat(tiers, one, sizeof tiers - strlen(tiers) - 1);
	}
	draw_text(w, y + 1, c->seat_x, width - c->seat_x - 1, tiers, a);
}

static void draw_customer(const struct scr_order *s, WINDOW *w, int y, int width)
{
	static const char *const labels[] = { "Name", "E-mail", "Phone" };
	const struct field *f[] = { &s->name, &s->email, &s->phone };
	bool a = s->style->ascii;
	int fw = width - 36 < 44 ? width - 36 : 44;
	char email[FIELD_SIZE];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, y, 2, 50, "Customer (optional: empty is a walk-up sale)", a);
	wattrset(w, A_NORMAL);
	for (int i = 0; i < 3; i++) {
		draw_text(w, y + 1 + i, 2, 8, labels[i], a);
		field_draw(f[i], w, y + 1 + i, 11, fw, false);
	}
	trimmed(email, sizeof email, field_text(&s->email));
	if (email[0] != '\0' && !scr_order_email_ok(email)) {
		wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, y + 2, 11 + fw + 2, width - fw - 14, "not an e-mail address", a);
		wattrset(w, A_NORMAL);
	}
}

static const char *keys_text(const struct scr_order *s)
{
	const struct order_line *l = s->cursor < s->nlines ? &s->lines[s->cursor] : NULL;
	bool a = s->style->ascii;

	if (s->focus != ORDER_FOCUS_LINES)
		return a ? " type  Tab/Down next  Shift-Tab/Up back  ^U clear  Enter pay  Esc lines"
			 : " type  Tab/↓ next  Shift-Tab/↑ back  ^U clear  Enter pay  Esc lines";
	if (l != NULL && is_ga(l))
		return a ? " j/k move  h/l tier  +/- places  s split  Tab name  Enter pay  Esc back"
			   "  ? help"
			 : " ↑↓ move  ←→ tier  +- places  s split  Tab customer  Enter pay  Esc back"
			   "  ? help";
	return a ? " j/k move  h/l tier  a whole section  Tab customer  Enter pay  Esc back"
		   "  ? help"
		 : " ↑↓ move  ←→ tier  a whole section  Tab customer  Enter pay  Esc back  ? help";
}

static void draw_bottom(const struct scr_order *s, WINDOW *w, int height, int width)
{
	char expired[96];
	bool a = s->style->ascii;

	snprintf(expired, sizeof expired, "Hold expired %s go back and select again", dash(s));
	mvwhline(w, height - 2, 0, ' ', width);
	if (s->status[0] != '\0' || s->countdown == 0) {
		if (s->status_error || s->status[0] == '\0')
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status[0] != '\0' ? s->status : expired, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width, keys_text(s), a);
	wattrset(w, A_NORMAL);
}

static void draw_help(const struct scr_order *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Up, Down, j, k    move between the lines",
		"Left, Right, t    change the tier of the line",
		"a                 its tier for the whole section",
		"+, -              general admission: more, fewer",
		"s                 split a GA place off (own tier)",
		"Tab, c            customer name, e-mail, phone",
		"Ctrl-U            clear the field",
		"Enter             make the order, go to payment",
		"Esc               back to the seat map (seats",
		"                  stay held)",
		"? or F1           this help",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: order", lines,
		   (int)(sizeof lines / sizeof lines[0]), 56);
}

void scr_order_draw(const struct scr_order *s, WINDOW *w)
{
	int height, width;
	struct columns c;
	const struct field *f;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	c = layout(width);
	draw_title(s, w, width);
	draw_heads(s, w, &c);
	draw_lines(s, w, &c, width);
	draw_totals(s, w, height - 8, &c, width);
	draw_customer(s, w, height - 6, width);
	draw_bottom(s, w, height, width);
	if (s->help) {
		draw_help(s, w, height, width);
		return;
	}
	/* The focused field last, so the window's cursor stays on it. */
	f = s->focus == ORDER_FOCUS_NAME ? &s->name : s->focus == ORDER_FOCUS_EMAIL ? &s->email
	  : s->focus == ORDER_FOCUS_PHONE ? &s->phone : NULL;
	if (f != NULL)
		field_draw(f, w, height - 5 + (int)s->focus - 1, 11,
			   width - 36 < 44 ? width - 36 : 44, true);
}
