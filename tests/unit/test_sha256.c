/* sha256: the FIPS 180-4 / NIST example vectors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sha256.h"

static void empty(void **state)
{
	char hex[SHA256_HEX_SIZE];

	(void)state;
	sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void abc(void **state)
{
	char hex[SHA256_HEX_SIZE];

	(void)state;
	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void two_blocks_448_bits(void **state)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[SHA256_HEX_SIZE];

	(void)state;
	assert_int_equal(strlen(m) * 8, 448);
	sha256_hex(m, strlen(m), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void million_a_in_odd_pieces(void **state)
{
	struct sha256 s;
	uint8_t d[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE], chunk[997];
	size_t left = 1000000;

	(void)state;
	memset(chunk, 'a', sizeof chunk);
	sha256_init(&s);
	/* 997 does not divide 64: exercises the partial-block buffer. */
	while (left > 0) {
		size_t n = left < sizeof chunk ? left : sizeof chunk;
		sha256_update(&s, chunk, n);
		left -= n;
	}
	sha256_final(&s, d);
	sha256_to_hex(d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void padding_boundaries_agree_with_one_shot(void **state)
{
	char buf[130], a[SHA256_HEX_SIZE], b[SHA256_HEX_SIZE];
	struct sha256 s;
	uint8_t d[SHA256_DIGEST_SIZE];

	(void)state;
	memset(buf, 'q', sizeof buf);
	/* 55, 56, 63, 64, 65 bytes: one or two padding blocks. */
	for (size_t n = 54; n < sizeof buf; n++) {
		sha256_hex(buf, n, a);
		sha256_init(&s);
		for (size_t i = 0; i < n; i++)
			sha256_update(&s, buf + i, 1);
		sha256_final(&s, d);
		sha256_to_hex(d, b);
		assert_string_equal(a, b);
	}
	sha256_hex(buf, 56, a);
	assert_string_equal(a, "f8ce2f8d6990c639668fe404262f35ed72d8bb145ad6bae786af7284447386df");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty),
		cmocka_unit_test(abc),
		cmocka_unit_test(two_blocks_448_bits),
		cmocka_unit_test(million_a_in_odd_pieces),
		cmocka_unit_test(padding_boundaries_agree_with_one_shot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
