/* json_in: limits before parsing, positions in errors, typed getters. */
#include "json_in.h"

#include "venue.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Line and column (1-based, columns in characters) of byte offset off. */
static void line_col(const char *text, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

static bool at_error(const char *text, size_t off, struct err *e, const char *what)
{
	size_t line, col;

	line_col(text, off, &line, &col);
	return err_set(e, ERR_INPUT, "line %zu, column %zu: %s", line, col, what);
}

/* One pass over the bytes, outside strings counting [ and { depth, inside
 * strings looking for \u0000 and raw NUL bytes. Cheap, and it keeps cJSON's
 * recursion (and ours over the tree) bounded. */
static bool prescan(const char *t, size_t len, bool *open_at_end, struct err *e)
{
	int depth = 0;
	bool in_str = false;

	for (size_t i = 0; i < len; i++) {
		char c = t[i];
		if (c == '\0')
			return at_error(t, i, e, "a NUL byte (this is not a JSON text file)");
		if (in_str) {
			if (c == '\\' && i + 1 < len) {
				if (t[i + 1] == 'u' && len - i >= 6 && memcmp(t + i + 2, "0000", 4) == 0)
					return at_error(t, i, e, "\\u0000 (NUL) is not allowed in text");
				i++;
			} else if (c == '"') {
				in_str = false;
			}
			continue;
		}
		if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > JSON_IN_MAX_DEPTH) {
				char what[80];
				snprintf(what, sizeof what, "nested deeper than %d levels",
					 JSON_IN_MAX_DEPTH);
				return at_error(t, i, e, what);
			}
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	*open_at_end = in_str || depth > 0;
	return true;
}

/* A step of the way down the tree; the path text is only built when an
 * error needs it (this check visits every value of an 80,000-seat plan). */
struct frame {
	const struct frame *up;
	const char *key; /* NULL: an array element */
	size_t index;
};

static void frame_path(const struct frame *f, char *buf, size_t size)
{
	char tail[JSON_PATH_SIZE];

	if (f == NULL) {
		buf[0] = '\0';
		return;
	}
	frame_path(f->up, buf, size);
	json_in_fmt(tail, sizeof tail, "%s", buf);
	if (f->key != NULL)
		json_in_path(buf, size, tail, f->key);
	else
		json_in_fmt(buf, size, "%s[%zu]", tail, f->index);
}

static bool utf8_error(const struct frame *f, const char *what, struct err *e)
{
	char path[JSON_PATH_SIZE];

	frame_path(f, path, sizeof path);
	return err_set(e, ERR_INPUT, "%s: %s", path[0] ? path : "(top level)", what);
}

/* Every key and string value must be UTF-8; the path says which. Depth is
 * bounded by prescan, so the recursion is too. */
static bool check_utf8(const cJSON *item, const struct frame *f, struct err *e)
{
	struct frame child = { f, NULL, 0 };

	if (cJSON_IsString(item) && !venue_utf8_valid(item->valuestring, strlen(item->valuestring)))
		return utf8_error(f, "expected UTF-8 text (invalid byte sequence)", e);
	for (const cJSON *c = item->child; c != NULL; c = c->next, child.index++) {
		if (!cJSON_IsArray(item)) {
			if (!venue_utf8_valid(c->string, strlen(c->string)))
				return utf8_error(f, "a key is not UTF-8 text", e);
			child.key = c->string;
		}
		if (!check_utf8(c, &child, e))
			return false;
	}
	return true;
}

/* JSON's whitespace (strchr would also match the NUL byte). */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

cJSON *json_in_parse(const char *text, size_t len, struct err *e)
{
	const char *end = NULL;
	cJSON *root;
	size_t skip = 0;
	bool open_at_end = false;

	if (len > JSON_IN_MAX_BYTES) {
		err_set(e, ERR_INPUT, "the file is %zu bytes; the limit is %zu bytes (64 MiB)", len,
			JSON_IN_MAX_BYTES);
		return NULL;
	}
	while (skip < len && is_space(text[skip]))
		skip++;
	if (skip == len) {
		err_set(e, ERR_INPUT, "the file is empty (expected a JSON object)");
		return NULL;
	}
	if (!prescan(text, len, &open_at_end, e))
		return NULL;
	root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root == NULL) {
		size_t off = end != NULL && end >= text && end <= text + len ? (size_t)(end - text)
									       : len;
		/* cJSON points at the last byte or past it when the text stops
		 * inside a string, array or object. */
		if (off + 1 >= len && open_at_end)
			at_error(text, len, e, "the JSON ends too early (truncated file?)");
		else
			at_error(text, off, e, "not valid JSON here");
		return NULL;
	}
	/* cJSON stops after the first value; anything but space after it means
	 * the file is not one JSON document. */
	for (size_t off = (size_t)(end - text); off < len; off++)
		if (!is_space(text[off])) {
			at_error(text, off, e, "unexpected text after the JSON value");
			cJSON_Delete(root);
			return NULL;
		}
	if (!check_utf8(root, NULL, e)) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

void json_in_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

void json_in_path(char *buf, size_t size, const char *path, const char *key)
{
	json_in_fmt(buf, size, "%s%s%s", path, path[0] ? "." : "", key);
}

const char *json_in_type(const cJSON *item)
{
	if (cJSON_IsString(item)) return "a string";
	if (cJSON_IsNumber(item)) return "a number";
	if (cJSON_IsBool(item)) return "true or false";
	if (cJSON_IsNull(item)) return "null";
	if (cJSON_IsArray(item)) return "an array";
	if (cJSON_IsObject(item)) return "an object";
	return "something else";
}

/* The item for key, or NULL; fills e when it is required and missing. */
static const cJSON *get(const cJSON *obj, const char *path, const char *key, bool required,
			const char *expected, struct err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (it == NULL && required)
		err_set(e, ERR_INPUT, "%s: missing \"%s\" (expected %s)", path[0] ? path : "(top level)",
			key, expected);
	return it;
}

static bool wrong(const char *path, const char *key, const char *expected, const cJSON *it,
		  struct err *e)
{
	char p[JSON_PATH_SIZE];

	json_in_path(p, sizeof p, path, key);
	return err_set(e, ERR_INPUT, "%s: expected %s, got %s", p, expected, json_in_type(it));
}

bool json_in_string(const cJSON *obj, const char *path, const char *key, bool required,
		    const char **out, struct err *e)
{
	const cJSON *it = get(obj, path, key, required, "a string", e);

	if (it == NULL)
		return !required;
	if (!cJSON_IsString(it))
		return wrong(path, key, "a string", it, e);
	*out = it->valuestring;
	return true;
}

bool json_in_number(const cJSON *obj, const char *path, const char *key, bool required,
		    double *out, bool *present, struct err *e)
{
	const cJSON *it = get(obj, path, key, required, "a number", e);

	if (present != NULL)
		*present = it != NULL;
	if (it == NULL)
		return !required;
	if (!cJSON_IsNumber(it))
		return wrong(path, key, "a number", it, e);
	*out = it->valuedouble;
	return true;
}

bool json_in_bool(const cJSON *obj, const char *path, const char *key, bool *out,
		  struct err *e)
{
	const cJSON *it = get(obj, path, key, false, "true or false", e);

	if (it == NULL)
		return true;
	if (!cJSON_IsBool(it))
		return wrong(path, key, "true or false", it, e);
	*out = cJSON_IsTrue(it);
	return true;
}

bool json_in_array(const cJSON *obj, const char *path, const char *key, bool required,
		   const cJSON **out, struct err *e)
{
	const cJSON *it = get(obj, path, key, required, "an array", e);

	if (it == NULL)
		return !required;
	if (!cJSON_IsArray(it))
		return wrong(path, key, "an array", it, e);
	*out = it;
	return true;
}

bool json_in_object(const cJSON *obj, const char *path, const char *key, bool required,
		    const cJSON **out, struct err *e)
{
	const cJSON *it = get(obj, path, key, required, "an object", e);

	if (it == NULL)
		return !required;
	if (!cJSON_IsObject(it))
		return wrong(path, key, "an object", it, e);
	*out = it;
	return true;
}

bool json_in_only_keys(const cJSON *obj, const char *path, const char *const *allowed,
		       struct err *e)
{
	const char *where = path[0] ? path : "(top level)";

	for (const cJSON *c = obj->child; c != NULL; c = c->next) {
		size_t i;
		for (i = 0; allowed[i] != NULL && strcmp(allowed[i], c->string) != 0; i++)
			;
		if (allowed[i] == NULL) {
			char list[200];
			size_t len = 0;
			list[0] = '\0';
			for (i = 0; allowed[i] != NULL && len < sizeof list; i++)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
							i ? ", " : "", allowed[i]);
			return err_set(e, ERR_INPUT, "%s: unknown key \"%.60s\" (expected one of: %s)",
				       where, c->string, list);
		}
		for (const cJSON *d = obj->child; d != c; d = d->next)
			if (strcmp(d->string, c->string) == 0)
				return err_set(e, ERR_INPUT, "%s: key \"%s\" appears twice", where,
					       c->string);
	}
	return true;
}
