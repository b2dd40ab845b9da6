/* pretix: a pretix seating plan (shared/spec/pretix-seating-plan.schema.json)
 * turned into the native venue model.
 *
 * Zones become sections (merged when two zones share a name); seat
 * positions become absolute (zone + row + seat position); row labels and
 * seat numbers come from row_label / seat_label with %s replaced; areas
 * become decorations, a stage when their text says so. Real plans are
 * messy, so this reader is lenient where nothing is lost (extra fields,
 * duplicate seat GUIDs, split rows, seats outside the plan size, unknown
 * categories) and says so in warnings; it refuses what it cannot place
 * (a seat without a position, a label longer than 20 characters). Clashing
 * seat labels are left for venue_clashes() / venue_make_unique(). */
#ifndef BOXOFFICE_PRETIX_H
#define BOXOFFICE_PRETIX_H

#include "err.h"
#include "venue.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* Reads a parsed plan. On success *out is a venue the caller owns
 * (venue_free): its name may still be NULL when the plan has none, and it
 * may have no sections (a plan of GA only); venue_validate() says so.
 * Warnings (JSON path first) are added to warn. On failure *out is NULL. */
bool pretix_read(const cJSON *root, struct venue **out, struct venue_msgs *warn,
		 struct err *e);

/* json_in_parse + pretix_read. */
bool pretix_parse(const char *text, size_t len, struct venue **out, struct venue_msgs *warn,
		  struct err *e);

/* True when an area's text names a stage: stage, bühne, scène, podium …,
 * case-insensitively (ASCII and the accented letters of those words). */
bool pretix_says_stage(const char *text);

#endif
