/* config: the user's remembered settings, e.g. the printer picked last
 * (`printer = pdf`). One file, $XDG_CONFIG_HOME/boxoffice/config (default
 * ~/.config/boxoffice/config), of `key = value` lines; `#` comments and blank
 * lines are kept when it is rewritten.
 *
 * The file holds no secrets and must never hold one: no passwords, no
 * connection strings with passwords (libpq's ~/.pgpass is the place for those).
 * config_set refuses a key naming a password or a value carrying one (a
 * conninfo's password=, a URI's user:secret@), and config_get refuses to read
 * a file that holds one, saying where and what to use instead.
 * It is still written 0600 in a 0700 directory, as preferences may say where a
 * person works.
 *
 * Keys: letters, digits, '_', '-', '.'. Values: one line, without leading or
 * trailing blanks. */
#ifndef BOXOFFICE_CONFIG_H
#define BOXOFFICE_CONFIG_H

#include "err.h"

#include <stdbool.h>
#include <stddef.h>

/* The file's path from the environment (XDG_CONFIG_HOME if absolute, else
 * HOME/.config, else the password database's home). */
bool config_path(char *out, size_t size, struct err *e);

/* The value of key, or NULL. NULL with e->code == ERR_NONE means not set (no
 * file, or no such key); NULL with e->code set is an error (unreadable file,
 * bad key). The caller owns the string (free). */
char *config_get(const char *key, struct err *e);

/* Sets key to value, or removes it when value is NULL. Other lines stay as
 * they were. Written atomically: a temporary file in the same directory (mode
 * 0600), fsync, rename; missing directories are created (0700). */
bool config_set(const char *key, const char *value, struct err *e);

#endif
