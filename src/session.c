/* session: login and organisation name. */
#include "session.h"

#include <stdio.h>
#include <string.h>

struct org_ctx {
	struct session *s;
	int rows;
};

static bool org_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct org_ctx *o = ctx;

	(void)e;
	if (o->rows++ == 0 && ncols > 0)
		snprintf(o->s->org, sizeof o->s->org, "%s", v[0] != NULL ? v[0] : "");
	return true;
}

bool session_load(struct db *db, struct session *s, struct err *e)
{
	struct org_ctx o = { s, 0 };

	memset(s, 0, sizeof *s);
	if (!db_query_text(db, "SELECT current_user::text", 0, NULL, s->login, sizeof s->login, e))
		return false;
	/* LIMIT 2: enough to tell "one" from "several". */
	if (!db_query(db, "SELECT name FROM organizations ORDER BY name LIMIT 2", 0, NULL,
		      org_row, &o, e))
		return false;
	if (o.rows == 0)
		snprintf(s->org, sizeof s->org, "no organisation");
	else if (o.rows > 1)
		snprintf(s->org, sizeof s->org, "all organisations");
	return true;
}

bool session_staff_role(struct db *db, char *buf, size_t size, struct err *e)
{
	return db_query_text(db, "SELECT coalesce(current_staff_role(), '')", 0, NULL, buf, size, e);
}

bool session_may(struct db *db, const char *function, bool *out, struct err *e)
{
	const char *params[] = { function };
	char buf[8];

	if (!db_query_text(db, "SELECT coalesce(has_function_privilege(to_regprocedure($1), 'EXECUTE'), "
			       "false)", 1, params, buf, sizeof buf, e))
		return false;
	*out = buf[0] == 't';
	return true;
}
