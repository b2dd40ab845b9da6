/* config: key = value lines, read whole, rewritten atomically. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_MAX (64 * 1024)   /* a settings file, not a database */

#define NO_SECRETS "Passwords never go in the settings file: use ~/.pgpass, a service " \
	"file (PGSERVICE) or type it when asked."

static const char *skip_blanks(const char *p, const char *end);

static bool has_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* A secret: a key naming a password, or a value carrying one (a conninfo's
 * password=..., a URI's user:password@). Checked on save and on load. */
static bool holds_secret(const char *key, const char *value)
{
	const char *p;

	if (key != NULL && (has_nocase(key, "password") || strcasecmp(key, "passwd") == 0 ||
			    strcasecmp(key, "pwd") == 0))
		return true;
	if (value == NULL)
		return false;
	if (has_nocase(value, "password") && strchr(value, '=') != NULL)
		return true;
	/* postgresql://user:secret@host */
	if ((p = strstr(value, "://")) != NULL) {
		const char *at = strchr(p + 3, '@'), *colon = strchr(p + 3, ':');

		if (at != NULL && colon != NULL && colon < at && strcspn(p + 3, "/?") > (size_t)(at - p - 3))
			return true;
	}
	return false;
}

/* The first line of the file that holds a secret (1-based), 0 when none. */
static int secret_line(const char *all)
{
	const char *p, *end;
	int n = 1;

	for (p = all; *p; p = *end ? end + 1 : end, n++) {
		const char *eq, *k, *kend;
		char key[128];

		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		k = skip_blanks(p, end);
		if (k == end || *k == '#' || (eq = memchr(k, '=', (size_t)(end - k))) == NULL)
			continue;
		for (kend = eq; kend > k && (kend[-1] == ' ' || kend[-1] == '\t'); kend--)
			;
		snprintf(key, sizeof key, "%.*s", (int)(kend - k), k);
		{
			char val[1024];

			snprintf(val, sizeof val, "%.*s", (int)(end - eq - 1), eq + 1);
			if (holds_secret(key, val)) {
				explicit_bzero(val, sizeof val);
				return n;
			}
			explicit_bzero(val, sizeof val);
		}
	}
	return 0;
}

bool config_path(char *out, size_t size, struct err *e)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg != NULL && xdg[0] == '/') {
		n = snprintf(out, size, "%s/boxoffice/config", xdg);
	} else {
		if (home == NULL || home[0] == '\0') {
			struct passwd *pw = getpwuid(getuid());

			home = pw != NULL ? pw->pw_dir : NULL;
		}
		if (home == NULL || home[0] == '\0')
			return err_set(e, ERR_IO, "Cannot find your home directory to keep your settings (set HOME).");
		n = snprintf(out, size, "%s/.config/boxoffice/config", home);
	}
	if (n < 0 || (size_t)n >= size)
		return err_set(e, ERR_IO, "The path of the settings file is too long.");
	return true;
}

static bool key_ok(const char *key, struct err *e)
{
	if (key == NULL || key[0] == '\0')
		return err_set(e, ERR_INPUT, "A setting needs a name.");
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			return err_set(e, ERR_INPUT, "Invalid setting name \"%s\".", key);
	return true;
}

/* The whole file as a string, "" when it does not exist. Caller frees. */
static char *read_all(const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	if (f == NULL) {
		if (errno == ENOENT)
			return strdup("");
		err_set(e, ERR_IO, "Cannot read your settings in %s: %s.", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(CONFIG_MAX + 1)) == NULL) {
		fclose(f);
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	n = fread(buf, 1, CONFIG_MAX + 1, f);
	if (ferror(f) || n > CONFIG_MAX) {
		err_set(e, ERR_IO, "Cannot read your settings in %s: %s.", path,
			ferror(f) ? strerror(errno) : "the file is too big");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* If line [p, end) sets key, returns true and the value's bounds. */
static bool line_is(const char *p, const char *end, const char *key,
		    const char **v, const char **vend)
{
	size_t klen = strlen(key);

	p = skip_blanks(p, end);
	if ((size_t)(end - p) < klen || strncmp(p, key, klen) != 0)
		return false;
	p = skip_blanks(p + klen, end);
	if (p == end || *p != '=')
		return false;
	p = skip_blanks(p + 1, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*v = p;
	*vend = end;
	return true;
}

char *config_get(const char *key, struct err *e)
{
	char path[PATH_MAX], *all, *val = NULL;
	const char *p, *end, *v, *vend;
	int line;

	err_clear(e);
	if (!key_ok(key, e) || !config_path(path, sizeof path, e))
		return NULL;
	if ((all = read_all(path, e)) == NULL)
		return NULL;
	if ((line = secret_line(all)) > 0) {
		err_set(e, ERR_INPUT, "Your settings in %s hold a password (line %d): remove it. " NO_SECRETS,
			path, line);
		explicit_bzero(all, strlen(all));
		free(all);
		return NULL;
	}
	for (p = all; *p; p = *end ? end + 1 : end) {
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		if (line_is(p, end, key, &v, &vend)) {
			if ((val = strndup(v, (size_t)(vend - v))) == NULL)
				err_set(e, ERR_NOMEM, "Out of memory.");
			break;
		}
	}
	free(all);
	return val;
}

/* mkdir -p of path's directory, new directories 0700. */
static bool make_dirs(const char *path, struct err *e)
{
	char dir[PATH_MAX];

	snprintf(dir, sizeof dir, "%s", path);
	for (char *s = dir + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return err_set(e, ERR_IO, "Cannot create %s for your settings: %s.", dir, strerror(errno));
		*s = '/';
	}
	return true;
}

/* The new contents: every line but those setting key, with key = value in
 * place of the first of them (or at the end). */
static bool rewrite(FILE *f, const char *all, const char *key, const char *value)
{
	const char *p, *end, *v, *vend;
	bool done = value == NULL;

	for (p = all; *p; p = *end ? end + 1 : end) {
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		if (line_is(p, end, key, &v, &vend)) {
			if (!done)
				fprintf(f, "%s = %s\n", key, value);
			done = true;
			continue;
		}
		fprintf(f, "%.*s\n", (int)(end - p), p);
	}
	if (!done)
		fprintf(f, "%s = %s\n", key, value);
	return fflush(f) == 0 && !ferror(f);
}

static bool write_atomically(const char *path, const char *all, const char *key,
			     const char *value, struct err *e)
{
	char tmp[PATH_MAX + 16];
	FILE *f;
	int fd;

	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		return err_set(e, ERR_IO, "Cannot save your settings in %s: %s.", path, strerror(errno));
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w")) == NULL) {
		err_set(e, ERR_IO, "Cannot save your settings in %s: %s.", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return false;
	}
	if (!rewrite(f, all, key, value) || fsync(fileno(f)) != 0) {
		err_set(e, ERR_IO, "Cannot save your settings in %s: %s.", path, strerror(errno));
		fclose(f);
		unlink(tmp);
		return false;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		err_set(e, ERR_IO, "Cannot save your settings in %s: %s.", path, strerror(errno));
		unlink(tmp);
		return false;
	}
	return true;
}

bool config_set(const char *key, const char *value, struct err *e)
{
	char path[PATH_MAX], *all, *trimmed = NULL;
	bool ok;
	int line;

	err_clear(e);
	if (!key_ok(key, e) || !config_path(path, sizeof path, e))
		return false;
	if (holds_secret(key, value))
		return err_set(e, ERR_INPUT, "Not saved: \"%s\" would put a password in your settings. " NO_SECRETS,
			       key);
	if (value != NULL) {
		const char *s = value, *t;

		if (strpbrk(value, "\n\r") != NULL)
			return err_set(e, ERR_INPUT, "A setting must fit on one line.");
		while (*s == ' ' || *s == '\t')
			s++;
		t = s + strlen(s);
		while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if ((trimmed = strndup(s, (size_t)(t - s))) == NULL)
			return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	if (!make_dirs(path, e) || (all = read_all(path, e)) == NULL) {
		free(trimmed);
		return false;
	}
	if ((line = secret_line(all)) > 0) {
		/* rewriting would keep it: the person removes it first */
		explicit_bzero(all, strlen(all));
		free(all);
		free(trimmed);
		return err_set(e, ERR_INPUT, "Not saved: your settings in %s hold a password (line %d); "
			       "remove it. " NO_SECRETS, path, line);
	}
	ok = write_atomically(path, all, key, trimmed, e);
	free(all);
	free(trimmed);
	return ok;
}
