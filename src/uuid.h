/* uuid: version 4 ids made on the client, so a retried request names the same
 * order and the database can tell a retry from a second sale. */
#ifndef BOXOFFICE_UUID_H
#define BOXOFFICE_UUID_H

#include "err.h"

#include <stdbool.h>

#define UUID_LEN 37 /* 36 characters and the NUL */

/* Fills out with a random (version 4, RFC 4122 variant) uuid in lower case. */
bool uuid_v4(char out[UUID_LEN], struct err *e);

/* Whether s is a uuid in canonical text form (any case). */
bool uuid_valid(const char *s);

#endif
