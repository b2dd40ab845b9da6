/* venue: the native venue model (README "Venues: the native format") as
 * plain structs, plus the checks every source of venues shares: label and
 * name rules, duplicate (section, row, number) detection and resolution,
 * bounding boxes, and a list of messages for warnings and clash listings.
 *
 * Coordinates are whole hundredths of a plan unit (int64_t): the format
 * stores two decimals, and integers make rounding happen exactly once, on
 * input, so write → read → write is byte-identical and comparisons exact.
 *
 * Ownership: a struct venue owns everything it points to; venue_free()
 * releases it. Strings are UTF-8, validated before they reach the model. */
#ifndef BOXOFFICE_VENUE_H
#define BOXOFFICE_VENUE_H

#include "err.h"
#include "strmap.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VENUE_FORMAT "boxoffice-venue/1"
#define VENUE_LABEL_CHARS 20          /* row labels and seat numbers */
#define VENUE_LABEL_SIZE (VENUE_LABEL_CHARS * 4 + 1) /* UTF-8 bytes + NUL */
#define VENUE_NAME_CHARS 200          /* venue, section, category names; texts */
#define VENUE_ADDRESS_CHARS 500
#define VENUE_COORD_LIMIT 9999999900LL /* ±99,999,999 units, in hundredths */
#define VENUE_CAPACITY_MAX 2147483647LL /* an SQL int */
#define VENUE_MSGS_MAX 200            /* messages kept; the rest are counted */

/* Messages for the person importing: warnings, clash listings. Each item is
 * a malloc'd sentence starting with a JSON path. */
struct venue_msgs {
	char **items;
	size_t n, cap;
	size_t dropped; /* added past VENUE_MSGS_MAX, or lost to out-of-memory */
};

/* Appends a formatted message (kept up to VENUE_MSGS_MAX, counted after). */
void venue_msgs_add(struct venue_msgs *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees the items; m is empty and reusable afterwards. NULL is fine. */
void venue_msgs_free(struct venue_msgs *m);

struct venue_category {
	char *name;  /* owned */
	char *color; /* owned, NULL when absent */
};

struct venue_seat {
	char number[VENUE_LABEL_SIZE];
	int64_t x, y;        /* hundredths */
	int32_t category;    /* index into venue.categories, -1 for none */
	bool accessible;
	uint32_t src[3];     /* where it came from, for messages (see venue.src) */
};

struct venue_row {
	char label[VENUE_LABEL_SIZE];
	struct venue_seat *seats; /* owned */
	size_t nseats, cap;
};

enum venue_section_type { VENUE_NUMBERED, VENUE_GENERAL };

struct venue_section {
	char *name;               /* owned */
	enum venue_section_type type;
	int64_t capacity;         /* GENERAL only */
	struct venue_row *rows;   /* owned; NUMBERED only; labels unique */
	size_t nrows, cap;
	struct strmap *row_index; /* owned: label → row, so split rows merge */
};

enum venue_deco_kind { VENUE_DECO_STAGE, VENUE_DECO_SHAPE, VENUE_DECO_TEXT };
enum venue_shape { VENUE_SHAPE_NONE, VENUE_SHAPE_RECTANGLE, VENUE_SHAPE_CIRCLE,
		   VENUE_SHAPE_ELLIPSE, VENUE_SHAPE_POLYGON };

struct venue_decoration {
	enum venue_deco_kind kind;
	enum venue_shape shape;   /* NONE exactly when kind is TEXT (the database
				   * checks the same) */
	int64_t x, y;             /* anchor: corner (rectangle), centre, text */
	int64_t width, height;    /* rectangle */
	int64_t radius;           /* circle */
	int64_t rx, ry;           /* ellipse */
	int64_t rotation;         /* hundredths of a degree clockwise */
	int64_t *points;          /* owned; polygon: x0,y0,x1,y1,… */
	size_t npoints;           /* number of points (pairs) */
	char *text;               /* owned, NULL when absent */
	char *color;              /* owned, NULL when absent */
};

struct venue {
	char *name;               /* owned; NULL until set */
	char *address;            /* owned, NULL when absent */
	bool has_size;
	int64_t width, height;    /* hundredths */
	struct venue_category *categories; /* owned */
	size_t ncategories, ccap;
	struct venue_section *sections;    /* owned, display order */
	size_t nsections, scap;
	struct venue_decoration *decorations; /* owned */
	size_t ndecorations, dcap;
	/* How seat.src prints as a path: "sections" (native: section, row,
	 * seat index in the file) or "zones" (pretix: zone, row, seat). */
	const char *src;
};

struct venue_box { int64_t min_x, min_y, max_x, max_y; };

struct venue_counts {
	size_t sections, rows, seats, accessible, decorations;
	int64_t standing; /* sum of GENERAL capacities */
};

/* A new empty venue the caller owns (venue_free), or NULL with e filled. */
struct venue *venue_new(struct err *e);
/* Frees everything and sets *v to NULL. NULL and *NULL are fine. */
void venue_free(struct venue **v);

/* Builders. They copy their strings; on failure nothing is added and e
 * says why (out of memory). Returned pointers live until the next add to
 * the same array. */
bool venue_set_name(struct venue *v, const char *name, struct err *e);
struct venue_category *venue_add_category(struct venue *v, const char *name, const char *color,
					  struct err *e);
struct venue_section *venue_add_section(struct venue *v, const char *name,
					enum venue_section_type type, struct err *e);
/* The row labelled label, created at the end when the section has none:
 * rows with the same label are one row (split rows merge). */
struct venue_row *venue_section_row(struct venue_section *s, const char *label, struct err *e);
struct venue_seat *venue_row_add_seat(struct venue_row *r, struct err *e);
struct venue_decoration *venue_add_decoration(struct venue *v, struct err *e);
/* Adds a GENERAL section; refuses a name already used in the venue. */
bool venue_add_general(struct venue *v, const char *name, int64_t capacity, struct err *e);

/* Lookups: index, or -1. */
int venue_find_category(const struct venue *v, const char *name);
int venue_find_section(const struct venue *v, const char *name);

/* Text rules. utf8_valid: well-formed UTF-8, no overlongs or surrogates.
 * venue_text_check: valid UTF-8, 1..max_chars characters, no control
 * characters; on failure e says "<path>: <what was expected>". */
bool venue_utf8_valid(const char *s, size_t len);
size_t venue_utf8_chars(const char *s);
bool venue_text_check(const char *s, size_t max_chars, const char *path, struct err *e);

/* A colour is "#" and 3 to 8 hex digits (#rgb, #rrggbb, #rrggbbaa), as the
 * database requires; on failure e says "<path>: expected …". */
bool venue_color_check(const char *s, const char *path, struct err *e);

/* A coordinate from a JSON number: finite and within ±99,999,999, rounded
 * to hundredths. false when out of range. */
bool venue_coord_from_double(double d, int64_t *out);
/* Hundredths as the shortest decimal: 12050 → "120.5", -5 → "-0.05". buf
 * needs 24 bytes. Returns buf. */
char *venue_coord_format(int64_t c, char *buf);

/* Every (section, row, number) shared by two or more seats, one message
 * each, e.g. `Stalls row A seat 12: 2 seats (zones[0].rows[3].seats[5],
 * zones[0].rows[7].seats[1])`. Returns the number of clashes (0: none). */
size_t venue_clashes(const struct venue *v, struct venue_msgs *out);
/* Makes seat numbers unique within each row, deterministically: the first
 * seat keeps "12", later ones become "12-2", "12-3", … (skipping labels in
 * use). Each rename is noted in notes (may be NULL). false when a new
 * label would exceed the label length, or out of memory. */
bool venue_make_unique(struct venue *v, struct venue_msgs *notes, struct err *e);

/* Bounding box of a section's seats; false when it has none. */
bool venue_section_box(const struct venue_section *s, struct venue_box *box);
void venue_count(const struct venue *v, struct venue_counts *c);

/* Formats the path of a seat's origin ("zones[0].rows[3].seats[5]"). */
void venue_seat_path(const struct venue *v, const struct venue_seat *seat, char *buf,
		     size_t size);

/* The venue as a whole must make sense: a name, at least one section,
 * every NUMBERED section with seats. Readers call it last. */
bool venue_validate(const struct venue *v, struct err *e);

#endif
