/* money and uuid: what a clerk types becomes exact cents, or a clear refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "money.h"
#include "uuid.h"

static int64_t parsed(const char *s)
{
	int64_t c = -1;
	struct err e;

	assert_true(money_parse(s, &c, &e));
	return c;
}

static void parses_what_people_type(void **state)
{
	(void)state;
	assert_int_equal(parsed("12"), 1200);
	assert_int_equal(parsed("12.5"), 1250);
	assert_int_equal(parsed("12.50"), 1250);
	assert_int_equal(parsed(" 0.07 "), 7);
	assert_int_equal(parsed(".5"), 50);
	assert_int_equal(parsed("1,234.56"), 123456);
	assert_int_equal(parsed("0"), 0);
	assert_int_equal(parsed("99999999.99"), MONEY_MAX);
}

static void refuses_the_rest(void **state)
{
	const char *bad[] = { "", "  ", "-1", "+1", "1.234", "12a", "abc", "1.2.3", "100000000",
			      "1e3", "12 50", ",5", "99999999999999999999" };
	struct err e;
	int64_t c;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		c = 42;
		assert_false(money_parse(bad[i], &c, &e));
		assert_int_equal(c, 42);
		assert_int_equal(e.code, ERR_INPUT);
	}
	assert_false(money_parse("1.234", &c, &e));
	assert_non_null(strstr(e.msg, "two decimals"));
	assert_false(money_parse("12a", &c, &e));
	assert_non_null(strstr(e.msg, "\"12a\""));
}

static void prints_for_the_database_and_for_people(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(money_text(1250, b, sizeof b), "12.50");
	assert_string_equal(money_text(7, b, sizeof b), "0.07");
	assert_string_equal(money_text(-300, b, sizeof b), "-3.00");
	assert_string_equal(money_text(123456789, b, sizeof b), "1234567.89");
	assert_string_equal(money_show(123456789, b, sizeof b), "1,234,567.89");
	assert_string_equal(money_show(100000, b, sizeof b), "1,000.00");
	assert_string_equal(money_show(99900, b, sizeof b), "999.00");
	assert_string_equal(money_show(-150, b, sizeof b), "-1.50");
}

static void uuids_are_version_4_and_differ(void **state)
{
	char a[UUID_LEN], b[UUID_LEN];
	struct err e;

	(void)state;
	assert_true(uuid_v4(a, &e));
	assert_true(uuid_v4(b, &e));
	assert_true(uuid_valid(a));
	assert_string_not_equal(a, b);
	assert_int_equal(a[14], '4');
	assert_non_null(strchr("89ab", a[19]));
	assert_false(uuid_valid("not-a-uuid"));
	assert_false(uuid_valid("00000000-0000-4000-8000-00000000000"));
	assert_false(uuid_valid("00000000+0000-4000-8000-000000000000"));
	assert_true(uuid_valid("A0000000-0000-4000-8000-000000000001"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_what_people_type),
		cmocka_unit_test(refuses_the_rest),
		cmocka_unit_test(prints_for_the_database_and_for_people),
		cmocka_unit_test(uuids_are_version_4_and_differ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
