/* password: a staff login's own password — when it expires (pg_roles.rolvaliduntil
 * of session_user), the rules a new one must meet, and the change itself:
 * the current password proved by a second connection, change_password($1) with
 * the new one as a bind parameter (never in a statement's text), then the
 * connection opened again with it so that a later reconnect does not use the
 * old one. Callers wipe their copies (explicit_bzero). */
#ifndef BOXOFFICE_PASSWORD_H
#define BOXOFFICE_PASSWORD_H

#include "db.h"
#include "err.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define PASSWORD_MIN_CHARS 12   /* as change_password() (0013) checks */
#define PASSWORD_MAX_CHARS 200
#define PASSWORD_WARN_DAYS 7    /* the events screen warns this long before */
#define PASSWORD_BUF 256        /* room for the longest password and its NUL */

/* The rules a person can be told about before the database is asked: at least
 * PASSWORD_MIN_CHARS characters (not bytes), at most PASSWORD_MAX_CHARS, not
 * containing login (any case), and again equal to pw (again may be NULL: not
 * asked). false with e (ERR_INPUT) in words. */
bool password_rules(const char *login, const char *pw, const char *again, struct err *e);

/* One sentence on the rules, for forms and prompts. */
const char *password_rules_text(void);

/* When the login's password expires: *until 0 when it never does (no VALID
 * UNTIL, or infinity). */
bool password_expiry(struct db *db, time_t *until, struct err *e);

/* The warning for the events screen when until is within PASSWORD_WARN_DAYS
 * of now (or past): "Your password expires on Sat 28 Nov 2026 (in 3 days):
 * press W to change it." into buf; false (and "") when there is nothing to
 * say. Local time. */
bool password_warning(time_t until, time_t now, char *buf, size_t size);

/* Changes the password of the connection's own login: current is checked by
 * opening a second connection with it (unless current is NULL: a script that
 * logged in with it already), the rules, change_password(), and the connection
 * is opened again with the new password. *until: the new expiry. */
bool password_change(struct db *db, const char *login, const char *current, const char *new_pw,
		     time_t *until, struct err *e);

#endif
