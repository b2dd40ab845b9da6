/* The change-password form and the events screen's warning at 80x24: what is
 * typed never shows (one fixed mask, whatever the length), the rule is written
 * and enforced in words, the fields are wiped after use; the warning names the
 * date and W opens the form. Drawn into windows on a headless terminal and read
 * back. Plus the pure rules and the warning's words (src/password). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "password.h"
#include "scr_events.h"
#include "scr_password.h"
#include "term_harness.h"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

static enum pw_cmd type(struct scr_password *s, const char *text)
{
	enum pw_cmd c = PW_NONE;

	for (const char *p = text; *p; p++)
		c = scr_password_do(s, scr_password_key(s, false, (wint_t)(unsigned char)*p), false,
				    (wint_t)(unsigned char)*p);
	return c;
}

static enum pw_cmd enter(struct scr_password *s)
{
	return scr_password_do(s, scr_password_key(s, false, '\n'), false, '\n');
}

static bool wiped(const struct field *f)
{
	for (size_t i = 0; i < sizeof f->text; i++)
		if (f->text[i] != '\0')
			return false;
	return f->len == 0;
}

static void form_hides_what_is_typed(void **state)
{
	WINDOW *w = newwin(24, 80, 0, 0);
	struct scr_password s;
	int y;

	(void)state;
	scr_password_init(&s, &utf8_style, "clerk_a @ Lyric Theatre Company", "clerk_a",
			  "Your password expires on Sat 28 Nov 2026 (in 3 days): press W to change it.");
	scr_password_recalc(&s, 24, 80);
	scr_password_draw(&s, w);
	dump(w, "form");
	assert_non_null(strstr(row(w, 0), "Change your password — clerk_a @ Lyric Theatre Company"));
	assert_true(find(w, "expires on Sat 28 Nov 2026") >= 0);
	assert_true(find(w, "At least 12 characters") >= 0);
	assert_true(find(w, "login name.") >= 0);
	assert_true(find(w, "What you type is not shown") >= 0);
	y = find(w, "Current password");
	assert_true(y > 0);
	assert_int_equal(find(w, "New password again"), y + 4);
	assert_non_null(strstr(row(w, 23), "Esc back (nothing changed)"));

	/* typed: a fixed mask, never the characters nor their number */
	assert_int_equal(type(&s, "old-secret-1"), PW_NONE);
	assert_int_equal(enter(&s), PW_NONE); /* to the next field */
	assert_int_equal(type(&s, "a-much-longer-new-secret?q"), PW_NONE); /* ? and q are typed */
	scr_password_draw(&s, w);
	dump(w, "form: typed");
	assert_int_equal(find(w, "secret"), -1);
	assert_non_null(strstr(row(w, y), "********"));
	assert_non_null(strstr(row(w, y + 2), "********"));
	assert_null(strstr(row(w, y), "*********")); /* not one per character */
	assert_null(strstr(row(w, y + 2), "*********"));
	assert_string_equal(row(w, y + 4), "  New password again");
	assert_string_equal(scr_password_new(&s), "a-much-longer-new-secret?q");

	/* Esc leaves; leaving wipes */
	assert_int_equal(scr_password_do(&s, scr_password_key(&s, false, 27), false, 27), PW_BACK);
	scr_password_wipe(&s);
	for (int i = 0; i < PW_FIELDS; i++)
		assert_true(wiped(&s.f[i]));
	delwin(w);
}

static void form_rules_in_words(void **state)
{
	WINDOW *w = newwin(24, 80, 0, 0);
	struct scr_password s;

	(void)state;
	scr_password_init(&s, &ascii_style, "clerk_a @ Lyric", "clerk_a", NULL);
	/* Enter through empty fields: the current one first */
	enter(&s);
	enter(&s);
	assert_int_equal(enter(&s), PW_NONE);
	scr_password_draw(&s, w);
	assert_true(find(w, "Type your current password first.") >= 0);
	assert_int_equal(s.focus, PW_CURRENT);

	type(&s, "old-secret-1");
	enter(&s);
	type(&s, "short");
	enter(&s);
	type(&s, "short");
	assert_int_equal(enter(&s), PW_NONE);
	scr_password_draw(&s, w);
	dump(w, "form: too short");
	assert_true(find(w, "too short: 5 characters; it needs at least 12") >= 0);
	assert_true(wiped(&s.f[PW_NEW]) && wiped(&s.f[PW_AGAIN]));
	assert_int_equal(s.focus, PW_NEW);

	type(&s, "my-CLERK_A-password");
	enter(&s);
	type(&s, "my-CLERK_A-password");
	assert_int_equal(enter(&s), PW_NONE);
	assert_non_null(strstr(s.status, "must not contain your login name (clerk_a)"));

	type(&s, "long-enough-secret");
	enter(&s);
	type(&s, "long-enough-secreT");
	assert_int_equal(enter(&s), PW_NONE);
	assert_non_null(strstr(s.status, "The two new passwords differ"));
	assert_int_equal(s.focus, PW_AGAIN); /* only the second is typed again */
	assert_string_equal(scr_password_new(&s), "long-enough-secret");
	assert_true(wiped(&s.f[PW_AGAIN]));

	type(&s, "long-enough-secret");
	assert_int_equal(enter(&s), PW_SUBMIT);
	assert_string_equal(scr_password_current(&s), "old-secret-1");

	/* the current password was wrong: only it is typed again */
	scr_password_failed(&s, true, "The current password is not right.");
	assert_true(wiped(&s.f[PW_CURRENT]));
	assert_string_equal(scr_password_new(&s), "long-enough-secret");
	scr_password_draw(&s, w);
	assert_true(find(w, "The current password is not right.") >= 0);
	assert_non_null(strstr(row(w, 23), "Tab/Up/Down field")); /* ASCII key bar */

	/* the new one equal to the current one */
	type(&s, "long-enough-secret");
	enter(&s);
	enter(&s);
	assert_int_equal(enter(&s), PW_NONE);
	assert_non_null(strstr(s.status, "is your current one"));

	/* done: wiped, said, Enter goes back */
	scr_password_changed(&s, "Password changed. The new one lasts until Tue 23 Feb 2027 12:00.");
	for (int i = 0; i < PW_FIELDS; i++)
		assert_true(wiped(&s.f[i]));
	scr_password_draw(&s, w);
	assert_true(find(w, "Password changed. The new one lasts until Tue 23 Feb 2027") >= 0);
	assert_int_equal(enter(&s), PW_BACK);
	delwin(w);
}

static void events_warning_and_w(void **state)
{
	WINDOW *w = newwin(24, 80, 0, 0);
	struct event_list l = { 0 };
	struct scr_events s;
	char msg[200];
	time_t now = 1800000000; /* Fri 15 Jan 2027 08:00 UTC */

	(void)state;
	assert_true(password_warning(now + 3 * 86400 + 600, now, msg, sizeof msg));
	scr_events_init(&s, &utf8_style, "clerk_a", "Lyric Theatre Company");
	scr_events_set_events(&s, &l);
	scr_events_set_warning(&s, msg);
	scr_events_recalc(&s, 24, 80);
	scr_events_draw(&s, w);
	dump(w, "events: warning");
	assert_non_null(strstr(row(w, 22), "Your password expires on Mon 18 Jan 2027 (in 3 days): press W"));
	/* a message of the moment wins; the warning comes back after it */
	scr_events_message(&s, "3 events.", false);
	scr_events_draw(&s, w);
	assert_null(strstr(row(w, 22), "password"));
	scr_events_message(&s, NULL, false);
	scr_events_draw(&s, w);
	assert_non_null(strstr(row(w, 22), "press W"));
	assert_int_equal(scr_events_key(&s, false, 'W'), EV_PASSWORD);
	assert_int_equal(scr_events_do(&s, EV_PASSWORD, 'W'), EV_PASSWORD);
	scr_events_set_warning(&s, NULL);
	scr_events_draw(&s, w);
	assert_null(strstr(row(w, 22), "password"));
	scr_events_free(&s);
	delwin(w);
}

static void warning_words(void **state)
{
	char msg[200];
	time_t now = 1800000000;

	(void)state;
	assert_false(password_warning(0, now, msg, sizeof msg)); /* never expires */
	assert_string_equal(msg, "");
	assert_false(password_warning(now + 8 * 86400, now, msg, sizeof msg));
	assert_true(password_warning(now + 7 * 86400, now, msg, sizeof msg));
	assert_non_null(strstr(msg, "(in 7 days)"));
	assert_true(password_warning(now + 86400 + 60, now, msg, sizeof msg));
	assert_non_null(strstr(msg, "(in 1 day)"));
	assert_true(password_warning(now + 3600, now, msg, sizeof msg));
	assert_non_null(strstr(msg, "expires today, Fri 15 Jan 2027:"));
	assert_true(password_warning(now - 60, now, msg, sizeof msg));
	assert_non_null(strstr(msg, "expired on Fri 15 Jan 2027: press W"));
}

static void rules(void **state)
{
	struct err e;

	(void)state;
	assert_false(password_rules("clerk_a", "", "", &e));
	assert_string_equal(e.msg, "Type a new password.");
	assert_false(password_rules("clerk_a", "eleven-char", NULL, &e));
	assert_non_null(strstr(e.msg, "11 characters; it needs at least 12"));
	assert_true(password_rules("clerk_a", "twelve-chars", "twelve-chars", &e));
	/* characters, not bytes: 12 x "é" passes, 11 do not */
	assert_true(password_rules("clerk_a", "éééééééééééé", NULL, &e));
	assert_false(password_rules("clerk_a", "ééééééééééé", NULL, &e));
	assert_false(password_rules("clerk_a", "xxCLERK_Axx-yy", NULL, &e));
	assert_false(password_rules("clerk_a", "twelve-chars", "twelve-charS", &e));
	assert_non_null(strstr(e.msg, "differ"));
	{
		char big[PASSWORD_BUF];

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		assert_false(password_rules("clerk_a", big, NULL, &e));
		assert_non_null(strstr(e.msg, "at most 200"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_hides_what_is_typed),
		cmocka_unit_test(form_rules_in_words),
		cmocka_unit_test(events_warning_and_w),
		cmocka_unit_test(warning_words),
		cmocka_unit_test(rules),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, start_term, stop_term);
}
