/* shift: the shift functions of migration 0007 → plain structs. */
#include "shift.h"

#include "money.h"
#include "ticket.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Seconds since the epoch, whole: screens and printouts format them locally. */
#define EPOCH(x) "floor(extract(epoch FROM " x "))::bigint"

static bool shape(struct err *e, const char *what)
{
	return err_set(e, ERR_DB, "The %s from the database has an unexpected shape.", what);
}

static bool to_long(const char *s, long *out)
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
	*out = (long)v;
	return true;
}

static bool to_time(const char *s, time_t *out)
{
	long v;

	if (!to_long(s, &v))
		return false;
	*out = (time_t)v;
	return true;
}

/* NULL reads as 0.00. */
static bool to_money(const char *s, int64_t *out, struct err *e)
{
	if (s == NULL) {
		*out = 0;
		return true;
	}
	return shift_amount_parse(s, out, e);
}

bool shift_amount_parse(const char *text, int64_t *cents, struct err *e)
{
	bool neg = text != NULL && text[0] == '-';

	if (!money_parse(neg ? text + 1 : text, cents, e))
		return false;
	if (neg)
		*cents = -*cents;
	return true;
}

char *shift_variance_show(int64_t cents, char *buf, size_t size)
{
	char v[40];

	money_show(cents, v, sizeof v);
	snprintf(buf, size, "%s%s", cents > 0 ? "+" : "", v);
	return buf;
}

char *shift_variance_words(int64_t cents, char *buf, size_t size)
{
	char v[40];

	if (cents == 0)
		snprintf(buf, size, "exact");
	else
		snprintf(buf, size, "%s by %s", cents < 0 ? "short" : "over",
			 money_show(cents < 0 ? -cents : cents, v, sizeof v));
	return buf;
}

enum shift_state shift_row_state(const struct shift_row *r)
{
	if (r->closed == 0)
		return SHIFT_OPEN;
	return r->signed_off_by[0] != '\0' ? SHIFT_SIGNED : SHIFT_AWAITING;
}

/* ---- the caller's shift ---- */

static bool mine_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct shift_mine *m = ctx;

	if (ncols != 3)
		return shape(e, "open shift");
	ticket_copy(m->id, sizeof m->id, v[0]);
	if (!to_time(v[1], &m->opened) || !to_money(v[2], &m->float_amount, e))
		return shape(e, "open shift");
	m->open = true;
	return true;
}

bool shift_mine(struct db *db, struct shift_mine *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return db_query(db, "SELECT id, " EPOCH("opened_at") ", float_amount FROM shifts "
			"WHERE staff_login = session_user AND closed_at IS NULL", 0, NULL, mine_row,
			out, e);
}

bool shift_latest(struct db *db, char id[SHIFT_ID_SIZE], struct err *e)
{
	return db_query_text(db, "SELECT COALESCE((SELECT id::text FROM shifts "
			     "WHERE staff_login = session_user ORDER BY opened_at DESC LIMIT 1), '')",
			     0, NULL, id, SHIFT_ID_SIZE, e);
}

struct find_ctx {
	char *id;
	int n;
};

static bool find_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct find_ctx *f = ctx;

	(void)e;
	if (f->n++ == 0 && ncols > 0)
		ticket_copy(f->id, SHIFT_ID_SIZE, v[0]);
	return true;
}

bool shift_find(struct db *db, const char *key, char id[SHIFT_ID_SIZE], struct err *e)
{
	const char *p[] = { key };
	struct find_ctx f = { id, 0 };
	size_t n = key != NULL ? strlen(key) : 0;

	if (n < 8 || n > 36 || strspn(key, "0123456789abcdefABCDEF-") != n)
		return err_set(e, ERR_USAGE, "a shift is its id (at least its first 8 characters), "
			       "not \"%s\"", key != NULL ? key : "");
	if (!db_query(db, "SELECT id FROM shifts WHERE id::text LIKE lower($1) || '%' LIMIT 2", 1, p,
		      find_row, &f, e))
		return false;
	if (f.n == 0)
		return err_set(e, ERR_INPUT, "No shift \"%s\" in your organisation.", key);
	if (f.n > 1)
		return err_set(e, ERR_INPUT, "Several shifts match \"%s\"; give its id.", key);
	return true;
}

bool shift_open(struct db *db, int64_t float_cents, char id[SHIFT_ID_SIZE], struct err *e)
{
	char fl[32];
	const char *p[] = { fl };

	money_text(float_cents, fl, sizeof fl);
	return db_query_text(db, "SELECT open_shift($1::numeric)", 1, p, id, SHIFT_ID_SIZE, e);
}

static bool closed_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct shift_closed *c = ctx;

	if (ncols != 6)
		return shape(e, "closed shift");
	ticket_copy(c->id, sizeof c->id, v[0]);
	ticket_copy(c->opened_at, sizeof c->opened_at, v[1]);
	ticket_copy(c->closed_at, sizeof c->closed_at, v[2]);
	if (!to_money(v[3], &c->counted_cash, e) || !to_money(v[4], &c->counted_card, e) ||
	    !to_time(v[5], &c->closed))
		return shape(e, "closed shift");
	return true;
}

bool shift_close(struct db *db, int64_t counted_cash, int64_t counted_card, struct shift_closed *out,
		 struct err *e)
{
	char cash[32], card[32];
	const char *p[] = { cash, card };

	memset(out, 0, sizeof *out);
	money_text(counted_cash, cash, sizeof cash);
	money_text(counted_card, card, sizeof card);
	if (!db_query(db, "SELECT shift_id, opened_at, closed_at, counted_cash, counted_card, "
		      EPOCH("closed_at") " FROM close_shift($1::numeric, $2::numeric)", 2, p, closed_row,
		      out, e))
		return false;
	if (out->id[0] == '\0')
		return shape(e, "closed shift");
	return true;
}

/* ---- the report ---- */

static bool report_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct shift_report *r = ctx;
	bool ok;

	if (ncols != 25)
		return shape(e, "shift report");
	ticket_copy(r->id, sizeof r->id, v[0]);
	ticket_copy(r->login, sizeof r->login, v[1]);
	ticket_copy(r->name, sizeof r->name, v[2]);
	ticket_copy(r->opened_at, sizeof r->opened_at, v[3]);
	ticket_copy(r->closed_at, sizeof r->closed_at, v[4]);
	r->counted = v[9] != NULL;
	ok = to_money(v[5], &r->float_amount, e) && to_long(v[6], &r->cash_payments) &&
	     to_money(v[7], &r->cash_taken, e) && to_money(v[8], &r->expected_cash, e) &&
	     to_money(v[9], &r->counted_cash, e) && to_money(v[10], &r->variance_cash, e) &&
	     to_long(v[11], &r->card_payments) && to_money(v[12], &r->card_taken, e) &&
	     to_money(v[13], &r->expected_card, e) && to_money(v[14], &r->counted_card, e) &&
	     to_money(v[15], &r->variance_card, e) && to_long(v[16], &r->comp_payments) &&
	     to_long(v[17], &r->cancelled_tickets) && to_money(v[18], &r->cancelled_face_value, e) &&
	     to_time(v[22], &r->opened) && to_time(v[23], &r->closed) && to_time(v[24], &r->signed_at);
	if (!ok)
		return shape(e, "shift report");
	ticket_copy(r->signed_off_by, sizeof r->signed_off_by, v[19]);
	ticket_copy(r->signed_off_at, sizeof r->signed_off_at, v[20]);
	ticket_copy(r->note, sizeof r->note, v[21]);
	return true;
}

bool shift_report_load(struct db *db, const char *id, struct shift_report *out, struct err *e)
{
	const char *p[] = { id };

	memset(out, 0, sizeof *out);
	if (!db_query(db, "SELECT shift_id, staff_login, display_name, opened_at, closed_at, "
		      "float_amount, cash_payments, cash_taken, expected_cash, counted_cash, "
		      "variance_cash, card_payments, card_taken, expected_card, counted_card, "
		      "variance_card, comp_payments, cancelled_tickets, cancelled_face_value, "
		      "signed_off_by, signed_off_at, note, " EPOCH("opened_at") ", "
		      EPOCH("closed_at") ", " EPOCH("signed_off_at") " FROM shift_report($1)",
		      1, p, report_row, out, e))
		return false;
	if (out->id[0] == '\0')
		return err_set(e, ERR_INPUT, "No shift %s in your organisation.", id);
	return true;
}

/* ---- the organisation's shifts ---- */

static bool list_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct shift_list *l = ctx;
	struct shift_row *grown, *r;

	if (ncols != 11)
		return shape(e, "list of shifts");
	grown = realloc(l->v, (l->n + 1) * sizeof *l->v);
	if (grown == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	l->v = grown;
	r = &l->v[l->n];
	memset(r, 0, sizeof *r);
	ticket_copy(r->id, sizeof r->id, v[0]);
	ticket_copy(r->login, sizeof r->login, v[1]);
	ticket_copy(r->signed_off_by, sizeof r->signed_off_by, v[4]);
	r->counted = v[7] != NULL;
	r->have_variance = v[9] != NULL;
	if (!to_time(v[2], &r->opened) || !to_time(v[3], &r->closed) || !to_time(v[5], &r->signed_at) ||
	    !to_money(v[6], &r->float_amount, e) || !to_money(v[7], &r->counted_cash, e) ||
	    !to_money(v[8], &r->counted_card, e) || !to_money(v[9], &r->variance_cash, e) ||
	    !to_money(v[10], &r->variance_card, e))
		return shape(e, "list of shifts");
	l->n++;
	return true;
}

bool shift_list_load(struct db *db, bool with_variance, struct shift_list *out, struct err *e)
{
	char limit[16];
	const char *p[] = { limit };
	bool ok;

	memset(out, 0, sizeof *out);
	snprintf(limit, sizeof limit, "%d", SHIFT_LIST_MAX);
	/* Two statements, not one with a CASE: column privileges are checked
	 * on every column a statement names, whether it is read or not. */
	ok = db_query(db, with_variance
		      ? "SELECT id, staff_login, " EPOCH("opened_at") ", " EPOCH("closed_at") ", "
			"signed_off_by, " EPOCH("signed_off_at") ", float_amount, counted_cash, "
			"counted_card, variance_cash, variance_card FROM shifts "
			"ORDER BY opened_at DESC, id LIMIT $1::integer"
		      : "SELECT id, staff_login, " EPOCH("opened_at") ", " EPOCH("closed_at") ", "
			"signed_off_by, " EPOCH("signed_off_at") ", float_amount, counted_cash, "
			"counted_card, NULL::numeric, NULL::numeric FROM shifts "
			"ORDER BY opened_at DESC, id LIMIT $1::integer",
		      1, p, list_row, out, e);
	if (!ok)
		shift_list_free(out);
	return ok;
}

void shift_list_free(struct shift_list *l)
{
	if (l == NULL)
		return;
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

bool shift_sign_off(struct db *db, const char *id, const char *note, char at[SHIFT_TIME_SIZE],
		    struct err *e)
{
	const char *p[] = { id, note != NULL && note[0] != '\0' ? note : NULL };

	return db_query_text(db, "SELECT sign_off_shift($1, $2)", 2, p, at, SHIFT_TIME_SIZE, e);
}
