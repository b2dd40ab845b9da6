/* cli_exchange: tickets traded for new ones from the command line. */
#include "cli_exchange.h"

#include "attendee.h"
#include "cli_sale.h"
#include "db.h"
#include "events.h"
#include "money.h"
#include "sale.h"
#include "seatmap.h"
#include "session.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* held as long as sell holds: the exchange follows at once */
#define HOLD_MINUTES 10

static const char NOT_ALLOWED[] =
	"Only clerks and supervisors exchange tickets (the new seats are held and the money "
	"taken at the window); your login may not.";

bool cli_exchange_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (n - 1 > CLI_TICKETS_MAX)
		return err_set(e, ERR_USAGE, "exchange takes at most %d tickets at a time",
			       CLI_TICKETS_MAX);
	o->command = CLI_EXCHANGE;
	for (int i = 1; i < n; i++)
		o->tickets[o->ntickets++] = w[i];
	return true;
}

/* Options of other commands (the first one given), or NULL. */
static const char *foreign_option(const struct cli_options *o)
{
	const struct { bool set; const char *name; } opts[] = {
		{ o->org != NULL, "--org" }, { o->name != NULL, "--name" },
		{ o->amount != NULL, "--amount" }, { o->order != NULL, "--order" },
		{ o->customer != NULL, "--customer (the new tickets stay with the same person)" },
		{ o->email != NULL, "--email (the new tickets stay with the same person)" },
		{ o->width != NULL, "--width" }, { o->printer != NULL, "--printer" },
		{ o->layout != NULL, "--layout" }, { o->format != NULL, "--format" },
		{ o->venue != NULL, "--venue" }, { o->title != NULL, "--title" },
		{ o->start != NULL, "--start" }, { o->capacity != NULL, "--capacity" },
		{ o->cash != NULL, "--cash" }, { o->card != NULL, "--card" },
		{ o->note != NULL, "--note" }, { o->pdf != NULL, "--pdf" }, { o->gate != NULL, "--gate" },
		{ o->unique_labels, "--unique-labels" }, { o->killed, "--killed" },
		{ o->unprinted, "--unprinted" }, { o->csv, "--csv" }, { o->refresh, "--refresh" },
		{ o->publish, "--publish" }, { o->active != 0, "--active/--inactive" },
		{ o->no_capacity, "--no-capacity" }, { o->print, "--print" },
	};

	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].set)
			return opts[i].name;
	return NULL;
}

bool cli_exchange_check(const struct cli_options *o, struct err *e)
{
	enum att_refund m;
	const char *other = foreign_option(o);

	if (other != NULL)
		return err_set(e, ERR_USAGE, "%s is not an option of exchange", other);
	if (o->ntickets == 0)
		return err_set(e, ERR_USAGE, "exchange needs the tickets (their ids: tickets ORDER "
			       "shows them)");
	if (!cli_sale_check_what(o, "exchange", e))
		return false;
	if (o->reason == NULL)
		return err_set(e, ERR_USAGE, "exchange needs --reason WHY (it is recorded)");
	if (o->pay == NULL && (o->tendered != NULL || o->reference != NULL))
		return err_set(e, ERR_USAGE, "--tendered and --reference go with --pay");
	if (o->pay != NULL && !cli_sale_check_pay(o, false, e))
		return false;
	if (o->refund != NULL) {
		if (!attendee_refund_parse(o->refund, &m, e))
			return false;
		if (m == ATT_REFUND_NONE)
			return err_set(e, ERR_USAGE, "--refund for an exchange is cash or card: what "
				       "is owed back is handed back");
	}
	if (o->pay != NULL && o->refund != NULL)
		return err_set(e, ERR_USAGE, "--pay (money due) or --refund (money owed back), not "
			       "both");
	return true;
}

bool cli_exchange_settle(const struct cli_options *o, int64_t total, int64_t worth,
			 struct err *e)
{
	int64_t due = total - worth;
	char d[32], t[32], w[32];

	money_show(due < 0 ? -due : due, d, sizeof d);
	money_show(total, t, sizeof t);
	money_show(worth, w, sizeof w);
	if (due > 0 && o->pay == NULL)
		return err_set(e, ERR_USAGE, "%s is due on this exchange (the new tickets %s less %s "
			       "the old ones are worth): %stake it with --pay cash or --pay card "
			       "--reference REF", d, t, w, o->refund != NULL ? "leave out --refund and " : "");
	if (due < 0 && o->refund == NULL)
		return err_set(e, ERR_USAGE, "%s is owed back on this exchange (the old tickets are "
			       "worth %s, the new ones %s): %shand it back with --refund cash or "
			       "--refund card", d, w, t, o->pay != NULL ? "leave out --pay and " : "");
	if (due == 0 && (o->pay != NULL || o->refund != NULL))
		return err_set(e, ERR_USAGE, "nothing is due or owed back on this exchange (the new "
			       "tickets %s, what the old ones are worth): leave out %s", t,
			       o->pay != NULL ? "--pay" : "--refund");
	return true;
}

/* ---- running ---- */

struct exchange_run {
	struct seatmap m;
	struct sale s;
	struct cli_sale_plan p;
	struct payment pay;
	size_t npay;
	const char *refund; /* "CASH", "CARD" or NULL */
	struct exchange_result res;
	struct issued t;
};

static bool print_json(FILE *out, const struct cli_options *o, const struct exchange_run *x)
{
	cJSON *root = cJSON_CreateObject(), *old;
	char money[32];
	char *text = NULL;
	bool ok;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "order_id", x->s.id);
	cJSON_AddStringToObject(root, "event_id", x->s.event_id);
	old = cJSON_CreateStringArray(o->tickets, o->ntickets);
	ok = old != NULL && cJSON_AddItemToObject(root, "exchanged", old);
	if (!ok)
		cJSON_Delete(old);
	cJSON_AddStringToObject(root, "worth", money_text(x->res.worth, money, sizeof money));
	cJSON_AddStringToObject(root, "total", money_text(x->res.total, money, sizeof money));
	cJSON_AddStringToObject(root, "paid", money_text(x->res.paid, money, sizeof money));
	if (x->npay > 0)
		cJSON_AddStringToObject(root, "pay", x->pay.method == PAY_CASH ? "cash" : "card");
	else
		cJSON_AddNullToObject(root, "pay");
	cJSON_AddStringToObject(root, "change",
				money_text(sale_change_due(&x->pay, x->npay), money, sizeof money));
	cJSON_AddStringToObject(root, "refunded", money_text(x->res.refunded, money, sizeof money));
	if (x->res.refunded > 0 && x->refund != NULL)
		cJSON_AddStringToObject(root, "refund", strcmp(x->refund, "CASH") == 0 ? "cash" : "card");
	else
		cJSON_AddNullToObject(root, "refund");
	if (ok && cli_sale_json_tickets(root, &x->m, &x->p, &x->t))
		text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return false;
	fprintf(out, "%s\n", text);
	free(text);
	return true;
}

static void print_text(FILE *out, const struct cli_options *o, const struct exchange_run *x)
{
	char t[32], w[32], m[32], c[32];

	fprintf(out, "exchanged %d ticket%s for %zu: order %.8s (%s), ", o->ntickets,
		o->ntickets == 1 ? "" : "s", x->t.n, x->s.id, x->s.id);
	money_show(x->res.total, t, sizeof t);
	money_show(x->res.worth, w, sizeof w);
	if (x->res.paid > 0) {
		fprintf(out, "total %s less %s the old ones were worth: paid %s %s", t, w,
			money_show(x->res.paid, m, sizeof m),
			x->pay.method == PAY_CASH ? "in cash" : "by card");
		if (x->pay.method == PAY_CASH)
			fprintf(out, ", change %s",
				money_show(sale_change_due(&x->pay, x->npay), c, sizeof c));
	} else if (x->res.refunded > 0) {
		fprintf(out, "total %s, the old ones were worth %s: handed back %s %s", t, w,
			money_show(x->res.refunded, m, sizeof m),
			x->refund != NULL && strcmp(x->refund, "CASH") == 0 ? "in cash" : "to the card");
	} else {
		fprintf(out, "total %s, what the old ones were worth: nothing to pay", t);
	}
	fputs("; the old tickets no longer work\n", out);
	cli_sale_print_tickets(out, &x->m, &x->p, &x->t);
}

/* Holds the new seats, then exchange_tickets() does the rest in one
 * transaction; what was held is let go when anything fails. */
static bool exchange(struct db *db, const struct cli_options *o, struct exchange_run *x,
		     struct err *e)
{
	struct sale_item *items = NULL;
	const char **ids = NULL;
	int64_t worth, total;
	size_t nitems;
	bool known, ok;

	ok = cli_sale_plan(db, o, &x->m, &x->p, e) &&
	     attendee_worth(db, o->tickets, (size_t)o->ntickets, &known, &worth, e) &&
	     cli_sale_items(&x->m, &x->p, &items, &ids, &nitems, e);
	if (ok && known) {
		total = (int64_t)(x->p.nseats > 0 ? (int)x->p.nseats : x->p.places) *
			(x->p.tier.price + x->p.tier.fee);
		ok = cli_exchange_settle(o, total, worth, e);
		if (ok && total > worth) {
			ok = cli_sale_payment(o, total - worth, &x->pay, e);
			x->npay = 1;
		}
		if (ok && total < worth)
			x->refund = strcasecmp(o->refund, "cash") == 0 ? "CASH" : "CARD";
		ok = ok && sale_hold(db, &x->s, ids, x->p.nseats, HOLD_MINUTES, e);
	}
	/* Not all valid tickets of one order (known false): nothing is held, and
	 * exchange_tickets refuses them first, saying which and why. */
	ok = ok && sale_exchange(db, &x->s, o->tickets, (size_t)o->ntickets, o->reason, items,
				 nitems, &x->pay, x->npay, x->refund, &x->res, &x->t, e);
	if (!ok && x->s.state != SALE_PAID) {
		struct err ignored;
		sale_abandon(db, &x->s, &ignored); /* best effort: holds also expire */
	}
	free(items);
	free(ids);
	return ok;
}

static bool run(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct exchange_run x;
	char event[UUID_LEN];
	bool may, ok;

	memset(&x, 0, sizeof x);
	if (!session_may(db, "exchange_tickets(uuid[],uuid,uuid,jsonb,text,jsonb,text)", &may, e))
		return false;
	if (!may)
		return err_set(e, ERR_INPUT, "%s", NOT_ALLOWED);
	if (!events_find(db, o->event, true, event, e) || !sale_start(&x.s, event, e) ||
	    !seatmap_load(db, event, NULL, x.s.id, &x.m, e))
		return false;
	ok = exchange(db, o, &x, e);
	if (ok && o->json)
		ok = print_json(out, o, &x) || err_set(e, ERR_NOMEM, "Out of memory.");
	else if (ok)
		print_text(out, o, &x);
	if (!ok && strcmp(e->sqlstate, "42501") == 0)
		snprintf(e->msg, sizeof e->msg, "%s", NOT_ALLOWED);
	sale_issued_free(&x.t);
	cli_sale_plan_free(&x.p);
	seatmap_free(&x.m);
	return ok;
}

int cli_exchange_run(const struct cli_options *o, FILE *out, FILE *err_out)
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
	ok = run(db, o, out, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
