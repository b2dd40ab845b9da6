/* migrate: file names, directory scanning, checksums and history checks,
 * all without a database. Each test builds its own temp directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrate.h"
#include "sha256.h"

struct fixture {
	char root[64];       /* the sql dir */
	char mig[96];        /* root/migrations */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	snprintf(f->root, sizeof f->root, "/tmp/boxoffice-test-XXXXXX");
	if (mkdtemp(f->root) == NULL)
		return -1;
	snprintf(f->mig, sizeof f->mig, "%s/migrations", f->root);
	if (mkdir(f->mig, 0700) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d = opendir(f->mig);
	struct dirent *de;
	char p[512];

	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof p, "%s/%s", f->mig, de->d_name);
		unlink(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(f->mig);
	rmdir(f->root);
	free(f);
	return 0;
}

static void put(const struct fixture *f, const char *name, const char *text)
{
	char p[512];
	FILE *fp;

	snprintf(p, sizeof p, "%s/%s", f->mig, name);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void pair(const struct fixture *f, const char *base, const char *up)
{
	char n[128];

	snprintf(n, sizeof n, "%s.up.sql", base);
	put(f, n, up);
	snprintf(n, sizeof n, "%s.down.sql", base);
	put(f, n, "SELECT 1;\n");
}

static void parse_good_names(void **state)
{
	int v;
	char name[MIGRATE_NAME_MAX];
	bool up;
	struct err e;

	(void)state;
	assert_true(migrate_parse_name("0001_schema.up.sql", &v, name, &up, &e));
	assert_int_equal(v, 1);
	assert_string_equal(name, "schema");
	assert_true(up);
	assert_true(migrate_parse_name("0420_add_x_2.down.sql", &v, name, &up, &e));
	assert_int_equal(v, 420);
	assert_string_equal(name, "add_x_2");
	assert_false(up);
}

static void parse_bad_names(void **state)
{
	static const char *const bad[] = {
		"001_x.up.sql", "00001_x.up.sql", "0001-x.up.sql", "0001_.up.sql",
		"0001_X.up.sql", "0001_a-b.up.sql", "0001_x.sql", "0001_x.up.SQL",
		"abcd_x.up.sql", "0001_x.y.up.sql", "0000_zero.up.sql",
	};
	int v;
	char name[MIGRATE_NAME_MAX];
	bool up;
	struct err e;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err_clear(&e);
		assert_false(migrate_parse_name(bad[i], &v, name, &up, &e));
		assert_int_equal(e.code, ERR_MIGRATE);
		assert_non_null(strstr(e.msg, bad[i])); /* the message names the file */
	}
}

static void scan_sorts_checksums_and_ignores_others(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;
	char hex[SHA256_HEX_SIZE];

	pair(f, "0010_later", "CREATE TABLE later();\n");
	pair(f, "0002_security", "GRANT x;\n");
	pair(f, "0001_schema", "CREATE TABLE t();\n");
	put(f, "README.md", "not a migration");
	put(f, ".0003_hidden.up.sql", "ignored");
	put(f, "0004_backup.up.sql~", "ignored");
	assert_true(migrate_scan(f->root, &l, &e));
	assert_int_equal(l.n, 3);
	assert_int_equal(l.items[0].version, 1);
	assert_string_equal(l.items[0].name, "schema");
	assert_int_equal(l.items[1].version, 2);
	assert_int_equal(l.items[2].version, 10);
	assert_string_equal(l.items[2].name, "later");
	sha256_hex("CREATE TABLE t();\n", strlen("CREATE TABLE t();\n"), hex);
	assert_string_equal(l.items[0].checksum, hex);
	assert_non_null(strstr(l.items[0].up_path, "/migrations/0001_schema.up.sql"));
	assert_non_null(strstr(l.items[0].down_path, "/migrations/0001_schema.down.sql"));
	migrate_list_free(&l);
	assert_null(l.items);
	assert_int_equal(l.n, 0);
}

static void scan_empty_dir_is_empty_list(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;

	assert_true(migrate_scan(f->root, &l, &e));
	assert_int_equal(l.n, 0);
	migrate_list_free(&l);
}

static void scan_rejects_duplicate_version(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;

	pair(f, "0001_schema", "A");
	pair(f, "0002_alpha", "B");
	pair(f, "0002_beta", "C");
	assert_false(migrate_scan(f->root, &l, &e));
	assert_int_equal(e.code, ERR_MIGRATE);
	assert_string_equal(e.msg, "duplicate version 0002: 0002_alpha.up.sql and 0002_beta.up.sql");
	assert_null(l.items);
}

static void scan_rejects_up_without_down(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;

	pair(f, "0001_schema", "A");
	put(f, "0002_more.up.sql", "B");
	assert_false(migrate_scan(f->root, &l, &e));
	assert_string_equal(e.msg, "0002_more.up.sql has no matching 0002_more.down.sql");
}

static void scan_rejects_down_without_up(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;

	put(f, "0003_gone.down.sql", "B");
	assert_false(migrate_scan(f->root, &l, &e));
	assert_string_equal(e.msg, "0003_gone.down.sql has no matching 0003_gone.up.sql");
}

static void scan_rejects_bad_name(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;

	pair(f, "0001_schema", "A");
	put(f, "2_Oops.up.sql", "B");
	assert_false(migrate_scan(f->root, &l, &e));
	assert_non_null(strstr(e.msg, "bad migration file name 2_Oops.up.sql"));
}

static void scan_rejects_missing_dir(void **state)
{
	struct migration_list l;
	struct err e;

	(void)state;
	assert_false(migrate_scan("/nonexistent/boxoffice", &l, &e));
	assert_non_null(strstr(e.msg, "/nonexistent/boxoffice/migrations"));
}

static void scan_rejects_nul_byte(void **state)
{
	struct fixture *f = *state;
	struct migration_list l;
	struct err e;
	char p[512];
	FILE *fp;

	pair(f, "0001_schema", "");
	snprintf(p, sizeof p, "%s/0001_schema.up.sql", f->mig);
	fp = fopen(p, "wb");
	fwrite("SELECT\0 1;", 1, 10, fp);
	fclose(fp);
	assert_false(migrate_scan(f->root, &l, &e));
	assert_non_null(strstr(e.msg, "NUL"));
}

/* A list of two files and a history, built in memory. */
static struct migration files2[2];
static struct migration_list mklist(void)
{
	memset(files2, 0, sizeof files2);
	files2[0].version = 1;
	strcpy(files2[0].name, "schema");
	sha256_hex("one", 3, files2[0].checksum);
	files2[1].version = 2;
	strcpy(files2[1].name, "security");
	sha256_hex("two", 3, files2[1].checksum);
	return (struct migration_list){ files2, 2 };
}

static void verify_accepts_consistent_history(void **state)
{
	struct migration_list l = mklist();
	struct migration_applied a = { .version = 1, .name = "schema" };
	struct migration_history h = { &a, 1 };
	struct err e;

	(void)state;
	strcpy(a.checksum, files2[0].checksum);
	assert_true(migrate_verify(&l, &h, &e));
	h.n = 0;
	assert_true(migrate_verify(&l, &h, &e));
}

static void verify_refuses_changed_file(void **state)
{
	struct migration_list l = mklist();
	struct migration_applied a[2] = { { .version = 1, .name = "schema" },
					  { .version = 2, .name = "security" } };
	struct migration_history h = { a, 2 };
	struct err e;

	(void)state;
	strcpy(a[0].checksum, files2[0].checksum);
	strcpy(a[1].checksum, "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	assert_false(migrate_verify(&l, &h, &e));
	assert_int_equal(e.code, ERR_MIGRATE);
	assert_non_null(strstr(e.msg, "migration 0002_security was changed after it was applied"));
	assert_non_null(strstr(e.msg, "checksum abcdef01"));
	char disk[32];
	snprintf(disk, sizeof disk, "%.8s… on disk", files2[1].checksum);
	assert_non_null(strstr(e.msg, disk));
	assert_non_null(strstr(e.msg, "add a new migration instead of editing an applied one"));
}

static void verify_refuses_missing_file(void **state)
{
	struct migration_list l = mklist();
	struct migration_applied a = { .version = 7, .name = "gone", .checksum = "x" };
	struct migration_history h = { &a, 1 };
	struct err e;

	(void)state;
	assert_false(migrate_verify(&l, &h, &e));
	assert_non_null(strstr(e.msg, "0007_gone is applied but its files are gone"));
}

static void verify_refuses_out_of_order(void **state)
{
	struct migration_list l = mklist();
	struct migration_applied a = { .version = 2, .name = "security" };
	struct migration_history h = { &a, 1 };
	struct err e;

	(void)state;
	strcpy(a.checksum, files2[1].checksum);
	assert_false(migrate_verify(&l, &h, &e));
	assert_non_null(strstr(e.msg, "0001_schema is older than the newest applied one"));
}

static void status_rows_merge(void **state)
{
	struct migration_list l = mklist();
	struct migration_applied a[2] = {
		{ .version = 1, .name = "schema", .applied_at = "2025-11-27 19:30" },
		{ .version = 5, .name = "gone", .checksum = "x" },
	};
	struct migration_history h = { a, 2 };
	struct migration_status *rows;
	size_t n;
	struct err e;

	(void)state;
	strcpy(a[0].checksum, files2[0].checksum);
	assert_true(migrate_status_rows(&l, &h, &rows, &n, &e));
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].version, 1);
	assert_int_equal(rows[0].state, MIGRATION_APPLIED);
	assert_string_equal(rows[0].applied_at, "2025-11-27 19:30");
	assert_int_equal(rows[1].version, 2);
	assert_int_equal(rows[1].state, MIGRATION_PENDING);
	assert_int_equal(rows[2].version, 5);
	assert_int_equal(rows[2].state, MIGRATION_MISSING);
	free(rows);
	strcpy(a[0].checksum, "changed");
	h.n = 1;
	assert_true(migrate_status_rows(&l, &h, &rows, &n, &e));
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].state, MIGRATION_CHANGED);
	free(rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_good_names),
		cmocka_unit_test(parse_bad_names),
		cmocka_unit_test_setup_teardown(scan_sorts_checksums_and_ignores_others, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_empty_dir_is_empty_list, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_rejects_duplicate_version, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_rejects_up_without_down, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_rejects_down_without_up, setup, teardown),
		cmocka_unit_test_setup_teardown(scan_rejects_bad_name, setup, teardown),
		cmocka_unit_test(scan_rejects_missing_dir),
		cmocka_unit_test_setup_teardown(scan_rejects_nul_byte, setup, teardown),
		cmocka_unit_test(verify_accepts_consistent_history),
		cmocka_unit_test(verify_refuses_changed_file),
		cmocka_unit_test(verify_refuses_missing_file),
		cmocka_unit_test(verify_refuses_out_of_order),
		cmocka_unit_test(status_rows_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
