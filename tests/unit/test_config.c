/* config: remembered settings never hold a password — refused on save (a
 * password key, a conninfo's password=, a URI's user:secret@) and on load (a
 * file edited by hand), each time saying what to use instead. Real files in a
 * temporary XDG_CONFIG_HOME. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static char dir[64];

static int make_home(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/hp-config.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	setenv("XDG_CONFIG_HOME", dir, 1);
	return 0;
}

static int drop_home(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *file_text(void)
{
	static char buf[4096];
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/boxoffice/config", dir);
	buf[0] = '\0';
	if ((f = fopen(path, "r")) == NULL)
		return buf;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void saves_plain_settings(void **state)
{
	struct err e;
	char *v;

	(void)state;
	assert_true(config_set("printer", "pdf", &e));
	assert_true(config_set("db", "postgresql://clerk_a@localhost/boxoffice", &e));
	v = config_get("printer", &e);
	assert_non_null(v);
	assert_string_equal(v, "pdf");
	free(v);
}

static void refuses_to_save_a_password(void **state)
{
	static const char *const bad[][2] = {
		{ "password", "clerk_a-demo" },
		{ "db_password", "x" },
		{ "PGPASSWORD", "x" },
		{ "db", "host=localhost user=clerk_a password=clerk_a-demo" },
		{ "db", "dbname=boxoffice PASSWORD = 'x y'" },
		{ "db", "postgresql://clerk_a:clerk_a-demo@localhost/boxoffice" },
	};
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(config_set(bad[i][0], bad[i][1], &e));
		assert_int_equal(e.code, ERR_INPUT);
		assert_non_null(strstr(e.msg, "Passwords never go in the settings file"));
		assert_non_null(strstr(e.msg, ".pgpass"));
		assert_non_null(strstr(e.msg, "service file"));
		assert_null(strstr(file_text(), "demo"));
	}
}

static void refuses_to_load_a_password(void **state)
{
	char path[256], *v;
	struct err e;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/boxoffice/config", dir);
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("# added by hand\npassword = clerk_a-demo\n", f);
	fclose(f);
	v = config_get("printer", &e);
	assert_null(v);
	assert_int_equal(e.code, ERR_INPUT);
	assert_non_null(strstr(e.msg, "hold a password (line 4)"));
	assert_non_null(strstr(e.msg, ".pgpass"));
	assert_null(strstr(e.msg, "clerk_a-demo")); /* never repeated */
	/* nor is the file rewritten around it */
	assert_false(config_set("printer", "zpl", &e));
	assert_non_null(strstr(e.msg, "remove it"));
	assert_non_null(strstr(file_text(), "printer = pdf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(saves_plain_settings),
		cmocka_unit_test(refuses_to_save_a_password),
		cmocka_unit_test(refuses_to_load_a_password),
	};

	return cmocka_run_group_tests(tests, make_home, drop_home);
}
