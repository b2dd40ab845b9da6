/* venue_gen: theatre arcs and arena/stadium bowls, by arithmetic only. */
#include "venue_gen.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Hundredths from plan units, rounded once (generators think in doubles). */
static int64_t cu(double d)
{
	return (int64_t)llround(d * 100.0);
}

/* Theatre row letters skip I and O, which read as 1 and 0 on a ticket. */
static void row_letter(unsigned i, char *buf, size_t size)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
	unsigned n = sizeof letters - 1;

	if (i < n)
		snprintf(buf, size, "%c", letters[i]);
	else
		snprintf(buf, size, "%c%c", letters[i / n - 1 < n ? i / n - 1 : 0], letters[i % n]);
}

static bool add_seat(struct venue_row *r, unsigned number, double x, double y, int category,
		     bool accessible, const uint32_t src[3], struct err *e)
{
	struct venue_seat *s = venue_row_add_seat(r, e);

	if (s == NULL)
		return false;
	snprintf(s->number, sizeof s->number, "%u", number);
	s->x = cu(x);
	s->y = cu(y);
	s->category = category;
	s->accessible = accessible;
	memcpy(s->src, src, sizeof s->src);
	return true;
}

static struct venue_decoration *deco(struct venue *v, enum venue_deco_kind kind,
				     enum venue_shape shape, double x, double y, const char *text,
				     const char *color, struct err *e)
{
	struct venue_decoration *d = venue_add_decoration(v, e);

	if (d == NULL)
		return NULL;
	d->kind = kind;
	d->shape = shape;
	d->x = cu(x);
	d->y = cu(y);
	if ((text != NULL && (d->text = strdup(text)) == NULL) ||
	    (color != NULL && (d->color = strdup(color)) == NULL)) {
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	return d;
}

/* ---- theatre ------------------------------------------------------------ */

struct arcs {
	const char *section;
	int category;
	unsigned rows;
	double r0, depth;     /* first row's radius, row spacing */
	double span;          /* degrees, centred on the stage axis */
	bool accessible_ends; /* front row: two seats at each end */
};

/* Curved rows facing the stage at (cx, cy), y growing away from it. Two
 * aisles cut each row into three blocks; numbers run left to right. */
static bool theatre_arcs(struct venue *v, const struct arcs *a, double cx, double cy,
			 struct err *e)
{
	const double pitch = 22; /* seat width along the row */
	struct venue_section *s = venue_add_section(v, a->section, VENUE_NUMBERED, e);
	uint32_t src[3] = { (uint32_t)v->nsections - 1, 0, 0 };

	if (s == NULL)
		return false;
	for (unsigned i = 0; i < a->rows; i++, src[1]++) {
		double rad = a->r0 + a->depth * i, span = a->span * M_PI / 180;
		unsigned slots = (unsigned)(rad * span / pitch) + 1, n = 0;
		char label[8];
		struct venue_row *r;
		row_letter(i, label, sizeof label);
		if ((r = venue_section_row(s, label, e)) == NULL)
			return false;
		for (unsigned k = 0; k < slots; k++) {
			double th = -span / 2 + span * k / (slots - 1);
			bool acc;
			if (k == slots / 4 || k == slots - 1 - slots / 4)
				continue; /* the aisles */
			acc = a->accessible_ends && i == 0 && (n < 2 || k + 2 >= slots);
			src[2] = n;
			if (!add_seat(r, ++n, cx + rad * sin(th), cy + rad * cos(th), a->category, acc,
				      src, e))
				return false;
		}
	}
	return true;
}

static bool theatre(struct venue *v, struct err *e)
{
	static const struct arcs stalls = { "Stalls", 0, 19, 110, 27, 110, true };
	static const struct arcs balcony = { "Balcony", 1, 9, 650, 30, 80, false };
	struct venue_decoration *d;

	v->has_size = true;
	v->width = cu(1400);
	v->height = cu(1000);
	if (venue_add_category(v, "Stalls", "#c0392b", e) == NULL ||
	    venue_add_category(v, "Balcony", "#2980b9", e) == NULL ||
	    !theatre_arcs(v, &stalls, 700, 60, e) || !theatre_arcs(v, &balcony, 700, 60, e) ||
	    !venue_add_general(v, "Promenade", 200, e))
		return false;
	if ((d = deco(v, VENUE_DECO_STAGE, VENUE_SHAPE_RECTANGLE, 550, 0, "STAGE", "#333333", e)) ==
	    NULL)
		return false;
	d->width = cu(300);
	d->height = cu(60);
	return deco(v, VENUE_DECO_TEXT, VENUE_SHAPE_NONE, 700, 620, "Balcony front", NULL, e) &&
	       deco(v, VENUE_DECO_TEXT, VENUE_SHAPE_NONE, 120, 960, "Promenade (standing)", NULL,
		    e) &&
	       deco(v, VENUE_DECO_TEXT, VENUE_SHAPE_NONE, 1280, 960, "Bar", NULL, e);
}

/* ---- bowls: arena and stadium -------------------------------------------- */

/* A rounded rectangle around the field: straight half-lengths a (along x)
 * and b (along y), corner radius r, centre (cx, cy). A tier of rows sits at
 * offset d outside it. Positions along it are u in [0, 1), clockwise from
 * the left end of the top side; the share of u for each side and corner is
 * fixed, so a section's edges are straight radial lines at every offset. */
struct bowl {
	double cx, cy, a, b, r;
};

static void bowl_point(const struct bowl *w, double u, double d, double *x, double *y)
{
	const double q = M_PI / 2 * (w->r + 60); /* a corner's share, at a typical offset */
	const double part[8] = { 2 * w->a, q, 2 * w->b, q, 2 * w->a, q, 2 * w->b, q };
	const double R = w->r + d;
	double perimeter = 0, t;
	int i;

	for (i = 0; i < 8; i++)
		perimeter += part[i];
	t = u * perimeter;
	for (i = 0; i < 7 && t > part[i]; i++)
		t -= part[i];
	t /= part[i]; /* 0..1 within piece i */
	switch (i) {
	case 0: *x = w->cx - w->a + 2 * w->a * t; *y = w->cy - w->b - R; return;
	case 2: *x = w->cx + w->a + R; *y = w->cy - w->b + 2 * w->b * t; return;
	case 4: *x = w->cx + w->a - 2 * w->a * t; *y = w->cy + w->b + R; return;
	case 6: *x = w->cx - w->a - R; *y = w->cy + w->b - 2 * w->b * t; return;
	default: {
		/* corners: angle from "up", clockwise; centres at the four ends */
		double phi = (i / 2 + t) * M_PI / 2;
		double ccx = w->cx + (i == 1 || i == 3 ? w->a : -w->a);
		double ccy = w->cy + (i == 3 || i == 5 ? w->b : -w->b);
		*x = ccx + R * sin(phi);
		*y = ccy - R * cos(phi);
	}
	}
}

struct tier {
	const char *prefix;   /* "Block " */
	unsigned first;       /* first section number: 101 */
	unsigned sections, rows;
	double d0, depth;     /* offset of the first row, row spacing */
	double pitch;         /* seat width */
	int category;
	bool platforms;       /* a wheelchair platform behind each section */
};

#define ARC_SAMPLES 48

/* Seats evenly by arc length along one row of one section. */
static bool bowl_row(const struct bowl *w, struct venue_row *r, double u0, double u1, double d,
		     double pitch, int category, bool accessible, uint32_t src[3], struct err *e)
{
	double px[ARC_SAMPLES + 1], py[ARC_SAMPLES + 1], len[ARC_SAMPLES + 1];
	unsigned n, j = 0;

	len[0] = 0;
	for (int i = 0; i <= ARC_SAMPLES; i++) {
		bowl_point(w, u0 + (u1 - u0) * i / ARC_SAMPLES, d, &px[i], &py[i]);
		if (i > 0)
			len[i] = len[i - 1] + hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
	}
	n = (unsigned)(len[ARC_SAMPLES] / pitch);
	for (unsigned k = 0; k < n; k++) {
		double at = (k + 0.5) * len[ARC_SAMPLES] / n, f;
		while (j < ARC_SAMPLES - 1 && len[j + 1] < at)
			j++;
		f = (at - len[j]) / (len[j + 1] - len[j]);
		src[2] = k;
		if (!add_seat(r, k + 1, px[j] + f * (px[j + 1] - px[j]), py[j] + f * (py[j + 1] - py[j]),
			      category, accessible, src, e))
			return false;
	}
	return true;
}

static bool bowl_tier(struct venue *v, const struct bowl *w, const struct tier *t,
		      struct err *e)
{
	const double gap = 0.06; /* aisle between sections, as a share of one */

	for (unsigned k = 0; k < t->sections; k++) {
		double u0 = (k + gap) / t->sections, u1 = (k + 1 - gap) / t->sections;
		char name[48], label[16];
		struct venue_section *s;
		uint32_t src[3] = { (uint32_t)v->nsections, 0, 0 };
		snprintf(name, sizeof name, "%s%u", t->prefix, t->first + k);
		if ((s = venue_add_section(v, name, VENUE_NUMBERED, e)) == NULL)
			return false;
		for (unsigned i = 0; i < t->rows; i++, src[1]++) {
			struct venue_row *r;
			snprintf(label, sizeof label, "%u", i + 1);
			if ((r = venue_section_row(s, label, e)) == NULL ||
			    !bowl_row(w, r, u0, u1, t->d0 + t->depth * i, t->pitch, t->category,
				      false, src, e))
				return false;
		}
		if (t->platforms) {
			struct venue_row *r = venue_section_row(s, "WC", e);
			/* wheelchair spaces are wide: three seat widths each */
			if (r == NULL || !bowl_row(w, r, u0, u1, t->d0 + t->depth * (t->rows + 0.5),
						   t->pitch * 3,
						   t->category, true, src, e))
				return false;
		}
	}
	return true;
}

static bool rect(struct venue *v, enum venue_deco_kind kind, double x, double y, double wd,
		 double ht, const char *text, const char *color, struct err *e)
{
	struct venue_decoration *d = deco(v, kind, VENUE_SHAPE_RECTANGLE, x, y, text, color, e);

	if (d == NULL)
		return false;
	d->width = cu(wd);
	d->height = cu(ht);
	return true;
}

static bool arena(struct venue *v, struct err *e)
{
	static const struct bowl w = { 1000, 700, 260, 140, 120 };
	static const struct tier lower = { "Section ", 101, 24, 17, 10, 9, 5.5, 0, true };
	static const struct tier upper = { "Section ", 201, 28, 20, 185, 9.5, 5.5, 1, false };

	v->has_size = true;
	v->width = cu(2000);
	v->height = cu(1400);
	return venue_add_category(v, "Lower tier", "#8e44ad", e) &&
	       venue_add_category(v, "Upper tier", "#16a085", e) && bowl_tier(v, &w, &lower, e) &&
	       bowl_tier(v, &w, &upper, e) && venue_add_general(v, "Floor", 3000, e) &&
	       rect(v, VENUE_DECO_STAGE, 660, 570, 80, 260, "STAGE", "#333333", e) &&
	       rect(v, VENUE_DECO_SHAPE, 740, 560, 540, 280, "Floor (standing)", "#bdc3c7", e);
}

static bool stadium(struct venue *v, struct err *e)
{
	static const struct bowl w = { 2000, 1400, 460, 270, 160 };
	static const struct tier lower = { "Block ", 101, 32, 28, 40, 8, 5, 0, true };
	static const struct tier middle = { "Block ", 201, 32, 22, 290, 8.5, 5, 1, false };
	static const struct tier upper = { "Block ", 301, 36, 26, 500, 9, 5, 2, false };

	v->has_size = true;
	v->width = cu(4000);
	v->height = cu(2800);
	return venue_add_category(v, "Lower tier", "#c0392b", e) &&
	       venue_add_category(v, "Middle tier", "#d35400", e) &&
	       venue_add_category(v, "Upper tier", "#2c3e50", e) && bowl_tier(v, &w, &lower, e) &&
	       bowl_tier(v, &w, &middle, e) && bowl_tier(v, &w, &upper, e) &&
	       rect(v, VENUE_DECO_SHAPE, 1475, 1060, 1050, 680, "PITCH", "#27ae60", e);
}

bool venue_gen_kind_parse(const char *s, enum venue_gen_kind *kind)
{
	static const char *const names[] = { "theatre", "arena", "stadium" };

	for (int i = 0; i < 3; i++)
		if (strcmp(s, names[i]) == 0) {
			*kind = (enum venue_gen_kind)i;
			return true;
		}
	return false;
}

struct venue *venue_gen(enum venue_gen_kind kind, const char *name, struct err *e)
{
	static const char *const names[] = { "Generated Theatre", "Generated Arena", "Generated Stadium" };
	struct venue *v;
	bool ok;

	if (name != NULL && !venue_text_check(name, VENUE_NAME_CHARS, "--name", e))
		return NULL;
	if ((v = venue_new(e)) == NULL)
		return NULL;
	ok = venue_set_name(v, name != NULL ? name : names[kind], e);
	if (ok && kind == VENUE_GEN_THEATRE)
		ok = theatre(v, e);
	else if (ok && kind == VENUE_GEN_ARENA)
		ok = arena(v, e);
	else if (ok)
		ok = stadium(v, e);
	if (!ok)
		venue_free(&v);
	return v;
}
