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

/* libpq 15's own texts, as the CLI test (tests/cli/tls.sh) meets them for real. */
static void tls_refusals_in_words(void **state)
{
	struct err e;

	(void)state;
	db_connect_error("connection to server at \"127.0.0.1\", port 5433 failed: server "
			 "certificate for \"localhost\" (and 1 other name) does not match host name "
			 "\"127.0.0.1\"\n", "127.0.0.1:5433", &e);
	assert_int_equal(e.code, ERR_CONNECT);
	assert_string_equal(e.sqlstate, "08001");
	assert_string_equal(e.msg, "The database server at 127.0.0.1:5433 showed a certificate for "
			    "\"localhost\", which does not match the host name 127.0.0.1: connect with "
			    "host=localhost (the name on the certificate), or ask IT for a certificate "
			    "that names 127.0.0.1.");
	db_connect_error("connection to server at \"db\" (10.0.0.1), port 5432 failed: SSL error: "
			 "certificate verify failed\n", "db:5432", &e);
	assert_string_equal(e.msg, "The certificate of the database server at db:5432 is not signed "
			    "by the CA this computer trusts (or it has expired): put IT's CA "
			    "certificate in ~/.postgresql/root.crt or name it with sslrootcert=.");
	db_connect_error("connection to server at \"db\" (10.0.0.1), port 5432 failed: root "
			 "certificate file \"/home/c/.postgresql/root.crt\" does not exist\nEither "
			 "provide the file or change sslmode to disable server certificate "
			 "verification.\n", "db:5432", &e);
	assert_string_equal(e.msg, "Cannot check the certificate of the database server at db:5432: "
			    "there is no CA certificate in /home/c/.postgresql/root.crt. Put IT's CA "
			    "certificate there, or name its file with sslrootcert=.");
	db_connect_error("connection to server at \"db\" (10.0.0.1), port 5432 failed: could not "
			 "read root certificate file \"x.pem\": no certificate or crl found\n",
			 "db:5432", &e);
	assert_string_equal(e.msg, "Cannot read the CA certificate in x.pem to check the database "
			    "server at db:5432: it must be IT's CA certificate (PEM).");
	db_connect_error("connection to server at \"db\" (10.0.0.1), port 5432 failed: server does "
			 "not support SSL, but SSL was required\n", "db:5432", &e);
	assert_non_null(strstr(e.msg, "db:5432 does not offer TLS"));
	assert_string_equal(e.sqlstate, "08001");
}

static void tls_refused_by_pg_hba(void **state)
{
	struct err e;

	(void)state;
	db_connect_error("connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  "
			 "pg_hba.conf rejects connection for host \"10.0.0.9\", user \"clerk\", "
			 "database \"boxoffice\", no encryption\n", "db:5432", &e);
	assert_int_equal(e.code, ERR_CONNECT);
	assert_string_equal(e.sqlstate, "28000");
	assert_non_null(strstr(e.msg, "accepts only encrypted (TLS) connections: remove "
			       "sslmode=disable"));
	db_connect_error("connection to server at \"db\" (10.0.0.1), port 5432 failed: FATAL:  "
			 "no pg_hba.conf entry for host \"10.0.0.9\", user \"clerk\", database "
			 "\"boxoffice\", SSL encryption\n", "db:5432", &e);
	assert_string_equal(e.msg, "The database server at db:5432 has no TLS entry (hostssl) for "
			    "this login: ask IT to add one to its pg_hba.conf.");
	/* without TLS words it stays the plain refusal */
	db_connect_error("connection to server on socket \"/s\" failed: FATAL:  no pg_hba.conf "
			 "entry for host \"[local]\", user \"x\", database \"y\"\n", "/s", &e);
	assert_string_equal(e.msg, "This login is not allowed to connect to the database.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_server),
		cmocka_unit_test(wrong_password),
		cmocka_unit_test(no_password),
		cmocka_unit_test(bad_conninfo_is_usage),
		cmocka_unit_test(other_fatal_keeps_server_words),
		cmocka_unit_test(tls_refusals_in_words),
		cmocka_unit_test(tls_refused_by_pg_hba),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
