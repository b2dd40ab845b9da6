/* cli_backup: the two admin commands around src/backup. */
#include "cli_backup.h"

#include "backup.h"
#include "db.h"

#include <string.h>

bool cli_backup_owns_words(int n, const char *const w[])
{
	return n >= 2 && strcmp(w[0], "admin") == 0 &&
	       (strcmp(w[1], "backup") == 0 || strcmp(w[1], "restore") == 0);
}

bool cli_backup_parse(int n, const char *const w[], struct cli_options *o, struct err *e)
{
	if (strcmp(w[1], "backup") == 0) {
		if (n > 2)
			return err_set(e, ERR_USAGE, "admin backup takes no arguments (--out DIR "
				       "names the backup)");
		o->command = CLI_ADMIN_BACKUP;
		return true;
	}
	if (n != 3)
		return err_set(e, ERR_USAGE, "admin restore needs the backup directory: admin "
			       "restore DIR --db CONNINFO");
	o->command = CLI_ADMIN_RESTORE;
	o->arg = w[2];
	return true;
}

bool cli_backup_check(const struct cli_options *o, struct err *e)
{
	if (o->out != NULL && o->command != CLI_ADMIN_BACKUP)
		return err_set(e, ERR_USAGE, "--out is for admin backup");
	if (o->command == CLI_ADMIN_RESTORE && o->conninfo == NULL)
		return err_set(e, ERR_USAGE, "admin restore needs --db CONNINFO: the new, empty "
			       "database to restore into");
	return true;
}

int cli_backup_run(const struct cli_options *o, FILE *out, FILE *err_out)
{
	struct db *db;
	struct err e;
	bool ok;

	err_clear(&e);
	if ((db = db_connect(o->conninfo, &e)) == NULL) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	if (o->command == CLI_ADMIN_BACKUP)
		ok = backup_create(db, o->out, out, &e);
	else
		ok = backup_restore(db, o->arg, out, &e);
	db_close(&db);
	if (!ok) {
		cli_print_error(err_out, &e);
		return cli_exit_code(&e);
	}
	return CLI_EXIT_OK;
}
