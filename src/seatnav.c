/* seatnav: cursor moves by geometry; best available seats together. */
#include "seatnav.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double dirs[4][2] = { { 0, -1 }, { 0, 1 }, { -1, 0 }, { 1, 0 } };

static bool in_section(const struct seatmap *m, int section, int i)
{
	return section < 0 || m->seats[i].section == section;
}

/* The row neighbour of from that lies the way of d (within ~80°), or -1. */
static int along_row(const struct seatmap *m, int from, enum seatnav_dir d)
{
	const struct seatmap_seat *s = &m->seats[from];
	const struct seatmap_row *row = &m->rows[s->row];
	double best = 0;
	int hit = -1;

	for (int k = s->pos - 1; k <= s->pos + 1; k += 2) {
		if (k < 0 || k >= row->n)
			continue;
		const struct seatmap_seat *t = &m->seats[row->seats[k]];
		double vx = t->x - s->x, vy = t->y - s->y, len = hypot(vx, vy);
		double along = vx * dirs[d][0] + vy * dirs[d][1];
		if (len > 0 && along / len > 0.17 && along / len > best) { /* cos 80° */
			best = along / len;
			hit = row->seats[k];
		}
	}
	return hit;
}

/* Nearest seat in the cone of d (off-axis at most wide × along: 1 is
 * 45° each side); other rows only when other_rows. */
static int in_cone(const struct seatmap *m, int section, int from, enum seatnav_dir d,
		   bool other_rows, double wide)
{
	const struct seatmap_seat *s = &m->seats[from];
	double best = INFINITY;
	int hit = -1;

	for (size_t i = 0; i < m->nseats; i++) {
		const struct seatmap_seat *t = &m->seats[i];
		if ((int)i == from || !in_section(m, section, (int)i) ||
		    (other_rows && t->row == s->row))
			continue;
		double vx = t->x - s->x, vy = t->y - s->y;
		double along = vx * dirs[d][0] + vy * dirs[d][1];
		double off = fabs(vx * dirs[d][1] - vy * dirs[d][0]);
		if (along <= 1e-9 || off > along * wide)
			continue;
		double score = along + 2 * off;
		if (score < best) {
			best = score;
			hit = (int)i;
		}
	}
	return hit;
}

int seatnav_move(const struct seatmap *m, int section, int from, enum seatnav_dir d)
{
	int to;

	if (from < 0 || (size_t)from >= m->nseats)
		return seatnav_start(m, section);
	if (d == NAV_LEFT || d == NAV_RIGHT) {
		if ((to = along_row(m, from, d)) >= 0 && in_section(m, section, to))
			return to;
		to = in_cone(m, section, from, d, false, 1);
	} else {
		/* Up and down leave the row. At the steep end of a curved row the
		 * next row may lie more sideways than up: widen the cone to 80°. */
		if ((to = in_cone(m, section, from, d, true, 1)) < 0)
			to = in_cone(m, section, from, d, true, 5.67);
	}
	return to >= 0 ? to : from;
}

int seatnav_row_end(const struct seatmap *m, int from, bool end)
{
	const struct seatmap_row *row;
	int a, b;

	if (from < 0 || (size_t)from >= m->nseats)
		return from;
	row = &m->rows[m->seats[from].row];
	a = row->seats[0];
	b = row->seats[row->n - 1];
	if (m->seats[b].x < m->seats[a].x) { /* numbered right to left */
		int t = a;
		a = b;
		b = t;
	}
	return end ? b : a;
}

void seatnav_stage_of(const struct seatmap *m, struct seatnav_stage *st)
{
	memset(st, 0, sizeof *st);
	for (size_t i = 0; i < m->ndecos; i++) {
		const struct seatmap_deco *d = &m->decos[i];
		if (d->kind != SEATMAP_DECO_STAGE)
			continue;
		switch (d->shape) {
		case SEATMAP_SHAPE_RECT:
			st->x0 = fmin(d->x, d->x + d->width);
			st->x1 = fmax(d->x, d->x + d->width);
			st->y0 = fmin(d->y, d->y + d->height);
			st->y1 = fmax(d->y, d->y + d->height);
			return;
		case SEATMAP_SHAPE_CIRCLE:
		case SEATMAP_SHAPE_ELLIPSE: {
			double rx = d->shape == SEATMAP_SHAPE_CIRCLE ? d->radius : d->rx;
			double ry = d->shape == SEATMAP_SHAPE_CIRCLE ? d->radius : d->ry;
			st->x0 = d->x - rx;
			st->x1 = d->x + rx;
			st->y0 = d->y - ry;
			st->y1 = d->y + ry;
			return;
		}
		case SEATMAP_SHAPE_POLYGON:
			if (d->npoints == 0)
				break;
			st->x0 = st->x1 = d->points[0];
			st->y0 = st->y1 = d->points[1];
			for (int k = 1; k < d->npoints; k++) {
				st->x0 = fmin(st->x0, d->points[2 * k]);
				st->x1 = fmax(st->x1, d->points[2 * k]);
				st->y0 = fmin(st->y0, d->points[2 * k + 1]);
				st->y1 = fmax(st->y1, d->points[2 * k + 1]);
			}
			return;
		case SEATMAP_SHAPE_NONE:
			st->x0 = st->x1 = d->x;
			st->y0 = st->y1 = d->y;
			return;
		}
	}
	st->line = true;
	st->y0 = st->y1 = m->has_box ? m->min_y : 0;
}

double seatnav_stage_distance(const struct seatnav_stage *st, double x, double y)
{
	double dx, dy;

	if (st->line)
		return fabs(y - st->y0);
	dx = x < st->x0 ? st->x0 - x : x > st->x1 ? x - st->x1 : 0;
	dy = y < st->y0 ? st->y0 - y : y > st->y1 ? y - st->y1 : 0;
	return hypot(dx, dy);
}

int seatnav_start(const struct seatmap *m, int section)
{
	struct seatnav_stage st;
	double best = INFINITY, mid;
	int hit = -1;
	double lo = INFINITY, hi = -INFINITY;

	seatnav_stage_of(m, &st);
	for (size_t i = 0; i < m->nseats; i++)
		if (in_section(m, section, (int)i)) {
			lo = fmin(lo, m->seats[i].x);
			hi = fmax(hi, m->seats[i].x);
		}
	mid = (lo + hi) / 2;
	for (int pass = 0; pass < 2 && hit < 0; pass++)
		for (size_t i = 0; i < m->nseats; i++) {
			const struct seatmap_seat *s = &m->seats[i];
			if (!in_section(m, section, (int)i) || (pass == 0 && s->state != SEAT_FREE))
				continue;
			double d = seatnav_stage_distance(&st, s->x, s->y) + fabs(s->x - mid) * 0.5;
			if (d < best) {
				best = d;
				hit = (int)i;
			}
		}
	return hit;
}

/* ---- best available ---- */

struct cand {
	bool single;     /* leaves one empty seat stranded */
	double front;    /* the row's mean distance from the stage */
	double centre;   /* block middle to row middle */
	int row, start;  /* row index, first position */
};

static bool better(const struct cand *a, const struct cand *b)
{
	if (a->single != b->single)
		return !a->single;
	if (fabs(a->front - b->front) > 1e-6)
		return a->front < b->front;
	if (fabs(a->centre - b->centre) > 1e-6)
		return a->centre < b->centre;
	return a->row != b->row ? a->row < b->row : a->start < b->start;
}

static bool usable(const struct seatmap_seat *s, bool mine_free)
{
	return s->state == SEAT_FREE || (mine_free && s->state == SEAT_MINE);
}

static void mid_of(const struct seatmap *m, const struct seatmap_row *row, int a, int b,
		   double *x, double *y)
{
	const struct seatmap_seat *p = &m->seats[row->seats[a]], *q = &m->seats[row->seats[b]];

	*x = (p->x + q->x) / 2;
	*y = (p->y + q->y) / 2;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The typical distance between neighbours of a row (the median), so that
 * an aisle through a row (a step much longer) ends a run of seats. */
static double row_pitch(const struct seatmap *m, const struct seatmap_row *row)
{
	double *d, med;

	if (row->n < 2 || (d = malloc((size_t)(row->n - 1) * sizeof *d)) == NULL)
		return INFINITY;
	for (int k = 0; k + 1 < row->n; k++) {
		const struct seatmap_seat *p = &m->seats[row->seats[k]];
		const struct seatmap_seat *q = &m->seats[row->seats[k + 1]];
		d[k] = hypot(q->x - p->x, q->y - p->y);
	}
	qsort(d, (size_t)(row->n - 1), sizeof *d, by_double);
	med = d[(row->n - 1) / 2];
	free(d);
	return med;
}

static bool next_to(const struct seatmap *m, const struct seatmap_row *row, int k, double pitch)
{
	const struct seatmap_seat *p = &m->seats[row->seats[k]];
	const struct seatmap_seat *q = &m->seats[row->seats[k + 1]];

	return hypot(q->x - p->x, q->y - p->y) <= pitch * 1.8 + 1e-9;
}

/* Every block of n in the runs of free seats of one row; a run ends at a
 * taken seat, a seat not for sale or an aisle. */
static void row_blocks(const struct seatmap *m, int r, const struct seatnav_stage *st, int n,
		       bool mine_free, struct cand *best, bool *have, int *longest)
{
	const struct seatmap_row *row = &m->rows[r];
	double front = 0, rx, ry, pitch = row_pitch(m, row);

	for (int k = 0; k < row->n; k++)
		front += seatnav_stage_distance(st, m->seats[row->seats[k]].x,
						m->seats[row->seats[k]].y);
	front /= row->n;
	mid_of(m, row, (row->n - 1) / 2, row->n / 2, &rx, &ry);
	for (int a = 0; a < row->n;) {
		int b = a;
		if (!usable(&m->seats[row->seats[a]], mine_free)) {
			a++;
			continue;
		}
		while (b + 1 < row->n && usable(&m->seats[row->seats[b + 1]], mine_free) &&
		       next_to(m, row, b, pitch))
			b++;
		/* run [a, b] */
		if (b - a + 1 > *longest)
			*longest = b - a + 1;
		for (int s = a; s + n - 1 <= b; s++) {
			struct cand c;
			double bx, by;
			mid_of(m, row, s, s + n - 1, &bx, &by);
			c.single = s - a == 1 || b - (s + n - 1) == 1;
			c.front = front;
			c.centre = hypot(bx - rx, by - ry);
			c.row = r;
			c.start = s;
			if (!*have || better(&c, best)) {
				*best = c;
				*have = true;
			}
		}
		a = b + 1;
	}
}

bool seatnav_best(const struct seatmap *m, int section, const struct seatnav_stage *st, int n,
		  bool mine_free, int *out, struct err *e)
{
	struct cand best;
	bool have = false;
	int longest = 0, longest_row = -1;
	const char *where = section >= 0 ? m->sections[section].name : "this map";

	if (n < 1)
		return err_set(e, ERR_INPUT, "Ask for at least one seat.");
	memset(&best, 0, sizeof best);
	for (size_t r = 0; r < m->nrows; r++) {
		int before = longest;
		if ((section >= 0 && m->rows[r].section != section) || m->rows[r].n == 0)
			continue;
		row_blocks(m, (int)r, st, n, mine_free, &best, &have, &longest);
		if (longest > before)
			longest_row = (int)r;
	}
	if (!have) {
		if (longest == 0)
			return err_set(e, ERR_INPUT, "No seats are free in %s.", where);
		return err_set(e, ERR_INPUT, "No %d seats together in %s: at most %d (row %s).", n,
			       where, longest, m->rows[longest_row].label);
	}
	for (int k = 0; k < n; k++)
		out[k] = m->rows[best.row].seats[best.start + k];
	return true;
}
