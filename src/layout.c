/* layout: strict reading of layout files. */
#include "layout.h"

#include "json_in.h"
#include "paths.h"
#include "ticket.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-6

enum num_kind { POSITIVE, NON_NEGATIVE };

static const char *kind_words(enum num_kind k)
{
	return k == POSITIVE ? "a positive number" : "a number of 0 or more";
}

/* obj.key as a number of the given kind. Missing: an error when required,
 * else *out keeps its default. */
static bool num(const cJSON *obj, const char *path, const char *key, bool required,
		enum num_kind kind, double max, double *out, struct err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[JSON_PATH_SIZE];

	json_in_path(p, sizeof p, path, key);
	if (it == NULL)
		return required ? err_set(e, ERR_INPUT, "%s: missing (expected %s)", p,
					  kind_words(kind)) : true;
	if (!cJSON_IsNumber(it))
		return err_set(e, ERR_INPUT, "%s: expected %s, got %s", p, kind_words(kind),
			       json_in_type(it));
	if ((kind == POSITIVE && !(it->valuedouble > 0)) || !(it->valuedouble >= 0))
		return err_set(e, ERR_INPUT, "%s: expected %s, got %g", p, kind_words(kind),
			       it->valuedouble);
	if (it->valuedouble > max)
		return err_set(e, ERR_INPUT, "%s: %g is too large (at most %g)", p, it->valuedouble,
			       max);
	*out = it->valuedouble;
	return true;
}

/* obj.key as a string that is one of words (NULL-terminated); *out its index. */
static bool word(const cJSON *obj, const char *path, const char *key, bool required,
		 const char *const *words, const char *expected, int *out, struct err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[JSON_PATH_SIZE];

	json_in_path(p, sizeof p, path, key);
	if (it == NULL)
		return required ? err_set(e, ERR_INPUT, "%s: missing (expected %s)", p, expected)
				: true;
	for (int i = 0; cJSON_IsString(it) && words[i] != NULL; i++)
		if (strcmp(it->valuestring, words[i]) == 0) {
			*out = i;
			return true;
		}
	if (cJSON_IsString(it))
		return err_set(e, ERR_INPUT, "%s: expected %s, got \"%.40s\"", p, expected,
			       it->valuestring);
	return err_set(e, ERR_INPUT, "%s: expected %s, got %s", p, expected, json_in_type(it));
}

static bool str(const cJSON *obj, const char *path, const char *key, bool required,
		char *out, size_t size, struct err *e)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[JSON_PATH_SIZE];

	json_in_path(p, sizeof p, path, key);
	if (it == NULL)
		return required ? err_set(e, ERR_INPUT, "%s: missing (expected a string)", p) : true;
	if (!cJSON_IsString(it))
		return err_set(e, ERR_INPUT, "%s: expected a string, got %s", p, json_in_type(it));
	if (strlen(it->valuestring) >= size)
		return err_set(e, ERR_INPUT, "%s: longer than %zu bytes", p, size - 1);
	if (out != NULL)
		memcpy(out, it->valuestring, strlen(it->valuestring) + 1);
	return true;
}

static bool flag(const cJSON *obj, const char *path, const char *key, bool *out, struct err *e)
{
	return json_in_bool(obj, path, key, out, e);
}

static bool parse_text(const cJSON *o, const char *path, const struct layout *l,
		       struct layout_item *it, struct err *e)
{
	static const char *const keys[] = { "type", "x_mm", "y_mm", "size_pt", "text", "bold",
					    "align", "max_width_mm", "fit", "min_size_pt", NULL };
	static const char *const aligns[] = { "left", "center", "right", NULL };
	static const char *const fits[] = { "shrink", "cut", NULL };
	int align = LAYOUT_LEFT, fit = LAYOUT_SHRINK;
	char p[JSON_PATH_SIZE];
	bool has_width;

	if (!json_in_only_keys(o, path, keys, e) ||
	    !num(o, path, "x_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->x_mm, e) ||
	    !num(o, path, "y_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->y_mm, e) ||
	    !num(o, path, "size_pt", true, POSITIVE, 500, &it->size_pt, e) ||
	    !str(o, path, "text", true, it->text, sizeof it->text, e) ||
	    !flag(o, path, "bold", &it->bold, e) ||
	    !word(o, path, "align", false, aligns, "\"left\", \"center\" or \"right\"", &align, e) ||
	    !word(o, path, "fit", false, fits, "\"shrink\" or \"cut\"", &fit, e))
		return false;
	it->align = (enum layout_align)align;
	it->fit = (enum layout_fit)fit;
	it->min_size_pt = it->size_pt * 0.6;
	if (!num(o, path, "min_size_pt", false, POSITIVE, 500, &it->min_size_pt, e))
		return false;
	json_in_path(p, sizeof p, path, "min_size_pt");
	if (it->min_size_pt > it->size_pt)
		return err_set(e, ERR_INPUT, "%s: %g is larger than size_pt (%g)", p,
			       it->min_size_pt, it->size_pt);
	has_width = cJSON_GetObjectItemCaseSensitive(o, "max_width_mm") != NULL;
	it->w_mm = l->width_mm - it->x_mm;
	if (!num(o, path, "max_width_mm", false, POSITIVE, LAYOUT_MAX_MM, &it->w_mm, e))
		return false;
	json_in_path(p, sizeof p, path, "max_width_mm");
	if (!has_width && it->align != LAYOUT_LEFT)
		return err_set(e, ERR_INPUT, "%s: missing (center and right alignment need the "
			       "width to align in)", p);
	it->h_mm = it->size_pt * LAYOUT_MM_PER_PT;
	json_in_path(p, sizeof p, path, "text");
	return ticket_template_check(it->text, p, e);
}

static bool parse_qr(const cJSON *o, const char *path, struct layout_item *it, struct err *e)
{
	static const char *const keys[] = { "type", "x_mm", "y_mm", "size_mm", NULL };

	if (!json_in_only_keys(o, path, keys, e) ||
	    !num(o, path, "x_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->x_mm, e) ||
	    !num(o, path, "y_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->y_mm, e) ||
	    !num(o, path, "size_mm", true, POSITIVE, LAYOUT_MAX_MM, &it->w_mm, e))
		return false;
	it->h_mm = it->w_mm;
	return true;
}

static bool parse_line(const cJSON *o, const char *path, struct layout_item *it, struct err *e)
{
	static const char *const keys[] = { "type", "x1_mm", "y1_mm", "x2_mm", "y2_mm",
					    "width_pt", "dash_mm", NULL };

	it->width_pt = 0.5;
	return json_in_only_keys(o, path, keys, e) &&
	       num(o, path, "x1_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->x_mm, e) &&
	       num(o, path, "y1_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->y_mm, e) &&
	       num(o, path, "x2_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->x2_mm, e) &&
	       num(o, path, "y2_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->y2_mm, e) &&
	       num(o, path, "width_pt", false, POSITIVE, 72, &it->width_pt, e) &&
	       num(o, path, "dash_mm", false, NON_NEGATIVE, LAYOUT_MAX_MM, &it->dash_mm, e);
}

static bool parse_box(const cJSON *o, const char *path, struct layout_item *it, struct err *e)
{
	static const char *const keys[] = { "type", "x_mm", "y_mm", "w_mm", "h_mm", "width_pt",
					    "fill", NULL };

	it->width_pt = 0.5;
	return json_in_only_keys(o, path, keys, e) &&
	       num(o, path, "x_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->x_mm, e) &&
	       num(o, path, "y_mm", true, NON_NEGATIVE, LAYOUT_MAX_MM, &it->y_mm, e) &&
	       num(o, path, "w_mm", true, POSITIVE, LAYOUT_MAX_MM, &it->w_mm, e) &&
	       num(o, path, "h_mm", true, POSITIVE, LAYOUT_MAX_MM, &it->h_mm, e) &&
	       num(o, path, "width_pt", false, POSITIVE, 72, &it->width_pt, e) &&
	       flag(o, path, "fill", &it->fill, e);
}

static const char *const type_names[] = { "text", "qr", "line", "box", NULL };

/* The item must lie on the page (its far corner within width × height). */
static bool on_page(const struct layout_item *it, const struct layout *l, const char *path,
		    struct err *e)
{
	double right = it->x_mm + it->w_mm, bottom = it->y_mm + it->h_mm;

	if (it->type == LAYOUT_LINE) {
		right = it->x_mm > it->x2_mm ? it->x_mm : it->x2_mm;
		bottom = it->y_mm > it->y2_mm ? it->y_mm : it->y2_mm;
	}
	if (right <= l->width_mm + EPS && bottom <= l->height_mm + EPS &&
	    (it->type != LAYOUT_TEXT || it->w_mm > EPS))
		return true;
	return err_set(e, ERR_INPUT, "%s (%s): outside the page: it reaches %.1f mm across and "
		       "%.1f mm down; the page is %.1f x %.1f mm", path, type_names[it->type],
		       right, bottom, l->width_mm, l->height_mm);
}

static bool parse_item(const cJSON *o, const char *path, const struct layout *l,
		       struct layout_item *it, struct err *e)
{
	int type = 0;
	bool ok;

	memset(it, 0, sizeof *it);
	if (!cJSON_IsObject(o))
		return err_set(e, ERR_INPUT, "%s: expected an object, got %s", path, json_in_type(o));
	if (!word(o, path, "type", true, type_names, "\"text\", \"qr\", \"line\" or \"box\"",
		  &type, e))
		return false;
	it->type = (enum layout_type)type;
	switch (it->type) {
	case LAYOUT_TEXT: ok = parse_text(o, path, l, it, e); break;
	case LAYOUT_QR: ok = parse_qr(o, path, it, e); break;
	case LAYOUT_LINE: ok = parse_line(o, path, it, e); break;
	default: ok = parse_box(o, path, it, e); break;
	}
	return ok && on_page(it, l, path, e);
}

static bool parse_head(const cJSON *root, struct layout *head, const cJSON **items,
		       struct err *e)
{
	static const char *const keys[] = { "name", "description", "page", "items", NULL };
	static const char *const page_keys[] = { "width_mm", "height_mm", NULL };
	const cJSON *page;

	if (!cJSON_IsObject(root))
		return err_set(e, ERR_INPUT, "(top level): expected an object, got %s",
			       json_in_type(root));
	if (!json_in_only_keys(root, "", keys, e) ||
	    !str(root, "", "name", true, head->name, sizeof head->name, e) ||
	    !str(root, "", "description", false, NULL, 1024, e))
		return false;
	if (head->name[0] == '\0')
		return err_set(e, ERR_INPUT, "name: expected a non-empty string");
	page = cJSON_GetObjectItemCaseSensitive(root, "page");
	if (page == NULL)
		return err_set(e, ERR_INPUT, "page: missing (expected an object with width_mm and "
			       "height_mm)");
	if (!cJSON_IsObject(page))
		return err_set(e, ERR_INPUT, "page: expected an object, got %s", json_in_type(page));
	if (!json_in_only_keys(page, "page", page_keys, e) ||
	    !num(page, "page", "width_mm", true, POSITIVE, LAYOUT_MAX_MM, &head->width_mm, e) ||
	    !num(page, "page", "height_mm", true, POSITIVE, LAYOUT_MAX_MM, &head->height_mm, e))
		return false;
	*items = cJSON_GetObjectItemCaseSensitive(root, "items");
	if (*items == NULL)
		return err_set(e, ERR_INPUT, "items: missing (expected an array of items)");
	if (!cJSON_IsArray(*items))
		return err_set(e, ERR_INPUT, "items: expected an array, got %s", json_in_type(*items));
	if (cJSON_GetArraySize(*items) < 1 || cJSON_GetArraySize(*items) > LAYOUT_MAX_ITEMS)
		return err_set(e, ERR_INPUT, "items: expected 1 to %d items, got %d", LAYOUT_MAX_ITEMS,
			       cJSON_GetArraySize(*items));
	return true;
}

struct layout *layout_parse(const char *json, size_t len, struct err *e)
{
	cJSON *root = json_in_parse(json, len, e);
	const cJSON *items = NULL, *o;
	struct layout head = { 0 }, *l = NULL;
	size_t i = 0;

	if (root == NULL)
		return NULL;
	if (!parse_head(root, &head, &items, e))
		goto out;
	l = calloc(1, sizeof *l + (size_t)cJSON_GetArraySize(items) * sizeof l->items[0]);
	if (l == NULL) {
		err_set(e, ERR_NOMEM, "Out of memory while reading a layout.");
		goto out;
	}
	*l = head;
	cJSON_ArrayForEach(o, items) {
		char path[JSON_PATH_SIZE];

		json_in_fmt(path, sizeof path, "items[%zu]", i);
		if (!parse_item(o, path, l, &l->items[i], e)) {
			layout_free(&l);
			goto out;
		}
		l->n_items = ++i;
	}
out:
	cJSON_Delete(root);
	return l;
}

static bool read_file(const char *path, char **text, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	*text = NULL;
	if (f == NULL)
		return err_set(e, ERR_IO, "Cannot read the layout %s: %s.", path, strerror(errno));
	*text = malloc(LAYOUT_MAX_FILE + 1);
	if (*text == NULL) {
		fclose(f);
		return err_set(e, ERR_NOMEM, "Out of memory while reading %s.", path);
	}
	n = fread(*text, 1, LAYOUT_MAX_FILE + 1, f);
	if (ferror(f) || n > LAYOUT_MAX_FILE) {
		fclose(f);
		free(*text);
		*text = NULL;
		return err_set(e, ERR_IO, n > LAYOUT_MAX_FILE ? "The layout %s is larger than 1 MiB."
			       : "Cannot read the layout %s.", path);
	}
	fclose(f);
	*len = n;
	return true;
}

struct layout *layout_load_file(const char *path, struct err *e)
{
	struct layout *l = NULL;
	const char *base = strrchr(path, '/');
	char *text;
	size_t len = 0;

	if (!read_file(path, &text, &len, e))
		return NULL;
	l = layout_parse(text, len, e);
	free(text);
	if (l == NULL && e != NULL) {
		char msg[sizeof e->msg];

		memcpy(msg, e->msg, sizeof msg);
		err_set(e, e->code, "%s: %s", base != NULL ? base + 1 : path, msg);
	}
	return l;
}

bool layout_path(const char *name_or_path, const char *assets_dir, char *out, size_t size,
		 struct err *e)
{
	size_t n = strlen(name_or_path);
	char dir[PATH_MAX];

	if (strchr(name_or_path, '/') != NULL || (n > 5 && strcmp(name_or_path + n - 5, ".json") == 0)) {
		if (n >= size)
			return err_set(e, ERR_IO, "Path too long: %.100s", name_or_path);
		memcpy(out, name_or_path, n + 1);
		return true;
	}
	if (n == 0 || n >= LAYOUT_NAME_SIZE || name_or_path[0] == '.' ||
	    strspn(name_or_path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_.-") != n)
		return err_set(e, ERR_USAGE, "\"%.64s\" is not a layout name (letters, digits, _ . -) "
			       "nor a path to a .json file.", name_or_path);
	if (!paths_assetsdir(assets_dir, dir, sizeof dir, e))
		return false;
	if ((size_t)snprintf(out, size, "%s/layouts/%s.json", dir, name_or_path) >= size)
		return err_set(e, ERR_IO, "Path too long: %s/layouts/%s.json", dir, name_or_path);
	return true;
}

struct layout *layout_load(const char *name_or_path, const char *assets_dir, struct err *e)
{
	char path[PATH_MAX];

	if (!layout_path(name_or_path, assets_dir, path, sizeof path, e))
		return NULL;
	return layout_load_file(path, e);
}

void layout_free(struct layout **l)
{
	if (l == NULL)
		return;
	free(*l);
	*l = NULL;
}
