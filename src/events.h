/* events: the upcoming published events the logged-in clerk may sell. */
#ifndef BOXOFFICE_EVENTS_H
#define BOXOFFICE_EVENTS_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define EVENT_ID_SIZE 37 /* uuid text + NUL */
#define EVENTS_TIME_SIZE 32

struct event {
	char id[EVENT_ID_SIZE];
	char *title;             /* owned by the list, UTF-8 */
	char *venue;             /* owned by the list, UTF-8 */
	time_t start;
	long long seats_total;
	long long seats_left;
};

struct event_list {
	struct event *items;     /* owned; sorted by start */
	size_t n;
};

/* Loads events that are published and started less than 6 hours ago (a show
 * in progress still sells), oldest first. Row-level security limits them to
 * the clerk's organisation. On success the caller owns out's contents
 * (events_free); on failure out is empty. */
bool events_load(struct db *db, struct event_list *out, struct err *e);

/* An event of the caller's organisation by id or exact title: on_sale
 * limits it to published events (selling), else any status (set-up,
 * statistics). Copies the id into id; false with e (ERR_INPUT) when none or
 * several match. */
bool events_find(struct db *db, const char *key, bool on_sale, char id[EVENT_ID_SIZE],
		 struct err *e);

/* Frees the strings and the array, leaves list empty. NULL is fine. */
void events_free(struct event_list *list);

/* "Fri 27 Nov 19:30" in local time (LC_TIME names). Returns buf. */
char *events_format_time(time_t t, char *buf, size_t size);

/* Case-insensitive substring test on text (UTF-8 aware when the locale is);
 * an empty needle matches everything. */
bool events_title_matches(const char *title, const char *needle);

#endif
