/* venue_gen: generated venues in the native model, for the demo, tests and
 * benches: a theatre (~1,000 seats), an arena (~20,000) and a stadium
 * (~80,000 in 100 sections). Pure arithmetic, no randomness: the same
 * venue, seat for seat, on every run. Built in memory, never stored. */
#ifndef BOXOFFICE_VENUE_GEN_H
#define BOXOFFICE_VENUE_GEN_H

#include "err.h"
#include "venue.h"

#include <stdbool.h>

enum venue_gen_kind { VENUE_GEN_THEATRE, VENUE_GEN_ARENA, VENUE_GEN_STADIUM };

/* "theatre", "arena", "stadium" → kind; false for anything else. */
bool venue_gen_kind_parse(const char *s, enum venue_gen_kind *kind);

/* A new venue the caller owns (venue_free), named name (NULL: "Lyric
 * Theatre", "City Arena", "National Stadium"); NULL with e filled when out
 * of memory or the name is not valid. */
struct venue *venue_gen(enum venue_gen_kind kind, const char *name, struct err *e);

#endif
