/* scr_done: order reference, tickets, change, and where the printing stands. */
#include "scr_done.h"

#include "money.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows that are not ticket rows: title, blank, summary, blank, column heads
 * above; rule, change, three printing lines, message, key bar below. */
#define CHROME_ROWS 12

struct key_binding {
	bool is_code;
	wint_t key;
	enum done_cmd cmd;
};

static const struct key_binding keys[] = {
	{ true, KEY_ENTER, DONE_NEXT }, { false, '\r', DONE_NEXT }, { false, '\n', DONE_NEXT },
	{ false, 'n', DONE_NEXT },
	{ false, 'q', DONE_QUIT },
	{ false, 'r', DONE_RETRY }, { false, 'p', DONE_PRINTERS },
	{ true, KEY_UP, DONE_UP }, { false, 'k', DONE_UP },
	{ true, KEY_DOWN, DONE_DOWN }, { false, 'j', DONE_DOWN },
	{ true, KEY_PPAGE, DONE_PGUP }, { true, KEY_NPAGE, DONE_PGDN },
	{ false, '?', DONE_HELP }, { true, KEY_F(1), DONE_HELP },
};

void scr_done_init(struct scr_done *s, const struct ui_style *st, const char *title)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->title, sizeof s->title, "%s", title != NULL ? title : "");
}

void scr_done_free(struct scr_done *s)
{
	free(s->tickets);
	s->tickets = NULL;
	s->n = s->cap = 0;
}

/* The first 8 characters of an id, upper-case: what people read out. */
static void short_id(const char *id, char out[16])
{
	size_t i;

	for (i = 0; id != NULL && id[i] != '\0' && i < 8; i++)
		out[i] = (char)toupper((unsigned char)id[i]);
	out[i] = '\0';
}

void scr_done_set_order(struct scr_done *s, const char *order_id, int64_t total, int64_t change)
{
	short_id(order_id, s->ref);
	s->total = total;
	s->change = change;
}

/* Copies src into dst, cut at a character boundary when too long. */
void scr_done_message(struct scr_done *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

void scr_done_set_print(struct scr_done *s, enum done_print state, const char *text)
{
	s->print = state;
	draw_copy(s->print_text, sizeof s->print_text, text);
}

static bool printed(const struct scr_done *s)
{
	return s->print == DONE_PRINT_OK || s->print == DONE_PRINT_BUSY;
}

bool scr_done_add_ticket(struct scr_done *s, const char *ticket_id, const char *seat,
			 const char *section, const char *tier, int64_t price, int64_t fee,
			 struct err *e)
{
	struct done_ticket *t;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;

		if ((t = realloc(s->tickets, cap * sizeof *t)) == NULL)
			return err_set(e, ERR_NOMEM, "Out of memory.");
		s->tickets = t;
		s->cap = cap;
	}
	t = &s->tickets[s->n++];
	memset(t, 0, sizeof *t);
	short_id(ticket_id, t->ticket);
	snprintf(t->seat, sizeof t->seat, "%s",
		 seat != NULL && seat[0] != '\0' ? seat : "General admission");
	snprintf(t->section, sizeof t->section, "%s", section != NULL ? section : "");
	snprintf(t->tier, sizeof t->tier, "%s", tier != NULL ? tier : "");
	t->price = price;
	t->fee = fee;
	return true;
}

static bool add_line(struct scr_done *s, const char *ticket_id, const struct order_line *l,
		     struct err *e)
{
	const struct tier *t = l->tiers[l->tier];
	char label[96];

	scr_order_seat_label(l, label, sizeof label);
	return scr_done_add_ticket(s, ticket_id, label, l->section, t->name, t->price, t->fee, e);
}

/* The next GA line with a place left to label, from line *gi, place *used. */
static const struct order_line *next_ga(const struct scr_order *o, size_t *gi, int *used)
{
	for (; *gi < o->nlines; (*gi)++, *used = 0) {
		const struct order_line *l = &o->lines[*gi];

		if (l->seat_id[0] == '\0' && *used < l->quantity) {
			(*used)++;
			return l;
		}
	}
	return NULL;
}

bool scr_done_fill(struct scr_done *s, const struct scr_order *o, const struct issued *t,
		   struct err *e)
{
	size_t gi = 0;
	int used = 0;

	s->n = 0;
	s->top = 0;
	if (t == NULL) { /* no ticket ids: one row per place of the order */
		for (size_t i = 0; i < o->nlines; i++)
			for (int q = 0; q < o->lines[i].quantity; q++)
				if (!add_line(s, NULL, &o->lines[i], e))
					return false;
		return true;
	}
	for (size_t k = 0; k < t->n; k++) {
		const struct issued_ticket *it = &t->items[k];
		const struct order_line *l = NULL;

		if (it->seat_id[0] == '\0')
			l = next_ga(o, &gi, &used);
		for (size_t i = 0; l == NULL && it->seat_id[0] != '\0' && i < o->nlines; i++)
			if (strcmp(o->lines[i].seat_id, it->seat_id) == 0)
				l = &o->lines[i];
		if (l != NULL ? !add_line(s, it->ticket_id, l, e)
			      : !scr_done_add_ticket(s, it->ticket_id, it->seat_id[0] != '\0'
						     ? "(seat)" : NULL, "", "", 0, 0, e))
			return false;
	}
	return true;
}

enum done_cmd scr_done_key(const struct scr_done *s, bool is_code, wint_t key)
{
	if (s->help)
		return DONE_CANCEL;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].is_code == is_code && keys[i].key == key)
			return keys[i].cmd;
	return DONE_NONE;
}

enum done_cmd scr_done_do(struct scr_done *s, enum done_cmd cmd)
{
	size_t page = s->rows > 1 ? (size_t)s->rows - 1 : 1;
	size_t last = s->n > (size_t)s->rows ? s->n - (size_t)s->rows : 0;

	switch (cmd) {
	case DONE_UP: if (s->top > 0) s->top--; break;
	case DONE_DOWN: if (s->top < last) s->top++; break;
	case DONE_PGUP: s->top = s->top > page ? s->top - page : 0; break;
	case DONE_PGDN: s->top = s->top + page < last ? s->top + page : last; break;
	case DONE_HELP: s->help = true; break;
	case DONE_CANCEL: s->help = false; break;
	case DONE_NEXT: case DONE_QUIT: case DONE_PRINTERS: return cmd;
	case DONE_RETRY:
		if (!printed(s))
			return cmd;
		scr_done_message(s, "The tickets are printed; the help desk reprints a lost one.", false);
		break;
	case DONE_NONE: break;
	}
	return DONE_NONE;
}

void scr_done_recalc(struct scr_done *s, int height, int width)
{
	(void)width;
	s->rows = height - CHROME_ROWS > 0 ? height - CHROME_ROWS : 0;
	if (s->top + (size_t)s->rows > s->n)
		s->top = s->n > (size_t)s->rows ? s->n - (size_t)s->rows : 0;
}

/* ---- drawing ---- */

struct columns {
	int id_x, id_w, seat_x, seat_w, sec_x, sec_w, tier_x, tier_w, price_x, price_w,
	    fee_x, fee_w;
};

static struct columns layout(int width)
{
	struct columns c;
	int rest = width - 51;

	c.id_x = 2, c.id_w = 8;
	c.seat_x = 12, c.seat_w = 18;
	c.sec_x = 31, c.sec_w = rest / 2 > 30 ? 30 : rest / 2;
	c.tier_w = rest - c.sec_w;
	c.tier_x = c.sec_x + c.sec_w + 1;
	c.price_w = 9, c.price_x = c.tier_x + c.tier_w + 1;
	c.fee_w = 7, c.fee_x = c.price_x + c.price_w + 1;
	return c;
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

static void draw_head(const struct scr_done *s, WINDOW *w, const struct columns *c, int width)
{
	char t[256], sum[128], v[32];
	bool a = s->style->ascii;

	snprintf(t, sizeof t, " Sale complete %s %s", a ? "-" : "—", s->title);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width, t, a);
	wattrset(w, A_BOLD);
	snprintf(t, sizeof t, "Order %s", s->ref);
	draw_text(w, 2, 2, 16, t, a);
	wattrset(w, A_NORMAL);
	snprintf(sum, sizeof sum, "%zu ticket%s    Total paid %s", s->n, s->n == 1 ? "" : "s",
		 money_show(s->total, v, sizeof v));
	draw_text(w, 2, 20, width - 21, sum, a);
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	draw_text(w, 4, c->id_x, c->id_w, "Ticket", a);
	draw_text(w, 4, c->seat_x, c->seat_w, "Seat", a);
	draw_text(w, 4, c->sec_x, c->sec_w, "Section", a);
	draw_text(w, 4, c->tier_x, c->tier_w, "Tier", a);
	draw_text_right(w, 4, c->price_x, c->price_w, "Price", a);
	draw_text_right(w, 4, c->fee_x, c->fee_w, "Fee", a);
	wattrset(w, A_NORMAL);
}

static void draw_tickets(const struct scr_done *s, WINDOW *w, const struct columns *c, int width)
{
	bool a = s->style->ascii;
	char v[32];

	for (int r = 0; r < s->rows && s->top + (size_t)r < s->n; r++) {
		const struct done_ticket *t = &s->tickets[s->top + (size_t)r];
		int y = 5 + r;

		draw_text(w, y, c->id_x, c->id_w, t->ticket, a);
		draw_text(w, y, c->seat_x, c->seat_w, t->seat, a);
		draw_text(w, y, c->sec_x, c->sec_w, t->section, a);
		draw_text(w, y, c->tier_x, c->tier_w, t->tier, a);
		draw_text_right(w, y, c->price_x, c->price_w, money_show(t->price, v, sizeof v), a);
		draw_text_right(w, y, c->fee_x, c->fee_w, money_show(t->fee, v, sizeof v), a);
	}
	if (s->top > 0)
		mvwaddstr(w, 5, width - 1, a ? "^" : "↑");
	if (s->top + (size_t)s->rows < s->n)
		mvwaddstr(w, 4 + s->rows, width - 1, a ? "v" : "↓");
}

/* Three lines: what happened (up to two lines), then what the clerk can do. */
static void draw_printing(const struct scr_done *s, WINDOW *w, int height, int width)
{
	bool a = s->style->ascii;
	char head[480];
	const char *next;

	switch (s->print) {
	case DONE_PRINT_BUSY:
	case DONE_PRINT_OK:
		snprintf(head, sizeof head, "%s", s->print_text);
		next = s->print == DONE_PRINT_BUSY ? "The tickets are valid; the printer is working."
			: "The tickets are valid. Hand them over.";
		break;
	case DONE_PRINT_FAILED:
		snprintf(head, sizeof head, "Not printed: %s", s->print_text);
		next = "The tickets are valid and kept as unprinted. r: try again, p: other printer";
		break;
	default:
		snprintf(head, sizeof head, "Not printed yet%s%s", s->print_text[0] != '\0' ? ": " : ".",
			 s->print_text);
		next = "The tickets are valid and kept as unprinted. r: print them, p: pick printer";
	}
	wattrset(w, s->print == DONE_PRINT_FAILED ? draw_attr(s->style, ROLE_ERROR) : A_BOLD);
	draw_wrap(w, height - 5, 2, width - 4, 2, head, a);
	wattrset(w, A_NORMAL);
	draw_text(w, height - 3, 2, width - 4, next, a);
}

static void draw_foot(const struct scr_done *s, WINDOW *w, int height, int width)
{
	bool a = s->style->ascii;
	char t[64], v[32];

	draw_rule(w, height - 7, width, a);
	if (s->change > 0) {
		snprintf(t, sizeof t, " Change due: %s ", money_show(s->change, v, sizeof v));
		wattrset(w, draw_attr(s->style, ROLE_LOW) | A_REVERSE);
		draw_text(w, height - 6, 2, draw_width(t, a), t, a);
	} else {
		draw_text(w, height - 6, 2, width - 4, "No change due.", a);
	}
	draw_printing(s, w, height, width);
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_text(w, height - 2, 1, width - 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  printed(s) ? (a ? " Enter/n next customer  p printers  Up/Down scroll  ? help  q quit"
				  : " Enter/n next customer  p printers  ↑↓ scroll  ? help  q quit")
			     : (a ? " Enter/n next  r print again  p printers  Up/Down scroll  ? help  q quit"
				  : " Enter/n next  r print again  p printers  ↑↓ scroll  ? help  q quit"), a);
	wattrset(w, A_NORMAL);
}

static void draw_help(const struct scr_done *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Enter, n          next customer: back to the seat",
		"                  map with a new sale",
		"Up, Down, j, k    scroll the tickets",
		"PgUp, PgDn        scroll a page",
		"r                 print again after a failure",
		"                  (new codes; old ones stop working)",
		"p                 choose the printer",
		"q                 leave the sale",
		"? or F1           this help",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: sale complete", lines,
		   (int)(sizeof lines / sizeof lines[0]), 54);
}

void scr_done_draw(const struct scr_done *s, WINDOW *w)
{
	int height, width;
	struct columns c;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	c = layout(width);
	draw_head(s, w, &c, width);
	draw_tickets(s, w, &c, width);
	draw_foot(s, w, height, width);
	if (s->help)
		draw_help(s, w, height, width);
}
