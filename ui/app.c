/* app: curses lifetime and the main loop.
 * ppoll rather than poll: SIGWINCH stays blocked except while we sleep, so a
 * resize cannot slip in between reading keys and going to sleep (it would
 * then wait for the next key to redraw). */
#define _GNU_SOURCE /* ppoll */
#include "app.h"

#include "draw.h"
#include "events.h"
#include "scr_events.h"
#include "session.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct app {
	struct db *db;
	bool db_lost;            /* stop polling a dead socket */
	struct ui_style style;
	struct session session;
	struct event_list events;
	struct scr_events scr;
	SCREEN *screen;
};

/* Set while curses owns the terminal, so the exit handler knows. */
static bool curses_active;

static void restore_terminal(void)
{
	if (curses_active && !isendwin())
		endwin();
	curses_active = false;
}

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static bool start_curses(struct app *a, struct err *e)
{
	const char *nc = getenv("NO_COLOR");
	static bool registered;

	a->screen = newterm(NULL, stdout, stdin);
	if (a->screen == NULL) {
		const char *term = getenv("TERM");
		return err_set(e, ERR_IO, "Cannot start the terminal screen (TERM=%s).",
			       term != NULL ? term : "unset");
	}
	curses_active = true;
	/* exit() from anywhere (a library, a fatal path) still restores the
	 * terminal; ncurses itself handles SIGINT and SIGTERM. */
	if (!registered && atexit(restore_terminal) == 0)
		registered = true;
	a->style.ascii = !locale_is_utf8();
	a->style.color = has_colors() && (nc == NULL || nc[0] == '\0');
	draw_colors_init(&a->style);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE); /* poll() decides when to read; reads never block */
	set_escdelay(25);
	curs_set(0);
	return true;
}

static void load_events(struct app *a)
{
	struct err e;
	struct event_list fresh;
	char msg[320];

	if (!events_load(a->db, &fresh, &e)) {
		snprintf(msg, sizeof msg, "Could not load events: %s", e.msg);
		scr_events_message(&a->scr, msg, true);
		return;
	}
	/* Swap only after success, so a failed reload keeps the old list. */
	scr_events_set_events(&a->scr, NULL);
	events_free(&a->events);
	a->events = fresh;
	scr_events_set_events(&a->scr, &a->events);
	snprintf(msg, sizeof msg, "%zu event%s.", a->events.n, a->events.n == 1 ? "" : "s");
	scr_events_message(&a->scr, msg, false);
}

static bool redraw(struct app *a, struct err *e)
{
	if (!scr_events_recalc(&a->scr, LINES, COLS))
		return err_set(e, ERR_NOMEM, "Out of memory.");
	scr_events_draw(&a->scr, stdscr);
	wnoutrefresh(stdscr);
	doupdate();
	return true;
}

/* Reads every key that is waiting. false when the user quits. */
static bool handle_keys(struct app *a)
{
	wint_t key;
	int r;

	while ((r = wget_wch(stdscr, &key)) != ERR) {
		if (r == KEY_CODE_YES && key == KEY_RESIZE)
			continue; /* curses already resized; the redraw follows */
		enum ev_cmd c = scr_events_key(&a->scr, r == KEY_CODE_YES, key);
		switch (scr_events_do(&a->scr, c, key)) {
		case EV_QUIT:
			return false;
		case EV_RELOAD:
			load_events(a);
			break;
		default:
			break;
		}
	}
	return true;
}

static void check_db(struct app *a)
{
	struct err e;

	if (!db_consume(a->db, &e)) {
		a->db_lost = true;
		scr_events_message(&a->scr, e.msg, true);
	}
}

static bool loop(struct app *a, struct err *e)
{
	sigset_t block, during;

	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGWINCH);
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = a->db_lost ? -1 : db_socket(a->db), .events = POLLIN },
		};
		if (!redraw(a, e))
			return false;
		if (ppoll(p, 2, NULL, &during) < 0 && errno != EINTR)
			return err_set(e, ERR_IO, "Waiting for input failed: %s", strerror(errno));
		if (p[1].revents != 0)
			check_db(a);
		if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			return true; /* the terminal went away: nothing left to draw on */
		if (!handle_keys(a))
			return true;
	}
}

bool app_run(struct db *db, struct err *e)
{
	struct app a;
	struct err le;
	bool ok;

	memset(&a, 0, sizeof a);
	a.db = db;
	err_clear(e);
	db_set_notice_echo(db, false);
	if (!session_load(db, &a.session, &le)) {
		snprintf(a.session.org, sizeof a.session.org, "?");
		snprintf(a.session.login, sizeof a.session.login, "?");
	}
	if (!start_curses(&a, e))
		return false;
	scr_events_init(&a.scr, &a.style, a.session.login, a.session.org);
	load_events(&a);
	ok = loop(&a, e);
	restore_terminal();
	delscreen(a.screen);
	scr_events_free(&a.scr);
	events_free(&a.events);
	return ok;
}
