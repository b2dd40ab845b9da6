/* uuid: random ids from the kernel's generator. */
#include "uuid.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

bool uuid_v4(char out[UUID_LEN], struct err *e)
{
	uint8_t b[16];
	size_t got = 0;

	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_set(e, ERR_IO, "No random numbers from the system: %s", strerror(errno));
		got += (size_t)n;
	}
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
	snprintf(out, UUID_LEN,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
		 b[12], b[13], b[14], b[15]);
	return true;
}

bool uuid_valid(const char *s)
{
	if (s == NULL || strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

char *uuid_array(const char *const *ids, size_t n, struct err *e)
{
	char *buf = malloc(n * UUID_LEN + 3);
	size_t at = 0;

	if (buf == NULL) {
		err_set(e, ERR_NOMEM, "Out of memory.");
		return NULL;
	}
	buf[at++] = '{';
	for (size_t i = 0; i < n; i++) {
		if (!uuid_valid(ids[i])) {
			free(buf);
			err_set(e, ERR_INPUT, "\"%.40s\" is not a seat id.", ids[i]);
			return NULL;
		}
		if (i > 0)
			buf[at++] = ',';
		memcpy(buf + at, ids[i], 36);
		at += 36;
	}
	buf[at++] = '}';
	buf[at] = '\0';
	return buf;
}
