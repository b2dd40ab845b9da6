/* money: parsing and printing cents. */
#include "money.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool money_parse(const char *text, int64_t *cents, struct err *e)
{
	const char *p = text;
	int64_t whole = 0, frac = 0;
	int digits = 0, decimals = -1;

	if (text == NULL)
		return err_set(e, ERR_INPUT, "No amount given.");
	while (isspace((unsigned char)*p))
		p++;
	for (; *p != '\0' && !isspace((unsigned char)*p); p++) {
		if (*p == ',' && decimals < 0 && digits > 0)
			continue;
		if (*p == '.' && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (!isdigit((unsigned char)*p))
			return err_set(e, ERR_INPUT, "\"%.40s\" is not an amount (use digits, e.g. 12.50).", text);
		if (decimals >= 0) {
			if (++decimals > 2)
				return err_set(e, ERR_INPUT, "\"%.40s\" has more than two decimals.", text);
			frac = frac * 10 + (*p - '0');
		} else {
			if (whole > MONEY_MAX / 100)
				return err_set(e, ERR_INPUT, "\"%.40s\" is too large.", text);
			whole = whole * 10 + (*p - '0');
		}
		digits++;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '\0' || digits == 0)
		return err_set(e, ERR_INPUT, "\"%.40s\" is not an amount (use digits, e.g. 12.50).", text);
	if (decimals == 1)
		frac *= 10;
	if (whole > MONEY_MAX / 100 || whole * 100 + frac > MONEY_MAX)
		return err_set(e, ERR_INPUT, "\"%.40s\" is too large.", text);
	*cents = whole * 100 + frac;
	return true;
}

char *money_text(int64_t cents, char *buf, size_t size)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;

	snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, cents < 0 ? "-" : "", a / 100, a % 100);
	return buf;
}

char *money_show(int64_t cents, char *buf, size_t size)
{
	uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	char whole[32], grouped[48];
	size_t n, j = 0;

	snprintf(whole, sizeof whole, "%" PRIu64, a / 100);
	n = strlen(whole);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = whole[i];
	}
	grouped[j] = '\0';
	snprintf(buf, size, "%s%s.%02" PRIu64, cents < 0 ? "-" : "", grouped, a % 100);
	return buf;
}
