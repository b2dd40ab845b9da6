/* cli_print: tickets to paper or to a file, and the printers' state. */
#include "cli_print.h"

#include "config.h"
#include "db.h"
#include "print.h"
#include "printing.h"

#include <stdlib.h>
#include <string.h>

#define DEFAULT_REASON "printed again from the command line"

bool cli_print_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	bool one = strcmp(w[0], "ticket-pdf") == 0 || strcmp(w[0], "print") == 0;

	if (strcmp(w[0], "print") == 0 && n == 1) {
		o->command = CLI_PRINT; /* with --unprinted, checked below */
		return true;
	}
	if (one && n != 2)
		return err_set(e, ERR_USAGE, "%s needs %s", w[0],
			       w[0][0] == 't' ? "one ticket id" : "an order (id or reference) or a ticket id");
	if (!one && n != 1)
		return err_set(e, ERR_USAGE, "%s takes no arguments", w[0]);
	o->command = w[0][0] == 't'		      ? CLI_TICKET_PDF
		     : strcmp(w[0], "print") == 0     ? CLI_PRINT
		     : strcmp(w[0], "printers") == 0 ? CLI_PRINTERS
						      : CLI_UNPRINTED;
	o->arg = one ? w[1] : NULL;
	return true;
}

bool cli_print_check(const struct cli_options *o, struct err *e)
{
	enum print_format f;
	bool print = o->command == CLI_PRINT, pdf = o->command == CLI_TICKET_PDF;

	if (o->unprinted && !print)
		return err_set(e, ERR_USAGE, "--unprinted goes with print");
	if (print && o->unprinted == (o->arg != NULL))
		return err_set(e, ERR_USAGE, "print needs an order or ticket, or --unprinted");
	if ((o->layout != NULL && !print && !pdf) || (o->format != NULL && !print) ||
	    (o->printer != NULL && !print && o->command != CLI_PRINTERS &&
	     o->command != CLI_SHIFT_REPORT))
		return err_set(e, ERR_USAGE, "--printer, --layout and --format go with print "
			       "(--layout also with ticket-pdf, --printer with printers and "
			       "shift report --print)");
	if (o->reason != NULL && !print && o->command != CLI_SELL && o->command != CLI_KILL &&
	    o->command != CLI_UNKILL)
		return err_set(e, ERR_USAGE, "--reason goes with print, sell or kill");
	return o->format == NULL || printing_format(o->format, &f, e);
}

static int fail(FILE *err_out, const struct err *e)
{
	cli_print_error(err_out, e);
	return cli_exit_code(e);
}

static int run_printers(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct print_dests d;
	char status[300], chosen[128] = "";
	struct err e;

	if (o->printer != NULL) {
		if (!config_set("printer", o->printer, &e))
			return fail(err_out, &e);
		fprintf(out, "remembered printer \"%s\"\n", o->printer);
	}
	if (!print_list(&d, &e))
		return fail(err_out, &e);
	err_clear(&e);
	if (!printing_pick_printer(NULL, chosen, sizeof chosen, &e))
		chosen[0] = '\0';
	for (size_t i = 0; i < d.n; i++) {
		print_dest_status(&d.v[i], status, sizeof status);
		fprintf(out, "%c %-20s %-6s %s\n", strcmp(d.v[i].name, chosen) == 0 ? '*' : ' ',
			d.v[i].name, d.v[i].raw ? "raw" : "", status);
	}
	if (d.n == 0)
		fputs("no printers: ask whoever looks after the printers to add one\n", out);
	print_dests_free(&d);
	return CLI_EXIT_OK;
}

static bool unprinted_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	FILE *out = ctx;

	(void)e;
	if (ncols == 4)
		fprintf(out, "%s  order %.8s  %s\n", v[0], v[1],
			v[2] == NULL ? "never printed" : v[3] != NULL ? v[3] : v[2]);
	return true;
}

struct ids {
	char (*v)[37];
	size_t n;
};

static bool id_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct ids *l = ctx;
	char (*grown)[37] = realloc(l->v, (l->n + 1) * sizeof *grown);

	if (ncols != 1 || grown == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	l->v = grown;
	snprintf(l->v[l->n++], 37, "%s", v[0]);
	return true;
}

static bool reprint_ids(struct db *db, const struct cli_options *o, struct ids *l, FILE *out,
			struct err *e)
{
	struct print_opts po = { o->printer, o->layout, PRINT_FORMAT_AUTO, 0 };
	struct print_result r;
	const char **p = calloc(l->n, sizeof *p);
	bool ok;

	if (p == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if (o->format != NULL && !printing_format(o->format, &po.format, e)) {
		free(p);
		return false;
	}
	for (size_t i = 0; i < l->n; i++)
		p[i] = l->v[i];
	ok = printing_reprint(db, p, l->n, o->reason != NULL ? o->reason : DEFAULT_REASON, &po, &r, e);
	if (ok)
		fprintf(out, "printed %zu ticket%s on \"%s\" (job %d); earlier printouts no longer "
			"get in\n", r.tickets, r.tickets == 1 ? "" : "s", r.printer, r.job);
	free(p);
	return ok;
}

static bool run_print(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct ids l = { NULL, 0 };
	bool ok;

	if (o->unprinted)
		ok = db_query(db, "SELECT ticket_id FROM unprinted_tickets ORDER BY created_at", 0, NULL,
			      id_row, &l, e);
	else
		ok = printing_find(db, o->arg, &l.v, &l.n, e);
	if (ok && l.n == 0) {
		fputs("nothing to print: every valid ticket has been printed\n", out);
	} else if (ok) {
		ok = reprint_ids(db, o, &l, out, e);
	}
	free(l.v);
	return ok;
}

static bool run_ticket_pdf(struct db *db, const struct cli_options *o, FILE *out, struct err *e)
{
	struct print_opts po = { NULL, o->layout, PRINT_FORMAT_PDF, 0 };
	struct ticket_print *t = NULL;
	size_t nt = 0, len = 0;
	char *pdf = NULL, token[TICKET_TOKEN_SIZE] = "", id[37];
	const char *pid[] = { id }, *ptok[] = { token };
	const char *params[] = { o->arg, "ticket PDF written to a file" };
	bool ok;

	snprintf(id, sizeof id, "%s", o->arg);
	/* a file is a printout too: it gets a new code, and the old one dies */
	ok = db_query_text(db, "SELECT token FROM reprint_tickets(ARRAY[$1]::uuid[], $2)", 2, params,
			   token, sizeof token, e) &&
	     printing_load(db, pid, ptok, 1, &t, &nt, e) && printing_render(&po, t, nt, &pdf, &len, e);
	if (ok && fwrite(pdf, 1, len, out) != len)
		ok = err_set(e, ERR_IO, "Could not write the PDF to standard output.");
	free(pdf);
	free(t);
	return ok;
}

int cli_print_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct err e;
	struct db *db;
	bool ok;

	err_clear(&e);
	if (o->command == CLI_PRINTERS)
		return run_printers(o, out, err_out);
	if ((db = db_connect(o->conninfo, &e)) == NULL)
		return fail(err_out, &e);
	switch (o->command) {
	case CLI_PRINT:
		ok = run_print(db, o, out, &e);
		break;
	case CLI_TICKET_PDF:
		ok = run_ticket_pdf(db, o, out, &e);
		break;
	default:
		ok = db_query(db, "SELECT ticket_id, order_id, last_status, last_error "
			      "FROM unprinted_tickets ORDER BY created_at", 0, NULL, unprinted_row, out, &e);
	}
	db_close(&db);
	return ok ? CLI_EXIT_OK : fail(err_out, &e);
}
