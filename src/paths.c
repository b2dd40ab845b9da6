/* paths: the lookup order lives here and only here. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool put(char *out, size_t size, const char *path, struct err *e)
{
	if ((size_t)snprintf(out, size, "%s", path) >= size)
		return err_set(e, ERR_IO, "Path too long: %s", path);
	return true;
}

bool paths_pick(const struct paths_env *pe, const char *what, const char *probe,
		char *out, size_t size, struct err *e)
{
	char buf[PATH_MAX + 64];

	if (pe->option != NULL && pe->option[0] != '\0')
		return put(out, size, pe->option, e);
	if (pe->env != NULL && pe->env[0] != '\0')
		return put(out, size, pe->env, e);
	if (pe->exe_dir != NULL && pe->exe_dir[0] != '\0') {
		/* a checkout (binary beside sql/), then an install under any prefix
		 * (PREFIX/bin beside PREFIX/share/boxoffice) */
		static const char *const rel[] = { "", "/../share/boxoffice" };

		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			snprintf(buf, sizeof buf, "%s%s/%s/%s", pe->exe_dir, rel[i], what, probe);
			if (is_dir(buf)) {
				snprintf(buf, sizeof buf, "%s%s/%s", pe->exe_dir, rel[i], what);
				return put(out, size, buf, e);
			}
		}
	}
	snprintf(buf, sizeof buf, "%s/%s", pe->datadir, what);
	return put(out, size, buf, e);
}

bool paths_exe_dir(char *out, size_t size)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return false;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return (size_t)snprintf(out, size, "%s", buf[0] != '\0' ? buf : "/") < size;
}

/* The process's own lookup: the environment variable, then the binary's place. */
static bool lookup(const char *option, const char *env, const char *what, const char *probe,
		   char *out, size_t size, struct err *e)
{
	char exe[PATH_MAX];
	struct paths_env pe = {
		.option = option,
		.env = getenv(env),
		.exe_dir = paths_exe_dir(exe, sizeof exe) ? exe : NULL,
		.datadir = BOXOFFICE_DATADIR,
	};

	return paths_pick(&pe, what, probe, out, size, e);
}

bool paths_sqldir(const char *option, char *out, size_t size, struct err *e)
{
	return lookup(option, "BOXOFFICE_SQLDIR", "sql", "migrations", out, size, e);
}

bool paths_assetsdir(const char *option, char *out, size_t size, struct err *e)
{
	return lookup(option, "BOXOFFICE_ASSETSDIR", "assets", "layouts", out, size, e);
}
