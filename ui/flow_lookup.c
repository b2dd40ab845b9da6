/* flow_lookup: the help desk's screen and the database behind it.
 *
 *   search --Enter--> person (orders, PgDn: next page) --Enter--> tickets
 *     |  a scanned token + Enter ----------------------------------^  r, c, C
 *
 * The screen turns keys into commands; this file carries them out through
 * src/attendee.c (and src/printing.c for reprints) and hands the answers
 * back. A refusal is shown in the database's words; a lost connection goes
 * to app.c (flow_failed). */
#include "app_int.h"

#include "money.h"
#include "printing.h"
#include "unprinted.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many people a search lists (the database's best first). */
#define FIND_LIMIT 50
/* How many pages of a person's orders are read looking for one order. */
#define FIND_ORDER_PAGES 50

static struct scr_lookup *scr(struct app *a)
{
	return &a->lookup.scr;
}

static struct att_tickets *shown(struct app *a)
{
	return &a->lookup.tickets[a->lookup.shown];
}

static void say(struct app *a, const char *msg, bool error)
{
	scr_lookup_message(scr(a), msg, error);
}

void flow_lookup_message(struct app *a, const char *msg, bool error)
{
	if (a->lookup.ready)
		say(a, msg, error);
}

void flow_lookup_free(struct app *a)
{
	struct flow_lookup *l = &a->lookup;

	if (!l->ready)
		return;
	scr_lookup_free(&l->scr);
	attendee_people_free(&l->people);
	attendee_orders_free(&l->orders);
	attendee_tickets_free(&l->tickets[0]);
	attendee_tickets_free(&l->tickets[1]);
	memset(l, 0, sizeof *l);
}

void flow_lookup_open(struct app *a)
{
	struct flow_lookup *l = &a->lookup;
	bool reprint = true, cancel = true, exchange = true;
	struct err e;

	flow_lookup_free(a);
	scr_lookup_init(&l->scr, &a->style, a->session.login, a->session.org);
	/* unknown: offer it, the database answers when it comes to it */
	if (!session_may(a->db, "reprint_tickets(uuid[],text)", &reprint, &e) && app_lost(a, &e))
		return;
	if (!session_may(a->db, "cancel_tickets(uuid[],text,text,numeric)", &cancel, &e) &&
	    app_lost(a, &e))
		return;
	scr_lookup_set_roles(&l->scr, reprint, cancel);
	if (!session_may(a->db, "exchange_tickets(uuid[],uuid,uuid,jsonb,text,jsonb,text)", &exchange, &e) &&
	    app_lost(a, &e))
		return;
	scr_lookup_set_can_exchange(&l->scr, exchange);
	flow_exchange_drop(a); /* F during an exchange: the exchange is off */
	l->ready = true;
	a->view = VIEW_LOOKUP;
}

/* ---- search ---- */

static void run_search(struct app *a)
{
	struct flow_lookup *l = &a->lookup;
	char q[FIELD_SIZE];
	struct att_people fresh;
	struct err e;

	l->search_due = false;
	draw_copy(q, sizeof q, scr_lookup_query(scr(a)));
	if (attendee_query_hint(q) != NULL) {
		scr_lookup_set_results(scr(a), q, NULL);
		attendee_people_free(&l->people);
		return;
	}
	if (!attendee_find(a->db, q, FIND_LIMIT, &fresh, &e)) {
		scr_lookup_set_results(scr(a), q, NULL);
		attendee_people_free(&l->people);
		flow_failed(a, "Cannot search", &e);
		return;
	}
	/* same address: the screen keeps pointing at l->people */
	attendee_people_free(&l->people);
	l->people = fresh;
	scr_lookup_set_results(scr(a), q, &l->people);
}

/* ---- a person, an order ---- */

/* The person with the first page of their orders. */
static bool open_person(struct app *a, const struct att_person *p)
{
	struct flow_lookup *l = &a->lookup;
	struct att_orders fresh = { NULL, 0, false };
	struct err e;

	if (!attendee_orders_more(a->db, p->user_id, ATT_PAGE, &fresh, &e)) {
		flow_failed(a, "Cannot read the person's orders", &e);
		return false;
	}
	attendee_orders_free(&l->orders);
	l->orders = fresh;
	scr_lookup_show_person(scr(a), p, &l->orders);
	return true;
}

/* The cursor on one of the person's orders, reading pages until it is
 * among them. */
static bool find_order(struct app *a, const char *order_id)
{
	struct flow_lookup *l = &a->lookup;
	struct err e;

	for (int k = 0; !scr_lookup_select_order(scr(a), order_id); k++) {
		if (!l->orders.more || k == FIND_ORDER_PAGES) {
			say(a, "That order is not among this person's orders any more.", true);
			return false;
		}
		if (!attendee_orders_more(a->db, scr_lookup_user(scr(a)), 99, &l->orders, &e)) {
			flow_failed(a, "Cannot read the person's orders", &e);
			return false;
		}
		scr_lookup_set_orders(scr(a), &l->orders, false);
	}
	return true;
}

/* Reads an order's tickets into the list not shown. */
static bool read_tickets(struct app *a, const char *order_id, struct att_tickets **out)
{
	struct flow_lookup *l = &a->lookup;
	struct att_tickets *next = &l->tickets[1 - l->shown];
	struct err e;

	attendee_tickets_free(next);
	if (!attendee_tickets_load(a->db, order_id, next, &e)) {
		flow_failed(a, "Cannot read the order's tickets", &e);
		return false;
	}
	*out = next;
	return true;
}

static void open_order(struct app *a, const struct att_order *o, const char *ticket_id)
{
	struct flow_lookup *l = &a->lookup;
	struct att_tickets *t;

	if (o == NULL || !read_tickets(a, o->order_id, &t))
		return;
	if (!scr_lookup_show_tickets(scr(a), o, t)) {
		say(a, "Out of memory.", true);
		return;
	}
	attendee_tickets_free(shown(a));
	l->shown = 1 - l->shown;
	draw_copy(l->order_event, sizeof l->order_event, o->event_id);
	if (ticket_id != NULL && !scr_lookup_select_ticket(scr(a), ticket_id))
		say(a, "The ticket scanned is not in this order any more.", true);
}

/* The shown order read again (after an action, a NOTIFY, Ctrl-R). */
static bool reread_tickets(struct app *a)
{
	struct flow_lookup *l = &a->lookup;
	struct att_tickets *t;

	if (!read_tickets(a, scr_lookup_head(scr(a))->order_id, &t))
		return false;
	if (!scr_lookup_set_tickets(scr(a), t)) {
		say(a, "Out of memory.", true);
		return false;
	}
	attendee_tickets_free(shown(a));
	l->shown = 1 - l->shown;
	return true;
}

/* After a cancellation: the order's line follows what was read and refunded. */
static void update_order_line(struct app *a, int64_t refunded)
{
	struct flow_lookup *l = &a->lookup;
	const struct att_tickets *t = shown(a);

	for (size_t i = 0; i < l->orders.n; i++) {
		struct att_order *o = &l->orders.v[i];

		if (strcmp(o->order_id, scr_lookup_head(scr(a))->order_id) != 0)
			continue;
		o->refunded += refunded;
		o->valid = o->used = o->cancelled = 0;
		for (size_t k = 0; k < t->n; k++) {
			if (strcmp(t->v[k].status, "VALID") == 0)
				o->valid++;
			else if (strcmp(t->v[k].status, "USED") == 0)
				o->used++;
			else
				o->cancelled++;
		}
		scr_lookup_set_head(scr(a), o);
		return;
	}
}

/* Enter on a result: the person; by an order reference, with the cursor on
 * it; by a ticket's code, straight to the ticket. */
static void open_result(struct app *a)
{
	const struct att_person *p = scr_lookup_result(scr(a));
	char order[ATT_ID_SIZE], ticket[ATT_ID_SIZE], msg[FIELD_SIZE + 100];

	if (p == NULL) {
		snprintf(msg, sizeof msg, "Nobody found for \"%s\": check the spelling, or try the "
			 "e-mail, phone or order reference.", scr_lookup_query(scr(a)));
		say(a, msg, true);
		return;
	}
	draw_copy(order, sizeof order, p->order_id);
	draw_copy(ticket, sizeof ticket, p->ticket_id);
	if (!open_person(a, p) || (order[0] != '\0' && !find_order(a, order)))
		return;
	if (ticket[0] != '\0')
		open_order(a, scr_lookup_order(scr(a)), ticket);
}

/* A scanned token and Enter: its holder's order, the ticket under the cursor. */
static void open_token(struct app *a)
{
	const struct att_people *p = &a->lookup.people;

	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].matched == ATT_BY_TICKET && scr_lookup_select_result(scr(a), i)) {
			open_result(a);
			return;
		}
	say(a, "No ticket has this code: it was printed again since (the old code is dead), "
	    "or it is not one of this organisation's.", true);
}

static void more_orders(struct app *a)
{
	struct flow_lookup *l = &a->lookup;
	struct err e;

	if (!attendee_orders_more(a->db, scr_lookup_user(scr(a)), ATT_PAGE, &l->orders, &e)) {
		flow_failed(a, "Cannot read more orders", &e);
		return;
	}
	scr_lookup_set_orders(scr(a), &l->orders, true);
}

/* ---- actions ---- */

/* The ids the form acts on (malloc'd array of pointers into the screen). */
static const char **request(struct app *a, size_t *n)
{
	const char **ids;

	*n = scr_lookup_request_ids(scr(a), NULL, 0);
	if ((ids = calloc(*n + 1, sizeof *ids)) == NULL) {
		say(a, "Out of memory.", true);
		return NULL;
	}
	scr_lookup_request_ids(scr(a), ids, *n);
	return ids;
}

static void worth(struct app *a)
{
	const char **ids;
	size_t n;
	bool known;
	int64_t w;
	struct err e;

	if ((ids = request(a, &n)) == NULL)
		return;
	if (!attendee_worth(a->db, ids, n, &known, &w, &e)) {
		free(ids);
		flow_failed(a, "Cannot read what the tickets are worth", &e);
		return;
	}
	free(ids);
	scr_lookup_cancel_form(scr(a), known, w);
}

/* Why printing failed, as a sentence ending in a full stop. */
static void print_why(const struct err *e, char *out, size_t size)
{
	size_t n;

	flow_print_why(e, out, size);
	n = strlen(out);
	if (n > 0 && out[n - 1] != '.' && n + 1 < size) {
		out[n] = '.';
		out[n + 1] = '\0';
	}
}


/* r: new codes for the tickets, printed where the done screen prints (the
 * remembered printer, else the print server's default). When no printer can
 * be picked nothing is reprinted and the tickets are listed as unprinted
 * with the reason, as the sale does; when printing fails after the new codes
 * were issued, the attempt is recorded and they are listed too. */
static void reprint(struct app *a)
{
	char printer[128], why[400], msg[600], reason[FIELD_SIZE];
	struct print_opts o = { NULL, NULL, PRINT_FORMAT_AUTO, APP_PRINT_WAIT_MS };
	struct print_result r;
	const char **ids;
	struct err e, le;
	size_t n;
	bool ok;

	if ((ids = request(a, &n)) == NULL)
		return;
	draw_copy(reason, sizeof reason, scr_lookup_reprint_reason(scr(a)));
	if (!printing_pick_printer(NULL, printer, sizeof printer, &e)) {
		unprinted_mark(a->db, ids, n, NULL, e.msg, &le);
		free(ids);
		scr_lookup_close_form(scr(a));
		print_why(&e, why, sizeof why);
		snprintf(msg, sizeof msg, "Not printed: %s The tickets are listed as unprinted (U on the "
			 "events screen).", why);
		say(a, msg, true);
		reread_tickets(a);
		return;
	}
	snprintf(msg, sizeof msg, "Printing %zu ticket%s on \"%s\"%s", n, n == 1 ? "" : "s", printer,
		 a->style.ascii ? "..." : "…");
	say(a, msg, false);
	app_redraw(a);
	o.printer = printer;
	if (n > 2)
		o.wait_ms = APP_PRINT_WAIT_MS + 500 * (int)(n - 2);
	ok = printing_reprint(a->db, ids, n, reason, &o, &r, &e);
	free(ids);
	if (!ok && flow_print_lost_db(a, &e))
		return;
	scr_lookup_close_form(scr(a));
	if (ok) {
		snprintf(msg, sizeof msg, "Printed %zu ticket%s again on \"%s\" (job %d): the old code%s "
			 "no longer work%s.", r.tickets, r.tickets == 1 ? "" : "s", r.printer, r.job,
			 r.tickets == 1 ? "" : "s", r.tickets == 1 ? "s" : "");
		say(a, msg, false);
	} else if (e.code == ERR_DB) {
		/* refused before anything changed (reprint_tickets), in its words */
		snprintf(msg, sizeof msg, "Not printed again: %s", e.msg);
		say(a, msg, true);
	} else {
		print_why(&e, why, sizeof why);
		snprintf(msg, sizeof msg, "Not printed: %s The new codes are listed as unprinted (U on "
			 "the events screen prints them).", why);
		say(a, msg, true);
	}
	reread_tickets(a);
}

static void exchange(struct app *a)
{
	const char **ids;
	size_t n;
	char reason[FIELD_SIZE];

	if ((ids = request(a, &n)) == NULL)
		return;
	draw_copy(reason, sizeof reason, scr_lookup_reprint_reason(scr(a)));
	scr_lookup_close_form(scr(a));
	flow_exchange_start(a, ids, n, reason);
	free(ids);
	if (a->exch.on)
		flow_lookup_free(a);
}

static void cancel(struct app *a)
{
	struct lk_cancel c;
	struct att_cancelled done;
	const char **ids = NULL;
	char msg[400], m[32], reason[FIELD_SIZE];
	struct err e;
	size_t n = 0;
	bool ok;

	scr_lookup_cancel_request(scr(a), &c);
	draw_copy(reason, sizeof reason, c.reason);
	if (c.whole_order) {
		ok = attendee_cancel_order(a->db, c.order_id, reason, c.method, c.amount, &done, &e);
	} else {
		if ((ids = request(a, &n)) == NULL)
			return;
		ok = attendee_cancel_tickets(a->db, ids, n, reason, c.method, c.amount, &done, &e);
		free(ids);
	}
	if (!ok) {
		flow_failed(a, "Not cancelled", &e); /* the form stays, to fix and try again */
		return;
	}
	scr_lookup_close_form(scr(a));
	if (done.refunded > 0)
		snprintf(msg, sizeof msg, "Cancelled %d ticket%s; %s refunded %s. The seats are on sale "
			 "again.", done.cancelled, done.cancelled == 1 ? "" : "s",
			 money_show(done.refunded, m, sizeof m),
			 c.method == ATT_REFUND_CASH ? "in cash" : "to the card");
	else
		snprintf(msg, sizeof msg, "Cancelled %d ticket%s, no refund. The seats are on sale again.",
			 done.cancelled, done.cancelled == 1 ? "" : "s");
	if (reread_tickets(a))
		update_order_line(a, done.refunded);
	say(a, msg, false);
}

static void reread(struct app *a)
{
	struct flow_lookup *l = &a->lookup;

	switch (scr(a)->level) {
	case LK_AT_SEARCH:
		l->search_due = true;
		break;
	case LK_AT_PERSON: {
		struct att_person p;
		char name[256], email[256], phone[64];

		/* the person again from the top: their orders may have changed */
		memset(&p, 0, sizeof p);
		draw_copy(p.user_id, sizeof p.user_id, scr_lookup_user(scr(a)));
		draw_copy(name, sizeof name, scr(a)->name);
		draw_copy(email, sizeof email, scr(a)->email);
		draw_copy(phone, sizeof phone, scr(a)->phone);
		p.name = name, p.email = email, p.phone = phone;
		if (open_person(a, &p))
			say(a, "Read again.", false);
		break;
	}
	case LK_AT_TICKETS:
		if (reread_tickets(a))
			say(a, "Read again.", false);
		break;
	}
}

void flow_lookup_key(struct app *a, bool is_code, wint_t key)
{
	struct flow_lookup *l = &a->lookup;

	if (!l->ready) {
		a->view = VIEW_EVENTS;
		return;
	}
	switch (scr_lookup_do(scr(a), scr_lookup_key(scr(a), is_code, key), is_code, key)) {
	case LK_SEARCH: l->search_due = true; break;
	case LK_OPEN:
		if (l->search_due)
			run_search(a);
		if (!a->lost)
			open_result(a);
		break;
	case LK_OPEN_TOKEN:
		if (l->search_due)
			run_search(a);
		if (!a->lost)
			open_token(a);
		break;
	case LK_OPEN_ORDER: open_order(a, scr_lookup_order(scr(a)), NULL); break;
	case LK_MORE: more_orders(a); break;
	case LK_WORTH: worth(a); break;
	case LK_REPRINT: reprint(a); break;
	case LK_CANCEL: cancel(a); break;
	case LK_EXCHANGE: exchange(a); break;
	case LK_REREAD: reread(a); break;
	case LK_LEAVE:
		flow_lookup_free(a);
		flow_to_events(a, NULL); /* reprints change the unprinted notice */
		break;
	default: break;
	}
}

void flow_lookup_sync(struct app *a, const char *event_id)
{
	struct flow_lookup *l = &a->lookup;

	if (!l->ready || scr(a)->level != LK_AT_TICKETS)
		return;
	if (event_id == NULL || strcmp(event_id, l->order_event) == 0)
		reread_tickets(a);
}

void flow_lookup_draw(struct app *a)
{
	struct flow_lookup *l = &a->lookup;

	if (!l->ready)
		return;
	/* the keys stopped: one search for whatever was typed meanwhile */
	if (l->search_due && !a->lost && scr(a)->level == LK_AT_SEARCH)
		run_search(a);
	scr_lookup_recalc(scr(a), LINES, COLS);
	scr_lookup_draw(scr(a), stdscr);
}
