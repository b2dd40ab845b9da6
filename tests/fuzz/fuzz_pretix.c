/* libFuzzer harness for the pretix reader (json_in + pretix + venue).
 * Properties besides "no crash": a refusal always says why; a plan that
 * reads, once named and with clashes resolved, is a valid native venue —
 * its native document reads back (the importer never hands the database
 * something the native rules refuse). */
#include "json_in.h"
#include "pretix.h"
#include "venue.h"
#include "venue_native.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void must(bool ok, const char *what, const struct err *e)
{
	if (!ok) {
		fprintf(stderr, "fuzz_pretix: %s: %s\n", what, e->msg);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct venue *v = NULL, *back = NULL;
	struct venue_msgs warn = { 0 }, clashes = { 0 };
	struct err e;
	char *doc;
	size_t len;

	err_clear(&e);
	if (!pretix_parse((const char *)data, size, &v, &warn, &e)) {
		must(e.msg[0] != '\0' && v == NULL, "a refusal without a message", &e);
		venue_msgs_free(&warn);
		return 0;
	}
	if (v->name == NULL)
		must(venue_set_name(v, "Fuzz", &e), "name", &e);
	if ((venue_clashes(v, &clashes) == 0 || venue_make_unique(v, &warn, &e)) &&
	    venue_validate(v, &e)) {
		doc = venue_native_write(v, &len, &e);
		must(doc != NULL, "write", &e);
		must(len > JSON_IN_MAX_BYTES || venue_native_parse(doc, len, &back, &e),
		     "the native reader refuses what the pretix reader made", &e);
		free(doc);
	}
	venue_msgs_free(&warn);
	venue_msgs_free(&clashes);
	venue_free(&v);
	venue_free(&back);
	return 0;
}
