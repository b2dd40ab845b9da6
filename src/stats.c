/* stats: an event's figures from the statistics views and the live counters. */
#include "stats.h"

#include "money.h"
#include "shift.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* UTC, whatever the session's TimeZone */
#define UTC(x) "to_char((" x ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static bool shape(struct err *e, const char *what)
{
	return err_set(e, ERR_DB, "The %s from the database has an unexpected shape.", what);
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

static void copy_text(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s != NULL ? s : "");
}

static void *grow(void *items, size_t n, size_t each)
{
	return realloc(items, (n + 1) * each);
}

static bool event_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;

	if (ncols != 3)
		return shape(e, "event");
	if ((s->title = strdup(v[0] != NULL ? v[0] : "")) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	copy_text(s->start, sizeof s->start, v[1]);
	copy_text(s->as_of, sizeof s->as_of, v[2]);
	return true;
}

static bool totals_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;

	if (ncols != 5 || !to_int(v[0], &s->orders) || !to_int(v[1], &s->tickets_sold))
		return shape(e, "event statistics");
	s->have_totals = true;
	return to_money(v[2], &s->gross, e) && to_money(v[3], &s->fees, e) &&
	       to_money(v[4], &s->net, e);
}

static bool section_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;
	struct stats_section *n, *x;

	if (ncols != 9)
		return shape(e, "section statistics");
	if ((n = grow(s->sections, s->nsections, sizeof *n)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	s->sections = n;
	x = &s->sections[s->nsections];
	memset(x, 0, sizeof *x);
	copy_text(x->id, sizeof x->id, v[0]);
	x->name = strdup(v[1] != NULL ? v[1] : "");
	s->nsections++; /* counted first so stats_free releases a half-built row */
	if (x->name == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	x->general = v[2] != NULL && strcmp(v[2], "GENERAL") == 0;
	x->active = v[3] != NULL && strcmp(v[3], "t") == 0;
	if (!to_int(v[4], &x->capacity) || !to_int(v[5], &x->sold) || !to_int(v[6], &x->held) ||
	    !to_int(v[7], &x->killed) || !to_int(v[8], &x->free))
		return shape(e, "section statistics");
	return true;
}

static bool hour_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;
	struct stats_hour *n, *x;

	if (ncols != 4)
		return shape(e, "hourly sales");
	if ((n = grow(s->hours, s->nhours, sizeof *n)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	s->hours = n;
	x = &s->hours[s->nhours++];
	memset(x, 0, sizeof *x);
	copy_text(x->hour, sizeof x->hour, v[0]);
	if (!to_int(v[1], &x->orders) || !to_int(v[2], &x->tickets))
		return shape(e, "hourly sales");
	return to_money(v[3], &x->gross, e);
}

static bool payments_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;
	struct stats_payments *n, *x;

	if (ncols != 5)
		return shape(e, "payment breakdown");
	if ((n = grow(s->payments, s->npayments, sizeof *n)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	s->payments = n;
	x = &s->payments[s->npayments];
	memset(x, 0, sizeof *x);
	copy_text(x->method, sizeof x->method, v[0]);
	x->clerk = strdup(v[1] != NULL ? v[1] : "");
	s->npayments++;
	if (x->clerk == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if (!to_int(v[2], &x->orders) || !to_int(v[3], &x->payments))
		return shape(e, "payment breakdown");
	return to_money(v[4], &x->amount, e);
}

static bool admissions_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;

	if (ncols != 3 || !to_int(v[0], &s->tickets_live) || !to_int(v[1], &s->scanned))
		return shape(e, "admissions");
	copy_text(s->last_scan, sizeof s->last_scan, v[2]);
	s->have_admissions = true;
	return true;
}

static bool shifts_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct stats *s = ctx;

	if (ncols != 3 || !to_int(v[0], &s->shifts_open) || !to_int(v[1], &s->shifts_awaiting) ||
	    v[2] == NULL || !shift_amount_parse(v[2], &s->shifts_variance_today, e))
		return shape(e, "shifts summary");
	s->have_shifts = true;
	return true;
}

bool stats_load(struct db *db, const char *event_id, struct stats *out, struct err *e)
{
	const char *p[] = { event_id };
	struct err be;
	bool ok;

	memset(out, 0, sizeof *out);
	copy_text(out->event_id, sizeof out->event_id, event_id);
	ok = db_query(db, "SELECT title, " UTC("start_time") ", " UTC("stats_as_of()")
		      " FROM event_overview WHERE event_id = $1", 1, p, event_row, out, e);
	if (ok && out->title == NULL)
		ok = err_set(e, ERR_INPUT, "No event %s in your organisation.", event_id);
	ok = ok && db_query(db, "SELECT total_orders, tickets_sold, gross_revenue, platform_fees, "
			    "net_revenue FROM org_event_stats WHERE event_id = $1",
			    1, p, totals_row, out, e);
	ok = ok && db_query(db, "SELECT section_id, section_name, section_type, is_active, capacity, "
			    "sold, held, killed, free FROM event_live_stats($1)",
			    1, p, section_row, out, e);
	ok = ok && db_query(db, "SELECT " UTC("hour") ", orders, tickets, gross "
			    "FROM org_event_sales_hourly WHERE event_id = $1 ORDER BY hour",
			    1, p, hour_row, out, e);
	ok = ok && db_query(db, "SELECT tickets_live, scanned, " UTC("last_scan_at")
			    " FROM org_event_admissions WHERE event_id = $1",
			    1, p, admissions_row, out, e);
	if (ok) {
		err_clear(&be);
		out->have_breakdown = db_query(db, "SELECT method, clerk, orders, payments, amount "
					       "FROM org_event_sales_breakdown WHERE event_id = $1 "
					       "ORDER BY method, clerk", 1, p, payments_row, out, &be);
		/* takings are the supervisors' business: a help desk login is
		 * refused by the grant, and is shown no breakdown */
		if (!out->have_breakdown && strcmp(be.sqlstate, "42501") != 0) {
			*e = be;
			ok = false;
		}
	}
	if (ok) {
		/* variances are the supervisors' (column privileges): others get
		 * 42501 and see no summary */
		err_clear(&be);
		if (!db_query(db, "SELECT count(*) FILTER (WHERE closed_at IS NULL), "
			      "count(*) FILTER (WHERE closed_at IS NOT NULL AND signed_off_by IS NULL), "
			      "COALESCE(sum(variance_cash) FILTER (WHERE closed_at >= date_trunc('day', now())), 0) "
			      "FROM shifts", 0, NULL, shifts_row, out, &be) &&
		    strcmp(be.sqlstate, "42501") != 0) {
			*e = be;
			ok = false;
		}
	}
	if (!ok)
		stats_free(out);
	return ok;
}

bool stats_refresh(struct db *db, int min_seconds, char as_of[STATS_TIME_SIZE], struct err *e)
{
	char n[16];
	const char *p[] = { n };

	snprintf(n, sizeof n, "%d", min_seconds);
	return db_query_text(db, "SELECT " UTC("refresh_stats($1::integer)"), 1, p, as_of,
			     STATS_TIME_SIZE, e);
}

void stats_free(struct stats *s)
{
	if (s == NULL)
		return;
	free(s->title);
	for (size_t i = 0; i < s->nsections; i++)
		free(s->sections[i].name);
	free(s->sections);
	for (size_t i = 0; i < s->npayments; i++)
		free(s->payments[i].clerk);
	free(s->payments);
	free(s->hours);
	memset(s, 0, sizeof *s);
}
