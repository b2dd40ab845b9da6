/* seatview: zoom levels, projection, the cell grid and the text renderer. */
#include "seatview.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

static bool shown(const struct seatview *v, const struct seatmap *m, size_t i)
{
	return v->section < 0 || m->seats[i].section == v->section;
}

static void find_box(struct seatview *v, const struct seatmap *m)
{
	bool any = false;

	memset(v->box, 0, sizeof v->box);
	for (size_t i = 0; i < m->nseats; i++) {
		const struct seatmap_seat *s = &m->seats[i];
		if (!shown(v, m, i))
			continue;
		if (!any || s->x < v->box[0]) v->box[0] = s->x;
		if (!any || s->y < v->box[1]) v->box[1] = s->y;
		if (!any || s->x > v->box[2]) v->box[2] = s->x;
		if (!any || s->y > v->box[3]) v->box[3] = s->y;
		any = true;
	}
	if (v->section >= 0 || !any)
		return;
	/* The whole venue: the stage and the other drawings belong in it. */
	for (size_t i = 0; i < m->ndecos; i++) {
		const struct seatmap_deco *d = &m->decos[i];
		double x0 = d->x, y0 = d->y, x1 = d->x, y1 = d->y;
		if (d->shape == SEATMAP_SHAPE_RECT) {
			x1 += d->width;
			y1 += d->height;
		} else if (d->shape == SEATMAP_SHAPE_CIRCLE || d->shape == SEATMAP_SHAPE_ELLIPSE) {
			double rx = d->shape == SEATMAP_SHAPE_CIRCLE ? d->radius : d->rx;
			double ry = d->shape == SEATMAP_SHAPE_CIRCLE ? d->radius : d->ry;
			x0 -= rx, x1 += rx, y0 -= ry, y1 += ry;
		}
		for (int k = 0; k < d->npoints; k++) {
			x0 = fmin(x0, d->points[2 * k]), x1 = fmax(x1, d->points[2 * k]);
			y0 = fmin(y0, d->points[2 * k + 1]), y1 = fmax(y1, d->points[2 * k + 1]);
		}
		v->box[0] = fmin(v->box[0], fmin(x0, x1));
		v->box[1] = fmin(v->box[1], fmin(y0, y1));
		v->box[2] = fmax(v->box[2], fmax(x0, x1));
		v->box[3] = fmax(v->box[3], fmax(y0, y1));
	}
}

/* The smallest scale at which every two neighbours of a row land in
 * different cells: two points at least one cell apart in x or in y can
 * never share a floor()ed cell. */
static double single_scale(const struct seatview *v, const struct seatmap *m)
{
	double best = 0;

	for (size_t r = 0; r < m->nrows; r++) {
		const struct seatmap_row *row = &m->rows[r];
		if (v->section >= 0 && row->section != v->section)
			continue;
		for (int k = 1; k < row->n; k++) {
			const struct seatmap_seat *a = &m->seats[row->seats[k - 1]];
			const struct seatmap_seat *b = &m->seats[row->seats[k]];
			double d = fmax(fabs(a->x - b->x), fabs(a->y - b->y) * SEATVIEW_ASPECT);
			if (d > EPS && 1.0 / d > best)
				best = 1.0 / d;
		}
	}
	return best * (1 + 1e-6);
}

static void compute_levels(struct seatview *v, const struct seatmap *m)
{
	double bw = v->box[2] - v->box[0], bh = v->box[3] - v->box[1];
	double fit, fx, fy, single = single_scale(v, m);
	int w = v->w > 3 ? v->w - 2 : 1, h = v->h > 3 ? v->h - 2 : 1;

	fx = bw > EPS ? (w - 1) / bw : INFINITY;
	fy = bh > EPS ? (h - 1) / (bh * SEATVIEW_ASPECT) : INFINITY;
	fit = fmin(fx, fy);
	if (single <= 0) /* no two seats in a row: one seat per cell at the fit */
		single = isfinite(fit) ? fit : 1;
	if (!isfinite(fit))
		fit = single;
	v->sx_single = single;
	v->nlevels = 0;
	if (fit < single) { /* the first level always shows all of it */
		v->scales[v->nlevels++] = fit;
		for (double l = fit * 2; l < single / 1.5 && v->nlevels < SEATVIEW_LEVELS_MAX - 2;
		     l *= 2)
			v->scales[v->nlevels++] = l;
		v->scales[v->nlevels++] = single;
	} else if (fit >= 2 * single) { /* roomy: compact, then filling the view */
		v->scales[v->nlevels++] = 2 * single;
		if (fit > 2.5 * single)
			v->scales[v->nlevels++] = fit;
		return;
	} else {
		v->scales[v->nlevels++] = fit;
	}
	v->scales[v->nlevels++] = 2 * single;
}

/* Puts the plan's top-left seat at the middle of a cell, so that seats a
 * whole number of cells apart never straddle a cell border. */
static void snap(struct seatview *v)
{
	double t = (v->box[0] - v->ox) * v->sx, u = (v->box[1] - v->oy) * v->sx * SEATVIEW_ASPECT;

	v->ox = v->box[0] - (floor(t) + 0.5) / v->sx;
	v->oy = v->box[1] - (floor(u) + 0.5) / (v->sx * SEATVIEW_ASPECT);
}

/* A plan larger than the view never scrolls past its own edges (pad
 * cells beyond them for row labels); whole cells only. */
static void clamp(struct seatview *v)
{
	double sy = v->sx * SEATVIEW_ASPECT, padx = 4, pady = 1;
	double c0 = (v->box[0] - v->ox) * v->sx, c1 = (v->box[2] - v->ox) * v->sx;
	double r0 = (v->box[1] - v->oy) * sy, r1 = (v->box[3] - v->oy) * sy;

	if (c1 - c0 + 2 * padx >= v->w) {
		if (c0 > padx)
			v->ox += floor(c0 - padx) / v->sx;
		else if (c1 < v->w - 1 - padx)
			v->ox -= floor(v->w - 1 - padx - c1) / v->sx;
	}
	if (r1 - r0 + 2 * pady >= v->h) {
		if (r0 > pady)
			v->oy += floor(r0 - pady) / sy;
		else if (r1 < v->h - 1 - pady)
			v->oy -= floor(v->h - 1 - pady - r1) / sy;
	}
}

static void centre_on(struct seatview *v, double fx, double fy)
{
	double bw = (v->box[2] - v->box[0]) * v->sx;
	double bh = (v->box[3] - v->box[1]) * v->sx * SEATVIEW_ASPECT;

	/* A dimension that fits entirely stays centred on the plan. */
	if (bw <= v->w - 2)
		fx = (v->box[0] + v->box[2]) / 2;
	if (bh <= v->h - 2)
		fy = (v->box[1] + v->box[3]) / 2;
	v->ox = fx - (v->w / 2.0) / v->sx;
	v->oy = fy - (v->h / 2.0) / (v->sx * SEATVIEW_ASPECT);
	snap(v);
	clamp(v);
}

void seatview_init(struct seatview *v, const struct seatmap *m, int section, int w, int h)
{
	memset(v, 0, sizeof *v);
	v->section = section;
	v->w = w > 0 ? w : 1;
	v->h = h > 0 ? h : 1;
	find_box(v, m);
	compute_levels(v, m);
	v->level = 0;
	v->sx = v->scales[0];
	centre_on(v, (v->box[0] + v->box[2]) / 2, (v->box[1] + v->box[3]) / 2);
}

void seatview_resize(struct seatview *v, const struct seatmap *m, int w, int h, double fx,
		     double fy)
{
	int level = v->level, from_end = v->nlevels - 1 - v->level;

	v->w = w > 0 ? w : 1;
	v->h = h > 0 ? h : 1;
	find_box(v, m);
	compute_levels(v, m);
	/* The near levels are the same scale at every size: keep them. */
	level = from_end < v->nlevels ? v->nlevels - 1 - from_end : 0;
	if (level < 0)
		level = 0;
	seatview_set_level(v, level, fx, fy);
}

void seatview_set_level(struct seatview *v, int level, double fx, double fy)
{
	if (level < 0)
		level = 0;
	if (level >= v->nlevels)
		level = v->nlevels - 1;
	v->level = level;
	v->sx = v->scales[level];
	centre_on(v, fx, fy);
}

bool seatview_zoom(struct seatview *v, int delta, double fx, double fy)
{
	int to = v->level + delta;

	if (to < 0 || to >= v->nlevels)
		return false;
	seatview_set_level(v, to, fx, fy);
	return true;
}

bool seatview_far(const struct seatview *v)
{
	return v->sx < v->sx_single * (1 - 1e-4);
}

void seatview_follow(struct seatview *v, double x, double y, int margin)
{
	double c = (x - v->ox) * v->sx, r = (y - v->oy) * v->sx * SEATVIEW_ASPECT;
	int mx = margin < v->w / 2 ? margin : (v->w - 1) / 2;
	int my = margin / 2 < v->h / 2 ? margin / 2 : (v->h - 1) / 2;

	if (v->level == 0) {
		centre_on(v, x, y);
		return;
	}
	/* Whole cells, so seats stay in the middle of their cells. */
	if (c < mx)
		v->ox -= ceil(mx - c) / v->sx;
	else if (c >= v->w - mx)
		v->ox += ceil(c - (v->w - mx - 1) + 1e-9) / v->sx;
	if (r < my)
		v->oy -= ceil(my - r) / (v->sx * SEATVIEW_ASPECT);
	else if (r >= v->h - my)
		v->oy += ceil(r - (v->h - my - 1) + 1e-9) / (v->sx * SEATVIEW_ASPECT);
	clamp(v);
}

bool seatview_project(const struct seatview *v, double x, double y, int *col, int *row)
{
	double c = floor((x - v->ox) * v->sx + EPS);
	double r = floor((y - v->oy) * v->sx * SEATVIEW_ASPECT + EPS);

	*col = c < -1e6 ? -1000000 : c > 1e6 ? 1000000 : (int)c;
	*row = r < -1e6 ? -1000000 : r > 1e6 ? 1000000 : (int)r;
	return *col >= 0 && *col < v->w && *row >= 0 && *row < v->h;
}

void seatview_unproject(const struct seatview *v, int col, int row, double *x, double *y)
{
	*x = v->ox + (col + 0.5) / v->sx;
	*y = v->oy + (row + 0.5) / (v->sx * SEATVIEW_ASPECT);
}

uint8_t seatview_braille_bit(int dx, int dy)
{
	static const uint8_t bits[4][2] = { { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 },
					    { 0x40, 0x80 } };

	if (dx < 0 || dx > 1 || dy < 0 || dy > 3)
		return 0;
	return bits[dy][dx];
}

uint32_t seatview_seat_glyph(enum seat_state st, bool accessible)
{
	switch (st) {
	case SEAT_FREE: return accessible ? 'a' : 'o';
	case SEAT_MINE: return accessible ? 'A' : '*';
	case SEAT_HELD: return 'x';
	case SEAT_SOLD: return '#';
	case SEAT_KILLED: return '-';
	}
	return '?';
}

uint32_t seatview_far_glyph(const struct seatview_cell *c, bool ascii, bool dots_free_only)
{
	if (c->n == 0)
		return ' ';
	if (ascii) {
		if (c->nmine > 0)
			return '*';
		if (c->nfree == c->n)
			return 'O';
		if (c->nfree * 2 >= c->n)
			return 'o';
		return c->nfree > 0 ? ':' : '.';
	}
	if (c->dots == 0 && dots_free_only)
		return 0xB7; /* '·': seats here, none free */
	return 0x2800u + c->dots;
}

/* ---- raster ---- */

static void put(const struct seatview *v, struct seatview_cell *cells, int col, int row,
		uint32_t ch, uint8_t kind)
{
	struct seatview_cell *c;

	if (col < 0 || col >= v->w || row < 0 || row >= v->h)
		return;
	c = &cells[row * v->w + col];
	if (c->kind != CELL_EMPTY && c->kind != CELL_DECO)
		return;
	c->kind = kind;
	c->ch = ch;
}

/* Decodes UTF-8 (no locale needed); invalid bytes become '?'. */
static size_t utf8_next(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3
		: (u[0] & 0xF8) == 0xF0 ? 4 : 0;

	if (n == 0) {
		*cp = '?';
		return 1;
	}
	*cp = n == 1 ? u[0] : (uint32_t)(u[0] & (0x7F >> n));
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = '?';
			return (size_t)i;
		}
		*cp = (*cp << 6) | (u[i] & 0x3F);
	}
	return (size_t)n;
}

static int text_len(const char *s)
{
	int n = 0;
	uint32_t cp;

	while (*s != '\0') {
		s += utf8_next(s, &cp);
		n++;
	}
	return n;
}

static void put_text(const struct seatview *v, struct seatview_cell *cells, int col, int row,
		     const char *s, uint8_t kind, bool ascii)
{
	uint32_t cp;

	while (*s != '\0') {
		s += utf8_next(s, &cp);
		put(v, cells, col++, row, ascii && cp >= 0x80 ? '?' : cp, kind);
	}
}

static void deco_line(const struct seatview *v, struct seatview_cell *cells, double x0,
		      double y0, double x1, double y1, uint32_t ch)
{
	double c0 = (x0 - v->ox) * v->sx, r0 = (y0 - v->oy) * v->sx * SEATVIEW_ASPECT;
	double c1 = (x1 - v->ox) * v->sx, r1 = (y1 - v->oy) * v->sx * SEATVIEW_ASPECT;
	int steps = (int)fmin(4000, fmax(fabs(c1 - c0), fabs(r1 - r0)) * 2 + 1);

	for (int i = 0; i <= steps; i++) {
		double t = (double)i / steps;
		put(v, cells, (int)floor(c0 + (c1 - c0) * t), (int)floor(r0 + (r1 - r0) * t), ch,
		    CELL_DECO);
	}
}

static void deco_rect(const struct seatview *v, struct seatview_cell *cells,
		      const struct seatmap_deco *d, bool ascii)
{
	int c0, r0, c1, r1;

	seatview_project(v, d->x, d->y, &c0, &r0);
	seatview_project(v, d->x + d->width, d->y + d->height, &c1, &r1);
	if (c1 <= c0 || r1 <= r0) { /* too thin for a box at this scale: a bar */
		deco_line(v, cells, d->x, d->y + d->height / 2, d->x + d->width,
			  d->y + d->height / 2, ascii ? '=' : 0x2550);
		return;
	}
	for (int c = c0 + 1; c < c1; c++) {
		put(v, cells, c, r0, ascii ? '-' : 0x2500, CELL_DECO);
		put(v, cells, c, r1, ascii ? '-' : 0x2500, CELL_DECO);
	}
	for (int r = r0 + 1; r < r1; r++) {
		put(v, cells, c0, r, ascii ? '|' : 0x2502, CELL_DECO);
		put(v, cells, c1, r, ascii ? '|' : 0x2502, CELL_DECO);
	}
	put(v, cells, c0, r0, ascii ? '+' : 0x250C, CELL_DECO);
	put(v, cells, c1, r0, ascii ? '+' : 0x2510, CELL_DECO);
	put(v, cells, c0, r1, ascii ? '+' : 0x2514, CELL_DECO);
	put(v, cells, c1, r1, ascii ? '+' : 0x2518, CELL_DECO);
}

static void deco_label(const struct seatview *v, struct seatview_cell *cells, double x,
		       double y, const char *label, bool ascii)
{
	int c, r, n;

	if (label == NULL || label[0] == '\0')
		return;
	seatview_project(v, x, y, &c, &r);
	n = text_len(label);
	/* Text goes over decoration lines but never over seats. */
	for (int i = 0; i < n; i++)
		if (c - n / 2 + i >= 0 && c - n / 2 + i < v->w && r >= 0 && r < v->h &&
		    cells[r * v->w + c - n / 2 + i].kind == CELL_DECO)
			cells[r * v->w + c - n / 2 + i].kind = CELL_EMPTY;
	put_text(v, cells, c - n / 2, r, label, CELL_DECO, ascii);
}

static void decorations(const struct seatview *v, const struct seatmap *m,
			struct seatview_cell *cells, bool ascii)
{
	for (size_t i = 0; i < m->ndecos; i++) {
		const struct seatmap_deco *d = &m->decos[i];
		double cx = d->x, cy = d->y;
		uint32_t dot = ascii ? '.' : 0xB7;
		switch (d->shape) {
		case SEATMAP_SHAPE_RECT:
			deco_rect(v, cells, d, ascii);
			cx = d->x + d->width / 2;
			cy = d->y + d->height / 2;
			break;
		case SEATMAP_SHAPE_CIRCLE:
		case SEATMAP_SHAPE_ELLIPSE: {
			double rx = d->shape == SEATMAP_SHAPE_CIRCLE ? d->radius : d->rx;
			double ry = d->shape == SEATMAP_SHAPE_CIRCLE ? d->radius : d->ry;
			for (int k = 0; k < 72; k++) {
				double a0 = k * M_PI / 36, a1 = (k + 1) * M_PI / 36;
				deco_line(v, cells, cx + rx * cos(a0), cy + ry * sin(a0),
					  cx + rx * cos(a1), cy + ry * sin(a1), dot);
			}
			break;
		}
		case SEATMAP_SHAPE_POLYGON:
			cx = cy = 0;
			for (int k = 0; k < d->npoints; k++) {
				int j = (k + 1) % d->npoints;
				deco_line(v, cells, d->points[2 * k], d->points[2 * k + 1],
					  d->points[2 * j], d->points[2 * j + 1], dot);
				cx += d->points[2 * k] / d->npoints;
				cy += d->points[2 * k + 1] / d->npoints;
			}
			break;
		case SEATMAP_SHAPE_NONE:
			break;
		}
		deco_label(v, cells, cx, cy, d->label, ascii);
	}
}

static void row_labels(const struct seatview *v, const struct seatmap *m,
		       struct seatview_cell *cells, bool ascii)
{
	for (size_t r = 0; r < m->nrows; r++) {
		const struct seatmap_row *row = &m->rows[r];
		const struct seatmap_seat *lo = NULL, *hi = NULL;
		int c, rr, n = text_len(row->label), k;
		bool ok = true;
		if (row->n == 0 || (v->section >= 0 && row->section != v->section))
			continue;
		for (k = 0; k < row->n; k++) {
			const struct seatmap_seat *s = &m->seats[row->seats[k]];
			if (lo == NULL || s->x < lo->x)
				lo = s;
			if (hi == NULL || s->x > hi->x)
				hi = s;
		}
		seatview_project(v, lo->x, lo->y, &c, &rr);
		for (k = c - 1 - n; k <= c - 1; k++)
			ok = ok && k >= 0 && k < v->w && rr >= 0 && rr < v->h &&
			     cells[rr * v->w + k].kind == CELL_EMPTY;
		if (ok)
			put_text(v, cells, c - 1 - n, rr, row->label, CELL_LABEL, ascii);
		seatview_project(v, hi->x, hi->y, &c, &rr);
		ok = true;
		for (k = c + 1; k <= c + 1 + n; k++)
			ok = ok && k >= 0 && k < v->w && rr >= 0 && rr < v->h &&
			     cells[rr * v->w + k].kind == CELL_EMPTY;
		if (ok)
			put_text(v, cells, c + 2, rr, row->label, CELL_LABEL, ascii);
	}
}

static void place_seat(const struct seatview *v, const struct seatmap *m, size_t i, bool far,
		       bool free_only, struct seatview_cell *cells)
{
	const struct seatmap_seat *s = &m->seats[i];
	double fc = (s->x - v->ox) * v->sx + EPS;
	double fr = (s->y - v->oy) * v->sx * SEATVIEW_ASPECT + EPS;
	int col, row;
	struct seatview_cell *c;

	if (fc < 0 || fr < 0 || fc >= v->w || fr >= v->h)
		return;
	col = (int)fc;
	row = (int)fr;
	c = &cells[row * v->w + col];
	if (c->kind != CELL_SEAT && c->kind != CELL_DOTS) {
		c->kind = far ? CELL_DOTS : CELL_SEAT;
		c->top = s->state;
		c->seat = (int)i;
		c->section = s->section;
		c->ch = 0;
	}
	c->n++;
	c->nfree += s->state == SEAT_FREE;
	c->nmine += s->state == SEAT_MINE;
	c->accessible = c->accessible || s->accessible;
	if (s->state < c->top) {
		c->top = s->state;
		c->seat = (int)i; /* the cell shows its most important seat */
	}
	if (far && (!free_only || s->state == SEAT_FREE || s->state == SEAT_MINE))
		c->dots |= seatview_braille_bit((int)(fc * 2) - col * 2, (int)(fr * 4) - row * 4);
}

void seatview_raster(const struct seatview *v, const struct seatmap *m,
		     const struct seatview_opts *o, struct seatview_cell *cells)
{
	bool far = seatview_far(v);

	for (int i = 0; i < v->w * v->h; i++) {
		memset(&cells[i], 0, sizeof cells[i]);
		cells[i].seat = -1;
		cells[i].section = -1;
		cells[i].top = SEAT_KILLED;
	}
	if (o->decorations)
		decorations(v, m, cells, o->ascii);
	for (size_t i = 0; i < m->nseats; i++)
		if (shown(v, m, i))
			place_seat(v, m, i, far, o->dots_free_only, cells);
	if (o->labels && !far)
		row_labels(v, m, cells, o->ascii);
}

int seatview_nearest(const struct seatview *v, const struct seatmap *m, int col, int row)
{
	double best = 9.0 * 4; /* within about three cells */
	int hit = -1;

	for (size_t i = 0; i < m->nseats; i++) {
		const struct seatmap_seat *s = &m->seats[i];
		if (!shown(v, m, i))
			continue;
		double dc = (s->x - v->ox) * v->sx - (col + 0.5);
		double dr = (s->y - v->oy) * v->sx * SEATVIEW_ASPECT - (row + 0.5);
		double d = dc * dc + 4 * dr * dr; /* a cell is about twice as tall */
		if (d < best) {
			best = d;
			hit = (int)i;
		}
	}
	return hit;
}

/* ---- text ---- */

static int utf8_put(char *b, uint32_t cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	b[0] = (char)(0xE0 | (cp >> 12));
	b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static uint32_t cell_char(const struct seatview_cell *c, const struct seatmap *m, bool ascii)
{
	switch (c->kind) {
	case CELL_SEAT:
		return seatview_seat_glyph(m->seats[c->seat].state, m->seats[c->seat].accessible);
	case CELL_DOTS:
		return seatview_far_glyph(c, ascii, true);
	case CELL_LABEL:
	case CELL_DECO:
		return c->ch;
	}
	return ' ';
}

/* Columns the drawing of the shown seats needs at scale sx (labels too). */
static double needed_width(const struct seatview *v, double sx, const struct seatmap *m)
{
	int longest = 0;

	for (size_t r = 0; r < m->nrows; r++)
		if (v->section < 0 || m->rows[r].section == v->section) {
			int n = text_len(m->rows[r].label);
			longest = n > longest ? n : longest;
		}
	return (v->box[2] - v->box[0]) * sx + 1 + 2 * (longest + 2);
}

bool seatmap_render_text(const struct seatmap *m, int section, int width, int zoom, bool ascii,
			 FILE *out, struct err *e)
{
	struct seatview v;
	struct seatview_cell *cells;
	char *line;
	int level = zoom;

	if (width < 4)
		width = 4;
	/* Height is free: only the width limits the fit. */
	seatview_init(&v, m, section, width, 100000);
	/* Auto: the nearest level that fits, no wider than a space between
	 * seats (a roomy plan is not stretched to the width). */
	if (zoom == SEATVIEW_ZOOM_AUTO)
		for (level = v.nlevels - 1;
		     level > 0 && (needed_width(&v, v.scales[level], m) > width ||
				   v.scales[level] > 2 * v.sx_single * (1 + 1e-6));
		     level--)
			;
	seatview_set_level(&v, level, 0, 0);
	v.w = width;
	/* Origin: the plan's top-left seat, centred in the width when it fits. */
	v.ox = v.box[0] - fmax(0, (width - (v.box[2] - v.box[0]) * v.sx) / 2) / v.sx;
	v.oy = v.box[1];
	snap(&v);
	v.h = (int)floor((v.box[3] - v.oy) * v.sx * SEATVIEW_ASPECT) + 1;
	cells = calloc((size_t)v.w * (size_t)v.h, sizeof *cells);
	line = malloc((size_t)v.w * 3 + 2);
	if (cells == NULL || line == NULL) {
		free(cells);
		free(line);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	struct seatview_opts o = { ascii, true, true, false };
	seatview_raster(&v, m, &o, cells);
	bool ok = true;
	for (int r = 0; r < v.h && ok; r++) {
		int len = 0, keep = 0;
		for (int c = 0; c < v.w; c++) {
			uint32_t ch = cell_char(&cells[r * v.w + c], m, ascii);
			len += utf8_put(line + len, ch);
			if (ch != ' ')
				keep = len;
		}
		line[keep] = '\n';
		ok = fwrite(line, 1, (size_t)keep + 1, out) == (size_t)keep + 1;
	}
	free(cells);
	free(line);
	return ok ? true : err_set(e, ERR_IO, "Could not write the seat map.");
}
