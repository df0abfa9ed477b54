/*
 * Unit tests of header mapping and name splitting (ext/core/csv_map.h) and
 * of the phone set (ext/core/phone_set.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv_map.h"
#include "phone_set.h"

static cg_csv_row header_of(cg_csv_field *fields, const char *const *names, size_t n)
{
	cg_csv_row row;
	size_t i;

	memset(&row, 0, sizeof row);
	for (i = 0; i < n; i++) {
		fields[i].data = names[i];
		fields[i].len = strlen(names[i]);
	}
	row.fields = fields;
	row.count = row.count_read = n;
	row.line = 1;
	return row;
}

static void test_headers(void **state)
{
	(void)state;
#define H(s) cg_field_for_header(s, strlen(s))
	assert_int_equal(H("ФИО"), CG_FIELD_NAME);
	assert_int_equal(H(" Ф.И.О. "), CG_FIELD_NAME);
	assert_int_equal(H("Контактное  лицо"), CG_FIELD_NAME);
	assert_int_equal(H("Имя"), CG_FIELD_FIRST_NAME);
	assert_int_equal(H("ФАМИЛИЯ"), CG_FIELD_LAST_NAME);
	assert_int_equal(H("Телефон:"), CG_FIELD_PHONE);
	assert_int_equal(H("Моб."), CG_FIELD_MOBILE);
	assert_int_equal(H("Mobile Phone"), CG_FIELD_MOBILE);
	assert_int_equal(H("Рабочий телефон"), CG_FIELD_WORK_PHONE);
	assert_int_equal(H("Организация"), CG_FIELD_COMPANY);
	assert_int_equal(H("E-mail"), CG_FIELD_EMAIL);
	assert_int_equal(H("Эл. почта"), CG_FIELD_EMAIL);
	assert_int_equal(H("Почта"), CG_FIELD_EMAIL);
	assert_int_equal(H("Комментарий"), CG_FIELD_COMMENT);
	assert_int_equal(H("Источник"), CG_FIELD_SOURCE);
	assert_int_equal(H("Source"), CG_FIELD_SOURCE);
	assert_int_equal(H("Ответственный"), CG_FIELD_MANAGER);
	assert_int_equal(H("Что-то ещё"), CG_FIELD_NONE);
	assert_int_equal(H(""), CG_FIELD_NONE);
#undef H
}

static void test_map_build_and_overrides(void **state)
{
	static const char *const names[] = {"Клиент", "Тел.", "Моб", "Компания", "Доп. телефон", "Компания"};
	cg_csv_field f[6];
	cg_csv_row h = header_of(f, names, 6);
	cg_csv_map map;
	char why[512];
	(void)state;

	assert_int_equal(cg_csv_map_build(&map, &h, NULL, 0, why, sizeof why), 0);
	assert_int_equal(map.first[CG_FIELD_NAME], 0);
	assert_int_equal(map.first[CG_FIELD_PHONE], 1);
	assert_int_equal(map.first[CG_FIELD_MOBILE], 2);
	assert_int_equal(map.first[CG_FIELD_COMPANY], 3);
	assert_int_equal(map.column_field[4], CG_FIELD_NONE);
	assert_int_equal(map.column_field[5], CG_FIELD_NONE); /* a second company column is left out */

	{
		const char *ov[] = {"доп телефон=work_phone", "1=company", "КОМПАНИЯ=comment"};
		assert_int_equal(cg_csv_map_build(&map, &h, ov, 3, why, sizeof why), 0);
		assert_int_equal(map.column_field[4], CG_FIELD_WORK_PHONE);
		assert_int_equal(map.column_field[0], CG_FIELD_COMPANY); /* and no longer column 4 */
		assert_int_equal(map.column_field[3], CG_FIELD_COMMENT);
		assert_int_equal(map.first[CG_FIELD_NAME], -1);
	}
	{
		const char *ov[] = {"Тел.=phonez"};
		assert_int_equal(cg_csv_map_build(&map, &h, ov, 1, why, sizeof why), -1);
		assert_non_null(strstr(why, "unknown field \"phonez\""));
	}
	{
		const char *ov[] = {"Нет такой=phone"};
		assert_int_equal(cg_csv_map_build(&map, &h, ov, 1, why, sizeof why), -1);
		assert_non_null(strstr(why, "no column \"Нет такой\""));
	}
	{
		const char *ov[] = {"9=phone"};
		assert_int_equal(cg_csv_map_build(&map, &h, ov, 1, why, sizeof why), -1);
	}
	{
		static const char *const nophone[] = {"Name", "Company"};
		cg_csv_row h2 = header_of(f, nophone, 2);
		const char *ov[] = {"Company=phone"};
		assert_int_equal(cg_csv_map_build(&map, &h2, NULL, 0, why, sizeof why), -1);
		assert_non_null(strstr(why, "no phone column"));
		assert_int_equal(cg_csv_map_build(&map, &h2, ov, 1, why, sizeof why), 0);
	}
}

static void parts_are(const char *full, const char *first, const char *middle, const char *last)
{
	cg_name_parts p;

	cg_split_name(full, strlen(full), &p);
	assert_int_equal(p.first_len, strlen(first));
	assert_memory_equal(p.first ? p.first : "", first, strlen(first));
	assert_int_equal(p.middle_len, strlen(middle));
	assert_memory_equal(p.middle ? p.middle : "", middle, strlen(middle));
	assert_int_equal(p.last_len, strlen(last));
	assert_memory_equal(p.last ? p.last : "", last, strlen(last));
}

static void test_split_name(void **state)
{
	(void)state;
	parts_are("Иванов Иван Иванович", "Иван", "Иванович", "Иванов");
	parts_are("  Иван   Петров ", "Иван", "", "Петров");
	parts_are("Петрова Анна", "Анна", "", "Петрова");
	parts_are("John Smith", "John", "", "Smith");
	parts_are("Смирнов", "", "", "Смирнов");
	parts_are("\xC2\xA0Ivan\xC2\xA0", "", "", "Ivan");
	parts_are("Jean Claude Van Damme", "Jean", "", "Claude Van Damme");
	parts_are("   ", "", "", "");
	parts_are("Иван, Пётр", "Пётр", "", "Иван");
	parts_are("Иванов, Пётр Сергеевич", "Пётр", "Сергеевич", "Иванов");
	parts_are("Smith, John", "John", "", "Smith");
	parts_are("Van Damme,", "Van", "", "Damme,");
}

static void test_phone_set(void **state)
{
	cg_phone_set set;
	uint64_t v, i;
	(void)state;

	assert_int_equal(cg_phone_set_init(&set, 0), 0);
	assert_int_equal(cg_phone_set_add(&set, 79123456789ULL, 2, NULL), 1);
	assert_int_equal(cg_phone_set_add(&set, 79123456789ULL, 7, &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(cg_phone_set_add(&set, 0, 1, NULL), -1);
	for (i = 0; i < 100000; i++)
		assert_int_equal(cg_phone_set_add(&set, 74950000000ULL + i * 7, i + 10, NULL), 1);
	assert_int_equal(set.count, 100001);
	for (i = 0; i < 100000; i++) {
		assert_true(cg_phone_set_find(&set, 74950000000ULL + i * 7, &v));
		assert_int_equal(v, i + 10);
	}
	assert_false(cg_phone_set_find(&set, 74950000001ULL, &v));
	assert_true(cg_phone_set_find(&set, 79123456789ULL, &v));
	assert_true(set.count * 2 <= set.cap);
	assert_int_equal(cg_phone_set_bytes(&set), set.cap * 16);
	cg_phone_set_free(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_map_build_and_overrides),
		cmocka_unit_test(test_split_name),
		cmocka_unit_test(test_phone_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
