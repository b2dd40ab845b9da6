/* sale: the sale functions of the database, called with parameters. */
#include "sale.h"

#include "money.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tiers ---- */

static bool tier_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct tier_list *l = ctx;
	struct tier *t, *grown;

	if (ncols != 5 || v[0] == NULL || v[1] == NULL || v[3] == NULL || v[4] == NULL)
		return err_set(e, ERR_DB, "The price tiers from the database have an unexpected shape.");
	grown = realloc(l->items, (l->n + 1) * sizeof *grown);
	if (grown == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	l->items = grown;
	t = &l->items[l->n++];
	memset(t, 0, sizeof *t);
	snprintf(t->id, sizeof t->id, "%s", v[0]);
	snprintf(t->section_id, sizeof t->section_id, "%s", v[1]);
	snprintf(t->name, sizeof t->name, "%s", v[2] != NULL ? v[2] : "");
	return money_parse(v[3], &t->price, e) && money_parse(v[4], &t->fee, e);
}

bool sale_tiers_load(struct db *db, const char *event_id, struct tier_list *out, struct err *e)
{
	const char *params[] = { event_id };

	out->items = NULL;
	out->n = 0;
	if (!db_query(db,
		      "SELECT tt.id, tt.section_id, tt.name, tt.price::text, tt.fee::text "
		      "FROM ticket_tiers tt JOIN sections s ON s.id = tt.section_id "
		      "WHERE tt.event_id = $1 AND NOT tt.deleted "
		      "ORDER BY s.sort_order, s.name, tt.price DESC, tt.name",
		      1, params, tier_row, out, e)) {
		sale_tiers_free(out);
		return false;
	}
	return true;
}

void sale_tiers_free(struct tier_list *list)
{
	if (list == NULL)
		return;
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

size_t sale_tiers_of(const struct tier_list *list, const char *section_id,
		     const struct tier **out, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < list->n && k < max; i++)
		if (strcmp(list->items[i].section_id, section_id) == 0)
			out[k++] = &list->items[i];
	return k;
}

/* ---- the sale ---- */

bool sale_start(struct sale *s, const char *event_id, struct err *e)
{
	memset(s, 0, sizeof *s);
	if (!uuid_valid(event_id))
		return err_set(e, ERR_INPUT, "\"%.40s\" is not an event id.", event_id);
	snprintf(s->event_id, sizeof s->event_id, "%s", event_id);
	s->state = SALE_SELECTING;
	return uuid_v4(s->id, e);
}

struct hold_ctx {
	int n;
	time_t latest;
};

static bool hold_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct hold_ctx *h = ctx;
	time_t t;

	if (ncols != 2 || v[1] == NULL)
		return err_set(e, ERR_DB, "The hold from the database has an unexpected shape.");
	t = (time_t)strtoll(v[1], NULL, 10);
	if (t > h->latest)
		h->latest = t;
	h->n++;
	return true;
}

static bool seats_held_now(struct db *db, struct sale *s, struct err *e)
{
	char buf[32];
	const char *params[] = { s->id };

	if (!db_query_text(db, "SELECT count(*) FROM event_seats WHERE hold_id = $1 AND status = 'HELD'",
			   1, params, buf, sizeof buf, e))
		return false;
	s->held = atoi(buf);
	if (s->held == 0)
		s->hold_expires = 0;
	return true;
}

bool sale_hold(struct db *db, struct sale *s, const char *const *seat_ids, size_t n, int minutes,
	       struct err *e)
{
	struct hold_ctx h = { 0, 0 };
	char mins[16];
	char *arr;
	bool ok;

	if (s->state != SALE_SELECTING)
		return err_set(e, ERR_INPUT, "This sale already has an order; start a new sale to add seats.");
	if (n == 0)
		return true;
	arr = uuid_array(seat_ids, n, e);
	if (arr == NULL)
		return false;
	snprintf(mins, sizeof mins, "%d", minutes);
	{
		const char *params[] = { s->event_id, s->id, arr, mins };

		ok = db_query(db,
			      "SELECT seat_id, floor(extract(epoch FROM hold_expires_at))::bigint "
			      "FROM hold_seats($1, $2, $3::uuid[], $4::integer)",
			      4, params, hold_row, &h, e);
	}
	free(arr);
	return ok && sale_sync_held(db, s, h.latest, e);
}

bool sale_sync_held(struct db *db, struct sale *s, time_t latest, struct err *e)
{
	if (latest > s->hold_expires)
		s->hold_expires = latest;
	return seats_held_now(db, s, e);
}

bool sale_release(struct db *db, struct sale *s, const char *const *seat_ids, size_t n,
		  int *released, struct err *e)
{
	char buf[32];
	char *arr = NULL;
	bool ok;

	*released = 0;
	if (n > 0 && (arr = uuid_array(seat_ids, n, e)) == NULL)
		return false;
	{
		const char *params[] = { s->id, arr };

		ok = db_query_text(db, "SELECT release_holds($1, $2::uuid[])", 2, params, buf,
				   sizeof buf, e);
	}
	free(arr);
	if (!ok)
		return false;
	*released = atoi(buf);
	return seats_held_now(db, s, e);
}

char *sale_items_json(const struct sale_item *items, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	char *out;

	for (size_t i = 0; a != NULL && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		if (o == NULL || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(a);
			return NULL;
		}
		if (items[i].seat_id != NULL)
			cJSON_AddStringToObject(o, "seat_id", items[i].seat_id);
		cJSON_AddStringToObject(o, "tier_id", items[i].tier_id);
		if (items[i].seat_id == NULL)
			cJSON_AddNumberToObject(o, "quantity", items[i].quantity);
	}
	out = a != NULL ? cJSON_PrintUnformatted(a) : NULL;
	cJSON_Delete(a);
	return out;
}

static const char *method_name(enum pay_method m)
{
	return m == PAY_CASH ? "CASH" : m == PAY_CARD ? "CARD" : "COMP";
}

char *sale_payments_json(const struct payment *p, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	char money[32], *out;

	for (size_t i = 0; a != NULL && i < n; i++) {
		cJSON *o = cJSON_CreateObject();

		if (o == NULL || !cJSON_AddItemToArray(a, o)) {
			cJSON_Delete(o);
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddStringToObject(o, "method", method_name(p[i].method));
		/* amounts as strings: JSON numbers would pass through a double */
		cJSON_AddStringToObject(o, "amount", money_text(p[i].amount, money, sizeof money));
		if (p[i].method == PAY_CASH)
			cJSON_AddStringToObject(o, "tendered", money_text(p[i].tendered, money, sizeof money));
		if (p[i].reference != NULL)
			cJSON_AddStringToObject(o, "reference", p[i].reference);
		if (p[i].reason != NULL)
			cJSON_AddStringToObject(o, "reason", p[i].reason);
	}
	out = a != NULL ? cJSON_PrintUnformatted(a) : NULL;
	cJSON_Delete(a);
	return out;
}

static bool order_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct sale *s = ctx;

	if (ncols != 5 || v[1] == NULL || v[2] == NULL || v[3] == NULL)
		return err_set(e, ERR_DB, "The order from the database has an unexpected shape.");
	if (!money_parse(v[2], &s->total, e) || !money_parse(v[3], &s->fees, e))
		return false;
	s->order_expires = v[4] != NULL ? (time_t)strtoll(v[4], NULL, 10) : 0;
	s->state = strcmp(v[1], "PENDING") == 0 ? SALE_ORDERED
		 : strcmp(v[1], "PAID") == 0	 ? SALE_PAID
						 : SALE_CLOSED;
	return true;
}

bool sale_order(struct db *db, struct sale *s, const struct sale_item *items, size_t n,
		const struct customer *c, int minutes, struct err *e)
{
	char *json, mins[16];
	bool ok;

	if (s->state == SALE_PAID || s->state == SALE_CLOSED)
		return err_set(e, ERR_INPUT, "This sale is finished; start a new one.");
	if (n == 0)
		return err_set(e, ERR_INPUT, "Nothing selected: pick seats or places first.");
	json = sale_items_json(items, n);
	if (json == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	snprintf(mins, sizeof mins, "%d", minutes);
	{
		const char *params[] = { s->id, s->event_id, json, c ? c->name : NULL,
					 c ? c->email : NULL, c ? c->phone : NULL, mins };

		ok = db_query(db,
			      "SELECT order_id, status, total_amount::text, platform_fee::text, "
			      "floor(extract(epoch FROM expires_at))::bigint "
			      "FROM create_order($1, $2, $3::jsonb, $4, $5, $6, $7::integer)",
			      7, params, order_row, s, e);
	}
	free(json);
	return ok;
}

static bool ticket_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct issued *t = ctx;
	struct issued_ticket *it, *grown;

	if (ncols != 3 || v[0] == NULL || v[2] == NULL)
		return err_set(e, ERR_DB, "The tickets from the database have an unexpected shape.");
	grown = realloc(t->items, (t->n + 1) * sizeof *grown);
	if (grown == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	t->items = grown;
	it = &t->items[t->n++];
	memset(it, 0, sizeof *it);
	snprintf(it->ticket_id, sizeof it->ticket_id, "%s", v[0]);
	snprintf(it->seat_id, sizeof it->seat_id, "%s", v[1] != NULL ? v[1] : "");
	snprintf(it->token, sizeof it->token, "%s", v[2]);
	return true;
}

bool sale_pay(struct db *db, struct sale *s, const struct payment *p, size_t n, struct issued *out,
	      struct err *e)
{
	char *json;
	bool ok;

	out->items = NULL;
	out->n = 0;
	if (s->state != SALE_ORDERED)
		return err_set(e, ERR_INPUT, "There is no order waiting for payment.");
	json = sale_payments_json(p, n);
	if (json == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	{
		const char *params[] = { s->id, json };

		ok = db_query(db, "SELECT ticket_id, seat_id, token FROM mark_paid($1, $2::jsonb)", 2,
			      params, ticket_row, out, e);
	}
	free(json);
	if (!ok) {
		sale_issued_free(out);
		return false;
	}
	s->state = SALE_PAID;
	s->held = 0;
	s->hold_expires = 0;
	return true;
}

struct exchange_rows {
	struct issued *out;
	struct exchange_result *res;
};

static bool exchange_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct exchange_rows *r = ctx;

	if (ncols != 7 || !money_parse(v[3], &r->res->worth, e) || !money_parse(v[4], &r->res->total, e) ||
	    !money_parse(v[5], &r->res->paid, e) || !money_parse(v[6], &r->res->refunded, e))
		return err_set(e, ERR_DB, "The exchange's figures from the database have an unexpected shape.");
	return ticket_row(r->out, 3, v, e);
}

bool sale_exchange(struct db *db, struct sale *s, const char *const *old_ids, size_t nold,
		   const char *reason, const struct sale_item *items, size_t nitems,
		   const struct payment *p, size_t n, const char *refund_method,
		   struct exchange_result *res, struct issued *out, struct err *e)
{
	struct exchange_rows rows = { out, res };
	char *ids, *items_json, *pay_json = NULL;
	bool ok = false;

	out->items = NULL;
	out->n = 0;
	memset(res, 0, sizeof *res);
	if (s->state != SALE_SELECTING)
		return err_set(e, ERR_INPUT, "This sale is already ordered or closed: start again.");
	ids = uuid_array(old_ids, nold, e);
	if (ids == NULL)
		return false;
	items_json = sale_items_json(items, nitems);
	if (n > 0)
		pay_json = sale_payments_json(p, n);
	if (items_json == NULL || (n > 0 && pay_json == NULL)) {
		err_set(e, ERR_NOMEM, "Out of memory.");
	} else {
		const char *params[] = { ids, s->id, s->event_id, items_json, reason, pay_json,
					 refund_method };

		ok = db_query(db, "SELECT ticket_id, seat_id, token, worth, total, paid, refunded "
				  "FROM exchange_tickets($1::uuid[], $2, $3, $4::jsonb, $5, $6::jsonb, $7)",
			      7, params, exchange_row, &rows, e);
	}
	free(ids);
	free(items_json);
	free(pay_json);
	if (!ok) {
		sale_issued_free(out);
		return false;
	}
	s->state = SALE_PAID;
	s->total = res->total;
	s->held = 0;
	s->hold_expires = 0;
	return true;
}

void sale_issued_free(struct issued *t)
{
	if (t == NULL)
		return;
	free(t->items);
	t->items = NULL;
	t->n = 0;
}

int64_t sale_change_due(const struct payment *p, size_t n)
{
	int64_t change = 0;

	for (size_t i = 0; i < n; i++)
		if (p[i].method == PAY_CASH && p[i].tendered > p[i].amount)
			change += p[i].tendered - p[i].amount;
	return change;
}

bool sale_abandon(struct db *db, struct sale *s, struct err *e)
{
	const char *params[] = { s->id };
	int released;

	if (s->state == SALE_ORDERED) {
		if (!db_exec(db, "SELECT abandon_order($1)", 1, params, e))
			return false;
	} else if (s->state == SALE_SELECTING && s->held > 0) {
		if (!sale_release(db, s, NULL, 0, &released, e))
			return false;
	}
	if (s->state != SALE_PAID)
		s->state = SALE_CLOSED;
	s->held = 0;
	s->hold_expires = 0;
	return true;
}

bool sale_recover(struct db *db, struct sale *s, struct err *e)
{
	const char *params[] = { s->id };
	enum sale_state before = s->state;

	s->state = SALE_SELECTING; /* unless an order row says otherwise */
	if (!db_query(db,
		      "SELECT id, status, total_amount::text, platform_fee::text, "
		      "floor(extract(epoch FROM expires_at))::bigint FROM orders WHERE id = $1",
		      1, params, order_row, s, e)) {
		s->state = before;
		return false;
	}
	return s->state != SALE_SELECTING || seats_held_now(db, s, e);
}
