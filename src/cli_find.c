/* cli_find: find people, their orders and tickets; cancel with a refund. */
#include "cli_find.h"

#include "attendee.h"
#include "db.h"
#include "money.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

/* How many people find lists. */
#define FIND_LIMIT 50

bool cli_find_owns(const struct cli_options *o)
{
	return o->command == CLI_FIND || o->command == CLI_ORDERS || o->command == CLI_TICKETS ||
	       o->command == CLI_CANCEL;
}

bool cli_find_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (strcmp(w[0], "cancel") == 0) {
		if (n - 1 > CLI_TICKETS_MAX)
			return err_set(e, ERR_USAGE, "cancel takes at most %d tickets at a time "
				       "(or --order ORDER for all of an order)", CLI_TICKETS_MAX);
		o->command = CLI_CANCEL;
		for (int i = 1; i < n; i++)
			o->tickets[o->ntickets++] = w[i];
		return true;
	}
	if (strcmp(w[0], "find") == 0) {
		if (n < 2)
			return err_set(e, ERR_USAGE, "find needs what to look for: find QUERY "
				       "(a name, e-mail, phone, order reference or QR token)");
		if (n > 2)
			return err_set(e, ERR_USAGE, "find takes one QUERY: put a name with spaces in "
				       "quotes (find \"Ann Example\")");
		o->command = CLI_FIND;
	} else if (strcmp(w[0], "orders") == 0) {
		if (n != 2)
			return err_set(e, ERR_USAGE, "orders needs one person's id (find shows it): "
				       "orders PERSON");
		o->command = CLI_ORDERS;
	} else {
		if (n != 2)
			return err_set(e, ERR_USAGE, "tickets needs one order (its id or reference): "
				       "tickets ORDER");
		o->command = CLI_TICKETS;
	}
	o->words[0] = w[1];
	o->nwords = 1;
	return true;
}

/* Options of other commands given to one of these (first one found). */
static const char *foreign_option(const struct cli_options *o)
{
	const struct { const void *set; const char *name; } opts[] = {
		{ o->org, "--org" }, { o->name, "--name" }, { o->event, "--event" },
		{ o->section, "--section" }, { o->seats, "--seats" }, { o->best, "--best" },
		{ o->tier, "--tier" }, { o->pay, "--pay" }, { o->tendered, "--tendered" },
		{ o->reference, "--reference" }, { o->customer, "--customer" },
		{ o->email, "--email" }, { o->width, "--width" }, { o->printer, "--printer" },
		{ o->layout, "--layout" }, { o->format, "--format" }, { o->venue, "--venue" },
		{ o->title, "--title" }, { o->start, "--start" }, { o->capacity, "--capacity" },
		{ o->cash, "--cash" }, { o->card, "--card" }, { o->note, "--note" },
		{ o->pdf, "--pdf" }, { o->gate, "--gate" },
	};
	const struct { bool set; const char *name; } flags[] = {
		{ o->nga > 0, "--ga" }, { o->unique_labels, "--unique-labels" },
		{ o->killed, "--killed" }, { o->unprinted, "--unprinted" }, { o->csv, "--csv" },
		{ o->refresh, "--refresh" }, { o->publish, "--publish" },
		{ o->active != 0, "--active/--inactive" }, { o->no_capacity, "--no-capacity" },
		{ o->print, "--print" },
	};

	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].set != NULL)
			return opts[i].name;
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (flags[i].set)
			return flags[i].name;
	return NULL;
}

static bool check_cancel(const struct cli_options *o, struct err *e)
{
	enum att_refund m = ATT_REFUND_NONE;
	int64_t cents;

	if (o->ntickets == 0 && o->order == NULL)
		return err_set(e, ERR_USAGE, "cancel needs the tickets (their ids: tickets ORDER "
			       "shows them) or --order ORDER");
	if (o->ntickets > 0 && o->order != NULL)
		return err_set(e, ERR_USAGE, "cancel tickets or --order ORDER, not both");
	if (o->reason == NULL)
		return err_set(e, ERR_USAGE, "cancel needs --reason WHY (it is recorded)");
	if (o->json)
		return err_set(e, ERR_USAGE, "--json is for find, orders and tickets");
	if (o->refund != NULL && !attendee_refund_parse(o->refund, &m, e))
		return false;
	if (o->amount != NULL && o->refund == NULL)
		return err_set(e, ERR_USAGE, "--amount goes with --refund cash|card");
	if (m != ATT_REFUND_NONE && o->amount == NULL)
		return err_set(e, ERR_USAGE, "--refund %s needs --amount X: what is paid back", o->refund);
	if (o->amount != NULL && !money_parse(o->amount, &cents, e)) {
		e->code = ERR_USAGE;
		return false;
	}
	return true;
}

bool cli_find_check(const struct cli_options *o, struct err *e)
{
	const char *other;

	if (!cli_find_owns(o)) {
		if (o->refund != NULL || o->amount != NULL || o->order != NULL)
			return err_set(e, ERR_USAGE, "--refund, --amount and --order are for cancel");
		return true;
	}
	if ((other = foreign_option(o)) != NULL)
		return err_set(e, ERR_USAGE, "%s is not an option of %s", other,
			       o->command == CLI_FIND ? "find" : o->command == CLI_ORDERS ? "orders"
			       : o->command == CLI_TICKETS ? "tickets" : "cancel");
	if (o->command == CLI_CANCEL)
		return check_cancel(o, e);
	if (o->reason != NULL || o->refund != NULL || o->amount != NULL || o->order != NULL)
		return err_set(e, ERR_USAGE, "--reason, --refund, --amount and --order are for cancel");
	return true;
}

/* ---- text ---- */

static const char *or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

static void print_people(FILE *out, const char *query, const struct att_people *p)
{
	char ref[12];

	fprintf(out, "%zu found for \"%s\"%s\n", p->n, query,
		p->n == 0 ? "" : " (person id, name, e-mail, phone, orders, matched by)");
	for (size_t i = 0; i < p->n; i++) {
		const struct att_person *x = &p->v[i];

		fprintf(out, "%s  %s  %s  %s  %d order%s  %s", x->user_id, x->name, or_dash(x->email),
			or_dash(x->phone), x->orders, x->orders == 1 ? "" : "s",
			attendee_match_word(x->matched));
		if (x->matched == ATT_BY_ORDER || x->matched == ATT_BY_TICKET)
			fprintf(out, " (order %s)", attendee_ref(x->order_id, ref, sizeof ref));
		if (x->matched == ATT_BY_TICKET)
			fprintf(out, " ticket %s", x->ticket_id);
		fputc('\n', out);
	}
}

static void print_orders(FILE *out, const char *name, const struct att_orders *l)
{
	char ref[12], a[32], b[32];

	fprintf(out, "%s: %zu order%s\n", name, l->n, l->n == 1 ? "" : "s");
	for (size_t i = 0; i < l->n; i++) {
		const struct att_order *x = &l->v[i];

		fprintf(out, "%s  %s  %s  %s, %s  %s  total %s", attendee_ref(x->order_id, ref, sizeof ref),
			x->order_id, x->created_at, x->event_title, x->start, x->status,
			money_show(x->total, a, sizeof a));
		if (x->refunded > 0)
			fprintf(out, " refunded %s", money_show(x->refunded, b, sizeof b));
		fprintf(out, "  tickets: %d valid, %d used, %d cancelled (%d place%s)\n", x->valid,
			x->used, x->cancelled, x->places, x->places == 1 ? "" : "s");
	}
}

static void print_tickets(FILE *out, const char *name, const struct att_tickets *l)
{
	char ref[12], seat[300], price[32];

	fprintf(out, "Order %s (%s) of %s: %zu ticket%s\n", attendee_ref(l->order_id, ref, sizeof ref),
		l->order_id, name, l->n, l->n == 1 ? "" : "s");
	for (size_t i = 0; i < l->n; i++) {
		const struct att_ticket *t = &l->v[i];

		fprintf(out, "%s  %s  %s  %s  %s", t->ticket_id, attendee_seat(t, seat, sizeof seat),
			t->tier, money_show(t->price, price, sizeof price), t->status);
		if (t->scanned_at[0] != '\0')
			fprintf(out, " %s%s%s", t->scanned_at, t->gate[0] ? " at " : "", t->gate);
		if (strcmp(t->status, "CANCELLED") == 0)
			fprintf(out, " %s: %s", t->cancelled_at, t->cancel_reason);
		if (t->prints == 0)
			fprintf(out, "  never printed");
		else
			fprintf(out, "  printed %d time%s, last on \"%s\" (%s)", t->prints,
				t->prints == 1 ? "" : "s", t->last_printer, t->last_print_status);
		if (t->reprints > 0)
			fprintf(out, ", %d new code%s", t->reprints, t->reprints == 1 ? "" : "s");
		fputc('\n', out);
	}
}

/* ---- JSON ---- */

static void add_text(cJSON *o, const char *key, const char *s)
{
	if (s != NULL && s[0] != '\0')
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_money(cJSON *o, const char *key, int64_t cents)
{
	char buf[32];

	cJSON_AddStringToObject(o, key, money_text(cents, buf, sizeof buf));
}

static cJSON *add_row(cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static bool emit(FILE *out, cJSON *root)
{
	char *text = root != NULL ? cJSON_Print(root) : NULL;

	cJSON_Delete(root);
	if (text == NULL)
		return false;
	fprintf(out, "%s\n", text);
	free(text);
	return true;
}

static bool json_people(FILE *out, const char *query, const struct att_people *p)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "query", query);
	if ((arr = cJSON_AddArrayToObject(root, "people")) == NULL) {
		cJSON_Delete(root);
		return false;
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct att_person *x = &p->v[i];

		if ((o = add_row(arr)) == NULL)
			break;
		cJSON_AddStringToObject(o, "user_id", x->user_id);
		cJSON_AddStringToObject(o, "name", x->name);
		add_text(o, "email", x->email);
		add_text(o, "phone", x->phone);
		cJSON_AddNumberToObject(o, "orders", x->orders);
		add_text(o, "last_order_at", x->last_order_at);
		cJSON_AddStringToObject(o, "matched", attendee_match_word(x->matched));
		add_text(o, "order_id", x->order_id);
		add_text(o, "ticket_id", x->ticket_id);
	}
	return emit(out, root);
}

static bool json_orders(FILE *out, const char *user_id, const char *name, const struct att_orders *l)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "user_id", user_id);
	cJSON_AddStringToObject(root, "name", name);
	if ((arr = cJSON_AddArrayToObject(root, "orders")) == NULL) {
		cJSON_Delete(root);
		return false;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct att_order *x = &l->v[i];
		char ref[12];

		if ((o = add_row(arr)) == NULL)
			break;
		cJSON_AddStringToObject(o, "order_id", x->order_id);
		cJSON_AddStringToObject(o, "reference", attendee_ref(x->order_id, ref, sizeof ref));
		add_text(o, "created_at", x->created_at);
		add_text(o, "paid_at", x->paid_at);
		cJSON_AddStringToObject(o, "status", x->status);
		add_money(o, "total", x->total);
		add_money(o, "refunded", x->refunded);
		cJSON_AddStringToObject(o, "event_id", x->event_id);
		cJSON_AddStringToObject(o, "event_title", x->event_title);
		add_text(o, "start", x->start);
		cJSON_AddNumberToObject(o, "tickets_valid", x->valid);
		cJSON_AddNumberToObject(o, "tickets_used", x->used);
		cJSON_AddNumberToObject(o, "tickets_cancelled", x->cancelled);
		cJSON_AddNumberToObject(o, "places", x->places);
	}
	return emit(out, root);
}

static bool json_tickets(FILE *out, const char *user_id, const char *name,
			 const struct att_tickets *l)
{
	cJSON *root = cJSON_CreateObject(), *arr, *o;
	char ref[12];

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "order_id", l->order_id);
	cJSON_AddStringToObject(root, "reference", attendee_ref(l->order_id, ref, sizeof ref));
	cJSON_AddStringToObject(root, "user_id", user_id);
	cJSON_AddStringToObject(root, "name", name);
	if ((arr = cJSON_AddArrayToObject(root, "tickets")) == NULL) {
		cJSON_Delete(root);
		return false;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct att_ticket *t = &l->v[i];

		if ((o = add_row(arr)) == NULL)
			break;
		cJSON_AddStringToObject(o, "ticket_id", t->ticket_id);
		cJSON_AddStringToObject(o, "section", t->section);
		add_text(o, "row", t->row);
		add_text(o, "number", t->number);
		cJSON_AddStringToObject(o, "tier", t->tier);
		add_money(o, "price", t->price);
		cJSON_AddStringToObject(o, "status", t->status);
		add_text(o, "scanned_at", t->scanned_at);
		add_text(o, "gate", t->gate);
		add_text(o, "cancelled_at", t->cancelled_at);
		add_text(o, "cancel_reason", t->cancel_reason);
		cJSON_AddNumberToObject(o, "reprints", t->reprints);
		cJSON_AddNumberToObject(o, "prints", t->prints);
		add_text(o, "last_printed_at", t->last_printed_at);
		add_text(o, "last_printer", t->last_printer);
		add_text(o, "last_print_status", t->last_print_status);
	}
	return emit(out, root);
}

/* ---- running ---- */

static bool run_find(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct att_people p;
	bool ok;

	if (!attendee_find(db, o->words[0], FIND_LIMIT, &p, e))
		return false;
	if (o->json)
		ok = json_people(out, o->words[0], &p) || err_set(e, ERR_NOMEM, "Out of memory.");
	else {
		print_people(out, o->words[0], &p);
		ok = true;
	}
	attendee_people_free(&p);
	return ok;
}

static bool run_orders(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct att_orders l = { NULL, 0, false };
	char name[512];
	bool ok;

	if (!attendee_name(db, o->words[0], name, sizeof name, e))
		return false;
	/* every page, by keyset: the first is recorded as the person looked up */
	do {
		ok = attendee_orders_more(db, o->words[0], 99, &l, e);
	} while (ok && l.more);
	if (ok && o->json)
		ok = json_orders(out, o->words[0], name, &l) || err_set(e, ERR_NOMEM, "Out of memory.");
	else if (ok)
		print_orders(out, name, &l);
	attendee_orders_free(&l);
	return ok;
}

static bool run_tickets(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct att_tickets l;
	char id[ATT_ID_SIZE], user[ATT_ID_SIZE], name[512];
	bool ok;

	if (!attendee_order_resolve(db, o->words[0], id, e) ||
	    !attendee_order_buyer(db, id, user, name, sizeof name, e) ||
	    !attendee_tickets_load(db, id, &l, e))
		return false;
	if (o->json)
		ok = json_tickets(out, user, name, &l) || err_set(e, ERR_NOMEM, "Out of memory.");
	else {
		print_tickets(out, name, &l);
		ok = true;
	}
	attendee_tickets_free(&l);
	return ok;
}

static bool run_cancel(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	enum att_refund m = ATT_REFUND_NONE;
	struct att_cancelled c;
	int64_t amount = 0;
	char id[ATT_ID_SIZE], ref[12], a[32], w[32];

	if ((o->refund != NULL && !attendee_refund_parse(o->refund, &m, e)) ||
	    (o->amount != NULL && !money_parse(o->amount, &amount, e)))
		return false;
	if (o->order != NULL) {
		if (!attendee_order_resolve(db, o->order, id, e) ||
		    !attendee_cancel_order(db, id, o->reason, m, amount, &c, e))
			return false;
	} else if (!attendee_cancel_tickets(db, o->tickets, (size_t)o->ntickets, o->reason, m, amount,
					    &c, e)) {
		return false;
	}
	fprintf(out, "cancelled %d ticket%s of order %s; ", c.cancelled, c.cancelled == 1 ? "" : "s",
		attendee_ref(c.order_id, ref, sizeof ref));
	if (c.refunded > 0)
		fprintf(out, "refunded %s %s", money_show(c.refunded, a, sizeof a),
			m == ATT_REFUND_CASH ? "in cash" : "to the card");
	else
		fprintf(out, "no refund");
	fprintf(out, " (the tickets were worth %s); refund %s\n", money_show(c.worth, w, sizeof w),
		c.refund_id);
	return true;
}

int cli_find_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db;
	bool ok;

	err_clear(&e);
	db = db_connect(o->conninfo, &e);
	if (db == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	switch (o->command) {
	case CLI_FIND: ok = run_find(db, o, out, &e); break;
	case CLI_ORDERS: ok = run_orders(db, o, out, &e); break;
	case CLI_TICKETS: ok = run_tickets(db, o, out, &e); break;
	default: ok = run_cancel(db, o, out, &e); break;
	}
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
