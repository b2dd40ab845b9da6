/* cli_venue: venue import, export, list, show and generate. */
#include "cli_venue.h"

#include "db.h"
#include "json_in.h"
#include "pretix.h"
#include "venue_gen.h"
#include "venue_native.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define UUID_SIZE 37

bool cli_venue_read_file(const char *path, char **text, size_t *len, struct err *e)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	struct stat st;
	size_t n = 0, cap = 1 << 16;
	char *buf;

	*text = NULL;
	if (f == NULL)
		return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(errno));
	/* A regular file says its size: refuse a huge one before reading it. */
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return err_set(e, ERR_IO, "%s is a directory, not a file", path);
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > JSON_IN_MAX_BYTES) {
		if (!is_stdin)
			fclose(f);
		return err_set(e, ERR_INPUT, "%s is %lld bytes; the limit is %zu bytes (64 MiB)", path,
			       (long long)st.st_size, JSON_IN_MAX_BYTES);
	}
	buf = malloc(cap);
	while (buf != NULL) {
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0 || n > JSON_IN_MAX_BYTES)
			break;
		if (n + 1 == cap) {
			char *nb = realloc(buf, cap * 2);
			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf == NULL || ferror(f) || n > JSON_IN_MAX_BYTES) {
		int err_no = errno;
		bool nomem = buf == NULL, big = !nomem && n > JSON_IN_MAX_BYTES;
		free(buf);
		if (!is_stdin)
			fclose(f);
		if (big)
			return err_set(e, ERR_INPUT, "%s is more than %zu bytes (64 MiB), the limit",
				       is_stdin ? "standard input" : path, JSON_IN_MAX_BYTES);
		return nomem ? err_set(e, ERR_NOMEM, "Out of memory.")
			     : err_set(e, ERR_IO, "cannot read %s: %s", path, strerror(err_no));
	}
	if (!is_stdin)
		fclose(f);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return true;
}

/* --name and --ga on top of what the file says. */
static bool apply_options(const struct cli_options *o, struct venue *v, struct err *e)
{
	char name[256];
	long long cap;

	if (o->name != NULL && (!venue_text_check(o->name, VENUE_NAME_CHARS, "--name", e) ||
				!venue_set_name(v, o->name, e)))
		return false;
	for (int i = 0; i < o->nga; i++) {
		if (!cli_ga_parse(o->ga[i], name, sizeof name, &cap, e) ||
		    !venue_text_check(name, VENUE_NAME_CHARS, "--ga", e))
			return false;
		if (!venue_add_general(v, name, cap, e)) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			return err_set(e, ERR_INPUT, "--ga: %s", why);
		}
	}
	return true;
}

bool cli_venue_prepare(const struct cli_options *o, const char *text, size_t len,
		       struct venue **out, struct venue_msgs *warn, struct venue_msgs *clashes,
		       struct err *e)
{
	cJSON *root = json_in_parse(text, len, e);
	struct venue *v = NULL;
	size_t n;
	bool ok;

	*out = NULL;
	if (root == NULL)
		return false;
	if (venue_native_detect(root))
		ok = venue_native_read(root, &v, e);
	else
		ok = pretix_read(root, &v, warn, e);
	cJSON_Delete(root);
	if (!ok || !apply_options(o, v, e))
		goto fail;
	n = venue_clashes(v, clashes);
	if (n > 0 && !o->unique_labels) {
		err_set(e, ERR_INPUT, "%zu seat label%s used by more than one seat (listed above); "
			"fix the plan, or pass --unique-labels to number the extra seats 12-2, "
			"12-3, …", n, n == 1 ? " is" : "s are");
		goto fail;
	}
	if ((n > 0 && !venue_make_unique(v, warn, e)) || !venue_validate(v, e))
		goto fail;
	*out = v;
	return true;
fail:
	venue_free(&v);
	return false;
}

char *cli_venue_thousands(long long n, char *buf, size_t size)
{
	char digits[32], *p = buf;
	int len = snprintf(digits, sizeof digits, "%lld", n < 0 ? -n : n);

	if (size < 32) {
		snprintf(buf, size, "%lld", n);
		return buf;
	}
	if (n < 0)
		*p++ = '-';
	for (int i = 0; i < len; i++) {
		*p++ = digits[i];
		if ((len - i - 1) % 3 == 0 && i + 1 < len)
			*p++ = ',';
	}
	*p = '\0';
	return buf;
}

static void print_msgs(FILE *f, const char *prefix, const struct venue_msgs *m)
{
	for (size_t i = 0; i < m->n; i++)
		fprintf(f, "boxoffice: %s%s\n", prefix, m->items[i]);
	if (m->dropped > 0)
		fprintf(f, "boxoffice: %s… and %zu more\n", prefix, m->dropped);
}

/* ---- with the database --------------------------------------------------- */

/* --org must name the caller's own organisation: say so before sending the
 * venue, rather than letting the import land somewhere the user did not
 * mean. The database decides the organisation in any case. */
static bool check_org(struct db *db, const char *org, struct err *e)
{
	char id[64], name[256];

	if (!db_query_text(db, "SELECT current_org_id()::text", 0, NULL, id, sizeof id, e))
		return false;
	if (id[0] == '\0')
		return err_set(e, ERR_INPUT, "this login is not staff of any organisation");
	if (!db_query_text(db, "SELECT name FROM organizations WHERE id = current_org_id()", 0, NULL,
			   name, sizeof name, e))
		return false;
	if (strcasecmp(org, id) == 0 || strcmp(org, name) == 0)
		return true;
	return err_set(e, ERR_INPUT, "--org \"%.60s\" is not your organisation: this login belongs "
		       "to \"%.60s\", and venues are imported into your own organisation only",
		       org, name);
}

struct import_result { char id[UUID_SIZE]; long long sections, seats, standing, decorations; };

static bool import_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct import_result *r = ctx;

	if (ncols != 5 || v[0] == NULL)
		return err_set(e, ERR_DB, "import_venue returned an unexpected shape.");
	snprintf(r->id, sizeof r->id, "%s", v[0]);
	r->sections = v[1] ? atoll(v[1]) : 0;
	r->seats = v[2] ? atoll(v[2]) : 0;
	r->standing = v[3] ? atoll(v[3]) : 0;
	r->decorations = v[4] ? atoll(v[4]) : 0;
	return true;
}

static bool send_import(struct db *db, const struct venue *v, FILE *out, struct err *e)
{
	struct import_result r = { "", 0, 0, 0, 0 };
	char a[32], b[32], c[32], d[32];
	const char *params[1];
	char *doc = venue_native_write(v, NULL, e);
	bool ok;

	if (doc == NULL)
		return false;
	params[0] = doc;
	ok = db_query(db, "SELECT * FROM import_venue($1::jsonb)", 1, params, import_row, &r, e);
	free(doc);
	/* A clerk has no EXECUTE on import_venue (42501); say what is needed. */
	if (!ok && (strcmp(e->sqlstate, "42501") == 0 || strcmp(e->sqlstate, "BO005") == 0)) {
		char state[sizeof e->sqlstate];
		memcpy(state, e->sqlstate, sizeof state);
		err_set(e, ERR_DB, "Only supervisors may import venues.");
		memcpy(e->sqlstate, state, sizeof state);
	}
	if (!ok)
		return false;
	if (r.id[0] == '\0')
		return err_set(e, ERR_DB, "import_venue returned no row.");
	fprintf(out, "imported venue \"%s\": %s section%s, %s seat%s, %s standing, %s decoration%s\n",
		v->name, cli_venue_thousands(r.sections, a, sizeof a), r.sections == 1 ? "" : "s",
		cli_venue_thousands(r.seats, b, sizeof b), r.seats == 1 ? "" : "s",
		cli_venue_thousands(r.standing, c, sizeof c),
		cli_venue_thousands(r.decorations, d, sizeof d), r.decorations == 1 ? "" : "s");
	return true;
}

/* The venue's id from a name or id, or an error naming what was asked. */
static bool resolve(struct db *db, const char *key, char *id, struct err *e)
{
	const char *params[1] = { key };

	if (!db_query_text(db, "SELECT venue_resolve($1)", 1, params, id, UUID_SIZE, e))
		return false;
	if (id[0] == '\0')
		return err_set(e, ERR_INPUT, "no venue \"%.80s\" in your organisation (see: boxoffice "
			       "venue list)", key);
	return true;
}

struct text_acc { char *text; };

static bool export_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct text_acc *t = ctx;

	if (ncols != 1 || v[0] == NULL)
		return err_set(e, ERR_INPUT, "the venue could not be exported (it may have been "
			       "removed).");
	free(t->text);
	if ((t->text = strdup(v[0])) == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	return true;
}

/* The database's jsonb has its own key order; reading it back and writing
 * it here gives the format's stable order (export → import → export is
 * byte-identical) and checks the venue on the way out. */
static bool run_export(struct db *db, const char *key, FILE *out, struct err *e)
{
	char id[UUID_SIZE];
	const char *params[1] = { id };
	struct text_acc t = { NULL };
	struct venue *v = NULL;
	char *doc;
	size_t len;

	if (!resolve(db, key, id, e) ||
	    !db_query(db, "SELECT export_venue($1::uuid)", 1, params, export_row, &t, e))
		goto fail;
	if (t.text == NULL) {
		err_set(e, ERR_INPUT, "the venue could not be exported (it may have been removed).");
		goto fail;
	}
	if (!venue_native_parse(t.text, strlen(t.text), &v, e)) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		err_set(e, ERR_INPUT, "the stored venue does not fit the native format: %s", why);
		goto fail;
	}
	if ((doc = venue_native_write(v, &len, e)) == NULL)
		goto fail;
	fwrite(doc, 1, len, out);
	free(doc);
	free(t.text);
	venue_free(&v);
	return true;
fail:
	free(t.text);
	venue_free(&v);
	return false;
}

/* Pads s (UTF-8) to width characters. */
static void put_cell(FILE *out, const char *s, size_t width)
{
	size_t n = venue_utf8_chars(s);

	fprintf(out, "%s%*s", s, (int)(width > n ? width - n : 0), "");
}

/* A numeric(10,2) from the database as the format writes it ("120.5"). */
static const char *coord_text(const char *s, char *buf)
{
	int64_t c;

	if (s == NULL || !venue_coord_from_double(strtod(s, NULL), &c))
		return "-";
	return venue_coord_format(c, buf);
}

static bool list_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	FILE *out = ctx;
	char a[32], b[32], c[32], x0[32], y0[32], x1[32], y1[32], box[140];

	if (ncols != 9 || v[0] == NULL || v[1] == NULL)
		return err_set(e, ERR_DB, "venue_list returned an unexpected shape.");
	if (v[5] != NULL)
		snprintf(box, sizeof box, "%s,%s – %s,%s", coord_text(v[5], x0), coord_text(v[6], y0),
			 coord_text(v[7], x1), coord_text(v[8], y1));
	else
		snprintf(box, sizeof box, "-");
	put_cell(out, v[1], 28);
	fprintf(out, "  %8s  %9s  %9s  %-30s  %s\n",
		cli_venue_thousands(v[2] ? atoll(v[2]) : 0, a, sizeof a),
		cli_venue_thousands(v[3] ? atoll(v[3]) : 0, b, sizeof b),
		cli_venue_thousands(v[4] ? atoll(v[4]) : 0, c, sizeof c), box, v[0]);
	return true;
}

static bool run_list(struct db *db, FILE *out, struct err *e)
{
	put_cell(out, "venue", 28);
	fprintf(out, "  %8s  %9s  %9s  %-30s  %s\n", "sections", "seats", "standing",
		"seats extend over (x,y – x,y)", "id");
	return db_query(db, "SELECT * FROM venue_list()", 0, NULL, list_row, out, e);
}

struct show_ctx { FILE *out; long long seats, standing, accessible; size_t sections; };

static bool show_row(void *ctx, int ncols, const char *const *v, struct err *e)
{
	struct show_ctx *s = ctx;
	char a[32], b[32], x0[32], y0[32], x1[32], y1[32], box[140];
	bool ga;

	if (ncols != 11 || v[1] == NULL || v[2] == NULL)
		return err_set(e, ERR_DB, "venue_sections returned an unexpected shape.");
	ga = strcmp(v[2], "GENERAL") == 0;
	if (v[6] != NULL)
		snprintf(box, sizeof box, "%s,%s – %s,%s", coord_text(v[6], x0), coord_text(v[7], y0),
			 coord_text(v[8], x1), coord_text(v[9], y1));
	else
		snprintf(box, sizeof box, "-");
	put_cell(s->out, v[1], 28);
	fprintf(s->out, "  %-8s  %9s  %10s  %s\n", ga ? "standing" : "seated",
		cli_venue_thousands(atoll(ga ? (v[3] ? v[3] : "0") : (v[4] ? v[4] : "0")), a,
				    sizeof a),
		cli_venue_thousands(v[5] ? atoll(v[5]) : 0, b, sizeof b), box);
	s->sections++;
	if (ga)
		s->standing += v[3] ? atoll(v[3]) : 0;
	else
		s->seats += v[4] ? atoll(v[4]) : 0;
	s->accessible += v[5] ? atoll(v[5]) : 0;
	return true;
}

static bool run_show(struct db *db, const char *key, FILE *out, struct err *e)
{
	struct show_ctx s = { out, 0, 0, 0, 0 };
	char id[UUID_SIZE], a[32], b[32], c[32];
	const char *params[1] = { id };

	char name[256];

	if (!resolve(db, key, id, e) ||
	    !db_query_text(db, "SELECT name FROM venue_list() WHERE venue_id = $1::uuid", 1, params,
			   name, sizeof name, e))
		return false;
	fprintf(out, "venue \"%s\" (%s)\n", name, id);
	put_cell(out, "section", 28);
	fprintf(out, "  %-8s  %9s  %10s  %s\n", "type", "places", "accessible",
		"seats extend over (x,y – x,y)");
	if (!db_query(db, "SELECT * FROM venue_sections($1::uuid)", 1, params, show_row, &s, e))
		return false;
	fprintf(out, "%zu section%s: %s seats (%s accessible), %s standing\n", s.sections,
		s.sections == 1 ? "" : "s", cli_venue_thousands(s.seats, a, sizeof a),
		cli_venue_thousands(s.accessible, b, sizeof b),
		cli_venue_thousands(s.standing, c, sizeof c));
	return true;
}

/* ---- the commands --------------------------------------------------------- */

static bool run_generate(const struct cli_options *o, FILE *out, struct err *e)
{
	enum venue_gen_kind kind;
	struct venue *v;
	char *doc;
	size_t len;

	if (!venue_gen_kind_parse(o->arg, &kind))
		return err_set(e, ERR_USAGE, "expected theatre, arena or stadium");
	if ((v = venue_gen(kind, o->name, e)) == NULL)
		return false;
	doc = venue_native_write(v, &len, e);
	venue_free(&v);
	if (doc == NULL)
		return false;
	fwrite(doc, 1, len, out);
	free(doc);
	return true;
}

/* Reads and checks the file, printing warnings and clashes; the venue is
 * ready to send. Input errors name the file. */
static struct venue *load_import(const struct cli_options *o, FILE *err_out, struct err *e)
{
	struct venue_msgs warn = { 0 }, clashes = { 0 };
	struct venue *v = NULL;
	char *text = NULL;
	size_t len = 0;
	const char *shown = strcmp(o->arg, "-") == 0 ? "standard input" : o->arg;

	if (cli_venue_read_file(o->arg, &text, &len, e) &&
	    !cli_venue_prepare(o, text, len, &v, &warn, &clashes, e) && e->code == ERR_INPUT &&
	    strncmp(e->msg, "--", 2) != 0) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		err_set(e, ERR_INPUT, "%s: %s", shown, why);
	}
	free(text);
	print_msgs(err_out, "warning: ", &warn);
	print_msgs(err_out, "", &clashes);
	venue_msgs_free(&warn);
	venue_msgs_free(&clashes);
	return v;
}

int cli_venue_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct venue *v = NULL;
	struct db *db = NULL;
	struct err e;
	bool ok = false;

	err_clear(&e);
	if (o->command == CLI_VENUE_GENERATE) {
		ok = run_generate(o, out, &e);
		goto done;
	}
	/* A bad file is reported before any connection is made. */
	if (o->command == CLI_VENUE_IMPORT && (v = load_import(o, err_out, &e)) == NULL)
		goto done;
	if ((db = db_connect(o->conninfo, &e)) == NULL)
		goto done;
	switch (o->command) {
	case CLI_VENUE_IMPORT:
		ok = (o->org == NULL || check_org(db, o->org, &e)) && send_import(db, v, out, &e);
		break;
	case CLI_VENUE_EXPORT:
		ok = run_export(db, o->arg, out, &e);
		break;
	case CLI_VENUE_LIST:
		ok = run_list(db, out, &e);
		break;
	case CLI_VENUE_SHOW:
		ok = run_show(db, o->arg, out, &e);
		break;
	default:
		err_set(&e, ERR_USAGE, "not a venue command");
	}
done:
	db_close(&db);
	venue_free(&v);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
