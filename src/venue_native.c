/* venue_native: strict reader and stable writer of boxoffice-venue/1. */
#include "venue_native.h"

#include "json_in.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------- */

/* A coordinate-like number: required or optional (*present), finite, within
 * range, optionally not negative; rounded to hundredths. */
static bool get_coord(const cJSON *obj, const char *path, const char *key, bool required,
		      bool nonneg, int64_t *out, struct err *e)
{
	double d = 0;
	bool present;
	char p[JSON_PATH_SIZE];

	if (!json_in_number(obj, path, key, required, &d, &present, e))
		return false;
	if (!present)
		return true;
	json_in_path(p, sizeof p, path, key);
	if (!venue_coord_from_double(d, out))
		return err_set(e, ERR_INPUT, "%s: expected a number from -99999999 to 99999999", p);
	if (nonneg && *out < 0)
		return err_set(e, ERR_INPUT, "%s: expected a number that is not negative", p);
	return true;
}

/* A required text under key, checked against the length and character rules. */
static bool get_text(const cJSON *obj, const char *path, const char *key, bool required,
		     size_t max_chars, const char **out, struct err *e)
{
	char p[JSON_PATH_SIZE];

	*out = NULL;
	if (!json_in_string(obj, path, key, required, out, e))
		return false;
	json_in_path(p, sizeof p, path, key);
	return *out == NULL || venue_text_check(*out, max_chars, p, e);
}

static bool get_color(const cJSON *obj, const char *path, const char **out, struct err *e)
{
	char p[JSON_PATH_SIZE];

	*out = NULL;
	if (!json_in_string(obj, path, "color", false, out, e))
		return false;
	json_in_path(p, sizeof p, path, "color");
	return *out == NULL || venue_color_check(*out, p, e);
}

static bool read_size(struct venue *v, const cJSON *root, struct err *e)
{
	static const char *const keys[] = { "width", "height", NULL };
	const cJSON *size = NULL;

	if (!json_in_object(root, "", "size", false, &size, e))
		return false;
	if (size == NULL)
		return true;
	v->has_size = true;
	return json_in_only_keys(size, "size", keys, e) &&
	       get_coord(size, "size", "width", true, true, &v->width, e) &&
	       get_coord(size, "size", "height", true, true, &v->height, e);
}

static bool read_categories(struct venue *v, const cJSON *root, struct err *e)
{
	static const char *const keys[] = { "name", "color", NULL };
	const cJSON *arr = NULL, *c;
	char path[JSON_PATH_SIZE];
	size_t i = 0;

	if (!json_in_array(root, "", "categories", false, &arr, e))
		return false;
	cJSON_ArrayForEach(c, arr) {
		const char *name, *color;
		json_in_fmt(path, sizeof path, "categories[%zu]", i++);
		if (!cJSON_IsObject(c))
			return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path,
				       json_in_type(c));
		if (!json_in_only_keys(c, path, keys, e) ||
		    !get_text(c, path, "name", true, VENUE_NAME_CHARS, &name, e) ||
		    !get_color(c, path, &color, e))
			return false;
		if (venue_find_category(v, name) >= 0)
			return err_set(e, ERR_INPUT, "%s.name: the category \"%s\" is listed twice",
				       path, name);
		if (venue_add_category(v, name, color, e) == NULL)
			return false;
	}
	return true;
}

static bool read_seat(struct venue *v, struct venue_row *r, const cJSON *js, const char *path,
		      const uint32_t src[3], struct err *e)
{
	static const char *const keys[] = { "number", "x", "y", "accessible", "category", NULL };
	const char *number, *cat = NULL;
	struct venue_seat *seat;
	int64_t x, y;
	bool acc = false;

	if (!cJSON_IsObject(js))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(js));
	if (!json_in_only_keys(js, path, keys, e) ||
	    !get_text(js, path, "number", true, VENUE_LABEL_CHARS, &number, e) ||
	    !get_coord(js, path, "x", true, false, &x, e) ||
	    !get_coord(js, path, "y", true, false, &y, e) ||
	    !json_in_bool(js, path, "accessible", &acc, e) ||
	    !json_in_string(js, path, "category", false, &cat, e))
		return false;
	if (cat != NULL && venue_find_category(v, cat) < 0)
		return err_set(e, ERR_INPUT, "%s.category: \"%.60s\" is not one of the categories",
			       path, cat);
	if ((seat = venue_row_add_seat(r, e)) == NULL)
		return false;
	snprintf(seat->number, sizeof seat->number, "%s", number);
	seat->x = x;
	seat->y = y;
	seat->accessible = acc;
	seat->category = cat != NULL ? venue_find_category(v, cat) : -1;
	memcpy(seat->src, src, sizeof seat->src);
	return true;
}

static bool read_row(struct venue *v, struct venue_section *s, const cJSON *jr,
		     const char *path, uint32_t si, uint32_t ri, struct err *e)
{
	static const char *const keys[] = { "label", "seats", NULL };
	const cJSON *seats = NULL, *js;
	const char *label;
	struct venue_row *r;
	char p[JSON_PATH_SIZE];
	uint32_t src[3] = { si, ri, 0 };

	if (!cJSON_IsObject(jr))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(jr));
	if (!json_in_only_keys(jr, path, keys, e) ||
	    !get_text(jr, path, "label", true, VENUE_LABEL_CHARS, &label, e) ||
	    !json_in_array(jr, path, "seats", true, &seats, e))
		return false;
	if (cJSON_GetArraySize(seats) == 0)
		return err_set(e, ERR_INPUT, "%s.seats: expected at least one seat", path);
	if ((r = venue_section_row(s, label, e)) == NULL)
		return false;
	cJSON_ArrayForEach(js, seats) {
		json_in_fmt(p, sizeof p, "%s.seats[%u]", path, (unsigned)src[2]);
		if (!read_seat(v, r, js, p, src, e))
			return false;
		src[2]++;
	}
	return true;
}

/* NUMBERED has rows, GENERAL a capacity; each refuses the other's key. */
static bool read_section_body(struct venue *v, struct venue_section *s, const cJSON *js,
			      const char *path, uint32_t si, struct err *e)
{
	static const char *const numbered[] = { "name", "type", "rows", NULL };
	static const char *const general[] = { "name", "type", "capacity", NULL };
	const cJSON *rows = NULL, *jr;
	char p[JSON_PATH_SIZE];
	uint32_t ri = 0;
	double cap = 0;

	if (s->type == VENUE_GENERAL) {
		if (!json_in_only_keys(js, path, general, e) ||
		    !json_in_number(js, path, "capacity", true, &cap, NULL, e))
			return false;
		if (cap != floor(cap) || cap < 0 || cap > (double)VENUE_CAPACITY_MAX)
			return err_set(e, ERR_INPUT, "%s.capacity: expected a whole number from 0 to "
				       "%lld", path, (long long)VENUE_CAPACITY_MAX);
		s->capacity = (int64_t)cap;
		return true;
	}
	if (!json_in_only_keys(js, path, numbered, e) ||
	    !json_in_array(js, path, "rows", true, &rows, e))
		return false;
	if (cJSON_GetArraySize(rows) == 0)
		return err_set(e, ERR_INPUT, "%s.rows: expected at least one row", path);
	cJSON_ArrayForEach(jr, rows) {
		json_in_fmt(p, sizeof p, "%s.rows[%u]", path, (unsigned)ri);
		if (!read_row(v, s, jr, p, si, ri, e))
			return false;
		ri++;
	}
	return true;
}

static bool read_sections(struct venue *v, const cJSON *root, struct err *e)
{
	const cJSON *arr = NULL, *js;
	char path[JSON_PATH_SIZE];
	uint32_t si = 0;

	if (!json_in_array(root, "", "sections", true, &arr, e))
		return false;
	if (cJSON_GetArraySize(arr) == 0)
		return err_set(e, ERR_INPUT, "sections: expected at least one section");
	cJSON_ArrayForEach(js, arr) {
		const char *name, *type;
		struct venue_section *s;
		json_in_fmt(path, sizeof path, "sections[%u]", (unsigned)si);
		if (!cJSON_IsObject(js))
			return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path,
				       json_in_type(js));
		if (!get_text(js, path, "name", true, VENUE_NAME_CHARS, &name, e) ||
		    !json_in_string(js, path, "type", true, &type, e))
			return false;
		if (strcmp(type, "NUMBERED") != 0 && strcmp(type, "GENERAL") != 0)
			return err_set(e, ERR_INPUT, "%s.type: expected \"NUMBERED\" or \"GENERAL\"",
				       path);
		if (venue_find_section(v, name) >= 0)
			return err_set(e, ERR_INPUT, "%s.name: \"%s\" is already the name of another "
				       "section", path, name);
		s = venue_add_section(v, name, type[0] == 'N' ? VENUE_NUMBERED : VENUE_GENERAL, e);
		if (s == NULL || !read_section_body(v, s, js, path, si, e))
			return false;
		si++;
	}
	return true;
}

static bool read_points(struct venue_decoration *d, const cJSON *jd, const char *path,
			struct err *e)
{
	const cJSON *arr = NULL, *pt;
	char p[JSON_PATH_SIZE];
	size_t i = 0;
	int n;

	if (!json_in_array(jd, path, "points", true, &arr, e))
		return false;
	n = cJSON_GetArraySize(arr);
	if (n < 3)
		return err_set(e, ERR_INPUT, "%s.points: expected at least 3 points", path);
	if ((d->points = malloc((size_t)n * 2 * sizeof *d->points)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	cJSON_ArrayForEach(pt, arr) {
		const cJSON *x = cJSON_GetArrayItem(pt, 0), *y = cJSON_GetArrayItem(pt, 1);
		json_in_fmt(p, sizeof p, "%s.points[%zu]", path, i);
		if (!cJSON_IsArray(pt) || cJSON_GetArraySize(pt) != 2 || !cJSON_IsNumber(x) ||
		    !cJSON_IsNumber(y))
			return err_set(e, ERR_INPUT, "%s: expected [x, y] (two numbers)", p);
		if (!venue_coord_from_double(x->valuedouble, &d->points[2 * i]) ||
		    !venue_coord_from_double(y->valuedouble, &d->points[2 * i + 1]))
			return err_set(e, ERR_INPUT, "%s: expected numbers from -99999999 to 99999999",
				       p);
		d->npoints = ++i;
	}
	return true;
}

static const char *const shape_names[] = { NULL, "rectangle", "circle", "ellipse", "polygon" };

/* The geometry keys of each shape (the rest of the decoration is common). */
static bool read_shape(struct venue_decoration *d, const cJSON *jd, const char *path,
		       struct err *e)
{
	static const char *const keys[][10] = {
		{ "kind", "x", "y", "text", "color", NULL },
		{ "kind", "shape", "x", "y", "width", "height", "rotation", "text", "color", NULL },
		{ "kind", "shape", "x", "y", "radius", "text", "color", NULL },
		{ "kind", "shape", "x", "y", "rx", "ry", "rotation", "text", "color", NULL },
		{ "kind", "shape", "points", "text", "color", NULL },
	};
	bool xy = d->shape != VENUE_SHAPE_POLYGON;

	if (!json_in_only_keys(jd, path, keys[d->shape], e))
		return false;
	if (xy && (!get_coord(jd, path, "x", true, false, &d->x, e) ||
		   !get_coord(jd, path, "y", true, false, &d->y, e)))
		return false;
	switch (d->shape) {
	case VENUE_SHAPE_RECTANGLE:
		return get_coord(jd, path, "width", true, true, &d->width, e) &&
		       get_coord(jd, path, "height", true, true, &d->height, e) &&
		       get_coord(jd, path, "rotation", false, false, &d->rotation, e);
	case VENUE_SHAPE_CIRCLE:
		return get_coord(jd, path, "radius", true, true, &d->radius, e);
	case VENUE_SHAPE_ELLIPSE:
		return get_coord(jd, path, "rx", true, true, &d->rx, e) &&
		       get_coord(jd, path, "ry", true, true, &d->ry, e) &&
		       get_coord(jd, path, "rotation", false, false, &d->rotation, e);
	case VENUE_SHAPE_POLYGON:
		return read_points(d, jd, path, e);
	default:
		return true;
	}
}

static bool read_decoration(struct venue *v, const cJSON *jd, const char *path, struct err *e)
{
	const char *kind, *shape = NULL, *text, *color;
	struct venue_decoration *d;
	char *t = NULL, *c = NULL;

	if (!cJSON_IsObject(jd))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(jd));
	if (!json_in_string(jd, path, "kind", true, &kind, e) ||
	    !json_in_string(jd, path, "shape", false, &shape, e) ||
	    !get_text(jd, path, "text", false, VENUE_NAME_CHARS, &text, e) ||
	    !get_color(jd, path, &color, e))
		return false;
	bool is_stage = strcmp(kind, "stage") == 0, is_shape = strcmp(kind, "shape") == 0,
	     is_text = strcmp(kind, "text") == 0;

	if (!is_stage && !is_shape && !is_text)
		return err_set(e, ERR_INPUT, "%s.kind: expected \"stage\", \"shape\" or \"text\"", path);
	if (is_text && shape != NULL)
		return err_set(e, ERR_INPUT, "%s.shape: a text decoration has no shape", path);
	if (is_shape && shape == NULL)
		return err_set(e, ERR_INPUT, "%s: missing \"shape\" (expected \"rectangle\", "
			       "\"circle\", \"ellipse\" or \"polygon\")", path);
	/* a stage may be only a word on the plan: it still tells where the front is */
	if (shape == NULL && text == NULL)
		return err_set(e, ERR_INPUT, "%s: missing \"text\" (expected a string)", path);
	if ((d = venue_add_decoration(v, e)) == NULL)
		return false;
	d->kind = is_stage ? VENUE_DECO_STAGE : is_shape ? VENUE_DECO_SHAPE : VENUE_DECO_TEXT;
	for (int i = 1; shape != NULL && i <= VENUE_SHAPE_POLYGON; i++)
		if (strcmp(shape, shape_names[i]) == 0)
			d->shape = (enum venue_shape)i;
	if (shape != NULL && d->shape == VENUE_SHAPE_NONE)
		return err_set(e, ERR_INPUT, "%s.shape: expected \"rectangle\", \"circle\", "
			       "\"ellipse\" or \"polygon\"", path);
	if ((text != NULL && (t = strdup(text)) == NULL) ||
	    (color != NULL && (c = strdup(color)) == NULL)) {
		free(t);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	d->text = t;
	d->color = c;
	return read_shape(d, jd, path, e);
}

static bool read_decorations(struct venue *v, const cJSON *root, struct err *e)
{
	const cJSON *arr = NULL, *jd;
	char path[JSON_PATH_SIZE];
	size_t i = 0;

	if (!json_in_array(root, "", "decorations", false, &arr, e))
		return false;
	cJSON_ArrayForEach(jd, arr) {
		json_in_fmt(path, sizeof path, "decorations[%zu]", i++);
		if (!read_decoration(v, jd, path, e))
			return false;
	}
	return true;
}

bool venue_native_detect(const cJSON *root)
{
	return cJSON_IsObject(root) && cJSON_GetObjectItemCaseSensitive(root, "format") != NULL;
}

bool venue_native_read(const cJSON *root, struct venue **out, struct err *e)
{
	static const char *const keys[] = { "format", "name", "address", "size", "categories",
					    "sections", "decorations", NULL };
	const char *format, *name, *address;
	struct venue *v;

	*out = NULL;
	if (!cJSON_IsObject(root))
		return err_set(e, ERR_INPUT, "(top level): expected an object, got %s",
			       json_in_type(root));
	if (!json_in_only_keys(root, "", keys, e) ||
	    !json_in_string(root, "", "format", true, &format, e))
		return false;
	if (strcmp(format, VENUE_FORMAT) != 0)
		return err_set(e, ERR_INPUT, "format: expected \"%s\", got \"%.40s\"", VENUE_FORMAT,
			       format);
	if (!get_text(root, "", "name", true, VENUE_NAME_CHARS, &name, e) ||
	    !get_text(root, "", "address", false, VENUE_ADDRESS_CHARS, &address, e))
		return false;
	if ((v = venue_new(e)) == NULL)
		return false;
	if (venue_set_name(v, name, e) &&
	    (address == NULL || (v->address = strdup(address)) != NULL ||
	     err_set(e, ERR_NOMEM, "Out of memory.")) &&
	    read_size(v, root, e) && read_categories(v, root, e) && read_sections(v, root, e) &&
	    read_decorations(v, root, e) && venue_validate(v, e)) {
		*out = v;
		return true;
	}
	venue_free(&v);
	return false;
}

bool venue_native_parse(const char *text, size_t len, struct venue **out, struct err *e)
{
	cJSON *root = json_in_parse(text, len, e);
	bool ok;

	*out = NULL;
	if (root == NULL)
		return false;
	ok = venue_native_read(root, out, e);
	cJSON_Delete(root);
	return ok;
}

/* ---- writing ---------------------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
	bool nomem;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->nomem)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		char *np;
		while (nc < b->len + n + 1)
			nc *= 2;
		if ((np = realloc(b->p, nc)) == NULL) {
			b->nomem = true;
			return;
		}
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* A JSON string: quotes, backslash and control characters escaped; UTF-8
 * passes through (it was validated on the way in). */
static void put_str(struct buf *b, const char *s)
{
	char esc[8];

	put(b, "\"", 1);
	for (const char *run = s;; s++) {
		unsigned char c = (unsigned char)*s;
		if (c != '\0' && c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(b, run, (size_t)(s - run));
		if (c == '\0')
			break;
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof esc, "\\%c", c);
		else
			snprintf(esc, sizeof esc, "\\u%04x", c);
		puts_(b, esc);
		run = s + 1;
	}
	put(b, "\"", 1);
}

/* , "key": <coordinate> */
static void put_coord(struct buf *b, const char *key, int64_t c)
{
	char num[32];

	puts_(b, ", \"");
	puts_(b, key);
	puts_(b, "\": ");
	puts_(b, venue_coord_format(c, num));
}

/* , "key": "text" — only when text is set. */
static void put_opt_str(struct buf *b, const char *key, const char *s)
{
	if (s == NULL)
		return;
	puts_(b, ", \"");
	puts_(b, key);
	puts_(b, "\": ");
	put_str(b, s);
}

static void write_seat(struct buf *b, const struct venue *v, const struct venue_seat *s)
{
	puts_(b, "{\"number\": ");
	put_str(b, s->number);
	put_coord(b, "x", s->x);
	put_coord(b, "y", s->y);
	if (s->accessible)
		puts_(b, ", \"accessible\": true");
	if (s->category >= 0)
		put_opt_str(b, "category", v->categories[s->category].name);
	puts_(b, "}");
}

static void write_section(struct buf *b, const struct venue *v, const struct venue_section *s)
{
	char num[32];

	puts_(b, "    {\"name\": ");
	put_str(b, s->name);
	if (s->type == VENUE_GENERAL) {
		snprintf(num, sizeof num, "%lld", (long long)s->capacity);
		puts_(b, ", \"type\": \"GENERAL\", \"capacity\": ");
		puts_(b, num);
		puts_(b, "}");
		return;
	}
	puts_(b, ", \"type\": \"NUMBERED\", \"rows\": [\n");
	for (size_t r = 0; r < s->nrows; r++) {
		puts_(b, "      {\"label\": ");
		put_str(b, s->rows[r].label);
		puts_(b, ", \"seats\": [\n");
		for (size_t k = 0; k < s->rows[r].nseats; k++) {
			puts_(b, "        ");
			write_seat(b, v, &s->rows[r].seats[k]);
			puts_(b, k + 1 < s->rows[r].nseats ? ",\n" : "\n");
		}
		puts_(b, r + 1 < s->nrows ? "      ]},\n" : "      ]}\n");
	}
	puts_(b, "    ]}");
}

static void write_decoration(struct buf *b, const struct venue_decoration *d)
{
	static const char *const kinds[] = { "stage", "shape", "text" };

	puts_(b, "    {\"kind\": ");
	put_str(b, kinds[d->kind]);
	put_opt_str(b, "shape", shape_names[d->shape]);
	if (d->shape != VENUE_SHAPE_POLYGON) {
		put_coord(b, "x", d->x);
		put_coord(b, "y", d->y);
	}
	if (d->shape == VENUE_SHAPE_RECTANGLE) {
		put_coord(b, "width", d->width);
		put_coord(b, "height", d->height);
	} else if (d->shape == VENUE_SHAPE_CIRCLE) {
		put_coord(b, "radius", d->radius);
	} else if (d->shape == VENUE_SHAPE_ELLIPSE) {
		put_coord(b, "rx", d->rx);
		put_coord(b, "ry", d->ry);
	}
	if (d->shape == VENUE_SHAPE_RECTANGLE || d->shape == VENUE_SHAPE_ELLIPSE)
		put_coord(b, "rotation", d->rotation);
	if (d->shape == VENUE_SHAPE_POLYGON) {
		char num[32];
		puts_(b, ", \"points\": [");
		for (size_t i = 0; i < d->npoints; i++) {
			puts_(b, i ? ", [" : "[");
			puts_(b, venue_coord_format(d->points[2 * i], num));
			puts_(b, ", ");
			puts_(b, venue_coord_format(d->points[2 * i + 1], num));
			puts_(b, "]");
		}
		puts_(b, "]");
	}
	put_opt_str(b, "text", d->text);
	put_opt_str(b, "color", d->color);
	puts_(b, "}");
}

static void write_head(struct buf *b, const struct venue *v)
{
	puts_(b, "{\n  \"format\": \"" VENUE_FORMAT "\",\n  \"name\": ");
	put_str(b, v->name);
	if (v->address != NULL) {
		puts_(b, ",\n  \"address\": ");
		put_str(b, v->address);
	}
	if (v->has_size) {
		puts_(b, ",\n  \"size\": {\"width\": ");
		char num[32];
		puts_(b, venue_coord_format(v->width, num));
		puts_(b, ", \"height\": ");
		puts_(b, venue_coord_format(v->height, num));
		puts_(b, "}");
	}
	puts_(b, ",\n  \"categories\": [");
	for (size_t i = 0; i < v->ncategories; i++) {
		puts_(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		put_str(b, v->categories[i].name);
		put_opt_str(b, "color", v->categories[i].color);
		puts_(b, "}");
	}
	puts_(b, v->ncategories ? "\n  ],\n" : "],\n");
}

char *venue_native_write(const struct venue *v, size_t *len, struct err *e)
{
	struct buf b = { NULL, 0, 0, false };

	if (v->name == NULL) {
		err_set(e, ERR_INPUT, "name: the venue has no name");
		return NULL;
	}
	write_head(&b, v);
	puts_(&b, "  \"sections\": [\n");
	for (size_t i = 0; i < v->nsections; i++) {
		write_section(&b, v, &v->sections[i]);
		puts_(&b, i + 1 < v->nsections ? ",\n" : "\n");
	}
	puts_(&b, "  ],\n  \"decorations\": [");
	for (size_t i = 0; i < v->ndecorations; i++) {
		puts_(&b, i ? ",\n" : "\n");
		write_decoration(&b, &v->decorations[i]);
	}
	puts_(&b, v->ndecorations ? "\n  ]\n}\n" : "]\n}\n");
	if (b.nomem) {
		free(b.p);
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	if (len != NULL)
		*len = b.len;
	return b.p;
}
