/* flow_password: the login's own password in the terminal — the app's side of
 * ui/scr_password.c (W on the events screen), and the events screen's warning
 * when the password expires within a week (src/password.h). */
#ifndef BOXOFFICE_FLOW_PASSWORD_H
#define BOXOFFICE_FLOW_PASSWORD_H

#include "scr_password.h"

#include <stdbool.h>
#include <wchar.h>

struct app;

struct flow_password {
	bool ready;                 /* scr initialised */
	struct scr_password scr;
};

/* Reads when the password expires and sets (or clears) the events screen's
 * warning; quiet when the read fails for another reason than the connection. */
void flow_password_expiry(struct app *a);
/* W on the events screen: shows the form (a->view = VIEW_PASSWORD). */
void flow_password_open(struct app *a);
void flow_password_key(struct app *a, bool is_code, wint_t key);
void flow_password_draw(struct app *a);
void flow_password_message(struct app *a, const char *msg, bool error);
/* Wipes and forgets the form (quitting, leaving the view). */
void flow_password_free(struct app *a);

#endif
