/* shift and shift_pdf, the pure parts: signed amounts as the database writes
 * them, variances for people, a row's state, and the report's page (the PDF's
 * content streams are not compressed, so its text can be searched). The
 * database side is tested through the CLI (tests/cli/shift.sh) and the
 * terminal (tests/e2e/shift.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shift.h"
#include "shift_pdf.h"

static int64_t parsed(const char *s)
{
	int64_t c = 12345;
	struct err e;

	assert_true(shift_amount_parse(s, &c, &e));
	return c;
}

static void signed_amounts(void **state)
{
	struct err e;
	int64_t c;

	(void)state;
	assert_int_equal(parsed("-5.00"), -500);
	assert_int_equal(parsed("0.05"), 5);
	assert_int_equal(parsed("0"), 0);
	assert_int_equal(parsed("131.00"), 13100);
	assert_int_equal(parsed("-0.01"), -1);
	assert_int_equal(parsed("99999999.99"), INT64_C(9999999999));
	assert_int_equal(parsed("-99999999.99"), -INT64_C(9999999999));
	assert_false(shift_amount_parse("--5", &c, &e));
	assert_false(shift_amount_parse("-", &c, &e));
	assert_false(shift_amount_parse("+5", &c, &e));
	assert_false(shift_amount_parse("5.001", &c, &e));
	assert_false(shift_amount_parse(NULL, &c, &e));
}

static void variances_for_people(void **state)
{
	char b[48];

	(void)state;
	assert_string_equal(shift_variance_show(-500, b, sizeof b), "-5.00");
	assert_string_equal(shift_variance_show(5, b, sizeof b), "+0.05");
	assert_string_equal(shift_variance_show(0, b, sizeof b), "0.00");
	assert_string_equal(shift_variance_show(-123456789, b, sizeof b), "-1,234,567.89");
	assert_string_equal(shift_variance_words(-500, b, sizeof b), "short by 5.00");
	assert_string_equal(shift_variance_words(5, b, sizeof b), "over by 0.05");
	assert_string_equal(shift_variance_words(0, b, sizeof b), "exact");
	assert_string_equal(shift_variance_words(-100000, b, sizeof b), "short by 1,000.00");
}

static void row_states(void **state)
{
	struct shift_row r;

	(void)state;
	memset(&r, 0, sizeof r);
	r.opened = 1000;
	assert_int_equal(shift_row_state(&r), SHIFT_OPEN);
	r.closed = 2000;
	assert_int_equal(shift_row_state(&r), SHIFT_AWAITING);
	snprintf(r.signed_off_by, sizeof r.signed_off_by, "super_a");
	assert_int_equal(shift_row_state(&r), SHIFT_SIGNED);
}

static struct shift_report report(void)
{
	struct shift_report r;

	memset(&r, 0, sizeof r);
	snprintf(r.id, sizeof r.id, "db21cca9-71b6-4c0c-84a7-90627cc29a14");
	snprintf(r.login, sizeof r.login, "clerk_a");
	snprintf(r.name, sizeof r.name, "Zoë Clerk");
	r.opened = 1764000000;
	r.closed = 1764030000;
	r.float_amount = 10000;
	r.cash_payments = 3, r.cash_taken = 8800, r.expected_cash = 18800;
	r.card_payments = 1, r.card_taken = 4400, r.expected_card = 4400;
	r.counted = true;
	r.counted_cash = 18300, r.variance_cash = -500;
	r.counted_card = 4400, r.variance_card = 0;
	r.comp_payments = 2;
	r.cancelled_tickets = 1, r.cancelled_face_value = 4400;
	return r;
}

static char *render(const struct shift_report *r, size_t *len)
{
	char *buf = NULL;
	struct err e;

	assert_true(shift_pdf_render(r, "Lyric Theatre Company", &buf, len, &e));
	assert_non_null(buf);
	return buf;
}

static void report_page(void **state)
{
	struct shift_report r = report();
	size_t len;
	char *pdf = render(&r, &len);

	(void)state;
	assert_int_equal(memcmp(pdf, "%PDF-1.4", 8), 0);
	assert_non_null(strstr(pdf, "/Count 1"));            /* one page */
	assert_non_null(strstr(pdf, "(Zo\xEB Clerk \\(clerk_a\\))")); /* WinAnsi ë */
	assert_non_null(strstr(pdf, "(Lyric Theatre Company)"));
	assert_non_null(strstr(pdf, "(188.00)"));            /* expected cash */
	assert_non_null(strstr(pdf, "(183.00)"));            /* counted cash */
	assert_non_null(strstr(pdf, "(-5.00)"));             /* the variance */
	assert_non_null(strstr(pdf, "(Cash: short by 5.00.   Card: exact.)"));
	assert_non_null(strstr(pdf, "face value 44.00"));
	assert_non_null(strstr(pdf, "(Not signed off yet.)"));
	free(pdf);
}

static void open_and_signed(void **state)
{
	struct shift_report r = report();
	size_t len;
	char *pdf;

	(void)state;
	/* still open: nothing counted, the expected figures are "so far" */
	r.closed = 0;
	r.counted = false;
	pdf = render(&r, &len);
	assert_non_null(strstr(pdf, "(still open: expected is what was taken so far)"));
	assert_non_null(strstr(pdf, "(Not counted yet: the shift is still open.)"));
	assert_null(strstr(pdf, "(-5.00)"));
	free(pdf);

	/* signed off with a note longer than a line: wrapped, nothing lost */
	r = report();
	snprintf(r.signed_off_by, sizeof r.signed_off_by, "super_c");
	r.signed_at = 1764031000;
	for (size_t i = 0; i < 20; i++)
		strcat(r.note, "a refund paid back from the drawer; ");
	strcat(r.note, "END");
	pdf = render(&r, &len);
	assert_non_null(strstr(pdf, "(Signed off by super_c on "));
	assert_non_null(strstr(pdf, "END) Tj"));
	free(pdf);

	/* a note of 1000 characters without a space: cut into lines, never off the page */
	r = report();
	memset(r.note, 'x', 1000);
	r.note[1000] = '\0';
	pdf = render(&r, &len);
	assert_non_null(strstr(pdf, "(Note)"));
	free(pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signed_amounts),
		cmocka_unit_test(variances_for_people),
		cmocka_unit_test(row_states),
		cmocka_unit_test(report_page),
		cmocka_unit_test(open_and_signed),
	};

	return cmocka_run_group_tests_name("shift", tests, NULL, NULL);
}
