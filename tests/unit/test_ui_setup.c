/* The event set-up screen at 80x24 with handmade events, sections and tiers:
 * the list with statuses, an event's sections and the prices of the section
 * under the cursor, the forms (new event, capacity, tier) and what they say
 * about wrong input, the questions, ASCII mode; and setup.c's pure parts
 * (the typed start, statuses, lookups). Drawn into pads on a headless
 * terminal and read back. DUMP_SCREENS=1 prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scr_setup.h"
#include "term_harness.h"

#define CTRL(c) ((c) & 0x1f)

static const struct ui_style utf8_style = { .ascii = false, .color = false };
static const struct ui_style ascii_style = { .ascii = true, .color = false };

static time_t utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi;
	return timegm(&tm);
}

/* ---- fixtures ---- */

static struct setup_event event_items[3];
static struct setup_events events = { event_items, 3 };
static struct setup_venue venue_items[] = {
	{ .id = "v1", .name = "Lyric Theatre", .sections = 3, .seats = 1040, .ga_capacity = 200 },
	{ .id = "v2", .name = "Studio", .sections = 1, .seats = 0, .ga_capacity = 80 },
};
static struct setup_venues venues = { venue_items, 2 };
static struct setup_section sections[] = {
	{ .id = "s1", .name = "Stalls", .general = false, .in_event = true, .active = true,
	  .venue_capacity = 620, .override = -1, .capacity = 620, .sold = 40, .held = 2, .killed = 4 },
	{ .id = "s2", .name = "Balcony", .general = false, .in_event = true, .active = false,
	  .venue_capacity = 420, .override = -1, .capacity = 420 },
	{ .id = "s3", .name = "Promenade", .general = true, .in_event = true, .active = true,
	  .venue_capacity = 200, .override = 150, .capacity = 150, .sold = 60, .held = 3 },
};
static struct setup_tier tiers[] = {
	{ .id = "t1", .section_id = "s1", .name = "Concession", .price = 3000, .fee = 150, .sold = 5 },
	{ .id = "t2", .section_id = "s1", .name = "Standard", .price = 4250, .fee = 150, .sold = 35 },
	{ .id = "t3", .section_id = "s3", .name = "Standing", .price = 1500, .fee = 50, .sold = 60 },
};

static void fixtures(void)
{
	event_items[0] = (struct setup_event){ .id = "e3", .title = "King Lear", .venue = "Lyric Theatre",
					       .start = utc(2026, 11, 20, 19, 30), .status = SETUP_CLOSED };
	event_items[1] = (struct setup_event){ .id = "e1", .title = "The Tempest", .venue = "Lyric Theatre",
					       .start = utc(2026, 11, 27, 19, 30), .status = SETUP_PUBLISHED };
	event_items[2] = (struct setup_event){ .id = "e2", .title = "Hamlet (in rehearsal)",
					       .venue = "Lyric Theatre", .start = utc(2026, 12, 25, 19, 30),
					       .status = SETUP_DRAFT };
}

static struct setup_detail detail(enum setup_status st)
{
	struct setup_detail d;

	memset(&d, 0, sizeof d);
	d.event = event_items[1];
	d.event.status = st;
	d.sections = sections, d.nsections = 3;
	d.tiers = tiers, d.ntiers = 3;
	return d;
}

static enum su_cmd press(struct scr_setup *s, bool code, wint_t key)
{
	return scr_setup_do(s, scr_setup_key(s, code, key), code, key);
}

static void type(struct scr_setup *s, const char *text)
{
	for (const char *p = text; *p; p++)
		press(s, false, (wint_t)(unsigned char)*p);
}

static void draw(struct scr_setup *s, WINDOW *w, const char *name)
{
	scr_setup_recalc(s, 24, 80);
	scr_setup_draw(s, w);
	dump(w, name);
}

/* ---- the list ---- */

static void list_statuses(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_setup s;

	(void)state;
	fixtures();
	scr_setup_init(&s, &utf8_style, "super_a", "Lyric Theatre Company");
	scr_setup_set_events(&s, &events, "e1");
	scr_setup_message(&s, "3 events: Enter opens one, n makes a new one.", false);
	draw(&s, w, "list utf8");
	assert_string_equal(row(w, 0), " Event set-up — super_a @ Lyric Theatre Company");
	assert_string_equal(row(w, 1), " Date              Event                             Venue            Status");
	assert_string_equal(row(w, 2), " Fri 20 Nov 19:30  King Lear                         Lyric Theatre    CLOSED");
	assert_string_equal(row(w, 3), " Fri 27 Nov 19:30  The Tempest                       Lyric Theatre    ON SALE");
	assert_string_equal(row(w, 4), " Fri 25 Dec 19:30  Hamlet (in rehearsal)             Lyric Theatre    DRAFT");
	assert_string_equal(row(w, 21), " 3 events: Enter opens one, n makes a new one.");
	assert_string_equal(row(w, 23), " ↑↓ move  Enter open  n new event  r read again  Esc back  ? help");
	/* the cursor starts on the event asked for */
	assert_string_equal(scr_setup_current_event(&s)->id, "e1");
	assert_int_equal(press(&s, true, KEY_DOWN), SU_NONE);
	assert_string_equal(scr_setup_current_event(&s)->id, "e2");
	assert_int_equal(press(&s, false, '\r'), SU_APP_OPEN);
	assert_int_equal(press(&s, false, 'n'), SU_APP_VENUES);
	assert_int_equal(press(&s, false, 'r'), SU_APP_RELOAD);
	assert_int_equal(press(&s, false, 27), SU_APP_LEAVE);
	assert_int_equal(press(&s, false, ' '), SU_NONE); /* no toggling on the list */
	assert_int_equal(press(&s, false, '?'), SU_NONE);
	draw(&s, w, "list help");
	assert_true(shows(w, "Keys: event set-up"));
	assert_int_equal(press(&s, false, 27), SU_NONE); /* help eats it */
	assert_false(s.help);
	/* the list read again keeps the cursor on the same event */
	event_items[0] = event_items[2];
	event_items[2].id[1] = '9';
	scr_setup_set_events(&s, &events, NULL);
	assert_string_equal(scr_setup_current_event(&s)->id, "e2");
	/* nothing to show */
	{
		struct setup_events none = { NULL, 0 };
		scr_setup_set_events(&s, &none, NULL);
		draw(&s, w, "list empty");
		assert_true(shows(w, "No events from the last 7 days on: n makes one."));
		assert_int_equal(press(&s, false, '\n'), SU_NONE);
		assert_int_equal(press(&s, true, KEY_DOWN), SU_NONE);
	}
	/* too small */
	{
		WINDOW *small = newpad(20, 60);
		scr_setup_draw(&s, small);
		assert_true(shows(small, "Terminal too small"));
		delwin(small);
	}
	delwin(w);
}

static void list_ascii(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_setup s;

	(void)state;
	fixtures();
	scr_setup_init(&s, &ascii_style, "super_a", "Lyric Theatre Company");
	scr_setup_set_events(&s, &events, NULL);
	draw(&s, w, "list ascii");
	assert_string_equal(row(w, 0), " Event set-up - super_a @ Lyric Theatre Company");
	assert_non_null(strstr(row(w, 3), "ON SALE"));
	assert_string_equal(row(w, 23), " Up/Down move  Enter open  n new event  r read again  Esc back  ? help");
	all_ascii(w);
	delwin(w);
}

/* ---- one event ---- */

static void event_table(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct setup_detail d = detail(SETUP_PUBLISHED);
	struct scr_setup s;
	bool active;
	int cap;

	(void)state;
	fixtures();
	scr_setup_init(&s, &utf8_style, "super_a", "Lyric Theatre Company");
	scr_setup_set_events(&s, &events, "e1");
	scr_setup_open_event(&s, &d);
	draw(&s, w, "event utf8");
	assert_string_equal(row(w, 0), " Set-up — The Tempest · Fri 27 Nov 19:30"
			    "                                ON SALE");
	assert_string_equal(row(w, 1), " Lyric Theatre — On sale. x closes sales (orders waiting for payment can still…");
	assert_string_equal(row(w, 2), " Section              Type   On sale           Capacity    Sold    Held    Free");
	assert_string_equal(row(w, 3), " Stalls               seats  yes                    620      40       2     574");
	assert_string_equal(row(w, 4), " Balcony              seats  no                     420       0       0     420");
	assert_string_equal(row(w, 5), " Promenade            GA     yes        150 (venue 200)      60       3      87");
	assert_string_equal(row(w, 7), " Prices in Stalls                                  Price      Fee         Sold");
	assert_string_equal(row(w, 8), "   Concession                                      30.00     1.50            5");
	assert_string_equal(row(w, 9), "   Standard                                        42.50     1.50           35");
	assert_string_equal(row(w, 23), " ↑↓  Space on/off  c capacity  t price  Tab prices  p publish  x close  Esc  ?");
	/* Space asks the app to take Stalls off sale, keeping its capacity */
	assert_int_equal(press(&s, false, ' '), SU_APP_SECTION);
	scr_setup_section_values(&s, &active, &cap);
	assert_false(active);
	assert_int_equal(cap, -1);
	/* the prices follow the cursor */
	press(&s, true, KEY_DOWN);
	draw(&s, w, "event balcony");
	assert_string_equal(row(w, 7), " Prices in Balcony (not on sale)                   Price      Fee         Sold");
	assert_string_equal(row(w, 8), "   No price yet: t adds one (a tier: name, price, fee).");
	assert_int_equal(press(&s, false, ' '), SU_APP_SECTION);
	scr_setup_section_values(&s, &active, &cap);
	assert_true(active);
	press(&s, false, '\t');
	draw(&s, w, "balcony no prices");
	assert_string_equal(row(w, 21), " No price in Balcony yet: t adds one.");
	press(&s, true, KEY_DOWN);
	assert_string_equal(scr_setup_current_section(&s)->name, "Promenade");
	assert_int_equal(press(&s, false, ' '), SU_APP_SECTION);
	scr_setup_section_values(&s, &active, &cap);
	assert_false(active);
	assert_int_equal(cap, 150); /* the override stays */
	draw(&s, w, "promenade");
	assert_string_equal(row(w, 8), "   Standing                                        15.00     0.50           60");
	/* read again (a NOTIFY): the cursor stays on Promenade */
	{
		struct setup_detail again = d;
		struct setup_section moved[3] = { sections[2], sections[0], sections[1] };
		again.sections = moved;
		scr_setup_set_detail(&s, &again);
		assert_string_equal(scr_setup_current_section(&s)->name, "Promenade");
		assert_int_equal(s.sec_cursor, 0);
		scr_setup_set_detail(&s, &d);
	}
	assert_int_equal(press(&s, false, 'p'), SU_APP_PUBLISH);
	assert_int_equal(press(&s, false, 'r'), SU_APP_RELOAD);
	assert_int_equal(press(&s, false, 27), SU_APP_LIST);
	assert_int_equal(press(&s, false, '?'), SU_NONE);
	draw(&s, w, "event help");
	assert_true(shows(w, "Keys: an event's set-up"));
	press(&s, false, 'x');
	/* a long refusal wraps over the two message rows */
	scr_setup_message(&s, "Not taken off sale: Stalls cannot be taken out of the event: 40 live tickets, "
			  "2 held", true);
	draw(&s, w, "refusal");
	assert_string_equal(row(w, 21), " Not taken off sale: Stalls cannot be taken out of the event: 40 live tickets,");
	assert_string_equal(row(w, 22), " 2 held");
	delwin(w);
}

static void event_ascii_draft(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct setup_detail d = detail(SETUP_DRAFT);
	struct scr_setup s;

	(void)state;
	fixtures();
	scr_setup_init(&s, &ascii_style, "super_a", "Lyric Theatre Company");
	scr_setup_open_event(&s, &d);
	draw(&s, w, "event ascii draft");
	assert_string_equal(row(w, 0), " Set-up - The Tempest - Fri 27 Nov 19:30"
			    "                                  DRAFT");
	assert_string_equal(row(w, 1), " Lyric Theatre - Draft, not on sale: set the sections and prices, then p publi~");
	assert_string_equal(row(w, 23), " Up/Dn  Space on/off  c capacity  t price  Tab prices  p publish  x close  Esc ?");
	all_ascii(w);
	/* a draft has no sales to close */
	assert_int_equal(press(&s, false, 'x'), SU_NONE);
	assert_int_equal(s.form, SU_FORM_NONE);
	draw(&s, w, "draft close");
	assert_string_equal(row(w, 21), " A draft is not on sale: there are no sales to close.");
	delwin(w);
}

/* ---- forms ---- */

static void capacity_form(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct setup_detail d = detail(SETUP_PUBLISHED);
	struct scr_setup s;
	bool active;
	int cap, y;

	(void)state;
	fixtures();
	scr_setup_init(&s, &utf8_style, "super_a", "Lyric Theatre Company");
	scr_setup_open_event(&s, &d);
	/* numbered seats are their own capacity */
	assert_int_equal(press(&s, false, 'c'), SU_NONE);
	assert_int_equal(s.form, SU_FORM_NONE);
	draw(&s, w, "capacity numbered");
	assert_string_equal(row(w, 21), " Stalls has numbered seats: its seats are its capacity. Take seats off sale");
	assert_string_equal(row(w, 22), " instead (kill).");
	press(&s, true, KEY_END);
	assert_int_equal(press(&s, false, 'c'), SU_NONE);
	assert_int_equal(s.form, SU_FORM_CAPACITY);
	draw(&s, w, "capacity form");
	y = find(w, "Capacity of Promenade for this event");
	assert_true(y > 5);
	assert_non_null(strstr(row(w, y + 2), "Capacity   150"));
	assert_true(shows(w, "Empty: the venue's 200. Sold or held now: 63."));
	assert_string_equal(row(w, 23), " type  Tab/↑↓ field  ^U clear  Enter save  Esc cancel  F1 help");
	/* the prefilled value goes at the first key typed */
	type(&s, "1x");
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "capacity wrong");
	assert_string_equal(row(w, 21), " Type the capacity as a whole number (e.g. 150), or leave it empty for the");
	assert_string_equal(row(w, 22), " venue's 200.");
	press(&s, false, 0x7f);
	type(&s, "0");
	assert_int_equal(press(&s, false, '\r'), SU_APP_SECTION);
	scr_setup_section_values(&s, &active, &cap);
	assert_true(active);
	assert_int_equal(cap, 10);
	assert_int_equal(s.form, SU_FORM_CAPACITY); /* open until the app says it worked */
	press(&s, false, CTRL('u'));
	assert_int_equal(press(&s, false, '\n'), SU_APP_SECTION);
	scr_setup_section_values(&s, &active, &cap);
	assert_int_equal(cap, -1); /* empty: the venue's */
	type(&s, "99999999999");
	assert_int_equal(press(&s, false, '\n'), SU_NONE);
	scr_setup_form_done(&s);
	assert_int_equal(s.form, SU_FORM_NONE);
	press(&s, false, 'c');
	assert_int_equal(press(&s, false, 27), SU_NONE);
	assert_int_equal(s.form, SU_FORM_NONE);
	delwin(w);
}

static void tier_form(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct setup_detail d = detail(SETUP_PUBLISHED);
	struct scr_setup s;
	const char *name;
	int64_t price, fee;
	int y;

	(void)state;
	fixtures();
	scr_setup_init(&s, &utf8_style, "super_a", "Lyric Theatre Company");
	scr_setup_open_event(&s, &d);
	assert_int_equal(press(&s, false, 't'), SU_NONE);
	assert_int_equal(s.form, SU_FORM_TIER);
	draw(&s, w, "tier form");
	y = find(w, "Price tier in Stalls");
	assert_true(y > 5);
	assert_non_null(strstr(row(w, y + 2), "  Name  "));
	assert_non_null(strstr(row(w, y + 3), "  Price  "));
	assert_non_null(strstr(row(w, y + 4), "  Fee  "));
	assert_true(shows(w, "An existing name changes that tier; tickets sold keep their price."));
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "tier no name");
	assert_string_equal(row(w, 21), " Type the tier's name (e.g. Standard, Concession).");
	type(&s, "  Student ");
	press(&s, false, '\t');
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "tier no price");
	assert_string_equal(row(w, 21), " Type the price (e.g. 42.50).");
	type(&s, "12.345");
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "tier bad price");
	assert_string_equal(row(w, 21), " Price: \"12.345\" has more than two decimals.");
	assert_int_equal(s.focus, 1);
	press(&s, false, 0x7f);
	assert_int_equal(press(&s, false, '\r'), SU_APP_TIER);
	scr_setup_tier_values(&s, &name, &price, &fee);
	assert_string_equal(name, "Student");
	assert_int_equal(price, 1234);
	assert_int_equal(fee, 0);
	press(&s, false, '\t');
	type(&s, "abc");
	assert_string_equal(field_text(&s.f[2]), ""); /* amount fields take no letters */
	type(&s, "1,000.5");
	assert_int_equal(press(&s, false, '\r'), SU_APP_TIER);
	scr_setup_tier_values(&s, &name, &price, &fee);
	assert_int_equal(fee, 100050);
	scr_setup_form_done(&s);
	/* Enter on a price changes it: the form comes filled, the price focused */
	press(&s, false, '\t');
	assert_true(s.tiers_focus);
	draw(&s, w, "tiers focus");
	assert_string_equal(row(w, 23), " ↑↓  Enter/t change  d delete  Tab sections  p publish  x close  Esc  ? help");
	press(&s, true, KEY_DOWN);
	assert_string_equal(scr_setup_current_tier(&s)->name, "Standard");
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	assert_int_equal(s.form, SU_FORM_TIER);
	assert_int_equal(s.focus, 1);
	draw(&s, w, "tier change");
	y = find(w, "Price tier in Stalls");
	assert_non_null(strstr(row(w, y + 2), "Name       Standard"));
	assert_non_null(strstr(row(w, y + 3), "Price      42.50"));
	assert_non_null(strstr(row(w, y + 4), "Fee        1.50"));
	type(&s, "45");
	assert_int_equal(press(&s, false, '\r'), SU_APP_TIER);
	scr_setup_tier_values(&s, &name, &price, &fee);
	assert_string_equal(name, "Standard");
	assert_int_equal(price, 4500);
	assert_int_equal(fee, 150);
	scr_setup_form_done(&s);
	/* d asks, naming the tier; y is the app's */
	assert_int_equal(press(&s, false, 'd'), SU_NONE);
	assert_int_equal(s.form, SU_ASK_DELETE);
	draw(&s, w, "delete ask");
	assert_true(shows(w, "Delete the price tier \"Standard\" of Stalls?"));
	assert_true(shows(w, "(42.50 + fee 1.50; refused while tickets use it)"));
	assert_string_equal(row(w, 23), " y yes  n no");
	assert_int_equal(press(&s, false, 'n'), SU_NONE);
	assert_int_equal(s.form, SU_FORM_NONE);
	press(&s, false, 'd');
	assert_int_equal(press(&s, false, 'y'), SU_APP_DELETE);
	assert_string_equal(scr_setup_current_tier(&s)->id, "t2");
	/* a saved tier gets the cursor */
	press(&s, false, '\t');
	assert_false(s.tiers_focus);
	scr_setup_select_tier(&s, "t1");
	assert_true(s.tiers_focus);
	assert_string_equal(scr_setup_current_tier(&s)->name, "Concession");
	/* x asks before closing sales */
	assert_int_equal(press(&s, false, 'x'), SU_NONE);
	draw(&s, w, "close ask");
	assert_true(shows(w, "Close sales of The Tempest?"));
	assert_int_equal(press(&s, false, 'Y'), SU_APP_CLOSE);
	assert_int_equal(s.form, SU_FORM_NONE);
	delwin(w);
}

static void new_event_form(void **state)
{
	WINDOW *w = newpad(24, 80);
	struct scr_setup s;
	const struct setup_venue *v;
	const char *title;
	time_t start;
	int y;

	(void)state;
	fixtures();
	scr_setup_init(&s, &ascii_style, "super_a", "Lyric Theatre Company");
	scr_setup_set_events(&s, &events, NULL);
	scr_setup_new_form(&s); /* no venues read */
	assert_int_equal(s.form, SU_FORM_NONE);
	draw(&s, w, "no venues");
	assert_true(shows(w, "There is no venue to put an event on"));
	scr_setup_set_venues(&s, &venues);
	scr_setup_new_form(&s);
	assert_int_equal(s.form, SU_FORM_NEW);
	draw(&s, w, "new event");
	y = find(w, "New event (a draft until published)");
	assert_true(y > 2);
	assert_non_null(strstr(row(w, y + 2), "Venue      < Lyric Theatre > 3 sections, 1,040 seats, 200 standing"));
	assert_non_null(strstr(row(w, y + 3), "Title"));
	assert_non_null(strstr(row(w, y + 4), "Starts"));
	assert_true(shows(w, "Starts: YYYY-MM-DD HH:MM, local time. Left/Right on Venue: another."));
	assert_string_equal(row(w, 23), " Tab/Up/Down field  Left/Right venue  Enter create  Esc cancel  F1 help");
	all_ascii(w);
	/* the title has the focus; Up goes to the venue, Right picks another */
	assert_int_equal(s.focus, 1);
	press(&s, true, KEY_UP);
	press(&s, true, KEY_RIGHT);
	draw(&s, w, "venue 2");
	assert_true(shows(w, "< Studio > 1 sections, 0 seats, 80 standing"));
	press(&s, true, KEY_RIGHT);
	assert_int_equal(s.venue, 0); /* round again */
	press(&s, true, KEY_LEFT);
	assert_int_equal(s.venue, 1);
	press(&s, false, ' ');
	assert_int_equal(s.venue, 0);
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "no title");
	assert_string_equal(row(w, 21), " Type the event's title.");
	assert_int_equal(s.focus, 1);
	type(&s, "Pericles");
	press(&s, false, '\t');
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "no start");
	assert_string_equal(row(w, 21), " No start date and time: type it as YYYY-MM-DD HH:MM, e.g. 2026-12-24 19:30.");
	type(&s, "tomorrow");
	press(&s, false, '\r');
	draw(&s, w, "bad start");
	assert_string_equal(row(w, 21), " \"tomorrow\" is not a date and time: type it as YYYY-MM-DD HH:MM, e.g.");
	assert_string_equal(row(w, 22), " 2026-12-24 19:30.");
	press(&s, false, CTRL('u'));
	type(&s, "2026-02-30 19:30");
	press(&s, false, '\r');
	draw(&s, w, "no such day");
	assert_string_equal(row(w, 21), " 2026-02-30 is not a day: that month has 28 days.");
	press(&s, false, CTRL('u'));
	type(&s, "2030-06-01 24:00");
	press(&s, false, '\r');
	draw(&s, w, "no such time");
	assert_string_equal(row(w, 21), " 24:00 is not a time of day (00:00 to 23:59).");
	press(&s, false, CTRL('u'));
	type(&s, "2001-06-01 19:30");
	press(&s, false, '\r');
	draw(&s, w, "past");
	assert_string_equal(row(w, 21), " Fri 1 Jun 19:30 is in the past: the start must be later than now.");
	press(&s, false, CTRL('u'));
	type(&s, "2099-12-24 19:30");
	assert_int_equal(press(&s, false, '\r'), SU_APP_CREATE);
	scr_setup_new_values(&s, &v, &title, &start);
	assert_string_equal(v->id, "v1");
	assert_string_equal(title, "Pericles");
	assert_int_equal((long long)start, (long long)utc(2099, 12, 24, 19, 30));
	/* a title over 200 characters */
	press(&s, true, KEY_UP);
	for (int i = 0; i < 210; i++)
		press(&s, false, 'x');
	assert_int_equal(press(&s, false, '\r'), SU_NONE);
	draw(&s, w, "long title");
	assert_string_equal(row(w, 21), " A title has at most 200 characters; this one has 218.");
	assert_int_equal(press(&s, false, 27), SU_NONE);
	assert_int_equal(s.form, SU_FORM_NONE);
	delwin(w);
}

/* ---- setup.c, pure ---- */

static void parse_start(void **state)
{
	time_t t;
	struct err e;

	(void)state;
	assert_true(setup_parse_start("2026-12-24 19:30", &t, &e));
	assert_int_equal((long long)t, (long long)utc(2026, 12, 24, 19, 30));
	assert_true(setup_parse_start(" 2028-02-29T9:05 ", &t, &e));
	assert_int_equal((long long)t, (long long)utc(2028, 2, 29, 9, 5));
	assert_false(setup_parse_start("2027-02-29 10:00", &t, &e));
	assert_string_equal(e.msg, "2027-02-29 is not a day: that month has 28 days.");
	assert_false(setup_parse_start("2027-13-01 10:00", &t, &e));
	assert_string_equal(e.msg, "There is no month 13: months go from 01 to 12.");
	assert_false(setup_parse_start("2027-01-01", &t, &e));
	assert_string_equal(e.msg, "\"2027-01-01\" is not a date and time: type it as YYYY-MM-DD HH:MM, "
			    "e.g. 2026-12-24 19:30.");
	assert_false(setup_parse_start("2027-01-01 10", &t, &e));
	assert_non_null(strstr(e.msg, "has no time of day"));
	assert_false(setup_parse_start("2027-01-01 10:00 tomorrow", &t, &e));
	assert_false(setup_parse_start("-2027-01-01 10:00", &t, &e));
	assert_false(setup_parse_start("", &t, &e));
	assert_false(setup_parse_start(NULL, &t, &e));
	assert_false(setup_parse_start("1969-12-31 23:59", &t, &e));
	assert_string_equal(e.msg, "The year 1969 is out of range.");
	/* the night the clocks go forward, 01:30 does not exist in London */
	if (access("/usr/share/zoneinfo/Europe/London", R_OK) == 0) {
		setenv("TZ", "Europe/London", 1);
		tzset();
		assert_false(setup_parse_start("2026-03-29 01:30", &t, &e));
		assert_string_equal(e.msg, "01:30 does not exist on 2026-03-29 here: the clocks change "
				    "that night.");
		assert_true(setup_parse_start("2026-07-01 19:30", &t, &e));
		assert_int_equal((long long)t, (long long)utc(2026, 7, 1, 18, 30)); /* BST */
		setenv("TZ", "UTC", 1);
		tzset();
	}
}

static void pure_helpers(void **state)
{
	struct setup_detail d = detail(SETUP_DRAFT);
	const struct setup_tier *t[4];
	enum setup_status st;

	(void)state;
	assert_string_equal(setup_status_text(SETUP_DRAFT), "DRAFT");
	assert_string_equal(setup_status_text(SETUP_PUBLISHED), "ON SALE");
	assert_string_equal(setup_status_text(SETUP_CLOSED), "CLOSED");
	assert_string_equal(setup_status_name(SETUP_PUBLISHED), "PUBLISHED");
	assert_true(setup_status_parse("CLOSED", &st));
	assert_int_equal(st, SETUP_CLOSED);
	assert_false(setup_status_parse("closed", &st));
	assert_int_equal(setup_chars("Königin"), 7);
	assert_int_equal(setup_find_section(&d, "promenade"), 2);
	assert_int_equal(setup_find_section(&d, "s2"), 1);
	assert_int_equal(setup_find_section(&d, "Circle"), -1);
	assert_int_equal(setup_tiers_of(&d, "s1", t, 4), 2);
	assert_string_equal(t[1]->name, "Standard");
	assert_int_equal(setup_tiers_of(&d, "s2", t, 4), 0);
	assert_int_equal(setup_tiers_of(&d, "s1", NULL, 0), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_statuses),
		cmocka_unit_test(list_ascii),
		cmocka_unit_test(event_table),
		cmocka_unit_test(event_ascii_draft),
		cmocka_unit_test(capacity_form),
		cmocka_unit_test(tier_form),
		cmocka_unit_test(new_event_form),
		cmocka_unit_test(parse_start),
		cmocka_unit_test(pure_helpers),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, start_term, stop_term);
}
