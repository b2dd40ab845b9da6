/* backup: the roles script read statement by statement, the PostgreSQL
 * tools' versions, the one connection argument; the command line of admin. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "backup.h"
#include "cli.h"
#include "pgtool.h"

/* What pg_dumpall --roles-only writes (15.14 and later: \restrict lines). */
static const char roles[] =
	"\\restrict AbC123\n"
	"--\n-- PostgreSQL database cluster dump\n--\n\n"
	"SET default_transaction_read_only = off;\n"
	"SET client_encoding = 'UTF8';\n\n"
	"CREATE ROLE clerk_a;\n"
	"ALTER ROLE clerk_a WITH NOSUPERUSER INHERIT LOGIN PASSWORD 'SCRAM-SHA-256$4096:a;b=c';\n"
	"COMMENT ON ROLE \"odd;name\" IS 'it''s; fine -- really';\n"
	"GRANT boxoffice_clerk TO clerk_a GRANTED BY postgres;\n"
	"\\unrestrict AbC123\n"
	"--\n-- PostgreSQL database cluster dump complete\n--\n\n";

static void statements_in_order(void **state)
{
	const char *want[] = {
		"SET default_transaction_read_only = off",
		"SET client_encoding = 'UTF8'",
		"CREATE ROLE clerk_a",
		"ALTER ROLE clerk_a WITH NOSUPERUSER INHERIT LOGIN PASSWORD 'SCRAM-SHA-256$4096:a;b=c'",
		"COMMENT ON ROLE \"odd;name\" IS 'it''s; fine -- really'",
		"GRANT boxoffice_clerk TO clerk_a GRANTED BY postgres",
	};
	char buf[256];
	size_t pos = 0;
	struct err e;

	(void)state;
	err_clear(&e);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(backup_next_statement(roles, &pos, buf, sizeof buf, &e), 1);
		assert_string_equal(buf, want[i]);
	}
	assert_int_equal(backup_next_statement(roles, &pos, buf, sizeof buf, &e), 0);
}

static void cut_short_and_too_long(void **state)
{
	char buf[16];
	size_t pos = 0;
	struct err e;

	(void)state;
	err_clear(&e);
	assert_int_equal(backup_next_statement("CREATE ROLE x;\nALTER ROLE x WITH PASS",
					       &pos, buf, sizeof buf, &e), 1);
	assert_int_equal(backup_next_statement("CREATE ROLE x;\nALTER ROLE x WITH PASS",
					       &pos, buf, sizeof buf, &e), -1);
	assert_non_null(strstr(e.msg, "longer than"));
	pos = 0;
	assert_int_equal(backup_next_statement("SET a = 'x;", &pos, buf, sizeof buf, &e), -1);
	assert_non_null(strstr(e.msg, "cut short"));
}

static void versions(void **state)
{
	(void)state;
	assert_int_equal(pgtool_major("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"), 15);
	assert_int_equal(pgtool_major("pg_restore (PostgreSQL) 9.6.24"), 9);
	assert_int_equal(pgtool_major("16.1"), 16);
	assert_int_equal(pgtool_major("not postgres"), 0);
}

static void dbname_argument_is_quoted(void **state)
{
	char buf[64];

	(void)state;
	pgtool_dbname_arg("box office", buf, sizeof buf);
	assert_string_equal(buf, "dbname='box office'");
	pgtool_dbname_arg("it's\\x", buf, sizeof buf);
	assert_string_equal(buf, "dbname='it\\'s\\\\x'");
}

static int parse(struct cli_options *o, struct err *e, int argc, char **argv)
{
	return cli_parse(argc, argv, o, e) ? 0 : e->code;
}

static void command_line(void **state)
{
	struct cli_options o;
	struct err e;
	char *b[] = { "boxoffice", "admin", "backup", "--out", "/tmp/x" };
	char *r[] = { "boxoffice", "admin", "restore", "/tmp/x", "--db", "dbname=y" };
	char *r_nodb[] = { "boxoffice", "admin", "restore", "/tmp/x" };
	char *r_out[] = { "boxoffice", "admin", "restore", "/tmp/x", "--db", "y", "--out", "z" };
	char *b_arg[] = { "boxoffice", "admin", "backup", "/tmp/x" };

	(void)state;
	assert_int_equal(parse(&o, &e, 5, b), 0);
	assert_int_equal(o.command, CLI_ADMIN_BACKUP);
	assert_string_equal(o.out, "/tmp/x");
	assert_int_equal(parse(&o, &e, 6, r), 0);
	assert_int_equal(o.command, CLI_ADMIN_RESTORE);
	assert_string_equal(o.arg, "/tmp/x");
	assert_int_equal(parse(&o, &e, 4, r_nodb), ERR_USAGE);
	assert_non_null(strstr(e.msg, "--db"));
	assert_int_equal(parse(&o, &e, 8, r_out), ERR_USAGE);
	assert_int_equal(parse(&o, &e, 4, b_arg), ERR_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statements_in_order),
		cmocka_unit_test(cut_short_and_too_long),
		cmocka_unit_test(versions),
		cmocka_unit_test(dbname_argument_is_quoted),
		cmocka_unit_test(command_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
