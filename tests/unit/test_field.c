/* field: UTF-8 editing, limits, amount mode, drawing with sideways scroll. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "field.h"
#include "term_harness.h"

#define CTRL(c) ((c) & 0x1f)


/* Types a UTF-8 string key by key, as wget_wch would deliver it. */
static void type(struct field *f, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	memset(&st, 0, sizeof st);
	while (*s != '\0' && (k = mbrtowc(&wc, s, strlen(s), &st)) > 0 && k < (size_t)-2) {
		field_edit(f, field_key(false, (wint_t)wc), (wint_t)wc);
		s += k;
	}
}

static void edit(struct field *f, bool is_code, wint_t key)
{
	field_edit(f, field_key(is_code, key), key);
}

static void types_and_moves_by_characters(void **state)
{
	struct field f;

	(void)state;
	field_init(&f, 64, FIELD_TEXT, false);
	type(&f, "Zoë €5");
	assert_string_equal(field_text(&f), "Zoë €5");
	assert_int_equal(f.len, strlen("Zoë €5"));
	assert_int_equal(f.cur, f.len);
	edit(&f, true, KEY_BACKSPACE);           /* the 5 */
	edit(&f, false, 127);                    /* the €: three bytes, one key */
	assert_string_equal(field_text(&f), "Zoë ");
	edit(&f, true, KEY_LEFT);
	edit(&f, true, KEY_LEFT);                /* before the ë */
	assert_int_equal(f.cur, 2);
	edit(&f, false, CTRL('h'));              /* the o */
	assert_string_equal(field_text(&f), "Zë ");
	edit(&f, true, KEY_DC);                  /* the ë: two bytes */
	assert_string_equal(field_text(&f), "Z ");
	type(&f, "😀");                          /* four bytes */
	assert_string_equal(field_text(&f), "Z😀 ");
	edit(&f, true, KEY_HOME);
	assert_int_equal(f.cur, 0);
	type(&f, "A");
	edit(&f, true, KEY_END);
	type(&f, "!");
	assert_string_equal(field_text(&f), "AZ😀 !");
	edit(&f, false, CTRL('a'));
	edit(&f, false, CTRL('d'));
	assert_string_equal(field_text(&f), "Z😀 !");
	edit(&f, false, CTRL('e'));
	assert_int_equal(f.cur, f.len);
	assert_false(field_edit(&f, FIELD_OP_DELETE, 0));  /* nothing after the cursor */
	assert_false(field_edit(&f, FIELD_OP_RIGHT, 0));
	edit(&f, false, CTRL('u'));
	assert_string_equal(field_text(&f), "");
	assert_int_equal(f.cur, 0);
	assert_false(field_edit(&f, FIELD_OP_BACKSPACE, 0));
	assert_false(field_edit(&f, FIELD_OP_LEFT, 0));
}

static void limit_is_in_bytes_and_never_splits(void **state)
{
	struct field f;

	(void)state;
	field_init(&f, 5, FIELD_TEXT, false);
	type(&f, "abcd");
	assert_false(field_insert(&f, L'é'));    /* 2 bytes would make 6 */
	assert_true(field_insert(&f, L'e'));
	assert_false(field_insert(&f, L'f'));
	assert_string_equal(field_text(&f), "abcde");
	field_set(&f, "aaaé", false);            /* é would end at byte 5: fits */
	assert_string_equal(field_text(&f), "aaaé");
	field_set(&f, "aaaaé", false);           /* would end at 6: cut before it */
	assert_string_equal(field_text(&f), "aaaa");
	field_init(&f, 9999, FIELD_TEXT, false); /* clamped */
	assert_int_equal(f.max, FIELD_SIZE - 1);
}

static void refuses_controls_and_bad_bytes(void **state)
{
	struct field f;

	(void)state;
	field_init(&f, 64, FIELD_TEXT, false);
	assert_false(field_insert(&f, L'\t'));
	assert_false(field_insert(&f, 0x7f));
	assert_false(field_insert(&f, 0x85));    /* a C1 control */
	assert_false(field_insert(&f, 0xD800));  /* a surrogate */
	assert_false(field_insert(&f, 0x110000));
	/* Invalid UTF-8, an overlong '/', controls: dropped; good text kept. */
	field_set(&f, "a\xff" "b\xc0\xaf" "c\n\x1b[d\xe2\x82", false);
	assert_string_equal(field_text(&f), "abc[d");
	field_set(&f, NULL, false);
	assert_string_equal(field_text(&f), "");
}

static void amount_mode_takes_digits_dot_comma(void **state)
{
	struct field f;

	(void)state;
	field_init(&f, 16, FIELD_AMOUNT, false);
	type(&f, "1,2a3.5 0-€");
	assert_string_equal(field_text(&f), "1,23.50");
	field_set(&f, " 12.50 EUR", false);
	assert_string_equal(field_text(&f), "12.50");
}

static void ascii_mode_refuses_non_ascii_typing(void **state)
{
	struct field f;

	(void)state;
	field_init(&f, 64, FIELD_TEXT, true);
	assert_true(field_insert(&f, L'a'));
	assert_false(field_insert(&f, L'é'));
	field_set(&f, "Zoë", false);              /* data from elsewhere is kept */
	assert_string_equal(field_text(&f), "Zoë");
}

static void prefilled_text_is_replaced_by_typing(void **state)
{
	struct field f;

	(void)state;
	field_init(&f, 16, FIELD_AMOUNT, false);
	field_set(&f, "75.00", true);
	assert_true(f.fresh);
	assert_false(field_insert(&f, L'x'));     /* refused: the prefill stays */
	assert_string_equal(field_text(&f), "75.00");
	type(&f, "100");
	assert_string_equal(field_text(&f), "100");
	field_set(&f, "75.00", true);
	edit(&f, true, KEY_BACKSPACE);            /* empties it */
	assert_string_equal(field_text(&f), "");
	field_set(&f, "75.00", true);
	edit(&f, true, KEY_LEFT);                 /* keeps it, edits from here */
	type(&f, "5");
	assert_string_equal(field_text(&f), "75.050");
	field_set(&f, "", true);
	assert_false(f.fresh);
}

static void keys_map_to_operations(void **state)
{
	(void)state;
	assert_int_equal(field_key(true, KEY_LEFT), FIELD_OP_LEFT);
	assert_int_equal(field_key(true, KEY_RIGHT), FIELD_OP_RIGHT);
	assert_int_equal(field_key(true, KEY_HOME), FIELD_OP_HOME);
	assert_int_equal(field_key(true, KEY_END), FIELD_OP_END);
	assert_int_equal(field_key(true, KEY_BACKSPACE), FIELD_OP_BACKSPACE);
	assert_int_equal(field_key(true, KEY_DC), FIELD_OP_DELETE);
	assert_int_equal(field_key(true, KEY_F(1)), FIELD_OP_NONE);
	assert_int_equal(field_key(false, 127), FIELD_OP_BACKSPACE);
	assert_int_equal(field_key(false, CTRL('u')), FIELD_OP_CLEAR);
	assert_int_equal(field_key(false, '\r'), FIELD_OP_NONE);
	assert_int_equal(field_key(false, 27), FIELD_OP_NONE);
	assert_int_equal(field_key(false, 'x'), FIELD_OP_INSERT);
	/* U+0104 has the number of KEY_LEFT: is_code tells them apart. */
	assert_int_equal(field_key(false, KEY_LEFT), FIELD_OP_INSERT);
}

static void draws_and_scrolls_with_the_cursor(void **state)
{
	WINDOW *w = newpad(3, 40);
	struct field f;
	int cx;

	(void)state;
	assert_non_null(w);
	field_init(&f, 64, FIELD_TEXT, false);
	field_set(&f, "Zoë", false);
	cx = field_draw(&f, w, 0, 2, 10, true);
	assert_int_equal(cx, 5);
	assert_string_equal(row(w, 0), "  Zoë");
	assert_true((mvwinch(w, 0, 5) & A_REVERSE) != 0); /* the cursor cell */
	assert_true((mvwinch(w, 0, 4) & A_REVERSE) == 0);
	assert_true((mvwinch(w, 0, 11) & A_UNDERLINE) != 0); /* the field's extent */
	/* Longer than the width: the end stays in view with the cursor. */
	field_set(&f, "abcdefghijklmnopqrstuvwxyz", false);
	cx = field_draw(&f, w, 1, 0, 10, true);
	assert_string_equal(row(w, 1), "rstuvwxyz");
	assert_int_equal(cx, 9);
	edit(&f, true, KEY_HOME);
	cx = field_draw(&f, w, 1, 0, 10, true);
	assert_string_equal(row(w, 1), "abcdefghij");
	assert_int_equal(cx, 0);
	/* Wide characters take two columns and are never cut in half. */
	field_set(&f, "日本語テキスト", false);
	cx = field_draw(&f, w, 2, 0, 9, true);
	assert_string_equal(row(w, 2), "テキスト");
	assert_int_equal(cx, 8);
	assert_int_equal(field_cursor_col(&f), 14);
	delwin(w);
}

static void ascii_draws_question_marks(void **state)
{
	WINDOW *w = newpad(1, 20);
	struct field f;

	(void)state;
	field_init(&f, 64, FIELD_TEXT, true);
	field_set(&f, "Zoë €5", false);
	assert_int_equal(field_cursor_col(&f), 6);
	field_draw(&f, w, 0, 0, 20, false);
	assert_string_equal(row(w, 0), "Zo? ?5");
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(types_and_moves_by_characters),
		cmocka_unit_test(limit_is_in_bytes_and_never_splits),
		cmocka_unit_test(refuses_controls_and_bad_bytes),
		cmocka_unit_test(amount_mode_takes_digits_dot_comma),
		cmocka_unit_test(ascii_mode_refuses_non_ascii_typing),
		cmocka_unit_test(prefilled_text_is_replaced_by_typing),
		cmocka_unit_test(keys_map_to_operations),
		cmocka_unit_test(draws_and_scrolls_with_the_cursor),
		cmocka_unit_test(ascii_draws_question_marks),
	};

	return cmocka_run_group_tests(tests, start_term, stop_term);
}
