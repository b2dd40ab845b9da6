/* printing: tickets → layout → bytes → CUPS → recorded outcome. */
#include "printing.h"

#include "config.h"
#include "layout.h"
#include "money.h"
#include "paths.h"
#include "print.h"
#include "ticket_pdf.h"
#include "ticket_raw.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool printing_format(const char *name, enum print_format *out, struct err *e)
{
	static const char *const names[] = { "pdf", "zpl", "escpos" };

	for (int i = 0; i < 3; i++)
		if (name != NULL && strcmp(name, names[i]) == 0) {
			*out = (enum print_format)i;
			return true;
		}
	return err_set(e, ERR_USAGE, "--format must be pdf, zpl or escpos, not \"%s\"",
		       name != NULL ? name : "");
}

bool printing_pick_printer(const char *wanted, char *out, size_t size, struct err *e)
{
	char *remembered;

	if (wanted != NULL && wanted[0] != '\0') {
		snprintf(out, size, "%s", wanted);
		return true;
	}
	remembered = config_get("printer", e);
	if (remembered != NULL) {
		snprintf(out, size, "%s", remembered);
		free(remembered);
		return true;
	}
	if (e->code != ERR_NONE)
		return false;
	return print_default_name(out, size, e);
}

/* ---- ticket data ---- */

struct load_ctx {
	const char *const *ids;
	const char *const *tokens;
	size_t n;
	struct ticket_print *t;
	size_t got;
};

static bool print_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct load_ctx *c = ctx;
	struct ticket_print *t;
	const char *token = NULL;

	if (ncols != 14 || v[0] == NULL || c->got == c->n)
		return err_set(e, ERR_DB, "The ticket data from the database has an unexpected shape.");
	for (size_t i = 0; i < c->n && token == NULL; i++)
		if (strcmp(c->ids[i], v[0]) == 0)
			token = c->tokens[i];
	if (token == NULL)
		return err_set(e, ERR_DB, "The database returned a ticket that was not asked for.");
	t = &c->t[c->got++];
	memset(t, 0, sizeof *t);
	ticket_copy(t->ticket_id, sizeof t->ticket_id, v[0]);
	ticket_copy(t->token, sizeof t->token, token);
	ticket_order_ref(v[1], t->order);
	ticket_copy(t->event, sizeof t->event, v[3]);
	t->start = v[4] != NULL ? (time_t)strtoll(v[4], NULL, 10) : 0;
	ticket_copy(t->venue, sizeof t->venue, v[5]);
	ticket_copy(t->section, sizeof t->section, v[6]);
	t->general = v[7] != NULL && v[7][0] == 't';
	ticket_copy(t->row, sizeof t->row, v[8]);
	ticket_copy(t->seat, sizeof t->seat, v[9]);
	ticket_copy(t->tier, sizeof t->tier, v[10]);
	if (!money_parse(v[11], &t->price, e))
		return false;
	ticket_copy(t->customer, sizeof t->customer, v[13] != NULL && v[13][0] == 't' ? "" : v[12]);
	return true;
}

/* "{id,id,…}": ids are checked to be uuids, so the literal holds nothing else */
static char *id_array(const char *const *ids, size_t n, struct err *e)
{
	char *buf = malloc(n * 37 + 3), *p = buf;

	if (buf == NULL) {
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	*p++ = '{';
	for (size_t i = 0; i < n; i++) {
		if (strlen(ids[i]) != 36 || strspn(ids[i], "0123456789abcdefABCDEF-") != 36) {
			free(buf);
			err_set(e, ERR_INPUT, "\"%.40s\" is not a ticket id.", ids[i]);
			return NULL;
		}
		p += sprintf(p, "%s%s", i > 0 ? "," : "", ids[i]);
	}
	strcpy(p, "}");
	return buf;
}

bool printing_load(struct db *db, const char *const *ids, const char *const *tokens, size_t n,
		   struct ticket_print **out, size_t *nout, struct err *e)
{
	struct load_ctx c = { ids, tokens, n, calloc(n > 0 ? n : 1, sizeof *c.t), 0 };
	char *arr = id_array(ids, n, e);
	const char *params[] = { arr };
	bool ok;

	*out = NULL;
	*nout = 0;
	if (c.t == NULL || arr == NULL) {
		free(c.t);
		free(arr);
		return e->code != ERR_NONE ? false : err_set(e, ERR_NOMEM, "Out of memory.");
	}
	ok = db_query(db, "SELECT * FROM ticket_print_data($1::uuid[])", 1, params, print_row, &c, e);
	free(arr);
	if (ok && c.got != n)
		ok = err_set(e, ERR_INPUT, "%zu of %zu tickets were not found.", n - c.got, n);
	if (!ok) {
		free(c.t);
		return false;
	}
	*out = c.t;
	*nout = n;
	return true;
}

/* ---- rendering ---- */

bool printing_render(const struct print_opts *o, const struct ticket_print *t, size_t n,
		     char **buf, size_t *len, struct err *e)
{
	char assets[PATH_MAX];
	const char *name = o->layout != NULL ? o->layout
			   : o->format == PRINT_FORMAT_ESCPOS ? "receipt-80" : "boca";
	struct layout *l;
	bool ok;

	if (!paths_assetsdir(NULL, assets, sizeof assets, e) ||
	    (l = layout_load(name, assets, e)) == NULL)
		return false;
	switch (o->format) {
	case PRINT_FORMAT_ZPL:
		ok = ticket_zpl_render(l, t, n, buf, len, e);
		break;
	case PRINT_FORMAT_ESCPOS:
		ok = ticket_escpos_render(l, t, n, buf, len, e);
		break;
	default:
		ok = ticket_pdf_render(l, t, n, buf, len, e);
	}
	layout_free(&l);
	return ok;
}

/* ---- printing ---- */

static void record(struct db *db, const char *arr, const struct print_result *r, const char *status,
		   const char *error, bool reprint)
{
	char job[16];
	const char *params[] = { arr, r->printer, job, status, error, reprint ? "true" : "false" };
	struct err ignored;

	snprintf(job, sizeof job, "%d", r->job);
	/* best effort: a failed record must not turn a printed ticket into an error */
	db_exec(db, "SELECT record_prints($1::uuid[], $2, $3::integer, $4, $5, $6::boolean)", 6,
		params, &ignored);
}

static bool outcome_ok(enum print_outcome out, const struct print_result *r, struct err *e)
{
	if (out != PRINT_JOB_COMPLETED && e->code != ERR_NONE) {
		/* print_wait said why in the printer's words; add what happened next */
		char why[sizeof e->msg];

		snprintf(why, sizeof why, "%s", e->msg);
		return err_set(e, ERR_IO, "%s Job %d was cancelled, so nothing comes out later; "
			       "print again once it is fixed, or pick another printer.", why, r->job);
	}
	switch (out) {
	case PRINT_JOB_COMPLETED:
		return true;
	case PRINT_JOB_WAITING:
		return err_set(e, ERR_IO, "Printer \"%s\" has not printed job %d yet; it was cancelled "
			       "so no second copy comes out later. Try again or pick another printer.",
			       r->printer, r->job);
	default:
		return err_set(e, ERR_IO, "Printer \"%s\" did not print job %d (%s). Try again or pick "
			       "another printer.", r->printer, r->job,
			       out == PRINT_JOB_CANCELED ? "cancelled" : out == PRINT_JOB_STOPPED
			       ? "the printer stopped" : out == PRINT_JOB_HELD ? "held" : "aborted");
	}
}

/* The format for the printer: see PRINT_FORMAT_AUTO. */
static enum print_format resolve_format(const char *printer, enum print_format f)
{
	struct print_dests d;
	struct err e;
	bool raw = false;
	char *want;

	if (f != PRINT_FORMAT_AUTO)
		return f;
	if (!print_list(&d, &e))
		return PRINT_FORMAT_PDF; /* submitting will say what is wrong with CUPS */
	for (size_t i = 0; i < d.n; i++)
		raw = raw || (strcmp(d.v[i].name, printer) == 0 && d.v[i].raw);
	print_dests_free(&d);
	if (!raw)
		return PRINT_FORMAT_PDF;
	want = config_get("raw_format", &e);
	f = want != NULL && strcmp(want, "escpos") == 0 ? PRINT_FORMAT_ESCPOS : PRINT_FORMAT_ZPL;
	free(want);
	return f;
}

/* Render and hand to CUPS, following the job to its end. */
static bool submit(const struct print_opts *opts, const struct ticket_print *t, size_t n,
		   struct print_result *r, struct err *e)
{
	char *bytes = NULL, title[64];
	size_t len = 0;
	enum print_outcome out = PRINT_JOB_UNKNOWN;
	struct print_opts resolved = *opts, *o = &resolved;
	bool ok;

	resolved.format = resolve_format(r->printer, opts->format);
	if (!printing_render(o, t, n, &bytes, &len, e))
		return false;
	snprintf(title, sizeof title, "tickets %s", t[0].order);
	ok = print_submit(r->printer, title, o->format == PRINT_FORMAT_PDF ? PRINT_MIME_PDF : PRINT_MIME_RAW,
			  bytes, len, &r->job, e);
	free(bytes);
	if (!ok)
		return false;
	ok = print_wait(r->printer, r->job, o->wait_ms > 0 ? o->wait_ms : 30000, &out, e) &&
	     outcome_ok(out, r, e);
	if (!ok) {
		struct err ignored;
		print_cancel(r->printer, r->job, &ignored);
	}
	return ok;
}

bool printing_print(struct db *db, const char *const *ids, const char *const *tokens, size_t n,
		    bool reprint, const struct print_opts *o, struct print_result *r, struct err *e)
{
	struct ticket_print *t = NULL;
	char *arr;
	size_t nt = 0;
	bool ok;

	memset(r, 0, sizeof *r);
	if ((arr = id_array(ids, n, e)) == NULL)
		return false;
	ok = printing_pick_printer(o->printer, r->printer, sizeof r->printer, e) &&
	     printing_load(db, ids, tokens, n, &t, &nt, e);
	if (ok) {
		r->tickets = nt;
		ok = submit(o, t, nt, r, e);
		/* the attempt is kept whatever happened: the unprinted list reads it */
		record(db, arr, r, ok ? "PRINTED" : "FAILED", ok ? NULL : e->msg, reprint);
	}
	free(arr);
	free(t);
	return ok;
}

struct token_ctx {
	char (*ids)[37];
	char (*tokens)[TICKET_TOKEN_SIZE];
	size_t n, got;
};

static bool token_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct token_ctx *c = ctx;

	if (ncols != 2 || v[0] == NULL || v[1] == NULL || c->got == c->n)
		return err_set(e, ERR_DB, "The reprint from the database has an unexpected shape.");
	snprintf(c->ids[c->got], 37, "%s", v[0]);
	snprintf(c->tokens[c->got], TICKET_TOKEN_SIZE, "%s", v[1]);
	c->got++;
	return true;
}

bool printing_reprint(struct db *db, const char *const *ids, size_t n, const char *reason,
		      const struct print_opts *o, struct print_result *r, struct err *e)
{
	struct token_ctx c = { calloc(n, sizeof *c.ids), calloc(n, sizeof *c.tokens), n, 0 };
	const char **pid = calloc(n, sizeof *pid), **ptok = calloc(n, sizeof *ptok);
	char *arr = id_array(ids, n, e);
	bool ok = arr != NULL;

	if (ok && (c.ids == NULL || c.tokens == NULL || pid == NULL || ptok == NULL))
		ok = err_set(e, ERR_NOMEM, "Out of memory.");
	if (ok) {
		const char *params[] = { arr, reason };

		/* new tokens and the print are two steps: if printing then fails, the
		 * tickets are valid with codes nobody holds, listed as unprinted */
		ok = db_query(db, "SELECT ticket_id, token FROM reprint_tickets($1::uuid[], $2)", 2,
			      params, token_row, &c, e);
	}
	for (size_t i = 0; ok && i < c.got; i++) {
		pid[i] = c.ids[i];
		ptok[i] = c.tokens[i];
	}
	ok = ok && printing_print(db, pid, ptok, c.got, true, o, r, e);
	free(arr);
	free(c.ids);
	free(c.tokens);
	free(pid);
	free(ptok);
	return ok;
}

struct find_ctx {
	char (*ids)[37];
	size_t n;
};

static bool find_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct find_ctx *c = ctx;
	char (*grown)[37];

	if (ncols != 1 || v[0] == NULL)
		return err_set(e, ERR_DB, "The ticket list from the database has an unexpected shape.");
	grown = realloc(c->ids, (c->n + 1) * sizeof *grown);
	if (grown == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	c->ids = grown;
	snprintf(c->ids[c->n++], 37, "%s", v[0]);
	return true;
}

bool printing_find(struct db *db, const char *key, char (**ids)[37], size_t *n, struct err *e)
{
	struct find_ctx c = { NULL, 0 };
	const char *params[] = { key };

	*ids = NULL;
	*n = 0;
	if (!db_query(db,
		      "SELECT t.id FROM tickets t WHERE t.status = 'VALID' AND ("
		      "t.id::text = lower($1) OR t.order_id::text = lower($1) OR "
		      "(length($1) = 8 AND upper(left(t.order_id::text, 8)) = upper($1))) "
		      "ORDER BY t.id",
		      1, params, find_row, &c, e)) {
		free(c.ids);
		return false;
	}
	if (c.n == 0)
		return err_set(e, ERR_INPUT, "No valid ticket or order \"%s\" in your organisation.", key);
	*ids = c.ids;
	*n = c.n;
	return true;
}
