/* seatmap: one event's seats, sections and decorations as plain structs,
 * each seat's state seen from the clerk's own sale, rows in natural order,
 * seat lookup by label and range parsing ("A12-A15"). No curses.
 *
 * Coordinates are plan units held as double; the int64 rule of DESIGN §3 is
 * for cents only. Plan origin is top-left, y grows downwards.
 *
 * Ownership: a struct seatmap owns everything it points to; seatmap_free()
 * releases it. Indices (seat, row, section) stay valid until the map is
 * freed; states change in place (seatmap_set_state, seatmap_refresh). */
#ifndef BOXOFFICE_SEATMAP_H
#define BOXOFFICE_SEATMAP_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>

struct venue;
struct strmap;

#define SEATMAP_ID_SIZE 37 /* uuid text + NUL */

/* In order of importance when several seats share a cell (mine first). */
enum seat_state { SEAT_MINE, SEAT_FREE, SEAT_HELD, SEAT_SOLD, SEAT_KILLED };
#define SEAT_NSTATES 5

struct seatmap_seat {
	char id[SEATMAP_ID_SIZE];
	char *number;          /* owned */
	double x, y;
	int section;           /* index into sections */
	int row;               /* index into rows */
	int pos;               /* index within its row (natural order) */
	int holder;            /* index into holders, -1 when not HELD */
	bool accessible;
	enum seat_state state;
};

struct seatmap_row {
	char *label;           /* owned */
	int section;
	int *seats;            /* owned: seat indices, natural order of numbers */
	int n;
};

struct seatmap_section {
	char id[SEATMAP_ID_SIZE];
	char *name;            /* owned */
	bool general;          /* GENERAL (standing) rather than NUMBERED */
	bool active;           /* offered for this event */
	int capacity;          /* this event's capacity (custom override applied) */
	int sold, held;        /* GA counters of this event */
	int seats;             /* seats in the venue (NUMBERED) */
	double min_x, min_y, max_x, max_y; /* of its seats; 0 when none */
	int count[SEAT_NSTATES]; /* loaded seats by state */
};

enum seatmap_deco_kind { SEATMAP_DECO_STAGE, SEATMAP_DECO_SHAPE, SEATMAP_DECO_TEXT };
enum seatmap_shape { SEATMAP_SHAPE_NONE, SEATMAP_SHAPE_RECT, SEATMAP_SHAPE_CIRCLE,
		     SEATMAP_SHAPE_ELLIPSE, SEATMAP_SHAPE_POLYGON };

struct seatmap_deco {
	enum seatmap_deco_kind kind;
	enum seatmap_shape shape;
	double x, y, width, height, radius, rx, ry, rotation;
	double *points;        /* owned: x0,y0,x1,y1,… */
	int npoints;
	char *label;           /* owned, NULL when absent */
};

struct seatmap {
	char event_id[SEATMAP_ID_SIZE];
	char venue_id[SEATMAP_ID_SIZE];
	char section_id[SEATMAP_ID_SIZE]; /* "" when the whole venue was loaded */
	struct seatmap_seat *seats; size_t nseats, seatcap;
	struct seatmap_row *rows; size_t nrows, rowcap;
	struct seatmap_section *sections; size_t nsections, seccap;
	struct seatmap_deco *decos; size_t ndecos, decocap;
	char **holders; size_t nholders;      /* owned: logins holding seats */
	struct strmap *by_id;                 /* seat id → index */
	struct strmap *by_row;                /* "section\x1frow" → row index */
	bool has_box;
	double min_x, min_y, max_x, max_y;    /* of all loaded seats */
};

/* ---- loading ---- */

/* Loads event_id's sections, decorations and seats (section_id NULL or ""
 * for the whole venue, else one section) under the clerk's RLS. my_hold is
 * the id of the clerk's current sale (NULL/"" when none): seats held with
 * it read SEAT_MINE. On success the caller owns out (seatmap_free); on
 * failure out is empty and e says why. */
bool seatmap_load(struct db *db, const char *event_id, const char *section_id,
		  const char *my_hold, struct seatmap *out, struct err *e);

/* Re-reads the states of the loaded seats (after a NOTIFY) and the
 * sections' live counters (GA sold/held, capacity, active). Seats that
 * vanished keep their last state; counts are recomputed. */
bool seatmap_refresh(struct db *db, struct seatmap *m, const char *my_hold, struct err *e);

/* Builds a map from a venue model (tests, benches, the venue preview): all
 * seats FREE, sections active, GA capacity from the venue. Seat ids are
 * "S<index>". Caller owns out (seatmap_free). */
bool seatmap_from_venue(const struct venue *v, struct seatmap *out, struct err *e);

void seatmap_free(struct seatmap *m);

/* ---- building (the loader uses these; tests build small maps) ---- */

void seatmap_init(struct seatmap *m);
/* Returns the section index, or -1 when out of memory (e filled). */
int seatmap_add_section(struct seatmap *m, const char *id, const char *name, bool general,
			int capacity, struct err *e);
/* Adds a seat to (section, row_label); rows are created on first use.
 * Returns the seat index or -1 (e filled). Call seatmap_finish after the
 * last seat. */
int seatmap_add_seat(struct seatmap *m, const char *id, int section, const char *row_label,
		     const char *number, double x, double y, bool accessible,
		     enum seat_state state, struct err *e);
/* Sorts rows by natural number order, computes boxes and counts. */
bool seatmap_finish(struct seatmap *m, struct err *e);

/* ---- states ---- */

/* The state a row of event_seat_map means to the clerk whose sale is
 * my_hold: status AVAILABLE/HELD/SOLD/KILLED; hold_id NULL unless held. */
enum seat_state seatmap_state_of(const char *status, const char *hold_id, const char *my_hold);

/* Sets one seat's state; held_by names the other clerk for SEAT_HELD (may
 * be NULL). Section counts follow. false when out of memory. */
bool seatmap_set_state(struct seatmap *m, int seat, enum seat_state st, const char *held_by);

/* The login holding seat (HELD by another clerk), or NULL. */
const char *seatmap_holder(const struct seatmap *m, int seat);

/* Index of a seat by id, -1 when not loaded. */
int seatmap_find_id(const struct seatmap *m, const char *id);

/* Natural order: "2" < "10" < "10a" < "B"; digit runs compare by value,
 * letters case-insensitively. */
int seatmap_natcmp(const char *a, const char *b);

/* Words for a state ("available", "yours", "held", "sold", "not for sale"). */
const char *seatmap_state_name(enum seat_state st);

/* ---- labels ---- */

/* The seat "A12" (also "A 12", "A:12") in section (-1: any section; two
 * matches in different sections are then an error naming both). Row labels
 * match case-insensitively. Returns the index or -1 with e filled
 * ("There is no row Z in Stalls.", "Row A has no seat 99."). */
int seatmap_find_label(const struct seatmap *m, int section, const char *text, struct err *e);

/* Parses "A12-A15", "A12-15", "A12", and comma-separated lists of these
 * into seat indices: a range is one row, all seats between the two ends in
 * natural order (whichever end comes first). *out is malloc'd (caller
 * frees), *n its length; duplicates are removed, order kept. false with e
 * filled and *out NULL on any error. */
bool seatmap_parse_range(const struct seatmap *m, int section, const char *text, int **out,
			 size_t *n, struct err *e);

/* "Stalls row A seat 12" into buf. Returns buf. */
char *seatmap_seat_name(const struct seatmap *m, int seat, char *buf, size_t size);

#endif
