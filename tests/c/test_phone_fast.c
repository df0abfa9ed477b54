/*
 * The fast path of cg_phone_normalize() (ext/core/phone_fast.c) against the
 * full reader (cg_phone_parse): on every input the fast path either declines
 * (-1) or gives exactly the full reader's E.164 ("" for invalid).
 *
 * Inputs: the shapes people type (trunk prefix, +7, brackets, dashes, dots,
 * extensions), numbers of several regions, and random mixes of digits,
 * punctuation, prefixes, extension words and characters the fast path must
 * refuse.  Deterministic: a fixed xorshift seed.  Every input is copied into a
 * heap block of exactly its length, so valgrind sees any read past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "phone.h"
#include "phone_fast.h"
#include "phone_meta.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static size_t below(size_t n)
{
	return (size_t)(rng() % n);
}

typedef struct {
	size_t inputs, decided, valid;
} tally;

static int region(const char *code)
{
	int r = cg_region_find(code, strlen(code));

	assert_true(r >= 0);
	return r;
}

/*
 * One input through both readers; the fast path must decline or agree.
 * Returns the fast path's answer.
 */
static int check_one(const char *text, size_t len, int reg, tally *t)
{
	char *copy = malloc(len ? len : 1);
	char fast[CG_E164_SIZE], full[CG_E164_SIZE], public_out[CG_E164_SIZE];
	int n;
	size_t m, p;

	assert_non_null(copy);
	if (len)
		memcpy(copy, text, len);
	n = cg_phone_normalize_fast(copy, len, reg, fast);
	m = cg_phone_normalize_full(copy, len, reg, full);
	p = cg_phone_normalize(copy, len, reg, public_out);
	free(copy);
	t->inputs++;
	/* The public function is the full reader's answer, whichever path gave it. */
	assert_int_equal(p, m);
	assert_string_equal(public_out, m ? full : "");
	if (n < 0)
		return n;
	t->decided++;
	if ((size_t)n != m || (n > 0 && strcmp(fast, full) != 0)) {
		fprintf(stderr, "fast path disagrees on \"%.*s\" (region %s): fast %s, full %s\n", (int)len, text,
		        cg_regions[reg].code, n > 0 ? fast : "invalid", m ? full : "invalid");
		fail();
	}
	if (n > 0)
		t->valid++;
	return n;
}

static int check(const char *text, const char *reg, tally *t)
{
	return check_one(text, strlen(text), region(reg), t);
}

/* ---- the common shapes are decided by the fast path, as the full reader would -- */

static void test_common_shapes_decided(void **state)
{
	static const char *const valid[] = {
		"8 (912) 345-67-89", "+7 912 345-67-89", "89123456789", "9123456789", "+7(495)123-45-67",
		"+79123456789", "8-912-345-67-89", "+7 (912) 345 67 89", "8.912.345.67.89", "  8 912 345 67 89  ",
		"(+7) 912 345 67 89", "8 (495) 123-45-67 доб. 123", "+7 495 123-45-67 ext. 45", "+7 495 123 45 67 x45",
		"8 (495) 123-45-67 ДОБ 2", "+7 701 123 4567", /* Kazakhstan: +7, KZ's leading digits */
	};
	tally t = {0};
	char out[CG_E164_SIZE];

	(void) state;
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		int n = check(valid[i], "RU", &t);
		if (n <= 0)
			fprintf(stderr, "not decided valid by the fast path: \"%s\"\n", valid[i]);
		assert_true(n > 0);
	}
	/* Invalid numbers the fast path can settle: too short, too long, no such range. */
	assert_int_equal(check("8 (912) 345-67-8", "RU", &t), 0);
	assert_int_equal(check("8 (912) 345-67-891", "RU", &t), 0);
	assert_int_equal(check("+7 (012) 345-67-89", "RU", &t), 0);
	/* The E.164 itself. */
	assert_int_equal(cg_phone_normalize_fast("8 (912) 345-67-89", 17, region("RU"), out), 12);
	assert_string_equal(out, "+79123456789");
}

/* ---- what the fast path must leave to the full reader -------------------------- */

static void test_declines(void **state)
{
	static const char *const declined[] = {
		"8 10 49 30 1234567",       /* Russia's international prefix */
		"00 49 30 1234567",         /* 00 read as international (a rule) */
		"+375 29 123-45-67",        /* another calling code */
		"79123456789",              /* the calling code without '+' */
		"+8 912 345 67 89",         /* +8 for the trunk prefix */
		"8 (9О2) 345-67-89",        /* Cyrillic letter O for a zero */
		"тел. 8 912 345 67 89",     /* a label */
		"8 912 345 67 89, 8 495 123 45 67",
		"8\xc2\xa0" "912 345 67 89", /* a no-break space */
		"８ ９１２ ３４５ ６７ ８９",     /* fullwidth digits */
		"8 912 345 67 89 #12",
		"8 912 345 67 89 доб. 123456789012345678901", /* extension too long */
		"8 912 345 67 89 доб.",     /* marker without digits */
		"8 912 345 67 89 x 1 2",    /* digits after the extension's */
		"12",
		"",
	};
	tally t = {0};

	(void) state;
	for (size_t i = 0; i < sizeof declined / sizeof declined[0]; i++)
		assert_int_equal(check(declined[i], "RU", &t), -1);
	/* NUL bytes and control characters are not simple. */
	assert_int_equal(check_one("8 912\0 345 67 89", 16, region("RU"), &t), -1);
	assert_int_equal(check_one("8 912\t345 67 89", 15, region("RU"), &t), -1);
	/* A region whose prefixes are not plain digit strings, or that is not the main one of its code. */
	assert_int_equal(check("8 701 123 4567", "KZ", &t), -1);
	/* No region at all. */
	{
		char out[CG_E164_SIZE];
		assert_int_equal(cg_phone_normalize_fast("+7 912 345 67 89", 16, -1, out), -1);
	}
}

/* ---- many generated inputs ----------------------------------------------------- */

static void append(char *buf, size_t *len, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (*len + n < cap) {
		memcpy(buf + *len, s, n);
		*len += n;
	}
}

static void append_digits(char *buf, size_t *len, size_t cap, size_t count, int punctuate)
{
	static const char punct[] = " -.()";

	for (size_t i = 0; i < count && *len + 2 < cap; i++) {
		buf[(*len)++] = (char)('0' + below(10));
		if (punctuate && below(4) == 0)
			buf[(*len)++] = punct[below(sizeof punct - 1)];
	}
}

/* A number as people write it: a prefix, digits with punctuation, maybe an extension. */
static size_t shaped_input(char *buf, size_t cap)
{
	static const char *const prefixes[] = {
		"", "+", "8", "+7", "7", "8 (", "+7 (", "00", "810", "0", "+7 8", "+375", "+380", "+1 ", "+49 ",
		"(+7) ", "8-9", "+79", "9", "4", "3", "1", "2", "+8",
	};
	static const char *const extensions[] = {
		" доб. ", " ext. ", " x", " Доб ", " EXT:", " вн. ", " o ", "x", "#", "  доб.  ", " extension ",
		" добавочный ", " int ", " тел ", " или ", " ДОБ.", "~",
	};
	size_t len = 0;

	append(buf, &len, cap, prefixes[below(sizeof prefixes / sizeof prefixes[0])]);
	append_digits(buf, &len, cap, 3 + below(13), (int)below(2));
	if (below(5) == 0) {
		append(buf, &len, cap, extensions[below(sizeof extensions / sizeof extensions[0])]);
		append_digits(buf, &len, cap, below(12), 0);
		if (below(4) == 0)
			append(buf, &len, cap, below(2) ? " " : ")");
	}
	return len;
}

/* Random pieces, simple and not. */
static size_t mixed_input(char *buf, size_t cap)
{
	static const char *const pieces[] = {
		"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "8", "9", "7", "0", " ", "-", "(", ")", ".", "+",
		" ", "-", "00", "810", "+7", "+8", "89", "доб", "ext", "x", "Доб", "EXT", "о", "O", ":", "#", "~",
		",", "/", "\t", "тел", "или", "int", "вн", "ё", "\xc3\x84", "\xd0", "\xd1\x80", "\xc2\xa0",
		"\xef\xbc\x91", "extension", "добавочный", "anexo", "\x7f", "Z",
	};
	size_t len = 0, count = 1 + below(16);

	for (size_t i = 0; i < count; i++)
		append(buf, &len, cap, pieces[below(sizeof pieces / sizeof pieces[0])]);
	return len;
}

static void test_generated_inputs_agree(void **state)
{
	static const char *const regions[] = {
		"RU", "RU", "RU", "KZ", "BY", "UA", "US", "DE", "GB", "FR", "IT", "BR", "CN", "IN", "JP",
		"UZ", "AM", "GE", "AZ", "KG", "MD", "PL", "FI", "IL", "TR",
	};
	tally shaped = {0}, mixed = {0};
	char buf[128];

	(void) state;
	rng_state = UINT64_C(0x9E3779B97F4A7C15);
	for (int i = 0; i < 120000; i++) {
		int reg = region(regions[below(sizeof regions / sizeof regions[0])]);
		size_t len = shaped_input(buf, sizeof buf);
		check_one(buf, len, reg, &shaped);
		len = mixed_input(buf, sizeof buf);
		check_one(buf, len, reg, &mixed);
	}
	fprintf(stderr, "shaped: %zu inputs, %zu decided by the fast path (%zu valid); "
	        "mixed: %zu inputs, %zu decided (%zu valid)\n",
	        shaped.inputs, shaped.decided, shaped.valid, mixed.inputs, mixed.decided, mixed.valid);
	/* The comparison means something only when the fast path decides many of them. */
	assert_true(shaped.decided > shaped.inputs / 10);
	assert_true(shaped.valid > shaped.inputs / 100);
	assert_true(mixed.decided > 0);
}

/* Every Russian-style input of bench/gen-inputs' kinds, with both readers. */
static void test_bench_shapes_agree(void **state)
{
	static const char *const codes[] = {"912", "495", "812", "343", "901", "999", "800", "012", "101", "222", "700"};
	tally t = {0};
	char buf[64];

	(void) state;
	rng_state = 12345;
	for (int i = 0; i < 40000; i++) {
		const char *code = codes[below(sizeof codes / sizeof codes[0])];
		char a[4], b[3], c[4];
		size_t len;

		snprintf(a, sizeof a, "%03u", (unsigned)below(1000));
		snprintf(b, sizeof b, "%02u", (unsigned)below(100));
		snprintf(c, sizeof c, "%0*u", (int)(1 + below(3)), (unsigned)below(10));
		switch (below(10)) {
		case 0: snprintf(buf, sizeof buf, "8 (%s) %s-%s-%s", code, a, b, c); break;
		case 1: snprintf(buf, sizeof buf, "+7 %s %s-%s-%s", code, a, b, c); break;
		case 2: snprintf(buf, sizeof buf, "8%s%s%s%s", code, a, b, c); break;
		case 3: snprintf(buf, sizeof buf, "%s%s%s%s", code, a, b, c); break;
		case 4: snprintf(buf, sizeof buf, "+7(%s)%s-%s-%s", code, a, b, c); break;
		case 5: snprintf(buf, sizeof buf, "+7%s%s%s%s", code, a, b, c); break;
		case 6: snprintf(buf, sizeof buf, "8-%s-%s-%s-%s", code, a, b, c); break;
		case 7: snprintf(buf, sizeof buf, "+7 (%s) %s %s %s доб. %u", code, a, b, c, (unsigned)below(10000)); break;
		case 8: snprintf(buf, sizeof buf, "8 %s %s %s %s x%u", code, a, b, c, (unsigned)below(1000)); break;
		default: snprintf(buf, sizeof buf, "+7 (%s) %s %s %s ext. %u", code, a, b, c, (unsigned)below(100)); break;
		}
		len = strlen(buf);
		check_one(buf, len, region("RU"), &t);
	}
	fprintf(stderr, "bench shapes: %zu inputs, %zu decided by the fast path (%zu valid)\n", t.inputs, t.decided,
	        t.valid);
	assert_true(t.decided > t.inputs * 9 / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common_shapes_decided),
		cmocka_unit_test(test_declines),
		cmocka_unit_test(test_generated_inputs_agree),
		cmocka_unit_test(test_bench_shapes_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
