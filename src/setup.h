/* setup: event set-up for supervisors (issue 6) — the organisation's events
 * of every status, the venues to create them on, one event's sections (on
 * sale or not, capacity, what is sold and held) and price tiers, and the
 * database calls that change them: create_event, set_event_section, set_tier,
 * delete_tier, publish_event, close_sales. Refusals come back in the
 * database's words (BO003 capacity below sold, BO006 a section with tickets,
 * BO008 no price to publish…). Money is int64 cents; times are epoch seconds,
 * shown in the client's local time. */
#ifndef BOXOFFICE_SETUP_H
#define BOXOFFICE_SETUP_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SETUP_ID_SIZE 37
/* What create_event and set_tier take (characters). */
#define SETUP_TITLE_MAX 200
#define SETUP_TIER_NAME_MAX 100
/* Events that started this long ago are still listed (a late close of sales). */
#define SETUP_PAST_DAYS 7

enum setup_status { SETUP_DRAFT, SETUP_PUBLISHED, SETUP_CLOSED, SETUP_CANCELLED };

struct setup_event {
	char id[SETUP_ID_SIZE];
	char *title;                /* owned */
	char *venue;                /* owned: the venue's name */
	time_t start;
	enum setup_status status;
};

struct setup_events {
	struct setup_event *items;  /* owned, by start */
	size_t n;
};

struct setup_venue {
	char id[SETUP_ID_SIZE];
	char *name;                 /* owned */
	int sections, seats, ga_capacity;
};

struct setup_venues {
	struct setup_venue *items;  /* owned, by name */
	size_t n;
};

struct setup_section {
	char id[SETUP_ID_SIZE];
	char *name;                 /* owned */
	bool general;               /* GENERAL (standing); else NUMBERED */
	bool in_event;              /* has an event_sections row (a section added to the
	                             * venue later has none until it is turned on) */
	bool active;                /* on sale for this event */
	int venue_capacity;         /* the venue's capacity (numbered: its seats) */
	int override;               /* the event's GA capacity; -1: the venue's */
	int capacity;               /* what this event sells: override or venue's */
	int sold, held, killed;     /* live: numbered from the seats, GA counters */
};

struct setup_tier {
	char id[SETUP_ID_SIZE];
	char section_id[SETUP_ID_SIZE];
	char *name;                 /* owned */
	int64_t price, fee;         /* cents */
	int sold;                   /* live tickets at this tier (keep their price) */
};

/* One event as set-up sees it. */
struct setup_detail {
	struct setup_event event;
	struct setup_section *sections; /* owned, the venue's order */
	size_t nsections;
	struct setup_tier *tiers;       /* owned, by section order then name */
	size_t ntiers;
};

/* The organisation's events that are not cancelled and start after
 * SETUP_PAST_DAYS ago, drafts and closed ones included, by start. On
 * failure out is empty. */
bool setup_events_load(struct db *db, struct setup_events *out, struct err *e);
void setup_events_free(struct setup_events *l);

/* The organisation's venues (venue_list()). */
bool setup_venues_load(struct db *db, struct setup_venues *out, struct err *e);
void setup_venues_free(struct setup_venues *l);

/* One event: every section of its venue (in the event or not) and its live
 * tiers. On failure out is empty. */
bool setup_detail_load(struct db *db, const char *event_id, struct setup_detail *out,
		       struct err *e);
void setup_detail_free(struct setup_detail *d);

/* The tiers of a section in d, up to max pointers into d; returns how many
 * there are (max 0 counts). */
size_t setup_tiers_of(const struct setup_detail *d, const char *section_id,
		      const struct setup_tier **out, size_t max);

/* The section of d whose id is key or whose name is key (ASCII case
 * ignored): its index, -1 when none, -2 when several names match. */
int setup_find_section(const struct setup_detail *d, const char *key);

/* create_event; id gets the new event's id. publish puts it on sale at once
 * without publish_event's price check (the command line's --publish); the
 * terminal creates drafts. */
bool setup_create(struct db *db, const char *venue_id, const char *title, time_t start,
		  bool publish, char id[SETUP_ID_SIZE], struct err *e);

/* set_event_section: on or off sale, and the GA capacity (-1: the venue's;
 * numbered sections take -1 only). out (may be NULL) gets the section's
 * state as the database left it (active, capacity, sold, held). */
bool setup_section(struct db *db, const char *event_id, const char *section_id, bool active,
		   int capacity, struct setup_section *out, struct err *e);

/* set_tier: adds the tier, or changes the price and fee of the one of that
 * name (tickets sold keep their price); id (may be NULL) gets its id. */
bool setup_tier(struct db *db, const char *event_id, const char *section_id, const char *name,
		int64_t price, int64_t fee, char id[SETUP_ID_SIZE], struct err *e);

/* delete_tier: refused while tickets or pending orders use it. */
bool setup_delete_tier(struct db *db, const char *tier_id, struct err *e);

/* publish_event / close_sales; status gets the event's status after it. */
bool setup_publish(struct db *db, const char *event_id, enum setup_status *status,
		   struct err *e);
bool setup_close(struct db *db, const char *event_id, enum setup_status *status, struct err *e);

/* ---- pure ---- */

/* "DRAFT", "ON SALE", "CLOSED", "CANCELLED": what people call the status. */
const char *setup_status_text(enum setup_status s);

/* The database's word: "DRAFT", "PUBLISHED", "CLOSED", "CANCELLED". */
const char *setup_status_name(enum setup_status s);

/* The database's status word → enum; false when unknown. */
bool setup_status_parse(const char *text, enum setup_status *out);

/* A start typed as "YYYY-MM-DD HH:MM" (or with a T) in local time → epoch
 * seconds. Refuses, in words, what is not that shape, days that do not
 * exist (2026-02-30), times outside 00:00–23:59 and local times skipped by
 * a clock change. */
bool setup_parse_start(const char *text, time_t *out, struct err *e);

/* Characters (not bytes) in a UTF-8 string. */
size_t setup_chars(const char *s);

#endif
