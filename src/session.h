/* session: who is logged in and for which organisation, for title bars. */
#ifndef BOXOFFICE_SESSION_H
#define BOXOFFICE_SESSION_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>

struct session {
	char login[64];   /* current_user */
	char org[128];    /* the organisation's name; see session_load */
};

/* Row-level security shows a clerk only their own organisation. A login
 * that sees none (not staff) or several (an administrator bypassing RLS)
 * gets a description in words instead of a name. */
bool session_load(struct db *db, struct session *s, struct err *e);

/* The login's staff role ("CLERK", "SUPERVISOR", "HELPDESK") into buf; ""
 * when the login is not staff. */
bool session_staff_role(struct db *db, char *buf, size_t size, struct err *e);

/* Whether the login may call a function (signature as in regprocedure, e.g.
 * "hold_seats(uuid,uuid,uuid[],integer)"): the screens offer what the grants
 * allow, and the database refuses the rest anyway. */
bool session_may(struct db *db, const char *function, bool *out, struct err *e);

#endif
