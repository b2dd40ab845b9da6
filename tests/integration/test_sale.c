/* The sale module against the real database, as real password logins of the
 * demo data (tests/integration/run.sh sets it up): holds, refusals with their
 * SQLSTATE, order, split tender, recovery, LISTEN/NOTIFY, reconnect. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "money.h"
#include "sale.h"

static struct db *clerk, *super;
static char event_id[UUID_LEN], stalls[UUID_LEN], promenade[UUID_LEN];

static struct db *login(const char *user)
{
	char conninfo[256];
	struct err e;
	struct db *db;

	snprintf(conninfo, sizeof conninfo, "dbname=%s user=%s", getenv("BOXOFFICE_IT_DB"), user);
	db = db_connect(conninfo, &e);
	if (db == NULL)
		fprintf(stderr, "# cannot log in as %s: %s\n", user, e.msg);
	return db;
}

static void text(struct db *db, const char *sql, const char *param, char *buf, size_t size)
{
	const char *params[] = { param };
	struct err e;

	if (!db_query_text(db, sql, param != NULL ? 1 : 0, params, buf, size, &e))
		fail_msg("%s: %s", sql, e.msg);
}

/* The id of the k-th free seat (natural order) of the event's stalls. */
static void free_seat(int k, char out[UUID_LEN])
{
	char sql[400];

	snprintf(sql, sizeof sql,
		 "SELECT seat_id FROM event_seat_map($1) m JOIN sections s ON s.id = m.section_id "
		 "WHERE s.name = 'Stalls' AND m.status = 'AVAILABLE' "
		 "ORDER BY m.row_label, m.number_label OFFSET %d LIMIT 1", k);
	text(clerk, sql, event_id, out, UUID_LEN);
}

static int setup(void **state)
{
	(void)state;
	clerk = login("clerk_a");
	super = login("super_a");
	if (clerk == NULL || super == NULL)
		return -1;
	text(clerk, "SELECT event_id FROM event_overview WHERE title = 'The Tempest'", NULL, event_id,
	     sizeof event_id);
	text(clerk, "SELECT id FROM sections WHERE name = 'Stalls'", NULL, stalls, sizeof stalls);
	text(clerk, "SELECT id FROM sections WHERE name = 'Promenade'", NULL, promenade, sizeof promenade);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close(&clerk);
	db_close(&super);
	return 0;
}

static void tiers_come_with_prices(void **state)
{
	struct tier_list tl;
	const struct tier *t[4];
	struct err e;

	(void)state;
	assert_true(sale_tiers_load(clerk, event_id, &tl, &e));
	assert_int_equal(sale_tiers_of(&tl, stalls, t, 4), 2);
	assert_string_equal(t[0]->name, "Standard");
	assert_int_equal(t[0]->price, 4250);
	assert_int_equal(t[0]->fee, 150);
	assert_string_equal(t[1]->name, "Concession");
	assert_int_equal(t[1]->price, 3000);
	assert_int_equal(sale_tiers_of(&tl, promenade, t, 4), 1);
	assert_int_equal(t[0]->price, 1500);
	sale_tiers_free(&tl);
}

static void hold_refuse_release(void **state)
{
	struct sale mine, theirs;
	char a[UUID_LEN], b[UUID_LEN];
	const char *ids[] = { a, b };
	struct err e;
	int released;

	(void)state;
	free_seat(0, a);
	free_seat(1, b);
	assert_true(sale_start(&mine, event_id, &e));
	assert_true(sale_hold(clerk, &mine, ids, 2, 10, &e));
	assert_int_equal(mine.held, 2);
	assert_true(mine.hold_expires > time(NULL) + 8 * 60);
	assert_true(mine.hold_expires <= time(NULL) + 10 * 60 + 5);

	assert_true(sale_start(&theirs, event_id, &e));
	assert_false(sale_hold(super, &theirs, ids + 1, 1, 10, &e));
	assert_string_equal(e.sqlstate, "BO002");
	assert_non_null(strstr(e.msg, "held by clerk_a"));
	assert_int_equal(theirs.held, 0);

	assert_true(sale_release(clerk, &mine, ids + 1, 1, &released, &e));
	assert_int_equal(released, 1);
	assert_int_equal(mine.held, 1);
	assert_true(sale_hold(super, &theirs, ids + 1, 1, 10, &e));
	assert_true(sale_abandon(super, &theirs, &e));
	assert_true(sale_abandon(clerk, &mine, &e));
	assert_int_equal(mine.state, SALE_CLOSED);
	free_seat(0, b);
	assert_string_equal(a, b); /* the first free seat is free again */
}

static void order_and_split_tender(void **state)
{
	struct sale s, again;
	struct tier_list tl;
	const struct tier *st[2], *ga[1];
	char seat[UUID_LEN];
	const char *ids[] = { seat };
	struct issued tickets;
	struct err e;

	(void)state;
	assert_true(sale_tiers_load(clerk, event_id, &tl, &e));
	sale_tiers_of(&tl, stalls, st, 2);
	sale_tiers_of(&tl, promenade, ga, 1);
	free_seat(0, seat);
	assert_true(sale_start(&s, event_id, &e));
	assert_true(sale_hold(clerk, &s, ids, 1, 10, &e));
	{
		struct sale_item items[] = { { seat, st[0]->id, 1 }, { NULL, ga[0]->id, 2 } };
		struct customer c = { "Ada Lovelace", "ada@example.org", NULL };

		assert_true(sale_order(clerk, &s, items, 2, &c, 10, &e));
		assert_int_equal(s.state, SALE_ORDERED);
		assert_int_equal(s.total, 4250 + 150 + 2 * (1500 + 50));
		assert_int_equal(s.fees, 150 + 2 * 50);
		/* a retry of the same order changes nothing */
		assert_true(sale_order(clerk, &s, items, 2, &c, 10, &e));
		assert_int_equal(s.total, 7500);
	}
	{
		struct payment short_pay[] = { { PAY_CASH, 7000, 7000, NULL, NULL } };

		assert_false(sale_pay(clerk, &s, short_pay, 1, &tickets, &e));
		assert_string_equal(e.sqlstate, "BO004");
		assert_non_null(strstr(e.msg, "70.00"));
		assert_int_equal(s.state, SALE_ORDERED);
	}
	{
		struct payment comp[] = { { PAY_COMP, 7500, 0, NULL, "friend" } };

		assert_false(sale_pay(clerk, &s, comp, 1, &tickets, &e));
		assert_string_equal(e.sqlstate, "BO005");
	}
	{
		struct payment split[] = { { PAY_CASH, 5000, 6000, NULL, NULL },
					   { PAY_CARD, 2500, 0, "T-4711", NULL } };

		assert_int_equal(sale_change_due(split, 2), 1000);
		assert_true(sale_pay(clerk, &s, split, 2, &tickets, &e));
		assert_int_equal(s.state, SALE_PAID);
		assert_int_equal(tickets.n, 3);
		for (size_t i = 0; i < tickets.n; i++)
			assert_int_equal(strlen(tickets.items[i].token), 40);
		assert_string_equal(tickets.items[0].seat_id, seat);
		assert_string_equal(tickets.items[1].seat_id, "");
		sale_issued_free(&tickets);
	}
	memcpy(&again, &s, sizeof again);
	again.state = SALE_SELECTING;
	assert_true(sale_recover(clerk, &again, &e));
	assert_int_equal(again.state, SALE_PAID);
	{
		char status[16];

		text(clerk, "SELECT status FROM event_seat_map($1) WHERE status = 'SOLD' LIMIT 1", event_id,
		     status, sizeof status);
		assert_string_equal(status, "SOLD");
	}
	sale_tiers_free(&tl);
}

static bool wait_notification(struct db *db, char *payload, size_t size)
{
	struct err e;

	for (int i = 0; i < 50; i++) {
		struct pollfd p = { db_socket(db), POLLIN, 0 };
		int r = db_notification(db, payload, size);

		if (r != 0)
			return r == 1;
		if (poll(&p, 1, 100) > 0 && !db_consume(db, &e))
			return false;
	}
	return false;
}

static void other_clerks_changes_are_announced(void **state)
{
	struct sale s;
	char seat[UUID_LEN], payload[DB_PAYLOAD_MAX];
	const char *ids[] = { seat };
	struct err e;

	(void)state;
	assert_true(db_listen(clerk, "boxoffice_event", &e));
	while (db_notification(clerk, payload, sizeof payload) != 0)
		;
	free_seat(3, seat);
	assert_true(sale_start(&s, event_id, &e));
	assert_true(sale_hold(super, &s, ids, 1, 10, &e));
	assert_true(wait_notification(clerk, payload, sizeof payload));
	assert_string_equal(payload, event_id);
	assert_true(sale_abandon(super, &s, &e));
	assert_true(wait_notification(clerk, payload, sizeof payload));
	assert_string_equal(payload, event_id);
}

static void a_lost_connection_is_taken_up_again(void **state)
{
	struct sale s;
	char seat[UUID_LEN], pid[32], payload[DB_PAYLOAD_MAX];
	const char *ids[] = { seat };
	const char *params[1];
	struct err e;

	(void)state;
	free_seat(0, seat);
	assert_true(sale_start(&s, event_id, &e));
	assert_true(sale_hold(clerk, &s, ids, 1, 10, &e));
	text(clerk, "SELECT pg_backend_pid()::text", NULL, pid, sizeof pid);
	{
		struct db *other = login("clerk_a");

		params[0] = pid;
		assert_non_null(other);
		assert_true(db_exec(other, "SELECT pg_terminate_backend($1::integer)", 1, params, &e));
		db_close(&other);
	}
	assert_false(db_exec(clerk, "SELECT 1", 0, NULL, &e));
	assert_int_equal(e.code, ERR_CONNECT);
	assert_false(db_connected(clerk));
	assert_true(db_reconnect(clerk, &e));
	assert_true(db_connected(clerk));
	assert_int_equal(db_notification(clerk, payload, sizeof payload), -1); /* re-read all */
	s.held = 0;
	assert_true(sale_recover(clerk, &s, &e));
	assert_int_equal(s.state, SALE_SELECTING);
	assert_int_equal(s.held, 1); /* the hold survived the lost session */
	assert_true(sale_abandon(clerk, &s, &e));
	assert_int_equal(s.held, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tiers_come_with_prices),
		cmocka_unit_test(hold_refuse_release),
		cmocka_unit_test(order_and_split_tender),
		cmocka_unit_test(other_clerks_changes_are_announced),
		cmocka_unit_test(a_lost_connection_is_taken_up_again),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
