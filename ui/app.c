/* app: curses lifetime, the main loop, signals and the lost connection.
 * ppoll rather than poll: SIGWINCH, SIGINT, SIGTERM and SIGHUP stay blocked
 * except while we sleep, so a resize or ^C cannot slip in between reading
 * keys and going to sleep. The loop sleeps on stdin and the database socket
 * (LISTEN arrives there); it wakes each second only while a countdown is on
 * screen or a reconnect is due. What each key does lives in flow.c. */
#define _GNU_SOURCE /* ppoll */
#include "app.h"

#include "app_int.h"

#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Set while curses owns the terminal, so the exit handler knows. */
static bool curses_active;
/* ^C, kill, hang-up: quit through the same path as 'q'. */
static volatile sig_atomic_t got_quit_signal;

static void on_quit_signal(int sig)
{
	(void)sig;
	got_quit_signal = 1;
}

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

/* Our handlers first: ncurses installs its own for SIGINT/SIGTERM only
 * where the default is still in place. */
static void catch_quit_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static bool start_curses(struct app *a, struct err *e)
{
	const char *nc = getenv("NO_COLOR");
	static bool registered;

	catch_quit_signals();
	a->screen = newterm(NULL, stdout, stdin);
	if (a->screen == NULL) {
		const char *term = getenv("TERM");
		return err_set(e, ERR_IO, "Cannot start the terminal screen (TERM=%s).",
			       term != NULL ? term : "unset");
	}
	curses_active = true;
	/* exit() from anywhere (a library, a fatal path) still restores the
	 * terminal. */
	if (!registered && atexit(restore_terminal) == 0)
		registered = true;
	a->style.ascii = !locale_is_utf8();
	a->style.color = has_colors() && (nc == NULL || nc[0] == '\0');
	draw_colors_init(&a->style);
	scr_seatmap_colors_init(&a->style);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE); /* ppoll() decides when to read; reads never block */
	set_escdelay(25);
	curs_set(0);
	/* Clicks select seats where the terminal reports them. PRESSED, not
	 * CLICKED: a click would make ncurses wait to tell it from a drag. */
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED, NULL);
	return true;
}

/* 1..120 from the environment, else def. */
static int env_minutes(const char *name, int def)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || v[0] == '\0')
		return def;
	n = strtol(v, &end, 10);
	return *end == '\0' && n >= 1 && n <= 120 ? (int)n : def;
}

/* ---- the lost connection ---- */

static void now_plus(struct timespec *t, int seconds)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += seconds;
}

bool app_lost(struct app *a, const struct err *e)
{
	if (e->code != ERR_CONNECT)
		return false;
	if (!a->lost) {
		a->lost = true;
		a->tries = 0;
		now_plus(&a->next_try, 0);
	}
	snprintf(a->lost_msg, sizeof a->lost_msg, "%s",
		 a->style.ascii ? " Connection to the database lost - reconnecting..."
				: " Connection to the database lost — reconnecting…");
	return true;
}

static bool draw_now(struct app *a);

/* One attempt (PQreset blocks; on a local socket it is quick). Backs off
 * 1, 2, 4, 8 s; after APP_RECONNECT_TRIES, waits for the clerk. */
static void try_reconnect(struct app *a)
{
	struct err e;

	a->tries++;
	snprintf(a->lost_msg, sizeof a->lost_msg, "%s (try %d of %d)",
		 a->style.ascii ? " Connection to the database lost - reconnecting..."
				: " Connection to the database lost — reconnecting…",
		 a->tries, APP_RECONNECT_TRIES);
	draw_now(a);
	if (db_reconnect(a->db, &e)) {
		a->lost = false;
		a->lost_msg[0] = '\0';
		flow_recovered(a);
		return;
	}
	if (a->tries < APP_RECONNECT_TRIES) {
		now_plus(&a->next_try, 1 << (a->tries - 1));
		return;
	}
	a->next_try.tv_sec = 0; /* give up until the clerk asks */
	snprintf(a->lost_msg, sizeof a->lost_msg,
		 " Cannot reconnect: %.200s  r: try again, q: quit", e.msg);
}

static bool reconnect_due(const struct app *a)
{
	struct timespec now;

	if (!a->lost || a->next_try.tv_sec == 0)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > a->next_try.tv_sec ||
	       (now.tv_sec == a->next_try.tv_sec && now.tv_nsec >= a->next_try.tv_nsec);
}

/* ---- drawing ---- */

static void draw_banner(struct app *a)
{
	if (!a->lost || LINES < DRAW_MIN_LINES || COLS < DRAW_MIN_COLS)
		return;
	wattrset(stdscr, draw_attr(&a->style, ROLE_ERROR));
	draw_text(stdscr, LINES - 2, 0, COLS, a->lost_msg, a->style.ascii);
	wattrset(stdscr, A_NORMAL);
}

static bool draw_now(struct app *a)
{
	if (!flow_draw(a))
		return false;
	draw_banner(a);
	wnoutrefresh(stdscr);
	doupdate();
	return true;
}

void app_redraw(struct app *a)
{
	draw_now(a);
}

/* ---- keys ---- */

static void handle_keys(struct app *a)
{
	wint_t key;
	int r;

	while (!a->quit && (r = wget_wch(stdscr, &key)) != ERR) {
		bool code = r == KEY_CODE_YES;

		if (code && key == KEY_RESIZE)
			continue; /* curses already resized; the redraw follows */
		if (a->lost) {
			/* Only quitting and "try again" work without a database. */
			if (!code && (key == 'q' || key == 'Q'))
				a->quit = true;
			else if (!code && (key == 'r' || key == 'R')) {
				now_plus(&a->next_try, 0);
				a->tries = 0;
			}
			continue;
		}
		flow_key(a, code, key);
	}
}

static void check_db(struct app *a)
{
	struct err e;

	if (!db_consume(a->db, &e))
		app_lost(a, &e);
}

/* Milliseconds to sleep: until the next whole second while a countdown
 * shows, until the next reconnect attempt, else forever (NULL). */
static struct timespec *sleep_for(struct app *a, bool ticking, struct timespec *ts)
{
	struct timespec now;
	long ms = -1;

	if (a->lost && a->next_try.tv_sec != 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (long)(a->next_try.tv_sec - now.tv_sec) * 1000 +
		     (a->next_try.tv_nsec - now.tv_nsec) / 1000000;
		if (ms < 0)
			ms = 0;
	}
	if (ticking) {
		clock_gettime(CLOCK_REALTIME, &now);
		long tick = 1000 - now.tv_nsec / 1000000 + 5;
		if (ms < 0 || tick < ms)
			ms = tick;
	}
	if (ms < 0)
		return NULL;
	ts->tv_sec = ms / 1000;
	ts->tv_nsec = (ms % 1000) * 1000000;
	return ts;
}

static bool loop(struct app *a, struct err *e)
{
	sigset_t block, during;

	sigemptyset(&block);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGWINCH);
	sigdelset(&during, SIGINT);
	sigdelset(&during, SIGTERM);
	sigdelset(&during, SIGHUP);
	while (!a->quit) {
		struct timespec ts, *timeout;
		bool ticking;

		if (reconnect_due(a))
			try_reconnect(a);
		if (!a->lost)
			flow_sync(a);
		ticking = !a->lost && flow_tick(a);
		if (!draw_now(a))
			return err_set(e, ERR_NOMEM, "Out of memory.");
		struct pollfd p[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = a->lost ? -1 : db_socket(a->db), .events = POLLIN },
		};
		timeout = sleep_for(a, ticking, &ts);
		if (ppoll(p, 2, timeout, &during) < 0 && errno != EINTR)
			return err_set(e, ERR_IO, "Waiting for input failed: %s", strerror(errno));
		if (got_quit_signal)
			break;
		if (p[1].revents != 0)
			check_db(a);
		if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break; /* the terminal went away: nothing left to draw on */
		handle_keys(a);
	}
	return true;
}

bool app_run(struct db *db, struct err *e)
{
	struct app *a = calloc(1, sizeof *a);
	struct err le;
	char role[32];
	bool ok;

	if (a == NULL)
		return err_set(e, ERR_NOMEM, "Out of memory.");
	a->db = db;
	err_clear(e);
	db_set_notice_echo(db, false);
	a->hold_minutes = env_minutes("BOXOFFICE_HOLD_MINUTES", APP_HOLD_MINUTES);
	a->pay_minutes = env_minutes("BOXOFFICE_PAY_MINUTES", APP_PAY_MINUTES);
	if (!session_load(db, &a->session, &le)) {
		snprintf(a->session.org, sizeof a->session.org, "?");
		snprintf(a->session.login, sizeof a->session.login, "?");
	}
	a->can_comp = session_staff_role(db, role, sizeof role, &le) && strcmp(role, "SUPERVISOR") == 0;
	if (!session_may(db, "refresh_stats(integer)", &a->can_refresh, &le))
		a->can_refresh = a->can_comp; /* unknown: supervisors may */
	if (!session_may(db, "hold_seats(uuid,uuid,uuid[],integer)", &a->can_sell, &le))
		a->can_sell = true; /* unknown: let the database answer when it comes to it */
	if (!session_may(db, "set_event_section(uuid,uuid,boolean,integer)", &a->can_setup, &le))
		a->can_setup = a->can_comp;
	if (!session_may(db, "kill_seats(uuid,uuid[],text)", &a->can_kill, &le))
		a->can_kill = a->can_comp;
	if (!session_may(db, "monitor_connections()", &a->can_monitor, &le))
		a->can_monitor = false; /* unknown (or no 0012 yet): not offered */
	/* Other clerks' holds and sales arrive as NOTIFY on this connection. */
	if (!db_listen(db, "boxoffice_event", &le))
		app_lost(a, &le);
	if (!start_curses(a, e)) {
		free(a);
		return false;
	}
	flow_start(a);
	ok = loop(a, e);
	flow_close(a); /* lets seats go while the screen still shows */
	restore_terminal();
	delscreen(a->screen);
	free(a);
	return ok;
}
