/* scr_password: the login's own password (W on the events screen).
 *
 * Three fields — the current password, the new one, the new one again — that
 * never show what is typed: a field shows "********" once it holds anything,
 * whatever its length, and nothing else. The rule (12 characters or more, not
 * containing the login name) is written above them and checked before the app
 * is asked (src/password.h); a refusal is said in words on the status line.
 * When the password is changed, every field is wiped and the screen says
 * until when the new one lasts.
 *
 * A pure screen (DESIGN §5): init; key → command through a table; do;
 * recalc; draw into any WINDOW *. The app (ui/flow_password.c) acts on
 * PW_SUBMIT (change it: scr_password_current() → scr_password_new()) and
 * PW_BACK. Every key that is not Tab, Enter, Esc, an arrow or F1 is typed
 * into the field, '?' and 'q' included: they may be part of a password. */
#ifndef BOXOFFICE_SCR_PASSWORD_H
#define BOXOFFICE_SCR_PASSWORD_H

#include "draw.h"
#include "field.h"

#include <stdbool.h>
#include <wchar.h>

enum pw_cmd {
	PW_NONE,
	PW_EDIT,        /* an editing key for the field in front */
	PW_NEXT,        /* Tab, Down */
	PW_PREV,        /* Shift-Tab, Up */
	PW_ENTER,       /* Enter: the next field, or (on the last) the rules, then PW_SUBMIT */
	PW_HELP,        /* F1 */
	PW_CANCEL,      /* any key over the help */
	/* for the app: */
	PW_SUBMIT,      /* the rules hold: change_password */
	PW_BACK,        /* Esc: back to the events */
};

enum { PW_CURRENT, PW_NEW, PW_AGAIN, PW_FIELDS };

struct scr_password {
	const struct ui_style *style;   /* not owned */
	char title[256];                /* "clerk_a @ Lyric Theatre Company" */
	char login[64];                 /* the rule: not containing it */
	char expiry[200];               /* "Your password expires on ..." or "" */
	struct field f[PW_FIELDS];
	int focus;
	bool changed;                   /* done: fields wiped, Enter or Esc goes back */
	bool help;
	char status[400];
	bool status_error;
};

/* expiry: a sentence on when the current password expires ("" or NULL: none). */
void scr_password_init(struct scr_password *s, const struct ui_style *st, const char *title,
		       const char *login, const char *expiry);

enum pw_cmd scr_password_key(const struct scr_password *s, bool is_code, wint_t key);
enum pw_cmd scr_password_do(struct scr_password *s, enum pw_cmd cmd, bool is_code, wint_t key);
void scr_password_recalc(struct scr_password *s, int height, int width);
void scr_password_draw(const struct scr_password *s, WINDOW *w);

/* The message line; error draws it as a problem. NULL clears. */
void scr_password_message(struct scr_password *s, const char *msg, bool error);

/* What was typed (PW_SUBMIT); pointers into s, valid until the next key or wipe. */
const char *scr_password_current(const struct scr_password *s);
const char *scr_password_new(const struct scr_password *s);

/* The change failed: the fields are wiped (all, or only the current password
 * when only that was wrong) and the focus goes to the first empty one. */
void scr_password_failed(struct scr_password *s, bool only_current, const char *msg);

/* The change was made: every field wiped, msg shown, Enter or Esc goes back. */
void scr_password_changed(struct scr_password *s, const char *msg);

/* explicit_bzero of every field (leaving the screen). */
void scr_password_wipe(struct scr_password *s);

#endif
