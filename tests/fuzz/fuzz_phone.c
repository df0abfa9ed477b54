/*
 * libFuzzer target for the plain-C phone core (ext/core/phone.h).
 *
 * The first byte picks the default region (byte % 13: 'A' RU, 'B' US, 'C' DE,
 * 'D' BR, 'E' AR, 'F' KZ, 'G' GB, 'H' IT, 'I' BY, 'J' UA, 'K' CN, 'L' IN,
 * 'M' none); the rest is the text.  Every
 * input goes through cg_phone_parse, cg_phone_normalize and cg_phone_extract,
 * and the results are checked against the contract of phone.h: fields
 * NUL-terminated inside their arrays, digits only where digits are promised,
 * e164 non-empty exactly when error == CG_PHONE_OK, normalize agreeing with
 * parse, extract's parts in order inside the text.  A broken invariant aborts
 * (a finding) with a message naming it.
 *
 * Build: clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11
 *        -Iext/core tests/fuzz/fuzz_phone.c ext/core/phone*.c  (tests/fuzz/run)
 */
#include "phone.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "ZZ" is no region: cg_region_find gives -1, the default for "no default region". */
static const char *const regions[] = {"RU", "US", "DE", "BR", "AR", "KZ", "GB", "IT", "BY", "UA", "CN", "IN", "ZZ"};
#define REGION_COUNT (sizeof regions / sizeof regions[0])

static const uint8_t *cur_data;
static size_t cur_size;

static void fail(const char *what, const cg_phone *p) {
	fprintf(stderr, "\n*** invariant broken: %s\n", what);
	if (p)
		fprintf(stderr, "    error=%d country_code=%u region=\"%.4s\" national=\"%.*s\" extension=\"%.*s\" e164=\"%.*s\"\n",
		        (int)p->error, (unsigned)p->country_code, p->region, (int)sizeof p->national, p->national,
		        (int)sizeof p->extension, p->extension, (int)sizeof p->e164, p->e164);
	fprintf(stderr, "    input (%zu bytes, first is the region selector):", cur_size);
	for (size_t i = 0; i < cur_size && i < 256; i++) fprintf(stderr, " %02x", cur_data[i]);
	fprintf(stderr, "\n");
	abort();
}

static int terminated(const char *s, size_t size) { return memchr(s, '\0', size) != NULL; }

static int all_digits(const char *s) {
	for (; *s; s++)
		if (*s < '0' || *s > '9') return 0;
	return 1;
}

/* Everything phone.h promises about one parsed number. */
static void check_phone(const cg_phone *p) {
	if (!terminated(p->region, sizeof p->region)) fail("region not NUL-terminated", p);
	if (!terminated(p->national, sizeof p->national)) fail("national not NUL-terminated", p);
	if (!terminated(p->extension, sizeof p->extension)) fail("extension not NUL-terminated", p);
	if (!terminated(p->e164, sizeof p->e164)) fail("e164 not NUL-terminated", p);
	if ((unsigned)p->error > (unsigned)CG_PHONE_INVALID_FOR_REGION) fail("error code out of range", p);
	if (!all_digits(p->national)) fail("national holds a non-digit", p);
	if (!all_digits(p->extension)) fail("extension holds a non-digit", p);

	const char *name = cg_phone_error_code(p->error);
	if ((p->error == CG_PHONE_OK) != (name == NULL)) fail("cg_phone_error_code NULL exactly for CG_PHONE_OK", p);
	if (name && !*name) fail("cg_phone_error_code gives an empty name", p);

	if (p->error != CG_PHONE_OK) {
		if (p->e164[0] != '\0') fail("e164 set on an invalid number", p);
		if (cg_phone_key(p) != 0) fail("cg_phone_key non-zero on an invalid number", p);
		return;
	}
	if (p->e164[0] != '+') fail("valid e164 does not start with '+'", p);
	if (!p->e164[1] || !all_digits(p->e164 + 1)) fail("valid e164 not '+' and digits", p);
	if (strlen(p->e164) > 1 + 3 + CG_PHONE_NSN_MAX) fail("valid e164 longer than country code + CG_PHONE_NSN_MAX", p);
	if (p->country_code == 0 || p->country_code > 999) fail("valid number without a country code 1-999", p);
	if (!p->national[0]) fail("valid number without national digits", p);
	char want[64];
	snprintf(want, sizeof want, "+%u%s", (unsigned)p->country_code, p->national);
	if (strcmp(want, p->e164) != 0) fail("e164 != '+' country_code national", p);
	size_t rl = strlen(p->region);
	if (!(rl == 2 && p->region[0] >= 'A' && p->region[0] <= 'Z' && p->region[1] >= 'A' && p->region[1] <= 'Z') &&
	    strcmp(p->region, "001") != 0)
		fail("valid number's region is neither alpha-2 nor 001", p);
	uint64_t key = 0;
	for (const char *s = p->e164 + 1; *s; s++) key = key * 10 + (uint64_t)(*s - '0');
	if (cg_phone_key(p) != key) fail("cg_phone_key != digits of e164", p);
}

static int same_phone(const cg_phone *a, const cg_phone *b) {
	return a->error == b->error && a->country_code == b->country_code && strcmp(a->region, b->region) == 0 &&
	       strcmp(a->national, b->national) == 0 && strcmp(a->extension, b->extension) == 0 &&
	       strcmp(a->e164, b->e164) == 0;
}

typedef struct {
	size_t len, calls, last_end, stop_after;
} extract_ctx;

static int sink(const cg_phone *p, size_t start, size_t end, void *vctx) {
	extract_ctx *c = vctx;
	if (!(start <= end && end <= c->len)) fail("extract: range not start <= end <= len", p);
	if (start < c->last_end) fail("extract: part overlaps or precedes the previous one", p);
	c->last_end = end;
	check_phone(p);
	c->calls++;
	return c->stop_after && c->calls >= c->stop_after;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
	if (size < 1) return 0;
	cur_data = data;
	cur_size = size;
	const char *code = regions[data[0] % REGION_COUNT];
	int region = cg_region_find(code, 2);
	if ((region < 0) != (strcmp(code, "ZZ") == 0)) {
		fprintf(stderr, "cg_region_find(\"%s\") = %d\n", code, region);
		abort();
	}
	/* The text in its own exactly-sized allocation: a read past its end is caught. */
	size_t len = size - 1;
	char *text = malloc(len ? len : 1);
	if (!text) return 0;
	memcpy(text, data + 1, len);

	cg_phone *p = malloc(sizeof *p), *q = malloc(sizeof *q);
	memset(p, 0xAA, sizeof *p); /* every field must be written */
	memset(q, 0x55, sizeof *q);
	cg_phone_error e = cg_phone_parse(text, len, region, p);
	if (e != p->error) fail("cg_phone_parse return value != out->error", p);
	check_phone(p);
	cg_phone_parse(text, len, region, q);
	check_phone(q);
	if (!same_phone(p, q)) fail("cg_phone_parse not deterministic", p);

	char *buf = malloc(CG_E164_SIZE); /* exactly the documented size */
	memset(buf, 0x7F, CG_E164_SIZE);
	size_t n = cg_phone_normalize(text, len, region, buf);
	if (e == CG_PHONE_OK) {
		if (n != strlen(p->e164) || memcmp(buf, p->e164, n + 1) != 0) fail("cg_phone_normalize != cg_phone_parse e164", p);
	} else if (n != 0) {
		fail("cg_phone_normalize returned a number cg_phone_parse rejects", p);
	}

	extract_ctx c = {len, 0, 0, 0};
	size_t parts = cg_phone_extract(text, len, region, sink, &c);
	if (parts != c.calls) fail("cg_phone_extract count != sink calls", NULL);
	if (c.calls > 1) {
		/* Stopping early: a non-zero sink return ends the walk. */
		extract_ctx s = {len, 0, 0, 1 + (size_t)(data[0] >> 4) % c.calls};
		size_t got = cg_phone_extract(text, len, region, sink, &s);
		if (s.calls != s.stop_after || got != s.calls) fail("cg_phone_extract did not stop when the sink said so", NULL);
	}

	free(buf);
	free(q);
	free(p);
	free(text);
	return 0;
}
