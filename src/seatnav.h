/* seatnav: moving a cursor over a seat plan by its geometry, and picking
 * the best available seats together. Pure: works on a struct seatmap only.
 *
 * Moving: left/right follow the cursor's own row when its neighbour lies
 * roughly that way (curved rows bend up to ~80°); otherwise, and for
 * up/down (which leave the row), the nearest seat inside a 90° cone of the
 * direction wins, distance penalised by twice the off-axis part.
 *
 * Best available: N free seats side by side in one row (consecutive in the
 * row's natural order, nothing taken between them), preferring first not to
 * strand a single empty seat (between taken seats or at a row end), then
 * rows nearest the stage, then blocks nearest the row's middle. */
#ifndef BOXOFFICE_SEATNAV_H
#define BOXOFFICE_SEATNAV_H

#include "err.h"
#include "seatmap.h"

#include <stdbool.h>
#include <stddef.h>

enum seatnav_dir { NAV_UP, NAV_DOWN, NAV_LEFT, NAV_RIGHT };

/* The seat the cursor moves to from seat `from` (restricted to section,
 * -1: any); from itself when nothing lies that way. */
int seatnav_move(const struct seatmap *m, int section, int from, enum seatnav_dir d);

/* The end of from's row on the left (end false) or right (end true) of the
 * plan. */
int seatnav_row_end(const struct seatmap *m, int from, bool end);

/* A sensible first cursor: the free seat nearest the front middle of
 * section (-1: all); any seat when none is free; -1 when no seats. */
int seatnav_start(const struct seatmap *m, int section);

/* Where "front" is: the stage decoration's box, or the top edge of the
 * plan (a line at y = top) when there is none. */
struct seatnav_stage {
	bool line;
	double x0, y0, x1, y1;
};

void seatnav_stage_of(const struct seatmap *m, struct seatnav_stage *st);

/* Distance of a plan point from the stage. */
double seatnav_stage_distance(const struct seatnav_stage *st, double x, double y);

/* Picks n seats of section together (see above) into out[0..n-1] (caller's
 * array, seats in row order). mine_free: the clerk's own held seats count
 * as free (best available replaces the current selection). false with a
 * reason in e when no row has n together ("No 6 seats together in Stalls:
 * at most 4 (row C)."). */
bool seatnav_best(const struct seatmap *m, int section, const struct seatnav_stage *st, int n,
		  bool mine_free, int *out, struct err *e);

#endif
