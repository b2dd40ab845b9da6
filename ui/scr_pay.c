/* scr_pay: tenders, split payment, change due. */
#include "scr_pay.h"

#include "money.h"

#include <stdio.h>
#include <string.h>

/* Rows that are not payment rows: title, blank, total, paid, remaining,
 * blank, heading above; rule, form title, two fields, blank, change due,
 * blank, message, key bar below. */
#define CHROME_ROWS 16

#define CTRL(c) ((c) & 0x1f)

struct key_binding {
	bool is_code;
	wint_t key;
	enum pay_cmd cmd;
};

static const struct key_binding keys_list[] = {
	{ false, '1', PAY_PICK_CASH }, { false, '2', PAY_PICK_CARD }, { false, '3', PAY_PICK_COMP },
	{ true, KEY_UP, PAY_UP }, { false, 'k', PAY_UP },
	{ true, KEY_DOWN, PAY_DOWN }, { false, 'j', PAY_DOWN },
	{ false, 'x', PAY_REMOVE }, { true, KEY_DC, PAY_REMOVE },
	{ true, KEY_ENTER, PAY_CONFIRM }, { false, '\r', PAY_CONFIRM }, { false, '\n', PAY_CONFIRM },
	{ false, 27, PAY_ASK_ABANDON },
	{ false, '?', PAY_HELP }, { true, KEY_F(1), PAY_HELP },
};

static const struct key_binding keys_form[] = {
	{ false, '\t', PAY_NEXT_FIELD }, { true, KEY_DOWN, PAY_NEXT_FIELD },
	{ true, KEY_BTAB, PAY_PREV_FIELD }, { true, KEY_UP, PAY_PREV_FIELD },
	{ true, KEY_ENTER, PAY_ADD }, { false, '\r', PAY_ADD }, { false, '\n', PAY_ADD },
	{ false, 27, PAY_CANCEL }, { true, KEY_F(1), PAY_HELP },
};

static const struct key_binding keys_ask[] = {
	{ false, 'y', PAY_YES }, { false, 'Y', PAY_YES },
	{ false, 'n', PAY_CANCEL }, { false, 'N', PAY_CANCEL }, { false, 27, PAY_CANCEL },
};

#define LOOKUP(t, c, k) lookup((t), sizeof(t) / sizeof((t)[0]), (c), (k))

static enum pay_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return PAY_NONE;
}

void scr_pay_init(struct scr_pay *s, const struct ui_style *st, const char *title)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->title, sizeof s->title, "%s", title != NULL ? title : "");
	s->countdown = -1;
	field_init(&s->amount, 16, FIELD_AMOUNT, st->ascii);
	field_init(&s->second, 100, FIELD_TEXT, st->ascii);
}

void scr_pay_set_order(struct scr_pay *s, int64_t total, int64_t fees)
{
	s->total = total;
	s->fees = fees;
}

void scr_pay_set_can_comp(struct scr_pay *s, bool can)
{
	s->can_comp = can;
}

void scr_pay_set_countdown(struct scr_pay *s, long seconds)
{
	s->countdown = seconds;
}

void scr_pay_clear_tenders(struct scr_pay *s)
{
	s->ntenders = 0;
	s->cursor = s->top = 0;
	s->mode = PAY_MODE_LIST;
}

/* Copies src into dst, cut at a character boundary when too long. */
void scr_pay_message(struct scr_pay *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

enum pay_cmd scr_pay_key(const struct scr_pay *s, bool is_code, wint_t key)
{
	enum pay_cmd c;

	if (s->help) /* any key closes help */
		return PAY_CANCEL;
	switch (s->mode) {
	case PAY_MODE_LIST:
		return LOOKUP(keys_list, is_code, key);
	case PAY_MODE_ASK:
		return LOOKUP(keys_ask, is_code, key);
	case PAY_MODE_FORM:
		break;
	}
	c = LOOKUP(keys_form, is_code, key);
	if (c != PAY_NONE)
		return c;
	return field_key(is_code, key) != FIELD_OP_NONE ? PAY_EDIT : PAY_NONE;
}

/* ---- sums ---- */

int64_t scr_pay_paid(const struct scr_pay *s)
{
	int64_t paid = 0;

	for (size_t i = 0; i < s->ntenders; i++)
		paid += s->tenders[i].amount;
	return paid;
}

int64_t scr_pay_remaining(const struct scr_pay *s)
{
	return s->total - scr_pay_paid(s);
}

int64_t scr_pay_change_due(const struct scr_pay *s)
{
	int64_t change = 0;

	for (size_t i = 0; i < s->ntenders; i++)
		if (s->tenders[i].method == PAY_CASH)
			change += s->tenders[i].tendered - s->tenders[i].amount;
	return change;
}

size_t scr_pay_payments(const struct scr_pay *s, struct payment *out, size_t max)
{
	if (s->ntenders == 0 && s->total == 0) {
		if (max > 0)
			out[0] = (struct payment){ .method = PAY_CASH };
		return 1;
	}
	for (size_t i = 0; i < s->ntenders && i < max; i++) {
		const struct pay_tender *t = &s->tenders[i];

		out[i] = (struct payment){ .method = t->method, .amount = t->amount,
					   .tendered = t->tendered };
		if (t->method == PAY_CARD)
			out[i].reference = t->note;
		else if (t->method == PAY_COMP)
			out[i].reason = t->note;
	}
	return s->ntenders;
}

/* ---- tender forms ---- */

static const char *method_name(enum pay_method m)
{
	switch (m) {
	case PAY_CASH: return "Cash";
	case PAY_CARD: return "Card";
	case PAY_COMP: return "Comp";
	}
	return "?";
}

static void open_form(struct scr_pay *s, enum pay_method m)
{
	int64_t remaining = scr_pay_remaining(s);
	char amount[32], msg[128];

	if (m == PAY_COMP && !s->can_comp) {
		scr_pay_message(s, "Only a supervisor may comp.", true);
		return;
	}
	if (remaining <= 0) {
		scr_pay_message(s, remaining == 0 ? "Nothing remains to pay: Enter confirms."
				  : "Paid more than the total: remove a payment (x).", remaining < 0);
		return;
	}
	if (s->ntenders == PAY_TENDERS_MAX) {
		snprintf(msg, sizeof msg, "At most %d payments for one order.", PAY_TENDERS_MAX);
		scr_pay_message(s, msg, true);
		return;
	}
	s->mode = PAY_MODE_FORM;
	s->form = m;
	s->form_focus = 0;
	s->tendered_touched = false;
	money_text(remaining, amount, sizeof amount);
	field_set(&s->amount, amount, true);
	field_init(&s->second, m == PAY_CASH ? 16 : 100, m == PAY_CASH ? FIELD_AMOUNT : FIELD_TEXT,
		   s->style->ascii);
	field_set(&s->second, m == PAY_CASH ? amount : "", m == PAY_CASH);
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

static bool refuse(struct scr_pay *s, int focus, const char *msg)
{
	s->form_focus = focus;
	scr_pay_message(s, msg, true);
	return false;
}

/* The cash form as a tender: what is paid is capped at what remains; the
 * rest of what was typed counts as handed over. */
static bool cash_tender(const struct scr_pay *s, struct pay_tender *t, struct err *e, int *focus)
{
	int64_t remaining = scr_pay_remaining(s);
	char a[32], b[32];

	*focus = 1;
	if (!money_parse(field_text(&s->second), &t->tendered, e))
		return false;
	if (t->amount > remaining)
		t->amount = remaining;
	if (t->tendered < t->amount)
		return err_set(e, ERR_INPUT, "Tendered %s is less than the amount %s.",
			       money_show(t->tendered, a, sizeof a), money_show(t->amount, b, sizeof b));
	return true;
}

/* Reads the open form into *t; false with the message and the field to fix. */
static bool form_tender(const struct scr_pay *s, struct pay_tender *t, struct err *e, int *focus)
{
	int64_t remaining = scr_pay_remaining(s);
	char a[32];

	memset(t, 0, sizeof *t);
	t->method = s->form;
	*focus = 0;
	if (!money_parse(field_text(&s->amount), &t->amount, e))
		return false;
	if (t->amount == 0)
		return err_set(e, ERR_INPUT, "An amount must be more than 0.00.");
	if (s->form == PAY_CASH)
		return cash_tender(s, t, e, focus);
	if (t->amount > remaining)
		return err_set(e, ERR_INPUT, "A %s payment cannot be more than what remains (%s).",
			       s->form == PAY_CARD ? "card" : "comp",
			       money_show(remaining, a, sizeof a));
	t->tendered = t->amount;
	trimmed(t->note, sizeof t->note, field_text(&s->second));
	*focus = 1;
	if (t->note[0] == '\0')
		return err_set(e, ERR_INPUT, "%s", s->form == PAY_CARD
			       ? "Type the card terminal's reference for this payment."
			       : "Type the reason for the comp (e.g. artist guest).");
	return true;
}

static bool add_tender(struct scr_pay *s)
{
	struct pay_tender t;
	struct err e;
	char a[32], b[32], c[32], msg[160];
	int focus;

	err_clear(&e);
	if (!form_tender(s, &t, &e, &focus))
		return refuse(s, focus, e.msg);
	s->tenders[s->ntenders] = t;
	s->cursor = s->ntenders++;
	s->mode = PAY_MODE_LIST;
	if (t.method == PAY_CASH && t.tendered > t.amount)
		snprintf(msg, sizeof msg, "Cash %s taken, %s handed over: change %s.",
			 money_show(t.amount, a, sizeof a), money_show(t.tendered, b, sizeof b),
			 money_show(t.tendered - t.amount, c, sizeof c));
	else
		snprintf(msg, sizeof msg, "%s %s taken.", method_name(t.method),
			 money_show(t.amount, a, sizeof a));
	scr_pay_message(s, msg, false);
	return true;
}

static void remove_tender(struct scr_pay *s)
{
	char a[32], msg[96];

	if (s->ntenders == 0) {
		scr_pay_message(s, "No payment to remove.", false);
		return;
	}
	if (s->cursor >= s->ntenders)
		s->cursor = s->ntenders - 1;
	snprintf(msg, sizeof msg, "Removed: %s %s.", method_name(s->tenders[s->cursor].method),
		 money_show(s->tenders[s->cursor].amount, a, sizeof a));
	memmove(&s->tenders[s->cursor], &s->tenders[s->cursor + 1],
		(s->ntenders - s->cursor - 1) * sizeof s->tenders[0]);
	s->ntenders--;
	if (s->cursor > 0 && s->cursor >= s->ntenders)
		s->cursor--;
	scr_pay_message(s, msg, false);
}

static void edit(struct scr_pay *s, bool is_code, wint_t key)
{
	struct field *f = s->form_focus == 0 ? &s->amount : &s->second;

	field_edit(f, field_key(is_code, key), key);
	if (s->form != PAY_CASH)
		return;
	if (s->form_focus == 1)
		s->tendered_touched = true;
	else if (!s->tendered_touched) /* tendered follows the amount until typed into */
		field_set(&s->second, field_text(&s->amount), true);
}

static enum pay_cmd confirm(struct scr_pay *s)
{
	int64_t remaining = scr_pay_remaining(s);
	char a[32], msg[160];

	if (remaining > 0) {
		snprintf(msg, sizeof msg, "Still to pay: %s. Choose 1 cash, 2 card%s.",
			 money_show(remaining, a, sizeof a), s->can_comp ? " or 3 comp" : "");
		scr_pay_message(s, msg, true);
		return PAY_NONE;
	}
	if (remaining < 0) {
		snprintf(msg, sizeof msg, "Payments are %s over the total: remove one (x).",
			 money_show(-remaining, a, sizeof a));
		scr_pay_message(s, msg, true);
		return PAY_NONE;
	}
	return PAY_CONFIRM;
}

enum pay_cmd scr_pay_do(struct scr_pay *s, enum pay_cmd cmd, bool is_code, wint_t key)
{
	if (cmd != PAY_NONE && cmd != PAY_HELP && cmd != PAY_CANCEL)
		scr_pay_message(s, NULL, false);
	switch (cmd) {
	case PAY_UP: if (s->cursor > 0) s->cursor--; return PAY_NONE;
	case PAY_DOWN: if (s->cursor + 1 < s->ntenders) s->cursor++; return PAY_NONE;
	case PAY_PICK_CASH: open_form(s, PAY_CASH); return PAY_NONE;
	case PAY_PICK_CARD: open_form(s, PAY_CARD); return PAY_NONE;
	case PAY_PICK_COMP: open_form(s, PAY_COMP); return PAY_NONE;
	case PAY_REMOVE: remove_tender(s); return PAY_NONE;
	case PAY_NEXT_FIELD: case PAY_PREV_FIELD: s->form_focus = !s->form_focus; return PAY_NONE;
	case PAY_EDIT: if (s->mode == PAY_MODE_FORM) edit(s, is_code, key); return PAY_NONE;
	case PAY_ADD: if (s->mode == PAY_MODE_FORM) add_tender(s); return PAY_NONE;
	case PAY_CANCEL:
		if (s->help)
			s->help = false;
		else
			s->mode = PAY_MODE_LIST;
		return PAY_NONE;
	case PAY_HELP: s->help = true; return PAY_NONE;
	case PAY_ASK_ABANDON: s->mode = PAY_MODE_ASK; return PAY_NONE;
	case PAY_YES:
		s->mode = PAY_MODE_LIST;
		return PAY_ABANDON;
	case PAY_CONFIRM: return confirm(s);
	case PAY_ABANDON: return PAY_ABANDON;
	case PAY_NONE: break;
	}
	return PAY_NONE;
}

void scr_pay_recalc(struct scr_pay *s, int height, int width)
{
	(void)width;
	if (s->cursor >= s->ntenders)
		s->cursor = s->ntenders > 0 ? s->ntenders - 1 : 0;
	s->rows = height - CHROME_ROWS > 0 ? height - CHROME_ROWS : 0;
	if (s->cursor < s->top)
		s->top = s->cursor;
	if (s->rows > 0 && s->cursor >= s->top + (size_t)s->rows)
		s->top = s->cursor - (size_t)s->rows + 1;
	if (s->top + (size_t)s->rows > s->ntenders)
		s->top = s->ntenders > (size_t)s->rows ? s->ntenders - (size_t)s->rows : 0;
}

/* ---- drawing ---- */

static const char *dash(const struct scr_pay *s)
{
	return s->style->ascii ? "-" : "—";
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

static void draw_title(const struct scr_pay *s, WINDOW *w, int width)
{
	char t[256], right[64];
	bool a = s->style->ascii;
	long c = s->countdown;
	int rw;

	snprintf(t, sizeof t, " Payment %s %s", dash(s), s->title);
	if (c > 0 && c >= 3600)
		snprintf(right, sizeof right, " Pay within %ld:%02ld:%02ld ", c / 3600, c / 60 % 60,
			 c % 60);
	else if (c > 0)
		snprintf(right, sizeof right, " Pay within %ld:%02ld ", c / 60, c % 60);
	else
		snprintf(right, sizeof right, "%s", c == 0 ? " Time to pay is up " : "");
	rw = draw_width(right, a);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width - rw, t, a);
	if (rw > 0) {
		if (c < 60)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, 0, width - rw, rw, right, a);
	}
	wattrset(w, A_NORMAL);
}

static void draw_sums(const struct scr_pay *s, WINDOW *w)
{
	char v[32], f[32], note[64];
	int64_t remaining = scr_pay_remaining(s);
	bool a = s->style->ascii;

	draw_text(w, 2, 2, 14, "Order total", a);
	draw_text_right(w, 2, 16, 12, money_show(s->total, v, sizeof v), a);
	snprintf(note, sizeof note, "(fees %s included)", money_show(s->fees, f, sizeof f));
	draw_text(w, 2, 30, 30, note, a);
	draw_text(w, 3, 2, 14, "Paid", a);
	draw_text_right(w, 3, 16, 12, money_show(scr_pay_paid(s), v, sizeof v), a);
	wattrset(w, A_BOLD);
	draw_text(w, 4, 2, 14, remaining < 0 ? "Over by" : "Remaining", a);
	draw_text_right(w, 4, 16, 12, money_show(remaining < 0 ? -remaining : remaining, v,
						 sizeof v), a);
	wattrset(w, A_NORMAL);
}

static void tender_text(const struct pay_tender *t, char *buf, size_t size)
{
	char a[32], b[32];

	switch (t->method) {
	case PAY_CASH:
		snprintf(buf, size, "tendered %s, change %s", money_show(t->tendered, a, sizeof a),
			 money_show(t->tendered - t->amount, b, sizeof b));
		break;
	case PAY_CARD:
		snprintf(buf, size, "reference %s", t->note);
		break;
	case PAY_COMP:
		snprintf(buf, size, "reason: %s", t->note);
		break;
	}
}

static void draw_tenders(const struct scr_pay *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	char num[24], v[32], text[FIELD_SIZE + 64];

	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 6, 2, 20, "Payments", a);
	wattrset(w, A_NORMAL);
	if (s->ntenders == 0)
		draw_text(w, 7, 4, width - 6, "None yet.", a);
	for (int r = 0; r < s->rows && s->top + (size_t)r < s->ntenders; r++) {
		size_t i = s->top + (size_t)r;
		bool cur = i == s->cursor && s->mode == PAY_MODE_LIST;
		const struct pay_tender *t = &s->tenders[i];

		wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, 7 + r, 0, ' ', width);
		snprintf(num, sizeof num, "%zu", i + 1);
		draw_text_right(w, 7 + r, 1, 3, num, a);
		draw_text(w, 7 + r, 6, 6, method_name(t->method), a);
		draw_text_right(w, 7 + r, 12, 12, money_show(t->amount, v, sizeof v), a);
		tender_text(t, text, sizeof text);
		draw_text(w, 7 + r, 27, width - 28, text, a);
		wattrset(w, A_NORMAL);
	}
}

static void draw_form(const struct scr_pay *s, WINDOW *w, int y, int width)
{
	static const char *const second[] = { "Tendered", "Reference", "Reason" };
	char t[128], v[32], c[64];
	bool a = s->style->ascii;
	int64_t amount, tendered, remaining = scr_pay_remaining(s);
	struct err e;

	snprintf(t, sizeof t, "%s payment %s %s remains", method_name(s->form), dash(s),
		 money_show(remaining, v, sizeof v));
	wattrset(w, A_BOLD);
	draw_text(w, y, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	draw_text(w, y + 1, 4, 10, "Amount", a);
	field_draw(&s->amount, w, y + 1, 15, 16, false);
	draw_text(w, y + 2, 4, 10, second[s->form], a);
	field_draw(&s->second, w, y + 2, 15, s->form == PAY_CASH ? 16 : 40, false);
	if (s->form == PAY_CASH && money_parse(field_text(&s->amount), &amount, &e) &&
	    money_parse(field_text(&s->second), &tendered, &e)) {
		if (amount > remaining)
			amount = remaining;
		if (tendered >= amount) {
			snprintf(c, sizeof c, "Change due: %s", money_show(tendered - amount, v,
									   sizeof v));
			draw_text(w, y + 2, 34, width - 35, c, a);
		}
	}
}

/* The focused field drawn again, last, so the window's cursor ends on it. */
static void draw_focus(const struct scr_pay *s, WINDOW *w, int y)
{
	field_draw(s->form_focus == 0 ? &s->amount : &s->second, w, y + 1 + s->form_focus, 15,
		   s->form_focus == 0 || s->form == PAY_CASH ? 16 : 40, true);
}

static void draw_hint(const struct scr_pay *s, WINDOW *w, int y, int width)
{
	char t[160], v[32];
	int64_t remaining = scr_pay_remaining(s);

	if (remaining > 0)
		snprintf(t, sizeof t, "To pay: %s. Choose 1 cash, 2 card%s.",
			 money_show(remaining, v, sizeof v), s->can_comp ? " or 3 comp" : "");
	else if (remaining == 0)
		snprintf(t, sizeof t, "Paid in full. Enter confirms and issues the tickets.");
	else
		snprintf(t, sizeof t, "Paid %s too much: remove a payment (x).",
			 money_show(-remaining, v, sizeof v));
	wattrset(w, A_BOLD);
	draw_text(w, y, 2, width - 4, t, s->style->ascii);
	wattrset(w, A_NORMAL);
}

static void draw_change(const struct scr_pay *s, WINDOW *w, int y, int width)
{
	char t[64], v[32];
	int64_t change = scr_pay_change_due(s);

	if (change <= 0)
		return;
	snprintf(t, sizeof t, " Change due: %s ", money_show(change, v, sizeof v));
	wattrset(w, draw_attr(s->style, ROLE_LOW) | A_REVERSE);
	draw_text(w, y, 2, draw_width(t, true) < width - 4 ? draw_width(t, true) : width - 4, t,
		  s->style->ascii);
	wattrset(w, A_NORMAL);
}

static const char *keys_text(const struct scr_pay *s)
{
	bool a = s->style->ascii;

	switch (s->mode) {
	case PAY_MODE_ASK:
		return " y abandon the order and release its seats  n keep paying";
	case PAY_MODE_FORM:
		return a ? " type  Tab/Up/Down other field  ^U clear  Enter add  Esc cancel  F1 help"
			 : " type  Tab/↑↓ other field  ^U clear  Enter add  Esc cancel  F1 help";
	case PAY_MODE_LIST:
		break;
	}
	if (s->can_comp)
		return a ? " 1 cash  2 card  3 comp  Up/Dn move  x remove  Enter confirm  Esc abandon"
			   "  ? help"
			 : " 1 cash  2 card  3 comp  ↑↓ move  x remove  Enter confirm  Esc abandon"
			   "  ? help";
	return a ? " 1 cash  2 card  Up/Dn move  x remove  Enter confirm  Esc abandon  ? help"
		 : " 1 cash  2 card  ↑↓ move  x remove  Enter confirm  Esc abandon  ? help";
}

static void draw_bottom(const struct scr_pay *s, WINDOW *w, int height, int width)
{
	char late[96];
	bool a = s->style->ascii;

	snprintf(late, sizeof late, "Time to pay is up %s the order may already be released.",
		 dash(s));
	if (s->status[0] != '\0' || s->countdown == 0) {
		if (s->status_error || s->status[0] == '\0')
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status[0] != '\0' ? s->status : late, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width, keys_text(s), a);
	wattrset(w, A_NORMAL);
}

static void draw_box_text(const struct scr_pay *s, WINDOW *w, const char *const *lines, int n,
			  const char *heading, int bw)
{
	int height, width;

	getmaxyx(w, height, width);
	draw_panel(w, s->style, height, width, heading, lines, n, bw);
}

static void draw_help(const struct scr_pay *s, WINDOW *w)
{
	static const char *const lines[] = {
		"1                 cash: amount, tendered, change",
		"2                 card: amount, terminal reference",
		"3                 comp: amount, reason (supervisor)",
		"Tab, Up, Down     the other field of the form",
		"Enter             add the payment / confirm when",
		"                  nothing remains to pay",
		"Up, Down, j, k    move over the payments taken",
		"x, Delete         remove the payment",
		"Esc               close the form / abandon the",
		"                  order (asks first)",
		"? or F1           this help",
		"",
		"Any key closes this help.",
	};

	draw_box_text(s, w, lines, (int)(sizeof lines / sizeof lines[0]), "Keys: payment", 58);
}

void scr_pay_draw(const struct scr_pay *s, WINDOW *w)
{
	static const char *const ask[] = {
		"Abandon this order and release its seats? (y/n)",
	};
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	draw_title(s, w, width);
	draw_sums(s, w);
	draw_tenders(s, w, width);
	draw_rule(w, height - 9, width, s->style->ascii);
	if (s->mode == PAY_MODE_FORM)
		draw_form(s, w, height - 8, width);
	else
		draw_hint(s, w, height - 8, width);
	draw_change(s, w, height - 4, width);
	draw_bottom(s, w, height, width);
	if (s->mode == PAY_MODE_ASK)
		draw_box_text(s, w, ask, 1, NULL, 54);
	if (s->help)
		draw_help(s, w);
	else if (s->mode == PAY_MODE_FORM)
		draw_focus(s, w, height - 8);
}
