/* err: formatting bounds and the SQLSTATE → message table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "err.h"

static void set_formats_and_returns_false(void **state)
{
	struct err e;

	(void)state;
	assert_false(err_set(&e, ERR_IO, "cannot read %s: %d", "x.sql", 42));
	assert_int_equal(e.code, ERR_IO);
	assert_string_equal(e.msg, "cannot read x.sql: 42");
	assert_string_equal(e.sqlstate, "");
	assert_false(err_set(NULL, ERR_IO, "ignored"));
}

static void set_truncates_long_messages(void **state)
{
	struct err e;
	char big[1000];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	err_set(&e, ERR_INPUT, "%s", big);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
}

static void clear_empties(void **state)
{
	struct err e;

	(void)state;
	err_from_sqlstate(&e, "23505", "dup");
	err_clear(&e);
	assert_int_equal(e.code, ERR_NONE);
	assert_string_equal(e.msg, "");
	assert_string_equal(e.sqlstate, "");
}

static void exact_codes_map_to_clerk_words(void **state)
{
	struct err e;

	(void)state;
	err_from_sqlstate(&e, "42501", "permission denied for table orders");
	assert_int_equal(e.code, ERR_DB);
	assert_string_equal(e.sqlstate, "42501");
	assert_string_equal(e.msg,
			    "You are not allowed to do that (your login lacks the permission).");
	err_from_sqlstate(&e, "55P03", "could not obtain lock on row");
	assert_string_equal(e.msg, "Someone else is working on these seats; try again.");
	assert_string_equal(err_sqlstate_message("28P01"), "Wrong password for this login.");
	assert_non_null(err_sqlstate_message("28000"));
	assert_non_null(err_sqlstate_message("57014"));
	assert_string_equal(err_sqlstate_message("40001"), err_sqlstate_message("40P01"));
	assert_non_null(err_sqlstate_message("23505"));
	assert_non_null(err_sqlstate_message("23514"));
}

static void class_is_the_fallback(void **state)
{
	struct err e;

	(void)state;
	err_from_sqlstate(&e, "08006", NULL);
	assert_string_equal(e.sqlstate, "08006");
	assert_non_null(strstr(e.msg, "Lost the connection"));
	/* 28P01 has its own entry; another 28xxx falls back to the class. */
	assert_string_equal(err_sqlstate_message("28XYZ"), "The database refused the login.");
	assert_null(err_sqlstate_message("22012"));
	assert_null(err_sqlstate_message("0"));
	assert_null(err_sqlstate_message(NULL));
}

static void our_codes_keep_the_server_words(void **state)
{
	struct err e;

	(void)state;
	err_from_sqlstate(&e, "BO002", "Seat A12 is held by another clerk.");
	assert_string_equal(e.msg, "Seat A12 is held by another clerk.");
	assert_string_equal(e.sqlstate, "BO002");
	err_from_sqlstate(&e, "BO002", "");
	assert_string_equal(e.msg, "Seat not available: held or sold by someone else.");
	err_from_sqlstate(&e, "BO007", NULL);
	assert_string_equal(e.msg, "The hold has expired; select the seats again.");
	for (int i = 1; i <= 8; i++) {
		char code[16];
		snprintf(code, sizeof code, "BO%03d", i);
		assert_non_null(err_sqlstate_message(code));
		assert_string_not_equal(err_sqlstate_message(code), err_sqlstate_message("BO999"));
	}
}

static void unknown_codes_show_the_server_words(void **state)
{
	struct err e;

	(void)state;
	err_from_sqlstate(&e, "22012", "division by zero");
	assert_string_equal(e.msg, "division by zero");
	assert_string_equal(e.sqlstate, "22012");
	err_from_sqlstate(&e, "22012", NULL);
	assert_string_equal(e.msg, "The database reported an error.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_formats_and_returns_false),
		cmocka_unit_test(set_truncates_long_messages),
		cmocka_unit_test(clear_empties),
		cmocka_unit_test(exact_codes_map_to_clerk_words),
		cmocka_unit_test(class_is_the_fallback),
		cmocka_unit_test(our_codes_keep_the_server_words),
		cmocka_unit_test(unknown_codes_show_the_server_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
