/* pgtool: find, check and run PostgreSQL's client programs. */
#include "pgtool.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int pgtool_major(const char *s)
{
	const char *p = strstr(s, "(PostgreSQL) ");

	p = p != NULL ? p + strlen("(PostgreSQL) ") : s;
	while (*p == ' ')
		p++;
	if (*p < '1' || *p > '9')
		return 0;
	return atoi(p);
}

static bool executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static bool in_path(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH");

	while (path != NULL && *path != '\0') {
		size_t n = strcspn(path, ":");

		if (n > 0) {
			snprintf(out, size, "%.*s/%s", (int)n, path, name);
			if (executable(out))
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

bool pgtool_find(const char *name, int major, char *path, size_t size, char *version,
		 size_t vsize, struct err *e)
{
	const char *bindir = getenv("BOXOFFICE_PG_BINDIR");
	char *argv[3], out[PGTOOL_OUT_MAX];
	int status, got;

	if (bindir != NULL && bindir[0] != '\0') {
		snprintf(path, size, "%s/%s", bindir, name);
		if (!executable(path))
			return err_set(e, ERR_IO, "%s is not in BOXOFFICE_PG_BINDIR (%s): point it at "
				       "the bin directory of PostgreSQL %d's client programs.", name,
				       bindir, major);
	} else {
		snprintf(path, size, "/usr/lib/postgresql/%d/bin/%s", major, name);
		if (!executable(path) && !in_path(name, path, size))
			return err_set(e, ERR_IO, "%s is not installed: install PostgreSQL %d's "
				       "client programs (Debian: apt-get install postgresql-client-%d) "
				       "or set BOXOFFICE_PG_BINDIR.", name, major, major);
	}
	argv[0] = (char *)name;
	argv[1] = "--version";
	argv[2] = NULL;
	if (!pgtool_run(path, argv, NULL, out, sizeof out, &status, e))
		return false;
	out[strcspn(out, "\n")] = '\0';
	got = pgtool_major(out);
	if (status != 0 || got == 0)
		return err_set(e, ERR_IO, "%s does not say its version (%s): is it PostgreSQL's?",
			       path, out);
	if (got != major)
		return err_set(e, ERR_IO, "%s is PostgreSQL %d but the server is %d: install "
			       "PostgreSQL %d's client programs or set BOXOFFICE_PG_BINDIR to "
			       "them.", path, got, major, major);
	snprintf(version, vsize, "%s", strstr(out, ") ") ? strstr(out, ") ") + 2 : out);
	version[strcspn(version, " ")] = '\0';
	return true;
}

/* The parent's environment minus libpq's variables (they could point the
 * child elsewhere), plus env. */
static char **child_environ(char *const env[])
{
	size_t n = 0, k = 0;
	char **out;

	for (char **p = environ; *p != NULL; p++)
		n++;
	for (char *const *p = env; p != NULL && *p != NULL; p++)
		n++;
	if ((out = calloc(n + 1, sizeof *out)) == NULL)
		return NULL;
	for (char **p = environ; *p != NULL; p++)
		if (strncmp(*p, "PG", 2) != 0)
			out[k++] = *p;
	for (char *const *p = env; p != NULL && *p != NULL; p++)
		out[k++] = *p;
	return out;
}

bool pgtool_run(const char *path, char *const argv[], char *const env[], char *out,
		size_t size, int *status, struct err *e)
{
	posix_spawn_file_actions_t fa;
	char **envp, buf[512];
	size_t used = 0;
	int fds[2], rc, ws;
	pid_t pid;
	ssize_t r;

	out[0] = '\0';
	if (pipe(fds) != 0)
		return err_set(e, ERR_IO, "Cannot start %s: %s.", path, strerror(errno));
	if ((envp = child_environ(env)) == NULL) {
		close(fds[0]);
		close(fds[1]);
		return err_set(e, ERR_NOMEM, "Out of memory.");
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	/* argv[0] is the full path: pg_dumpall finds pg_dump beside its argv[0],
	 * which by name alone would be PATH's (Debian: a wrapper elsewhere) */
	{
		size_t n = 0;
		char **av;

		while (argv[n] != NULL)
			n++;
		if ((av = calloc(n + 1, sizeof *av)) == NULL) {
			rc = ENOMEM;
		} else {
			memcpy(av, argv, n * sizeof *av);
			av[0] = (char *)path;
			rc = posix_spawn(&pid, path, &fa, NULL, av, envp);
			free(av);
		}
	}
	posix_spawn_file_actions_destroy(&fa);
	free(envp);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return err_set(e, ERR_IO, "Cannot start %s: %s.", path, strerror(rc));
	}
	/* read to the end before waiting: a chatty child must not block on a
	 * full pipe; keep the tail, where the reason for a failure is */
	while ((r = read(fds[0], buf, sizeof buf)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (used + (size_t)r >= size) {
			size_t drop = used + (size_t)r - (size - 1);

			if (drop >= used) {
				size_t skip = (size_t)r - (size - 1);

				memcpy(out, buf + skip, size - 1);
				used = size - 1;
				continue;
			}
			memmove(out, out + drop, used - drop);
			used -= drop;
		}
		memcpy(out + used, buf, (size_t)r);
		used += (size_t)r;
		out[used] = '\0';
	}
	out[used] = '\0';
	close(fds[0]);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return err_set(e, ERR_IO, "Lost %s: %s.", path, strerror(errno));
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
	return true;
}

void pgtool_dbname_arg(const char *dbname, char *buf, size_t size)
{
	size_t k = 0;

	for (const char *p = "dbname='"; *p != '\0' && k + 1 < size; p++)
		buf[k++] = *p;
	for (const char *p = dbname; *p != '\0' && k + 3 < size; p++) {
		if (*p == '\'' || *p == '\\')
			buf[k++] = '\\';
		buf[k++] = *p;
	}
	if (k + 1 < size)
		buf[k++] = '\'';
	buf[k < size ? k : size - 1] = '\0';
}
