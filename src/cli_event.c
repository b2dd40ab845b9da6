/* cli_event: event set-up, kills and shifts from the command line. */
#include "cli_event.h"

#include "db.h"
#include "events.h"
#include "money.h"
#include "seatmap.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool words(int n, const char *const w[], int from, int lo, int hi, const char *usage,
		  struct cli_options *o, struct err *e)
{
	if (n - from < lo || n - from > hi)
		return err_set(e, ERR_USAGE, "usage: %s", usage);
	for (int i = from; i < n; i++)
		o->words[o->nwords++] = w[i];
	return true;
}

bool cli_event_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	static const struct {
		const char *w0, *w1;
		enum cli_command cmd;
		int lo, hi;
		const char *usage;
	} cmds[] = {
		{ "event", "create", CLI_EVENT_CREATE, 0, 0,
		  "event create --venue VENUE --title TITLE --start \"2026-12-24 19:30\" [--publish]" },
		{ "event", "section", CLI_EVENT_SECTION, 2, 2,
		  "event section EVENT SECTION [--active|--inactive] [--capacity N|--no-capacity]" },
		{ "event", "tier", CLI_EVENT_TIER, 4, 5, "event tier EVENT SECTION NAME PRICE [FEE]" },
		{ "event", "publish", CLI_EVENT_PUBLISH, 1, 1, "event publish EVENT" },
		{ "event", "close", CLI_EVENT_CLOSE, 1, 1, "event close EVENT" },
		{ "kill", NULL, CLI_KILL, 1, 1, "kill EVENT --section S --seats \"A1-A4\" --reason WHY" },
		{ "unkill", NULL, CLI_UNKILL, 1, 1, "unkill EVENT --section S --seats \"A1-A4\"" },
		{ "shift", "open", CLI_SHIFT_OPEN, 1, 1, "shift open FLOAT" },
		{ "shift", "close", CLI_SHIFT_CLOSE, 0, 0, "shift close --cash AMOUNT --card AMOUNT" },
		{ "shift", "report", CLI_SHIFT_REPORT, 0, 1, "shift report [SHIFT]" },
		{ "shift", "sign-off", CLI_SHIFT_SIGN_OFF, 1, 1, "shift sign-off SHIFT [--note WHY]" },
	};
	bool known = false;

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(w[0], cmds[i].w0) != 0)
			continue;
		known = true;
		if (cmds[i].w1 != NULL && (n < 2 || strcmp(w[1], cmds[i].w1) != 0))
			continue;
		o->command = cmds[i].cmd;
		return words(n, w, cmds[i].w1 != NULL ? 2 : 1, cmds[i].lo, cmds[i].hi, cmds[i].usage,
			     o, e);
	}
	if (known && strcmp(w[0], "event") == 0)
		return err_set(e, ERR_USAGE, "event needs one of: create, section, tier, publish, close");
	if (known)
		return err_set(e, ERR_USAGE, "shift needs one of: open, close, report, sign-off");
	return err_set(e, ERR_USAGE, "unknown command \"%s\"", w[0]);
}

static bool amount_ok(const char *s, const char *what, struct err *e)
{
	int64_t c;
	struct err pe;

	if (s != NULL && !money_parse(s, &c, &pe))
		return err_set(e, ERR_USAGE, "%s: %s", what, pe.msg);
	return true;
}

bool cli_event_check(const struct cli_options *o, struct err *e)
{
	enum cli_command c = o->command;
	bool create = c == CLI_EVENT_CREATE, section = c == CLI_EVENT_SECTION;

	if (!create && (o->venue || o->title || o->start || o->publish))
		return err_set(e, ERR_USAGE, "--venue, --title, --start and --publish are for event create");
	if (!section && (o->active || o->capacity || o->no_capacity))
		return err_set(e, ERR_USAGE, "--active, --inactive, --capacity and --no-capacity are "
			       "for event section");
	if (c != CLI_SHIFT_CLOSE && (o->cash || o->card))
		return err_set(e, ERR_USAGE, "--cash and --card are for shift close");
	if (c != CLI_SHIFT_SIGN_OFF && o->note)
		return err_set(e, ERR_USAGE, "--note is for shift sign-off");
	if (create && (!o->venue || !o->title || !o->start))
		return err_set(e, ERR_USAGE, "event create needs --venue, --title and --start");
	if (section && o->capacity && o->no_capacity)
		return err_set(e, ERR_USAGE, "--capacity N or --no-capacity, not both");
	if (section && o->capacity) {
		char *end;
		long long v = strtoll(o->capacity, &end, 10);
		if (o->capacity[0] < '0' || o->capacity[0] > '9' || *end || v > 2147483647LL)
			return err_set(e, ERR_USAGE, "--capacity must be a whole number, got \"%s\"",
				       o->capacity);
	}
	if ((c == CLI_KILL || c == CLI_UNKILL) && (!o->seats || !o->section))
		return err_set(e, ERR_USAGE, "%s needs --section SECTION and --seats \"A1-A4\"",
			       c == CLI_KILL ? "kill" : "unkill");
	if (c == CLI_KILL && !o->reason)
		return err_set(e, ERR_USAGE, "kill needs --reason (house seats, production kill, "
			       "broken seat…)");
	if (c == CLI_UNKILL && o->reason)
		return err_set(e, ERR_USAGE, "--reason is for kill, not unkill");
	if (c == CLI_SHIFT_CLOSE && (!o->cash || !o->card))
		return err_set(e, ERR_USAGE, "shift close needs the counted --cash and --card");
	if (c == CLI_EVENT_TIER && (!amount_ok(o->words[3], "the price", e) ||
				    !amount_ok(o->nwords > 4 ? o->words[4] : NULL, "the fee", e)))
		return false;
	return (c != CLI_SHIFT_OPEN || amount_ok(o->words[0], "the float", e)) &&
	       amount_ok(o->cash, "--cash", e) && amount_ok(o->card, "--card", e);
}

/* ---- running ---- */

/* The database's form of an amount the person typed ("1,234.5" → "1234.50"). */
static bool amount(const char *s, char buf[32], struct err *e)
{
	int64_t c;

	if (!money_parse(s, &c, e))
		return false;
	money_text(c, buf, 32);
	return true;
}

struct rows {
	char v[8][128];
	int n, ncols;
};

static bool keep_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct rows *r = ctx;

	(void)e;
	if (r->n++ == 0) {
		r->ncols = ncols < 8 ? ncols : 8;
		for (int i = 0; i < r->ncols; i++)
			snprintf(r->v[i], sizeof r->v[i], "%s", v[i] != NULL ? v[i] : "");
	}
	return true;
}

/* One id by a lookup query with one or two parameters; what names it in the
 * error. */
static bool find_one(struct db *db, const char *sql, int np, const char *const *p,
		     const char *what, const char *key, char id[EVENT_ID_SIZE], struct err *e)
{
	struct rows r = { .n = 0 };

	if (!db_query(db, sql, np, p, keep_row, &r, e))
		return false;
	if (r.n == 0)
		return err_set(e, ERR_INPUT, "No %s \"%s\" in your organisation.", what, key);
	if (r.n > 1)
		return err_set(e, ERR_INPUT, "Several %ss match \"%s\"; give its id.", what, key);
	snprintf(id, EVENT_ID_SIZE, "%.36s", r.v[0]);
	return true;
}

static bool find_section(struct db *db, const char *event, const char *key,
			 char id[EVENT_ID_SIZE], struct err *e)
{
	const char *p[] = { event, key };

	return find_one(db, "SELECT s.id FROM sections s JOIN events e ON e.venue_id = s.venue_id "
			"WHERE e.id = $1 AND NOT s.deleted "
			"AND (s.id::text = lower($2) OR lower(s.name) = lower($2)) LIMIT 2",
			2, p, "section", key, id, e);
}

static bool find_shift(struct db *db, const char *key, char id[EVENT_ID_SIZE], struct err *e)
{
	const char *p[] = { key };

	if (strlen(key) < 8 || strlen(key) > 36 || strspn(key, "0123456789abcdefABCDEF-") != strlen(key))
		return err_set(e, ERR_USAGE, "a shift is its id (at least its first 8 characters), "
			       "not \"%s\"", key);
	return find_one(db, "SELECT id FROM shifts WHERE id::text LIKE lower($1) || '%' LIMIT 2",
			1, p, "shift", key, id, e);
}

static bool event_create(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char venue[EVENT_ID_SIZE], id[EVENT_ID_SIZE];
	const char *pv[] = { o->venue };
	const char *p[4] = { venue, o->title, o->start, o->publish ? "t" : "f" };

	if (!find_one(db, "SELECT id FROM venues WHERE NOT deleted "
		      "AND (id::text = lower($1) OR name = $1) LIMIT 2", 1, pv, "venue", o->venue,
		      venue, e) ||
	    !db_query_text(db, "SELECT create_event($1, $2, $3::timestamptz, $4::boolean)", 4, p, id,
			   sizeof id, e))
		return false;
	fprintf(out, "event %s created (%s): %s\n", id, o->publish ? "published" : "draft", o->title);
	return true;
}

static bool event_section(struct db *db, const char *event, const struct cli_options *o,
			  FILE *out, struct err *e)
{
	char sec[EVENT_ID_SIZE];
	struct rows cur = { .n = 0 }, r = { .n = 0 };
	const char *p[4] = { event, sec, NULL, NULL };

	if (!find_section(db, event, o->words[1], sec, e) ||
	    !db_query(db, "SELECT is_active, custom_capacity FROM event_sections "
		      "WHERE event_id = $1 AND section_id = $2", 2, p, keep_row, &cur, e))
		return false;
	/* what is not said stays as it is */
	p[2] = o->active > 0 ? "t" : o->active < 0 ? "f" : cur.n > 0 ? cur.v[0] : "f";
	p[3] = o->capacity ? o->capacity : o->no_capacity ? NULL
	       : cur.n > 0 && cur.v[1][0] ? cur.v[1] : NULL;
	if (!db_query(db, "SELECT is_active, capacity, sold, held "
		      "FROM set_event_section($1, $2, $3::boolean, $4::integer)",
		      4, p, keep_row, &r, e))
		return false;
	fprintf(out, "%s: %s, capacity %s, sold %s, held %s\n", o->words[1],
		strcmp(r.v[0], "t") == 0 ? "on sale" : "not on sale", r.v[1][0] ? r.v[1] : "-",
		r.v[2], r.v[3]);
	return true;
}

static bool event_tier(struct db *db, const char *event, const struct cli_options *o, FILE *out,
		       struct err *e)
{
	char sec[EVENT_ID_SIZE], price[32], fee[32] = "0.00", id[EVENT_ID_SIZE];
	const char *p[] = { event, sec, o->words[2], price, fee };

	if (!find_section(db, event, o->words[1], sec, e) || !amount(o->words[3], price, e) ||
	    (o->nwords > 4 && !amount(o->words[4], fee, e)) ||
	    !db_query_text(db, "SELECT set_tier($1, $2, $3, $4::numeric, $5::numeric)", 5, p, id,
			   sizeof id, e))
		return false;
	fprintf(out, "tier %s in %s: price %s, fee %s (%s)\n", o->words[2], o->words[1], price, fee, id);
	return true;
}

static bool event_status(struct db *db, const char *event, bool publish, FILE *out, struct err *e)
{
	const char *p[] = { event };
	char st[32];

	if (!db_query_text(db, publish ? "SELECT publish_event($1)" : "SELECT close_sales($1)", 1, p,
			   st, sizeof st, e))
		return false;
	fprintf(out, "event %s is %s\n", event, st);
	return true;
}

static bool kill_or_release(struct db *db, const char *event, const struct cli_options *o, FILE *out,
		 struct err *e)
{
	struct seatmap m;
	int *idx = NULL, sec = -1;
	size_t n = 0, len = 3;
	char *arr = NULL, count[16];
	bool ok;

	if (!seatmap_load(db, event, NULL, NULL, &m, e))
		return false;
	for (size_t i = 0; i < m.nsections; i++)
		if (strcasecmp(m.sections[i].name, o->section) == 0 || strcmp(m.sections[i].id, o->section) == 0)
			sec = (int)i;
	ok = sec >= 0 || err_set(e, ERR_INPUT, "No section \"%s\" in this event.", o->section);
	ok = ok && seatmap_parse_range(&m, sec, o->seats, &idx, &n, e);
	if (ok && (arr = malloc(len + n * SEATMAP_ID_SIZE)) == NULL)
		ok = err_set(e, ERR_NOMEM, "Out of memory.");
	if (ok) {
		char *w = arr;
		*w++ = '{';
		for (size_t i = 0; i < n; i++)
			w += sprintf(w, "%s%s", i ? "," : "", m.seats[idx[i]].id);
		strcpy(w, "}");
	}
	if (ok) {
		const char *p[] = { event, arr, o->reason };
		ok = db_query_text(db, o->command == CLI_KILL
				   ? "SELECT kill_seats($1, $2::uuid[], $3)"
				   : "SELECT release_kills($1, $2::uuid[])",
				   o->command == CLI_KILL ? 3 : 2, p, count, sizeof count, e);
	}
	if (ok && o->command == CLI_KILL)
		fprintf(out, "%s seat%s of %s taken off sale: %s\n", count, strcmp(count, "1") ? "s" : "",
			m.sections[sec].name, o->reason);
	else if (ok)
		fprintf(out, "%s seat%s of %s back on sale\n", count, strcmp(count, "1") ? "s" : "",
			m.sections[sec].name);
	free(arr);
	free(idx);
	seatmap_free(&m);
	return ok;
}

static bool shift_open(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char fl[32], id[EVENT_ID_SIZE];
	const char *p[] = { fl };

	if (!amount(o->words[0], fl, e) ||
	    !db_query_text(db, "SELECT open_shift($1::numeric)", 1, p, id, sizeof id, e))
		return false;
	fprintf(out, "shift %s open with a float of %s\n", id, fl);
	return true;
}

static bool shift_close(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char cash[32], card[32];
	const char *p[] = { cash, card };
	struct rows r = { .n = 0 };

	if (!amount(o->cash, cash, e) || !amount(o->card, card, e) ||
	    !db_query(db, "SELECT shift_id, opened_at, closed_at, counted_cash, counted_card "
		      "FROM close_shift($1::numeric, $2::numeric)", 2, p, keep_row, &r, e))
		return false;
	fprintf(out, "shift %s closed (%s to %s): counted cash %s, card %s\n", r.v[0], r.v[1], r.v[2],
		r.v[3], r.v[4]);
	return true;
}

struct report {
	FILE *out;
	int n;
};

static bool report_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	static const char *const names[] = {
		"shift", "login", "name", "opened", "closed", "float",
		"cash payments", "cash taken", "expected cash", "counted cash", "variance cash",
		"card payments", "card taken", "expected card", "counted card", "variance card",
		"comps", "cancelled tickets", "cancelled face value",
		"signed off by", "signed off at", "note",
	};
	struct report *r = ctx;

	if (ncols != (int)(sizeof names / sizeof names[0]))
		return err_set(e, ERR_DB, "The shift report from the database has an unexpected shape.");
	r->n++;
	for (int i = 0; i < ncols; i++)
		fprintf(r->out, "%-21s %s\n", names[i], v[i] != NULL ? v[i] : "-");
	return true;
}

static bool shift_report(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char id[EVENT_ID_SIZE];
	const char *p[] = { id };
	struct report r = { out, 0 };

	if (o->nwords == 0) {
		if (!db_query_text(db, "SELECT COALESCE((SELECT id::text FROM shifts "
				   "WHERE staff_login = session_user ORDER BY opened_at DESC LIMIT 1), '')",
				   0, NULL, id, sizeof id, e))
			return false;
		if (id[0] == '\0')
			return err_set(e, ERR_INPUT, "You have had no shift yet.");
	} else if (!find_shift(db, o->words[0], id, e)) {
		return false;
	}
	return db_query(db, "SELECT shift_id, staff_login, display_name, opened_at, closed_at, "
			"float_amount, cash_payments, cash_taken, expected_cash, counted_cash, "
			"variance_cash, card_payments, card_taken, expected_card, counted_card, "
			"variance_card, comp_payments, cancelled_tickets, cancelled_face_value, "
			"signed_off_by, signed_off_at, note FROM shift_report($1)",
			1, p, report_row, &r, e);
}

static bool shift_sign_off(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char id[EVENT_ID_SIZE], at[64];
	const char *p[] = { id, o->note };

	if (!find_shift(db, o->words[0], id, e) ||
	    !db_query_text(db, "SELECT sign_off_shift($1, $2)", 2, p, at, sizeof at, e))
		return false;
	fprintf(out, "shift %s signed off at %s\n", id, at);
	return true;
}

static bool run(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char event[EVENT_ID_SIZE];
	enum cli_command c = o->command;

	if (c == CLI_EVENT_CREATE)
		return event_create(db, o, out, e);
	if (c >= CLI_SHIFT_OPEN) {
		switch (c) {
		case CLI_SHIFT_OPEN: return shift_open(db, o, out, e);
		case CLI_SHIFT_CLOSE: return shift_close(db, o, out, e);
		case CLI_SHIFT_REPORT: return shift_report(db, o, out, e);
		default: return shift_sign_off(db, o, out, e);
		}
	}
	if (!events_find(db, o->words[0], false, event, e))
		return false;
	switch (c) {
	case CLI_EVENT_SECTION: return event_section(db, event, o, out, e);
	case CLI_EVENT_TIER: return event_tier(db, event, o, out, e);
	case CLI_EVENT_PUBLISH: return event_status(db, event, true, out, e);
	case CLI_EVENT_CLOSE: return event_status(db, event, false, out, e);
	default: return kill_or_release(db, event, o, out, e);
	}
}

int cli_event_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db;
	bool ok;

	err_clear(&e);
	if ((db = db_connect(o->conninfo, &e)) == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	ok = run(db, o, out, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
