/* seatview: plan x/y → terminal cells (pure; no curses). A viewport of
 * w × h cells shows the plan at one of a few zoom levels, from "all of it
 * fits, many seats per cell" (braille dots at the seats' true positions,
 * or shading in ASCII) to "one seat per cell with a space between and row
 * labels at the row ends". Terminal cells are about twice as tall as wide,
 * so one plan unit down covers half the rows one unit across covers
 * columns (SEATVIEW_ASPECT): the drawing keeps the plan's shape.
 *
 * seatview_raster() turns the seats (and decorations, row labels) into a
 * grid of cells that both the curses screen and the text renderer draw. */
#ifndef BOXOFFICE_SEATVIEW_H
#define BOXOFFICE_SEATVIEW_H

#include "err.h"
#include "seatmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define SEATVIEW_ASPECT 0.5   /* rows per column for the same plan distance */
#define SEATVIEW_LEVELS_MAX 12

struct seatview {
	int section;              /* -1: every loaded seat */
	int w, h;                 /* viewport in cells */
	double box[4];            /* min_x, min_y, max_x, max_y of the seats shown */
	double scales[SEATVIEW_LEVELS_MAX]; /* columns per plan unit, far → near */
	int nlevels, level;
	double sx;                /* scales[level] */
	double sx_single;         /* smallest scale with one seat per cell */
	double ox, oy;            /* plan point at the viewport's top-left corner */
};

/* Which picture a cell holds. */
enum seatview_kind { CELL_EMPTY, CELL_SEAT, CELL_DOTS, CELL_LABEL, CELL_DECO };

struct seatview_cell {
	uint8_t kind;             /* enum seatview_kind */
	uint8_t dots;             /* braille bits (CELL_DOTS) */
	uint8_t top;              /* most important state inside (enum seat_state) */
	bool accessible;          /* an accessible seat inside */
	uint16_t n, nfree, nmine; /* seats inside */
	int seat;                 /* CELL_SEAT: its index; else a seat inside or -1 */
	int section;              /* section of a seat inside, -1 */
	uint32_t ch;              /* CELL_LABEL / CELL_DECO: the character (Unicode) */
};

/* Sets up the view for the seats of section (-1: all) of m in a viewport
 * of w × h cells, at the farthest level (all fits). */
void seatview_init(struct seatview *v, const struct seatmap *m, int section, int w, int h);

/* A new viewport size (resize): levels are recomputed, the level index is
 * kept where it still exists, and the view centres on (fx, fy). */
void seatview_resize(struct seatview *v, const struct seatmap *m, int w, int h, double fx,
		     double fy);

/* Zoom by delta levels (+ nearer), centred on plan point (fx, fy). Returns
 * false when already at the end. */
bool seatview_zoom(struct seatview *v, int delta, double fx, double fy);
/* Jumps to a level (clamped) centred on (fx, fy). */
void seatview_set_level(struct seatview *v, int level, double fx, double fy);

/* Whether the current level is "many seats per cell" (dots/shading). */
bool seatview_far(const struct seatview *v);

/* Pans so that (x, y) lies at least margin cells inside the viewport (the
 * cursor stays visible); at the farthest level the view stays centred on
 * the whole plan. */
void seatview_follow(struct seatview *v, double x, double y, int margin);

/* Plan → cell (floor). true when the cell is inside the viewport. */
bool seatview_project(const struct seatview *v, double x, double y, int *col, int *row);
/* Cell centre → plan. */
void seatview_unproject(const struct seatview *v, int col, int row, double *x, double *y);

/* The braille bit of dot (dx 0..1, dy 0..3) in a cell, as drawille: the
 * character is U+2800 + the OR of the bits. */
uint8_t seatview_braille_bit(int dx, int dy);

struct seatview_opts {
	bool ascii;               /* decorations in ASCII */
	bool dots_free_only;      /* far levels: dots show only free/mine seats
				   * (monochrome: colour cannot tell states) */
	bool labels;              /* row labels at row ends (near levels) */
	bool decorations;
};

/* Fills cells[v->h * v->w] (row-major). */
void seatview_raster(const struct seatview *v, const struct seatmap *m,
		     const struct seatview_opts *o, struct seatview_cell *cells);

/* The seat nearest to the centre of cell (col, row) among those shown, -1
 * when none: mouse clicks. */
int seatview_nearest(const struct seatview *v, const struct seatmap *m, int col, int row);

/* The glyph of a seat (one seat per cell) and of a far cell, as Unicode.
 * Seats: o free, a free+accessible, * mine, A mine+accessible, x held,
 * # sold, - not for sale. Far cells: braille (UTF-8) or shading (ASCII:
 * '*' has yours, 'O' all free, 'o' half or more free, ':' some, '.' none). */
uint32_t seatview_seat_glyph(enum seat_state st, bool accessible);
uint32_t seatview_far_glyph(const struct seatview_cell *c, bool ascii, bool dots_free_only);

/* The map as plain text, one terminal row per line, for scripts and
 * tests: zoom SEATVIEW_ZOOM_AUTO picks the nearest level whose drawing
 * fits width columns, else zoom is a level index (0 = all fits; lines wider
 * than width are cut). section -1: all seats. Colour-free, so far levels
 * dot only free seats. Returns false on out of memory or a write error. */
#define SEATVIEW_ZOOM_AUTO (-1)
bool seatmap_render_text(const struct seatmap *m, int section, int width, int zoom, bool ascii,
			 FILE *out, struct err *e);

#endif
