/* shift_pdf: the shift report on paper, and its way to the printer. */
#include "shift_pdf.h"

#include "money.h"
#include "pdf.h"
#include "print.h"
#include "printing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A4 in points, 20 mm margins */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define LEFT 56.0
#define RIGHT (PAGE_W - 56.0)
#define VALUE_X 150.0
/* The table's right edges: payments, taken, expected, counted, variance. */
static const double col_right[] = { 225.0, 305.0, 385.0, 465.0, RIGHT };

/* UTF-8 text at (x, y); right-aligned to x when right. */
static void put(struct pdf *p, enum pdf_font f, double size, double x, double y, const char *utf8,
		bool right)
{
	char win[1024];
	size_t n = pdf_winansi(utf8 != NULL ? utf8 : "", win, sizeof win);

	if (right)
		x -= pdf_text_width(f, size, win, n);
	pdf_text(p, f, size, x, y, win, n);
}

/* utf8 broken at spaces (and newlines) into lines at most width wide from
 * (x, y) down, lead points apart, at most max_lines (the last cut with "…"
 * when text is left over). Returns the y below the last line. */
static double wrap(struct pdf *p, enum pdf_font f, double size, double x, double y, double width,
		   double lead, int max_lines, const char *utf8)
{
	char win[SHIFT_NOTE_SIZE];
	size_t n = pdf_winansi(utf8, win, sizeof win), at = 0;
	double ell = pdf_text_width(f, size, "\x85", 1);

	for (int line = 0; line < max_lines; line++) {
		size_t fit, end;

		while (at < n && (win[at] == ' ' || win[at] == '\n'))
			at++;
		if (at >= n)
			break;
		/* the longest run of whole words that fits */
		fit = at;
		for (end = at; end <= n; end++) {
			bool stop = end == n || win[end] == '\n';

			if (!stop && win[end] != ' ')
				continue;
			if (pdf_text_width(f, size, win + at, end - at) > width)
				break;
			fit = end;
			if (stop)
				break;
		}
		if (fit == at) { /* one word wider than the line: cut it */
			while (fit < n && win[fit] != ' ' && win[fit] != '\n' &&
			       pdf_text_width(f, size, win + at, fit + 1 - at) <= width)
				fit++;
			if (fit == at)
				fit = at + 1;
		}
		if (line == max_lines - 1 && fit + strspn(win + fit, " \n") < n) {
			while (fit > at && pdf_text_width(f, size, win + at, fit - at) + ell > width)
				fit--;
			win[fit] = '\x85'; /* WinAnsi "…" */
			pdf_text(p, f, size, x, y, win + at, fit + 1 - at);
			return y - lead;
		}
		pdf_text(p, f, size, x, y, win + at, fit - at);
		y -= lead;
		at = fit;
	}
	return y;
}

static char *when(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL || strftime(buf, size, "%a %d %b %Y %H:%M", &tm) == 0)
		snprintf(buf, size, "-");
	return buf;
}

static void field(struct pdf *p, double y, const char *label, const char *value)
{
	put(p, PDF_HELVETICA_BOLD, 10, LEFT, y, label, false);
	put(p, PDF_HELVETICA, 10, VALUE_X, y, value, false);
}

/* One method's row: label, payments, taken, expected, counted, variance. */
static void method_row(struct pdf *p, double y, const char *label, long payments, int64_t taken,
		       int64_t expected, bool counted, int64_t count, int64_t variance)
{
	char v[5][48];

	snprintf(v[0], sizeof v[0], "%ld", payments);
	money_show(taken, v[1], sizeof v[1]);
	money_show(expected, v[2], sizeof v[2]);
	if (counted) {
		money_show(count, v[3], sizeof v[3]);
		shift_variance_show(variance, v[4], sizeof v[4]);
	} else {
		snprintf(v[3], sizeof v[3], "-");
		snprintf(v[4], sizeof v[4], "-");
	}
	put(p, PDF_HELVETICA, 10, LEFT, y, label, false);
	for (int i = 0; i < 5; i++)
		put(p, i == 4 && counted && variance != 0 ? PDF_HELVETICA_BOLD : PDF_HELVETICA, 10,
		    col_right[i], y, v[i], true);
}

static void draw(struct pdf *p, const struct shift_report *r, const char *org)
{
	static const char *const heads[] = { "Payments", "Taken", "Expected", "Counted", "Variance" };
	char t[SHIFT_NAME_SIZE + SHIFT_LOGIN_SIZE + 400], a[48], b[48], c[48];
	double y = PAGE_H - 72;

	put(p, PDF_HELVETICA_BOLD, 20, LEFT, y, "Shift report", false);
	if (org != NULL && org[0] != '\0')
		put(p, PDF_HELVETICA, 11, RIGHT, y, org, true);
	y -= 34;
	if (r->name[0] != '\0')
		snprintf(t, sizeof t, "%s (%s)", r->name, r->login);
	else
		snprintf(t, sizeof t, "%s", r->login);
	field(p, y, "Staff", t);
	field(p, y -= 16, "Shift", r->id);
	field(p, y -= 16, "Opened", when(r->opened, a, sizeof a));
	field(p, y -= 16, "Closed", r->closed != 0 ? when(r->closed, a, sizeof a)
					: "still open: expected is what was taken so far");
	field(p, y -= 16, "Float", money_show(r->float_amount, a, sizeof a));

	y -= 32;
	put(p, PDF_HELVETICA_BOLD, 10, LEFT, y, "Method", false);
	for (int i = 0; i < 5; i++)
		put(p, PDF_HELVETICA_BOLD, 10, col_right[i], y, heads[i], true);
	pdf_line(p, LEFT, y - 5, RIGHT, y - 5, 0.6, 0);
	method_row(p, y -= 22, "Cash", r->cash_payments, r->cash_taken, r->expected_cash, r->counted,
		   r->counted_cash, r->variance_cash);
	method_row(p, y -= 16, "Card", r->card_payments, r->card_taken, r->expected_card, r->counted,
		   r->counted_card, r->variance_card);
	snprintf(t, sizeof t, "%ld", r->comp_payments);
	put(p, PDF_HELVETICA, 10, LEFT, y -= 16, "Comps", false);
	put(p, PDF_HELVETICA, 10, col_right[0], y, t, true);
	put(p, PDF_HELVETICA, 10, col_right[0] + 12, y, "no money moves", false);
	pdf_line(p, LEFT, y - 8, RIGHT, y - 8, 0.6, 0);
	put(p, PDF_HELVETICA, 8, LEFT, y -= 22,
	    "Expected cash is the float plus the cash taken (not what was tendered: the change went "
	    "back). Variance is counted minus expected.", false);

	y -= 28;
	if (r->counted)
		snprintf(t, sizeof t, "Cash: %s.   Card: %s.", shift_variance_words(r->variance_cash, a, sizeof a),
			 shift_variance_words(r->variance_card, b, sizeof b));
	else
		snprintf(t, sizeof t, "Not counted yet: the shift is still open.");
	put(p, PDF_HELVETICA_BOLD, 12, LEFT, y, t, false);

	y -= 26;
	if (r->cancelled_tickets > 0)
		snprintf(t, sizeof t, "Cancelled since: %ld ticket%s of this shift's sales, face value %s. "
			 "No refund is recorded, so their money stays in expected; if it was paid back "
			 "from the drawer, the count is short by as much.", r->cancelled_tickets,
			 r->cancelled_tickets == 1 ? "" : "s", money_show(r->cancelled_face_value, c, sizeof c));
	else
		snprintf(t, sizeof t, "Cancelled since: no ticket of this shift's sales.");
	y = wrap(p, PDF_HELVETICA, 10, LEFT, y, RIGHT - LEFT, 13, 3, t);

	y -= 14;
	if (r->signed_off_by[0] != '\0')
		snprintf(t, sizeof t, "Signed off by %s on %s.", r->signed_off_by,
			 when(r->signed_at, a, sizeof a));
	else
		snprintf(t, sizeof t, "Not signed off yet.");
	put(p, PDF_HELVETICA_BOLD, 10, LEFT, y, t, false);
	if (r->note[0] != '\0') {
		put(p, PDF_HELVETICA_BOLD, 10, LEFT, y -= 16, "Note", false);
		/* down to the signatures, cut with "…" below that */
		wrap(p, PDF_HELVETICA, 10, VALUE_X, y, RIGHT - VALUE_X, 13, (int)((y - 150) / 13) + 1,
		     r->note);
	}

	/* signatures, at the foot whatever the note's length */
	pdf_line(p, LEFT, 130, LEFT + 200, 130, 0.6, 0);
	pdf_line(p, RIGHT - 200, 130, RIGHT, 130, 0.6, 0);
	put(p, PDF_HELVETICA, 9, LEFT, 118, "Staff member", false);
	put(p, PDF_HELVETICA, 9, RIGHT - 200, 118, "Supervisor", false);
	snprintf(t, sizeof t, "Printed %s by boxoffice", when(time(NULL), a, sizeof a));
	put(p, PDF_HELVETICA, 8, LEFT, 60, t, false);
}

bool shift_pdf_render(const struct shift_report *r, const char *org, char **buf, size_t *len,
		      struct err *e)
{
	struct pdf *p = pdf_new();
	bool ok;

	if (p == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory while writing a PDF.");
	pdf_page_begin(p, PAGE_W, PAGE_H);
	draw(p, r, org);
	ok = pdf_finish(p, buf, len, e);
	pdf_free(&p);
	return ok;
}

/* A raw queue passes bytes to a thermal ticket printer, which cannot read a PDF. */
static bool is_raw(const char *printer)
{
	struct print_dests d;
	struct err ignored;
	bool raw = false;

	if (!print_list(&d, &ignored))
		return false; /* submitting says what is wrong with the print server */
	for (size_t i = 0; i < d.n; i++)
		raw = raw || (strcmp(d.v[i].name, printer) == 0 && d.v[i].raw);
	print_dests_free(&d);
	return raw;
}

bool shift_pdf_print(const struct shift_report *r, const char *org, const char *wanted, int wait_ms,
		     char *printer, size_t size, int *job, struct err *e)
{
	enum print_outcome out = PRINT_JOB_UNKNOWN;
	char *pdf = NULL, title[128], why[sizeof e->msg];
	size_t len = 0;
	bool ok;

	*job = 0;
	if (!printing_pick_printer(wanted, printer, size, e))
		return false;
	if (is_raw(printer))
		return err_set(e, ERR_INPUT, "Printer \"%s\" is a ticket printer (ZPL or ESC/POS) and "
			       "cannot print a page: choose a printer that prints PDF.", printer);
	if (!shift_pdf_render(r, org, &pdf, &len, e))
		return false;
	snprintf(title, sizeof title, "shift report %.8s %s", r->id, r->login);
	ok = print_submit(printer, title, PRINT_MIME_PDF, pdf, len, job, e);
	free(pdf);
	if (!ok)
		return false;
	if (print_wait(printer, *job, wait_ms > 0 ? wait_ms : 30000, &out, e))
		return true;
	print_cancel(printer, *job, &(struct err){ 0 });
	if (out == PRINT_JOB_WAITING)
		snprintf(why, sizeof why, "Printer \"%s\" has not printed the report after %d s.",
			 printer, (wait_ms > 0 ? wait_ms + 999 : 30000) / 1000);
	else if (out == PRINT_JOB_HELD)
		snprintf(why, sizeof why, "The report was held in the queue of \"%s\".", printer);
	else if (e->code != ERR_NONE)
		snprintf(why, sizeof why, "%s", e->msg);
	else
		snprintf(why, sizeof why, "Printer \"%s\" did not print job %d (%s).", printer, *job,
			 out == PRINT_JOB_CANCELED ? "cancelled" : out == PRINT_JOB_HELD ? "held"
			 : out == PRINT_JOB_STOPPED ? "the printer stopped" : "aborted");
	return err_set(e, ERR_IO, "%s The report was taken off the queue; print it again once "
		       "that is fixed, or choose another printer.", why);
}
