/* cli_event: event set-up, kills and shifts from the command line. */
#include "cli_event.h"

#include "db.h"
#include "events.h"
#include "kills.h"
#include "money.h"
#include "seatmap.h"
#include "setup.h"
#include "session.h"
#include "shift.h"
#include "shift_pdf.h"

#include <errno.h>
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
		{ "event", "untier", CLI_EVENT_UNTIER, 3, 3, "event untier EVENT SECTION NAME" },
		{ "event", "publish", CLI_EVENT_PUBLISH, 1, 1, "event publish EVENT" },
		{ "event", "close", CLI_EVENT_CLOSE, 1, 1, "event close EVENT" },
		{ "kill", NULL, CLI_KILL, 1, 1, "kill EVENT --section S --seats \"A1-A4\" --reason WHY" },
		{ "unkill", NULL, CLI_UNKILL, 1, 1, "unkill EVENT --section S --seats \"A1-A4\"" },
		{ "shift", "open", CLI_SHIFT_OPEN, 1, 1, "shift open FLOAT" },
		{ "shift", "close", CLI_SHIFT_CLOSE, 0, 0, "shift close --cash AMOUNT --card AMOUNT" },
		{ "shift", "report", CLI_SHIFT_REPORT, 0, 1,
		  "shift report [SHIFT] [--pdf FILE] [--print [--printer P]]" },
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
		return err_set(e, ERR_USAGE, "event needs one of: create, section, tier, untier, publish, "
			       "close");
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
	if (c != CLI_SHIFT_REPORT && (o->pdf || o->print))
		return err_set(e, ERR_USAGE, "--pdf and --print are for shift report");
	if (c == CLI_SHIFT_REPORT && o->printer && !o->print)
		return err_set(e, ERR_USAGE, "--printer goes with --print");
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

/* The event as set-up sees it, and its section named key. */
static bool event_section_of(struct db *db, const char *event, const char *key,
			     struct setup_detail *d, int *sec, struct err *e)
{
	if (!setup_detail_load(db, event, d, e))
		return false;
	*sec = setup_find_section(d, key);
	if (*sec >= 0)
		return true;
	if (*sec == -2)
		err_set(e, ERR_INPUT, "Several sections match \"%s\"; give its id.", key);
	else
		err_set(e, ERR_INPUT, "No section \"%s\" in the venue of this event.", key);
	setup_detail_free(d);
	return false;
}

static bool event_create(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct setup_venues v;
	char id[EVENT_ID_SIZE];
	const char *venue = NULL;
	time_t start;
	int n = 0;
	bool ok;
	struct err pe;

	if (!setup_parse_start(o->start, &start, &pe))
		return err_set(e, ERR_USAGE, "--start: %s", pe.msg);
	if (!setup_venues_load(db, &v, e))
		return false;
	for (size_t i = 0; i < v.n; i++)
		if (strcasecmp(v.items[i].id, o->venue) == 0 || strcmp(v.items[i].name, o->venue) == 0) {
			venue = v.items[i].id;
			n++;
		}
	if (n == 0)
		ok = err_set(e, ERR_INPUT, "No venue \"%s\" in your organisation.", o->venue);
	else if (n > 1)
		ok = err_set(e, ERR_INPUT, "Several venues match \"%s\"; give its id.", o->venue);
	else
		ok = setup_create(db, venue, o->title, start, o->publish, id, e);
	setup_venues_free(&v);
	if (ok)
		fprintf(out, "event %s created (%s): %s\n", id, o->publish ? "published" : "draft",
			o->title);
	return ok;
}

static bool event_section(struct db *db, const char *event, const struct cli_options *o,
			  FILE *out, struct err *e)
{
	struct setup_detail d;
	struct setup_section r;
	const struct setup_section *cur;
	int sec, cap;
	bool active;

	if (!event_section_of(db, event, o->words[1], &d, &sec, e))
		return false;
	cur = &d.sections[sec];
	/* what is not said stays as it is */
	active = o->active > 0 ? true : o->active < 0 ? false : cur->active;
	cap = o->capacity ? (int)strtol(o->capacity, NULL, 10) : o->no_capacity ? -1 : cur->override;
	if (setup_section(db, event, cur->id, active, cap, &r, e))
		fprintf(out, "%s: %s, capacity %d, sold %d, held %d\n", o->words[1],
			r.active ? "on sale" : "not on sale", r.capacity, r.sold, r.held);
	else
		sec = -1;
	setup_detail_free(&d);
	return sec >= 0;
}

static bool event_tier(struct db *db, const char *event, const struct cli_options *o, FILE *out,
		       struct err *e)
{
	struct setup_detail d;
	char id[EVENT_ID_SIZE], pt[32], ft[32];
	int64_t price, fee = 0;
	int sec;
	bool ok;

	if (!money_parse(o->words[3], &price, e) || (o->nwords > 4 && !money_parse(o->words[4], &fee, e)) ||
	    !event_section_of(db, event, o->words[1], &d, &sec, e))
		return false;
	ok = setup_tier(db, event, d.sections[sec].id, o->words[2], price, fee, id, e);
	if (ok)
		fprintf(out, "tier %s in %s: price %s, fee %s (%s)\n", o->words[2], o->words[1],
			money_text(price, pt, sizeof pt), money_text(fee, ft, sizeof ft), id);
	setup_detail_free(&d);
	return ok;
}

static bool event_untier(struct db *db, const char *event, const struct cli_options *o, FILE *out,
			 struct err *e)
{
	struct setup_detail d;
	const struct setup_tier *hit = NULL;
	int sec;
	bool ok;

	if (!event_section_of(db, event, o->words[1], &d, &sec, e))
		return false;
	for (size_t i = 0; i < d.ntiers; i++)
		if (strcmp(d.tiers[i].section_id, d.sections[sec].id) == 0 &&
		    strcmp(d.tiers[i].name, o->words[2]) == 0)
			hit = &d.tiers[i];
	if (hit == NULL)
		ok = err_set(e, ERR_INPUT, "No price tier \"%s\" in %s for this event.", o->words[2],
			     d.sections[sec].name);
	else
		ok = setup_delete_tier(db, hit->id, e);
	if (ok)
		fprintf(out, "tier %s in %s deleted\n", o->words[2], d.sections[sec].name);
	setup_detail_free(&d);
	return ok;
}

static bool event_status(struct db *db, const char *event, bool publish, FILE *out, struct err *e)
{
	enum setup_status st;

	if (!(publish ? setup_publish(db, event, &st, e) : setup_close(db, event, &st, e)))
		return false;
	fprintf(out, "event %s is %s\n", event, setup_status_name(st));
	return true;
}

static bool kill_or_release(struct db *db, const char *event, const struct cli_options *o, FILE *out,
		 struct err *e)
{
	struct seatmap m;
	int *idx = NULL, sec = -1, count = 0;
	size_t n = 0;
	const char **ids = NULL;
	bool ok;

	if (!seatmap_load(db, event, NULL, NULL, &m, e))
		return false;
	for (size_t i = 0; i < m.nsections; i++)
		if (strcasecmp(m.sections[i].name, o->section) == 0 || strcmp(m.sections[i].id, o->section) == 0)
			sec = (int)i;
	ok = sec >= 0 || err_set(e, ERR_INPUT, "No section \"%s\" in this event.", o->section);
	ok = ok && seatmap_parse_range(&m, sec, o->seats, &idx, &n, e);
	if (ok && (ids = calloc(n + 1, sizeof *ids)) == NULL)
		ok = err_set(e, ERR_NOMEM, "Out of memory.");
	for (size_t i = 0; ok && i < n; i++)
		ids[i] = m.seats[idx[i]].id;
	if (ok && o->command == CLI_KILL)
		ok = kills_kill(db, event, ids, n, o->reason, NULL, &count, e);
	else if (ok)
		ok = kills_release(db, event, ids, n, NULL, &count, e);
	if (ok && o->command == CLI_KILL)
		fprintf(out, "%d seat%s of %s taken off sale: %s\n", count, count != 1 ? "s" : "",
			m.sections[sec].name, o->reason);
	else if (ok)
		fprintf(out, "%d seat%s of %s back on sale\n", count, count != 1 ? "s" : "",
			m.sections[sec].name);
	free(ids);
	free(idx);
	seatmap_free(&m);
	return ok;
}

static bool shift_open_cmd(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char fl[32], id[SHIFT_ID_SIZE];
	int64_t c;

	if (!money_parse(o->words[0], &c, e) || !shift_open(db, c, id, e))
		return false;
	fprintf(out, "shift %s open with a float of %s\n", id, money_text(c, fl, sizeof fl));
	return true;
}

static bool shift_close_cmd(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct shift_closed r;
	int64_t cash, card;
	char a[32], b[32];

	if (!money_parse(o->cash, &cash, e) || !money_parse(o->card, &card, e) ||
	    !shift_close(db, cash, card, &r, e))
		return false;
	fprintf(out, "shift %s closed (%s to %s): counted cash %s, card %s\n", r.id, r.opened_at,
		r.closed_at, money_text(r.counted_cash, a, sizeof a),
		money_text(r.counted_card, b, sizeof b));
	return true;
}

/* The report as "name value" lines, "-" for what is not there (yet). */
static void report_text(const struct shift_report *r, FILE *out)
{
	char v[22][48];
	const char *const names[] = {
		"shift", "login", "name", "opened", "closed", "float",
		"cash payments", "cash taken", "expected cash", "counted cash", "variance cash",
		"card payments", "card taken", "expected card", "counted card", "variance card",
		"comps", "cancelled tickets", "cancelled face value",
		"signed off by", "signed off at", "note",
	};
	const char *val[22] = {
		r->id, r->login, r->name, r->opened_at, r->closed_at,
		money_text(r->float_amount, v[5], sizeof v[5]), v[6],
		money_text(r->cash_taken, v[7], sizeof v[7]), money_text(r->expected_cash, v[8], sizeof v[8]),
		r->counted ? money_text(r->counted_cash, v[9], sizeof v[9]) : "",
		r->counted ? money_text(r->variance_cash, v[10], sizeof v[10]) : "", v[11],
		money_text(r->card_taken, v[12], sizeof v[12]), money_text(r->expected_card, v[13], sizeof v[13]),
		r->counted ? money_text(r->counted_card, v[14], sizeof v[14]) : "",
		r->counted ? money_text(r->variance_card, v[15], sizeof v[15]) : "", v[16], v[17],
		money_text(r->cancelled_face_value, v[18], sizeof v[18]),
		r->signed_off_by, r->signed_off_at, r->note,
	};

	snprintf(v[6], sizeof v[6], "%ld", r->cash_payments);
	snprintf(v[11], sizeof v[11], "%ld", r->card_payments);
	snprintf(v[16], sizeof v[16], "%ld", r->comp_payments);
	snprintf(v[17], sizeof v[17], "%ld", r->cancelled_tickets);
	for (int i = 0; i < 22; i++)
		fprintf(out, "%-21s %s\n", names[i], val[i][0] != '\0' ? val[i] : "-");
}

/* --pdf FILE ("-": standard output) and --print [--printer P]. */
static bool report_out(struct db *db, const struct shift_report *r, const struct cli_options *o,
		       FILE *out, struct err *e)
{
	struct session s;
	char *pdf = NULL, printer[128];
	size_t len = 0;
	int job;
	bool ok = true;

	if (!session_load(db, &s, e))
		return false;
	if (o->pdf != NULL && (ok = shift_pdf_render(r, s.org, &pdf, &len, e))) {
		bool to_out = strcmp(o->pdf, "-") == 0;
		FILE *f = to_out ? out : fopen(o->pdf, "wb");

		if (f == NULL || fwrite(pdf, 1, len, f) != len || (to_out ? fflush(f) : fclose(f)) != 0)
			ok = err_set(e, ERR_IO, "Cannot write the report to \"%s\": %s", o->pdf,
				     strerror(errno));
		else if (!to_out)
			fprintf(out, "report of shift %s written to %s\n", r->id, o->pdf);
		free(pdf);
	}
	if (ok && o->print) {
		ok = shift_pdf_print(r, s.org, o->printer, 30000, printer, sizeof printer, &job, e);
		if (ok)
			fprintf(o->pdf != NULL && strcmp(o->pdf, "-") == 0 ? stderr : out,
				"report of shift %s printed on \"%s\" (job %d)\n", r->id, printer, job);
	}
	return ok;
}

static bool shift_report_cmd(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char id[SHIFT_ID_SIZE];
	struct shift_report *r;
	bool ok;

	if (o->nwords == 0) {
		if (!shift_latest(db, id, e))
			return false;
		if (id[0] == '\0')
			return err_set(e, ERR_INPUT, "You have had no shift yet.");
	} else if (!shift_find(db, o->words[0], id, e)) {
		return false;
	}
	if ((r = malloc(sizeof *r)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	ok = shift_report_load(db, id, r, e);
	if (ok && o->pdf == NULL && !o->print)
		report_text(r, out);
	else if (ok)
		ok = report_out(db, r, o, out, e);
	free(r);
	return ok;
}

static bool shift_sign_off_cmd(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	char id[SHIFT_ID_SIZE], at[SHIFT_TIME_SIZE];

	if (!shift_find(db, o->words[0], id, e) || !shift_sign_off(db, id, o->note, at, e))
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
		case CLI_SHIFT_OPEN: return shift_open_cmd(db, o, out, e);
		case CLI_SHIFT_CLOSE: return shift_close_cmd(db, o, out, e);
		case CLI_SHIFT_REPORT: return shift_report_cmd(db, o, out, e);
		default: return shift_sign_off_cmd(db, o, out, e);
		}
	}
	if (!events_find(db, o->words[0], false, event, e))
		return false;
	switch (c) {
	case CLI_EVENT_SECTION: return event_section(db, event, o, out, e);
	case CLI_EVENT_TIER: return event_tier(db, event, o, out, e);
	case CLI_EVENT_UNTIER: return event_untier(db, event, o, out, e);
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
