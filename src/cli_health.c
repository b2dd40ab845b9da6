/* cli_health: the database's health as text for people or JSON for scripts. */
#include "cli_health.h"

#include "db.h"
#include "health.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Rows of each list in the text form (--json has them all). */
#define TEXT_ROWS 10

bool cli_health_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	(void)w;
	if (n != 2)
		return err_set(e, ERR_USAGE, "admin health takes no arguments (only --json)");
	o->command = CLI_ADMIN_HEALTH;
	return true;
}

/* ---- text ---- */

static void seconds(FILE *out, const char *what, double s)
{
	char b[32];

	if (s < 0)
		fprintf(out, "%s none", what);
	else
		fprintf(out, "%s %s", what, health_ms(s * 1000, b, sizeof b));
}

static const char *newest(const char *a, const char *b)
{
	return strcmp(a, b) >= 0 ? a : b;
}

static void more(FILE *out, size_t n, const char *what)
{
	if (n > TEXT_ROWS)
		fprintf(out, "  … %zu more %s (--json lists them all)\n", n - TEXT_ROWS, what);
}

static void print_text(FILE *out, const struct health *h)
{
	const struct health_connections *c = &h->conn;
	char a[32], b[32], q[512];
	size_t unused = 0;

	fprintf(out, "database %s at %s: %s\n", h->database, h->as_of,
		health_alert(h) ? "ALERT" : "ok");
	if (c->alert)
		fprintf(out, "ALERT: %s\n", c->words);
	fprintf(out, "\nconnections: %s; %d in this database\n", c->words, c->this_database);
	fprintf(out, "  active %d, idle %d, idle in transaction %d, other %d; waiting on locks %d\n",
		c->active, c->idle, c->idle_in_transaction, c->other, c->waiting_on_locks);
	seconds(out, "  longest transaction:", c->longest_transaction_s);
	seconds(out, "; longest idle in transaction:", c->longest_idle_in_transaction_s);
	fputc('\n', out);

	fprintf(out, "\nslowest statements (mean time; SLOW: over 100 ms)\n");
	if (h->statements_note != NULL)
		fprintf(out, "  not available: %s\n", h->statements_note);
	else if (h->nstatements == 0)
		fprintf(out, "  none recorded yet\n");
	else
		fprintf(out, "  %10s %10s %8s %8s  query\n", "mean", "max", "calls", "rows");
	for (size_t i = 0; i < h->nstatements && i < TEXT_ROWS; i++) {
		const struct health_statement *s = &h->statements[i];
		fprintf(out, "  %10s %10s %8lld %8lld  %s%s\n", health_ms(s->mean_ms, a, sizeof a),
			health_ms(s->max_ms, b, sizeof b), s->calls, s->rows, s->slow ? "SLOW " : "",
			health_one_line(s->query, q, 120));
	}
	more(out, h->nstatements, "statements");

	fprintf(out, "\ntables (most dead tuples first; VACUUM: over 1000 dead)\n");
	fprintf(out, "  %-28s %9s %9s %6s %9s %9s  last vacuum / analyze\n", "table", "live", "dead",
		"dead%", "size", "bloat~");
	for (size_t i = 0; i < h->ntables && i < TEXT_ROWS; i++) {
		const struct health_table *t = &h->tables[i];
		const char *v = newest(t->last_vacuum, t->last_autovacuum);
		const char *an = newest(t->last_analyze, t->last_autoanalyze);
		char pct[16];

		snprintf(q, sizeof q, "%s.%s", t->schema, t->name);
		if (t->dead_percent < 0)
			snprintf(pct, sizeof pct, "-");
		else
			snprintf(pct, sizeof pct, "%.1f", t->dead_percent);
		fprintf(out, "  %-28s %9lld %9lld %6s %9s %9s  %s / %s%s\n", q, t->live, t->dead, pct,
			health_bytes(t->total_bytes, a, sizeof a), health_bytes(t->bloat_bytes, b, sizeof b),
			v[0] ? v : "never", an[0] ? an : "never", t->needs_vacuum ? "  VACUUM" : "");
	}
	more(out, h->ntables, "tables");

	fprintf(out, "\nindexes (largest first)\n");
	fprintf(out, "  %-44s %-24s %9s %10s\n", "index", "table", "size", "scans");
	for (size_t i = 0; i < h->nindexes && i < TEXT_ROWS; i++) {
		const struct health_index *x = &h->indexes[i];
		fprintf(out, "  %-44s %-24s %9s %10lld%s\n", x->name, x->table,
			health_bytes(x->bytes, a, sizeof a), x->scans,
			x->unused ? (x->keeps_constraint ? "  unused (keeps a constraint)" : "  UNUSED") : "");
	}
	more(out, h->nindexes, "indexes");
	for (size_t i = 0; i < h->nindexes; i++)
		unused += h->indexes[i].unused && !h->indexes[i].keeps_constraint;
	fprintf(out, "unused indexes that keep no constraint: %zu", unused);
	for (size_t i = 0, k = 0; i < h->nindexes; i++)
		if (h->indexes[i].unused && !h->indexes[i].keeps_constraint)
			fprintf(out, "%s%s", k++ == 0 ? ": " : ", ", h->indexes[i].name);
	fputc('\n', out);
}

/* ---- JSON: stable keys; times UTC or null; sizes in bytes, times in ms or s ---- */

static void add_time(cJSON *o, const char *key, const char *t)
{
	if (t[0])
		cJSON_AddStringToObject(o, key, t);
	else
		cJSON_AddNullToObject(o, key);
}

static void add_seconds(cJSON *o, const char *key, double s)
{
	if (s < 0)
		cJSON_AddNullToObject(o, key);
	else
		cJSON_AddNumberToObject(o, key, s);
}

static cJSON *add_row(cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();

	if (o != NULL && !cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static void json_connections(cJSON *root, const struct health_connections *c)
{
	cJSON *o = cJSON_AddObjectToObject(root, "connections");

	if (o == NULL)
		return;
	cJSON_AddNumberToObject(o, "max_connections", c->max);
	cJSON_AddNumberToObject(o, "total", c->total);
	cJSON_AddNumberToObject(o, "this_database", c->this_database);
	cJSON_AddNumberToObject(o, "active", c->active);
	cJSON_AddNumberToObject(o, "idle", c->idle);
	cJSON_AddNumberToObject(o, "idle_in_transaction", c->idle_in_transaction);
	cJSON_AddNumberToObject(o, "other", c->other);
	cJSON_AddNumberToObject(o, "waiting_on_locks", c->waiting_on_locks);
	add_seconds(o, "longest_transaction_seconds", c->longest_transaction_s);
	add_seconds(o, "longest_idle_in_transaction_seconds", c->longest_idle_in_transaction_s);
	cJSON_AddNumberToObject(o, "percent_used", c->percent_used);
	cJSON_AddBoolToObject(o, "alert", c->alert);
	cJSON_AddStringToObject(o, "words", c->words);
}

static void json_statements(cJSON *root, const struct health *h)
{
	cJSON *o = cJSON_AddObjectToObject(root, "statements"), *arr, *r;

	if (o == NULL)
		return;
	cJSON_AddBoolToObject(o, "available", h->statements_note == NULL);
	if (h->statements_note != NULL)
		cJSON_AddStringToObject(o, "note", h->statements_note);
	else
		cJSON_AddNullToObject(o, "note");
	if ((arr = cJSON_AddArrayToObject(o, "slowest")) == NULL)
		return;
	for (size_t i = 0; i < h->nstatements; i++) {
		const struct health_statement *s = &h->statements[i];
		if ((r = add_row(arr)) == NULL)
			return;
		cJSON_AddStringToObject(r, "query", s->query);
		cJSON_AddNumberToObject(r, "calls", (double)s->calls);
		cJSON_AddNumberToObject(r, "mean_ms", s->mean_ms);
		cJSON_AddNumberToObject(r, "max_ms", s->max_ms);
		cJSON_AddNumberToObject(r, "total_ms", s->total_ms);
		cJSON_AddNumberToObject(r, "rows", (double)s->rows);
		cJSON_AddBoolToObject(r, "slow", s->slow);
	}
}

static void json_tables(cJSON *root, const struct health *h)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "tables"), *r;

	for (size_t i = 0; arr != NULL && i < h->ntables; i++) {
		const struct health_table *t = &h->tables[i];
		if ((r = add_row(arr)) == NULL)
			return;
		cJSON_AddStringToObject(r, "schema", t->schema);
		cJSON_AddStringToObject(r, "name", t->name);
		cJSON_AddNumberToObject(r, "live_tuples", (double)t->live);
		cJSON_AddNumberToObject(r, "dead_tuples", (double)t->dead);
		if (t->dead_percent < 0)
			cJSON_AddNullToObject(r, "dead_percent");
		else
			cJSON_AddNumberToObject(r, "dead_percent", t->dead_percent);
		cJSON_AddNumberToObject(r, "total_bytes", (double)t->total_bytes);
		cJSON_AddNumberToObject(r, "bloat_bytes_estimate", (double)t->bloat_bytes);
		cJSON_AddBoolToObject(r, "needs_vacuum", t->needs_vacuum);
		add_time(r, "last_vacuum", t->last_vacuum);
		add_time(r, "last_autovacuum", t->last_autovacuum);
		add_time(r, "last_analyze", t->last_analyze);
		add_time(r, "last_autoanalyze", t->last_autoanalyze);
	}
}

static void json_indexes(cJSON *root, const struct health *h)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "indexes"), *r;

	for (size_t i = 0; arr != NULL && i < h->nindexes; i++) {
		const struct health_index *x = &h->indexes[i];
		if ((r = add_row(arr)) == NULL)
			return;
		cJSON_AddStringToObject(r, "schema", x->schema);
		cJSON_AddStringToObject(r, "table", x->table);
		cJSON_AddStringToObject(r, "name", x->name);
		cJSON_AddNumberToObject(r, "bytes", (double)x->bytes);
		cJSON_AddNumberToObject(r, "scans", (double)x->scans);
		cJSON_AddBoolToObject(r, "unused", x->unused);
		cJSON_AddBoolToObject(r, "keeps_constraint", x->keeps_constraint);
	}
}

static bool print_json(FILE *out, const struct health *h)
{
	cJSON *root = cJSON_CreateObject(), *alerts;
	char *text;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "database", h->database);
	add_time(root, "as_of", h->as_of);
	cJSON_AddStringToObject(root, "status", health_alert(h) ? "alert" : "ok");
	if ((alerts = cJSON_AddArrayToObject(root, "alerts")) != NULL && h->conn.alert)
		cJSON_AddItemToArray(alerts, cJSON_CreateString(h->conn.words));
	json_connections(root, &h->conn);
	json_statements(root, h);
	json_tables(root, h);
	json_indexes(root, h);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return false;
	fprintf(out, "%s\n", text);
	free(text);
	return true;
}

int cli_health_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db;
	struct health h;
	bool ok, alert;

	err_clear(&e);
	if ((db = db_connect(o->conninfo, &e)) == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	ok = health_load(db, &h, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if (o->json)
		ok = print_json(out, &h) || err_set(&e, ERR_NOMEM, "Out of memory.");
	else
		print_text(out, &h);
	alert = health_alert(&h);
	health_free(&h);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return alert ? CLI_EXIT_HEALTH_ALERT : CLI_EXIT_OK;
}
