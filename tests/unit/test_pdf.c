/* pdf: UTF-8 → WinAnsi, Helvetica widths, and a file whose xref, trailer
 * and stream lengths are exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "qr.h"

static const char *win(const char *utf8)
{
	static char out[256];

	pdf_winansi(utf8, out, sizeof out);
	return out;
}

static void winansi_conversion(void **state)
{
	char small[4];

	(void)state;
	assert_string_equal(win("plain ASCII"), "plain ASCII");
	assert_string_equal(win("é"), "\xE9");
	assert_string_equal(win("€"), "\x80");
	assert_string_equal(win("–"), "\x96");         /* en dash */
	assert_string_equal(win("—…“”‘’"), "\x97\x85\x93\x94\x91\x92");
	assert_string_equal(win("Zürich Œuvre ß"), "Z\xFCrich \x8Cuvre \xDF");
	assert_string_equal(win("中"), "?");            /* no WinAnsi equivalent */
	assert_string_equal(win("a😀b"), "a?b");
	assert_string_equal(win("x\xFFy"), "x?y");     /* malformed byte */
	assert_string_equal(win("a\tb"), "a?b");       /* control character */
	assert_string_equal(win("a\xC3"), "a?");       /* cut short */
	assert_string_equal(win(""), "");
	assert_int_equal(pdf_winansi("ééééé", small, sizeof small), 3);
	assert_string_equal(small, "\xE9\xE9\xE9");
}

static void helvetica_widths(void **state)
{
	(void)state;
	/* H 722 e 556 l 222 l 222 o 556 */
	assert_float_equal(pdf_text_width(PDF_HELVETICA, 10, "Hello", 5), 22.78, 1e-9);
	/* bold: H 722 e 556 l 278 l 278 o 611 */
	assert_float_equal(pdf_text_width(PDF_HELVETICA_BOLD, 10, "Hello", 5), 24.45, 1e-9);
	assert_float_equal(pdf_text_width(PDF_HELVETICA, 1000, "\x80", 1), 556, 1e-9);   /* € */
	assert_float_equal(pdf_text_width(PDF_HELVETICA, 1000, "\xE9", 1), 556, 1e-9);   /* é */
	assert_float_equal(pdf_text_width(PDF_HELVETICA, 1000, "@", 1), 1015, 1e-9);
	assert_float_equal(pdf_text_width(PDF_HELVETICA_BOLD, 1000, "@", 1), 975, 1e-9);
	assert_float_equal(pdf_text_width(PDF_HELVETICA, 1000, "\xFF", 1), 500, 1e-9);   /* ÿ */
	assert_float_equal(pdf_text_width(PDF_HELVETICA, 12, "", 0), 0, 1e-9);
}

/* The number after "key" in buf, or -1. */
static long number_after(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p == NULL ? -1 : strtol(p + strlen(key), NULL, 10);
}

/* Checks xref, trailer, startxref and every stream /Length; returns the
 * number of objects. */
static long check_structure(const char *buf, size_t len)
{
	const char *sx, *p;
	long xref, n;

	assert_true(len > 40);
	assert_memory_equal(buf, "%PDF-1.4\n", 9);
	assert_memory_equal(buf + len - 6, "%%EOF\n", 6);
	sx = buf + len;
	while (sx > buf && strncmp(sx, "startxref\n", 10) != 0)
		sx--;
	assert_true(sx > buf);
	xref = strtol(sx + 10, NULL, 10);
	assert_true(xref > 0 && (size_t)xref < len);
	assert_memory_equal(buf + xref, "xref\n0 ", 7);
	n = strtol(buf + xref + 7, (char **)&p, 10);
	assert_true(n > 4);
	assert_memory_equal(p, "\n0000000000 65535 f \n", 21);
	p += 21;
	for (long i = 1; i < n; i++, p += 20) {
		char want[32];
		long off = strtol(p, NULL, 10);
		const char *obj = buf + off, *s;

		assert_memory_equal(p + 10, " 00000 n \n", 10);
		snprintf(want, sizeof want, "%ld 0 obj\n", i);
		if (strncmp(obj, want, strlen(want)) != 0)
			fail_msg("xref entry %ld (offset %ld) does not point at \"%ld 0 obj\"", i, off, i);
		/* a stream's /Length is its exact byte count */
		s = strstr(obj, "endobj");
		assert_non_null(s);
		if (strncmp(obj + strlen(want), "<< /Length ", 11) == 0) {
			long slen = strtol(obj + strlen(want) + 11, NULL, 10);
			const char *data = strstr(obj, "stream\n") + 7;

			assert_memory_equal(data + slen, "\nendstream\nendobj\n", 18);
		}
	}
	assert_memory_equal(p, "trailer\n", 8);
	assert_int_equal(number_after(p, "/Size "), n);
	assert_non_null(strstr(p, "/Root 1 0 R"));
	return n;
}

static void structure_is_exact(void **state)
{
	struct pdf *p = pdf_new();
	struct err e;
	char *buf = NULL;
	size_t len = 0;
	long n;

	(void)state;
	assert_non_null(p);
	pdf_page_begin(p, 396, 144);
	pdf_text(p, PDF_HELVETICA_BOLD, 14, 10.5, 100.25, "a(b)c\\d", 7);
	pdf_line(p, 0, 0, 396, 144, 0.5, 0);
	pdf_line(p, 10, 0, 10, 144, 1, 2.5);
	pdf_rect(p, 1, 2, 3, 4, 0.75);
	pdf_rect_path(p, 5, 6, 7, 8);
	pdf_fill(p);
	pdf_rect_path(p, -0.25, 0.001, 1000000, 0.0004); /* 3 decimals at most, "." always */
	pdf_rect_path(p, -12.5, 1.10, 0.05, 99.9996);
	pdf_page_begin(p, 595.2756, 841.8898); /* ends the first */
	pdf_text(p, PDF_HELVETICA, 9, 0, 0, "\x80\x0A", 2);
	assert_true(pdf_finish(p, &buf, &len, &e));
	pdf_free(&p);
	assert_null(p);

	n = check_structure(buf, len);
	/* fonts 3 and 4, 2 × (content + page), pages, catalog, info: objects 1..9 */
	assert_int_equal(n, 10);
	assert_non_null(strstr(buf, "/Type /Pages /Kids [6 0 R 8 0 R] /Count 2"));
	assert_non_null(strstr(buf, "/MediaBox [0 0 396 144]"));
	assert_non_null(strstr(buf, "/MediaBox [0 0 595.276 841.89]"));
	assert_non_null(strstr(buf, "/BaseFont /Helvetica /Encoding /WinAnsiEncoding"));
	assert_non_null(strstr(buf, "/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"));
	assert_non_null(strstr(buf, "BT /F2 14 Tf 10.5 100.25 Td (a\\(b\\)c\\\\d) Tj ET\n"));
	assert_non_null(strstr(buf, "BT /F1 9 Tf 0 0 Td (\x80\\012) Tj ET\n"));
	assert_non_null(strstr(buf, "0.5 w 0 0 m 396 144 l S\n"));
	assert_non_null(strstr(buf, "[2.5] 0 d 1 w 10 0 m 10 144 l S [] 0 d\n"));
	assert_non_null(strstr(buf, "0.75 w 1 2 3 4 re S\n"));
	assert_non_null(strstr(buf, "5 6 7 8 re\nf\n"));
	assert_non_null(strstr(buf, "-0.25 0.001 1000000 0 re\n-12.5 1.1 0.05 100 re\n"));
	free(buf);
}

static void misuse_is_reported(void **state)
{
	struct pdf *p = pdf_new();
	struct err e;
	char *buf = NULL;
	size_t len = 0;

	(void)state;
	assert_false(pdf_finish(p, &buf, &len, &e));
	assert_string_equal(e.msg, "PDF: a document needs at least one page.");
	pdf_free(&p);

	p = pdf_new();
	pdf_text(p, PDF_HELVETICA, 9, 0, 0, "x", 1);
	pdf_page_begin(p, 10, 10);
	assert_false(pdf_finish(p, &buf, &len, &e));
	assert_string_equal(e.msg, "PDF: text drawn outside a page.");
	assert_null(buf);
	pdf_free(&p);
	pdf_free(&p);
	pdf_free(NULL);
}

static void qr_matrix(void **state)
{
	struct err e;
	struct qr *q = qr_encode("FEDCBA9876543210FEDCBA9876543210FEDCBA98", &e);
	struct qr *lower = qr_encode("abc", &e);
	long dark = 0;

	(void)state;
	assert_non_null(q);
	assert_int_equal(q->width, 29); /* 40 bytes at level M: version 3 */
	/* the finder pattern's corners, and its white separator */
	assert_int_equal(qr_dark(q, 0, 0), 1);
	assert_int_equal(qr_dark(q, 6, 6), 1);
	assert_int_equal(qr_dark(q, 7, 7), 0);
	assert_int_equal(qr_dark(q, 28, 0), 1);
	assert_int_equal(qr_dark(q, -1, 0), 0);
	assert_int_equal(qr_dark(q, 29, 0), 0);
	for (int i = 0; i < q->width * q->width; i++) {
		assert_true(q->dark[i] <= 1);
		dark += q->dark[i];
	}
	assert_true(dark > 200 && dark < 29 * 29 - 200);
	assert_non_null(lower);
	qr_free(&q);
	qr_free(&lower);
	assert_null(q);
	assert_null(qr_encode("", &e));
	assert_int_equal(e.code, ERR_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(winansi_conversion),
		cmocka_unit_test(helvetica_widths),
		cmocka_unit_test(structure_is_exact),
		cmocka_unit_test(misuse_is_reported),
		cmocka_unit_test(qr_matrix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
