/* pretix: lenient reading of pretix seating plans into the venue model. */
#include "pretix.h"

#include "json_in.h"
#include "strmap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOMEM(e) err_set((e), ERR_NOMEM, "Out of memory.")
#define EACH_WARNING_MAX 5 /* individual warnings of one kind; then a count */

/* What the pretix schema defines; other keys are counted and ignored. */
static const char *const root_keys[] = { "name", "zones", "categories", "size", NULL };
static const char *const zone_keys[] = { "name", "zone_id", "uuid", "position", "rows",
					 "areas", NULL };
static const char *const row_keys[] = { "row_number", "row_label", "seat_label", "uuid", "seats",
					"row_number_position", "position", NULL };
static const char *const seat_keys[] = { "seat_guid", "seat_number", "uuid", "start_direction",
					 "radius", "position", "category", NULL };
static const char *const area_keys[] = { "color", "border_color", "rotation", "position", "uuid",
					 "shape", "polygon", "rectangle", "ellipse", "circle",
					 "text", NULL };
static const char *const pos_keys[] = { "x", "y", NULL };
static const char *const cat_keys[] = { "name", "color", NULL };
static const char *const size_keys[] = { "width", "height", NULL };
static const char *const text_keys[] = { "text", "color", "size", "position", NULL };

struct point { double x, y; };

struct px {
	struct venue *v;
	struct venue_msgs *warn;
	struct strmap *guids;      /* seat_guid → index into guid_src */
	uint32_t (*guid_src)[3];   /* where each GUID was first seen */
	size_t nguid, guid_cap;
	struct strmap *bad_cats;   /* unknown category names already warned about */
	size_t ignored;            /* unknown fields */
	char first_ignored[JSON_PATH_SIZE];
	size_t dup_guids, outside, dup_cats;
	bool has_size;
	double width, height;
};

/* A warning of a kind that can repeat thousands of times in a bad plan:
 * the first few in full, the rest counted (see finish). */
#define WARN_SOME(px, counter, ...) \
	do { \
		if ((px)->counter++ < EACH_WARNING_MAX) \
			venue_msgs_add((px)->warn, __VA_ARGS__); \
	} while (0)

static void count_unknown(struct px *px, const cJSON *obj, const char *path,
			  const char *const *known)
{
	for (const cJSON *c = obj->child; c != NULL; c = c->next) {
		size_t i;
		for (i = 0; known[i] != NULL && strcmp(known[i], c->string) != 0; i++)
			;
		if (known[i] != NULL)
			continue;
		if (px->ignored++ == 0)
			json_in_path(px->first_ignored, sizeof px->first_ignored, path, c->string);
	}
}

/* An optional {x, y} under key; absent is (0, 0). */
static bool get_point(struct px *px, const cJSON *obj, const char *path, const char *key,
		      bool required, struct point *pt, struct err *e)
{
	const cJSON *p = NULL;
	char pp[JSON_PATH_SIZE];

	pt->x = pt->y = 0;
	if (!json_in_object(obj, path, key, required, &p, e))
		return false;
	if (p == NULL)
		return true;
	json_in_path(pp, sizeof pp, path, key);
	count_unknown(px, p, pp, pos_keys);
	return json_in_number(p, pp, "x", true, &pt->x, NULL, e) &&
	       json_in_number(p, pp, "y", true, &pt->y, NULL, e);
}

/* A string, or a number written as text (plans in the wild carry both). */
static bool get_label_text(const cJSON *obj, const char *path, const char *key, bool required,
			   char *buf, size_t size, bool *present, struct err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[JSON_PATH_SIZE];

	*present = it != NULL && !cJSON_IsNull(it);
	buf[0] = '\0';
	if (!*present) {
		if (!required)
			return true;
		return err_set(e, ERR_INPUT, "%s: missing \"%s\" (expected a string)", path, key);
	}
	json_in_path(p, sizeof p, path, key);
	if (cJSON_IsString(it)) {
		snprintf(buf, size, "%s", it->valuestring);
		return true;
	}
	if (cJSON_IsNumber(it) && isfinite(it->valuedouble)) {
		double d = it->valuedouble;
		if (d == floor(d) && fabs(d) < 1e15)
			snprintf(buf, size, "%.0f", d);
		else
			snprintf(buf, size, "%g", d);
		return true;
	}
	return err_set(e, ERR_INPUT, "%s: expected a string, got %s", p, json_in_type(it));
}

/* Replaces every "%s" in tmpl with value. */
static void fill_template(const char *tmpl, const char *value, char *out, size_t size)
{
	size_t n = 0;

	for (const char *t = tmpl; *t != '\0' && n + 1 < size; t++) {
		if (t[0] == '%' && t[1] == 's') {
			n += (size_t)snprintf(out + n, size - n, "%s", value);
			if (n >= size)
				n = size - 1;
			t++;
			continue;
		}
		out[n++] = *t;
	}
	out[n] = '\0';
}

/* Label from a template key (row_label, seat_label) or else the plain value. */
static bool make_label(const char *tmpl, const char *value, const char *path, char *out,
		       struct err *e)
{
	char big[1024];

	if (tmpl != NULL && tmpl[0] != '\0')
		fill_template(tmpl, value, big, sizeof big);
	else
		snprintf(big, sizeof big, "%s", value);
	if (!venue_text_check(big, VENUE_LABEL_CHARS, path, e))
		return false;
	json_in_fmt(out, VENUE_LABEL_SIZE, "%s", big); /* fits: checked above */
	return true;
}

/* Absolute position in hundredths, or an error naming the seat. */
static bool place(double x, double y, const char *path, int64_t *ox, int64_t *oy,
		  struct err *e)
{
	if (!venue_coord_from_double(x, ox) || !venue_coord_from_double(y, oy))
		return err_set(e, ERR_INPUT, "%s.position: the absolute position is beyond "
			       "±99999999", path);
	return true;
}

static bool note_guid(struct px *px, const char *guid, const uint32_t src[3], const char *path)
{
	long at;

	if (px->guids == NULL && (px->guids = strmap_new()) == NULL)
		return false;
	if (px->nguid == px->guid_cap) {
		size_t nc = px->guid_cap ? px->guid_cap * 2 : 256;
		void *ni = realloc(px->guid_src, nc * sizeof *px->guid_src);
		if (ni == NULL)
			return false;
		px->guid_src = ni;
		px->guid_cap = nc;
	}
	at = strmap_put(px->guids, guid, (long)px->nguid);
	if (at == -2)
		return false;
	if ((size_t)at == px->nguid) {
		memcpy(px->guid_src[px->nguid++], src, sizeof px->guid_src[0]);
		return true;
	}
	WARN_SOME(px, dup_guids, "%s.seat_guid: \"%.40s\" is also the GUID of "
		  "zones[%u].rows[%u].seats[%u] (kept both; GUIDs are not used for tickets)",
		  path, guid, (unsigned)px->guid_src[at][0], (unsigned)px->guid_src[at][1],
		  (unsigned)px->guid_src[at][2]);
	return true;
}

/* The seat's category index, -1 for none (unknown names warned about once
 * each), -2 on error. */
static int seat_category(struct px *px, const cJSON *js, const char *path, struct err *e)
{
	const char *cat = NULL;
	int idx;

	if (!json_in_string(js, path, "category", false, &cat, e))
		return -2;
	if (cat == NULL || cat[0] == '\0')
		return -1;
	idx = venue_find_category(px->v, cat);
	if (idx >= 0)
		return idx;
	if (px->bad_cats == NULL && (px->bad_cats = strmap_new()) == NULL)
		return NOMEM(e), -2;
	if (strmap_get(px->bad_cats, cat) >= 0)
		return -1;
	if (strmap_put(px->bad_cats, cat, 0) == -2)
		return NOMEM(e), -2;
	venue_msgs_add(px->warn, "%s.category: \"%.60s\" is not one of the plan's categories "
		       "(seats with it get no category)", path, cat);
	return -1;
}

struct row_ctx {
	struct venue_row *row;
	const char *seat_label;     /* template, may be NULL */
	struct point origin;        /* zone + row position */
	uint32_t src[3];
};

static bool read_seat(struct px *px, struct row_ctx *rc, const cJSON *js, const char *path,
		      struct err *e)
{
	char num[VENUE_LABEL_SIZE * 4], p[JSON_PATH_SIZE];
	const char *guid = NULL;
	struct venue_seat *seat;
	struct point pos;
	bool present;
	int cat;

	if (!cJSON_IsObject(js))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(js));
	count_unknown(px, js, path, seat_keys);
	if (!get_label_text(js, path, "seat_number", true, num, sizeof num, &present, e) ||
	    !get_point(px, js, path, "position", true, &pos, e) ||
	    !json_in_string(js, path, "seat_guid", false, &guid, e))
		return false;
	if ((cat = seat_category(px, js, path, e)) == -2)
		return false;
	if ((seat = venue_row_add_seat(rc->row, e)) == NULL)
		return false;
	json_in_path(p, sizeof p, path, rc->seat_label ? "seat_label" : "seat_number");
	if (!make_label(rc->seat_label, num, p, seat->number, e) ||
	    !place(rc->origin.x + pos.x, rc->origin.y + pos.y, path, &seat->x, &seat->y, e))
		return false;
	seat->category = cat;
	memcpy(seat->src, rc->src, sizeof seat->src);
	if (guid != NULL && guid[0] != '\0' && !note_guid(px, guid, rc->src, path))
		return NOMEM(e);
	if (px->has_size && (seat->x < 0 || seat->y < 0 || seat->x > px->width * 100 ||
			     seat->y > px->height * 100)) {
		char xs[32], ys[32];
		WARN_SOME(px, outside, "%s: at (%s, %s), outside the plan size %g×%g (kept)", path,
			  venue_coord_format(seat->x, xs), venue_coord_format(seat->y, ys),
			  px->width, px->height);
	}
	return true;
}

/* The section for a zone, created when its first seat arrives; a zone with
 * the name of an earlier zone shares its section (tickets name the section,
 * so two sections with one name would be ambiguous). */
static struct venue_section *zone_section(struct px *px, const char *name, const char *path,
					  bool *announced, struct err *e)
{
	int i = venue_find_section(px->v, name);

	if (i >= 0) {
		if (!*announced)
			venue_msgs_add(px->warn, "%s: another zone is also named \"%s\"; their seats "
				       "form one section", path, name);
		*announced = true;
		return &px->v->sections[i];
	}
	*announced = true;
	return venue_add_section(px->v, name, VENUE_NUMBERED, e);
}

struct zone_ctx {
	const char *name;
	const char *path;
	struct point origin;
	uint32_t zi;
	bool announced;
};

static bool read_row(struct px *px, struct zone_ctx *zc, const cJSON *jr, uint32_t ri,
		     struct err *e)
{
	char path[JSON_PATH_SIZE], p[JSON_PATH_SIZE], number[VENUE_LABEL_SIZE * 4];
	char label[VENUE_LABEL_SIZE], rl[VENUE_LABEL_SIZE * 4];
	const cJSON *seats = NULL, *js;
	struct venue_section *s;
	struct row_ctx rc = { NULL, NULL, { 0, 0 }, { zc->zi, ri, 0 } };
	struct point rpos;
	bool have_rl, have_num;

	json_in_fmt(path, sizeof path, "%s.rows[%u]", zc->path, (unsigned)ri);
	if (!cJSON_IsObject(jr))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(jr));
	count_unknown(px, jr, path, row_keys);
	if (!get_label_text(jr, path, "row_number", false, number, sizeof number, &have_num, e) ||
	    !get_label_text(jr, path, "row_label", false, rl, sizeof rl, &have_rl, e) ||
	    !json_in_string(jr, path, "seat_label", false, &rc.seat_label, e) ||
	    !get_point(px, jr, path, "position", false, &rpos, e) ||
	    !json_in_array(jr, path, "seats", true, &seats, e))
		return false;
	if (!have_num && !have_rl)
		return err_set(e, ERR_INPUT, "%s: missing \"row_number\" (expected a string)", path);
	if (cJSON_GetArraySize(seats) == 0) {
		venue_msgs_add(px->warn, "%s.seats: a row without seats (skipped)", path);
		return true;
	}
	json_in_path(p, sizeof p, path, have_rl && rl[0] ? "row_label" : "row_number");
	if (!make_label(have_rl ? rl : NULL, number, p, label, e))
		return false;
	if ((s = zone_section(px, zc->name, zc->path, &zc->announced, e)) == NULL ||
	    (rc.row = venue_section_row(s, label, e)) == NULL)
		return false;
	rc.origin.x = zc->origin.x + rpos.x;
	rc.origin.y = zc->origin.y + rpos.y;
	cJSON_ArrayForEach(js, seats) {
		json_in_fmt(p, sizeof p, "%s.seats[%u]", path, (unsigned)rc.src[2]);
		if (!read_seat(px, &rc, js, p, e))
			return false;
		rc.src[2]++;
	}
	return true;
}

/* ---- areas → decorations ------------------------------------------------ */

static void lower_ascii_and_accents(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (const unsigned char *s = (const unsigned char *)in; *s != '\0' && n + 2 < size; s++) {
		/* Ü È É À → ü è é à: the capitals of the accented stage words. */
		if (s[0] == 0xC3 && (s[1] == 0x9C || s[1] == 0x88 || s[1] == 0x89 || s[1] == 0x80)) {
			out[n++] = (char)0xC3;
			out[n++] = (char)(s[1] + 0x20);
			s++;
			continue;
		}
		out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
	}
	out[n] = '\0';
}

bool pretix_says_stage(const char *text)
{
	static const char *const words[] = { "stage", "b\xc3\xbchne", "buehne", "sc\xc3\xa8ne",
					     "podium", "scena", "palco", "escenario", "sc\xc3\xa9na",
					     "estrade", NULL };
	char low[512];

	lower_ascii_and_accents(text, low, sizeof low);
	for (size_t i = 0; words[i] != NULL; i++)
		if (strstr(low, words[i]) != NULL)
			return true;
	return false;
}

/* Optional text for a decoration: dropped with a warning when it breaks the
 * native rules (a decoration's words are not worth refusing a plan for). */
static char *keep_text(struct px *px, const char *s, size_t max, const char *path)
{
	struct err e;
	char *copy;

	if (s == NULL || s[0] == '\0')
		return NULL;
	if (!venue_text_check(s, max, path, &e)) {
		venue_msgs_add(px->warn, "%s (dropped)", e.msg);
		return NULL;
	}
	copy = strdup(s);
	if (copy == NULL)
		venue_msgs_add(px->warn, "%s: out of memory (dropped)", path);
	return copy;
}

/* Colours other than #hex ("red", "rgb(…)") are dropped: the seat map
 * draws the decoration in its default colour. */
static char *keep_color(struct px *px, const char *s, const char *path)
{
	struct err e;
	char *copy;

	if (s == NULL || s[0] == '\0')
		return NULL;
	if (!venue_color_check(s, path, &e)) {
		venue_msgs_add(px->warn, "%s (dropped)", e.msg);
		return NULL;
	}
	if ((copy = strdup(s)) == NULL)
		venue_msgs_add(px->warn, "%s: out of memory (dropped)", path);
	return copy;
}

struct area {
	const char *path;
	const cJSON *js;
	struct point at;    /* zone + area position */
	double rotation;    /* degrees clockwise */
	const char *shape;
};

static bool coord(double d, int64_t *out, const char *path, struct err *e)
{
	if (!venue_coord_from_double(d, out))
		return err_set(e, ERR_INPUT, "%s: a size or position beyond ±99999999", path);
	return true;
}

/* The geometry object of the area's shape ("rectangle": {...}), or NULL
 * with a warning that the area is skipped. */
static const cJSON *shape_obj(struct px *px, const struct area *a, struct err *e, bool *ok)
{
	const cJSON *o = NULL;

	*ok = json_in_object(a->js, a->path, a->shape, false, &o, e);
	if (*ok && o == NULL)
		venue_msgs_add(px->warn, "%s: a %s without \"%s\" (skipped)", a->path, a->shape,
			       a->shape);
	return o;
}

static bool area_rectangle(struct px *px, const struct area *a, struct venue_decoration *d,
			   bool *skip, struct err *e)
{
	bool ok;
	const cJSON *o = shape_obj(px, a, e, &ok);
	double w = 0, h = 0, th = a->rotation * M_PI / 180, ox, oy;
	char p[JSON_PATH_SIZE];

	if ((*skip = o == NULL))
		return ok;
	json_in_path(p, sizeof p, a->path, "rectangle");
	if (!json_in_number(o, p, "width", true, &w, NULL, e) ||
	    !json_in_number(o, p, "height", true, &h, NULL, e))
		return false;
	/* A rectangle drawn leftwards or upwards has a negative size: move the
	 * corner (along the rotated axes) so the size is positive. */
	ox = (w < 0 ? w : 0), oy = (h < 0 ? h : 0);
	d->shape = VENUE_SHAPE_RECTANGLE;
	return coord(a->at.x + ox * cos(th) - oy * sin(th), &d->x, a->path, e) &&
	       coord(a->at.y + ox * sin(th) + oy * cos(th), &d->y, a->path, e) &&
	       coord(fabs(w), &d->width, p, e) && coord(fabs(h), &d->height, p, e) &&
	       coord(a->rotation, &d->rotation, a->path, e);
}

static bool area_round(struct px *px, const struct area *a, struct venue_decoration *d,
		       bool *skip, struct err *e)
{
	bool ok, circle = strcmp(a->shape, "circle") == 0;
	const cJSON *o = shape_obj(px, a, e, &ok);
	char p[JSON_PATH_SIZE];
	struct point r = { 0, 0 };
	double rad = 0;

	if ((*skip = o == NULL))
		return ok;
	json_in_path(p, sizeof p, a->path, a->shape);
	if (!coord(a->at.x, &d->x, a->path, e) || !coord(a->at.y, &d->y, a->path, e))
		return false;
	if (circle) {
		d->shape = VENUE_SHAPE_CIRCLE;
		return json_in_number(o, p, "radius", true, &rad, NULL, e) &&
		       coord(fabs(rad), &d->radius, p, e);
	}
	d->shape = VENUE_SHAPE_ELLIPSE;
	return get_point(px, o, p, "radius", true, &r, e) && coord(fabs(r.x), &d->rx, p, e) &&
	       coord(fabs(r.y), &d->ry, p, e) && coord(a->rotation, &d->rotation, a->path, e);
}

/* Polygon points are relative to the area's position and turn with its
 * rotation; the native polygon has absolute points and no rotation. */
static bool area_polygon(struct px *px, const struct area *a, struct venue_decoration *d,
			 bool *skip, struct err *e)
{
	bool ok;
	const cJSON *o = shape_obj(px, a, e, &ok), *pts = NULL, *pt;
	double th = a->rotation * M_PI / 180;
	char p[JSON_PATH_SIZE], pp[JSON_PATH_SIZE];
	size_t i = 0;
	int n;

	if ((*skip = o == NULL))
		return ok;
	json_in_path(p, sizeof p, a->path, "polygon");
	if (!json_in_array(o, p, "points", true, &pts, e))
		return false;
	if ((n = cJSON_GetArraySize(pts)) < 3) {
		venue_msgs_add(px->warn, "%s.points: fewer than 3 points (skipped)", p);
		return (*skip = true);
	}
	if ((d->points = malloc((size_t)n * 2 * sizeof *d->points)) == NULL)
		return NOMEM(e);
	d->shape = VENUE_SHAPE_POLYGON;
	cJSON_ArrayForEach(pt, pts) {
		struct point q;
		json_in_fmt(pp, sizeof pp, "%s.points[%zu]", p, i);
		if (!cJSON_IsObject(pt))
			return err_set(e, ERR_INPUT, "%s: expected an object, got %s", pp,
				       json_in_type(pt));
		count_unknown(px, pt, pp, pos_keys);
		if (!json_in_number(pt, pp, "x", true, &q.x, NULL, e) ||
		    !json_in_number(pt, pp, "y", true, &q.y, NULL, e) ||
		    !coord(a->at.x + q.x * cos(th) - q.y * sin(th), &d->points[2 * i], pp, e) ||
		    !coord(a->at.y + q.x * sin(th) + q.y * cos(th), &d->points[2 * i + 1], pp, e))
			return false;
		d->npoints = ++i;
	}
	return true;
}

/* The area's text object: words, colour, and (for a text area) where. */
static bool area_text(struct px *px, const struct area *a, struct venue_decoration *d,
		      const char **color, struct err *e)
{
	const cJSON *t = NULL;
	const char *words = NULL;
	char p[JSON_PATH_SIZE], tp[JSON_PATH_SIZE];
	struct point at;

	if (!json_in_object(a->js, a->path, "text", false, &t, e))
		return false;
	if (t == NULL)
		return true;
	json_in_path(p, sizeof p, a->path, "text");
	count_unknown(px, t, p, text_keys);
	if (!json_in_string(t, p, "text", false, &words, e) ||
	    !json_in_string(t, p, "color", false, color, e) ||
	    !get_point(px, t, p, "position", false, &at, e))
		return false;
	json_in_path(tp, sizeof tp, p, "text");
	d->text = keep_text(px, words, VENUE_NAME_CHARS, tp);
	if (d->shape == VENUE_SHAPE_NONE)
		return coord(a->at.x + at.x, &d->x, p, e) && coord(a->at.y + at.y, &d->y, p, e);
	return true;
}

static bool area_geometry(struct px *px, const struct area *a, struct venue_decoration *d,
			  bool *skip, struct err *e)
{
	*skip = false;
	if (strcmp(a->shape, "rectangle") == 0)
		return area_rectangle(px, a, d, skip, e);
	if (strcmp(a->shape, "circle") == 0 || strcmp(a->shape, "ellipse") == 0)
		return area_round(px, a, d, skip, e);
	if (strcmp(a->shape, "polygon") == 0)
		return area_polygon(px, a, d, skip, e);
	if (strcmp(a->shape, "text") == 0)
		return true;
	venue_msgs_add(px->warn, "%s.shape: unknown shape \"%.40s\" (skipped)", a->path, a->shape);
	return (*skip = true);
}

static bool read_area(struct px *px, const struct zone_ctx *zc, const cJSON *ja, const char *path,
		      struct err *e)
{
	struct area a = { path, ja, { 0, 0 }, 0, "text" };
	const char *area_color = NULL, *text_color = NULL;
	struct venue_decoration *d;
	struct point pos;
	bool skip, ok, use_text_color;
	char cp[JSON_PATH_SIZE];

	if (!cJSON_IsObject(ja))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(ja));
	count_unknown(px, ja, path, area_keys);
	if (!json_in_string(ja, path, "shape", false, &a.shape, e) ||
	    !json_in_number(ja, path, "rotation", false, &a.rotation, NULL, e) ||
	    !json_in_string(ja, path, "color", false, &area_color, e) ||
	    !get_point(px, ja, path, "position", false, &pos, e))
		return false;
	a.at.x = zc->origin.x + pos.x;
	a.at.y = zc->origin.y + pos.y;
	if (!isfinite(a.rotation))
		a.rotation = 0;
	if ((d = venue_add_decoration(px->v, e)) == NULL)
		return false;
	ok = area_geometry(px, &a, d, &skip, e);
	if (ok && !skip)
		ok = area_text(px, &a, d, &text_color, e);
	if (!ok || skip) {
		free(d->points);
		free(d->text);
		px->v->ndecorations--; /* the last one is this area's */
		return ok;
	}
	/* an area saying "stage" marks the front, drawn or only written */
	d->kind = d->text != NULL && pretix_says_stage(d->text) ? VENUE_DECO_STAGE
		  : d->shape == VENUE_SHAPE_NONE		 ? VENUE_DECO_TEXT
								 : VENUE_DECO_SHAPE;
	if (d->shape == VENUE_SHAPE_NONE && d->text == NULL) {
		venue_msgs_add(px->warn, "%s: a text area without text (skipped)", path);
		free(d->text);
		px->v->ndecorations--;
		return true;
	}
	use_text_color = d->shape == VENUE_SHAPE_NONE && text_color != NULL;
	json_in_path(cp, sizeof cp, path, use_text_color ? "text.color" : "color");
	d->color = keep_color(px, use_text_color ? text_color : area_color, cp);
	return true;
}

/* ---- zones, categories, the plan ---------------------------------------- */

static bool zone_name(struct px *px, const cJSON *jz, const char *path, uint32_t zi, char *buf,
		      size_t size, struct err *e)
{
	const char *name = NULL, *id = NULL;
	char p[JSON_PATH_SIZE];

	if (!json_in_string(jz, path, "name", false, &name, e) ||
	    !json_in_string(jz, path, "zone_id", false, &id, e))
		return false;
	if (name != NULL && name[0] != '\0') {
		json_in_path(p, sizeof p, path, "name");
	} else if (id != NULL && id[0] != '\0') {
		json_in_path(p, sizeof p, path, "zone_id");
		name = id;
	} else {
		snprintf(buf, size, "Zone %u", (unsigned)zi + 1);
		return true;
	}
	snprintf(buf, size, "%s", name);
	(void)px;
	return venue_text_check(name, VENUE_NAME_CHARS, p, e);
}

static bool read_zone(struct px *px, const cJSON *jz, uint32_t zi, struct err *e)
{
	char path[JSON_PATH_SIZE], name[VENUE_NAME_CHARS * 4 + 1], p[JSON_PATH_SIZE];
	struct zone_ctx zc = { name, path, { 0, 0 }, zi, false };
	const cJSON *rows = NULL, *areas = NULL, *it;
	uint32_t i = 0;

	json_in_fmt(path, sizeof path, "zones[%u]", (unsigned)zi);
	if (!cJSON_IsObject(jz))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(jz));
	count_unknown(px, jz, path, zone_keys);
	if (!zone_name(px, jz, path, zi, name, sizeof name, e) ||
	    !get_point(px, jz, path, "position", false, &zc.origin, e) ||
	    !json_in_array(jz, path, "rows", false, &rows, e) ||
	    !json_in_array(jz, path, "areas", false, &areas, e))
		return false;
	cJSON_ArrayForEach(it, rows)
		if (!read_row(px, &zc, it, i++, e))
			return false;
	i = 0;
	cJSON_ArrayForEach(it, areas) {
		json_in_fmt(p, sizeof p, "%s.areas[%u]", path, (unsigned)i++);
		if (!read_area(px, &zc, it, p, e))
			return false;
	}
	return true;
}

static bool read_categories(struct px *px, const cJSON *root, struct err *e)
{
	const cJSON *arr = NULL, *c;
	char path[JSON_PATH_SIZE], p[JSON_PATH_SIZE];
	size_t i = 0;

	if (!json_in_array(root, "", "categories", false, &arr, e))
		return false;
	cJSON_ArrayForEach(c, arr) {
		const char *name = NULL, *color = NULL;
		char *keep;
		json_in_fmt(path, sizeof path, "categories[%zu]", i++);
		if (!cJSON_IsObject(c))
			return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path,
				       json_in_type(c));
		count_unknown(px, c, path, cat_keys);
		if (!json_in_string(c, path, "name", true, &name, e) ||
		    !json_in_string(c, path, "color", false, &color, e))
			return false;
		json_in_path(p, sizeof p, path, "name");
		if (!venue_text_check(name, VENUE_NAME_CHARS, p, e))
			return false;
		if (venue_find_category(px->v, name) >= 0) {
			WARN_SOME(px, dup_cats, "%s: the category \"%s\" is listed twice (the first "
				  "one is kept)", path, name);
			continue;
		}
		json_in_path(p, sizeof p, path, "color");
		keep = keep_color(px, color, p);
		if (venue_add_category(px->v, name, keep, e) == NULL) {
			free(keep);
			return false;
		}
		free(keep);
	}
	return true;
}

static bool read_head(struct px *px, const cJSON *root, struct err *e)
{
	const cJSON *size = NULL;
	const char *name = NULL;
	struct err ne;

	if (!json_in_string(root, "", "name", false, &name, e) ||
	    !json_in_object(root, "", "size", false, &size, e))
		return false;
	if (name != NULL && !venue_text_check(name, VENUE_NAME_CHARS, "name", &ne))
		venue_msgs_add(px->warn, "%s (give the venue a name with --name)", ne.msg);
	else if (name != NULL && !venue_set_name(px->v, name, e))
		return false;
	if (size == NULL)
		return true;
	count_unknown(px, size, "size", size_keys);
	if (!json_in_number(size, "size", "width", true, &px->width, NULL, e) ||
	    !json_in_number(size, "size", "height", true, &px->height, NULL, e))
		return false;
	if (!isfinite(px->width) || !isfinite(px->height) || px->width <= 0 || px->height <= 0 ||
	    !venue_coord_from_double(px->width, &px->v->width) ||
	    !venue_coord_from_double(px->height, &px->v->height)) {
		venue_msgs_add(px->warn, "size: not a usable plan size (ignored)");
		return true;
	}
	px->has_size = px->v->has_size = true;
	return true;
}

/* Counted warnings, summarised once. */
static void finish(struct px *px)
{
	if (px->dup_guids > EACH_WARNING_MAX)
		venue_msgs_add(px->warn, "… and %zu more seats with a duplicate seat_guid",
			       px->dup_guids - EACH_WARNING_MAX);
	if (px->outside > EACH_WARNING_MAX)
		venue_msgs_add(px->warn, "… and %zu more seats outside the plan size",
			       px->outside - EACH_WARNING_MAX);
	if (px->dup_cats > EACH_WARNING_MAX)
		venue_msgs_add(px->warn, "… and %zu more duplicate categories",
			       px->dup_cats - EACH_WARNING_MAX);
	if (px->ignored > 0)
		venue_msgs_add(px->warn, "ignored %zu field%s the pretix format does not define "
			       "(first: %s)", px->ignored, px->ignored == 1 ? "" : "s",
			       px->first_ignored);
}

bool pretix_read(const cJSON *root, struct venue **out, struct venue_msgs *warn,
		 struct err *e)
{
	struct px px;
	const cJSON *zones = NULL, *jz;
	uint32_t zi = 0;
	bool ok;

	memset(&px, 0, sizeof px);
	px.warn = warn;
	*out = NULL;
	if (!cJSON_IsObject(root))
		return err_set(e, ERR_INPUT, "(top level): expected an object, got %s",
			       json_in_type(root));
	if ((px.v = venue_new(e)) == NULL)
		return false;
	px.v->src = "zones";
	count_unknown(&px, root, "", root_keys);
	ok = read_head(&px, root, e) && read_categories(&px, root, e) &&
	     json_in_array(root, "", "zones", true, &zones, e);
	if (ok && cJSON_GetArraySize(zones) == 0)
		ok = err_set(e, ERR_INPUT, "zones: expected at least one zone");
	if (ok)
		cJSON_ArrayForEach(jz, zones)
			if (!(ok = read_zone(&px, jz, zi++, e)))
				break;
	if (ok)
		finish(&px);
	strmap_free(&px.guids);
	strmap_free(&px.bad_cats);
	free(px.guid_src);
	if (!ok) {
		venue_free(&px.v);
		return false;
	}
	*out = px.v;
	return true;
}

bool pretix_parse(const char *text, size_t len, struct venue **out, struct venue_msgs *warn,
		  struct err *e)
{
	cJSON *root = json_in_parse(text, len, e);
	bool ok;

	*out = NULL;
	if (root == NULL)
		return false;
	ok = pretix_read(root, out, warn, e);
	cJSON_Delete(root);
	return ok;
}
