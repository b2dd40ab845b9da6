/* stats: an event's figures for supervisors, copied into plain structs.
 * Totals, hours, the payment breakdown and admissions come from the
 * materialized views behind org_event_stats, org_event_sales_hourly,
 * org_event_sales_breakdown and org_event_admissions (as of the last
 * refresh_stats()); sections from event_live_stats() (live counters).
 * Counts are ints, money int64 cents; times are UTC text
 * "YYYY-MM-DDTHH:MM:SSZ". */
#ifndef BOXOFFICE_STATS_H
#define BOXOFFICE_STATS_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define STATS_ID_SIZE 37
#define STATS_TIME_SIZE 32

struct stats_section {
	char id[STATS_ID_SIZE];
	char *name;                /* owned */
	bool general;              /* GENERAL (standing) rather than NUMBERED */
	bool active;
	int capacity, sold, held, killed, free;
};

struct stats_hour {
	char hour[STATS_TIME_SIZE]; /* start of the UTC hour */
	int orders, tickets;
	int64_t gross;
};

struct stats_payments {
	char method[12];           /* CASH, CARD, COMP, EXCHANGE (credit from tickets exchanged) */
	char *clerk;               /* owned: the login that took the payments */
	int orders, payments;
	int64_t amount;
};

struct stats {
	char event_id[STATS_ID_SIZE];
	char *title;               /* owned */
	char start[STATS_TIME_SIZE];
	char as_of[STATS_TIME_SIZE]; /* start of the last refresh; "" if never */
	/* org_event_stats (false: the event has no row yet, e.g. created since
	 * the last refresh; figures are then 0) */
	bool have_totals;
	int orders, tickets_sold;
	int64_t gross, fees, net;
	struct stats_section *sections; /* owned, event_live_stats order */
	size_t nsections;
	struct stats_hour *hours;  /* owned, by hour */
	size_t nhours;
	/* false when the login may not see takings (help desk: SQLSTATE 42501) */
	bool have_breakdown;
	struct stats_payments *payments; /* owned, by method then clerk */
	size_t npayments;
	bool have_admissions;
	int tickets_live, scanned;
	char last_scan[STATS_TIME_SIZE]; /* "" if nobody was scanned */
	/* The organisation's cash drawers (not only this event's): false when
	 * the login may not read variances (clerks, help desk: SQLSTATE 42501) */
	bool have_shifts;
	int shifts_open, shifts_awaiting; /* open; closed and not signed off yet */
	int64_t shifts_variance_today;    /* cash variance of the shifts closed today */
};

/* Loads everything about event_id (an id the caller resolved, e.g. with
 * events_find). On success the caller owns out's contents (stats_free); on
 * failure out is empty. */
bool stats_load(struct db *db, const char *event_id, struct stats *out, struct err *e);

/* refresh_stats(min_seconds): debounced in the database; supervisors only.
 * as_of gets the time the figures are as of. */
bool stats_refresh(struct db *db, int min_seconds, char as_of[STATS_TIME_SIZE], struct err *e);

void stats_free(struct stats *s);

#endif
