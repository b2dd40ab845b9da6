/* cli_sale: the sale from the command line. */
#include "cli_sale.h"

#include "db.h"
#include "events.h"
#include "kills.h"
#include "money.h"
#include "sale.h"
#include "seatmap.h"
#include "seatnav.h"
#include "seatview.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SELL_MAX 100 /* places per order, as create_order allows */

bool cli_sale_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (strcmp(w[0], "seatmap") == 0) {
		if (n != 3)
			return err_set(e, ERR_USAGE, "seatmap needs an event and a section: "
				       "seatmap EVENT SECTION");
		o->command = CLI_SEATMAP;
		o->event = w[1];
		o->section = w[2];
		return true;
	}
	if (n != 1)
		return err_set(e, ERR_USAGE, "sell takes options only (--event, --section, …), "
			       "not \"%s\"", w[1]);
	o->command = CLI_SELL;
	return true;
}

static bool whole(const char *s, const char *what, int lo, int hi, int *out, struct err *e)
{
	char *end;
	long v = s != NULL ? strtol(s, &end, 10) : 0;

	if (s == NULL || s[0] < '0' || s[0] > '9' || *end != '\0' || v < lo || v > hi)
		return err_set(e, ERR_USAGE, "%s must be a whole number from %d to %d, got \"%s\"",
			       what, lo, hi, s != NULL ? s : "");
	*out = (int)v;
	return true;
}

bool cli_sale_check_what(const struct cli_options *o, const char *cmd, struct err *e)
{
	int what = (o->seats != NULL) + (o->best != NULL) + (o->nga > 0), k;

	if (o->event == NULL || o->section == NULL)
		return err_set(e, ERR_USAGE, "%s needs --event EVENT and --section SECTION", cmd);
	if (what != 1)
		return err_set(e, ERR_USAGE, "%s needs exactly one of --seats \"A12-A15\", "
			       "--best N or --ga N", cmd);
	if (o->nga > 1)
		return err_set(e, ERR_USAGE, "%s takes one --ga N", cmd);
	return (o->best == NULL || whole(o->best, "--best", 1, SELL_MAX, &k, e)) &&
	       (o->nga == 0 || whole(o->ga[0], "--ga", 1, SELL_MAX, &k, e));
}

bool cli_sale_check_pay(const struct cli_options *o, bool comp, struct err *e)
{
	if (strcmp(o->pay, "cash") != 0 && strcmp(o->pay, "card") != 0 &&
	    (!comp || strcmp(o->pay, "comp") != 0))
		return err_set(e, ERR_USAGE, "--pay must be %s, not \"%s\"",
			       comp ? "cash, card or comp" : "cash or card", o->pay);
	if (o->tendered != NULL && strcmp(o->pay, "cash") != 0)
		return err_set(e, ERR_USAGE, "--tendered is for cash");
	if ((o->reference != NULL) != (strcmp(o->pay, "card") == 0))
		return err_set(e, ERR_USAGE, "--reference (the card terminal's) goes with --pay card");
	return true;
}

static bool check_sell(const struct cli_options *o, struct err *e)
{
	if (!cli_sale_check_what(o, "sell", e))
		return false;
	if (o->killed && o->seats == NULL)
		return err_set(e, ERR_USAGE, "--killed sells the named seats: give them with --seats");
	if (o->pay == NULL)
		return err_set(e, ERR_USAGE, "sell needs --pay cash, card or comp");
	if (!cli_sale_check_pay(o, true, e))
		return false;
	if ((o->reason != NULL) != (strcmp(o->pay, "comp") == 0))
		return err_set(e, ERR_USAGE, "--reason goes with --pay comp, which needs one");
	return true;
}

bool cli_sale_check(const struct cli_options *o, struct err *e)
{
	bool kill = o->command == CLI_KILL || o->command == CLI_UNKILL;
	const char *sell_only[] = { kill ? NULL : o->seats, o->best, o->tier, o->pay, o->tendered,
				    o->reference,
				    o->command == CLI_PRINT || kill ? NULL : o->reason,
				    o->customer, o->email };
	int k;

	if (o->command == CLI_SELL)
		return check_sell(o, e);
	if (o->killed)
		return err_set(e, ERR_USAGE, "--killed is for sell");
	for (size_t i = 0; i < sizeof sell_only / sizeof sell_only[0]; i++)
		if (sell_only[i] != NULL || (o->json && o->command != CLI_STATS &&
					     o->command != CLI_VALIDATE && o->command != CLI_ADMIN_HEALTH))
			return err_set(e, ERR_USAGE, "--seats, --best, --tier, --pay, --tendered, "
				       "--reference, --reason, --customer, --email and --json are "
				       "for sell");
	if (o->command != CLI_SEATMAP &&
	    ((o->event != NULL && o->command != CLI_VALIDATE) || (o->section != NULL && !kill)))
		return err_set(e, ERR_USAGE, "--event and --section are for sell");
	if (o->width != NULL && o->command != CLI_SEATMAP)
		return err_set(e, ERR_USAGE, "--width is for seatmap");
	return o->width == NULL || whole(o->width, "--width", 20, 1000, &k, e);
}

/* ---- running ---- */

/* An event of the caller's organisation on sale, by id or exact title. */
static bool find_event(struct db *db, const char *key, char id[UUID_LEN], struct err *e)
{
	return events_find(db, key, true, id, e);
}

static int find_section(const struct seatmap *m, const char *name, struct err *e)
{
	for (size_t i = 0; i < m->nsections; i++)
		if (strcasecmp(m->sections[i].name, name) == 0 || strcmp(m->sections[i].id, name) == 0) {
			if (!m->sections[i].active)
				break;
			return (int)i;
		}
	err_set(e, ERR_INPUT, "No section \"%s\" on sale for this event.", name);
	return -1;
}

static int print_failure(FILE *err_out, const struct err *e)
{
	cli_print_error(err_out, e);
	return cli_exit_code(e);
}

static int run_seatmap(struct db *db, const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct seatmap m;
	char event[UUID_LEN];
	struct err e;
	int sec, width = o->width != NULL ? atoi(o->width) : 100;
	bool ok;

	if (!find_event(db, o->event, event, &e) || !seatmap_load(db, event, NULL, NULL, &m, &e))
		return print_failure(err_out, &e);
	sec = find_section(&m, o->section, &e);
	ok = sec >= 0;
	if (ok && m.sections[sec].general) {
		fprintf(out, "%s: general admission, %d of %d places left\n", m.sections[sec].name,
			m.sections[sec].capacity - m.sections[sec].sold - m.sections[sec].held,
			m.sections[sec].capacity);
	} else if (ok && !seatmap_render_text(&m, sec, width, SEATVIEW_ZOOM_AUTO, true, out, &e)) {
		ok = false;
	}
	seatmap_free(&m);
	return ok ? CLI_EXIT_OK : print_failure(err_out, &e);
}

static bool plan_seats(const struct seatmap *m, const struct cli_options *o,
		       struct cli_sale_plan *p, struct err *e)
{
	const struct seatmap_section *s = &m->sections[p->section];
	struct seatnav_stage stage;
	int n;

	if (s->general) {
		if (o->nga == 0)
			return err_set(e, ERR_USAGE, "%s is general admission: give the number of "
				       "places with --ga N", s->name);
		p->places = atoi(o->ga[0]);
		return true;
	}
	if (o->nga > 0)
		return err_set(e, ERR_USAGE, "%s has numbered seats: use --seats or --best", s->name);
	if (o->seats != NULL)
		return seatmap_parse_range(m, p->section, o->seats, &p->seats, &p->nseats, e);
	n = atoi(o->best);
	if ((p->seats = calloc((size_t)n, sizeof *p->seats)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	seatnav_stage_of(m, &stage);
	if (!seatnav_best(m, p->section, &stage, n, false, p->seats, e))
		return false;
	p->nseats = (size_t)n;
	return true;
}

static bool plan_tier(const struct tier_list *tl, const struct seatmap *m,
		      const struct cli_options *o, struct cli_sale_plan *p, struct err *e)
{
	const struct tier *t[16];
	size_t n = sale_tiers_of(tl, m->sections[p->section].id, t, 16);

	if (n == 0)
		return err_set(e, ERR_INPUT, "%s has no prices for this event.",
			       m->sections[p->section].name);
	p->tier = *t[0];
	if (o->tier == NULL)
		return true;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(t[i]->name, o->tier) == 0) {
			p->tier = *t[i];
			return true;
		}
	return err_set(e, ERR_INPUT, "%s has no tier \"%s\".", m->sections[p->section].name, o->tier);
}

bool cli_sale_plan(struct db *db, const struct cli_options *o, const struct seatmap *m,
		   struct cli_sale_plan *p, struct err *e)
{
	struct tier_list tl = { NULL, 0 };
	bool ok;

	memset(p, 0, sizeof *p);
	ok = (p->section = find_section(m, o->section, e)) >= 0 && plan_seats(m, o, p, e) &&
	     sale_tiers_load(db, m->event_id, &tl, e) && plan_tier(&tl, m, o, p, e);
	sale_tiers_free(&tl);
	return ok;
}

void cli_sale_plan_free(struct cli_sale_plan *p)
{
	free(p->seats);
	p->seats = NULL;
	p->nseats = 0;
}

bool cli_sale_items(const struct seatmap *m, const struct cli_sale_plan *p,
		    struct sale_item **items, const char ***ids, size_t *n, struct err *e)
{
	*n = p->nseats > 0 ? p->nseats : 1;
	*items = calloc(*n, sizeof **items);
	*ids = calloc(*n, sizeof **ids);
	if (*items == NULL || *ids == NULL) {
		free(*items);
		free(*ids);
		*items = NULL;
		*ids = NULL;
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	for (size_t i = 0; i < p->nseats; i++) {
		(*ids)[i] = m->seats[p->seats[i]].id;
		(*items)[i] = (struct sale_item){ (*ids)[i], p->tier.id, 1 };
	}
	if (p->nseats == 0)
		(*items)[0] = (struct sale_item){ NULL, p->tier.id, p->places };
	return true;
}

bool cli_sale_payment(const struct cli_options *o, int64_t amount, struct payment *pay,
		      struct err *e)
{
	memset(pay, 0, sizeof *pay);
	pay->amount = amount;
	if (strcmp(o->pay, "cash") == 0) {
		pay->method = PAY_CASH;
		pay->tendered = amount;
		if (o->tendered != NULL && !money_parse(o->tendered, &pay->tendered, e))
			return false;
		if (pay->tendered < amount) {
			char a[32], b[32];
			return err_set(e, ERR_INPUT, "Cash tendered %s is less than the total %s.",
				       money_show(pay->tendered, a, sizeof a),
				       money_show(amount, b, sizeof b));
		}
	} else if (strcmp(o->pay, "card") == 0) {
		pay->method = PAY_CARD;
		pay->reference = o->reference;
	} else {
		pay->method = PAY_COMP;
		pay->reason = o->reason;
	}
	return true;
}

void cli_sale_print_tickets(FILE *out, const struct seatmap *m, const struct cli_sale_plan *p,
			    const struct issued *t)
{
	char a[32], name[160];

	for (size_t i = 0; i < t->n; i++) {
		int seat = t->items[i].seat_id[0] ? seatmap_find_id(m, t->items[i].seat_id) : -1;

		if (seat >= 0)
			seatmap_seat_name(m, seat, name, sizeof name);
		else
			snprintf(name, sizeof name, "%s (general admission)", m->sections[p->section].name);
		fprintf(out, "  %-32s %-12s %10s  %s\n", name, p->tier.name,
			money_show(p->tier.price, a, sizeof a), t->items[i].token);
	}
}

static void print_text(FILE *out, const struct seatmap *m, const struct cli_sale_plan *p,
		       const struct sale *s, const struct payment *pay, const struct issued *t)
{
	char a[32], b[32], c[32];

	fprintf(out, "sold %zu ticket%s: order %.8s (%s), total %s (fees %s), %s", t->n,
		t->n == 1 ? "" : "s", s->id, s->id, money_show(s->total, a, sizeof a),
		money_show(s->fees, b, sizeof b),
		pay->method == PAY_CASH ? "cash" : pay->method == PAY_CARD ? "card" : "comp");
	if (pay->method == PAY_CASH)
		fprintf(out, ", change %s", money_show(sale_change_due(pay, 1), c, sizeof c));
	fputc('\n', out);
	cli_sale_print_tickets(out, m, p, t);
}

bool cli_sale_json_tickets(struct cJSON *root, const struct seatmap *m,
			   const struct cli_sale_plan *p, const struct issued *t)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "tickets");
	char money[32], name[160];

	for (size_t i = 0; arr != NULL && i < t->n; i++) {
		cJSON *o = cJSON_CreateObject();
		int seat = t->items[i].seat_id[0] ? seatmap_find_id(m, t->items[i].seat_id) : -1;

		if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			return false;
		}
		cJSON_AddStringToObject(o, "ticket_id", t->items[i].ticket_id);
		cJSON_AddStringToObject(o, "section", m->sections[p->section].name);
		if (seat >= 0) {
			cJSON_AddStringToObject(o, "seat_id", t->items[i].seat_id);
			cJSON_AddStringToObject(o, "row", m->rows[m->seats[seat].row].label);
			cJSON_AddStringToObject(o, "number", m->seats[seat].number);
			cJSON_AddStringToObject(o, "seat", seatmap_seat_name(m, seat, name, sizeof name));
		} else {
			cJSON_AddNullToObject(o, "seat_id");
		}
		cJSON_AddStringToObject(o, "tier", p->tier.name);
		cJSON_AddStringToObject(o, "price", money_text(p->tier.price, money, sizeof money));
		cJSON_AddStringToObject(o, "token", t->items[i].token);
	}
	return arr != NULL;
}

static bool print_json(FILE *out, const struct seatmap *m, const struct cli_sale_plan *p,
		       const struct sale *s, const struct payment *pay, const struct issued *t)
{
	cJSON *root = cJSON_CreateObject();
	char money[32];
	char *text = NULL;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "order_id", s->id);
	cJSON_AddStringToObject(root, "event_id", s->event_id);
	cJSON_AddStringToObject(root, "total", money_text(s->total, money, sizeof money));
	cJSON_AddStringToObject(root, "fees", money_text(s->fees, money, sizeof money));
	cJSON_AddStringToObject(root, "change", money_text(sale_change_due(pay, 1), money, sizeof money));
	if (cli_sale_json_tickets(root, m, p, t))
		text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return false;
	fprintf(out, "%s\n", text);
	free(text);
	return true;
}

/* hold → order → pay, releasing whatever was taken when a step fails */
static bool sell(struct db *db, const struct cli_options *o, struct seatmap *m, struct sale *s,
		 struct cli_sale_plan *p, struct payment *pay, struct issued *t, struct err *e)
{
	struct sale_item *items = NULL;
	const char **ids = NULL;
	struct customer c = { o->customer, o->email, NULL };
	size_t n;
	bool ok = cli_sale_items(m, p, &items, &ids, &n, e);

	/* seats off sale are taken into the sale by kills; then they sell as usual */
	ok = ok && (o->killed ? kills_hold(db, s, ids, p->nseats, 10, e)
			      : sale_hold(db, s, ids, p->nseats, 10, e)) &&
	     sale_order(db, s, items, n, &c, 10, e) && cli_sale_payment(o, s->total, pay, e) &&
	     sale_pay(db, s, pay, 1, t, e);
	if (!ok && s->state != SALE_PAID) {
		struct err ignored;
		sale_abandon(db, s, &ignored); /* best effort: the database also lets holds expire */
	}
	free(items);
	free(ids);
	return ok;
}

static int run_sell(struct db *db, const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct seatmap m;
	struct sale s;
	struct cli_sale_plan p = { .section = -1 };
	struct payment pay;
	struct issued t = { NULL, 0 };
	char event[UUID_LEN];
	struct err e;
	bool ok;

	err_clear(&e);
	if (!find_event(db, o->event, event, &e) || !sale_start(&s, event, &e) ||
	    !seatmap_load(db, event, NULL, s.id, &m, &e))
		return print_failure(err_out, &e);
	ok = cli_sale_plan(db, o, &m, &p, &e) && sell(db, o, &m, &s, &p, &pay, &t, &e);
	if (ok && o->json)
		ok = print_json(out, &m, &p, &s, &pay, &t) || err_set(&e, ERR_NOMEM, "Out of memory.");
	else if (ok)
		print_text(out, &m, &p, &s, &pay, &t);
	sale_issued_free(&t);
	cli_sale_plan_free(&p);
	seatmap_free(&m);
	return ok ? CLI_EXIT_OK : print_failure(err_out, &e);
}

int cli_sale_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db = db_connect(o->conninfo, &e);
	int rc;

	if (db == NULL)
		return print_failure(err_out, &e);
	rc = o->command == CLI_SEATMAP ? run_seatmap(db, o, out, err_out) : run_sell(db, o, out, err_out);
	db_close(&db);
	return rc;
}
