/*
 * Unit tests of the phone core's public API (ext/core/phone.h).
 *
 * Every input is copied into a heap block of exactly its length, without a
 * terminating NUL, so valgrind reports any read outside the text.
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
#include "phone_text.h"

/* ---- helpers ------------------------------------------------------------ */

static char *exact_copy(const char *text, size_t len)
{
	char *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	if (len)
		memcpy(copy, text, len);
	return copy;
}

static int region(const char *code)
{
	int r = cg_region_find(code, strlen(code));

	assert_true(r >= 0);
	return r;
}

static cg_phone_error parse_n(const char *text, size_t len, const char *reg, cg_phone *out)
{
	char *copy = exact_copy(text, len);
	cg_phone_error e = cg_phone_parse(copy, len, region(reg), out);

	free(copy);
	return e;
}

static cg_phone_error parse(const char *text, const char *reg, cg_phone *out)
{
	return parse_n(text, strlen(text), reg, out);
}

/* Whether text[0..len) contains needle. */
static int contains(const char *text, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(text + i, needle, n) == 0)
			return 1;
	return 0;
}

/* E.164 of text, "" when invalid; checks that normalize and parse agree. */
static const char *normalize_n(const char *text, size_t len, const char *reg)
{
	static char e164[CG_E164_SIZE];
	char *copy = exact_copy(text, len);
	cg_phone p;
	size_t n;

	memset(e164, 'x', sizeof(e164));
	n = cg_phone_normalize(copy, len, region(reg), e164);
	free(copy);
	if (n == 0) {
		e164[0] = '\0';
	} else {
		assert_true(n < CG_E164_SIZE);
		assert_int_equal(e164[n], '\0');
		assert_int_equal(strlen(e164), n);
	}
	parse_n(text, len, reg, &p);
	assert_string_equal(p.e164, e164);
	assert_int_equal(p.error == CG_PHONE_OK, n != 0);
	return e164;
}

static const char *normalize(const char *text, const char *reg)
{
	return normalize_n(text, strlen(text), reg);
}

#define assert_normalizes(text, reg, want) assert_string_equal(normalize((text), (reg)), (want))

static void assert_error(const char *text, const char *reg, cg_phone_error want)
{
	cg_phone p;

	assert_int_equal(parse(text, reg, &p), want);
	assert_int_equal(p.error, want);
	assert_string_equal(p.e164, "");
}

/* Extraction results collected by the sink. */
#define MAX_PARTS 64

typedef struct {
	size_t count;
	size_t len;       /* of the text, to check the byte ranges */
	size_t stop_after; /* 0: never stop */
	cg_phone part[MAX_PARTS];
	size_t start[MAX_PARTS], end[MAX_PARTS];
} parts;

static int collect(const cg_phone *phone, size_t start, size_t end, void *ctx)
{
	parts *x = ctx;

	assert_true(start < end);
	assert_true(end <= x->len);
	if (x->count < MAX_PARTS) {
		x->part[x->count] = *phone;
		x->start[x->count] = start;
		x->end[x->count] = end;
	}
	x->count++;
	return x->stop_after != 0 && x->count >= x->stop_after;
}

static size_t extract_n(const char *text, size_t len, const char *reg, parts *x)
{
	char *copy = exact_copy(text, len);
	size_t n;

	memset(x, 0, sizeof(*x));
	x->len = len;
	n = cg_phone_extract(copy, len, region(reg), collect, x);
	free(copy);
	assert_int_equal(n, x->count);
	return n;
}

static size_t extract(const char *text, const char *reg, parts *x)
{
	return extract_n(text, strlen(text), reg, x);
}

/* The E.164 strings of the valid parts, joined by spaces. */
static const char *valid_parts(const parts *x)
{
	static char buf[MAX_PARTS * CG_E164_SIZE];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < x->count && i < MAX_PARTS; i++) {
		if (x->part[i].error != CG_PHONE_OK)
			continue;
		if (buf[0])
			strcat(buf, " ");
		strcat(buf, x->part[i].e164);
	}
	return buf;
}

/* ---- regions ------------------------------------------------------------- */

static void test_region_find(void **state)
{
	int ru = cg_region_find("RU", 2);

	(void) state;
	assert_true(ru >= 0);
	assert_int_equal(cg_region_find("ru", 2), ru);
	assert_int_equal(cg_region_find("rU", 2), ru);
	assert_true(cg_region_find("KZ", 2) >= 0);
	assert_true(cg_region_find("BY", 2) >= 0);
	assert_true(cg_region_find("DE", 2) >= 0);
	assert_true(cg_region_find("KZ", 2) != ru);
	assert_int_equal(cg_region_find("XX", 2), -1);
	assert_int_equal(cg_region_find("", 0), -1);
	assert_int_equal(cg_region_find("RUS", 3), -1);
	assert_int_equal(cg_region_find("R", 1), -1);
	assert_int_equal(cg_region_find("R\0", 2), -1);
	assert_int_equal(cg_region_find("12", 2), -1);
	assert_int_equal(cg_region_find("001", 3), -1);
	/* Only len bytes are read: "RU" followed by garbage is still RU. */
	assert_int_equal(cg_region_find("RUxyz", 2), ru);
}

/* ---- Russian numbers as people write them ------------------------------- */

static void test_ru_forms(void **state)
{
	(void) state;
	assert_normalizes("8 (912) 345-67-89", "RU", "+79123456789");
	assert_normalizes("+7 912 3456789", "RU", "+79123456789");
	assert_normalizes("89123456789", "RU", "+79123456789");
	assert_normalizes("9123456789", "RU", "+79123456789");
	assert_normalizes("+7 (912) 345-67-89", "RU", "+79123456789");
	assert_normalizes("8-912-345-67-89", "RU", "+79123456789");
	assert_normalizes("  8 912 345 67 89  ", "RU", "+79123456789");
	assert_normalizes("8 (495) 123-45-67", "RU", "+74951234567");
	assert_normalizes("+79123456789", "ru", "+79123456789");
}

static void test_parse_fields(void **state)
{
	cg_phone p;

	(void) state;
	assert_int_equal(parse("8 (912) 345-67-89", "RU", &p), CG_PHONE_OK);
	assert_int_equal(p.error, CG_PHONE_OK);
	assert_int_equal(p.country_code, 7);
	assert_string_equal(p.region, "RU");
	assert_string_equal(p.national, "9123456789");
	assert_string_equal(p.extension, "");
	assert_string_equal(p.e164, "+79123456789");
	assert_true(cg_phone_key(&p) == UINT64_C(79123456789));
}

static void test_international_from_russia(void **state)
{
	cg_phone p;

	(void) state;
	/* 8 10 is Russia's international prefix. */
	assert_normalizes("8 10 49 30 1234567", "RU", "+49301234567");
	assert_int_equal(parse("8 10 49 30 1234567", "RU", &p), CG_PHONE_OK);
	assert_int_equal(p.country_code, 49);
	assert_string_equal(p.region, "DE");
	assert_string_equal(p.national, "301234567");
}

static void test_belarus(void **state)
{
	cg_phone p;

	(void) state;
	assert_normalizes("+375 29 123-45-67", "RU", "+375291234567");
	assert_int_equal(parse("+375 29 123-45-67", "RU", &p), CG_PHONE_OK);
	assert_int_equal(p.country_code, 375);
	assert_string_equal(p.region, "BY");
	assert_string_equal(p.national, "291234567");
}

static void test_kazakhstan(void **state)
{
	cg_phone p;

	(void) state;
	assert_int_equal(parse("+7 701 123 4567", "RU", &p), CG_PHONE_OK);
	assert_int_equal(p.country_code, 7);
	assert_string_equal(p.region, "KZ");
	assert_string_equal(p.e164, "+77011234567");
	/* The same number written nationally in Kazakhstan. */
	assert_normalizes("8 701 123 4567", "KZ", "+77011234567");
}

static void test_other_region_default(void **state)
{
	(void) state;
	assert_normalizes("030 1234567", "DE", "+49301234567");
	assert_normalizes("+7 912 345-67-89", "DE", "+79123456789");
}

/* ---- number type (GetNumberType, as far as mobile and fixed line go) -------- */

static void assert_type(const char *text, const char *region, cg_phone_type type)
{
	cg_phone p;
	cg_phone_parse(text, strlen(text), cg_region_find(region, 2), &p);
	assert_int_equal(p.error, CG_PHONE_OK);
	assert_int_equal(p.type, type);
}

/* Each as libphonenumber 8.12.57 types it (pnc / PhoneNumberUtil::GetNumberType). */
static void test_number_type(void **state)
{
	cg_phone p;
	(void)state;
	assert_type("8 912 345-67-89", "RU", CG_PHONE_MOBILE);
	assert_type("8 (495) 123-45-67 доб. 2", "RU", CG_PHONE_FIXED_LINE);
	assert_type("8 (812) 555-12-34", "RU", CG_PHONE_FIXED_LINE);
	assert_type("8 800 555-35-35", "RU", CG_PHONE_OTHER_TYPE);      /* toll free */
	assert_type("+375 29 123-45-67", "RU", CG_PHONE_MOBILE);
	assert_type("+44 7911 123456", "RU", CG_PHONE_MOBILE);
	assert_type("+44 20 7946 0018", "RU", CG_PHONE_FIXED_LINE);
	assert_type("+1 212 555 0100", "RU", CG_PHONE_FIXED_LINE_OR_MOBILE);
	cg_phone_parse("123", 3, cg_region_find("RU", 2), &p);
	assert_int_equal(p.type, CG_PHONE_TYPE_UNKNOWN);
}

/* ---- extensions ----------------------------------------------------------- */

static void assert_extension(const char *text, const char *e164, const char *ext)
{
	cg_phone p;

	assert_int_equal(parse(text, "RU", &p), CG_PHONE_OK);
	assert_string_equal(p.e164, e164);
	assert_string_equal(p.extension, ext);
	assert_string_equal(normalize(text, "RU"), e164);
}

static void test_extensions(void **state)
{
	(void) state;
	assert_extension("8 912 345-67-89 доб. 123", "+79123456789", "123");
	assert_extension("8 (495) 123-45-67 доб 2", "+74951234567", "2");
	assert_extension("+7 495 123-45-67 ext. 45", "+74951234567", "45");
	assert_extension("+7 495 123 45 67 x45", "+74951234567", "45");
	assert_extension("+7 495 123 45 67", "+74951234567", "");
}

/* ---- characters between and instead of digits ----------------------------- */

static void test_unicode_punctuation(void **state)
{
	(void) state;
	/* U+00A0 no-break space */
	assert_normalizes("8\xc2\xa0" "912\xc2\xa0" "345\xc2\xa0" "67\xc2\xa0" "89", "RU", "+79123456789");
	/* U+2011 non-breaking hyphen */
	assert_normalizes("8\xe2\x80\x91" "912\xe2\x80\x91" "345\xe2\x80\x91" "67\xe2\x80\x91" "89", "RU",
	                  "+79123456789");
	/* U+2013 en dash */
	assert_normalizes("8 (912) 345\xe2\x80\x93" "67\xe2\x80\x93" "89", "RU", "+79123456789");
}

static void test_fullwidth_digits(void **state)
{
	/* "８９１２３４５６７８９" (U+FF18 U+FF19 ...) */
	static const char text[] =
		"\xef\xbc\x98\xef\xbc\x99\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94"
		"\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98\xef\xbc\x99";
	/* "+７ ９１２ ３４５６７８９": an ASCII plus before fullwidth digits */
	static const char plus[] =
		"+\xef\xbc\x97 \xef\xbc\x99\xef\xbc\x91\xef\xbc\x92 \xef\xbc\x93\xef\xbc\x94"
		"\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98\xef\xbc\x99";
	/* "８ ４９５ ６７８ ０１ ２３": every fullwidth digit U+FF10..U+FF19 */
	static const char all[] =
		"\xef\xbc\x98 \xef\xbc\x94\xef\xbc\x99\xef\xbc\x95 \xef\xbc\x96\xef\xbc\x97\xef\xbc\x98"
		" \xef\xbc\x90\xef\xbc\x91 \xef\xbc\x92\xef\xbc\x93";

	(void) state;
	assert_normalizes(text, "RU", "+79123456789");
	assert_normalizes(plus, "RU", "+79123456789");
	assert_normalizes(all, "RU", "+74956780123");
}

static void test_labels(void **state)
{
	(void) state;
	assert_normalizes("тел. 8 912 345-67-89", "RU", "+79123456789");
	assert_normalizes("8 912 345-67-89 (моб.)", "RU", "+79123456789");
	assert_normalizes("Тел.: +7 (912) 345-67-89", "RU", "+79123456789");
}

/* ---- errors ------------------------------------------------------------------ */

static void test_errors(void **state)
{
	(void) state;
	assert_error("", "RU", CG_PHONE_EMPTY);
	assert_error("   ", "RU", CG_PHONE_EMPTY);
	assert_error(" - ( ) . ", "RU", CG_PHONE_EMPTY);
	assert_error("123", "RU", CG_PHONE_TOO_SHORT);
	assert_error("+7 912 345 67 89 123 456 789", "RU", CG_PHONE_TOO_LONG);
	assert_error("+999 123 456 789", "RU", CG_PHONE_INVALID_COUNTRY_CODE);
	assert_error("call me maybe", "RU", CG_PHONE_NOT_A_NUMBER);
	assert_error("+7 012 345 67 89", "RU", CG_PHONE_INVALID_FOR_REGION);
}

static void test_error_codes(void **state)
{
	(void) state;
	assert_null(cg_phone_error_code(CG_PHONE_OK));
	assert_string_equal(cg_phone_error_code(CG_PHONE_EMPTY), "empty");
	assert_string_equal(cg_phone_error_code(CG_PHONE_NOT_A_NUMBER), "not_a_number");
	assert_string_equal(cg_phone_error_code(CG_PHONE_INVALID_COUNTRY_CODE), "invalid_country_code");
	assert_string_equal(cg_phone_error_code(CG_PHONE_TOO_SHORT), "too_short");
	assert_string_equal(cg_phone_error_code(CG_PHONE_TOO_LONG), "too_long");
	assert_string_equal(cg_phone_error_code(CG_PHONE_INVALID_FOR_REGION), "invalid_for_region");
}

static void test_key(void **state)
{
	cg_phone p;

	(void) state;
	parse("+375 29 123-45-67", "RU", &p);
	assert_true(cg_phone_key(&p) == UINT64_C(375291234567));
	parse("123", "RU", &p);
	assert_true(cg_phone_key(&p) == 0);
}

static void test_invalid_fields_are_terminated(void **state)
{
	cg_phone p;

	(void) state;
	memset(&p, 'x', sizeof(p));
	parse("garbage", "RU", &p);
	assert_true(memchr(p.region, '\0', sizeof(p.region)) != NULL);
	assert_true(memchr(p.national, '\0', sizeof(p.national)) != NULL);
	assert_true(memchr(p.extension, '\0', sizeof(p.extension)) != NULL);
	assert_string_equal(p.e164, "");
}

/* ---- extraction ----------------------------------------------------------------- */

static void test_extract_comma_and_extension(void **state)
{
	static const char text[] = "8-912-345-67-89, 8 (495) 123-45-67 доб. 2";
	parts x;

	(void) state;
	assert_int_equal(extract(text, "RU", &x), 2);
	assert_string_equal(valid_parts(&x), "+79123456789 +74951234567");
	assert_string_equal(x.part[1].extension, "2");
	/* The byte ranges hold the numbers. */
	assert_true(x.end[0] <= x.start[1]);
	assert_true(contains(text + x.start[0], x.end[0] - x.start[0], "912"));
	assert_true(contains(text + x.start[1], x.end[1] - x.start[1], "495"));
}

static void test_extract_or(void **state)
{
	parts x;

	(void) state;
	extract("8 912 345 67 89 или 8 912 345 67 90", "RU", &x);
	assert_string_equal(valid_parts(&x), "+79123456789 +79123456790");
	extract("+7 912 345 67 89 or +7 912 345 67 90", "RU", &x);
	assert_string_equal(valid_parts(&x), "+79123456789 +79123456790");
}

static void test_extract_separators(void **state)
{
	parts x;

	(void) state;
	extract("89123456789/89123456790", "RU", &x);
	assert_string_equal(valid_parts(&x), "+79123456789 +79123456790");
	extract("8 912 345 67 89; 8 912 345 67 90", "RU", &x);
	assert_string_equal(valid_parts(&x), "+79123456789 +79123456790");
	extract("8 912 345 67 89\n8 912 345 67 90\r\n+375 29 123-45-67", "RU", &x);
	assert_string_equal(valid_parts(&x), "+79123456789 +79123456790 +375291234567");
}

static void test_extract_reports_invalid_parts(void **state)
{
	parts x;

	(void) state;
	assert_int_equal(extract("8 912 345 67 89, 123", "RU", &x), 2);
	assert_int_equal(x.part[0].error, CG_PHONE_OK);
	assert_int_not_equal(x.part[1].error, CG_PHONE_OK);
	assert_int_equal(extract("", "RU", &x), 0);
	assert_int_equal(extract("no numbers here", "RU", &x), 0);
}

static void test_extract_sink_stops(void **state)
{
	static const char text[] = "89123456789, 89123456790, 89123456791";
	char *copy = exact_copy(text, strlen(text));
	parts x;

	(void) state;
	memset(&x, 0, sizeof(x));
	x.len = strlen(text);
	x.stop_after = 1;
	assert_int_equal(cg_phone_extract(copy, x.len, region("RU"), collect, &x), 1);
	assert_int_equal(x.count, 1);
	free(copy);
}

/* ---- hostile input ------------------------------------------------------------------ */

static void test_nul_bytes(void **state)
{
	static const char text[] = "8 912\0 345 67 89";
	static const char nuls[] = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
	cg_phone p;
	parts x;

	(void) state;
	parse_n(text, sizeof(text) - 1, "RU", &p);
	normalize_n(text, sizeof(text) - 1, "RU");
	parse_n(nuls, sizeof(nuls) - 1, "RU", &p);
	assert_int_not_equal(p.error, CG_PHONE_OK);
	extract_n(text, sizeof(text) - 1, "RU", &x);
	extract_n(nuls, sizeof(nuls) - 1, "RU", &x);
}

static void test_invalid_utf8(void **state)
{
	static const char *const texts[] = {
		"\xff\xfe" "8 912 345 67 89",
		"8 912 345 67 89\xc3",          /* truncated sequence at the end */
		"8 912 \xe2\x80 345 67 89",      /* truncated in the middle */
		"\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80", /* overlong, surrogate, 5 bytes */
		"\xef\xbc",                      /* half a fullwidth digit */
		"+\xf4\x90\x80\x80" "7 912 345 67 89",
	};
	size_t i;
	cg_phone p;
	parts x;

	(void) state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		parse(texts[i], "RU", &p);
		normalize(texts[i], "RU");
		extract(texts[i], "RU", &x);
	}
}

/*
 * Found by the fuzzer (tests/fuzz/corpus/regress-letter-o-overflow): digits
 * and letters O together longer than cg_number_text's buffer overran
 * digits_o.  The reading must stay inside it and the number be too long.
 */
static void test_letter_o_overflow(void **state)
{
	static const char fuzz_input[] =
		"374444444444444444444444444444444'4444 29 123 45o r444444'4444 29 123 45o r67";
	cg_tokens tokens;
	cg_number_text t;
	cg_phone p;

	(void) state;
	assert_int_equal(parse(fuzz_input, "RU", &p), CG_PHONE_TOO_LONG);
	cg_tokenize(fuzz_input, strlen(fuzz_input), &tokens);
	cg_read_number(&tokens, 0, tokens.count, &t);
	assert_true(t.digit_count_o <= CG_TEXT_DIGITS_MAX);
	assert_string_equal(t.extension, "");
}

static void test_one_megabyte(void **state)
{
	static char big[1024 * 1024]; /* static: a failed assertion leaks nothing */
	const size_t size = sizeof(big);
	static const char unit[] = "8 912 345 67 89, ";
	cg_phone p;
	parts x;
	size_t i;

	(void) state;

	/* digits only */
	memset(big, '8', size);
	assert_int_not_equal(parse_n(big, size, "RU", &p), CG_PHONE_OK);
	assert_string_equal(normalize_n(big, size, "RU"), "");
	extract_n(big, size, "RU", &x);

	/* one valid number after a megabyte of spaces is still more than one number's input */
	memset(big, ' ', size);
	memcpy(big + size - 11, "89123456789", 11);
	parse_n(big, size, "RU", &p);
	extract_n(big, size, "RU", &x);
	assert_string_equal(valid_parts(&x), "+79123456789");

	/* a megabyte of numbers separated by commas */
	for (i = 0; i + sizeof(unit) - 1 <= size; i += sizeof(unit) - 1)
		memcpy(big + i, unit, sizeof(unit) - 1);
	memset(big + i, ' ', size - i);
	assert_true(extract_n(big, size, "RU", &x) >= size / (sizeof(unit) - 1));
	assert_string_equal(x.part[0].e164, "+79123456789");

	/* every byte value */
	for (i = 0; i < size; i++)
		big[i] = (char) (i * 131 + (i >> 8));
	parse_n(big, size, "RU", &p);
	normalize_n(big, size, "RU");
	extract_n(big, size, "RU", &x);

	/* exactly CG_PHONE_INPUT_MAX bytes, and one more */
	memset(big, ' ', CG_PHONE_INPUT_MAX + 1);
	memcpy(big, "89123456789", 11);
	assert_string_equal(normalize_n(big, CG_PHONE_INPUT_MAX, "RU"), "+79123456789");
	assert_int_not_equal(parse_n(big, CG_PHONE_INPUT_MAX + 1, "RU", &p), CG_PHONE_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_find),
		cmocka_unit_test(test_number_type),
		cmocka_unit_test(test_ru_forms),
		cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_international_from_russia),
		cmocka_unit_test(test_belarus),
		cmocka_unit_test(test_kazakhstan),
		cmocka_unit_test(test_other_region_default),
		cmocka_unit_test(test_extensions),
		cmocka_unit_test(test_unicode_punctuation),
		cmocka_unit_test(test_fullwidth_digits),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_codes),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_invalid_fields_are_terminated),
		cmocka_unit_test(test_extract_comma_and_extension),
		cmocka_unit_test(test_extract_or),
		cmocka_unit_test(test_extract_separators),
		cmocka_unit_test(test_extract_reports_invalid_parts),
		cmocka_unit_test(test_extract_sink_stops),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_letter_o_overflow),
		cmocka_unit_test(test_one_megabyte),
	};

	return cmocka_run_group_tests_name("phone", tests, NULL, NULL);
}
