/* venue_native: the native JSON format (README "Venues: the native format")
 * read strictly and written stably. Reading refuses unknown keys, wrong
 * types and out-of-range values with the JSON path in the message; writing
 * uses a fixed key order and at most two decimals, so write → read → write
 * gives the same bytes. */
#ifndef BOXOFFICE_VENUE_NATIVE_H
#define BOXOFFICE_VENUE_NATIVE_H

#include "err.h"
#include "venue.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* True when root claims to be a native document (it has a "format" key);
 * anything else is taken for a pretix plan. */
bool venue_native_detect(const cJSON *root);

/* Reads a parsed native document. On success *out is a venue the caller
 * owns (venue_free); on failure *out is NULL and e names the path. Seat
 * clashes are not refused here: the caller checks venue_clashes() so it
 * can offer --unique-labels. */
bool venue_native_read(const cJSON *root, struct venue **out, struct err *e);

/* json_in_parse + venue_native_read. */
bool venue_native_parse(const char *text, size_t len, struct venue **out, struct err *e);

/* The document as text: malloc'd, NUL-terminated, the caller frees it;
 * *len (may be NULL) gets its length. NULL with e filled when out of
 * memory or v has no name. */
char *venue_native_write(const struct venue *v, size_t *len, struct err *e);

#endif
