/* scr_password: three hidden fields and the rule. */
#include "scr_password.h"

#include "password.h"

#include <stdio.h>
#include <string.h>

struct key_binding {
	bool is_code;
	wint_t key;
	enum pw_cmd cmd;
};

static const struct key_binding keys_form[] = {
	{ false, '\t', PW_NEXT }, { true, KEY_DOWN, PW_NEXT },
	{ true, KEY_BTAB, PW_PREV }, { true, KEY_UP, PW_PREV },
	{ true, KEY_ENTER, PW_ENTER }, { false, '\r', PW_ENTER }, { false, '\n', PW_ENTER },
	{ false, 27, PW_BACK }, { true, KEY_F(1), PW_HELP },
};

/* After the change: nothing left to type. */
static const struct key_binding keys_done[] = {
	{ true, KEY_ENTER, PW_BACK }, { false, '\r', PW_BACK }, { false, '\n', PW_BACK },
	{ false, 27, PW_BACK }, { false, 'q', PW_BACK }, { true, KEY_F(1), PW_HELP },
};

static const char *const labels[PW_FIELDS] = {
	"Current password", "New password", "New password again",
};

static enum pw_cmd lookup(const struct key_binding *t, size_t n, bool is_code, wint_t key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].is_code == is_code && t[i].key == key)
			return t[i].cmd;
	return PW_NONE;
}

static void wipe_field(struct field *f)
{
	explicit_bzero(f->text, sizeof f->text);
	f->len = 0;
	f->cur = 0;
	f->fresh = false;
}

void scr_password_init(struct scr_password *s, const struct ui_style *st, const char *title,
		       const char *login, const char *expiry)
{
	memset(s, 0, sizeof *s);
	s->style = st;
	draw_copy(s->title, sizeof s->title, title);
	draw_copy(s->login, sizeof s->login, login);
	draw_copy(s->expiry, sizeof s->expiry, expiry);
	for (int i = 0; i < PW_FIELDS; i++)
		field_init(&s->f[i], PASSWORD_BUF - 1, FIELD_TEXT, st->ascii);
}

void scr_password_message(struct scr_password *s, const char *msg, bool error)
{
	draw_copy(s->status, sizeof s->status, msg);
	s->status_error = msg != NULL && error;
}

enum pw_cmd scr_password_key(const struct scr_password *s, bool is_code, wint_t key)
{
	enum pw_cmd c;

	if (s->help)
		return PW_CANCEL;
	if (s->changed)
		return lookup(keys_done, sizeof keys_done / sizeof keys_done[0], is_code, key);
	c = lookup(keys_form, sizeof keys_form / sizeof keys_form[0], is_code, key);
	if (c != PW_NONE)
		return c;
	return field_key(is_code, key) != FIELD_OP_NONE ? PW_EDIT : PW_NONE;
}

/* Enter on the last field: the rules, in the order a person fixes them. */
static enum pw_cmd submit(struct scr_password *s)
{
	struct err e;

	if (field_text(&s->f[PW_CURRENT])[0] == '\0') {
		s->focus = PW_CURRENT;
		scr_password_message(s, "Type your current password first.", true);
		return PW_NONE;
	}
	if (!password_rules(s->login, field_text(&s->f[PW_NEW]), field_text(&s->f[PW_AGAIN]), &e)) {
		bool differ = field_text(&s->f[PW_NEW])[0] != '\0' &&
			      strcmp(field_text(&s->f[PW_NEW]), field_text(&s->f[PW_AGAIN])) != 0 &&
			      password_rules(s->login, field_text(&s->f[PW_NEW]), NULL, NULL);

		/* the new one is fine but the second differs: type that again only */
		wipe_field(&s->f[PW_AGAIN]);
		if (!differ)
			wipe_field(&s->f[PW_NEW]);
		s->focus = differ ? PW_AGAIN : PW_NEW;
		scr_password_message(s, e.msg, true);
		return PW_NONE;
	}
	if (strcmp(field_text(&s->f[PW_CURRENT]), field_text(&s->f[PW_NEW])) == 0) {
		wipe_field(&s->f[PW_NEW]);
		wipe_field(&s->f[PW_AGAIN]);
		s->focus = PW_NEW;
		scr_password_message(s, "The new password is your current one: choose another.", true);
		return PW_NONE;
	}
	scr_password_message(s, NULL, false);
	return PW_SUBMIT;
}

enum pw_cmd scr_password_do(struct scr_password *s, enum pw_cmd cmd, bool is_code, wint_t key)
{
	switch (cmd) {
	case PW_EDIT:
		field_edit(&s->f[s->focus], field_key(is_code, key), key);
		return PW_NONE;
	case PW_NEXT:
		s->focus = (s->focus + 1) % PW_FIELDS;
		return PW_NONE;
	case PW_PREV:
		s->focus = (s->focus + PW_FIELDS - 1) % PW_FIELDS;
		return PW_NONE;
	case PW_ENTER:
		if (s->focus < PW_AGAIN) {
			s->focus++;
			return PW_NONE;
		}
		return submit(s);
	case PW_HELP:
		s->help = true;
		return PW_NONE;
	case PW_CANCEL:
		s->help = false;
		return PW_NONE;
	case PW_BACK:
		return PW_BACK;
	case PW_SUBMIT:
	case PW_NONE:
		break;
	}
	return PW_NONE;
}

void scr_password_recalc(struct scr_password *s, int height, int width)
{
	(void)s;
	(void)height;
	(void)width;
}

const char *scr_password_current(const struct scr_password *s)
{
	return field_text(&s->f[PW_CURRENT]);
}

const char *scr_password_new(const struct scr_password *s)
{
	return field_text(&s->f[PW_NEW]);
}

void scr_password_wipe(struct scr_password *s)
{
	for (int i = 0; i < PW_FIELDS; i++)
		wipe_field(&s->f[i]);
}

void scr_password_failed(struct scr_password *s, bool only_current, const char *msg)
{
	if (only_current) {
		wipe_field(&s->f[PW_CURRENT]);
	} else {
		scr_password_wipe(s);
	}
	s->focus = PW_CURRENT;
	scr_password_message(s, msg, true);
}

void scr_password_changed(struct scr_password *s, const char *msg)
{
	scr_password_wipe(s);
	s->changed = true;
	s->expiry[0] = '\0';
	scr_password_message(s, msg, false);
}

/* ---- drawing ---- */

#define LABEL_X 2
#define LABEL_W 22
#define FIELD_X (LABEL_X + LABEL_W + 2)
#define FIELD_W 20

static void draw_hidden(const struct scr_password *s, WINDOW *w, int y, int i)
{
	bool focused = i == s->focus && !s->changed;
	/* never the length: one fixed mask once anything is typed */
	const char *mask = s->f[i].len > 0 ? "********" : "";
	int n = (int)strlen(mask);

	wattrset(w, focused ? A_BOLD : A_NORMAL);
	draw_text(w, y, LABEL_X, LABEL_W, labels[i], s->style->ascii);
	wattrset(w, A_UNDERLINE);
	draw_text(w, y, FIELD_X, FIELD_W, mask, true);
	if (focused) {
		wattrset(w, A_REVERSE);
		mvwaddch(w, y, FIELD_X + n, ' ');
		wmove(w, y, FIELD_X + n);
	}
	wattrset(w, A_NORMAL);
}

static void draw_help(const struct scr_password *s, WINDOW *w, int height, int width)
{
	static const char *const lines[] = {
		"Tab, Down      next field",
		"Shift-Tab, Up  previous field",
		"Enter          next field; on the last: change it",
		"Esc            back to the events, nothing changed",
		"F1             this help",
		"",
		"What you type is never shown. The new password",
		"needs 12 characters or more and must not contain",
		"your login name; it then lasts 90 days.",
		"",
		"Any key closes this help.",
	};
	draw_panel(w, s->style, height, width, "Keys", lines, (int)(sizeof lines / sizeof lines[0]), 54);
}

void scr_password_draw(const struct scr_password *s, WINDOW *w)
{
	int height, width, y = 2, cy = -1, cx = 0;
	bool a = s->style->ascii;
	char t[320];

	getmaxyx(w, height, width);
	werase(w);
	if (draw_too_small(w, s->style))
		return;
	snprintf(t, sizeof t, " Change your password %s %s", a ? "-" : "—", s->title);
	wattrset(w, draw_attr(s->style, ROLE_TITLE));
	draw_text(w, 0, 0, width, t, a);
	wattrset(w, A_NORMAL);
	if (s->expiry[0] != '\0') {
		wattrset(w, draw_attr(s->style, ROLE_LOW));
		draw_text(w, y, LABEL_X, width - 2 * LABEL_X, s->expiry, a);
		wattrset(w, A_NORMAL);
	}
	y += 2;
	snprintf(t, sizeof t, "Login %s. New password: %s", s->login, password_rules_text());
	y += draw_wrap(w, y, LABEL_X, width - 2 * LABEL_X, 2, t, a) + 1;
	draw_text(w, y++, LABEL_X, width - 2 * LABEL_X,
		  "What you type is not shown. Your current password is checked by logging in with it.", a);
	y++;
	for (int i = 0; i < PW_FIELDS; i++, y += 2) {
		draw_hidden(s, w, y, i);
		if (i == s->focus)
			getyx(w, cy, cx);
	}
	if (s->status[0] != '\0') {
		if (s->status_error)
			wattrset(w, draw_attr(s->style, ROLE_ERROR));
		draw_wrap(w, height - 3, 1, width - 2, 2, s->status, a);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, draw_attr(s->style, ROLE_KEYS));
	draw_text(w, height - 1, 0, width,
		  s->changed ? " Enter/Esc back to the events  F1 help"
		  : a ? " Tab/Up/Down field  Enter next/change  Esc back (nothing changed)  F1 help"
		      : " Tab/↑↓ field  Enter next/change  Esc back (nothing changed)  F1 help", a);
	wattrset(w, A_NORMAL);
	if (s->help)
		draw_help(s, w, height, width);
	else if (!s->changed && cy >= 0)
		wmove(w, cy, cx); /* the terminal's cursor where typing goes */
}
