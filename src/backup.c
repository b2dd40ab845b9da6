/* backup: a backup directory written, read back, restored and verified. */
#include "backup.h"

#include "json_in.h"
#include "pgtool.h"
#include "sha256.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FORMAT "boxoffice-backup/1"
#define STMT_MAX 16384
#define NAME_SIZE 256

/* A table is a multiset of rows: the md5 of each row's text, sorted, then
 * hashed together. Sorting the row hashes makes the sum independent of the
 * physical order and of whether a table has a primary key, and the text
 * kept per row is 32 bytes (a text value may hold 1 GB: ~30M rows a table).
 * query_to_xml runs the per-table query server-side, where format('%I')
 * quotes the names: no identifier is ever pasted into SQL here. Extension
 * tables are left out (pg_dump leaves them to CREATE EXTENSION too). */
#define CHECKSUM_RULE \
	"md5 of the row hashes md5(row::text) sorted (COLLATE \"C\") and concatenated; " \
	"TimeZone UTC, DateStyle ISO, extra_float_digits 1, bytea_output hex"
static const char checksum_sql[] =
	"SELECT n.nspname || '.' || c.relname, "
	"       (pg_catalog.xpath('/row/n/text()', x))[1]::text, "
	"       (pg_catalog.xpath('/row/s/text()', x))[1]::text "
	"  FROM pg_catalog.pg_class c "
	"  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	" CROSS JOIN LATERAL pg_catalog.query_to_xml(pg_catalog.format("
	"   'SELECT count(*) AS n, pg_catalog.md5(COALESCE(pg_catalog.string_agg(h, '''' "
	"      ORDER BY h COLLATE \"C\"), '''')) AS s "
	"      FROM (SELECT pg_catalog.md5(bo_row::text) AS h FROM %I.%I bo_row) bo_rows', "
	"   n.nspname, c.relname), false, true, '') x "
	" WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' "
	"   AND n.nspname NOT LIKE 'pg\\_%' "
	"   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
	"                    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"                      AND d.objid = c.oid AND d.deptype = 'e') "
	" ORDER BY 1";

/* The text of a row depends on these; both sides fix them. */
static const char *const text_settings[] = {
	"SET LOCAL TimeZone = 'UTC'",
	"SET LOCAL DateStyle = 'ISO, MDY'",
	"SET LOCAL IntervalStyle = 'postgres'",
	"SET LOCAL extra_float_digits = 1",
	"SET LOCAL bytea_output = 'hex'",
	"SET LOCAL search_path = pg_catalog, pg_temp",
	/* an error rather than silently fewer rows, if RLS applied after all */
	"SET LOCAL row_security = off",
};

/* The key of issue 8's contact encryption lives beside the data directory. */
static const char key_sql[] =
	"SELECT k.p, (pg_catalog.pg_stat_file(k.p, true)).size IS NOT NULL, "
	"       pg_catalog.encode(pg_catalog.sha256(pg_catalog.pg_read_binary_file(k.p, 0, 1048576, true)), "
	"                         'hex') "
	"  FROM (SELECT pg_catalog.regexp_replace(pg_catalog.current_setting('data_directory'), "
	"               '/+[^/]+/*$', '') || '/contact.key' AS p) k";

struct table_sum {
	char name[NAME_SIZE];
	long long rows;
	char md5[33];
};

struct sums {
	struct table_sum *t;
	size_t n;
};

struct server {
	char database[NAME_SIZE];
	char user[NAME_SIZE];
	char version[64];
	int major;
	bool super;
};

struct key_state {
	char path[PATH_MAX];
	bool present;
	char fingerprint[65];
};

/* ---- small helpers ---- */

static bool one_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct server *s = ctx;

	if (ncols < 5)
		return err_set(e, ERR_DB, "Unexpected answer from the server.");
	snprintf(s->database, sizeof s->database, "%s", v[0] ? v[0] : "");
	snprintf(s->user, sizeof s->user, "%s", v[1] ? v[1] : "");
	snprintf(s->version, sizeof s->version, "%s", v[2] ? v[2] : "");
	s->major = v[3] ? atoi(v[3]) / 10000 : 0;
	s->super = v[4] != NULL && v[4][0] == 't';
	return true;
}

static bool server_info(struct db *db, const char *what, struct server *s, struct err *e)
{
	memset(s, 0, sizeof *s);
	if (!db_query(db, "SELECT pg_catalog.current_database(), current_user, "
		      "pg_catalog.current_setting('server_version'), "
		      "pg_catalog.current_setting('server_version_num'), "
		      "(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)",
		      0, NULL, one_row, s, e))
		return false;
	if (!s->super)
		return err_set(e, ERR_DB, "%s needs the cluster's superuser (the DBA's login, e.g. "
			       "postgres), and %s is not one: row-level security hides other "
			       "organisations' rows from every other login, and only a superuser "
			       "can read and restore the logins' password hashes.", what, s->user);
	return true;
}

static bool sum_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct sums *s = ctx;
	struct table_sum *t;

	if (ncols < 3 || v[0] == NULL || v[1] == NULL || v[2] == NULL)
		return err_set(e, ERR_DB, "Unexpected answer while checksumming the tables.");
	if ((t = realloc(s->t, (s->n + 1) * sizeof *t)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	s->t = t;
	t = &s->t[s->n++];
	snprintf(t->name, sizeof t->name, "%s", v[0]);
	t->rows = atoll(v[1]);
	snprintf(t->md5, sizeof t->md5, "%s", v[2]);
	return true;
}

/* Inside a transaction: the text settings, then every table's sum. */
static bool table_sums(struct db *db, struct sums *s, struct err *e)
{
	for (size_t i = 0; i < sizeof text_settings / sizeof text_settings[0]; i++)
		if (!db_exec(db, text_settings[i], 0, NULL, e))
			return false;
	return db_query(db, checksum_sql, 0, NULL, sum_row, s, e);
}

static bool key_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct key_state *k = ctx;

	(void)e;
	if (ncols >= 3) {
		snprintf(k->path, sizeof k->path, "%s", v[0] ? v[0] : "");
		k->present = v[1] != NULL && v[1][0] == 't';
		snprintf(k->fingerprint, sizeof k->fingerprint, "%s", v[2] ? v[2] : "");
	}
	return true;
}

static bool key_state(struct db *db, struct key_state *k, struct err *e)
{
	memset(k, 0, sizeof *k);
	return db_query(db, key_sql, 0, NULL, key_row, k, e);
}

static bool file_sha256(const char *path, char hex[SHA256_HEX_SIZE], long long *bytes,
			struct err *e)
{
	unsigned char buf[65536], d[SHA256_DIGEST_SIZE];
	struct sha256 s;
	FILE *f = fopen(path, "rb");
	size_t r;

	if (f == NULL)
		return err_set(e, ERR_IO, "Cannot read %s: %s.", path, strerror(errno));
	sha256_init(&s);
	*bytes = 0;
	while ((r = fread(buf, 1, sizeof buf, f)) > 0) {
		sha256_update(&s, buf, r);
		*bytes += (long long)r;
	}
	if (ferror(f)) {
		fclose(f);
		return err_set(e, ERR_IO, "Cannot read %s: %s.", path, strerror(errno));
	}
	fclose(f);
	sha256_final(&s, d);
	sha256_to_hex(d, hex);
	return true;
}

static bool sync_path(const char *path, bool dir, struct err *e)
{
	int fd = open(path, dir ? O_RDONLY | O_DIRECTORY : O_RDONLY);

	if (fd < 0 || fsync(fd) != 0) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		return err_set(e, ERR_IO, "Cannot write %s to disk: %s.", path, strerror(saved));
	}
	close(fd);
	return true;
}

/* Runs a PostgreSQL program; its own words when it fails. */
static bool run_tool(const char *path, const char *name, char *const argv[], char *const env[],
		     struct err *e)
{
	char out[PGTOOL_OUT_MAX];
	int status;
	size_t n;

	if (!pgtool_run(path, argv, env, out, sizeof out, &status, e))
		return false;
	if (status == 0)
		return true;
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	for (char *p = out; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	return err_set(e, ERR_IO, "%s failed (exit status %d): %s", name, status,
		       n > 180 ? out + n - 180 : out);
}

/* ---- backup ---- */

static const char *const backup_files[] = { "db.dump", "roles.sql", "manifest.json" };

static void remove_partial(const char *tmp)
{
	char p[PATH_MAX];

	for (size_t i = 0; i < sizeof backup_files / sizeof backup_files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", tmp, backup_files[i]);
		unlink(p);
	}
	rmdir(tmp);
}

struct settings {
	cJSON *arr;
};

static bool setting_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct settings *s = ctx;
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || ncols < 3 || !cJSON_AddItemToArray(s->arr, o)) {
		cJSON_Delete(o);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	if (v[0] != NULL)
		cJSON_AddStringToObject(o, v[2] != NULL ? "privilege" : "role", v[0]);
	if (v[2] != NULL) { /* an ACL row: grantee ("" = PUBLIC), privilege, grantable */
		cJSON_AddStringToObject(o, "grantee", v[1] ? v[1] : "");
		cJSON_AddBoolToObject(o, "grantable", ncols > 3 && v[3] && v[3][0] == 't');
	} else {
		cJSON_AddStringToObject(o, "setting", v[1] ? v[1] : "");
	}
	return true;
}

/* What pg_restore leaves out unless it creates the database itself: the
 * database's settings (ALTER DATABASE … SET search_path) and its grants
 * (CONNECT for staff only). They are recorded here and re-applied. */
static bool database_properties(struct db *db, cJSON *m, struct err *e)
{
	struct settings s;
	char acl_null[8];

	if ((s.arr = cJSON_AddArrayToObject(m, "database_settings")) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if (!db_query(db, "SELECT r.rolname, u.c, NULL::text "
		      "  FROM pg_catalog.pg_db_role_setting s "
		      "  JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase "
		      "  LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole "
		      " CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) WITH ORDINALITY u(c, i) "
		      " WHERE d.datname = pg_catalog.current_database() ORDER BY 1 NULLS FIRST, u.i",
		      0, NULL, setting_row, &s, e))
		return false;
	if (!db_query_text(db, "SELECT (datacl IS NULL)::text FROM pg_catalog.pg_database "
			   "WHERE datname = pg_catalog.current_database()", 0, NULL, acl_null,
			   sizeof acl_null, e))
		return false;
	if (acl_null[0] == 't') { /* the defaults: nothing to re-apply */
		cJSON_AddNullToObject(m, "database_acl");
		return true;
	}
	if ((s.arr = cJSON_AddArrayToObject(m, "database_acl")) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	return db_query(db, "SELECT a.privilege_type, COALESCE(r.rolname, ''), "
			"       a.privilege_type, a.is_grantable::text "
			"  FROM pg_catalog.pg_database d "
			" CROSS JOIN LATERAL pg_catalog.aclexplode(d.datacl) a "
			"  LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee "
			" WHERE d.datname = pg_catalog.current_database() AND a.grantee <> d.datdba "
			" ORDER BY 2, 1", 0, NULL, setting_row, &s, e);
}

static bool ledger_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	cJSON *m = ctx, *o;

	if (ncols < 2 || (o = cJSON_AddObjectToObject(m, "migration")) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	cJSON_AddNumberToObject(o, "version", v[0] ? atof(v[0]) : 0);
	cJSON_AddStringToObject(o, "name", v[1] ? v[1] : "");
	return true;
}

static bool ledger(struct db *db, cJSON *m, struct err *e)
{
	char has[8];

	if (!db_query_text(db, "SELECT (pg_catalog.to_regclass('public.schema_migrations') "
			   "IS NOT NULL)::text", 0, NULL, has, sizeof has, e))
		return false;
	if (has[0] != 't') {
		cJSON_AddNullToObject(m, "migration");
		return true;
	}
	return db_query(db, "SELECT version, name FROM public.schema_migrations "
			"ORDER BY version DESC LIMIT 1", 0, NULL, ledger_row, m, e) &&
	       (cJSON_GetObjectItem(m, "migration") != NULL ||
		cJSON_AddNullToObject(m, "migration") != NULL);
}

static bool add_tables(cJSON *m, const struct sums *s, struct err *e)
{
	cJSON *arr = cJSON_AddArrayToObject(m, "tables");

	cJSON_AddStringToObject(m, "checksum", CHECKSUM_RULE);
	for (size_t i = 0; arr != NULL && i < s->n; i++) {
		cJSON *o = cJSON_CreateObject();

		if (o == NULL || !cJSON_AddItemToArray(arr, o)) {
			cJSON_Delete(o);
			arr = NULL;
			break;
		}
		cJSON_AddStringToObject(o, "table", s->t[i].name);
		cJSON_AddNumberToObject(o, "rows", (double)s->t[i].rows);
		cJSON_AddStringToObject(o, "md5", s->t[i].md5);
	}
	return arr != NULL || err_set(e, ERR_NOMEM, "Out of memory.");
}

static bool add_file(cJSON *files, const char *dir, const char *name, struct err *e)
{
	char p[PATH_MAX], hex[SHA256_HEX_SIZE];
	long long bytes;
	cJSON *o;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	if (chmod(p, 0600) != 0)
		return err_set(e, ERR_IO, "Cannot protect %s: %s.", p, strerror(errno));
	if (!sync_path(p, false, e) || !file_sha256(p, hex, &bytes, e))
		return false;
	if ((o = cJSON_AddObjectToObject(files, name)) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	cJSON_AddNumberToObject(o, "bytes", (double)bytes);
	cJSON_AddStringToObject(o, "sha256", hex);
	return true;
}

static bool write_manifest(const char *dir, const cJSON *m, struct err *e)
{
	char p[PATH_MAX], *text = cJSON_Print(m);
	size_t len;
	int fd;
	bool ok;

	if (text == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	snprintf(p, sizeof p, "%s/manifest.json", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
	len = strlen(text);
	ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && write(fd, "\n", 1) == 1 &&
	     fsync(fd) == 0;
	if (!ok)
		err_set(e, ERR_IO, "Cannot write %s: %s.", p, strerror(errno));
	if (fd >= 0 && close(fd) != 0 && ok)
		ok = err_set(e, ERR_IO, "Cannot write %s: %s.", p, strerror(errno));
	free(text);
	return ok;
}

static void parent_dir(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, size, ".");
	else if (slash == path)
		snprintf(out, size, "/");
	else
		snprintf(out, size, "%.*s", (int)(slash - path), path);
}

/* Everything that reads the database, in one REPEATABLE READ transaction
 * whose snapshot pg_dump imports: the dump and the sums see the same rows. */
static bool dump_in_snapshot(struct db *db, const char *pg_dump, const char *tmp,
			     char *const env[], const char *dbarg, cJSON *m, struct sums *s,
			     struct err *e)
{
	char snapshot[128], snaparg[160], filearg[PATH_MAX + 8], dbopt[NAME_SIZE * 2 + 48];
	char *argv[8];

	if (!db_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, e))
		return false;
	if (!db_query_text(db, "SELECT pg_catalog.pg_export_snapshot()", 0, NULL, snapshot,
			   sizeof snapshot, e))
		goto fail;
	snprintf(snaparg, sizeof snaparg, "--snapshot=%s", snapshot);
	snprintf(filearg, sizeof filearg, "--file=%s/db.dump", tmp);
	snprintf(dbopt, sizeof dbopt, "--dbname=%s", dbarg);
	argv[0] = "pg_dump";
	argv[1] = "--format=custom";
	argv[2] = "--no-password";
	argv[3] = snaparg;
	argv[4] = filearg;
	argv[5] = dbopt;
	argv[6] = NULL;
	if (!run_tool(pg_dump, "pg_dump", argv, env, e))
		goto fail;
	if (!table_sums(db, s, e) || !ledger(db, m, e) || !database_properties(db, m, e) ||
	    !add_tables(m, s, e))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return false;
}

static long long total_rows(const struct sums *s)
{
	long long n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->t[i].rows;
	return n;
}

static bool backup_into(struct db *db, const struct server *sv, const char *tmp,
			cJSON *m, struct sums *s, struct key_state *key, struct err *e)
{
	char pg_dump[PATH_MAX], pg_dumpall[PATH_MAX], version[64], dbarg[NAME_SIZE * 2 + 16];
	char filearg[PATH_MAX + 8], dbopt[sizeof dbarg + 16];
	char *argv[7], **env;
	cJSON *files;
	bool ok;

	if (!pgtool_find("pg_dump", sv->major, pg_dump, sizeof pg_dump, version, sizeof version, e) ||
	    !pgtool_find("pg_dumpall", sv->major, pg_dumpall, sizeof pg_dumpall, version,
			 sizeof version, e))
		return false;
	if ((env = db_child_env(db, e)) == NULL)
		return false;
	pgtool_dbname_arg(sv->database, dbarg, sizeof dbarg);
	snprintf(filearg, sizeof filearg, "--file=%s/roles.sql", tmp);
	snprintf(dbopt, sizeof dbopt, "--database=%s", dbarg);
	argv[0] = "pg_dumpall";
	argv[1] = "--roles-only";
	argv[2] = "--no-password";
	argv[3] = filearg;
	argv[4] = dbopt;
	argv[5] = NULL;
	ok = run_tool(pg_dumpall, "pg_dumpall --roles-only", argv, env, e) &&
	     dump_in_snapshot(db, pg_dump, tmp, env, dbarg, m, s, e);
	db_env_free(env);
	if (!ok || !key_state(db, key, e))
		return false;
	cJSON_AddStringToObject(m, "pg_dump_version", version);
	if ((files = cJSON_AddObjectToObject(m, "files")) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if (!add_file(files, tmp, "db.dump", e) || !add_file(files, tmp, "roles.sql", e))
		return false;
	{
		cJSON *k = cJSON_AddObjectToObject(m, "contact_key");

		if (k == NULL)
			return err_set(e, ERR_NOMEM, "Out of memory.");
		cJSON_AddBoolToObject(k, "in_backup", false);
		cJSON_AddStringToObject(k, "source_path", key->path);
		if (key->present && key->fingerprint[0] != '\0')
			cJSON_AddStringToObject(k, "sha256", key->fingerprint);
		else
			cJSON_AddNullToObject(k, "sha256");
	}
	return write_manifest(tmp, m, e) && sync_path(tmp, true, e);
}

bool backup_create(struct db *db, const char *dir, FILE *out, struct err *e)
{
	char name[PATH_MAX - 128], tmp[PATH_MAX - 64], parent[PATH_MAX], stamp[32];
	struct server sv;
	struct sums s = { NULL, 0 };
	struct key_state key;
	struct stat st;
	time_t now = time(NULL);
	cJSON *m;
	mode_t old;
	bool ok;

	if (!server_info(db, "admin backup", &sv, e))
		return false;
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	if (dir == NULL) {
		strftime(name, sizeof name, "boxoffice-backup-%Y%m%d-%H%M%SZ", gmtime(&now));
	} else {
		size_t n = strlen(dir);

		while (n > 1 && dir[n - 1] == '/')
			n--; /* "b/" names the directory b, its temporary twin is b.partial-… */
		if (n >= sizeof name)
			return err_set(e, ERR_USAGE, "The backup's path is too long.");
		memcpy(name, dir, n);
		name[n] = '\0';
	}
	dir = name;
	if (lstat(dir, &st) == 0)
		return err_set(e, ERR_USAGE, "%s already exists: a backup never overwrites one; "
			       "choose another --out.", dir);
	snprintf(tmp, sizeof tmp, "%s.partial-XXXXXX", dir);
	old = umask(077);
	if (mkdtemp(tmp) == NULL) {
		umask(old);
		return err_set(e, ERR_IO, "Cannot create %s: %s.", tmp, strerror(errno));
	}
	if ((m = cJSON_CreateObject()) == NULL) {
		umask(old);
		rmdir(tmp);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	cJSON_AddStringToObject(m, "format", FORMAT);
	cJSON_AddStringToObject(m, "created_at", stamp);
	cJSON_AddStringToObject(m, "database", sv.database);
	cJSON_AddStringToObject(m, "server_version", sv.version);
	cJSON_AddNumberToObject(m, "server_major", sv.major);
	ok = backup_into(db, &sv, tmp, m, &s, &key, e);
	umask(old);
	parent_dir(dir, parent, sizeof parent);
	if (ok && rename(tmp, dir) != 0)
		ok = err_set(e, ERR_IO, "Cannot rename %s to %s: %s.", tmp, dir, strerror(errno));
	if (ok)
		ok = sync_path(parent, true, e);
	else
		remove_partial(tmp);
	if (ok) {
		const cJSON *mig = cJSON_GetObjectItem(m, "migration");

		fprintf(out, "Backup of %s (PostgreSQL %s, migration %d) written to %s/:\n",
			sv.database, sv.version,
			cJSON_IsObject(mig) ? (int)cJSON_GetObjectItem(mig, "version")->valuedouble : 0,
			dir);
		fprintf(out, "  db.dump        pg_dump custom format, one snapshot\n"
			"  roles.sql      the cluster's roles WITH their password hashes: keep the\n"
			"                 backup as private as the database itself (files 0600)\n"
			"  manifest.json  %zu tables, %lld rows, a checksum per table\n", s.n,
			total_rows(&s));
		fprintf(out, "Not in the backup: the contact-data key %s (%s). Keep a copy of it\n"
			"apart from the backups; a restore needs it to read e-mails and phones.\n",
			key.path, key.present ? "present" : "not there yet: contact data is not "
			"encrypted with it");
	}
	free(s.t);
	cJSON_Delete(m);
	return ok;
}

/* ---- restore ---- */

int backup_next_statement(const char *script, size_t *pos, char *buf, size_t size,
			  struct err *e)
{
	const char *p = script + *pos;
	size_t n = 0;
	char quote = 0;

	for (;;) {
		/* between statements: blanks, -- comments and psql's meta-commands
		 * (\restrict KEY of newer dumps guards psql against injected ones;
		 * none is ever run here) */
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if ((p[0] == '-' && p[1] == '-') || p[0] == '\\') {
			p += strcspn(p, "\n");
			continue;
		}
		break;
	}
	if (*p == '\0') {
		*pos = (size_t)(p - script);
		return 0;
	}
	for (; *p != '\0'; p++) {
		if (quote == 0 && *p == ';')
			break;
		if (quote == 0 && p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n") - 1;
			continue;
		}
		if (quote == 0 && (*p == '\'' || *p == '"'))
			quote = *p;
		else if (quote != 0 && *p == quote)
			quote = 0; /* a doubled quote closes and reopens: same text */
		if (n + 1 >= size)
			return err_set(e, ERR_INPUT, "roles.sql: a statement longer than %zu bytes.",
				       size), -1;
		buf[n++] = *p;
	}
	if (*p != ';')
		return err_set(e, ERR_INPUT, "roles.sql ends in the middle of a statement: the "
			       "file is cut short."), -1;
	while (n > 0 && (buf[n - 1] == ' ' || buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	*pos = (size_t)(p + 1 - script);
	return 1;
}

static char *read_file(const char *path, size_t max, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		err_set(e, ERR_IO, "Cannot read %s: %s.", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(max + 1)) == NULL) {
		fclose(f);
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	n = fread(buf, 1, max + 1, f);
	fclose(f);
	if (n > max) {
		free(buf);
		err_set(e, ERR_INPUT, "%s is larger than %zu bytes: not a backup's file.", path, max);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Roles first: pg_restore needs the owners and grantees. Statements one by
 * one under savepoints, in one transaction: a role the cluster already has
 * (CREATE ROLE says 42710) keeps its attributes and password — its ALTER
 * ROLE lines are skipped — so a restore never resets a password changed
 * since. The script runs with the simple protocol (db_exec_script): it is
 * SQL written by pg_dumpall, from the backup the operator chose to
 * restore, checked against the manifest's SHA-256 first. */
static bool apply_roles(struct db *db, const char *script, FILE *out, struct err *e)
{
	char *stmt = malloc(STMT_MAX), kept[4096] = "";
	size_t pos = 0, kn = 0;
	int created = 0, existing = 0, r;

	if (stmt == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	if (!db_begin(db, e)) {
		free(stmt);
		return false;
	}
	db_set_notice_echo(db, false); /* "already a member of role": expected */
	while ((r = backup_next_statement(script, &pos, stmt, STMT_MAX, e)) == 1) {
		bool skip = false, create = strncmp(stmt, "CREATE ROLE ", 12) == 0;

		/* kept holds " ident " for each role left alone */
		for (const char *k = kept; *k != '\0' && !skip; k += strlen(k) + 1) {
			size_t kl = strlen(k);

			skip = strncmp(stmt, "ALTER ROLE ", 11) == 0 && strncmp(stmt + 11, k, kl) == 0 &&
			       stmt[11 + kl] == ' ';
		}
		if (skip)
			continue;
		if (!db_exec(db, "SAVEPOINT bo_role", 0, NULL, e))
			goto fail;
		if (db_exec_script(db, stmt, e)) {
			created += create;
		} else if (create && strcmp(e->sqlstate, "42710") == 0 &&
			   kn + strlen(stmt + 12) + 2 < sizeof kept) {
			size_t len = strlen(stmt + 12);

			memcpy(kept + kn, stmt + 12, len + 1);
			kn += len + 1;
			kept[kn] = '\0';
			existing++;
			if (!db_exec(db, "ROLLBACK TO SAVEPOINT bo_role", 0, NULL, e))
				goto fail;
		} else {
			char head[80];

			snprintf(head, sizeof head, "%s", stmt);
			err_set(e, ERR_DB, "roles.sql: \"%s…\" failed: %s", head,
				db_last_message(db));
			goto fail;
		}
	}
	if (r < 0 || !db_commit(db, e))
		goto fail;
	db_set_notice_echo(db, true);
	free(stmt);
	fprintf(out, "Roles: %d created, %d already in this cluster (left as they are, "
		"passwords included).\n", created, existing);
	return true;
fail:
	db_rollback(db);
	db_set_notice_echo(db, true);
	free(stmt);
	return false;
}

static bool empty_database(struct db *db, const char *name, struct err *e)
{
	char n[32];

	if (!db_query_text(db,
			   "SELECT (SELECT count(*) FROM pg_catalog.pg_class c "
			   "          JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace "
			   "         WHERE s.nspname <> 'information_schema' "
			   "           AND s.nspname NOT LIKE 'pg\\_%') "
			   "     + (SELECT count(*) FROM pg_catalog.pg_namespace "
			   "         WHERE nspname NOT IN ('public', 'information_schema') "
			   "           AND nspname NOT LIKE 'pg\\_%') "
			   "     + (SELECT count(*) FROM pg_catalog.pg_extension "
			   "         WHERE extname <> 'plpgsql') "
			   "     + (SELECT count(*) FROM pg_catalog.pg_proc p "
			   "          JOIN pg_catalog.pg_namespace s ON s.oid = p.pronamespace "
			   "         WHERE s.nspname = 'public')",
			   0, NULL, n, sizeof n, e))
		return false;
	if (atoll(n) != 0)
		return err_set(e, ERR_INPUT, "The database %s is not empty (%s objects): a restore "
			       "goes into a new, empty database only (createdb NAME), so that "
			       "nothing of what is there is mixed with or lost to the backup.",
			       name, n);
	return true;
}

/* The database's settings and grants from the manifest, through a temporary
 * table (values as parameters) and a fixed DO block that quotes names with
 * format('%I'): settings are set with set_config and stored FROM CURRENT, so
 * a list like search_path keeps its meaning. */
static bool apply_database_properties(struct db *db, const cJSON *m, struct err *e)
{
	const cJSON *acl = cJSON_GetObjectItem(m, "database_acl");
	const cJSON *set = cJSON_GetObjectItem(m, "database_settings"), *it;

	if (!db_begin(db, e))
		return false;
	if (!db_exec(db, "CREATE TEMPORARY TABLE bo_db_props (kind text NOT NULL, role text, "
		     "name text, value text, grantable boolean) ON COMMIT DROP", 0, NULL, e))
		goto fail;
	if (cJSON_IsArray(acl) &&
	    !db_exec(db, "INSERT INTO pg_temp.bo_db_props (kind) VALUES ('revoke')", 0, NULL, e))
		goto fail;
	cJSON_ArrayForEach(it, acl) {
		const char *p[3] = {
			cJSON_GetStringValue(cJSON_GetObjectItem(it, "grantee")),
			cJSON_GetStringValue(cJSON_GetObjectItem(it, "privilege")),
			cJSON_IsTrue(cJSON_GetObjectItem(it, "grantable")) ? "true" : "false",
		};
		if (p[0] == NULL || p[1] == NULL)
			continue;
		if (!db_exec(db, "INSERT INTO pg_temp.bo_db_props (kind, role, name, grantable) "
			     "VALUES ('grant', $1, $2, $3)", 3, p, e))
			goto fail;
	}
	cJSON_ArrayForEach(it, set) {
		const char *p[2] = {
			cJSON_GetStringValue(cJSON_GetObjectItem(it, "role")),
			cJSON_GetStringValue(cJSON_GetObjectItem(it, "setting")),
		};
		if (p[1] == NULL || strchr(p[1], '=') == NULL)
			continue;
		if (!db_exec(db, "INSERT INTO pg_temp.bo_db_props (kind, role, name, value) "
			     "VALUES ('set', $1, pg_catalog.split_part($2, '=', 1), "
			     "pg_catalog.substr($2, pg_catalog.strpos($2, '=') + 1))", 2, p, e))
			goto fail;
	}
	if (!db_exec_script(db,
		"DO $bo$ DECLARE r record; db text := pg_catalog.current_database(); BEGIN "
		" FOR r IN SELECT * FROM pg_temp.bo_db_props ORDER BY kind DESC LOOP "
		"  IF r.kind = 'revoke' THEN "
		"   EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', db); "
		"  ELSIF r.kind = 'grant' THEN "
		"   IF r.name NOT IN ('CONNECT', 'TEMPORARY', 'CREATE') THEN "
		"    RAISE EXCEPTION 'unknown database privilege %', r.name; END IF; "
		"   EXECUTE pg_catalog.format('GRANT %s ON DATABASE %I TO %s%s', r.name, db, "
		"     CASE WHEN r.role = '' THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.role) END, "
		"     CASE WHEN r.grantable THEN ' WITH GRANT OPTION' ELSE '' END); "
		"  ELSE "
		"   PERFORM pg_catalog.set_config(r.name, r.value, true); "
		"   IF r.role IS NULL THEN "
		"    EXECUTE pg_catalog.format('ALTER DATABASE %I SET %I FROM CURRENT', db, r.name); "
		"   ELSE "
		"    EXECUTE pg_catalog.format('ALTER ROLE %I IN DATABASE %I SET %I FROM CURRENT', "
		"      r.role, db, r.name); "
		"   END IF; "
		"  END IF; "
		" END LOOP; "
		"END $bo$", e))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return false;
}

struct manifest_file {
	const char *name;
	long long bytes;
	const char *sha256;
};

static bool check_files(const char *dir, const cJSON *m, struct err *e)
{
	const cJSON *files = cJSON_GetObjectItem(m, "files");

	for (int i = 0; i < 2; i++) {
		const cJSON *f = cJSON_GetObjectItem(files, backup_files[i]);
		const char *want = cJSON_GetStringValue(cJSON_GetObjectItem(f, "sha256"));
		const cJSON *bytes = cJSON_GetObjectItem(f, "bytes");
		char p[PATH_MAX], hex[SHA256_HEX_SIZE];
		long long got;

		if (want == NULL || !cJSON_IsNumber(bytes))
			return err_set(e, ERR_INPUT, "%s/manifest.json does not describe %s: not a "
				       "backup of this program, or damaged.", dir, backup_files[i]);
		snprintf(p, sizeof p, "%s/%s", dir, backup_files[i]);
		if (!file_sha256(p, hex, &got, e))
			return false;
		if (got != (long long)bytes->valuedouble)
			return err_set(e, ERR_INPUT, "%s is damaged: %lld bytes where the backup wrote "
				       "%.0f (cut short or overwritten); nothing was restored.", p, got,
				       bytes->valuedouble);
		if (strcmp(hex, want) != 0)
			return err_set(e, ERR_INPUT, "%s is damaged: its SHA-256 is not the one the "
				       "backup wrote; nothing was restored.", p);
	}
	return true;
}

static cJSON *read_manifest(const char *dir, struct err *e)
{
	char p[PATH_MAX];
	size_t len;
	char *text;
	cJSON *m;
	const char *format;

	snprintf(p, sizeof p, "%s/manifest.json", dir);
	if (access(p, F_OK) != 0)
		return err_set(e, ERR_INPUT, "%s has no manifest.json: not a complete backup (an "
			       "unfinished one is named *.partial-*).", dir), NULL;
	if ((text = read_file(p, (size_t)16 << 20, &len, e)) == NULL)
		return NULL;
	m = json_in_parse(text, len, e);
	free(text);
	if (m == NULL)
		return NULL;
	format = cJSON_GetStringValue(cJSON_GetObjectItem(m, "format"));
	if (format == NULL || strcmp(format, FORMAT) != 0 ||
	    !cJSON_IsArray(cJSON_GetObjectItem(m, "tables"))) {
		cJSON_Delete(m);
		return err_set(e, ERR_INPUT, "%s is not a box-office backup manifest (%s).", p,
			       FORMAT), NULL;
	}
	return m;
}

/* Prints the comparison; false (e) when anything differs. */
static bool compare(const cJSON *m, const struct sums *now, FILE *out, struct err *e)
{
	const cJSON *t;
	size_t differ = 0, seen = 0;
	long long rows = 0;

	fprintf(out, "%-36s %12s %12s  %s\n", "table", "rows backup", "rows now", "checksum");
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(m, "tables")) {
		const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(t, "table"));
		const char *md5 = cJSON_GetStringValue(cJSON_GetObjectItem(t, "md5"));
		const cJSON *r = cJSON_GetObjectItem(t, "rows");
		const struct table_sum *got = NULL;
		long long want;

		if (name == NULL || md5 == NULL || !cJSON_IsNumber(r))
			return err_set(e, ERR_INPUT, "manifest.json: a table without name, rows or md5.");
		want = (long long)r->valuedouble;
		for (size_t i = 0; i < now->n && got == NULL; i++)
			if (strcmp(now->t[i].name, name) == 0)
				got = &now->t[i];
		if (got == NULL) {
			fprintf(out, "%-36s %12lld %12s  MISSING\n", name, want, "-");
			differ++;
			continue;
		}
		seen++;
		rows += got->rows;
		bool same = got->rows == want && strcmp(got->md5, md5) == 0;
		fprintf(out, "%-36s %12lld %12lld  %s\n", name, want, got->rows,
			same ? "equal" : "DIFFERENT");
		differ += !same;
	}
	if (seen < now->n) {
		fprintf(out, "%zu tables are in the restored database but not in the manifest.\n",
			now->n - seen);
		differ += now->n - seen;
	}
	if (differ > 0)
		return err_set(e, ERR_DB, "The restored database differs from the backup in %zu "
			       "tables (see above).", differ);
	fprintf(out, "Verified: %zu tables, %lld rows, every row count and checksum equal to "
		"the backup's.\n", seen, rows);
	return true;
}

static bool verify(struct db *db, const cJSON *m, FILE *out, struct err *e)
{
	struct sums now = { NULL, 0 };
	bool ok;

	ok = db_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, e);
	if (ok && !table_sums(db, &now, e)) {
		db_rollback(db);
		ok = false;
	} else if (ok) {
		ok = db_commit(db, e);
	}
	ok = ok && compare(m, &now, out, e);
	free(now.t);
	return ok;
}

static void key_advice(struct db *db, const cJSON *m, FILE *out)
{
	const cJSON *k = cJSON_GetObjectItem(m, "contact_key");
	const char *from = cJSON_GetStringValue(cJSON_GetObjectItem(k, "source_path"));
	const char *want = cJSON_GetStringValue(cJSON_GetObjectItem(k, "sha256"));
	struct key_state here;
	struct err ignored;

	if (!key_state(db, &here, &ignored)) {
		fprintf(out, "The contact-data key is not in the backup: copy it from %s to "
			"contact.key beside this cluster's data directory before e-mails and "
			"phones can be read (could not check: %s).\n", from ? from : "the old "
			"cluster", ignored.msg);
		return;
	}
	if (want == NULL) {
		fprintf(out, "The old cluster had no contact-data key (%s) when the backup was "
			"made: nothing to copy.%s\n", from ? from : "?", here.present ?
			" This cluster has one of its own." : "");
		return;
	}
	if (!here.present)
		fprintf(out, "The contact-data key is not in the backup: copy it from %s (or "
			"your copy kept apart) to %s (mode 0600, owned by the server's user) "
			"before e-mails and phones can be read. It is NOT there yet.\n", from, here.path);
	else if (strcmp(here.fingerprint, want) != 0)
		fprintf(out, "%s is there but is NOT the key the backup's data was encrypted with "
			"(another SHA-256): copy the right one from %s.\n", here.path, from);
	else
		fprintf(out, "The contact-data key at %s is the one the backup's data needs.\n",
			here.path);
}

bool backup_restore(struct db *db, const char *dir, FILE *out, struct err *e)
{
	char pg_restore[PATH_MAX], version[64], file[PATH_MAX], dbarg[NAME_SIZE * 2 + 16];
	char dbopt[sizeof dbarg + 16], *roles, **env, *argv[8];
	const char *dumped;
	struct server sv;
	size_t len;
	cJSON *m;
	bool ok = false;

	if ((m = read_manifest(dir, e)) == NULL)
		return false;
	if (!check_files(dir, m, e) || !server_info(db, "admin restore", &sv, e) ||
	    !empty_database(db, sv.database, e) ||
	    !pgtool_find("pg_restore", sv.major, pg_restore, sizeof pg_restore, version,
			 sizeof version, e))
		goto done;
	dumped = cJSON_GetStringValue(cJSON_GetObjectItem(m, "pg_dump_version"));
	if (dumped == NULL || pgtool_major(dumped) > sv.major) {
		err_set(e, ERR_INPUT, "The backup was written by pg_dump %s; this server is "
			"PostgreSQL %d: restore into a server of the same or a newer version.",
			dumped ? dumped : "(unknown)", sv.major);
		goto done;
	}
	snprintf(file, sizeof file, "%s/roles.sql", dir);
	if ((roles = read_file(file, (size_t)64 << 20, &len, e)) == NULL)
		goto done;
	ok = apply_roles(db, roles, out, e);
	free(roles);
	if (!ok || (env = db_child_env(db, e)) == NULL) {
		ok = false;
		goto done;
	}
	pgtool_dbname_arg(sv.database, dbarg, sizeof dbarg);
	snprintf(dbopt, sizeof dbopt, "--dbname=%s", dbarg);
	snprintf(file, sizeof file, "%s/db.dump", dir);
	argv[0] = "pg_restore";
	argv[1] = "--single-transaction"; /* all or nothing: a failure leaves it empty */
	argv[2] = "--exit-on-error";
	argv[3] = "--no-password";
	argv[4] = dbopt;
	argv[5] = file;
	argv[6] = NULL;
	ok = run_tool(pg_restore, "pg_restore", argv, env, e);
	db_env_free(env);
	if (!ok)
		goto done;
	fprintf(out, "Restored %s into %s with pg_restore %s.\n", dir, sv.database, version);
	ok = apply_database_properties(db, m, e) && verify(db, m, out, e);
	key_advice(db, m, out);
done:
	cJSON_Delete(m);
	return ok;
}
