/* setup: events, venues, sections and tiers for set-up; the calls that change them. */
#include "setup.h"

#include "money.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* start_time travels as epoch seconds so the session's TimeZone and DateStyle
 * do not matter; the client shows and reads local time (events.c does too). */
#define EPOCH(x) "floor(extract(epoch FROM " x "))::bigint"

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

static bool to_time(const char *s, time_t *out)
{
	char *end;
	long long v;

	if (s == NULL)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*out = (time_t)v;
	return true;
}

static void copy_id(char dst[SETUP_ID_SIZE], const char *s)
{
	snprintf(dst, SETUP_ID_SIZE, "%s", s != NULL ? s : "");
}

static char *dup_text(const char *s)
{
	return strdup(s != NULL ? s : "");
}

/* ---- status ---- */

const char *setup_status_text(enum setup_status s)
{
	switch (s) {
	case SETUP_DRAFT: return "DRAFT";
	case SETUP_PUBLISHED: return "ON SALE";
	case SETUP_CLOSED: return "CLOSED";
	case SETUP_CANCELLED: return "CANCELLED";
	}
	return "?";
}

static const char *const status_names[] = { "DRAFT", "PUBLISHED", "CLOSED", "CANCELLED" };

const char *setup_status_name(enum setup_status s)
{
	return (unsigned)s < sizeof status_names / sizeof status_names[0] ? status_names[s] : "?";
}

bool setup_status_parse(const char *text, enum setup_status *out)
{
	for (size_t i = 0; text != NULL && i < sizeof status_names / sizeof status_names[0]; i++)
		if (strcmp(text, status_names[i]) == 0) {
			*out = (enum setup_status)i;
			return true;
		}
	return false;
}

/* ---- events ---- */

/* id, title, start (epoch), venue name, status */
static bool event_fill(struct setup_event *ev, int ncols, const char *const *v, struct err *e)
{
	if (ncols != 5 || v[0] == NULL)
		return shape(e, "event list");
	copy_id(ev->id, v[0]);
	ev->title = dup_text(v[1]);
	ev->venue = dup_text(v[3]);
	if (ev->title == NULL || ev->venue == NULL)
		return nomem(e);
	if (!to_time(v[2], &ev->start) || !setup_status_parse(v[4], &ev->status))
		return shape(e, "event list");
	return true;
}

static void event_clear(struct setup_event *ev)
{
	free(ev->title);
	free(ev->venue);
	ev->title = ev->venue = NULL;
}

static bool events_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct setup_events *l = ctx;
	struct setup_event *n = realloc(l->items, (l->n + 1) * sizeof *n);

	if (n == NULL)
		return nomem(e);
	l->items = n;
	memset(&l->items[l->n], 0, sizeof l->items[0]);
	return event_fill(&l->items[l->n++], ncols, v, e); /* counted first: freed if half-built */
}

bool setup_events_load(struct db *db, struct setup_events *out, struct err *e)
{
	char days[16];
	const char *p[] = { days };

	memset(out, 0, sizeof *out);
	snprintf(days, sizeof days, "%d", SETUP_PAST_DAYS);
	if (!db_query(db, "SELECT e.id, e.title, " EPOCH("e.start_time") ", v.name, e.status "
		      "FROM events e JOIN venues v ON v.id = e.venue_id "
		      "WHERE NOT e.deleted AND e.status <> 'CANCELLED' "
		      "AND e.start_time > now() - make_interval(days => $1::integer) "
		      "ORDER BY e.start_time, e.title", 1, p, events_row, out, e)) {
		setup_events_free(out);
		return false;
	}
	return true;
}

void setup_events_free(struct setup_events *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		event_clear(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* ---- venues ---- */

static bool venue_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct setup_venues *l = ctx;
	struct setup_venue *n, *x;

	if (ncols != 5 || v[0] == NULL)
		return shape(e, "venue list");
	if ((n = realloc(l->items, (l->n + 1) * sizeof *n)) == NULL)
		return nomem(e);
	l->items = n;
	x = &l->items[l->n++];
	memset(x, 0, sizeof *x);
	copy_id(x->id, v[0]);
	if ((x->name = dup_text(v[1])) == NULL)
		return nomem(e);
	if (!to_int(v[2], &x->sections) || !to_int(v[3], &x->seats) || !to_int(v[4], &x->ga_capacity))
		return shape(e, "venue list");
	return true;
}

bool setup_venues_load(struct db *db, struct setup_venues *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (!db_query(db, "SELECT venue_id, name, sections, seats, ga_capacity FROM venue_list()",
		      0, NULL, venue_row, out, e)) {
		setup_venues_free(out);
		return false;
	}
	return true;
}

void setup_venues_free(struct setup_venues *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].name);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* ---- one event ---- */

static bool detail_event_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct setup_detail *d = ctx;

	event_clear(&d->event);
	return event_fill(&d->event, ncols, v, e);
}

static bool section_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct setup_detail *d = ctx;
	struct setup_section *n, *x;

	if (ncols != 11 || v[0] == NULL)
		return shape(e, "section list");
	if ((n = realloc(d->sections, (d->nsections + 1) * sizeof *n)) == NULL)
		return nomem(e);
	d->sections = n;
	x = &d->sections[d->nsections++];
	memset(x, 0, sizeof *x);
	copy_id(x->id, v[0]);
	if ((x->name = dup_text(v[1])) == NULL)
		return nomem(e);
	x->general = v[2] != NULL && strcmp(v[2], "GENERAL") == 0;
	x->in_event = v[3] != NULL && strcmp(v[3], "t") == 0;
	x->active = v[4] != NULL && strcmp(v[4], "t") == 0;
	x->override = -1;
	if (!to_int(v[5], &x->venue_capacity) || (v[6] != NULL && !to_int(v[6], &x->override)) ||
	    !to_int(v[7], &x->capacity) || !to_int(v[8], &x->sold) || !to_int(v[9], &x->held) ||
	    !to_int(v[10], &x->killed))
		return shape(e, "section list");
	return true;
}

static bool tier_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct setup_detail *d = ctx;
	struct setup_tier *n, *x;

	if (ncols != 6 || v[0] == NULL)
		return shape(e, "price tiers");
	if ((n = realloc(d->tiers, (d->ntiers + 1) * sizeof *n)) == NULL)
		return nomem(e);
	d->tiers = n;
	x = &d->tiers[d->ntiers++];
	memset(x, 0, sizeof *x);
	copy_id(x->id, v[0]);
	copy_id(x->section_id, v[1]);
	if ((x->name = dup_text(v[2])) == NULL)
		return nomem(e);
	if (!to_int(v[5], &x->sold))
		return shape(e, "price tiers");
	return money_parse(v[3], &x->price, e) && money_parse(v[4], &x->fee, e);
}

bool setup_detail_load(struct db *db, const char *event_id, struct setup_detail *out,
		       struct err *e)
{
	const char *p[] = { event_id };
	bool ok;

	memset(out, 0, sizeof *out);
	ok = db_query(db, "SELECT e.id, e.title, " EPOCH("e.start_time") ", v.name, e.status "
		      "FROM events e JOIN venues v ON v.id = e.venue_id "
		      "WHERE e.id = $1 AND NOT e.deleted", 1, p, detail_event_row, out, e);
	if (ok && out->event.title == NULL)
		ok = err_set(e, ERR_INPUT, "That event is no longer there (deleted, or not of your "
			     "organisation).");
	/* Numbered sections count their seats, GA sections their counters
	 * (event_live_stats); a section of the venue not in the event yet shows
	 * the venue's capacity and nothing sold. */
	ok = ok && db_query(db, "SELECT s.id, s.name, s.type, es.id IS NOT NULL, "
			    "COALESCE(es.is_active, false), s.capacity, es.custom_capacity, "
			    "COALESCE(ls.capacity, es.capacity, s.capacity), COALESCE(ls.sold, 0), "
			    "COALESCE(ls.held, 0), COALESCE(ls.killed, 0) "
			    "FROM events e "
			    "JOIN sections s ON s.venue_id = e.venue_id AND NOT s.deleted "
			    "LEFT JOIN event_sections es ON es.event_id = e.id AND es.section_id = s.id "
			    "LEFT JOIN event_live_stats($1) ls ON ls.section_id = s.id "
			    "WHERE e.id = $1 ORDER BY s.sort_order, s.name", 1, p, section_row, out, e);
	ok = ok && db_query(db, "SELECT tt.id, tt.section_id, tt.name, tt.price, tt.fee, "
			    "(SELECT count(*) FROM tickets t WHERE t.ticket_tier_id = tt.id "
			    "AND t.status IN ('VALID', 'USED')) "
			    "FROM ticket_tiers tt JOIN sections s ON s.id = tt.section_id "
			    "WHERE tt.event_id = $1 AND NOT tt.deleted "
			    "ORDER BY s.sort_order, s.name, tt.name", 1, p, tier_row, out, e);
	if (!ok)
		setup_detail_free(out);
	return ok;
}

void setup_detail_free(struct setup_detail *d)
{
	if (d == NULL)
		return;
	event_clear(&d->event);
	for (size_t i = 0; i < d->nsections; i++)
		free(d->sections[i].name);
	free(d->sections);
	for (size_t i = 0; i < d->ntiers; i++)
		free(d->tiers[i].name);
	free(d->tiers);
	memset(d, 0, sizeof *d);
}

size_t setup_tiers_of(const struct setup_detail *d, const char *section_id,
		      const struct setup_tier **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; d != NULL && section_id != NULL && i < d->ntiers; i++) {
		if (strcmp(d->tiers[i].section_id, section_id) != 0)
			continue;
		if (n < max)
			out[n] = &d->tiers[i];
		n++;
	}
	return n;
}

int setup_find_section(const struct setup_detail *d, const char *key)
{
	int found = -1;

	for (size_t i = 0; d != NULL && key != NULL && i < d->nsections; i++) {
		if (strcasecmp(d->sections[i].id, key) == 0)
			return (int)i;
		if (strcasecmp(d->sections[i].name, key) == 0)
			found = found == -1 ? (int)i : -2;
	}
	return found;
}

/* ---- changes ---- */

bool setup_create(struct db *db, const char *venue_id, const char *title, time_t start,
		  bool publish, char id[SETUP_ID_SIZE], struct err *e)
{
	char when[32];
	const char *p[] = { venue_id, title, when, publish ? "t" : "f" };

	snprintf(when, sizeof when, "%lld", (long long)start);
	return db_query_text(db, "SELECT create_event($1, $2, to_timestamp($3::bigint), $4::boolean)",
			     4, p, id, SETUP_ID_SIZE, e);
}

static bool section_state_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct setup_section *s = ctx;

	if (ncols != 5)
		return shape(e, "section");
	copy_id(s->id, v[0]);
	s->in_event = true;
	s->active = v[1] != NULL && strcmp(v[1], "t") == 0;
	if (!to_int(v[2], &s->capacity) || !to_int(v[3], &s->sold) || !to_int(v[4], &s->held))
		return shape(e, "section");
	return true;
}

bool setup_section(struct db *db, const char *event_id, const char *section_id, bool active,
		   int capacity, struct setup_section *out, struct err *e)
{
	char cap[16];
	const char *p[] = { event_id, section_id, active ? "t" : "f", capacity >= 0 ? cap : NULL };
	struct setup_section st;

	memset(&st, 0, sizeof st);
	snprintf(cap, sizeof cap, "%d", capacity);
	if (!db_query(db, "SELECT section_id, is_active, capacity, sold, held "
		      "FROM set_event_section($1, $2, $3::boolean, $4::integer)", 4, p,
		      section_state_row, &st, e))
		return false;
	if (st.id[0] == '\0')
		return shape(e, "section");
	if (out != NULL) {
		st.override = capacity;
		*out = st;
	}
	return true;
}

bool setup_tier(struct db *db, const char *event_id, const char *section_id, const char *name,
		int64_t price, int64_t fee, char id[SETUP_ID_SIZE], struct err *e)
{
	char pr[32], fe[32], got[SETUP_ID_SIZE];
	const char *p[] = { event_id, section_id, name, pr, fe };

	if (price < 0 || fee < 0)
		return err_set(e, ERR_INPUT, "A price and a fee are zero or more.");
	money_text(price, pr, sizeof pr);
	money_text(fee, fe, sizeof fe);
	if (!db_query_text(db, "SELECT set_tier($1, $2, $3, $4::numeric, $5::numeric)", 5, p, got,
			   sizeof got, e))
		return false;
	if (id != NULL)
		memcpy(id, got, SETUP_ID_SIZE);
	return true;
}

bool setup_delete_tier(struct db *db, const char *tier_id, struct err *e)
{
	const char *p[] = { tier_id };

	return db_exec(db, "SELECT delete_tier($1)", 1, p, e);
}

static bool change_status(struct db *db, const char *sql, const char *event_id,
			  enum setup_status *status, struct err *e)
{
	const char *p[] = { event_id };
	char st[32];
	enum setup_status s;

	if (!db_query_text(db, sql, 1, p, st, sizeof st, e))
		return false;
	if (!setup_status_parse(st, &s))
		return shape(e, "event status");
	if (status != NULL)
		*status = s;
	return true;
}

bool setup_publish(struct db *db, const char *event_id, enum setup_status *status, struct err *e)
{
	return change_status(db, "SELECT publish_event($1)", event_id, status, e);
}

bool setup_close(struct db *db, const char *event_id, enum setup_status *status, struct err *e)
{
	return change_status(db, "SELECT close_sales($1)", event_id, status, e);
}

/* ---- typed input ---- */

size_t setup_chars(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* n digits at *p (exactly n, or 1..n when flexible); advances *p. */
static bool digits(const char **p, int min, int max, int *out)
{
	int v = 0, k = 0;

	while (k < max && isdigit((unsigned char)(*p)[k])) {
		v = v * 10 + ((*p)[k] - '0');
		k++;
	}
	if (k < min)
		return false;
	*p += k;
	*out = v;
	return true;
}

static int days_in(int year, int month)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : d[month - 1];
}

bool setup_parse_start(const char *text, time_t *out, struct err *e)
{
	static const char *const example = "type it as YYYY-MM-DD HH:MM, e.g. 2026-12-24 19:30";
	const char *p = text != NULL ? text : "";
	int y, mo, d, h, mi;
	struct tm tm;
	time_t t;

	while (*p == ' ')
		p++;
	if (*p == '\0')
		return err_set(e, ERR_INPUT, "No start date and time: %s.", example);
	if (!digits(&p, 4, 4, &y) || *p++ != '-' || !digits(&p, 1, 2, &mo) || *p++ != '-' ||
	    !digits(&p, 1, 2, &d) || (*p != ' ' && *p != 'T'))
		return err_set(e, ERR_INPUT, "\"%.40s\" is not a date and time: %s.", text, example);
	while (*p == ' ' || *p == 'T')
		p++;
	if (!digits(&p, 1, 2, &h) || *p++ != ':' || !digits(&p, 2, 2, &mi))
		return err_set(e, ERR_INPUT, "\"%.40s\" has no time of day: %s.", text, example);
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return err_set(e, ERR_INPUT, "\"%.40s\" is not a date and time: %s.", text, example);
	if (y < 1970 || y > 9999)
		return err_set(e, ERR_INPUT, "The year %d is out of range.", y);
	if (mo < 1 || mo > 12)
		return err_set(e, ERR_INPUT, "There is no month %d: months go from 01 to 12.", mo);
	if (d < 1 || d > days_in(y, mo))
		return err_set(e, ERR_INPUT, "%04d-%02d-%02d is not a day: that month has %d days.", y,
			       mo, d, days_in(y, mo));
	if (h > 23 || mi > 59)
		return err_set(e, ERR_INPUT, "%02d:%02d is not a time of day (00:00 to 23:59).", h, mi);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* mktime moves a time the clocks skip (02:30 on the night they go
	 * forward): the fields it gives back then differ from what was typed */
	if (t == (time_t)-1 || tm.tm_hour != h || tm.tm_min != mi || tm.tm_mday != d)
		return err_set(e, ERR_INPUT, "%02d:%02d does not exist on %04d-%02d-%02d here: the clocks "
			       "change that night.", h, mi, y, mo, d);
	*out = t;
	return true;
}
