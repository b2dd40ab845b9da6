/* cli_stats: an event's figures as text, JSON or CSV. */
#include "cli_stats.h"

#include "db.h"
#include "events.h"
#include "money.h"
#include "stats.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

bool cli_stats_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (n != 2)
		return err_set(e, ERR_USAGE, "stats needs one event (a title or id): stats EVENT");
	o->command = CLI_STATS;
	o->words[0] = w[1];
	o->nwords = 1;
	return true;
}

bool cli_stats_check(const struct cli_options *o, struct err *e)
{
	if (o->command != CLI_STATS) {
		if (o->csv || o->refresh)
			return err_set(e, ERR_USAGE, "--csv and --refresh are for stats");
		return true;
	}
	if (o->json && o->csv)
		return err_set(e, ERR_USAGE, "stats prints --json or --csv, not both");
	return true;
}

/* ---- text ---- */

static void bar(FILE *out, long long part, long long whole, int width)
{
	int n = whole > 0 ? (int)((part * width + whole / 2) / whole) : 0;

	if (n > width)
		n = width;
	for (int i = 0; i < width; i++)
		fputc(i < n ? '#' : '.', out);
}

static void print_text(FILE *out, const struct stats *s)
{
	char a[32], b[32], c[32];
	int max_hour = 0;

	fprintf(out, "%s, %s (event %s)\n", s->title, s->start, s->event_id);
	fprintf(out, "figures as of %s%s\n", s->as_of[0] ? s->as_of : "never refreshed",
		s->as_of[0] ? "" : " (supervisors: stats EVENT --refresh)");
	fprintf(out, "orders %d, tickets sold %d, gross %s, fees %s, net %s\n", s->orders,
		s->tickets_sold, money_show(s->gross, a, sizeof a), money_show(s->fees, b, sizeof b),
		money_show(s->net, c, sizeof c));
	if (s->have_admissions)
		fprintf(out, "scanned in %d of %d live tickets%s%s\n", s->scanned, s->tickets_live,
			s->last_scan[0] ? ", last at " : "", s->last_scan);
	fprintf(out, "\nsections (live)           capacity   sold   held  off sale   free\n");
	for (size_t i = 0; i < s->nsections; i++) {
		const struct stats_section *x = &s->sections[i];
		fprintf(out, "  %-22.22s %9d %6d %6d %9d %6d  ", x->name, x->capacity, x->sold, x->held,
			x->killed, x->free);
		bar(out, x->sold, x->capacity, 20);
		fprintf(out, "%s%s\n", x->general ? " standing" : "", x->active ? "" : " (not on sale)");
	}
	for (size_t i = 0; i < s->nhours; i++)
		if (s->hours[i].tickets > max_hour)
			max_hour = s->hours[i].tickets;
	fprintf(out, "\nsales per hour (UTC)    orders tickets        gross\n");
	if (s->nhours == 0)
		fprintf(out, "  none\n");
	for (size_t i = 0; i < s->nhours; i++) {
		const struct stats_hour *h = &s->hours[i];
		fprintf(out, "  %-20s %6d %7d %12s  ", h->hour, h->orders, h->tickets,
			money_show(h->gross, a, sizeof a));
		bar(out, h->tickets, max_hour, 20);
		fputc('\n', out);
	}
	if (!s->have_breakdown) {
		fprintf(out, "\npayments by method and clerk: not shown to your role\n");
		return;
	}
	fprintf(out, "\npayments   clerk                orders payments       amount\n");
	if (s->npayments == 0)
		fprintf(out, "  none\n");
	for (size_t i = 0; i < s->npayments; i++) {
		const struct stats_payments *p = &s->payments[i];
		fprintf(out, "  %-8s %-20.20s %6d %8d %12s\n", p->method, p->clerk, p->orders,
			p->payments, money_show(p->amount, a, sizeof a));
	}
}

/* ---- JSON ---- */

static void add_money(cJSON *o, const char *key, int64_t cents)
{
	char buf[32];

	cJSON_AddStringToObject(o, key, money_text(cents, buf, sizeof buf));
}

static void add_time(cJSON *o, const char *key, const char *t)
{
	if (t[0])
		cJSON_AddStringToObject(o, key, t);
	else
		cJSON_AddNullToObject(o, key);
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

static bool print_json(FILE *out, const struct stats *s)
{
	cJSON *root = cJSON_CreateObject(), *t, *arr, *o;
	char *text;

	if (root == NULL)
		return false;
	cJSON_AddStringToObject(root, "event_id", s->event_id);
	cJSON_AddStringToObject(root, "title", s->title);
	add_time(root, "start", s->start);
	add_time(root, "as_of", s->as_of);
	if ((t = cJSON_AddObjectToObject(root, "totals")) != NULL) {
		cJSON_AddNumberToObject(t, "orders", s->orders);
		cJSON_AddNumberToObject(t, "tickets_sold", s->tickets_sold);
		add_money(t, "gross", s->gross);
		add_money(t, "fees", s->fees);
		add_money(t, "net", s->net);
	}
	if (s->have_admissions && (t = cJSON_AddObjectToObject(root, "admissions")) != NULL) {
		cJSON_AddNumberToObject(t, "tickets_live", s->tickets_live);
		cJSON_AddNumberToObject(t, "scanned", s->scanned);
		add_time(t, "last_scan", s->last_scan);
	}
	if ((arr = cJSON_AddArrayToObject(root, "sections")) != NULL)
		for (size_t i = 0; i < s->nsections; i++) {
			const struct stats_section *x = &s->sections[i];
			if ((o = add_row(arr)) == NULL)
				break;
			cJSON_AddStringToObject(o, "id", x->id);
			cJSON_AddStringToObject(o, "name", x->name);
			cJSON_AddStringToObject(o, "type", x->general ? "GENERAL" : "NUMBERED");
			cJSON_AddBoolToObject(o, "active", x->active);
			cJSON_AddNumberToObject(o, "capacity", x->capacity);
			cJSON_AddNumberToObject(o, "sold", x->sold);
			cJSON_AddNumberToObject(o, "held", x->held);
			cJSON_AddNumberToObject(o, "killed", x->killed);
			cJSON_AddNumberToObject(o, "free", x->free);
		}
	if ((arr = cJSON_AddArrayToObject(root, "hours")) != NULL)
		for (size_t i = 0; i < s->nhours; i++) {
			if ((o = add_row(arr)) == NULL)
				break;
			cJSON_AddStringToObject(o, "hour", s->hours[i].hour);
			cJSON_AddNumberToObject(o, "orders", s->hours[i].orders);
			cJSON_AddNumberToObject(o, "tickets", s->hours[i].tickets);
			add_money(o, "gross", s->hours[i].gross);
		}
	if (!s->have_breakdown)
		cJSON_AddNullToObject(root, "payments");
	else if ((arr = cJSON_AddArrayToObject(root, "payments")) != NULL)
		for (size_t i = 0; i < s->npayments; i++) {
			if ((o = add_row(arr)) == NULL)
				break;
			cJSON_AddStringToObject(o, "method", s->payments[i].method);
			cJSON_AddStringToObject(o, "clerk", s->payments[i].clerk);
			cJSON_AddNumberToObject(o, "orders", s->payments[i].orders);
			cJSON_AddNumberToObject(o, "payments", s->payments[i].payments);
			add_money(o, "amount", s->payments[i].amount);
		}
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return false;
	fprintf(out, "%s\n", text);
	free(text);
	return true;
}

/* ---- CSV: kind,key,field,value ---- */

static void csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void csv(FILE *out, const char *kind, const char *key, const char *field, const char *val)
{
	csv_field(out, kind);
	fputc(',', out);
	csv_field(out, key);
	fputc(',', out);
	csv_field(out, field);
	fputc(',', out);
	csv_field(out, val);
	fputs("\r\n", out);
}

static void csv_int(FILE *out, const char *kind, const char *key, const char *field, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	csv(out, kind, key, field, buf);
}

static void csv_money(FILE *out, const char *kind, const char *key, const char *field, int64_t v)
{
	char buf[32];

	csv(out, kind, key, field, money_text(v, buf, sizeof buf));
}

static void print_csv(FILE *out, const struct stats *s)
{
	char key[160];

	csv(out, "kind", "key", "field", "value");
	csv(out, "event", s->event_id, "title", s->title);
	csv(out, "event", s->event_id, "start", s->start);
	csv(out, "event", s->event_id, "as_of", s->as_of);
	csv_int(out, "total", "", "orders", s->orders);
	csv_int(out, "total", "", "tickets_sold", s->tickets_sold);
	csv_money(out, "total", "", "gross", s->gross);
	csv_money(out, "total", "", "fees", s->fees);
	csv_money(out, "total", "", "net", s->net);
	if (s->have_admissions) {
		csv_int(out, "admissions", "", "tickets_live", s->tickets_live);
		csv_int(out, "admissions", "", "scanned", s->scanned);
		csv(out, "admissions", "", "last_scan", s->last_scan);
	}
	for (size_t i = 0; i < s->nsections; i++) {
		const struct stats_section *x = &s->sections[i];
		csv(out, "section", x->name, "type", x->general ? "GENERAL" : "NUMBERED");
		csv(out, "section", x->name, "active", x->active ? "true" : "false");
		csv_int(out, "section", x->name, "capacity", x->capacity);
		csv_int(out, "section", x->name, "sold", x->sold);
		csv_int(out, "section", x->name, "held", x->held);
		csv_int(out, "section", x->name, "killed", x->killed);
		csv_int(out, "section", x->name, "free", x->free);
	}
	for (size_t i = 0; i < s->nhours; i++) {
		csv_int(out, "hour", s->hours[i].hour, "orders", s->hours[i].orders);
		csv_int(out, "hour", s->hours[i].hour, "tickets", s->hours[i].tickets);
		csv_money(out, "hour", s->hours[i].hour, "gross", s->hours[i].gross);
	}
	for (size_t i = 0; s->have_breakdown && i < s->npayments; i++) {
		snprintf(key, sizeof key, "%s/%s", s->payments[i].method, s->payments[i].clerk);
		csv_int(out, "payments", key, "orders", s->payments[i].orders);
		csv_int(out, "payments", key, "payments", s->payments[i].payments);
		csv_money(out, "payments", key, "amount", s->payments[i].amount);
	}
}

int cli_stats_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db;
	struct stats s;
	char event[EVENT_ID_SIZE], as_of[STATS_TIME_SIZE];
	bool ok;

	err_clear(&e);
	if ((db = db_connect(o->conninfo, &e)) == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	ok = events_find(db, o->words[0], false, event, &e) &&
	     (!o->refresh || stats_refresh(db, 1, as_of, &e)) && stats_load(db, event, &s, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if (o->json)
		ok = print_json(out, &s) || err_set(&e, ERR_NOMEM, "Out of memory.");
	else if (o->csv)
		print_csv(out, &s);
	else
		print_text(out, &s);
	stats_free(&s);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
