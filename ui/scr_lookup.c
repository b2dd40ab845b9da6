/* scr_lookup: find a person, their orders, an order's tickets; the forms. */
#include "scr_lookup.h"

#include "events.h"
#include "money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CTRL(c) ((c) & 0x1f)

/* Rows: the list starts under a heading; the status and key bar are the
 * last two. The tickets keep three rows above the status for the one under
 * the cursor, the orders one. */
#define SEARCH_LIST_Y 5
#define PERSON_LIST_Y 4
#define TICKET_LIST_Y 4
#define TICKET_DETAIL_ROWS 3

struct key_binding {
	bool is_code;
	wint_t key;
	enum lk_cmd cmd;
};

static const struct key_binding keys_search[] = {
	{ true, KEY_UP, LK_UP }, { true, KEY_DOWN, LK_DOWN },
	{ true, KEY_PPAGE, LK_PGUP }, { true, KEY_NPAGE, LK_PGDN },
	{ true, KEY_ENTER, LK_ENTER }, { false, '\r', LK_ENTER }, { false, '\n', LK_ENTER },
	{ false, 27, LK_ESC }, { true, KEY_F(1), LK_HELP },
	{ false, CTRL('r'), LK_REREAD }, { true, KEY_F(5), LK_REREAD },
};

/* the person's orders and the order's tickets */
static const struct key_binding keys_list[] = {
	{ true, KEY_UP, LK_UP }, { false, 'k', LK_UP },
	{ true, KEY_DOWN, LK_DOWN }, { false, 'j', LK_DOWN },
	{ true, KEY_PPAGE, LK_PGUP }, { true, KEY_NPAGE, LK_PGDN },
	{ true, KEY_HOME, LK_HOME }, { false, 'g', LK_HOME },
	{ true, KEY_END, LK_END }, { false, 'G', LK_END },
	{ true, KEY_ENTER, LK_ENTER }, { false, '\r', LK_ENTER }, { false, '\n', LK_ENTER },
	{ false, 27, LK_ESC }, { false, 'q', LK_ESC },
	{ false, '/', LK_NEW_SEARCH },
	{ false, '?', LK_HELP }, { true, KEY_F(1), LK_HELP },
	{ false, CTRL('r'), LK_REREAD }, { true, KEY_F(5), LK_REREAD },
};

static const struct key_binding keys_tickets[] = {
	{ false, ' ', LK_MARK }, { false, 'r', LK_ASK_REPRINT },
	{ false, 'c', LK_ASK_CANCEL }, { false, 'C', LK_ASK_CANCEL_ORDER },
	{ false, 'x', LK_ASK_EXCHANGE },
};

static const struct key_binding keys_reprint[] = {
	{ true, KEY_ENTER, LK_ENTER }, { false, '\r', LK_ENTER }, { false, '\n', LK_ENTER },
	{ false, 27, LK_ESC }, { true, KEY_F(1), LK_HELP },
};

static const struct key_binding keys_cancel[] = {
	{ false, '\t', LK_NEXT_FIELD }, { true, KEY_DOWN, LK_NEXT_FIELD },
	{ true, KEY_BTAB, LK_PREV_FIELD }, { true, KEY_UP, LK_PREV_FIELD },
	{ true, KEY_ENTER, LK_ENTER }, { false, '\r', LK_ENTER }, { false, '\n', LK_ENTER },
	{ false, 27, LK_ESC }, { true, KEY_F(1), LK_HELP },
};

static const struct key_binding keys_method[] = {
	{ true, KEY_LEFT, LK_PICK }, { true, KEY_RIGHT, LK_PICK }, { false, ' ', LK_PICK },
	{ false, '1', LK_PICK }, { false, '2', LK_PICK }, { false, '3', LK_PICK },
};

#define LOOKUP(t, c, k) lookup((t), sizeof(t) / sizeof((t)[0]), (c), (k))

static void move_cursor(size_t *cur, size_t n, enum lk_cmd cmd, int rows);

static enum lk_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return LK_NONE;
}

void scr_lookup_init(struct scr_lookup *s, const struct ui_style *st, const char *login,
		     const char *org)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	snprintf(s->who, sizeof s->who, "%s @ %s", login != NULL ? login : "?",
		 org != NULL ? org : "?");
	field_init(&s->box, ATT_QUERY_MAX, FIELD_TEXT, st->ascii);
	field_init(&s->reason, 200, FIELD_TEXT, st->ascii);
	field_init(&s->amount, 16, FIELD_AMOUNT, st->ascii);
}

void scr_lookup_free(struct scr_lookup *s)
{
	free(s->marked);
	free(s->req);
	s->marked = NULL;
	s->req = NULL;
	s->nreq = 0;
	s->tickets = NULL;
}

void scr_lookup_set_can_exchange(struct scr_lookup *s, bool can)
{
	s->can_exchange = can;
}

void scr_lookup_set_roles(struct scr_lookup *s, bool can_reprint, bool can_cancel)
{
	s->can_reprint = can_reprint;
	s->can_cancel = can_cancel;
}

void scr_lookup_message(struct scr_lookup *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = error;
}

/* ---- search ---- */

const char *scr_lookup_query(const struct scr_lookup *s)
{
	return field_text(&s->box);
}

void scr_lookup_set_results(struct scr_lookup *s, const char *query, const struct att_people *p)
{
	if (query == NULL || strcmp(query, s->searched) != 0)
		s->pcur = s->ptop = 0;
	draw_copy(s->searched, sizeof s->searched, query);
	s->people = p;
}

bool scr_lookup_select_result(struct scr_lookup *s, size_t i)
{
	if (s->people == NULL || i >= s->people->n)
		return false;
	s->pcur = i;
	return true;
}

const struct att_person *scr_lookup_result(const struct scr_lookup *s)
{
	return s->people != NULL && s->pcur < s->people->n ? &s->people->v[s->pcur] : NULL;
}

/* ---- person ---- */

void scr_lookup_show_person(struct scr_lookup *s, const struct att_person *p,
			    const struct att_orders *o)
{
	draw_copy(s->user_id, sizeof s->user_id, p->user_id);
	draw_copy(s->name, sizeof s->name, p->name);
	draw_copy(s->email, sizeof s->email, p->email);
	draw_copy(s->phone, sizeof s->phone, p->phone);
	s->orders = o;
	s->ocur = s->otop = 0;
	s->level = LK_AT_PERSON;
	s->form = LK_FORM_NONE;
}

static size_t norders(const struct scr_lookup *s)
{
	return s->orders != NULL ? s->orders->n : 0;
}

void scr_lookup_set_orders(struct scr_lookup *s, const struct att_orders *o, bool paged)
{
	s->orders = o;
	if (paged)
		move_cursor(&s->ocur, norders(s), s->pending, s->rows);
	if (s->ocur >= norders(s))
		s->ocur = norders(s) > 0 ? norders(s) - 1 : 0;
}

const struct att_order *scr_lookup_order(const struct scr_lookup *s)
{
	return s->ocur < norders(s) ? &s->orders->v[s->ocur] : NULL;
}

bool scr_lookup_select_order(struct scr_lookup *s, const char *order_id)
{
	for (size_t i = 0; i < norders(s); i++)
		if (strcmp(s->orders->v[i].order_id, order_id) == 0) {
			s->ocur = i;
			return true;
		}
	return false;
}

const char *scr_lookup_user(const struct scr_lookup *s)
{
	return s->user_id;
}

/* ---- tickets ---- */

static size_t ntickets(const struct scr_lookup *s)
{
	return s->tickets != NULL ? s->tickets->n : 0;
}

bool scr_lookup_show_tickets(struct scr_lookup *s, const struct att_order *o,
			     const struct att_tickets *t)
{
	bool *m = calloc(t->n + 1, sizeof *m);

	if (m == NULL)
		return false;
	free(s->marked);
	s->marked = m;
	s->tickets = t;
	scr_lookup_set_head(s, o);
	s->tcur = s->ttop = 0;
	s->level = LK_AT_TICKETS;
	s->form = LK_FORM_NONE;
	return true;
}

void scr_lookup_set_head(struct scr_lookup *s, const struct att_order *o)
{
	draw_copy(s->head.order_id, sizeof s->head.order_id, o->order_id);
	draw_copy(s->head.title, sizeof s->head.title, o->event_title);
	draw_copy(s->head.start, sizeof s->head.start, o->start);
	draw_copy(s->head.status, sizeof s->head.status, o->status);
	s->head.total = o->total;
	s->head.refunded = o->refunded;
}

bool scr_lookup_set_tickets(struct scr_lookup *s, const struct att_tickets *t)
{
	bool *m = calloc(t->n + 1, sizeof *m);
	const struct att_tickets *old = s->tickets;
	char cur[ATT_ID_SIZE] = "";

	if (m == NULL)
		return false;
	if (old != NULL && s->tcur < old->n)
		draw_copy(cur, sizeof cur, old->v[s->tcur].ticket_id);
	/* marks follow their tickets (the old list is still readable here) */
	for (size_t i = 0; old != NULL && s->marked != NULL && i < old->n; i++)
		for (size_t k = 0; s->marked[i] && k < t->n; k++)
			if (strcmp(old->v[i].ticket_id, t->v[k].ticket_id) == 0)
				m[k] = true;
	free(s->marked);
	s->marked = m;
	s->tickets = t;
	if (!scr_lookup_select_ticket(s, cur) && s->tcur >= t->n)
		s->tcur = t->n > 0 ? t->n - 1 : 0;
	return true;
}

bool scr_lookup_select_ticket(struct scr_lookup *s, const char *ticket_id)
{
	for (size_t i = 0; ticket_id != NULL && i < ntickets(s); i++)
		if (strcmp(s->tickets->v[i].ticket_id, ticket_id) == 0) {
			s->tcur = i;
			return true;
		}
	return false;
}

const struct lk_order_head *scr_lookup_head(const struct scr_lookup *s)
{
	return &s->head;
}

const struct att_ticket *scr_lookup_ticket(const struct scr_lookup *s)
{
	return s->tcur < ntickets(s) ? &s->tickets->v[s->tcur] : NULL;
}

size_t scr_lookup_marked(const struct scr_lookup *s)
{
	size_t n = 0;

	for (size_t i = 0; s->marked != NULL && i < ntickets(s); i++)
		n += s->marked[i];
	return n;
}

/* ---- the request the forms act on ---- */

static bool is_valid(const struct att_ticket *t)
{
	return strcmp(t->status, "VALID") == 0;
}

/* The marked tickets (else the one under the cursor), or every valid one
 * (whole); false with a message when one of them is not valid. */
static bool build_request(struct scr_lookup *s, bool whole, const char *doing)
{
	size_t n = ntickets(s), k = 0, marked = scr_lookup_marked(s), len = 0;
	char seat[300], msg[400];

	free(s->req);
	s->req = NULL;
	s->nreq = 0;
	s->req_text[0] = '\0';
	if (n == 0 || (s->req = calloc(n, sizeof *s->req)) == NULL) {
		scr_lookup_message(s, n == 0 ? "This order has no tickets." : "Out of memory.", true);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct att_ticket *t = &s->tickets->v[i];
		bool wanted = whole ? is_valid(t) : marked > 0 ? s->marked[i] : i == s->tcur;

		if (!wanted)
			continue;
		attendee_seat(t, seat, sizeof seat);
		if (!is_valid(t)) {
			snprintf(msg, sizeof msg, "Only valid tickets are %s: %s is %s.", doing, seat,
				 strcmp(t->status, "USED") == 0 ? "used" : "cancelled");
			scr_lookup_message(s, msg, true);
			return false;
		}
		draw_copy(s->req[k++], ATT_ID_SIZE, t->ticket_id);
		if (len < sizeof s->req_text)
			len += (size_t)snprintf(s->req_text + len, sizeof s->req_text - len, "%s%s",
						k > 1 ? ", " : "", seat);
	}
	s->nreq = k;
	if (k == 0) {
		scr_lookup_message(s, "Nothing to cancel: no valid tickets are left in this order.", true);
		return false;
	}
	if (len >= sizeof s->req_text) {
		size_t at = sizeof s->req_text - 5; /* room for the ellipsis, at a character */

		while (at > 0 && ((unsigned char)s->req_text[at] & 0xC0) == 0x80)
			at--;
		draw_copy(s->req_text + at, 5, s->style->ascii ? "..." : "…");
	}
	return true;
}

size_t scr_lookup_request_ids(const struct scr_lookup *s, const char **ids, size_t max)
{
	for (size_t i = 0; i < s->nreq && i < max; i++)
		ids[i] = s->req[i];
	return s->nreq;
}

const char *scr_lookup_reprint_reason(const struct scr_lookup *s)
{
	return field_text(&s->reason);
}

static void set_amount(struct scr_lookup *s, int64_t cents)
{
	char a[32];

	field_set(&s->amount, money_text(cents, a, sizeof a), true);
}

void scr_lookup_cancel_form(struct scr_lookup *s, bool known, int64_t worth)
{
	s->form = LK_FORM_CANCEL;
	s->focus = 0;
	s->worth_known = known;
	s->worth = known ? worth : 0;
	field_set(&s->reason, "", false);
	s->method = known && worth > 0 ? ATT_REFUND_CASH : ATT_REFUND_NONE;
	set_amount(s, s->method == ATT_REFUND_NONE ? 0 : worth);
	scr_lookup_message(s, known ? NULL : "What these tickets are worth is not known: "
			   "they may have changed. Esc and look again.", !known);
}

void scr_lookup_cancel_request(const struct scr_lookup *s, struct lk_cancel *out)
{
	struct err e;

	memset(out, 0, sizeof *out);
	out->whole_order = s->whole_order;
	out->order_id = s->head.order_id;
	out->reason = field_text(&s->reason);
	out->method = s->method;
	if (!money_parse(field_text(&s->amount), &out->amount, &e))
		out->amount = 0;
}

void scr_lookup_close_form(struct scr_lookup *s)
{
	s->form = LK_FORM_NONE;
	s->focus = 0;
}

/* ---- keys ---- */

static bool is_digit(bool is_code, wint_t key)
{
	return !is_code && key >= '0' && key <= '9';
}

enum lk_cmd scr_lookup_key(const struct scr_lookup *s, bool is_code, wint_t key)
{
	enum lk_cmd c;

	if (s->help)
		return LK_HELP_CLOSE;
	if (s->level == LK_AT_SEARCH) {
		c = LOOKUP(keys_search, is_code, key);
		if (c != LK_NONE)
			return c;
		return field_key(is_code, key) != FIELD_OP_NONE ? LK_TYPE : LK_NONE;
	}
	if (s->level == LK_AT_TICKETS && (s->form == LK_FORM_REPRINT || s->form == LK_FORM_EXCHANGE)) {
		c = LOOKUP(keys_reprint, is_code, key);
		return c != LK_NONE ? c : field_key(is_code, key) != FIELD_OP_NONE ? LK_TYPE : LK_NONE;
	}
	if (s->level == LK_AT_TICKETS && s->form == LK_FORM_CANCEL) {
		c = LOOKUP(keys_cancel, is_code, key);
		if (c != LK_NONE)
			return c;
		if (s->focus == 1)
			return LOOKUP(keys_method, is_code, key);
		return field_key(is_code, key) != FIELD_OP_NONE ? LK_TYPE : LK_NONE;
	}
	if (is_digit(is_code, key))
		return LK_NEW_SEARCH;
	if (s->level == LK_AT_TICKETS && (c = LOOKUP(keys_tickets, is_code, key)) != LK_NONE)
		return c;
	return LOOKUP(keys_list, is_code, key);
}

/* Moves a cursor over n rows; page is the rows shown. */
static void move_cursor(size_t *cur, size_t n, enum lk_cmd cmd, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;

	if (n == 0) {
		*cur = 0;
		return;
	}
	switch (cmd) {
	case LK_UP: if (*cur > 0) (*cur)--; break;
	case LK_DOWN: if (*cur + 1 < n) (*cur)++; break;
	case LK_PGUP: *cur = *cur > page ? *cur - page : 0; break;
	case LK_PGDN: *cur = *cur + page < n ? *cur + page : n - 1; break;
	case LK_HOME: *cur = 0; break;
	case LK_END: *cur = n - 1; break;
	default: break;
	}
}

static enum lk_cmd search_do(struct scr_lookup *s, enum lk_cmd cmd, bool is_code, wint_t key)
{
	char before[FIELD_SIZE];
	const char *hint;

	switch (cmd) {
	case LK_TYPE:
		draw_copy(before, sizeof before, field_text(&s->box));
		field_edit(&s->box, field_key(is_code, key), key);
		return strcmp(before, field_text(&s->box)) != 0 ? LK_SEARCH : LK_NONE;
	case LK_UP: case LK_DOWN: case LK_PGUP: case LK_PGDN:
		move_cursor(&s->pcur, s->people != NULL ? s->people->n : 0, cmd, s->rows);
		return LK_NONE;
	case LK_ENTER:
		if (attendee_is_token(field_text(&s->box)))
			return LK_OPEN_TOKEN;
		if ((hint = attendee_query_hint(field_text(&s->box))) != NULL) {
			scr_lookup_message(s, hint, true);
			return LK_NONE;
		}
		return LK_OPEN;
	case LK_ESC: return LK_LEAVE;
	case LK_REREAD: return LK_SEARCH;
	default: return LK_NONE;
	}
}

/* A digit or / below the search: the box again, empty, the digit in it. */
static enum lk_cmd new_search(struct scr_lookup *s, bool is_code, wint_t key)
{
	s->level = LK_AT_SEARCH;
	s->form = LK_FORM_NONE;
	field_set(&s->box, "", false);
	if (is_digit(is_code, key))
		field_insert(&s->box, key);
	return LK_SEARCH;
}

static enum lk_cmd person_do(struct scr_lookup *s, enum lk_cmd cmd)
{
	size_t n = norders(s);
	bool more = s->orders != NULL && s->orders->more;

	switch (cmd) {
	case LK_DOWN:
		s->pending = cmd;
		if (more && s->ocur + 1 >= n)
			return LK_MORE;
		move_cursor(&s->ocur, n, cmd, s->rows);
		return LK_NONE;
	case LK_PGDN:
		s->pending = cmd;
		if (more && s->ocur + (size_t)(s->rows > 1 ? s->rows - 1 : 1) >= n)
			return LK_MORE;
		move_cursor(&s->ocur, n, cmd, s->rows);
		return LK_NONE;
	case LK_UP: case LK_PGUP: case LK_HOME: case LK_END:
		move_cursor(&s->ocur, n, cmd, s->rows);
		return LK_NONE;
	case LK_ENTER:
		return scr_lookup_order(s) != NULL ? LK_OPEN_ORDER : LK_NONE;
	case LK_ESC:
		s->level = LK_AT_SEARCH;
		return LK_NONE;
	case LK_REREAD: return LK_REREAD;
	default: return LK_NONE;
	}
}

static enum lk_cmd tickets_do(struct scr_lookup *s, enum lk_cmd cmd)
{
	size_t n = ntickets(s);

	switch (cmd) {
	case LK_UP: case LK_DOWN: case LK_PGUP: case LK_PGDN: case LK_HOME: case LK_END:
		move_cursor(&s->tcur, n, cmd, s->rows);
		return LK_NONE;
	case LK_MARK:
		if (s->tcur < n && s->marked != NULL) {
			s->marked[s->tcur] = !s->marked[s->tcur];
			move_cursor(&s->tcur, n, LK_DOWN, s->rows);
		}
		return LK_NONE;
	case LK_ASK_REPRINT:
		if (!s->can_reprint) {
			scr_lookup_message(s, "Your login may not print tickets again.", true);
			return LK_NONE;
		}
		if (!build_request(s, false, "printed again"))
			return LK_NONE;
		s->form = LK_FORM_REPRINT;
		field_set(&s->reason, "", false);
		return LK_NONE;
	case LK_ASK_EXCHANGE:
		if (!s->can_exchange) {
			scr_lookup_message(s, "Exchanges are made by clerks and supervisors (seats are "
					   "held and money taken).", true);
			return LK_NONE;
		}
		if (!build_request(s, false, "exchanged"))
			return LK_NONE;
		s->form = LK_FORM_EXCHANGE;
		field_set(&s->reason, "", false);
		return LK_NONE;
	case LK_ASK_CANCEL: case LK_ASK_CANCEL_ORDER:
		if (!s->can_cancel) {
			scr_lookup_message(s, "Only the help desk and supervisors cancel tickets.", true);
			return LK_NONE;
		}
		s->whole_order = cmd == LK_ASK_CANCEL_ORDER;
		return build_request(s, s->whole_order, "cancelled") ? LK_WORTH : LK_NONE;
	case LK_ESC:
		s->level = LK_AT_PERSON;
		return LK_NONE;
	case LK_REREAD: return LK_REREAD;
	default: return LK_NONE;
	}
}

static enum lk_cmd reprint_do(struct scr_lookup *s, enum lk_cmd cmd, bool is_code, wint_t key)
{
	switch (cmd) {
	case LK_TYPE:
		field_edit(&s->reason, field_key(is_code, key), key);
		return LK_NONE;
	case LK_ENTER:
		if (attendee_query_length(field_text(&s->reason)) == 0) {
			scr_lookup_message(s, s->form == LK_FORM_EXCHANGE
					   ? "Say why the tickets are exchanged (e.g. wrong night)."
					   : "Say why the tickets are printed again (e.g. lost ticket).", true);
			return LK_NONE;
		}
		return s->form == LK_FORM_EXCHANGE ? LK_EXCHANGE : LK_REPRINT;
	case LK_ESC:
		scr_lookup_close_form(s);
		return LK_NONE;
	default: return LK_NONE;
	}
}

static void pick(struct scr_lookup *s, bool is_code, wint_t key)
{
	static const enum att_refund order[] = { ATT_REFUND_CASH, ATT_REFUND_CARD, ATT_REFUND_NONE };
	enum att_refund was = s->method;
	int i = 0;

	while (i < 2 && order[i] != s->method)
		i++;
	if (is_code && key == KEY_LEFT)
		i = (i + 2) % 3;
	else if (!is_code && key >= '1' && key <= '3')
		i = (int)(key - '1');
	else
		i = (i + 1) % 3;
	s->method = order[i];
	if (s->method == ATT_REFUND_NONE)
		set_amount(s, 0);
	else if (was == ATT_REFUND_NONE && s->worth_known)
		set_amount(s, s->worth);
}

static enum lk_cmd cancel_confirm(struct scr_lookup *s)
{
	struct err e;
	int64_t amount;
	int field;

	err_clear(&e);
	if (!money_parse(field_text(&s->amount), &amount, &e)) {
		s->focus = 2;
		scr_lookup_message(s, e.msg, true);
		return LK_NONE;
	}
	if (!attendee_refund_check(field_text(&s->reason), s->method, amount,
				   s->worth_known ? s->worth : -1, &field, &e)) {
		s->focus = field;
		scr_lookup_message(s, e.msg, true);
		return LK_NONE;
	}
	return LK_CANCEL;
}

static enum lk_cmd cancel_do(struct scr_lookup *s, enum lk_cmd cmd, bool is_code, wint_t key)
{
	switch (cmd) {
	case LK_TYPE:
		if (s->focus == 0)
			field_edit(&s->reason, field_key(is_code, key), key);
		else if (s->focus == 2)
			field_edit(&s->amount, field_key(is_code, key), key);
		return LK_NONE;
	case LK_PICK: pick(s, is_code, key); return LK_NONE;
	case LK_NEXT_FIELD: s->focus = (s->focus + 1) % 3; return LK_NONE;
	case LK_PREV_FIELD: s->focus = (s->focus + 2) % 3; return LK_NONE;
	case LK_ENTER:
		/* Enter moves on and confirms on the last field: a scanner typing
		 * into a stray form ends with one Enter, never two */
		if (s->focus < 2) {
			s->focus++;
			return LK_NONE;
		}
		return cancel_confirm(s);
	case LK_ESC:
		scr_lookup_close_form(s);
		return LK_NONE;
	default: return LK_NONE;
	}
}

enum lk_cmd scr_lookup_do(struct scr_lookup *s, enum lk_cmd cmd, bool is_code, wint_t key)
{
	if (cmd == LK_NONE)
		return LK_NONE;
	if (cmd == LK_HELP) {
		s->help = true;
		return LK_NONE;
	}
	if (cmd == LK_HELP_CLOSE) {
		s->help = false;
		return LK_NONE;
	}
	scr_lookup_message(s, NULL, false);
	if (cmd == LK_NEW_SEARCH)
		return new_search(s, is_code, key);
	switch (s->level) {
	case LK_AT_SEARCH: return search_do(s, cmd, is_code, key);
	case LK_AT_PERSON: return person_do(s, cmd);
	case LK_AT_TICKETS: break;
	}
	if (s->form == LK_FORM_REPRINT || s->form == LK_FORM_EXCHANGE)
		return reprint_do(s, cmd, is_code, key);
	if (s->form == LK_FORM_CANCEL)
		return cancel_do(s, cmd, is_code, key);
	return tickets_do(s, cmd);
}

/* ---- layout ---- */

static void keep_in_view(size_t cur, size_t n, int rows, size_t *top)
{
	if (rows <= 0) {
		*top = cur;
		return;
	}
	if (cur < *top)
		*top = cur;
	if (cur >= *top + (size_t)rows)
		*top = cur - (size_t)rows + 1;
	if (*top + (size_t)rows > n)
		*top = n > (size_t)rows ? n - (size_t)rows : 0;
}

void scr_lookup_recalc(struct scr_lookup *s, int height, int width)
{
	s->width = width;
	switch (s->level) {
	case LK_AT_SEARCH:
		s->rows = height - 3 - SEARCH_LIST_Y; /* and a line for the one under the cursor */
		if (s->people != NULL && s->pcur >= s->people->n)
			s->pcur = s->people->n > 0 ? s->people->n - 1 : 0;
		keep_in_view(s->pcur, s->people != NULL ? s->people->n : 0, s->rows, &s->ptop);
		break;
	case LK_AT_PERSON:
		/* a detail line for the order under the cursor, a line for "more" */
		s->rows = height - 2 - PERSON_LIST_Y - 2;
		if (s->ocur >= norders(s))
			s->ocur = norders(s) > 0 ? norders(s) - 1 : 0;
		keep_in_view(s->ocur, norders(s), s->rows, &s->otop);
		break;
	case LK_AT_TICKETS:
		s->rows = height - 2 - TICKET_LIST_Y - TICKET_DETAIL_ROWS - 1;
		if (s->tcur >= ntickets(s))
			s->tcur = ntickets(s) > 0 ? ntickets(s) - 1 : 0;
		keep_in_view(s->tcur, ntickets(s), s->rows, &s->ttop);
		break;
	}
	if (s->rows < 1)
		s->rows = 1;
}

/* ---- drawing ---- */

static const char *dash(const struct scr_lookup *s)
{
	return s->style->ascii ? "-" : "—";
}

static const char *dot(const struct scr_lookup *s)
{
	return s->style->ascii ? "-" : "·";
}

/* "Fri 27 Nov 19:30" of a UTC time ("" when none). */
static char *when(const char *utc, char *buf, size_t size)
{
	time_t t;

	if (!attendee_time(utc, &t)) {
		buf[0] = '\0';
		return buf;
	}
	return events_format_time(t, buf, size);
}

/* "19:42" local of a UTC time. */
static char *clock_of(const char *utc, char *buf, size_t size)
{
	struct tm tm;
	time_t t;

	buf[0] = '\0';
	if (attendee_time(utc, &t) && localtime_r(&t, &tm) != NULL &&
	    strftime(buf, size, "%H:%M", &tm) == 0)
		buf[0] = '\0';
	return buf;
}

static void draw_title(const struct scr_lookup *s, WINDOW *w, int width, const char *text)
{
	bool a = s->style->ascii;
	char right[220];
	int rw;

	snprintf(right, sizeof right, " %s ", s->who);
	rw = draw_width(right, a);
	if (rw > width / 2)
		rw = width / 2;
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width - rw, text, a);
	draw_text_right(w, 0, width - rw, rw, right, a);
	wattrset(w, A_NORMAL);
}

/* Under the list: the result under the cursor in words. */
static void draw_result_detail(const struct scr_lookup *s, WINDOW *w, const struct att_person *x,
			       int width)
{
	char t[700], ref[12], d[EVENTS_TIME_SIZE];
	int height, wd;

	getmaxyx(w, height, wd);
	(void)wd;
	if (x == NULL)
		return;
	if (x->matched == ATT_BY_ORDER || x->matched == ATT_BY_TICKET)
		snprintf(t, sizeof t, "%s: matched by %s of order %s.", x->name,
			 x->matched == ATT_BY_TICKET ? "a ticket" : "the reference",
			 attendee_ref(x->order_id, ref, sizeof ref));
	else if (x->orders == 0 || when(x->last_order_at, d, sizeof d)[0] == '\0')
		snprintf(t, sizeof t, "%s: %d order%s; matched by %s.", x->name, x->orders,
			 x->orders == 1 ? "" : "s", attendee_match_word(x->matched));
	else
		snprintf(t, sizeof t, "%s: %d order%s, the last %s; matched by %s.", x->name, x->orders,
			 x->orders == 1 ? "" : "s", when(x->last_order_at, d, sizeof d),
			 attendee_match_word(x->matched));
	draw_text(w, height - 3, 1, width - 2, t, s->style->ascii);
}

static void draw_search(const struct scr_lookup *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	const struct att_people *p = s->people;
	const char *hint = attendee_query_hint(field_text(&s->box));
	char t[600];

	draw_title(s, w, width, " Find an attendee");
	wattrset(w, A_BOLD);
	draw_text(w, 2, 1, 8, "Search", a);
	wattrset(w, A_NORMAL);
	if (hint != NULL)
		snprintf(t, sizeof t, "%s", hint);
	else if (strcmp(s->searched, field_text(&s->box)) != 0)
		snprintf(t, sizeof t, "Searching%s", a ? "..." : "…");
	else if (p == NULL)
		t[0] = '\0'; /* not searched: the message line says why */
	else if (p->n == 0)
		snprintf(t, sizeof t, "Nobody found for \"%s\".", s->searched);
	else
		snprintf(t, sizeof t, "%zu found for \"%s\"%s", p->n, s->searched,
			 p->n >= 50 ? ": type more to narrow it down." : ". Enter opens.");
	draw_text(w, 3, 2, width - 4, t, a);
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	mvwhline(w, SEARCH_LIST_Y - 1, 0, ' ', width);
	draw_text(w, SEARCH_LIST_Y - 1, 1, 20, "Name", a);
	draw_text(w, SEARCH_LIST_Y - 1, 22, 25, "E-mail", a);
	draw_text(w, SEARCH_LIST_Y - 1, 48, 16, "Phone", a);
	draw_text_right(w, SEARCH_LIST_Y - 1, 64, 6, "Orders", a);
	draw_text(w, SEARCH_LIST_Y - 1, 71, width - 72, "Matched", a);
	wattrset(w, A_NORMAL);
	for (int r = 0; p != NULL && hint == NULL && r < s->rows && s->ptop + (size_t)r < p->n; r++) {
		size_t i = s->ptop + (size_t)r;
		const struct att_person *x = &p->v[i];
		int y = SEARCH_LIST_Y + r;
		char n[16];

		wattrset(w, i == s->pcur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, 1, 20, x->name, a);
		draw_text(w, y, 22, 25, x->email[0] ? x->email : "-", a);
		draw_text(w, y, 48, 16, x->phone[0] ? x->phone : "-", a);
		snprintf(n, sizeof n, "%d", x->orders);
		draw_text_right(w, y, 64, 6, n, a);
		draw_text(w, y, 71, width - 72, attendee_match_word(x->matched), a);
		wattrset(w, A_NORMAL);
	}
	draw_result_detail(s, w, hint == NULL ? scr_lookup_result(s) : NULL, width);
}

/* "2 valid", or each kind when there are several. */
static char *ticket_counts(const struct att_order *o, char *buf, size_t size)
{
	if (o->used == 0 && o->cancelled == 0)
		snprintf(buf, size, "%d valid", o->valid);
	else if (o->valid == 0 && o->cancelled == 0)
		snprintf(buf, size, "%d used", o->used);
	else if (o->valid == 0 && o->used == 0)
		snprintf(buf, size, "%d cancelled", o->cancelled);
	else
		snprintf(buf, size, "%dv %du %dx", o->valid, o->used, o->cancelled);
	return buf;
}

static void draw_person(const struct scr_lookup *s, WINDOW *w, int height, int width)
{
	bool a = s->style->ascii;
	const struct att_order *cur = scr_lookup_order(s);
	size_t n = norders(s);
	char t[600], ref[12], d1[EVENTS_TIME_SIZE], d2[EVENTS_TIME_SIZE], m1[32], m2[32];
	int y;

	snprintf(t, sizeof t, " %s", s->name);
	draw_title(s, w, width, t);
	snprintf(t, sizeof t, "E-mail %s   Phone %s", s->email[0] ? s->email : "-",
		 s->phone[0] ? s->phone : "-");
	draw_text(w, 1, 2, width - 4, t, a);
	snprintf(t, sizeof t, "%zu order%s%s, newest first", n, n == 1 ? "" : "s",
		 s->orders != NULL && s->orders->more ? " so far" : "");
	wattrset(w, A_BOLD);
	draw_text(w, 2, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	mvwhline(w, PERSON_LIST_Y - 1, 0, ' ', width);
	draw_text(w, PERSON_LIST_Y - 1, 2, 8, "Order", a);
	draw_text(w, PERSON_LIST_Y - 1, 11, 16, "Bought", a);
	draw_text(w, PERSON_LIST_Y - 1, 28, 21, "Event", a);
	draw_text(w, PERSON_LIST_Y - 1, 50, 9, "Status", a);
	draw_text(w, PERSON_LIST_Y - 1, 60, 10, "Tickets", a);
	draw_text_right(w, PERSON_LIST_Y - 1, 71, width - 72, "Total", a);
	wattrset(w, A_NORMAL);
	if (n == 0)
		draw_text(w, PERSON_LIST_Y, 2, width - 4, "No orders.", a);
	for (int r = 0; r < s->rows && s->otop + (size_t)r < n; r++) {
		size_t i = s->otop + (size_t)r;
		const struct att_order *o = &s->orders->v[i];

		y = PERSON_LIST_Y + r;
		wattrset(w, i == s->ocur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, 2, 8, attendee_ref(o->order_id, ref, sizeof ref), a);
		draw_text(w, y, 11, 16, when(o->created_at, d1, sizeof d1), a);
		draw_text(w, y, 28, 21, o->event_title, a);
		draw_text(w, y, 50, 9, o->status, a);
		draw_text(w, y, 60, 11, ticket_counts(o, t, sizeof t), a);
		draw_text_right(w, y, 71, width - 72, money_show(o->total, m1, sizeof m1), a);
		wattrset(w, A_NORMAL);
	}
	y = PERSON_LIST_Y + s->rows;
	if (s->orders != NULL && s->orders->more)
		draw_text(w, y, 2, width - 4, "More orders: PgDn reads the next page.", a);
	if (cur != NULL) {
		snprintf(t, sizeof t, "Show %s. %d place%s: %d valid, %d used, %d cancelled.%s%s",
			 when(cur->start, d2, sizeof d2), cur->places, cur->places == 1 ? "" : "s",
			 cur->valid, cur->used, cur->cancelled, cur->refunded > 0 ? " Refunded " : "",
			 cur->refunded > 0 ? money_show(cur->refunded, m2, sizeof m2) : "");
		draw_text(w, height - 3, 1, width - 2, t, a);
	}
}

/* The status column of a ticket: "USED 19:42 Main", "CANCELLED: why". */
static char *status_text(const struct att_ticket *t, char *buf, size_t size)
{
	char c[16];

	if (strcmp(t->status, "USED") == 0)
		snprintf(buf, size, "USED %s%s%s", clock_of(t->scanned_at, c, sizeof c),
			 t->gate[0] ? " " : "", t->gate);
	else if (strcmp(t->status, "CANCELLED") == 0)
		snprintf(buf, size, "CANCELLED: %s", t->cancel_reason);
	else
		snprintf(buf, size, "%s", t->status);
	return buf;
}

static void draw_ticket_detail(const struct scr_lookup *s, WINDOW *w, int y, int width)
{
	const struct att_ticket *t = scr_lookup_ticket(s);
	bool a = s->style->ascii;
	char line[700], seat[300], d[EVENTS_TIME_SIZE];

	if (t == NULL)
		return;
	attendee_seat(t, seat, sizeof seat);
	if (strcmp(t->status, "USED") == 0)
		snprintf(line, sizeof line, "%s: used %s%s%s.", seat, when(t->scanned_at, d, sizeof d),
			 t->gate[0] ? " at gate " : "", t->gate);
	else if (strcmp(t->status, "CANCELLED") == 0)
		snprintf(line, sizeof line, "%s: cancelled %s: %s", seat,
			 when(t->cancelled_at, d, sizeof d), t->cancel_reason);
	else
		snprintf(line, sizeof line, "%s: valid, not scanned yet.", seat);
	draw_text(w, y, 1, width - 2, line, a);
	if (t->prints == 0)
		snprintf(line, sizeof line, "Never printed%s.",
			 t->reprints > 0 ? " since its last new code" : "");
	else
		snprintf(line, sizeof line, "Printed %d time%s, last on \"%s\" %s: %s.", t->prints,
			 t->prints == 1 ? "" : "s", t->last_printer, when(t->last_printed_at, d, sizeof d),
			 t->last_print_status);
	draw_text(w, y + 1, 1, width - 2, line, a);
	snprintf(line, sizeof line, "%d new code%s issued since the sale. Ticket %s", t->reprints,
		 t->reprints == 1 ? "" : "s", t->ticket_id);
	draw_text(w, y + 2, 1, width - 2, line, a);
}

static void draw_tickets(const struct scr_lookup *s, WINDOW *w, int height, int width)
{
	bool a = s->style->ascii;
	size_t n = ntickets(s), marked = scr_lookup_marked(s);
	char t[700], ref[12], d[EVENTS_TIME_SIZE], m1[32], m2[32], seat[300];

	snprintf(t, sizeof t, " Order %s %s %s %s %s", attendee_ref(s->head.order_id, ref, sizeof ref),
		 dash(s), s->head.title, dot(s), when(s->head.start, d, sizeof d));
	draw_title(s, w, width, t);
	snprintf(t, sizeof t, "%s %s %s %s total %s%s%s", s->name, dot(s), s->head.status, dot(s),
		 money_show(s->head.total, m1, sizeof m1), s->head.refunded > 0 ? ", refunded " : "",
		 s->head.refunded > 0 ? money_show(s->head.refunded, m2, sizeof m2) : "");
	wattrset(w, A_BOLD);
	draw_text(w, 1, 2, width - 4, t, a);
	wattrset(w, A_NORMAL);
	if (marked > 0)
		snprintf(t, sizeof t, "%zu of %zu ticket%s marked.", marked, n, n == 1 ? "" : "s");
	else
		snprintf(t, sizeof t, "%zu ticket%s.%s", n, n == 1 ? "" : "s",
			 n > 1 ? " Space marks several." : "");
	draw_text(w, 2, 2, width - 4, t, a);
	wattrset(w, draw_attr(s->style, ROLE_HEADER));
	mvwhline(w, TICKET_LIST_Y - 1, 0, ' ', width);
	draw_text(w, TICKET_LIST_Y - 1, 5, 20, "Seat", a);
	draw_text(w, TICKET_LIST_Y - 1, 26, 10, "Tier", a);
	draw_text_right(w, TICKET_LIST_Y - 1, 37, 8, "Price", a);
	draw_text(w, TICKET_LIST_Y - 1, 46, 22, "Status", a);
	draw_text(w, TICKET_LIST_Y - 1, 69, width - 70, "Printed", a);
	wattrset(w, A_NORMAL);
	for (int r = 0; r < s->rows && s->ttop + (size_t)r < n; r++) {
		size_t i = s->ttop + (size_t)r;
		const struct att_ticket *x = &s->tickets->v[i];
		bool cur = i == s->tcur;
		int y = TICKET_LIST_Y + r;

		wattrset(w, cur ? draw_attr(s->style, ROLE_CURSOR) : A_NORMAL);
		mvwhline(w, y, 0, ' ', width);
		draw_text(w, y, 1, 3, s->marked != NULL && s->marked[i] ? "[x]" : "[ ]", a);
		draw_text(w, y, 5, 20, attendee_seat(x, seat, sizeof seat), a);
		draw_text(w, y, 26, 10, x->tier, a);
		draw_text_right(w, y, 37, 8, money_show(x->price, m1, sizeof m1), a);
		if (x->prints == 0)
			snprintf(t, sizeof t, "never");
		else
			snprintf(t, sizeof t, "%dx %s", x->prints, x->last_printer);
		draw_text(w, y, 69, width - 70, t, a);
		if (!cur && strcmp(x->status, "VALID") != 0)
			wattrset(w, draw_attr(s->style, strcmp(x->status, "USED") == 0 ? ROLE_LOW
										  : ROLE_ERROR));
		draw_text(w, y, 46, 22, status_text(x, t, sizeof t), a);
		wattrset(w, A_NORMAL);
	}
	draw_ticket_detail(s, w, height - 2 - TICKET_DETAIL_ROWS, width);
}

static void draw_form_reprint(const struct scr_lookup *s, WINDOW *w, int width)
{
	bool a = s->style->ascii;
	int bw = width - 8 < 70 ? width - 8 : 70, bh = 7, y = 8, x = (width - bw) / 2;
	char t[400];

	draw_box(w, s->style, y, x, bh, bw);
	bool ex = s->form == LK_FORM_EXCHANGE;

	snprintf(t, sizeof t, "%s %zu ticket%s%s: %s", ex ? "Exchange" : "Print", s->nreq,
		 s->nreq == 1 ? "" : "s", ex ? "" : " again", s->req_text);
	wattrset(w, A_BOLD);
	draw_text(w, y + 1, x + 2, bw - 4, t, a);
	wattrset(w, A_NORMAL);
	draw_text(w, y + 2, x + 2, bw - 4, ex ? "Then pick the new performance and seats; the old "
		  "tickets stop working when the new ones are issued."
		  : "New QR codes: the old printout stops working at the gate.", a);
	draw_text(w, y + 3, x + 4, 8, "Reason", a);
	draw_text(w, y + 5, x + 2, bw - 4, ex ? "Enter pick the new seats   Esc back"
		  : "Enter print   Esc back", a);
	field_draw(&s->reason, w, y + 3, x + 13, bw - 16, true);
}

static void draw_form_cancel(const struct scr_lookup *s, WINDOW *w, int width)
{
	static const char *const names[] = { "cash", "card", "none" };
	static const enum att_refund order[] = { ATT_REFUND_CASH, ATT_REFUND_CARD, ATT_REFUND_NONE };
	bool a = s->style->ascii;
	int bw = width - 8 < 70 ? width - 8 : 70, bh = 10, y = 6, x = (width - bw) / 2, cx;
	char t[400], m[32];

	draw_box(w, s->style, y, x, bh, bw);
	if (s->whole_order)
		snprintf(t, sizeof t, "Cancel order %s: %zu valid ticket%s", s->head.order_id[0] ?
			 attendee_ref(s->head.order_id, m, sizeof m) : "", s->nreq, s->nreq == 1 ? "" : "s");
	else
		snprintf(t, sizeof t, "Cancel %zu ticket%s: %s", s->nreq, s->nreq == 1 ? "" : "s",
			 s->req_text);
	wattrset(w, A_BOLD);
	draw_text(w, y + 1, x + 2, bw - 4, t, a);
	wattrset(w, A_NORMAL);
	if (s->worth_known)
		snprintf(t, sizeof t, "Up to %s can be refunded. The seats go back on sale at once.",
			 money_show(s->worth, m, sizeof m));
	else
		snprintf(t, sizeof t, "What they are worth is not known. The seats go back on sale.");
	draw_text(w, y + 2, x + 2, bw - 4, t, a);
	draw_text(w, y + 4, x + 4, 8, "Reason", a);
	draw_text(w, y + 5, x + 4, 8, "Refund", a);
	cx = x + 13;
	for (int i = 0; i < 3; i++) {
		bool on = s->method == order[i];
		snprintf(t, sizeof t, "%s %s", on ? (a ? "(*)" : "(•)") : "( )", names[i]);
		if (s->focus == 1 && on)
			wattrset(w, A_REVERSE);
		draw_text(w, y + 5, cx, 9, t, a);
		wattrset(w, A_NORMAL);
		cx += 10;
	}
	draw_text(w, y + 6, x + 4, 8, "Amount", a);
	field_draw(&s->amount, w, y + 6, x + 13, 12, false);
	draw_text(w, y + 8, x + 2, bw - 4,
		  a ? "Tab field  Left/Right or 1-3 refund  Enter next/confirm  Esc back"
		    : "Tab field  ←→ or 1-3 refund  Enter next/confirm  Esc back", a);
	field_draw(&s->reason, w, y + 4, x + 13, bw - 16, s->focus == 0);
	if (s->focus == 2)
		field_draw(&s->amount, w, y + 6, x + 13, 12, true);
}

static const char *keys_text(const struct scr_lookup *s)
{
	bool a = s->style->ascii;

	switch (s->level) {
	case LK_AT_SEARCH:
		return a ? " type to search  Up/Down choose  Enter open  ^U clear  Esc back  F1 help"
			 : " type to search  ↑↓ choose  Enter open  ^U clear  Esc back  F1 help";
	case LK_AT_PERSON:
		return a ? " Up/Down move  Enter tickets  PgDn more  / search  Esc back  ? help"
			 : " ↑↓ move  Enter tickets  PgDn more  / search  Esc back  ? help";
	case LK_AT_TICKETS: break;
	}
	if (s->form != LK_FORM_NONE)
		return s->form == LK_FORM_REPRINT ? " type the reason  Enter print  Esc back"
		       : s->form == LK_FORM_EXCHANGE ? " type the reason  Enter pick the new seats  Esc back"
						  : " Enter next field, on the last confirm  Esc back";
	if (s->can_reprint && s->can_cancel && s->can_exchange)
		return a ? " Up/Dn  Space mark  r reprint  c cancel  C order  x exchange  Esc  ? help"
			 : " ↑↓  Space mark  r reprint  c cancel  C order  x exchange  Esc back  ? help";
	if (s->can_reprint && s->can_exchange)
		return a ? " Up/Down move  Space mark  r reprint  x exchange  Esc back  ? help"
			 : " ↑↓ move  Space mark  r reprint  x exchange  Esc back  ? help";
	if (s->can_reprint && s->can_cancel)
		return a ? " Up/Dn move  Space mark  r reprint  c cancel  C cancel order  Esc back  ? help"
			 : " ↑↓ move  Space mark  r reprint  c cancel  C cancel order  Esc back  ? help";
	if (s->can_reprint)
		return a ? " Up/Down move  Space mark  r reprint  Esc back  ? help"
			 : " ↑↓ move  Space mark  r reprint  Esc back  ? help";
	if (s->can_cancel)
		return a ? " Up/Down move  Space mark  c cancel  C cancel order  Esc back  ? help"
			 : " ↑↓ move  Space mark  c cancel  C cancel order  Esc back  ? help";
	return a ? " Up/Down move  Esc back  ? help" : " ↑↓ move  Esc back  ? help";
}

static void draw_help(const struct scr_lookup *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Search: type a name (typos are fine), part of an",
		"e-mail, phone digits, an order reference, or scan",
		"a ticket (its order opens at once). 2 letters or more.",
		"",
		"Up, Down, PgUp, PgDn, j, k   move",
		"Enter          open the person / the order",
		"PgDn           at the end: the next page of orders",
		"Space          mark a ticket",
		"r              print the marked tickets again",
		"c, C           cancel the marked tickets / the order",
		"x              exchange the marked tickets for other seats",
		"0-9, /         a new search (or a scanned ticket)",
		"Ctrl-R, F5     read again",
		"Esc            back; from the search to the events",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys: find an attendee", lines,
		   (int)(sizeof lines / sizeof lines[0]), 60);
}

void scr_lookup_draw(const struct scr_lookup *s, WINDOW *w)
{
	bool a = s->style->ascii;
	int height, width;

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	switch (s->level) {
	case LK_AT_SEARCH: draw_search(s, w, width); break;
	case LK_AT_PERSON: draw_person(s, w, height, width); break;
	case LK_AT_TICKETS: draw_tickets(s, w, height, width); break;
	}
	if (s->status[0] != '\0') {
		/* a long message (a printer's trouble) takes the row above too */
		bool two = draw_width(s->status, a) > width - 2;

		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		if (two)
			draw_wrap(w, height - 3, 1, width - 2, 2, s->status, a);
		else
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
	if (s->level == LK_AT_TICKETS && (s->form == LK_FORM_REPRINT || s->form == LK_FORM_EXCHANGE))
		draw_form_reprint(s, w, width);
	else if (s->level == LK_AT_TICKETS && s->form == LK_FORM_CANCEL)
		draw_form_cancel(s, w, width);
	else if (s->level == LK_AT_SEARCH)
		field_draw(&s->box, w, 2, 9, width - 11, true);
}
