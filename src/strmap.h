/* strmap: a small string → index hash map (open addressing, FNV-1a). The
 * importers use it where a plan may be large: seat GUIDs, row labels, seat
 * numbers. It copies its keys. */
#ifndef BOXOFFICE_STRMAP_H
#define BOXOFFICE_STRMAP_H

#include <stddef.h>

struct strmap;

/* An empty map the caller owns (strmap_free), or NULL when out of memory. */
struct strmap *strmap_new(void);
/* Frees the map and its key copies, sets *m to NULL. NULL and *NULL are fine. */
void strmap_free(struct strmap **m);

/* The value stored for key, or -1 when absent. */
long strmap_get(const struct strmap *m, const char *key);
/* Stores key → val unless key is present. Returns the value now stored for
 * key (the old one when it was present, so a caller sees duplicates), or
 * -2 when out of memory. val must be >= 0. */
long strmap_put(struct strmap *m, const char *key, long val);
size_t strmap_count(const struct strmap *m);

#endif
