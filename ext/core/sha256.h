/*
 * SHA-256 (FIPS 180-4), for the identity of an imported file: re-running the
 * same file finds its journal by this hash.  Plain C, no allocation.
 */
#ifndef CRMGUARD_SHA256_H
#define CRMGUARD_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
} cg_sha256;

void cg_sha256_init(cg_sha256 *c);
void cg_sha256_update(cg_sha256 *c, const void *data, size_t len);
/* Writes 64 lowercase hex digits and a NUL to hex. */
void cg_sha256_hex(cg_sha256 *c, char hex[65]);

#endif
