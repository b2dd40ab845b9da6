/* health: 0012's monitoring functions into plain structs, and their figures for people. */
#include "health.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* UTC, whatever the session's TimeZone */
#define UTC(x) "to_char((" x ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static bool shape(struct err *e, const char *what)
{
	return err_set(e, ERR_DB, "The %s from the database has an unexpected shape.", what);
}

static bool nomem(struct err *e)
{
	return err_set(e, ERR_NOMEM, "Out of memory.");
}

static bool to_ll(const char *s, long long *out)
{
	char *end;

	if (s == NULL) {
		*out = 0;
		return true;
	}
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && end != s && *end == '\0';
}

static bool to_int(const char *s, int *out)
{
	long long v;

	if (!to_ll(s, &v) || v < -2147483647LL || v > 2147483647LL)
		return false;
	*out = (int)v;
	return true;
}

/* numeric text as the server prints it ("-12.345"), read without strtod: the
 * terminal's locale may want a decimal comma. NULL gives missing. */
static bool to_double(const char *s, double missing, double *out)
{
	double v = 0, scale = 1;
	bool neg = false, digits = false;

	if (s == NULL) {
		*out = missing;
		return true;
	}
	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits = true)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits = true)
			v += (*s - '0') * (scale /= 10);
	if (!digits || *s != '\0')
		return false;
	*out = neg ? -v : v;
	return true;
}

static bool to_bool(const char *s)
{
	return s != NULL && strcmp(s, "t") == 0;
}

static void copy_text(char *dst, size_t size, const char *s)
{
	snprintf(dst, size, "%s", s != NULL ? s : "");
}

static char *dup_text(const char *s)
{
	return strdup(s != NULL ? s : "");
}

static void *grow(void *items, size_t n, size_t each)
{
	return realloc(items, (n + 1) * each);
}

static bool meta_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct health *h = ctx;

	if (ncols != 2)
		return shape(e, "database name");
	copy_text(h->database, sizeof h->database, v[0]);
	copy_text(h->as_of, sizeof h->as_of, v[1]);
	return true;
}

static bool conn_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct health_connections *c = &((struct health *)ctx)->conn;

	if (ncols != 13 || !to_int(v[0], &c->max) || !to_int(v[1], &c->total) ||
	    !to_int(v[2], &c->this_database) || !to_int(v[3], &c->active) ||
	    !to_int(v[4], &c->idle) || !to_int(v[5], &c->idle_in_transaction) ||
	    !to_int(v[6], &c->other) || !to_int(v[7], &c->waiting_on_locks) ||
	    !to_double(v[8], -1, &c->longest_transaction_s) ||
	    !to_double(v[9], -1, &c->longest_idle_in_transaction_s) ||
	    !to_double(v[10], 0, &c->percent_used))
		return shape(e, "connection figures");
	c->alert = to_bool(v[11]);
	copy_text(c->words, sizeof c->words, v[12]);
	return true;
}

static bool statement_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct health *h = ctx;
	struct health_statement *n, *x;

	if (ncols != 7)
		return shape(e, "statement figures");
	if ((n = grow(h->statements, h->nstatements, sizeof *n)) == NULL)
		return nomem(e);
	h->statements = n;
	x = &h->statements[h->nstatements];
	memset(x, 0, sizeof *x);
	x->query = dup_text(v[0]);
	h->nstatements++; /* counted first so health_free releases a half-built row */
	if (x->query == NULL)
		return nomem(e);
	if (!to_ll(v[1], &x->calls) || !to_double(v[2], 0, &x->mean_ms) ||
	    !to_double(v[3], 0, &x->max_ms) || !to_double(v[4], 0, &x->total_ms) ||
	    !to_ll(v[5], &x->rows))
		return shape(e, "statement figures");
	x->slow = to_bool(v[6]);
	return true;
}

static bool table_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct health *h = ctx;
	struct health_table *n, *x;

	if (ncols != 12)
		return shape(e, "table figures");
	if ((n = grow(h->tables, h->ntables, sizeof *n)) == NULL)
		return nomem(e);
	h->tables = n;
	x = &h->tables[h->ntables];
	memset(x, 0, sizeof *x);
	x->schema = dup_text(v[0]);
	x->name = dup_text(v[1]);
	h->ntables++;
	if (x->schema == NULL || x->name == NULL)
		return nomem(e);
	if (!to_ll(v[2], &x->live) || !to_ll(v[3], &x->dead) ||
	    !to_double(v[4], -1, &x->dead_percent) || !to_ll(v[5], &x->total_bytes) ||
	    !to_ll(v[6], &x->bloat_bytes))
		return shape(e, "table figures");
	x->needs_vacuum = to_bool(v[7]);
	copy_text(x->last_vacuum, sizeof x->last_vacuum, v[8]);
	copy_text(x->last_autovacuum, sizeof x->last_autovacuum, v[9]);
	copy_text(x->last_analyze, sizeof x->last_analyze, v[10]);
	copy_text(x->last_autoanalyze, sizeof x->last_autoanalyze, v[11]);
	return true;
}

static bool index_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct health *h = ctx;
	struct health_index *n, *x;

	if (ncols != 7)
		return shape(e, "index figures");
	if ((n = grow(h->indexes, h->nindexes, sizeof *n)) == NULL)
		return nomem(e);
	h->indexes = n;
	x = &h->indexes[h->nindexes];
	memset(x, 0, sizeof *x);
	x->schema = dup_text(v[0]);
	x->table = dup_text(v[1]);
	x->name = dup_text(v[2]);
	h->nindexes++;
	if (x->schema == NULL || x->table == NULL || x->name == NULL)
		return nomem(e);
	if (!to_ll(v[3], &x->bytes) || !to_ll(v[4], &x->scans))
		return shape(e, "index figures");
	x->unused = to_bool(v[5]);
	x->keeps_constraint = to_bool(v[6]);
	return true;
}

bool health_load(struct db *db, struct health *out, struct err *e)
{
	char limit[16], note[512];
	const char *p[] = { limit };
	bool ok;

	memset(out, 0, sizeof *out);
	snprintf(limit, sizeof limit, "%d", HEALTH_STATEMENTS);
	ok = db_query(db, "SELECT current_database(), " UTC("clock_timestamp()"), 0, NULL, meta_row,
		      out, e) &&
	     db_query(db, "SELECT max_connections, total, this_database, active, idle, "
		      "idle_in_transaction, other, waiting_on_locks, longest_transaction_s, "
		      "longest_idle_in_transaction_s, percent_used, alert, words "
		      "FROM monitor_connections()", 0, NULL, conn_row, out, e) &&
	     db_query_text(db, "SELECT monitor_statements_unavailable()", 0, NULL, note, sizeof note,
			   e) &&
	     db_query(db, "SELECT query, calls, mean_ms, max_ms, total_ms, rows, slow "
		      "FROM monitor_statements($1::integer)", 1, p, statement_row, out, e) &&
	     db_query(db, "SELECT schema_name, table_name, live_tuples, dead_tuples, dead_percent, "
		      "total_bytes, bloat_bytes, needs_vacuum, " UTC("last_vacuum") ", "
		      UTC("last_autovacuum") ", " UTC("last_analyze") ", " UTC("last_autoanalyze")
		      " FROM monitor_tables()", 0, NULL, table_row, out, e) &&
	     db_query(db, "SELECT schema_name, table_name, index_name, bytes, scans, unused, "
		      "keeps_constraint FROM monitor_indexes()", 0, NULL, index_row, out, e);
	if (ok && note[0] != '\0' && (out->statements_note = strdup(note)) == NULL)
		ok = nomem(e);
	if (!ok && strcmp(e->sqlstate, "42501") == 0) {
		/* the grants say who: the server's "permission denied for function" does not */
		err_set(e, ERR_DB, "The health check is for supervisors and the DBA: your login may "
			"not read the database's statistics.");
		memcpy(e->sqlstate, "42501", sizeof e->sqlstate);
	} else if (!ok && strcmp(e->sqlstate, "42883") == 0) {
		err_set(e, ERR_DB, "This database has no monitoring functions yet: the DBA runs "
			"`boxoffice migrate up` (0012_monitoring).");
		memcpy(e->sqlstate, "42883", sizeof e->sqlstate);
	}
	if (!ok)
		health_free(out);
	return ok;
}

void health_free(struct health *h)
{
	if (h == NULL)
		return;
	free(h->statements_note);
	for (size_t i = 0; i < h->nstatements; i++)
		free(h->statements[i].query);
	free(h->statements);
	for (size_t i = 0; i < h->ntables; i++) {
		free(h->tables[i].schema);
		free(h->tables[i].name);
	}
	free(h->tables);
	for (size_t i = 0; i < h->nindexes; i++) {
		free(h->indexes[i].schema);
		free(h->indexes[i].table);
		free(h->indexes[i].name);
	}
	free(h->indexes);
	memset(h, 0, sizeof *h);
}

bool health_time(const char *utc, time_t *out)
{
	struct tm tm;
	char z;

	if (utc == NULL || utc[0] == '\0')
		return false;
	memset(&tm, 0, sizeof tm);
	if (sscanf(utc, "%d-%d-%dT%d:%d:%d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec, &z) != 7 || z != 'Z')
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return *out != (time_t)-1;
}

bool health_alert(const struct health *h)
{
	return h->conn.alert;
}

char *health_bytes(long long bytes, char *buf, size_t size)
{
	static const char *const units[] = { "kB", "MB", "GB", "TB", "PB" };
	double v = (double)bytes;
	int u = -1;

	if (bytes < 0)
		bytes = 0;
	if (bytes < 1024) {
		snprintf(buf, size, "%lld B", bytes);
		return buf;
	}
	while (v >= 1024 && u < 4) {
		v /= 1024;
		u++;
	}
	/* one decimal while it says something: 1.2 MB, but 16 kB and 312 MB */
	if (v < 10)
		snprintf(buf, size, "%.1f %s", v, units[u]);
	else
		snprintf(buf, size, "%.0f %s", v, units[u]);
	return buf;
}

char *health_ms(double ms, char *buf, size_t size)
{
	if (ms < 0)
		ms = 0;
	if (ms < 10)
		snprintf(buf, size, "%.2f ms", ms);
	else if (ms < 1000)
		snprintf(buf, size, "%.1f ms", ms);
	else if (ms < 10000)
		snprintf(buf, size, "%.2f s", ms / 1000);
	else if (ms < 60000)
		snprintf(buf, size, "%.1f s", ms / 1000);
	else
		snprintf(buf, size, "%.1f min", ms / 60000);
	return buf;
}

char *health_one_line(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	bool space = false;

	if (size == 0)
		return buf;
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = n > 0;
			continue;
		}
		if (space) {
			if (n + 1 >= size)
				break;
			buf[n++] = ' ';
			space = false;
		}
		if (n + 1 >= size)
			break;
		buf[n++] = *s;
	}
	/* never half a UTF-8 character at a cut: drop a last character whose lead
	 * byte promises more bytes than made it */
	if (s != NULL && *s != '\0') {
		size_t lead = n;
		while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0) {
			unsigned char c = (unsigned char)buf[lead - 1];
			size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (n - (lead - 1) < want)
				n = lead - 1;
		}
	}
	buf[n] = '\0';
	return buf;
}
