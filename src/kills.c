/* kills: seats off sale, through kill_seats / release_kills / hold_killed_seats. */
#include "kills.h"

#include "strmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *kills_preset(int n)
{
	static const char *const presets[KILLS_NPRESETS] = { "House seats", "Production kill",
							      "Broken seat" };

	return n >= 1 && n <= KILLS_NPRESETS ? presets[n - 1] : NULL;
}

/* The caller's own holds on these seats go first, inside the transaction the
 * caller opened, so a refusal afterwards rolls the release back too. Only a
 * sale still choosing seats holds any (an order's seats are the order's). */
static bool let_go(struct db *db, struct sale *s, const char *arr, struct err *e)
{
	const char *p[] = { s != NULL ? s->id : NULL, arr };

	if (s == NULL || s->state != SALE_SELECTING)
		return true;
	return db_exec(db, "SELECT release_holds($1, $2::uuid[])", 2, p, e);
}

/* kill_seats or release_kills (reason NULL) in one transaction with let_go. */
static bool change(struct db *db, const char *event_id, const char *const *seat_ids, size_t n,
		   const char *reason, struct sale *s, int *count, struct err *e)
{
	char buf[32];
	char *arr;
	bool ok;

	*count = 0;
	if (n == 0)
		return err_set(e, ERR_INPUT, "No seats given.");
	if ((arr = uuid_array(seat_ids, n, e)) == NULL)
		return false;
	{
		const char *p[] = { event_id, arr, reason };

		ok = db_begin(db, e) && let_go(db, s, arr, e) &&
		     db_query_text(db, reason != NULL ? "SELECT kill_seats($1, $2::uuid[], $3)"
						      : "SELECT release_kills($1, $2::uuid[])",
				   reason != NULL ? 3 : 2, p, buf, sizeof buf, e) &&
		     db_commit(db, e);
	}
	free(arr);
	if (!ok) {
		db_rollback(db);
		return false;
	}
	*count = atoi(buf);
	return s == NULL || s->state != SALE_SELECTING || sale_sync_held(db, s, 0, e);
}

bool kills_kill(struct db *db, const char *event_id, const char *const *seat_ids, size_t n,
		const char *reason, struct sale *s, int *count, struct err *e)
{
	if (reason == NULL || strspn(reason, " \t") == strlen(reason))
		return err_set(e, ERR_INPUT, "Say why the seats go off sale (house seats, production "
			       "kill, broken seat…).");
	return change(db, event_id, seat_ids, n, reason, s, count, e);
}

bool kills_release(struct db *db, const char *event_id, const char *const *seat_ids, size_t n,
		   struct sale *s, int *count, struct err *e)
{
	return change(db, event_id, seat_ids, n, NULL, s, count, e);
}

static bool hold_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	time_t *latest = ctx, t;

	if (ncols != 2 || v[1] == NULL)
		return err_set(e, ERR_DB, "The hold from the database has an unexpected shape.");
	t = (time_t)strtoll(v[1], NULL, 10);
	if (t > *latest)
		*latest = t;
	return true;
}

bool kills_hold(struct db *db, struct sale *s, const char *const *seat_ids, size_t n, int minutes,
		struct err *e)
{
	time_t latest = 0;
	char mins[16];
	char *arr;
	bool ok;

	if (s->state != SALE_SELECTING)
		return err_set(e, ERR_INPUT, "This sale already has an order; start a new sale to add seats.");
	if (n == 0)
		return true;
	if ((arr = uuid_array(seat_ids, n, e)) == NULL)
		return false;
	snprintf(mins, sizeof mins, "%d", minutes);
	{
		const char *p[] = { s->event_id, s->id, arr, mins };

		ok = db_query(db, "SELECT seat_id, floor(extract(epoch FROM hold_expires_at))::bigint "
			      "FROM hold_killed_seats($1, $2, $3::uuid[], $4::integer)",
			      4, p, hold_row, &latest, e);
	}
	free(arr);
	return ok && sale_sync_held(db, s, latest, e);
}

/* ---- the reasons ---- */

void kills_init(struct kills *k)
{
	memset(k, 0, sizeof *k);
}

bool kills_add(struct kills *k, const char *seat_id, const char *reason, struct err *e)
{
	struct kill *grown;
	char *r;

	if (k->by_id == NULL && (k->by_id = strmap_new()) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if ((r = strdup(reason != NULL ? reason : "")) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if ((grown = realloc(k->items, (k->n + 1) * sizeof *grown)) == NULL) {
		free(r);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	k->items = grown;
	snprintf(k->items[k->n].seat_id, sizeof k->items[k->n].seat_id, "%s", seat_id);
	k->items[k->n].reason = r;
	if (strmap_put(k->by_id, k->items[k->n].seat_id, (long)k->n) == -2) {
		free(r);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	k->n++;
	return true;
}

static bool kill_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	if (ncols != 2 || v[0] == NULL || v[1] == NULL)
		return err_set(e, ERR_DB, "The seats off sale from the database have an unexpected shape.");
	return kills_add(ctx, v[0], v[1], e);
}

bool kills_load(struct db *db, const char *event_id, struct kills *out, struct err *e)
{
	const char *p[] = { event_id };

	kills_init(out);
	/* a reason stays on a seat held from kills: it is still off sale until paid */
	if (!db_query(db, "SELECT seat_id, kill_reason FROM event_seats "
		      "WHERE event_id = $1 AND kill_reason IS NOT NULL",
		      1, p, kill_row, out, e)) {
		kills_free(out);
		return false;
	}
	return true;
}

const char *kills_reason(const struct kills *k, const char *seat_id)
{
	long i;

	if (k == NULL || k->by_id == NULL || seat_id == NULL)
		return NULL;
	i = strmap_get(k->by_id, seat_id);
	return i >= 0 ? k->items[i].reason : NULL;
}

void kills_free(struct kills *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->items[i].reason);
	free(k->items);
	strmap_free(&k->by_id);
	k->items = NULL;
	k->n = 0;
}
