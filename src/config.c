/* config: key = value lines, read whole, rewritten atomically. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_MAX (64 * 1024)   /* a settings file, not a database */

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

	err_clear(e);
	if (!key_ok(key, e) || !config_path(path, sizeof path, e))
		return NULL;
	if ((all = read_all(path, e)) == NULL)
		return NULL;
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

	err_clear(e);
	if (!key_ok(key, e) || !config_path(path, sizeof path, e))
		return false;
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
	ok = write_atomically(path, all, key, trimmed, e);
	free(all);
	free(trimmed);
	return ok;
}
