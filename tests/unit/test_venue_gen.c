/* venue_gen: sizes, no duplicate labels, determinism, and the native round
 * trip of each generated venue (the stadium is also the valgrind case). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "venue.h"
#include "venue_gen.h"
#include "venue_native.h"

struct expect {
	enum venue_gen_kind kind;
	size_t sections, min_seats, max_seats;
	int64_t standing;
};

static void check(const struct expect *x)
{
	struct venue *v, *back, *again;
	struct venue_counts c;
	struct venue_msgs m = { 0 };
	struct err e;
	char *one, *two, *three;
	size_t l1, l2, l3;

	assert_non_null(v = venue_gen(x->kind, NULL, &e));
	venue_count(v, &c);
	print_message("# %s: %zu sections, %zu rows, %zu seats, %zu accessible, %lld standing\n",
		      v->name, c.sections, c.rows, c.seats, c.accessible, (long long)c.standing);
	assert_int_equal(c.sections, x->sections);
	assert_in_range(c.seats, x->min_seats, x->max_seats);
	assert_int_equal(c.standing, x->standing);
	assert_true(c.accessible > 0);
	assert_int_equal(venue_clashes(v, &m), 0);
	assert_true(venue_validate(v, &e));
	/* write → read → write: the same bytes */
	assert_non_null(one = venue_native_write(v, &l1, &e));
	if (!venue_native_parse(one, l1, &back, &e))
		fail_msg("%s", e.msg);
	assert_non_null(two = venue_native_write(back, &l2, &e));
	assert_int_equal(l1, l2);
	assert_memory_equal(one, two, l1);
	/* deterministic: a second generation is identical */
	assert_non_null(again = venue_gen(x->kind, NULL, &e));
	assert_non_null(three = venue_native_write(again, &l3, &e));
	assert_int_equal(l1, l3);
	assert_memory_equal(one, three, l1);
	free(one);
	free(two);
	free(three);
	venue_free(&v);
	venue_free(&back);
	venue_free(&again);
	venue_msgs_free(&m);
}

static void theatre(void **state)
{
	static const struct expect x = { VENUE_GEN_THEATRE, 3, 900, 1100, 200 };

	(void)state;
	check(&x);
}

static void arena(void **state)
{
	static const struct expect x = { VENUE_GEN_ARENA, 53, 19000, 22000, 3000 };

	(void)state;
	check(&x);
}

static void stadium(void **state)
{
	static const struct expect x = { VENUE_GEN_STADIUM, 100, 78000, 86000, 0 };

	(void)state;
	check(&x);
}

static void theatre_shape(void **state)
{
	struct venue *v;
	struct err e;
	const struct venue_row *a;

	(void)state;
	assert_non_null(v = venue_gen(VENUE_GEN_THEATRE, "Test Theatre", &e));
	assert_string_equal(v->name, "Test Theatre");
	/* accessible seats are the front row's ends */
	a = &v->sections[0].rows[0];
	assert_string_equal(a->label, "A");
	assert_true(a->seats[0].accessible && a->seats[1].accessible);
	assert_true(a->seats[a->nseats - 1].accessible && a->seats[a->nseats - 2].accessible);
	assert_false(a->seats[2].accessible);
	/* row letters skip I and O */
	for (size_t r = 0; r < v->sections[0].nrows; r++)
		assert_true(strcmp(v->sections[0].rows[r].label, "I") != 0 &&
			    strcmp(v->sections[0].rows[r].label, "O") != 0);
	/* the stage is at the top, above every seat */
	assert_int_equal(v->decorations[0].kind, VENUE_DECO_STAGE);
	for (size_t r = 0; r < v->sections[0].nrows; r++)
		for (size_t k = 0; k < v->sections[0].rows[r].nseats; k++)
			assert_true(v->sections[0].rows[r].seats[k].y >
				    v->decorations[0].y + v->decorations[0].height);
	venue_free(&v);
	assert_null(venue_gen(VENUE_GEN_THEATRE, "", &e));
	assert_non_null(strstr(e.msg, "--name"));
}

static void kinds(void **state)
{
	enum venue_gen_kind k;

	(void)state;
	assert_true(venue_gen_kind_parse("stadium", &k));
	assert_int_equal(k, VENUE_GEN_STADIUM);
	assert_false(venue_gen_kind_parse("circus", &k));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(theatre),
		cmocka_unit_test(arena),
		cmocka_unit_test(stadium),
		cmocka_unit_test(theatre_shape),
		cmocka_unit_test(kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
