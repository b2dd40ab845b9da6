/* unprinted: the unprinted_tickets view, counted and listed. */
#include "unprinted.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_(x) #x
#define STR(x) STR_(x)
/* Failed attempts always count; a ticket never tried only after the grace
 * time (see unprinted.h). */
#define WHERE_WAITING                                                          \
	" FROM unprinted_tickets WHERE last_status IS NOT NULL OR created_at < now() - " \
	"interval '" STR(UNPRINTED_GRACE_MINUTES) " minutes'"

bool unprinted_count(struct db *db, long *n, struct err *e)
{
	char buf[32];
	char *end;

	*n = 0;
	if (!db_query_text(db, "SELECT count(*)" WHERE_WAITING, 0, NULL, buf, sizeof buf, e))
		return false;
	*n = strtol(buf, &end, 10);
	if (end == buf || *end != '\0' || *n < 0)
		return err_set(e, ERR_DB, "The unprinted count from the database is not a number.");
	return true;
}

struct ids_ctx {
	char (*v)[37];
	size_t n;
};

static bool id_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct ids_ctx *c = ctx;
	char (*grown)[37];

	if (ncols != 1 || v[0] == NULL)
		return err_set(e, ERR_DB, "The unprinted list from the database has an unexpected shape.");
	if ((grown = realloc(c->v, (c->n + 1) * sizeof *grown)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	c->v = grown;
	snprintf(c->v[c->n++], 37, "%s", v[0]);
	return true;
}

bool unprinted_ids(struct db *db, char (**ids)[37], size_t *n, struct err *e)
{
	struct ids_ctx c = { NULL, 0 };

	*ids = NULL;
	*n = 0;
	if (!db_query(db, "SELECT ticket_id" WHERE_WAITING " ORDER BY created_at, ticket_id", 0, NULL,
		      id_row, &c, e)) {
		free(c.v);
		return false;
	}
	*ids = c.v;
	*n = c.n;
	return true;
}

bool unprinted_mark(struct db *db, const char *const *ids, size_t n, const char *printer,
		    const char *why, struct err *e)
{
	char *arr = malloc(n * 37 + 3), *p = arr;
	bool ok;

	if (n == 0)
		return true;
	if (arr == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	*p++ = '{';
	for (size_t i = 0; i < n; i++) {
		/* ids come from the database; still, the literal holds nothing else */
		if (strlen(ids[i]) != 36 || strspn(ids[i], "0123456789abcdefABCDEF-") != 36) {
			free(arr);
			return err_set(e, ERR_INPUT, "\"%.40s\" is not a ticket id.", ids[i]);
		}
		p += sprintf(p, "%s%s", i > 0 ? "," : "", ids[i]);
	}
	strcpy(p, "}");
	{
		const char *params[] = { arr, printer != NULL && printer[0] != '\0' ? printer : "(none)",
					 why != NULL && why[0] != '\0' ? why : "not printed" };

		ok = db_exec(db, "SELECT record_prints($1::uuid[], left($2, 200), NULL, 'FAILED', $3, false)",
			     3, params, e);
	}
	free(arr);
	return ok;
}
