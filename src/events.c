/* events: copy event_overview rows into plain structs. */
#include "events.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

/* start_time travels as epoch seconds so that parsing does not depend on
 * the session's DateStyle or TimeZone; the client formats it locally. */
static const char *const sql_events =
	"SELECT event_id, title, floor(extract(epoch FROM start_time))::bigint, venue_name, "
	"seats_total, seats_left FROM event_overview "
	"WHERE status = 'PUBLISHED' AND start_time > now() - interval '6 hours' "
	"ORDER BY start_time";

static bool event_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct event_list *l = ctx;
	struct event *ev, *ni;

	if (ncols != 6 || v[0] == NULL || v[2] == NULL)
		return err_set(e, ERR_DB, "The event list from the database has an unexpected shape.");
	ni = realloc(l->items, (l->n + 1) * sizeof *ni);
	if (ni == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	l->items = ni;
	ev = &l->items[l->n];
	memset(ev, 0, sizeof *ev);
	snprintf(ev->id, sizeof ev->id, "%s", v[0]);
	ev->title = strdup(v[1] != NULL ? v[1] : "");
	ev->venue = strdup(v[3] != NULL ? v[3] : "");
	l->n++; /* counted first so events_free releases a half-built row */
	if (ev->title == NULL || ev->venue == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	ev->start = (time_t)strtoll(v[2], NULL, 10);
	ev->seats_total = v[4] != NULL ? strtoll(v[4], NULL, 10) : 0;
	ev->seats_left = v[5] != NULL ? strtoll(v[5], NULL, 10) : 0;
	return true;
}

bool events_load(struct db *db, struct event_list *out, struct err *e)
{
	out->items = NULL;
	out->n = 0;
	if (!db_query(db, sql_events, 0, NULL, event_row, out, e)) {
		events_free(out);
		return false;
	}
	return true;
}

struct event_pick {
	char id[EVENT_ID_SIZE];
	int n;
};

static bool pick_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct event_pick *p = ctx;

	(void)ncols;
	(void)e;
	if (p->n++ == 0)
		snprintf(p->id, sizeof p->id, "%s", v[0] != NULL ? v[0] : "");
	return true;
}

bool events_find(struct db *db, const char *key, bool on_sale, char id[EVENT_ID_SIZE],
		 struct err *e)
{
	const char *params[] = { key, on_sale ? "t" : "f" };
	struct event_pick p = { "", 0 };

	if (!db_query(db,
		      "SELECT event_id FROM event_overview WHERE (status = 'PUBLISHED' OR NOT $2::boolean) "
		      "AND (event_id::text = lower($1) OR title = $1) ORDER BY start_time LIMIT 2",
		      2, params, pick_row, &p, e))
		return false;
	if (p.n == 0)
		return err_set(e, ERR_INPUT, on_sale ? "No event \"%s\" on sale in your organisation."
			       : "No event \"%s\" in your organisation.", key);
	if (p.n > 1)
		return err_set(e, ERR_INPUT, "Several events are called \"%s\"; give the event's id "
			       "(boxoffice events).", key);
	memcpy(id, p.id, EVENT_ID_SIZE);
	return true;
}

void events_free(struct event_list *list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].title);
		free(list->items[i].venue);
	}
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

char *events_format_time(time_t t, char *buf, size_t size)
{
	struct tm tm;
	char day[16], rest[24];

	if (localtime_r(&t, &tm) == NULL) {
		snprintf(buf, size, "?");
		return buf;
	}
	/* The day of the month without padding: "Fri 6 Nov", not "Fri 06 Nov". */
	strftime(day, sizeof day, "%a", &tm);
	strftime(rest, sizeof rest, "%b %H:%M", &tm);
	snprintf(buf, size, "%s %d %s", day, tm.tm_mday, rest);
	return buf;
}

static bool ascii_contains(const char *hay, const char *needle)
{
	size_t nl = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, nl) == 0)
			return true;
	return nl == 0;
}

static wchar_t *widen_lower(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0);
	wchar_t *w;

	if (n == (size_t)-1 || (w = malloc((n + 1) * sizeof *w)) == NULL)
		return NULL;
	mbstowcs(w, s, n + 1);
	for (size_t i = 0; i < n; i++)
		w[i] = (wchar_t)towlower((wint_t)w[i]);
	return w;
}

bool events_title_matches(const char *title, const char *needle)
{
	wchar_t *wt, *wn;
	bool hit;

	if (needle == NULL || needle[0] == '\0')
		return true;
	wt = widen_lower(title);
	wn = widen_lower(needle);
	if (wt == NULL || wn == NULL) /* not valid in this locale: compare bytes */
		hit = ascii_contains(title, needle);
	else
		hit = wcsstr(wt, wn) != NULL;
	free(wt);
	free(wn);
	return hit;
}
