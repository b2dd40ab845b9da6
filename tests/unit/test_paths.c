/* paths: the lookup order option > env > next to the binary > datadir. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

static char tmp[64];      /* a fake "bin" dir */
static char withsql[128]; /* tmp/sql/migrations exists */

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof tmp, "/tmp/boxoffice-paths-XXXXXX");
	if (mkdtemp(tmp) == NULL)
		return -1;
	snprintf(withsql, sizeof withsql, "%s/sql", tmp);
	mkdir(withsql, 0700);
	snprintf(withsql, sizeof withsql, "%s/sql/migrations", tmp);
	return mkdir(withsql, 0700);
}

static int teardown(void **state)
{
	char p[160];

	(void)state;
	rmdir(withsql);
	snprintf(p, sizeof p, "%s/sql", tmp);
	rmdir(p);
	rmdir(tmp);
	return 0;
}

static void option_wins(void **state)
{
	struct paths_env pe = { "/opt/opt", "/env/sql", tmp, "/usr/share/boxoffice" };
	char out[256];
	struct err e;

	(void)state;
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, "/opt/opt");
}

static void env_next(void **state)
{
	struct paths_env pe = { NULL, "/env/sql", tmp, "/usr/share/boxoffice" };
	char out[256];
	struct err e;

	(void)state;
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, "/env/sql");
	pe.option = ""; /* empty counts as unset */
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, "/env/sql");
}

static void beside_the_binary_when_it_has_migrations(void **state)
{
	struct paths_env pe = { NULL, "", tmp, "/usr/share/boxoffice" };
	char out[256], want[160];
	struct err e;

	(void)state;
	snprintf(want, sizeof want, "%s/sql", tmp);
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, want);
}

/* PREFIX/bin/boxoffice finds PREFIX/share/boxoffice/sql, whatever PREFIX the
 * binary was built for. */
static void under_the_install_prefix(void **state)
{
	char prefix[64], dir[200], bin[100], out[256], want[160];
	const char *made[] = { "/share", "/share/boxoffice", "/share/boxoffice/sql",
			       "/share/boxoffice/sql/migrations", "/bin" };
	struct paths_env pe = { NULL, NULL, bin, "/usr/share/boxoffice" };
	struct err e;

	(void)state;
	snprintf(prefix, sizeof prefix, "/tmp/boxoffice-prefix-XXXXXX");
	assert_non_null(mkdtemp(prefix));
	for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
		snprintf(dir, sizeof dir, "%s%s", prefix, made[i]);
		assert_int_equal(mkdir(dir, 0700), 0);
	}
	snprintf(bin, sizeof bin, "%s/bin", prefix);
	snprintf(want, sizeof want, "%s/../share/boxoffice/sql", bin);
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, want);
	for (size_t i = sizeof made / sizeof made[0]; i-- > 0;) {
		snprintf(dir, sizeof dir, "%s%s", prefix, made[i]);
		rmdir(dir);
	}
	rmdir(prefix);
}

static void datadir_last(void **state)
{
	struct paths_env pe = { NULL, NULL, "/nonexistent/bin", "/usr/share/boxoffice" };
	char out[256];
	struct err e;

	(void)state;
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, "/usr/share/boxoffice/sql");
	pe.exe_dir = NULL;
	assert_true(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_string_equal(out, "/usr/share/boxoffice/sql");
}

static void too_long_is_an_error(void **state)
{
	struct paths_env pe = { "/a/very/long/option/path", NULL, NULL, "/d" };
	char out[8];
	struct err e;

	(void)state;
	assert_false(paths_pick(&pe, "sql", "migrations", out, sizeof out, &e));
	assert_int_equal(e.code, ERR_IO);
}

static void process_lookup_uses_env(void **state)
{
	char out[256];
	struct err e;

	(void)state;
	setenv("BOXOFFICE_SQLDIR", "/from/env", 1);
	assert_true(paths_sqldir(NULL, out, sizeof out, &e));
	assert_string_equal(out, "/from/env");
	assert_true(paths_sqldir("/from/option", out, sizeof out, &e));
	assert_string_equal(out, "/from/option");
	unsetenv("BOXOFFICE_SQLDIR");
	assert_true(paths_exe_dir(out, sizeof out));
	assert_true(out[0] == '/');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(option_wins),
		cmocka_unit_test(env_next),
		cmocka_unit_test(beside_the_binary_when_it_has_migrations),
		cmocka_unit_test(under_the_install_prefix),
		cmocka_unit_test(datadir_last),
		cmocka_unit_test(too_long_is_an_error),
		cmocka_unit_test(process_lookup_uses_env),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
