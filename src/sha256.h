/* sha256: SHA-256 (FIPS 180-4). Used for migration checksums and, later,
 * for the hashes of QR ticket tokens. No allocation. */
#ifndef BOXOFFICE_SHA256_H
#define BOXOFFICE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE 65 /* 64 hex digits + NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t len;       /* bytes hashed so far */
	uint8_t buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_DIGEST_SIZE]);

/* One call: lowercase hex digest of data into hex (65 bytes incl. NUL). */
void sha256_hex(const void *data, size_t n, char hex[SHA256_HEX_SIZE]);
/* Lowercase hex of a finished digest. */
void sha256_to_hex(const uint8_t d[SHA256_DIGEST_SIZE], char hex[SHA256_HEX_SIZE]);

#endif
