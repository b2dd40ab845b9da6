/* attendee: find people, their orders and tickets; cancel with a refund. */
#include "attendee.h"

#include "money.h"
#include "uuid.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* UTC, whatever the session's TimeZone */
#define UTC(x) "to_char((" x ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* to the microsecond: a keyset position must compare equal to the row's */
#define UTC_US(x) "to_char((" x ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

/* ---- pure ---- */

static void trim(const char *s, const char **from, size_t *len)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*from = s;
	*len = n;
}

bool attendee_is_token(const char *text)
{
	const char *s;
	size_t n;

	if (text == NULL)
		return false;
	trim(text, &s, &n);
	if (n != ATT_TOKEN_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

size_t attendee_query_length(const char *text)
{
	const char *s;
	size_t n, chars = 0;

	if (text == NULL)
		return 0;
	trim(text, &s, &n);
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	return chars;
}

const char *attendee_query_hint(const char *text)
{
	size_t n = attendee_query_length(text);

	if (n == 0)
		return "Type a name, e-mail, phone, order reference, or scan a ticket.";
	if (n < ATT_QUERY_MIN)
		return "Type 2 letters or more.";
	if (n > ATT_QUERY_MAX)
		return "A search is at most 200 characters.";
	return NULL;
}

const char *attendee_match_word(enum att_match m)
{
	switch (m) {
	case ATT_BY_NAME: return "name";
	case ATT_BY_EMAIL: return "e-mail";
	case ATT_BY_PHONE: return "phone";
	case ATT_BY_ORDER: return "order";
	case ATT_BY_TICKET: return "ticket";
	}
	return "?";
}

static enum att_match match_of(const char *s)
{
	if (s == NULL)
		return ATT_BY_NAME;
	if (strcmp(s, "email") == 0)
		return ATT_BY_EMAIL;
	if (strcmp(s, "phone") == 0)
		return ATT_BY_PHONE;
	if (strcmp(s, "order") == 0)
		return ATT_BY_ORDER;
	if (strcmp(s, "ticket") == 0)
		return ATT_BY_TICKET;
	return ATT_BY_NAME;
}

bool attendee_refund_parse(const char *word, enum att_refund *out, struct err *e)
{
	static const struct { const char *word; enum att_refund m; } words[] = {
		{ "cash", ATT_REFUND_CASH }, { "card", ATT_REFUND_CARD }, { "none", ATT_REFUND_NONE },
	};

	for (size_t i = 0; word != NULL && i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(word, words[i].word) == 0) {
			*out = words[i].m;
			return true;
		}
	return err_set(e, ERR_USAGE, "a refund is cash, card or none, not \"%.40s\"",
		       word != NULL ? word : "");
}

const char *attendee_refund_name(enum att_refund m)
{
	switch (m) {
	case ATT_REFUND_CASH: return "CASH";
	case ATT_REFUND_CARD: return "CARD";
	case ATT_REFUND_NONE: break;
	}
	return "NONE";
}

bool attendee_refund_check(const char *reason, enum att_refund m, int64_t amount, int64_t worth,
			   int *field, struct err *e)
{
	char a[32], b[32];

	*field = 0;
	if (attendee_query_length(reason) == 0)
		return err_set(e, ERR_INPUT, "Say why the tickets are cancelled.");
	*field = 2;
	if (amount < 0)
		return err_set(e, ERR_INPUT, "A refund is 0.00 or more.");
	if (m == ATT_REFUND_NONE) {
		if (amount != 0)
			return err_set(e, ERR_INPUT, "No refund means 0.00: choose cash or card to "
				       "pay %s back.", money_show(amount, a, sizeof a));
		return true;
	}
	if (amount == 0)
		return err_set(e, ERR_INPUT, "A %s refund needs an amount; choose none to refund "
			       "nothing.", m == ATT_REFUND_CASH ? "cash" : "card");
	if (worth >= 0 && amount > worth)
		return err_set(e, ERR_INPUT, "The refund (%s) is more than the tickets are worth (%s).",
			       money_show(amount, a, sizeof a), money_show(worth, b, sizeof b));
	return true;
}

bool attendee_order_key(const char *text, char *out, size_t size, bool *full, struct err *e)
{
	const char *s;
	size_t n, k = 0;
	char hex[33];

	*full = false;
	if (text == NULL)
		text = "";
	trim(text, &s, &n);
	if (n == 36) {
		char id[ATT_ID_SIZE];
		memcpy(id, s, 36);
		id[36] = '\0';
		if (uuid_valid(id)) {
			for (size_t i = 0; i < 36; i++)
				id[i] = (char)tolower((unsigned char)id[i]);
			*full = true;
			snprintf(out, size, "%s", id);
			return true;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-')
			continue;
		if (!isxdigit((unsigned char)s[i]) || k == 32)
			return err_set(e, ERR_INPUT, "\"%.40s\" is not an order: give its id or the "
				       "reference printed on the ticket (e.g. 3F2A9C01).", text);
		hex[k++] = (char)tolower((unsigned char)s[i]);
	}
	hex[k] = '\0';
	if (k < 4)
		return err_set(e, ERR_INPUT, "\"%.40s\" is too short for an order reference: give at "
			       "least 4 of its characters (e.g. 3F2A9C01).", text);
	snprintf(out, size, "%s", hex);
	return true;
}

char *attendee_ref(const char *order_id, char *buf, size_t size)
{
	size_t k = 0;

	for (size_t i = 0; order_id != NULL && order_id[i] != '\0' && k < 8 && k + 1 < size; i++)
		if (order_id[i] != '-')
			buf[k++] = (char)toupper((unsigned char)order_id[i]);
	if (size > 0)
		buf[k < size ? k : size - 1] = '\0';
	return buf;
}

bool attendee_time(const char *utc, time_t *out)
{
	struct tm tm;

	if (utc == NULL || utc[0] == '\0')
		return false;
	memset(&tm, 0, sizeof tm);
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return *out != (time_t)-1;
}

char *attendee_seat(const struct att_ticket *t, char *buf, size_t size)
{
	if (t->row == NULL || t->row[0] == '\0')
		snprintf(buf, size, "%s (standing)", t->section != NULL ? t->section : "");
	else
		snprintf(buf, size, "%s %s-%s", t->section != NULL ? t->section : "", t->row,
			 t->number != NULL ? t->number : "");
	return buf;
}

size_t attendee_valid_ids(const struct att_tickets *t, const char **ids, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n && n < max; i++)
		if (strcmp(t->v[i].status, "VALID") == 0)
			ids[n++] = t->v[i].ticket_id;
	return n;
}

/* ---- rows ---- */

static bool shape(struct err *e, const char *what)
{
	return err_set(e, ERR_DB, "The %s from the database has an unexpected shape.", what);
}

static bool nomem(struct err *e)
{
	return err_set(e, ERR_NOMEM, "Out of memory.");
}

static bool to_int(const char *s, int *out)
{
	char *end;
	long long v;

	if (s == NULL) {
		*out = 0;
		return true;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < -2147483647LL || v > 2147483647LL)
		return false;
	*out = (int)v;
	return true;
}

static bool to_money(const char *s, int64_t *out, struct err *e)
{
	if (s == NULL) {
		*out = 0;
		return true;
	}
	return money_parse(s, out, e);
}

static void copy(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s != NULL ? s : "");
}

/* strdup of s ("" for NULL) into *dst; false when out of memory. */
static bool keep(char **dst, const char *s)
{
	*dst = strdup(s != NULL ? s : "");
	return *dst != NULL;
}

static void *grow(void *items, size_t n, size_t each)
{
	return realloc(items, (n + 1) * each);
}

static void person_free(struct att_person *p)
{
	free(p->name);
	free(p->email);
	free(p->phone);
}

static bool person_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct att_people *out = ctx;
	struct att_person *n, *p;

	if (ncols != 9 || v[0] == NULL)
		return shape(e, "search result");
	if ((n = grow(out->v, out->n, sizeof *n)) == NULL)
		return nomem(e);
	out->v = n;
	p = &out->v[out->n++]; /* counted first so a half-built row is freed */
	memset(p, 0, sizeof *p);
	copy(p->user_id, sizeof p->user_id, v[0]);
	if (!keep(&p->name, v[1]) || !keep(&p->email, v[2]) || !keep(&p->phone, v[3]))
		return nomem(e);
	if (!to_int(v[4], &p->orders))
		return shape(e, "search result");
	copy(p->last_order_at, sizeof p->last_order_at, v[5]);
	p->matched = match_of(v[6]);
	copy(p->order_id, sizeof p->order_id, v[7]);
	copy(p->ticket_id, sizeof p->ticket_id, v[8]);
	return true;
}

bool attendee_find(struct db *db, const char *query, int limit, struct att_people *out,
		   struct err *e)
{
	char lim[16];
	const char *p[] = { query, lim };

	memset(out, 0, sizeof *out);
	snprintf(lim, sizeof lim, "%d", limit);
	if (!db_query(db, "SELECT user_id, full_name, email, phone, orders, " UTC("last_order_at")
		      ", matched, order_id, ticket_id FROM find_attendees($1, $2::integer)",
		      2, p, person_row, out, e)) {
		attendee_people_free(out);
		return false;
	}
	return true;
}

static void order_free(struct att_order *o)
{
	free(o->event_title);
}

static bool order_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct att_orders *out = ctx;
	struct att_order *n, *o;

	if (ncols != 14 || v[0] == NULL)
		return shape(e, "order list");
	if ((n = grow(out->v, out->n, sizeof *n)) == NULL)
		return nomem(e);
	out->v = n;
	o = &out->v[out->n++];
	memset(o, 0, sizeof *o);
	copy(o->order_id, sizeof o->order_id, v[0]);
	copy(o->created_at, sizeof o->created_at, v[1]);
	copy(o->key_at, sizeof o->key_at, v[2]);
	copy(o->paid_at, sizeof o->paid_at, v[3]);
	copy(o->status, sizeof o->status, v[4]);
	copy(o->event_id, sizeof o->event_id, v[7]);
	if (!keep(&o->event_title, v[8]))
		return nomem(e);
	copy(o->start, sizeof o->start, v[9]);
	if (!to_int(v[10], &o->valid) || !to_int(v[11], &o->used) || !to_int(v[12], &o->cancelled) ||
	    !to_int(v[13], &o->places))
		return shape(e, "order list");
	return to_money(v[5], &o->total, e) && to_money(v[6], &o->refunded, e);
}

bool attendee_orders_more(struct db *db, const char *user_id, int page, struct att_orders *out,
			  struct err *e)
{
	struct att_orders got = { NULL, 0, false };
	const struct att_order *last = out->n > 0 ? &out->v[out->n - 1] : NULL;
	char lim[16];
	const char *p[] = { user_id, last != NULL ? last->key_at : NULL,
			    last != NULL ? last->order_id : NULL, lim };
	struct att_order *all;

	if (page < 1 || page > 99)
		page = ATT_PAGE;
	/* one row more than shown tells whether another page exists */
	snprintf(lim, sizeof lim, "%d", page + 1);
	if (!db_query(db, "SELECT order_id, " UTC("created_at") ", " UTC_US("created_at") ", "
		      UTC("paid_at") ", status, total_amount, refunded, event_id, event_title, "
		      UTC("start_time") ", tickets_valid, tickets_used, tickets_cancelled, places "
		      "FROM attendee_orders($1::uuid, $2::timestamptz, $3::uuid, $4::integer)",
		      4, p, order_row, &got, e)) {
		attendee_orders_free(&got);
		return false;
	}
	out->more = got.n > (size_t)page;
	if (out->more)
		order_free(&got.v[--got.n]);
	if (got.n == 0) {
		free(got.v);
		return true;
	}
	if ((all = realloc(out->v, (out->n + got.n) * sizeof *all)) == NULL) {
		attendee_orders_free(&got);
		return nomem(e);
	}
	memcpy(all + out->n, got.v, got.n * sizeof *all);
	out->v = all;
	out->n += got.n;
	free(got.v);
	return true;
}

static void ticket_free(struct att_ticket *t)
{
	free(t->section);
	free(t->row);
	free(t->number);
	free(t->tier);
	free(t->gate);
	free(t->cancel_reason);
	free(t->last_printer);
}

static bool ticket_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct att_tickets *out = ctx;
	struct att_ticket *n, *t;

	if (ncols != 17 || v[0] == NULL)
		return shape(e, "ticket list");
	if ((n = grow(out->v, out->n, sizeof *n)) == NULL)
		return nomem(e);
	out->v = n;
	t = &out->v[out->n++];
	memset(t, 0, sizeof *t);
	copy(t->ticket_id, sizeof t->ticket_id, v[0]);
	copy(t->event_id, sizeof t->event_id, v[1]);
	if (!keep(&t->section, v[2]) || !keep(&t->row, v[3]) || !keep(&t->number, v[4]) ||
	    !keep(&t->tier, v[5]) || !keep(&t->gate, v[9]) || !keep(&t->cancel_reason, v[11]) ||
	    !keep(&t->last_printer, v[15]))
		return nomem(e);
	copy(t->status, sizeof t->status, v[7]);
	copy(t->scanned_at, sizeof t->scanned_at, v[8]);
	copy(t->cancelled_at, sizeof t->cancelled_at, v[10]);
	copy(t->last_printed_at, sizeof t->last_printed_at, v[14]);
	copy(t->last_print_status, sizeof t->last_print_status, v[16]);
	if (!to_int(v[12], &t->reprints) || !to_int(v[13], &t->prints))
		return shape(e, "ticket list");
	return to_money(v[6], &t->price, e);
}

bool attendee_tickets_load(struct db *db, const char *order_id, struct att_tickets *out,
			   struct err *e)
{
	const char *p[] = { order_id };

	memset(out, 0, sizeof *out);
	if (!uuid_valid(order_id))
		return err_set(e, ERR_INPUT, "\"%.40s\" is not an order id.", order_id);
	copy(out->order_id, sizeof out->order_id, order_id);
	if (!db_query(db, "SELECT ticket_id, event_id, section_name, row_label, number_label, "
		      "tier_name, price, status, " UTC("scanned_at") ", scanned_gate, "
		      UTC("cancelled_at") ", cancel_reason, reprints, prints, "
		      UTC("last_printed_at") ", last_printer, last_print_status "
		      "FROM order_tickets($1::uuid)", 1, p, ticket_row, out, e)) {
		attendee_tickets_free(out);
		return false;
	}
	return true;
}

struct ids_ctx {
	char ids[2][ATT_ID_SIZE];
	int n;
};

static bool id_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct ids_ctx *c = ctx;

	if (ncols != 1 || v[0] == NULL)
		return shape(e, "order reference");
	if (c->n < 2)
		copy(c->ids[c->n], sizeof c->ids[0], v[0]);
	c->n++;
	return true;
}

bool attendee_order_resolve(struct db *db, const char *text, char id[ATT_ID_SIZE], struct err *e)
{
	char key[ATT_ID_SIZE], ref[12];
	struct ids_ctx c = { .n = 0 };
	const char *p[] = { key };
	bool full;

	if (!attendee_order_key(text, key, sizeof key, &full, e))
		return false;
	/* a prefix is the range of ids that start with it, as find_attendees reads it */
	if (!db_query(db, full ? "SELECT id FROM orders WHERE id = $1::uuid AND NOT deleted"
			       : "SELECT id FROM orders WHERE id BETWEEN rpad($1, 32, '0')::uuid "
				 "AND rpad($1, 32, 'f')::uuid AND NOT deleted ORDER BY id LIMIT 2",
		      1, p, id_row, &c, e))
		return false;
	if (c.n == 0)
		return err_set(e, ERR_INPUT, "No order \"%.40s\" in your organisation.", text);
	if (c.n > 1)
		return err_set(e, ERR_INPUT, "\"%.40s\" starts several orders' references (%s, %s): "
			       "give more of it.", text, attendee_ref(c.ids[0], ref, sizeof ref),
			       attendee_ref(c.ids[1], key, sizeof key));
	copy(id, ATT_ID_SIZE, c.ids[0]);
	return true;
}

struct buyer_ctx {
	char *user_id;
	char *name;
	size_t size;
	bool found;
};

static bool buyer_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct buyer_ctx *c = ctx;

	if (ncols != 2 || v[0] == NULL)
		return shape(e, "buyer");
	copy(c->user_id, ATT_ID_SIZE, v[0]);
	copy(c->name, c->size, v[1]);
	c->found = true;
	return true;
}

bool attendee_order_buyer(struct db *db, const char *order_id, char user_id[ATT_ID_SIZE],
			  char *name, size_t size, struct err *e)
{
	struct buyer_ctx c = { user_id, name, size, false };
	const char *p[] = { order_id };

	if (!uuid_valid(order_id))
		return err_set(e, ERR_INPUT, "\"%.40s\" is not an order id.", order_id);
	if (!db_query(db, "SELECT u.id, u.full_name FROM orders o JOIN users u ON u.id = o.user_id "
		      "WHERE o.id = $1::uuid AND NOT o.deleted", 1, p, buyer_row, &c, e))
		return false;
	if (!c.found)
		return err_set(e, ERR_INPUT, "No order %.40s in your organisation.", order_id);
	return true;
}

bool attendee_name(struct db *db, const char *user_id, char *name, size_t size, struct err *e)
{
	const char *p[] = { user_id };
	struct err le;

	if (!uuid_valid(user_id))
		return err_set(e, ERR_INPUT, "\"%.40s\" is not a person's id (find shows it).", user_id);
	if (!db_query_text(db, "SELECT full_name FROM users WHERE id = $1::uuid AND NOT deleted", 1,
			   p, name, size, &le)) {
		if (le.code == ERR_DB && le.sqlstate[0] == '\0')
			return err_set(e, ERR_INPUT, "No person %.40s in your organisation.", user_id);
		*e = le;
		return false;
	}
	return true;
}

static bool worth_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	int64_t *w = ctx;

	if (ncols != 1)
		return shape(e, "refund worth");
	if (v[0] == NULL) {
		*w = -1;
		return true;
	}
	return money_parse(v[0], w, e);
}

/* The ids as a uuid[] literal, each checked to be a ticket id. */
static char *ticket_array(const char *const *ids, size_t n, struct err *e)
{
	if (n == 0) {
		err_set(e, ERR_INPUT, "No tickets given.");
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (!uuid_valid(ids[i])) {
			err_set(e, ERR_INPUT, "\"%.40s\" is not a ticket id.", ids[i]);
			return NULL;
		}
	return uuid_array(ids, n, e);
}

bool attendee_worth(struct db *db, const char *const *ids, size_t n, bool *known, int64_t *worth,
		    struct err *e)
{
	char *arr = ticket_array(ids, n, e);
	const char *p[1];
	int64_t w = -1;
	bool ok;

	*known = false;
	*worth = 0;
	if (arr == NULL)
		return false;
	p[0] = arr;
	ok = db_query(db, "SELECT refund_worth($1::uuid[])", 1, p, worth_row, &w, e);
	free(arr);
	if (ok && w >= 0) {
		*known = true;
		*worth = w;
	}
	return ok;
}

static bool cancelled_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct att_cancelled *c = ctx;

	if (ncols != 5 || !to_int(v[2], &c->cancelled))
		return shape(e, "cancellation");
	copy(c->refund_id, sizeof c->refund_id, v[0]);
	copy(c->order_id, sizeof c->order_id, v[1]);
	return to_money(v[3], &c->refunded, e) && to_money(v[4], &c->worth, e);
}

bool attendee_cancel_tickets(struct db *db, const char *const *ids, size_t n, const char *reason,
			     enum att_refund m, int64_t amount, struct att_cancelled *out,
			     struct err *e)
{
	char *arr = ticket_array(ids, n, e), money[32];
	const char *p[4];
	bool ok;

	memset(out, 0, sizeof *out);
	if (arr == NULL)
		return false;
	p[0] = arr;
	p[1] = reason;
	p[2] = attendee_refund_name(m);
	p[3] = money_text(amount, money, sizeof money);
	ok = db_query(db, "SELECT refund_id, order_id, cancelled, refunded, worth "
		      "FROM cancel_tickets($1::uuid[], $2, $3, $4::numeric)", 4, p, cancelled_row, out, e);
	free(arr);
	if (ok && out->order_id[0] == '\0')
		return shape(e, "cancellation");
	return ok;
}

bool attendee_cancel_order(struct db *db, const char *order_id, const char *reason,
			   enum att_refund m, int64_t amount, struct att_cancelled *out,
			   struct err *e)
{
	char money[32];
	const char *p[] = { order_id, reason, attendee_refund_name(m),
			    money_text(amount, money, sizeof money) };

	memset(out, 0, sizeof *out);
	if (!uuid_valid(order_id))
		return err_set(e, ERR_INPUT, "\"%.40s\" is not an order id.", order_id);
	if (!db_query(db, "SELECT refund_id, order_id, cancelled, refunded, worth "
		      "FROM cancel_order($1::uuid, $2, $3, $4::numeric)", 4, p, cancelled_row, out, e))
		return false;
	if (out->order_id[0] == '\0')
		return shape(e, "cancellation");
	return true;
}

void attendee_people_free(struct att_people *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n; i++)
		person_free(&p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

void attendee_orders_free(struct att_orders *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->n; i++)
		order_free(&o->v[i]);
	free(o->v);
	o->v = NULL;
	o->n = 0;
	o->more = false;
}

void attendee_tickets_free(struct att_tickets *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++)
		ticket_free(&t->v[i]);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
