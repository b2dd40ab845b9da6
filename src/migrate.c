/* migrate: files → sorted list (pure), history checks (pure), and the
 * runner that applies them one transaction each. */
#include "migrate.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Any fixed number; shared by every runner so two never interleave. */
#define MIGRATE_LOCK_KEY "4242001"
#define MIGRATE_FILE_MAX (16u << 20)

/* ---- names ---- */

static bool name_chars_ok(const char *s, size_t n)
{
	if (n == 0 || n >= MIGRATE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

static size_t ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && strcmp(s + ls - lx, suffix) == 0 ? lx : 0;
}

bool migrate_parse_name(const char *file, int *version, char *name, bool *up,
			struct err *e)
{
	size_t len = strlen(file), cut;
	int v = 0;

	for (int i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)file[i]))
			goto bad;
		v = v * 10 + (file[i] - '0');
	}
	if (file[4] != '_')
		goto bad;
	if ((cut = ends_with(file, ".up.sql")) != 0)
		*up = true;
	else if ((cut = ends_with(file, ".down.sql")) != 0)
		*up = false;
	else
		goto bad;
	if (len < 5 + cut || !name_chars_ok(file + 5, len - 5 - cut))
		goto bad;
	if (v == 0)
		return err_set(e, ERR_MIGRATE, "bad migration file name %s: versions start at 0001",
			       file);
	*version = v;
	memcpy(name, file + 5, len - 5 - cut);
	name[len - 5 - cut] = '\0';
	return true;
bad:
	return err_set(e, ERR_MIGRATE, "bad migration file name %s: expected NNNN_name.up.sql "
		       "or NNNN_name.down.sql (4 digits, name of a-z, 0-9 and _)", file);
}

/* ---- reading files ---- */

bool migrate_read_file(const char *path, char **text, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	*text = NULL;
	if (f == NULL)
		return err_set(e, ERR_IO, "cannot read %s: %s", path, strerror(errno));
	for (;;) {
		if (cap - n < 4096) {
			char *nb;
			cap = cap ? cap * 2 : 8192;
			if (cap > MIGRATE_FILE_MAX + 8192 || (nb = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				fclose(f);
				return err_set(e, ERR_IO, "%s is too large", path);
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		return err_set(e, ERR_IO, "cannot read %s", path);
	}
	buf[n] = '\0';
	/* PQexec takes a C string: a NUL would silently cut the script short. */
	if (memchr(buf, '\0', n) != NULL) {
		free(buf);
		return err_set(e, ERR_INPUT, "%s contains a NUL byte", path);
	}
	*text = buf;
	if (len != NULL)
		*len = n;
	return true;
}

static bool checksum_file(const char *path, char hex[SHA256_HEX_SIZE], struct err *e)
{
	char *text;
	size_t n;

	if (!migrate_read_file(path, &text, &n, e))
		return false;
	sha256_hex(text, n, hex);
	free(text);
	return true;
}

/* ---- scanning ---- */

struct entry {
	int version;
	bool up;
	char name[MIGRATE_NAME_MAX];
	char *file;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c;

	if (x->version != y->version)
		return x->version < y->version ? -1 : 1;
	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return (int)y->up - (int)x->up; /* up before down */
}

static void entries_free(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].file);
	free(v);
}

static bool collect(const char *dir, struct entry **out, size_t *count, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct entry *v = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL)
		return err_set(e, ERR_MIGRATE, "cannot open %s: %s (give --sql-dir or set "
			       "BOXOFFICE_SQLDIR)", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		struct entry en = { 0 };
		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".sql"))
			continue;
		if (!migrate_parse_name(de->d_name, &en.version, en.name, &en.up, e))
			goto fail;
		if (n == cap) {
			struct entry *nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof *v);
			if (nv == NULL)
				goto nomem;
			v = nv;
		}
		if ((en.file = strdup(de->d_name)) == NULL)
			goto nomem;
		v[n++] = en;
	}
	closedir(d);
	if (n > 1) /* qsort(NULL, 0) is undefined */
		qsort(v, n, sizeof *v, entry_cmp);
	*out = v;
	*count = n;
	return true;
nomem:
	err_set(e, ERR_NOMEM, "out of memory");
fail:
	closedir(d);
	entries_free(v, n);
	return false;
}

static char *join(const char *dir, const char *file)
{
	size_t n = strlen(dir) + strlen(file) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, file);
	return p;
}

/* Entries are sorted; a valid version is exactly [up, down] of one name. */
static bool pair_one(const char *dir, const struct entry *v, size_t n, size_t i,
		     struct migration *m, struct err *e)
{
	const struct entry *a = &v[i], *b = i + 1 < n ? &v[i + 1] : NULL;

	if (b != NULL && b->version == a->version && strcmp(b->name, a->name) != 0)
		return err_set(e, ERR_MIGRATE, "duplicate version %04d: %s and %s", a->version,
			       a->file, b->file);
	if (b == NULL || b->version != a->version || !a->up || b->up)
		return err_set(e, ERR_MIGRATE, "%s has no matching %04d_%s.%s.sql", a->file,
			       a->version, a->name, a->up ? "down" : "up");
	if (i + 2 < n && v[i + 2].version == a->version)
		return err_set(e, ERR_MIGRATE, "duplicate version %04d: %s and %s", a->version,
			       a->file, v[i + 2].file);
	m->version = a->version;
	snprintf(m->name, sizeof m->name, "%s", a->name);
	m->up_path = join(dir, a->file);
	m->down_path = join(dir, b->file);
	if (m->up_path == NULL || m->down_path == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	return checksum_file(m->up_path, m->checksum, e);
}

bool migrate_scan(const char *sqldir, struct migration_list *out, struct err *e)
{
	struct entry *v = NULL;
	size_t n = 0, i;
	char *dir = join(sqldir, "migrations");
	bool ok = true;

	out->items = NULL;
	out->n = 0;
	if (dir == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	if (!collect(dir, &v, &n, e)) {
		free(dir);
		return false;
	}
	out->items = calloc(n / 2 + 1, sizeof *out->items);
	if (out->items == NULL)
		ok = err_set(e, ERR_NOMEM, "out of memory");
	for (i = 0; ok && i < n; i += 2) {
		ok = pair_one(dir, v, n, i, &out->items[out->n], e);
		out->n++; /* counted even on failure so the paths are freed */
	}
	entries_free(v, n);
	free(dir);
	if (!ok)
		migrate_list_free(out);
	return ok;
}

void migrate_list_free(struct migration_list *list)
{
	if (list == NULL)
		return;
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].up_path);
		free(list->items[i].down_path);
	}
	free(list->items);
	list->items = NULL;
	list->n = 0;
}

void migrate_history_free(struct migration_history *h)
{
	if (h == NULL)
		return;
	free(h->items);
	h->items = NULL;
	h->n = 0;
}

/* ---- checks (pure) ---- */

static const struct migration *find_file(const struct migration_list *files, int version)
{
	for (size_t i = 0; i < files->n; i++)
		if (files->items[i].version == version)
			return &files->items[i];
	return NULL;
}

static const struct migration_applied *find_applied(const struct migration_history *h,
						    int version)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->items[i].version == version)
			return &h->items[i];
	return NULL;
}

bool migrate_verify(const struct migration_list *files, const struct migration_history *h,
		    struct err *e)
{
	int newest = 0;
	const char *newest_name = "";

	for (size_t i = 0; i < h->n; i++) {
		const struct migration_applied *a = &h->items[i];
		const struct migration *m = find_file(files, a->version);
		if (m == NULL)
			return err_set(e, ERR_MIGRATE, "migration %04d_%s is applied but its files "
				       "are gone; restore them before migrating", a->version, a->name);
		if (strcmp(m->name, a->name) != 0)
			return err_set(e, ERR_MIGRATE, "migration %04d was applied as %s but is "
				       "named %s on disk; rename it back", a->version, a->name, m->name);
		if (strcmp(m->checksum, a->checksum) != 0)
			return err_set(e, ERR_MIGRATE, "migration %04d_%s was changed after it was "
				       "applied (checksum %.8s… in the database, %.8s… on disk); add "
				       "a new migration instead of editing an applied one",
				       a->version, a->name, a->checksum, m->checksum);
		if (a->version > newest) {
			newest = a->version;
			newest_name = a->name;
		}
	}
	for (size_t i = 0; i < files->n; i++) {
		const struct migration *m = &files->items[i];
		if (m->version < newest && find_applied(h, m->version) == NULL)
			return err_set(e, ERR_MIGRATE, "migration %04d_%s is older than the newest "
				       "applied one (%04d_%s); give it a number after %04d",
				       m->version, m->name, newest, newest_name, newest);
	}
	return true;
}

bool migrate_status_rows(const struct migration_list *files, const struct migration_history *h,
			 struct migration_status **rows, size_t *n, struct err *e)
{
	struct migration_status *r = calloc(files->n + h->n + 1, sizeof *r);
	size_t k = 0, i = 0, j = 0;

	*rows = NULL;
	*n = 0;
	if (r == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	/* Both inputs are sorted by version: merge them. */
	while (i < files->n || j < h->n) {
		const struct migration *m = i < files->n ? &files->items[i] : NULL;
		const struct migration_applied *a = j < h->n ? &h->items[j] : NULL;
		struct migration_status *s = &r[k++];
		if (a == NULL || (m != NULL && m->version < a->version)) {
			s->version = m->version;
			snprintf(s->name, sizeof s->name, "%s", m->name);
			s->state = MIGRATION_PENDING;
			i++;
			continue;
		}
		s->version = a->version;
		snprintf(s->name, sizeof s->name, "%s", a->name);
		snprintf(s->applied_at, sizeof s->applied_at, "%s", a->applied_at);
		j++;
		if (m == NULL || m->version > a->version) {
			s->state = MIGRATION_MISSING;
			continue;
		}
		i++;
		s->state = strcmp(m->checksum, a->checksum) == 0 && strcmp(m->name, a->name) == 0
			? MIGRATION_APPLIED : MIGRATION_CHANGED;
	}
	*rows = r;
	*n = k;
	return true;
}

/* ---- with a database ---- */

static const char *const sql_lock = "SELECT pg_catalog.pg_advisory_xact_lock($1::bigint)";

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static bool lock(struct db *db, struct err *e)
{
	const char *p[1] = { MIGRATE_LOCK_KEY };

	return db_exec(db, sql_lock, 1, p, e);
}

static bool history_exists(struct db *db, bool *exists, struct err *e)
{
	char buf[8];

	if (!db_query_text(db, "SELECT pg_catalog.to_regclass('public.schema_migrations') "
			   "IS NOT NULL", 0, NULL, buf, sizeof buf, e))
		return false;
	*exists = buf[0] == 't';
	return true;
}

/* Created only when missing (checked first so no NOTICE is printed on every
 * run); the advisory lock is held, so two runners cannot race here. Nobody
 * but the migrating owner needs to read or change the history. */
static bool ensure_table(struct db *db, struct err *e)
{
	bool exists;

	if (!db_begin(db, e))
		return false;
	if (!lock(db, e) || !history_exists(db, &exists, e))
		goto fail;
	if (!exists &&
	    (!db_exec(db, "CREATE TABLE IF NOT EXISTS public.schema_migrations ("
		      "version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, "
		      "applied_at timestamptz NOT NULL DEFAULT now())", 0, NULL, e) ||
	     !db_exec(db, "REVOKE ALL ON public.schema_migrations FROM PUBLIC", 0, NULL, e)))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return false;
}

static bool history_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct migration_history *h = ctx;
	struct migration_applied *a, *ni;
	time_t t;
	struct tm tm;

	if (ncols != 4 || v[0] == NULL || v[3] == NULL)
		return err_set(e, ERR_MIGRATE, "schema_migrations has an unexpected shape");
	ni = realloc(h->items, (h->n + 1) * sizeof *ni);
	if (ni == NULL)
		return err_set(e, ERR_NOMEM, "out of memory");
	h->items = ni;
	a = &h->items[h->n++];
	memset(a, 0, sizeof *a);
	a->version = atoi(v[0]);
	snprintf(a->name, sizeof a->name, "%s", v[1] ? v[1] : "");
	snprintf(a->checksum, sizeof a->checksum, "%s", v[2] ? v[2] : "");
	t = (time_t)strtoll(v[3], NULL, 10);
	if (localtime_r(&t, &tm) != NULL)
		strftime(a->applied_at, sizeof a->applied_at, "%Y-%m-%d %H:%M", &tm);
	return true;
}

static bool history_load(struct db *db, struct migration_history *h, struct err *e)
{
	bool exists;

	h->items = NULL;
	h->n = 0;
	if (!history_exists(db, &exists, e))
		return false;
	if (!exists)
		return true;
	if (!db_query(db, "SELECT version, name, checksum, "
		      "floor(extract(epoch FROM applied_at))::bigint "
		      "FROM public.schema_migrations ORDER BY version", 0, NULL, history_row, h, e)) {
		migrate_history_free(h);
		return false;
	}
	return true;
}

/* Runs one migration file and records it, inside the caller's transaction.
 * RESET ROLE first: a file may SET LOCAL ROLE to an owner role that must not
 * (and cannot) write the history table. */
static bool run_step(struct db *db, const struct migration *m, bool up, struct err *e)
{
	char ver[16], hex[SHA256_HEX_SIZE];
	char *text;
	size_t len;
	bool ok;

	if (!migrate_read_file(up ? m->up_path : m->down_path, &text, &len, e))
		return false;
	sha256_hex(text, len, hex); /* record what actually ran */
	snprintf(ver, sizeof ver, "%d", m->version);
	ok = db_exec_script(db, text, e);
	free(text);
	if (ok) {
		const char *ins[3] = { ver, m->name, hex };
		const char *del[1] = { ver };
		ok = db_exec(db, "RESET ROLE", 0, NULL, e) &&
		     (up ? db_exec(db, "INSERT INTO public.schema_migrations (version, name, "
				   "checksum) VALUES ($1::integer, $2, $3)", 3, ins, e)
			 : db_exec(db, "DELETE FROM public.schema_migrations "
				   "WHERE version = $1::integer", 1, del, e));
	}
	if (!ok) {
		char state[sizeof e->sqlstate];
		snprintf(state, sizeof state, "%s", e->sqlstate);
		err_set(e, ERR_MIGRATE, "migration %04d_%s %sfailed: %s%s%s%s", m->version, m->name,
			up ? "" : "down ", db_last_message(db)[0] ? db_last_message(db) : e->msg,
			state[0] ? " (SQLSTATE " : "", state, state[0] ? ")" : "");
		snprintf(e->sqlstate, sizeof e->sqlstate, "%s", state);
	}
	return ok;
}

/* Picks the next migration to run given the locked, verified history:
 * the lowest pending one going up, the newest applied one going down. */
static const struct migration *next_step(const struct migration_list *files,
					 const struct migration_history *h, bool up)
{
	if (!up)
		return h->n > 0 ? find_file(files, h->items[h->n - 1].version) : NULL;
	for (size_t i = 0; i < files->n; i++)
		if (find_applied(h, files->items[i].version) == NULL)
			return &files->items[i];
	return NULL;
}

/* One transaction: lock, re-read and verify the history (another runner
 * may have moved it), run one step. *done = false when nothing was left. */
static bool one_step(struct db *db, const struct migration_list *files, bool up, FILE *out,
		     bool *done, struct err *e)
{
	struct migration_history h;
	const struct migration *m;
	double t0;

	*done = false;
	if (!db_begin(db, e))
		return false;
	if (!lock(db, e) || !history_load(db, &h, e))
		goto fail;
	if (!migrate_verify(files, &h, e)) {
		migrate_history_free(&h);
		goto fail;
	}
	m = next_step(files, &h, up);
	migrate_history_free(&h);
	if (m == NULL) {
		db_rollback(db);
		return true;
	}
	t0 = now_ms();
	if (!run_step(db, m, up, e) || !db_commit(db, e))
		goto fail;
	fprintf(out, "%s %04d_%s (%.0f ms)\n", up ? "applied" : "reverted", m->version, m->name,
		now_ms() - t0);
	fflush(out);
	*done = true;
	return true;
fail:
	db_rollback(db);
	return false;
}

static bool run_steps(struct db *db, const char *sqldir, int limit, bool up, FILE *out,
		      struct err *e)
{
	struct migration_list files;
	int n = 0;
	bool ok = true, done = true;

	if (!migrate_scan(sqldir, &files, e))
		return false;
	if (up)
		ok = ensure_table(db, e);
	while (ok && done && (limit <= 0 || n < limit)) {
		ok = one_step(db, &files, up, out, &done, e);
		n += done;
	}
	if (ok && n == 0)
		fprintf(out, up ? "nothing to apply: the database is up to date\n"
			   : "nothing to revert: no migration is applied\n");
	migrate_list_free(&files);
	return ok;
}

bool migrate_up(struct db *db, const char *sqldir, int limit, FILE *out, struct err *e)
{
	return run_steps(db, sqldir, limit, true, out, e);
}

bool migrate_down(struct db *db, const char *sqldir, int count, FILE *out, struct err *e)
{
	return run_steps(db, sqldir, count > 0 ? count : 1, false, out, e);
}

static const char *state_word(enum migration_state s)
{
	switch (s) {
	case MIGRATION_APPLIED: return "applied";
	case MIGRATION_PENDING: return "pending";
	case MIGRATION_CHANGED: return "CHANGED";
	case MIGRATION_MISSING: return "MISSING FILE";
	}
	return "?";
}

bool migrate_status(struct db *db, const char *sqldir, FILE *out, struct err *e)
{
	struct migration_list files;
	struct migration_history h;
	struct migration_status *rows;
	size_t n;

	if (!migrate_scan(sqldir, &files, e))
		return false;
	if (!history_load(db, &h, e)) {
		migrate_list_free(&files);
		return false;
	}
	bool ok = migrate_status_rows(&files, &h, &rows, &n, e);
	if (ok) {
		fprintf(out, "%-7s  %-32s  %s\n", "version", "name", "state");
		for (size_t i = 0; i < n; i++)
			fprintf(out, "%04d     %-32s  %s%s%s\n", rows[i].version, rows[i].name,
				state_word(rows[i].state),
				rows[i].state == MIGRATION_APPLIED ? " at " : "",
				rows[i].state == MIGRATION_APPLIED ? rows[i].applied_at : "");
		free(rows);
	}
	migrate_history_free(&h);
	migrate_list_free(&files);
	return ok;
}
