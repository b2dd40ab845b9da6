/* app: the terminal UI's lifetime: curses setup, the poll() main loop,
 * loading data, and endwin() on every way out. */
#ifndef BOXOFFICE_APP_H
#define BOXOFFICE_APP_H

#include "db.h"
#include "err.h"

#include <stdbool.h>

/* Runs the UI on an open connection until the user quits. The connection
 * stays the caller's. false with e filled when the terminal cannot be used
 * (the screen is already restored then). */
bool app_run(struct db *db, struct err *e);

#endif
