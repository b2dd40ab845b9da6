/* password: rules, expiry, the change. The password travels only as a bind
 * parameter or a libpq connection parameter, never inside SQL text. */
#include "password.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* UTF-8 characters, not bytes: the database counts characters too. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return false;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

const char *password_rules_text(void)
{
	return "At least 12 characters, not containing your login name.";
}

bool password_rules(const char *login, const char *pw, const char *again, struct err *e)
{
	size_t n = pw != NULL ? chars(pw) : 0;

	if (n == 0)
		return err_set(e, ERR_INPUT, "Type a new password.");
	if (n < PASSWORD_MIN_CHARS)
		return err_set(e, ERR_INPUT, "The new password is too short: %zu characters; it needs at least %d.",
			       n, PASSWORD_MIN_CHARS);
	if (n > PASSWORD_MAX_CHARS)
		return err_set(e, ERR_INPUT, "The new password is too long: at most %d characters.",
			       PASSWORD_MAX_CHARS);
	if (login != NULL && contains_nocase(pw, login))
		return err_set(e, ERR_INPUT, "The new password must not contain your login name (%s).", login);
	if (again != NULL && strcmp(pw, again) != 0)
		return err_set(e, ERR_INPUT, "The two new passwords differ: type the same one twice.");
	return true;
}

bool password_expiry(struct db *db, time_t *until, struct err *e)
{
	char buf[32];

	*until = 0;
	if (!db_query_text(db,
			   "SELECT COALESCE((SELECT extract(epoch FROM r.rolvaliduntil)::bigint::text"
			   "  FROM pg_catalog.pg_roles r WHERE r.rolname = session_user"
			   "   AND r.rolvaliduntil IS NOT NULL AND r.rolvaliduntil < 'infinity'), '')",
			   0, NULL, buf, sizeof buf, e))
		return false;
	if (buf[0] != '\0')
		*until = (time_t)strtoll(buf, NULL, 10);
	return true;
}

bool password_warning(time_t until, time_t now, char *buf, size_t size)
{
	char day[64];
	struct tm tm;
	double left = difftime(until, now);
	long days;

	if (size > 0)
		buf[0] = '\0';
	if (until == 0 || left > PASSWORD_WARN_DAYS * 86400.0)
		return false;
	if (localtime_r(&until, &tm) == NULL || strftime(day, sizeof day, "%a %d %b %Y", &tm) == 0)
		snprintf(day, sizeof day, "soon");
	if (left <= 0) {
		snprintf(buf, size, "Your password expired on %s: press W to change it.", day);
		return true;
	}
	days = (long)(left / 86400.0);
	if (days == 0)
		snprintf(buf, size, "Your password expires today, %s: press W to change it.", day);
	else
		snprintf(buf, size, "Your password expires on %s (in %ld day%s): press W to change it.", day,
			 days, days == 1 ? "" : "s");
	return true;
}

bool password_change(struct db *db, const char *login, const char *current, const char *new_pw,
		     time_t *until, struct err *e)
{
	const char *params[1] = { new_pw };
	char buf[32];

	*until = 0;
	if (!password_rules(login, new_pw, NULL, e))
		return false;
	if (current != NULL && strcmp(current, new_pw) == 0)
		return err_set(e, ERR_INPUT, "The new password is the current one: choose another.");
	if (current != NULL && !db_check_password(db, current, e))
		return false;
	if (!db_query_text(db, "SELECT extract(epoch FROM public.change_password($1))::bigint", 1, params,
			   buf, sizeof buf, e))
		return false;
	*until = (time_t)strtoll(buf, NULL, 10);
	if (!db_relogin(db, new_pw, e)) {
		char why[sizeof e->msg];

		snprintf(why, sizeof why, "%s", e->msg);
		return err_set(e, ERR_DB, "Your password was changed, but logging in again with it failed: %s",
			       why);
	}
	return true;
}
