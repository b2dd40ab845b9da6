/* Ticket renderers against real readers: the PDF of a 2-ticket order goes
 * through pdfinfo, pdftoppm and zbarimg (the QR must give back exactly the
 * tokens) and pdftotext; ZPL and ESC/POS are compared byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"
#include "paths.h"
#include "pdf.h"
#include "qr.h"
#include "ticket_pdf.h"
#include "ticket_raw.h"

#define TOKEN1 "FEDCBA9876543210FEDCBA9876543210FEDCBA98"
#define TOKEN2 "0123456789ABCDEF0123456789ABCDEF01234567"

static char tmpdir[256];

static int setup(void **state)
{
	const char *base = getenv("BOXOFFICE_TEST_TMP");

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	snprintf(tmpdir, sizeof tmpdir, "%s/boxoffice-render-XXXXXX",
		 base != NULL && base[0] != '\0' ? base : "/tmp");
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* $BOXOFFICE_ASSETSDIR, else ./assets (tests/run.sh runs from the top),
 * else the checkout's assets beside build/tests/. */
static const char *assets(void)
{
	static char dir[4200];
	const char *a = getenv("BOXOFFICE_ASSETSDIR");
	char exe[4096];
	struct stat st;

	if (a != NULL && a[0] != '\0')
		return a;
	if (stat("assets/layouts", &st) == 0 || !paths_exe_dir(exe, sizeof exe))
		return "assets";
	snprintf(dir, sizeof dir, "%s/../../assets", exe);
	return dir;
}

static void fill(struct ticket_print *t, int i)
{
	memset(t, 0, sizeof *t);
	ticket_copy(t->ticket_id, sizeof t->ticket_id, i ? "7c9e6679-7425-40de-944b-e07fc1f90ae7"
						       : "a3bb189e-8bf9-4888-9912-ace4e6543002");
	ticket_copy(t->token, sizeof t->token, i ? TOKEN2 : TOKEN1);
	ticket_copy(t->event, sizeof t->event, "Café Tacvba – Live (Zürich) \\o/");
	t->start = (time_t)1795807800; /* Fri 27 Nov 2026 19:30 UTC */
	ticket_copy(t->venue, sizeof t->venue, "Théâtre de l’Étoile");
	ticket_copy(t->section, sizeof t->section, i ? "Standing" : "Stalls");
	t->general = i == 1;
	ticket_copy(t->row, sizeof t->row, "AA");
	ticket_copy(t->seat, sizeof t->seat, "112");
	ticket_copy(t->tier, sizeof t->tier, "Adult");
	t->price = 123450;
	ticket_order_ref("3f2a9c01-1111-4222-8333-444444444444", t->order);
	ticket_copy(t->customer, sizeof t->customer, i ? "" : "Zoë Ångström");
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

/* Runs cmd and returns its standard output (at most size - 1 bytes). */
static bool run(const char *cmd, char *out, size_t size)
{
	FILE *f = popen(cmd, "r");
	size_t n;

	if (f == NULL)
		return false;
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	return pclose(f) == 0;
}

static bool have_tools(void)
{
	return system("(command -v pdfinfo && command -v pdftoppm && command -v pdftotext && "
		      "command -v zbarimg) >/dev/null 2>&1") == 0;
}

static void round_trip(const char *layout_name, const char *tok2)
{
	struct ticket_print t[2];
	struct layout *l;
	struct err e;
	char *buf = NULL, path[400], cmd[1200], out[4096], want[300];
	size_t len = 0;
	FILE *f;
	double w, h;
	const char *ps;

	if (!have_tools())
		fail_msg("pdfinfo, pdftoppm, pdftotext or zbarimg is missing: the PDF round trip "
			 "cannot run (apt-get install poppler-utils zbar-tools)");
	l = layout_load(layout_name, assets(), &e);
	if (l == NULL)
		fail_msg("%s", e.msg);
	fill(&t[0], 0);
	fill(&t[1], 1);
	ticket_copy(t[1].token, sizeof t[1].token, tok2);
	if (!ticket_pdf_render(l, t, 2, &buf, &len, &e))
		fail_msg("%s", e.msg);
	snprintf(path, sizeof path, "%s/%s.pdf", tmpdir, layout_name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(buf);

	snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>&1", path);
	if (!run(cmd, out, sizeof out))
		fail_msg("pdfinfo refused %s: %s", path, out);
	assert_non_null(strstr(out, "Pages:           2\n"));
	ps = strstr(out, "Page size:");
	assert_non_null(ps);
	assert_int_equal(sscanf(ps, "Page size: %lf x %lf pts", &w, &h), 2);
	assert_float_equal(w, l->width_mm * PDF_PT_PER_MM, 0.01);
	assert_float_equal(h, l->height_mm * PDF_PT_PER_MM, 0.01);
	assert_null(strstr(out, "rror"));

	/* the QR codes, in page order, and nothing else */
	snprintf(cmd, sizeof cmd, "pdftoppm -r 200 -gray -png '%s' '%s/%s' && "
		 "zbarimg -q --raw '%s/%s'-*.png 2>/dev/null", path, tmpdir, layout_name,
		 tmpdir, layout_name);
	if (!run(cmd, out, sizeof out))
		fail_msg("pdftoppm or zbarimg failed on %s (output: %s)", path, out);
	snprintf(want, sizeof want, "%s\n%s\n", TOKEN1, tok2);
	assert_string_equal(out, want);

	/* the text came through WinAnsi intact */
	snprintf(cmd, sizeof cmd, "pdftotext -raw '%s' - 2>&1", path);
	assert_true(run(cmd, out, sizeof out));
	if (strcmp(layout_name, "boca") == 0 || strcmp(layout_name, "label-6x4") == 0 ||
	    strcmp(layout_name, "a4") == 0) {
		assert_non_null(strstr(out, "Café Tacvba – Live (Zürich) \\o/"));
		assert_non_null(strstr(out, "Fri 27 Nov 2026"));
		assert_non_null(strstr(out, "General admission"));
		assert_non_null(strstr(out, "Zoë Ångström"));
		assert_non_null(strstr(out, "1,234.50"));
	}
	layout_free(&l);
}

static void pdf_round_trip_boca(void **state)
{
	(void)state;
	round_trip("boca", TOKEN2);
}

static void pdf_round_trip_label(void **state)
{
	(void)state;
	/* case kept: a lower-case token must not come back upper-cased */
	round_trip("label-6x4", "k7qxm2Zp-Case-Sensitive-token");
}

static void pdf_round_trip_a4(void **state)
{
	(void)state;
	round_trip("a4", TOKEN2);
}

static void pdf_round_trip_receipt(void **state)
{
	(void)state;
	round_trip("receipt-80", TOKEN2);
}

/* Merged runs: one "re" per horizontal run of dark modules. */
static void qr_runs_are_merged(void **state)
{
	const char *j = "{\"name\":\"q\",\"page\":{\"width_mm\":40,\"height_mm\":40},\"items\":["
			"{\"type\":\"qr\",\"x_mm\":0,\"y_mm\":0,\"size_mm\":37}]}";
	struct err e;
	struct layout *l = layout_parse(j, strlen(j), &e);
	struct qr *q = qr_encode(TOKEN1, &e);
	struct ticket_print t;
	char *buf = NULL;
	size_t len = 0, runs = 0, res = 0, modules = 0;

	(void)state;
	assert_non_null(l);
	assert_non_null(q);
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++) {
			modules += qr_dark(q, x, y);
			runs += qr_dark(q, x, y) && !qr_dark(q, x - 1, y);
		}
	fill(&t, 0);
	assert_true(ticket_pdf_render(l, &t, 1, &buf, &len, &e));
	for (const char *p = buf; (p = strstr(p, " re\n")) != NULL; p++)
		res++;
	assert_int_equal(res, runs);
	assert_true(runs < modules);
	/* module 1 mm (37 mm / (29 + 8)): the top left finder's first run is 7
	 * modules wide, starting 4 modules in, its top 4 modules down */
	assert_non_null(strstr(buf, "11.339 99.213 19.843 2.835 re\n"));
	free(buf);
	qr_free(&q);
	layout_free(&l);
}

#define TINY "{\"name\":\"tiny\",\"page\":{\"width_mm\":50,\"height_mm\":25},\"items\":["

static void zpl_exact(void **state)
{
	const char *j = TINY
		"{\"type\":\"text\",\"x_mm\":2,\"y_mm\":3,\"size_pt\":10,\"text\":\"{event}\"},"
		"{\"type\":\"text\",\"x_mm\":2,\"y_mm\":10,\"size_pt\":8,\"text\":\"{seat}\","
		" \"align\":\"center\",\"max_width_mm\":20},"
		"{\"type\":\"text\",\"x_mm\":2,\"y_mm\":18,\"size_pt\":8,\"text\":\"{customer}\"},"
		"{\"type\":\"qr\",\"x_mm\":30,\"y_mm\":2,\"size_mm\":20},"
		"{\"type\":\"line\",\"x1_mm\":1,\"y1_mm\":20,\"x2_mm\":49,\"y2_mm\":20,\"width_pt\":1},"
		"{\"type\":\"line\",\"x1_mm\":1,\"y1_mm\":1,\"x2_mm\":11,\"y2_mm\":6},"
		"{\"type\":\"box\",\"x_mm\":0.5,\"y_mm\":0.5,\"w_mm\":49,\"h_mm\":24,\"width_pt\":0.5}]}";
	const char *want =
		"^XA\n^PW400^LL200^LH0,0\n"
		"^FO16,24^A0N,28,28^FDCafe Tacvba^FS\n"
		"^FO16,80^A0N,23,23^FB160,1,0,C^FD112^FS\n"
		"^FO256,32^BQN,2,4^FDMA," TOKEN1 "^FS\n"
		"^FO8,159^GB384,3,3^FS\n"
		"^FO8,8^GD80,40,1,B,L^FS\n"
		"^FO4,4^GB392,192,1^FS\n"
		"^XZ\n";
	struct err e;
	struct layout *l = layout_parse(j, strlen(j), &e);
	struct ticket_print t[2];
	char *buf = NULL, both[2048];
	size_t len = 0;

	(void)state;
	if (l == NULL)
		fail_msg("%s", e.msg);
	fill(&t[0], 1); /* walk-up GA ticket: customer empty, so that text is left out */
	ticket_copy(t[0].event, sizeof t[0].event, "Café Tacvba");
	ticket_copy(t[0].seat, sizeof t[0].seat, "112");
	t[0].general = false;
	ticket_copy(t[0].token, sizeof t[0].token, TOKEN1);
	assert_true(ticket_zpl_render(l, t, 1, &buf, &len, &e));
	assert_int_equal(len, strlen(want));
	assert_memory_equal(buf, want, len);
	free(buf);

	/* two tickets: two labels, one after the other */
	t[1] = t[0];
	assert_true(ticket_zpl_render(l, t, 2, &buf, &len, &e));
	snprintf(both, sizeof both, "%s%s", want, want);
	assert_int_equal(len, strlen(both));
	assert_memory_equal(buf, both, len);
	free(buf);
	layout_free(&l);
}

static void zpl_escapes_and_cuts(void **state)
{
	const char *j = TINY
		"{\"type\":\"text\",\"x_mm\":0,\"y_mm\":0,\"size_pt\":10,\"text\":\"{event}\"},"
		"{\"type\":\"text\",\"x_mm\":0,\"y_mm\":5,\"size_pt\":10,\"text\":\"{venue}\","
		" \"max_width_mm\":24,\"fit\":\"cut\",\"align\":\"right\"},"
		"{\"type\":\"text\",\"x_mm\":0,\"y_mm\":10,\"size_pt\":10,\"text\":\"{tier}\","
		" \"max_width_mm\":15},"
		"{\"type\":\"text\",\"x_mm\":0,\"y_mm\":15,\"size_pt\":10,\"text\":\"{venue}\","
		" \"max_width_mm\":40}]}";
	struct err e;
	struct layout *l = layout_parse(j, strlen(j), &e);
	struct ticket_print t;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	assert_non_null(l);
	fill(&t, 0);
	ticket_copy(t.event, sizeof t.event, "A^B~C_D");
	ticket_copy(t.venue, sizeof t.venue, "Royal Albert Hall, Kensington Gore");
	ticket_copy(t.tier, sizeof t.tier, "Concession");
	assert_true(ticket_zpl_render(l, &t, 1, &buf, &len, &e));
	buf[len - 1] = '\0';
	assert_non_null(strstr(buf, "^FO0,0^A0N,28,28^FH^FDA_5EB_7EC_5FD^FS\n"));
	/* "cut": full size, cut with "..."; 24 mm (68.03 pt) holds "Royal Albert..."
	 * (67.24 pt in Helvetica-Bold) */
	assert_non_null(strstr(buf, "^FO0,40^A0N,28,28^FB192,1,0,R^FDRoyal Albert...^FS\n"));
	/* "shrink": "Concession" is 56.68 pt wide at 10 pt; 15 mm is 42.52 pt, so
	 * 7.502 pt (21 dots), its top moved down to keep the baseline:
	 * 10 mm + 2.498 pt × 0.8 = 10.705 mm = 86 dots */
	assert_non_null(strstr(buf, "^FO0,86^A0N,21,21^FDConcession^FS\n"));
	/* 40 mm = 113.4 pt; the venue is 166.7 pt at 10 pt: it fits at 6.80 pt
	 * (19 dots), above min_size_pt (6 pt) */
	assert_non_null(strstr(buf, "^FO0,127^A0N,19,19^FDRoyal Albert Hall, Kensington Gore^FS\n"));
	free(buf);
	layout_free(&l);
}

/* Shrinking stops at min_size_pt, then the text is cut to fit with the
 * ellipsis counted. */
static void fit_shrinks_then_cuts(void **state)
{
	struct layout_item it = { .type = LAYOUT_TEXT, .w_mm = 30, .size_pt = 10,
				  .min_size_pt = 6, .fit = LAYOUT_SHRINK };
	const char *s = "Royal Albert Hall, Kensington Gore";
	double box = 30 * PDF_PT_PER_MM;
	struct ticket_fit f = ticket_fit_text(&it, PDF_HELVETICA, s, strlen(s), "\x85");

	(void)state;
	assert_float_equal(f.size_pt, 6, 1e-9);
	assert_true(f.cut);
	assert_true(f.keep > 5 && f.keep < strlen(s));
	assert_true(pdf_text_width(PDF_HELVETICA, 6, s, f.keep) +
		    pdf_text_width(PDF_HELVETICA, 6, "\x85", 1) <= box);
	assert_true(pdf_text_width(PDF_HELVETICA, 6, s, f.keep + 1) +
		    pdf_text_width(PDF_HELVETICA, 6, "\x85", 1) > box);
	/* fits: untouched */
	f = ticket_fit_text(&it, PDF_HELVETICA, "Row A", 5, "\x85");
	assert_float_equal(f.size_pt, 10, 1e-9);
	assert_false(f.cut);
	assert_int_equal(f.keep, 5);
	/* "cut" never shrinks */
	it.fit = LAYOUT_CUT;
	f = ticket_fit_text(&it, PDF_HELVETICA, s, strlen(s), "...");
	assert_float_equal(f.size_pt, 10, 1e-9);
	assert_true(f.cut);
}

static void escpos_exact(void **state)
{
	const char *j = "{\"name\":\"r\",\"page\":{\"width_mm\":80,\"height_mm\":70},\"items\":["
		"{\"type\":\"qr\",\"x_mm\":20,\"y_mm\":20,\"size_mm\":40},"
		"{\"type\":\"text\",\"x_mm\":4,\"y_mm\":12,\"size_pt\":9,\"text\":\"{seat}\"},"
		"{\"type\":\"line\",\"x1_mm\":4,\"y1_mm\":11,\"x2_mm\":76,\"y2_mm\":11},"
		"{\"type\":\"text\",\"x_mm\":4,\"y_mm\":5,\"size_pt\":18,\"bold\":true,\"text\":\"{event}\","
		" \"align\":\"center\",\"max_width_mm\":72},"
		"{\"type\":\"text\",\"x_mm\":4,\"y_mm\":65,\"size_pt\":12,\"text\":\"{customer}\"}]}";
	static const unsigned char want[] = {
		0x1B, 0x40,
		0x1B, 0x61, 0x01, 0x1B, 0x45, 0x01, 0x1D, 0x21, 0x11,
		'C', 'a', 'f', 'e', ' ', 'T', 'a', 'c', 'v', 'b', 'a', 0x0A,
		0x1B, 0x61, 0x00, 0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00, '1', '1', '2', 0x0A,
		0x1B, 0x61, 0x01,
		0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,   /* fn 165: model 2 */
		0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x08,         /* fn 167: 8 dots */
		0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,         /* fn 169: level M */
		0x1D, 0x28, 0x6B, 0x2B, 0x00, 0x31, 0x50, 0x30,         /* fn 180: 40 + 3 */
		'F', 'E', 'D', 'C', 'B', 'A', '9', '8', '7', '6', '5', '4', '3', '2', '1', '0',
		'F', 'E', 'D', 'C', 'B', 'A', '9', '8', '7', '6', '5', '4', '3', '2', '1', '0',
		'F', 'E', 'D', 'C', 'B', 'A', '9', '8',
		0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,         /* fn 181: print */
		0x0A,
		/* left (the layout gave no align), plain, double height (12 pt) */
		0x1B, 0x61, 0x00, 0x1B, 0x45, 0x00, 0x1D, 0x21, 0x01,
		'Z', 'o', 'e', ' ', 'A', 'n', 'g', 's', 't', 'r', 'o', 'm', 0x0A,
		0x1B, 0x61, 0x00, 0x1B, 0x45, 0x00, 0x1D, 0x21, 0x00,
		0x1D, 0x56, 0x41, 0x00,
	};
	struct err e;
	struct layout *l = layout_parse(j, strlen(j), &e);
	struct ticket_print t;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	if (l == NULL)
		fail_msg("%s", e.msg);
	fill(&t, 0);
	ticket_copy(t.event, sizeof t.event, "Café Tacvba");
	assert_true(ticket_escpos_render(l, &t, 1, &buf, &len, &e));
	assert_int_equal(len, sizeof want);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] != want[i])
			fail_msg("byte %zu: got 0x%02X, want 0x%02X", i, (unsigned char)buf[i], want[i]);
	free(buf);
	layout_free(&l);
}

static void escpos_long_token_and_cut_lines(void **state)
{
	const char *j = "{\"name\":\"r\",\"page\":{\"width_mm\":80,\"height_mm\":70},\"items\":["
		"{\"type\":\"text\",\"x_mm\":4,\"y_mm\":5,\"size_pt\":20,\"text\":\"{event}\"},"
		"{\"type\":\"qr\",\"x_mm\":20,\"y_mm\":20,\"size_mm\":10}]}";
	struct err e;
	struct layout *l = layout_parse(j, strlen(j), &e);
	struct ticket_print t;
	char *buf = NULL, token[129];
	const char *p;
	size_t len = 0;

	(void)state;
	assert_non_null(l);
	fill(&t, 0);
	memset(token, 'Q', 128);
	token[128] = '\0';
	ticket_copy(t.token, sizeof t.token, token);
	ticket_copy(t.event, sizeof t.event, "The Quite Extraordinarily Long Name Of A Festival");
	assert_true(ticket_escpos_render(l, &t, 1, &buf, &len, &e));
	/* double width: 24 columns, cut with "..." */
	assert_memory_equal(buf + 2, "\x1B\x61\x00\x1B\x45\x00\x1D\x21\x11"
			    "The Quite Extraordina...\n", 9 + 25);
	p = find(buf, len, "\x1D\x28\x6B\x83\x00\x31\x50\x30", 8); /* 128 + 3 = 0x83 */
	assert_non_null(p);
	assert_memory_equal(p + 8, token, 128);
	/* module size for 10 mm: 80 dots / (version 6: 41 + 8) = 1 */
	assert_non_null(find(buf, len, "\x1D\x28\x6B\x03\x00\x31\x43\x01", 8));
	free(buf);
	layout_free(&l);
}

static void ascii_transliteration(void **state)
{
	char out[64];

	(void)state;
	ticket_ascii("Café Zürich – “Œuvre” ß…", out, sizeof out);
	assert_string_equal(out, "Cafe Zurich - \"OEuvre\" ss...");
	ticket_ascii("Łódź Ærø 12 €", out, sizeof out);
	assert_string_equal(out, "Lodz AEro 12 EUR");
	ticket_ascii("中\xFF\t!", out, sizeof out);
	assert_string_equal(out, "?" "?" "?!");
	assert_int_equal(ticket_ascii("ßßß", out, 4), 2); /* "ss" fits, "ssss" does not */
	assert_string_equal(out, "ss");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pdf_round_trip_boca),
		cmocka_unit_test(pdf_round_trip_label),
		cmocka_unit_test(pdf_round_trip_a4),
		cmocka_unit_test(pdf_round_trip_receipt),
		cmocka_unit_test(qr_runs_are_merged),
		cmocka_unit_test(zpl_exact),
		cmocka_unit_test(zpl_escapes_and_cuts),
		cmocka_unit_test(fit_shrinks_then_cuts),
		cmocka_unit_test(escpos_exact),
		cmocka_unit_test(escpos_long_token_and_cut_lines),
		cmocka_unit_test(ascii_transliteration),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
