/*
 * Unit tests of the audit checks (ext/core/audit.h): lowercase names, word
 * lists, phone form.  Inputs are copied into heap blocks of exactly their
 * length (no NUL), so valgrind sees any read outside the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "phone.h"

static char *exact(const char *s, size_t *len)
{
	char *copy;

	*len = strlen(s);
	copy = malloc(*len ? *len : 1);
	assert_non_null(copy);
	memcpy(copy, s, *len);
	return copy;
}

static int lowercase(const char *s)
{
	size_t len;
	char *t = exact(s, &len);
	int r = cg_audit_is_lowercase(t, len);

	free(t);
	return r;
}

static void test_lowercase(void **state)
{
	(void) state;
	assert_true(lowercase("мария"));
	assert_true(lowercase("сидорова"));
	assert_true(lowercase("ivan"));
	assert_true(lowercase("  ёлкин"));
	assert_true(lowercase("\"иван\""));
	assert_true(lowercase("élodie"));
	assert_false(lowercase("Мария"));
	assert_false(lowercase("Ёлкин"));
	assert_false(lowercase("John"));
	assert_false(lowercase("ООО ромашка"));   /* the first letter decides */
	assert_false(lowercase(""));
	assert_false(lowercase("123"));
	assert_false(lowercase("Élodie"));
	assert_false(lowercase("李"));               /* no case: not lowercase */
	assert_true(lowercase("1 мария"));          /* digits are skipped */
	/* Truncated UTF-8 is read as U+FFFD, not past the end. */
	assert_false(lowercase("\xD0"));
}

static void test_fold(void **state)
{
	char out[64];
	size_t n;

	(void) state;
	n = cg_audit_fold("  Не ЗНАЕТ,  что-хочет!! ", strlen("  Не ЗНАЕТ,  что-хочет!! "), out, sizeof out);
	assert_int_equal(n, strlen("не знает что хочет"));
	assert_memory_equal(out, "не знает что хочет", n);
	n = cg_audit_fold("Ёжик «Ёлка»", strlen("Ёжик «Ёлка»"), out, sizeof out);
	assert_memory_equal(out, "ежик елка", n);
	/* A buffer too small: the length needed is returned, nothing written past cap. */
	n = cg_audit_fold("Hello World", 11, out, 4);
	assert_int_equal(n, 11);
}

static long find(const cg_audit_words *w, const char *s)
{
	size_t len;
	char *t = exact(s, &len);
	long r = cg_audit_words_find(w, t, len);

	free(t);
	return r;
}

static void test_words(void **state)
{
	cg_audit_words w;

	(void) state;
	cg_audit_words_init(&w);
	assert_int_equal(find(&w, "anything"), -1);   /* empty list */
	assert_int_equal(cg_audit_words_add(&w, "Дура", 4 * 2), 1);
	assert_int_equal(cg_audit_words_add(&w, "истеричк*", strlen("истеричк*")), 1);
	assert_int_equal(cg_audit_words_add(&w, "не знает что хочет\n", strlen("не знает что хочет\n")), 1);
	assert_int_equal(cg_audit_words_add(&w, "idiot", 5), 1);
	assert_int_equal(cg_audit_words_add(&w, "  *  ", 5), 0);     /* nothing left */
	assert_int_equal(w.count, 4);
	assert_string_equal(cg_audit_words_entry(&w, 0), "дура");

	assert_int_equal(find(&w, "Иванова (дура)"), 0);
	assert_int_equal(find(&w, "ДУРА"), 0);
	assert_int_equal(find(&w, "Дураков"), -1);            /* whole words only */
	assert_int_equal(find(&w, "Петрова истеричка"), 1);   /* prefix entry */
	assert_int_equal(find(&w, "Петрова-Истерички"), 1);
	assert_int_equal(find(&w, "Ольга, не знает, что хочет"), 2);
	assert_int_equal(find(&w, "Ольга не знает"), -1);
	assert_int_equal(find(&w, "John IDIOT Smith"), 3);
	assert_int_equal(find(&w, "Idiotti"), -1);
	assert_int_equal(find(&w, "Мария Сидорова"), -1);

	/* Text longer than the stack buffer. */
	{
		size_t len = 5000;
		char *big = malloc(len);

		assert_non_null(big);
		memset(big, 'a', len);
		memcpy(big + len - 6, " idiot", 6);
		assert_int_equal(cg_audit_words_find(&w, big, len), 3);
		free(big);
	}
	cg_audit_words_free(&w);
}

static cg_audit_phone phone(const char *s)
{
	size_t len;
	char *t = exact(s, &len);
	cg_audit_phone r = cg_audit_check_phone(t, len, cg_region_find("RU", 2));

	free(t);
	return r;
}

static void test_phone(void **state)
{
	(void) state;
	assert_int_equal(phone("+79123456789"), CG_AUDIT_PHONE_OK);
	assert_int_equal(phone("+14155550100"), CG_AUDIT_PHONE_OK);
	assert_int_equal(phone("8 (912) 345-67-89"), CG_AUDIT_PHONE_NOT_CANONICAL);
	assert_int_equal(phone("89123456789"), CG_AUDIT_PHONE_NOT_CANONICAL);
	assert_int_equal(phone("+7 (916) 000-11-22"), CG_AUDIT_PHONE_NOT_CANONICAL);
	assert_int_equal(phone(" +79123456789"), CG_AUDIT_PHONE_NOT_CANONICAL);
	assert_int_equal(phone("8-912-345-67-89, 8 (495) 123-45-67"), CG_AUDIT_PHONE_SEVERAL);
	assert_int_equal(phone("89123456789 или 89031234567"), CG_AUDIT_PHONE_SEVERAL);
	assert_int_equal(phone("8 912 345 67"), CG_AUDIT_PHONE_INVALID);
	assert_int_equal(phone("нет"), CG_AUDIT_PHONE_INVALID);
	assert_string_equal(cg_audit_phone_code(CG_AUDIT_PHONE_SEVERAL), "several_numbers");
	assert_string_equal(cg_audit_phone_code(CG_AUDIT_PHONE_NOT_CANONICAL), "not_canonical");
	assert_string_equal(cg_audit_phone_code(CG_AUDIT_PHONE_INVALID), "invalid_phone");
	assert_null(cg_audit_phone_code(CG_AUDIT_PHONE_OK));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lowercase),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_phone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
