/* uuid: version 4 ids made on the client, so a retried request names the same
 * order and the database can tell a retry from a second sale. */
#ifndef BOXOFFICE_UUID_H
#define BOXOFFICE_UUID_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

#define UUID_LEN 37 /* 36 characters and the NUL */

/* Fills out with a random (version 4, RFC 4122 variant) uuid in lower case. */
bool uuid_v4(char out[UUID_LEN], struct err *e);

/* Whether s is a uuid in canonical text form (any case). */
bool uuid_valid(const char *s);

/* Seat ids as one PostgreSQL array literal "{id,id}" for a uuid[]
 * parameter (caller frees), or NULL with e filled (an id that is not a
 * uuid, out of memory). Each id is checked first, so nothing but hex and
 * dashes reaches the literal. */
char *uuid_array(const char *const *ids, size_t n, struct err *e);

#endif
