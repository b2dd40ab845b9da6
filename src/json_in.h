/* json_in: JSON from outside (files, stdin, the database), parsed safely,
 * and typed getters whose errors name the JSON path and what was expected
 * (`sections[2].rows[5].seats[3].x: expected a number`).
 *
 * Before cJSON sees a byte: a size limit, a nesting limit (cJSON recurses
 * per level), and no "\u0000" (it would cut a C string short silently).
 * After: every string and key must be well-formed UTF-8. */
#ifndef BOXOFFICE_JSON_IN_H
#define BOXOFFICE_JSON_IN_H

#include "err.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#define JSON_IN_MAX_BYTES ((size_t)64 << 20)
#define JSON_IN_MAX_DEPTH 64
#define JSON_PATH_SIZE 160

/* Parses text[0..len) (need not be NUL-terminated). Returns a tree the
 * caller owns (cJSON_Delete), or NULL with e saying where and what:
 * "line 3, column 7: …". */
cJSON *json_in_parse(const char *text, size_t len, struct err *e);

/* snprintf for paths and messages that may be cut short on purpose (a
 * path longer than the buffer is still a useful path). */
void json_in_fmt(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "path.key", or "key" at the root (path ""). */
void json_in_path(char *buf, size_t size, const char *path, const char *key);

/* Getters: key in object obj (at path). Missing: false with an error when
 * required, else true with *out untouched (getters set *present when
 * given). Wrong type: always an error. */
bool json_in_string(const cJSON *obj, const char *path, const char *key, bool required,
		    const char **out, struct err *e);
bool json_in_number(const cJSON *obj, const char *path, const char *key, bool required,
		    double *out, bool *present, struct err *e);
bool json_in_bool(const cJSON *obj, const char *path, const char *key, bool *out,
		  struct err *e);
bool json_in_array(const cJSON *obj, const char *path, const char *key, bool required,
		   const cJSON **out, struct err *e);
bool json_in_object(const cJSON *obj, const char *path, const char *key, bool required,
		    const cJSON **out, struct err *e);

/* Refuses keys of obj not in allowed (NULL-terminated) and keys given twice. */
bool json_in_only_keys(const cJSON *obj, const char *path, const char *const *allowed,
		       struct err *e);

/* Describes a JSON value's type for messages ("a string", "an array"…). */
const char *json_in_type(const cJSON *item);

#endif
