/* venue: the model's memory, text rules, clashes, and bounding boxes. */
#include "venue.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOMEM(e) err_set((e), ERR_NOMEM, "Out of memory.")

void venue_msgs_add(struct venue_msgs *m, const char *fmt, ...)
{
	va_list ap;
	char buf[512], *copy;

	if (m->n >= VENUE_MSGS_MAX) {
		m->dropped++;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 8;
		char **ni = realloc(m->items, nc * sizeof *ni);
		if (ni == NULL) {
			m->dropped++;
			return;
		}
		m->items = ni;
		m->cap = nc;
	}
	copy = strdup(buf);
	if (copy == NULL) {
		m->dropped++;
		return;
	}
	m->items[m->n++] = copy;
}

void venue_msgs_free(struct venue_msgs *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->n; i++)
		free(m->items[i]);
	free(m->items);
	memset(m, 0, sizeof *m);
}

/* Grows an array of elements of size sz to hold one more; zeroes the new
 * element. Returns it, or NULL when out of memory. */
static void *grow_one(void **items, size_t *n, size_t *cap, size_t sz)
{
	char *p;

	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 4;
		void *ni = realloc(*items, nc * sz);
		if (ni == NULL)
			return NULL;
		*items = ni;
		*cap = nc;
	}
	p = (char *)*items + (*n)++ * sz;
	memset(p, 0, sz);
	return p;
}

#define GROW(arr, n, cap) grow_one((void **)&(arr), &(n), &(cap), sizeof *(arr))

struct venue *venue_new(struct err *e)
{
	struct venue *v = calloc(1, sizeof *v);

	if (v == NULL) {
		NOMEM(e);
		return NULL;
	}
	v->src = "sections";
	return v;
}

static void section_free(struct venue_section *s)
{
	for (size_t r = 0; r < s->nrows; r++)
		free(s->rows[r].seats);
	free(s->rows);
	free(s->name);
	strmap_free(&s->row_index);
}

void venue_free(struct venue **pv)
{
	struct venue *v;

	if (pv == NULL || *pv == NULL)
		return;
	v = *pv;
	for (size_t i = 0; i < v->ncategories; i++) {
		free(v->categories[i].name);
		free(v->categories[i].color);
	}
	for (size_t i = 0; i < v->nsections; i++)
		section_free(&v->sections[i]);
	for (size_t i = 0; i < v->ndecorations; i++) {
		free(v->decorations[i].points);
		free(v->decorations[i].text);
		free(v->decorations[i].color);
	}
	free(v->categories);
	free(v->sections);
	free(v->decorations);
	free(v->name);
	free(v->address);
	free(v);
	*pv = NULL;
}

bool venue_set_name(struct venue *v, const char *name, struct err *e)
{
	char *copy = strdup(name);

	if (copy == NULL)
		return NOMEM(e);
	free(v->name);
	v->name = copy;
	return true;
}

struct venue_category *venue_add_category(struct venue *v, const char *name, const char *color,
					  struct err *e)
{
	char *n = strdup(name), *c = color != NULL ? strdup(color) : NULL;
	struct venue_category *cat = NULL;

	if (n != NULL && (color == NULL || c != NULL))
		cat = GROW(v->categories, v->ncategories, v->ccap);
	if (cat == NULL) {
		free(n);
		free(c);
		NOMEM(e);
		return NULL;
	}
	cat->name = n;
	cat->color = c;
	return cat;
}

struct venue_section *venue_add_section(struct venue *v, const char *name,
					enum venue_section_type type, struct err *e)
{
	char *n = strdup(name);
	struct venue_section *s = n != NULL ? GROW(v->sections, v->nsections, v->scap) : NULL;

	if (s == NULL) {
		free(n);
		NOMEM(e);
		return NULL;
	}
	s->name = n;
	s->type = type;
	return s;
}

struct venue_row *venue_section_row(struct venue_section *s, const char *label, struct err *e)
{
	struct venue_row *r;
	long at;

	if (s->row_index == NULL && (s->row_index = strmap_new()) == NULL)
		goto nomem;
	at = strmap_put(s->row_index, label, (long)s->nrows);
	if (at == -2)
		goto nomem;
	if ((size_t)at < s->nrows)
		return &s->rows[at];
	r = GROW(s->rows, s->nrows, s->cap);
	if (r == NULL)
		goto nomem; /* the map now names a row that does not exist: */
	snprintf(r->label, sizeof r->label, "%s", label);
	return r;
nomem:
	/* Drop the index so a stale entry can never point past the rows; it
	 * is rebuilt only by later calls, and the caller fails anyway. */
	strmap_free(&s->row_index);
	NOMEM(e);
	return NULL;
}

struct venue_seat *venue_row_add_seat(struct venue_row *r, struct err *e)
{
	struct venue_seat *seat = GROW(r->seats, r->nseats, r->cap);

	if (seat == NULL) {
		NOMEM(e);
		return NULL;
	}
	seat->category = -1;
	return seat;
}

struct venue_decoration *venue_add_decoration(struct venue *v, struct err *e)
{
	struct venue_decoration *d = GROW(v->decorations, v->ndecorations, v->dcap);

	if (d == NULL)
		NOMEM(e);
	return d;
}

bool venue_add_general(struct venue *v, const char *name, int64_t capacity, struct err *e)
{
	struct venue_section *s;

	if (venue_find_section(v, name) >= 0)
		return err_set(e, ERR_INPUT, "a section named \"%s\" already exists", name);
	if (capacity < 0 || capacity > VENUE_CAPACITY_MAX)
		return err_set(e, ERR_INPUT, "the capacity of \"%s\" must be 0 to %lld", name,
			       (long long)VENUE_CAPACITY_MAX);
	s = venue_add_section(v, name, VENUE_GENERAL, e);
	if (s == NULL)
		return false;
	s->capacity = capacity;
	return true;
}

int venue_find_category(const struct venue *v, const char *name)
{
	for (size_t i = 0; i < v->ncategories; i++)
		if (strcmp(v->categories[i].name, name) == 0)
			return (int)i;
	return -1;
}

int venue_find_section(const struct venue *v, const char *name)
{
	for (size_t i = 0; i < v->nsections; i++)
		if (strcmp(v->sections[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF. */
bool venue_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return false;
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

size_t venue_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

bool venue_text_check(const char *s, size_t max_chars, const char *path, struct err *e)
{
	size_t n;

	if (!venue_utf8_valid(s, strlen(s)))
		return err_set(e, ERR_INPUT, "%s: expected UTF-8 text (invalid byte sequence)", path);
	n = venue_utf8_chars(s);
	if (n == 0 || n > max_chars)
		return err_set(e, ERR_INPUT, "%s: expected 1 to %zu characters, got %zu", path,
			       max_chars, n);
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7F)
			return err_set(e, ERR_INPUT,
				       "%s: expected text without control characters (found 0x%02X)",
				       path, *p);
	return true;
}

bool venue_color_check(const char *s, const char *path, struct err *e)
{
	size_t n = strlen(s);

	if (s[0] != '#' || n < 4 || n > 9 || strspn(s + 1, "0123456789abcdefABCDEF") != n - 1)
		return err_set(e, ERR_INPUT, "%s: expected a colour like \"#c0392b\" (# and 3 to 8 "
			       "hex digits), got \"%.40s\"", path, s);
	return true;
}

bool venue_coord_from_double(double d, int64_t *out)
{
	double h;

	if (!isfinite(d))
		return false;
	h = round(d * 100.0);
	if (h < -(double)VENUE_COORD_LIMIT || h > (double)VENUE_COORD_LIMIT)
		return false;
	*out = (int64_t)h;
	return true;
}

char *venue_coord_format(int64_t c, char *buf)
{
	uint64_t a = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
	unsigned frac = (unsigned)(a % 100);
	int n = sprintf(buf, "%s%llu", c < 0 ? "-" : "", (unsigned long long)(a / 100));

	if (frac % 10 != 0)
		sprintf(buf + n, ".%02u", frac);
	else if (frac != 0)
		sprintf(buf + n, ".%u", frac / 10);
	return buf;
}

void venue_seat_path(const struct venue *v, const struct venue_seat *seat, char *buf,
		     size_t size)
{
	snprintf(buf, size, "%s[%u].rows[%u].seats[%u]", v->src, (unsigned)seat->src[0],
		 (unsigned)seat->src[1], (unsigned)seat->src[2]);
}

/* qsort context: C11 qsort has none, so indices into one row are sorted by
 * comparing through a file-static pointer (set right before the sort). */
static const struct venue_row *sort_row;

static int by_number(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sort_row->seats[i].number, sort_row->seats[j].number);

	return c != 0 ? c : (i > j) - (i < j);
}

/* One message for seats idx[0..n-1], which share a number. */
static void clash_message(const struct venue *v, const struct venue_section *s,
			  const struct venue_row *r, const size_t *idx, size_t n,
			  struct venue_msgs *out)
{
	char list[400], path[96];
	size_t len = 0;

	list[0] = '\0';
	for (size_t k = 0; k < n && len < sizeof list - 1; k++) {
		venue_seat_path(v, &r->seats[idx[k]], path, sizeof path);
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k ? ", " : "", path);
	}
	if (len >= sizeof list - 1)
		snprintf(list + sizeof list - 5, 5, "…");
	venue_msgs_add(out, "%s row %s seat %s: %zu seats (%s)", s->name, r->label,
		       r->seats[idx[0]].number, n, list);
}

size_t venue_clashes(const struct venue *v, struct venue_msgs *out)
{
	size_t clashes = 0;

	for (size_t si = 0; si < v->nsections; si++) {
		const struct venue_section *s = &v->sections[si];
		for (size_t ri = 0; ri < s->nrows; ri++) {
			const struct venue_row *r = &s->rows[ri];
			size_t *idx = malloc(r->nseats * sizeof *idx + 1);
			if (idx == NULL) {
				venue_msgs_add(out, "%s row %s: out of memory while checking", s->name,
					       r->label);
				clashes++;
				continue;
			}
			for (size_t k = 0; k < r->nseats; k++)
				idx[k] = k;
			sort_row = r;
			qsort(idx, r->nseats, sizeof *idx, by_number);
			for (size_t a = 0, b; a < r->nseats; a = b) {
				for (b = a + 1; b < r->nseats &&
				     strcmp(r->seats[idx[a]].number, r->seats[idx[b]].number) == 0;
				     b++)
					;
				if (b - a > 1) {
					clash_message(v, s, r, idx + a, b - a, out);
					clashes++;
				}
			}
			free(idx);
		}
	}
	return clashes;
}

/* Renames the later duplicates within one row. all holds every original
 * label so a new "12-2" never takes a label some other seat already has. */
static bool unique_row(const struct venue *v, const struct venue_section *s,
		       struct venue_row *r, struct venue_msgs *notes, struct err *e)
{
	struct strmap *all = strmap_new(), *used = strmap_new();
	bool ok = all != NULL && used != NULL;

	for (size_t k = 0; ok && k < r->nseats; k++)
		ok = strmap_put(all, r->seats[k].number, (long)k) != -2;
	for (size_t k = 0; ok && k < r->nseats; k++) {
		struct venue_seat *seat = &r->seats[k];
		char cand[VENUE_LABEL_SIZE + 24], path[96];
		long got = strmap_put(used, seat->number, (long)k);
		if (got == -2 || got == (long)k) {
			ok = got != -2;
			continue;
		}
		for (unsigned n = 2;; n++) {
			snprintf(cand, sizeof cand, "%s-%u", seat->number, n);
			if (strmap_get(all, cand) < 0 && strmap_get(used, cand) < 0)
				break;
		}
		venue_seat_path(v, seat, path, sizeof path);
		if (venue_utf8_chars(cand) > VENUE_LABEL_CHARS) {
			strmap_free(&all);
			strmap_free(&used);
			return err_set(e, ERR_INPUT,
				       "%s: cannot make seat %s of %s row %s unique: \"%s\" would be "
				       "longer than %d characters", path, seat->number, s->name,
				       r->label, cand, VENUE_LABEL_CHARS);
		}
		if (notes != NULL)
			venue_msgs_add(notes, "%s: %s row %s seat %s renamed to %s", path, s->name,
				       r->label, seat->number, cand);
		memcpy(seat->number, cand, strlen(cand) + 1); /* ≤ 20 characters: fits */
		ok = strmap_put(used, cand, (long)k) != -2;
	}
	strmap_free(&all);
	strmap_free(&used);
	return ok || NOMEM(e);
}

bool venue_make_unique(struct venue *v, struct venue_msgs *notes, struct err *e)
{
	for (size_t si = 0; si < v->nsections; si++)
		for (size_t ri = 0; ri < v->sections[si].nrows; ri++)
			if (!unique_row(v, &v->sections[si], &v->sections[si].rows[ri], notes, e))
				return false;
	return true;
}

bool venue_section_box(const struct venue_section *s, struct venue_box *box)
{
	bool any = false;

	for (size_t r = 0; r < s->nrows; r++)
		for (size_t k = 0; k < s->rows[r].nseats; k++) {
			const struct venue_seat *t = &s->rows[r].seats[k];
			if (!any) {
				box->min_x = box->max_x = t->x;
				box->min_y = box->max_y = t->y;
				any = true;
				continue;
			}
			if (t->x < box->min_x) box->min_x = t->x;
			if (t->x > box->max_x) box->max_x = t->x;
			if (t->y < box->min_y) box->min_y = t->y;
			if (t->y > box->max_y) box->max_y = t->y;
		}
	return any;
}

void venue_count(const struct venue *v, struct venue_counts *c)
{
	memset(c, 0, sizeof *c);
	c->sections = v->nsections;
	c->decorations = v->ndecorations;
	for (size_t si = 0; si < v->nsections; si++) {
		const struct venue_section *s = &v->sections[si];
		if (s->type == VENUE_GENERAL)
			c->standing += s->capacity;
		c->rows += s->nrows;
		for (size_t r = 0; r < s->nrows; r++) {
			c->seats += s->rows[r].nseats;
			for (size_t k = 0; k < s->rows[r].nseats; k++)
				c->accessible += s->rows[r].seats[k].accessible;
		}
	}
}

bool venue_validate(const struct venue *v, struct err *e)
{
	if (v->name == NULL)
		return err_set(e, ERR_INPUT, "name: the venue has no name (give one with --name)");
	if (!venue_text_check(v->name, VENUE_NAME_CHARS, "name", e))
		return false;
	if (v->nsections == 0)
		return err_set(e, ERR_INPUT, "sections: the venue has no seats and no standing "
			       "sections (expected at least one section)");
	for (size_t si = 0; si < v->nsections; si++) {
		const struct venue_section *s = &v->sections[si];
		if (s->type == VENUE_NUMBERED && s->nrows == 0)
			return err_set(e, ERR_INPUT, "section \"%s\": expected at least one row of seats",
				       s->name);
		for (size_t r = 0; r < s->nrows; r++)
			if (s->rows[r].nseats == 0)
				return err_set(e, ERR_INPUT,
					       "section \"%s\" row %s: expected at least one seat",
					       s->name, s->rows[r].label);
	}
	return true;
}
