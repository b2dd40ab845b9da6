/* db: the pure part, libpq's connection failures turned into sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "db.h"

static void no_server(void **state)
{
	struct err e;

	(void)state;
	assert_false(db_connect_error(
		"connection to server on socket \"/tmp/x/.s.PGSQL.5432\" failed: No such file or "
		"directory\n\tIs the server running locally and accepting connections on that "
		"socket?\n", "/tmp/x/.s.PGSQL.5432", &e));
	assert_int_equal(e.code, ERR_CONNECT);
	assert_string_equal(e.msg,
			    "Cannot reach the database server at /tmp/x/.s.PGSQL.5432: is it running?");
	assert_string_equal(e.sqlstate, "08001");
	db_connect_error("connection to server at \"db.example\" (10.0.0.1), port 5432 failed: "
			 "Connection refused\n", "db.example:5432", &e);
	assert_string_equal(e.msg, "Cannot reach the database server at db.example:5432: is it running?");
}

static void wrong_password(void **state)
{
	struct err e;

	(void)state;
	db_connect_error("connection to server on socket \"/s\" failed: FATAL:  password "
			 "authentication failed for user \"clerk\"\n", "/s", &e);
	assert_int_equal(e.code, ERR_CONNECT);
	assert_string_equal(e.sqlstate, "28P01");
	assert_string_equal(e.msg, "Wrong password for this login.");
}

static void no_password(void **state)
{
	struct err e;

	(void)state;
	db_connect_error("connection to server on socket \"/s\" failed: fe_sendauth: no password "
			 "supplied\n", "/s", &e);
	assert_non_null(strstr(e.msg, "needs a password"));
}

static void bad_conninfo_is_usage(void **state)
{
	struct err e;

	(void)state;
	db_connect_error("invalid connection option \"bogus\"\n", "", &e);
	assert_int_equal(e.code, ERR_USAGE);
	assert_string_equal(e.msg, "The connection string is not valid: invalid connection option "
			    "\"bogus\"");
}

static void other_fatal_keeps_server_words(void **state)
{
	struct err e;

	(void)state;
	db_connect_error("connection to server on socket \"/s\" failed: FATAL:  database \"nope\" "
			 "does not exist\n", "/s", &e);
	assert_string_equal(e.msg, "Cannot connect to the database at /s: database \"nope\" does "
			    "not exist");
	db_connect_error("connection to server on socket \"/s\" failed: FATAL:  role \"x\" is not "
			 "permitted to log in\n", "/s", &e);
	assert_string_equal(e.sqlstate, "28000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_server),
		cmocka_unit_test(wrong_password),
		cmocka_unit_test(no_password),
		cmocka_unit_test(bad_conninfo_is_usage),
		cmocka_unit_test(other_fatal_keeps_server_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
