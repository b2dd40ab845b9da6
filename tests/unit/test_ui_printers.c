/* The printer screen: destinations with their state in words, the current
 * choice marked, keys through the table, the print server down. Drawn into
 * pads on a headless terminal and read back. DUMP_SCREENS=1 prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr_printers.h"
#include "term_harness.h"

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

static struct print_dest three[] = {
	{ .name = "escpos", .info = "ESC/POS receipt printer (raw)", .location = "", .reasons = "paused",
	  .message = "Out of paper", .state = PRINT_STOPPED, .accepting = true, .raw = true },
	{ .name = "pdf", .info = "PDF files", .location = "", .reasons = "", .message = "",
	  .state = PRINT_READY, .accepting = true, .is_default = true },
	{ .name = "zpl", .info = "ZPL ticket printer (raw)", .location = "", .reasons = "",
	  .message = "Closed", .state = PRINT_READY, .accepting = false, .raw = true },
};
static const struct print_dests list = { three, 3 };

static enum pr_cmd press(struct scr_printers *s, bool code, wint_t key)
{
	return scr_printers_do(s, scr_printers_key(s, code, key));
}

static void printers_list_and_choose(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_printers s;

	(void)state;
	scr_printers_init(&s, &utf8_style);
	scr_printers_set(&s, &list, "pdf", false);
	scr_printers_recalc(&s, 24, 80);
	scr_printers_draw(&s, w);
	dump(w, "printers");
	assert_string_equal(row(w, 0), " Printers — where tickets print");
	assert_string_equal(row(w, 1), "  Tickets print on \"pdf\" (the print server's default).");
	assert_non_null(strstr(row(w, 3), "Printer"));
	assert_non_null(strstr(row(w, 4), "escpos"));
	assert_non_null(strstr(row(w, 4), "stopped: Out of paper"));
	assert_non_null(strstr(row(w, 5), "● pdf"));
	assert_non_null(strstr(row(w, 5), "ready"));
	assert_non_null(strstr(row(w, 5), "PDF files (default)"));
	assert_non_null(strstr(row(w, 6), "ready, not accepting jobs: Closed"));
	/* The cursor starts on the current printer; keys move it. */
	assert_string_equal(scr_printers_selected(&s)->name, "pdf");
	assert_int_equal(press(&s, true, KEY_DOWN), PR_NONE);
	assert_string_equal(scr_printers_selected(&s)->name, "zpl");
	assert_int_equal(press(&s, true, KEY_DOWN), PR_NONE); /* stays on the last */
	assert_string_equal(scr_printers_selected(&s)->name, "zpl");
	assert_int_equal(press(&s, false, 'g'), PR_NONE);
	assert_string_equal(scr_printers_selected(&s)->name, "escpos");
	assert_int_equal(press(&s, false, '\r'), PR_CHOOSE);
	assert_int_equal(press(&s, false, 'r'), PR_RELOAD);
	assert_int_equal(press(&s, false, 27), PR_BACK);
	assert_int_equal(press(&s, false, '?'), PR_NONE);
	assert_true(s.help);
	scr_printers_draw(&s, w);
	assert_true(shows(w, "Keys: printers"));
	assert_int_equal(press(&s, false, 'q'), PR_NONE); /* help eats it */
	assert_false(s.help);
	/* The clerk's own choice. */
	scr_printers_set(&s, &list, "zpl", true);
	scr_printers_recalc(&s, 24, 80);
	scr_printers_draw(&s, w);
	assert_string_equal(row(w, 1), "  Tickets print on \"zpl\" (your choice).");
	assert_non_null(strstr(row(w, 6), "● zpl"));
	/* ASCII. */
	s.style = &ascii_style;
	scr_printers_draw(&s, w);
	assert_string_equal(row(w, 0), " Printers - where tickets print");
	assert_non_null(strstr(row(w, 6), "* zpl"));
	delwin(w);
}

static void printers_server_down_and_empty(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_printers s;
	static const struct print_dests none = { NULL, 0 };

	(void)state;
	scr_printers_init(&s, &utf8_style);
	scr_printers_set_down(&s, "The print server is not running (CUPS at /x/cups.sock: no server "
			      "socket). Start it, or ask whoever looks after the printers.");
	scr_printers_recalc(&s, 24, 80);
	scr_printers_draw(&s, w);
	dump(w, "printers down");
	assert_true(shows(w, "The print server is not running"));
	assert_true(shows(w, "r: ask the print server again"));
	assert_null(scr_printers_selected(&s));
	assert_int_equal(press(&s, false, '\r'), PR_NONE);
	assert_non_null(strstr(s.status, "not answering"));
	assert_int_equal(press(&s, false, 'r'), PR_RELOAD);
	/* Up, but no printers set up. */
	scr_printers_set(&s, &none, NULL, false);
	scr_printers_recalc(&s, 24, 80);
	scr_printers_draw(&s, w);
	assert_true(shows(w, "No printer is chosen yet"));
	assert_true(shows(w, "has no printers set up"));
	assert_int_equal(press(&s, false, '\r'), PR_NONE);
	/* Too small. */
	{
		WINDOW *small = newpad(20, 60);
		scr_printers_draw(&s, small);
		assert_true(shows(small, "Terminal too small"));
		delwin(small);
	}
	delwin(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(printers_list_and_choose),
		cmocka_unit_test(printers_server_down_and_empty),
	};

	return cmocka_run_group_tests(tests, start_term, stop_term);
}
