/* libFuzzer harness for the native reader (json_in + venue_native + venue).
 * Besides "no crash, no leak, no undefined behaviour" it checks properties:
 * a refusal always says why; whatever is accepted writes out as a document
 * that reads back and writes out to the same bytes; resolving clashes
 * leaves none. */
#include "json_in.h"
#include "venue.h"
#include "venue_native.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void must(bool ok, const char *what, const struct err *e)
{
	if (!ok) {
		fprintf(stderr, "fuzz_native: %s: %s\n", what, e->msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct venue *v = NULL, *back = NULL;
	struct venue_msgs m = { 0 };
	struct err e;
	char *one, *two;
	size_t l1, l2;

	err_clear(&e);
	if (!venue_native_parse((const char *)data, size, &v, &e)) {
		must(e.msg[0] != '\0' && v == NULL, "a refusal without a message", &e);
		return 0;
	}
	one = venue_native_write(v, &l1, &e);
	must(one != NULL, "write", &e);
	if (l1 > JSON_IN_MAX_BYTES) { /* written text may be longer than the input */
		free(one);
		venue_free(&v);
		return 0;
	}
	must(venue_native_parse(one, l1, &back, &e), "reading what was written", &e);
	two = venue_native_write(back, &l2, &e);
	must(two != NULL && l1 == l2 && memcmp(one, two, l1) == 0, "write → read → write differs",
	     &e);
	if (venue_clashes(v, &m) > 0 && venue_make_unique(v, NULL, &e)) {
		venue_msgs_free(&m);
		must(venue_clashes(v, &m) == 0, "clashes left after --unique-labels", &e);
	}
	venue_msgs_free(&m);
	free(one);
	free(two);
	venue_free(&v);
	venue_free(&back);
	return 0;
}
