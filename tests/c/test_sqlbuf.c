/*
 * Unit tests of the SQL text builder and the multi-row INSERT batch
 * (ext/core/sqlbuf.h), without a server (the portable escaper).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sql_insert.h"
#include "sqlbuf.h"

static void test_quoting(void **state)
{
	cg_sqlbuf b;
	static const char nasty[] = "a'b\"c\\d\0e\nf\rg\032h; DROP TABLE x; --";

	(void)state;
	cg_sqlbuf_init(&b);
	cg_sqlbuf_append_quoted(&b, NULL, nasty, sizeof nasty - 1);
	assert_string_equal(b.data, "'a\\'b\\\"c\\\\d\\0e\\nf\\rg\\Zh; DROP TABLE x; --'");
	cg_sqlbuf_truncate(&b, 0);
	cg_sqlbuf_append_quoted(&b, NULL, "Ромашка", strlen("Ромашка"));
	assert_string_equal(b.data, "'Ромашка'");
	cg_sqlbuf_truncate(&b, 0);
	cg_sqlbuf_append_quoted(&b, NULL, "", 0);
	assert_string_equal(b.data, "''");
	cg_sqlbuf_truncate(&b, 0);
	cg_sqlbuf_append_u64(&b, UINT64_MAX);
	cg_sqlbuf_appends(&b, " ");
	cg_sqlbuf_append_i64(&b, -9223372036854775807LL - 1);
	assert_string_equal(b.data, "18446744073709551615 -9223372036854775808");
	assert_false(b.failed);
	cg_sqlbuf_free(&b);
}

static void test_growth(void **state)
{
	cg_sqlbuf b;
	char chunk[1000];

	(void)state;
	memset(chunk, 'x', sizeof chunk);
	cg_sqlbuf_init(&b);
	for (int i = 0; i < 3000; i++)
		cg_sqlbuf_append(&b, chunk, sizeof chunk);
	assert_int_equal(b.len, 3000000);
	assert_int_equal(strlen(b.data), 3000000);
	assert_true(b.cap > b.len);
	cg_sqlbuf_free(&b);
}

static void test_batch(void **state)
{
	cg_batch b;
	cg_db_value row[4] = {
		{.type = CG_DB_STRING, .s = "Contact", .len = 7},
		{.type = CG_DB_STRING, .s = "id'1", .len = 4},
		{.type = CG_DB_INT, .i = 79123456789LL},
		{.type = CG_DB_NULL},
	};
	cg_db_value dbl = {.type = CG_DB_DOUBLE, .d = 0.5};

	(void)state;
	cg_batch_init(&b, "INSERT INTO t (a, b, c, d) VALUES ", 90);
	assert_false(cg_batch_full(&b));
	cg_batch_add_row(&b, NULL, row, 4);
	assert_string_equal(b.sql.data, "INSERT INTO t (a, b, c, d) VALUES ('Contact','id\\'1',79123456789,NULL)");
	assert_false(cg_batch_full(&b));
	row[2].i = 1;
	cg_batch_add_row(&b, NULL, row, 4);
	assert_int_equal(b.rows, 2);
	assert_string_equal(b.sql.data + b.prefix_len, "('Contact','id\\'1',79123456789,NULL),('Contact','id\\'1',1,NULL)");
	assert_true(cg_batch_full(&b));
	/* What a flush leaves: the prefix, ready for the next rows. */
	cg_sqlbuf_truncate(&b.sql, b.prefix_len);
	b.rows = 0;
	cg_batch_add_row(&b, NULL, &dbl, 1);
	assert_string_equal(b.sql.data, "INSERT INTO t (a, b, c, d) VALUES (0.5)");
	cg_batch_free(&b);
}

/* LOAD DATA text: tab, newline, CR, backslash and NUL escaped; NULL as \N; nothing else touched. */
static void test_tsv(void **state)
{
	cg_sqlbuf b;

	(void)state;
	cg_sqlbuf_init(&b);
	cg_sqlbuf_append_tsv(&b, "a\tb\nc\rd\\e\0f'\"g", 14);
	assert_int_equal(b.len, 19);
	assert_memory_equal(b.data, "a\\tb\\nc\\rd\\\\e\\0f'\"g", 19);
	cg_sqlbuf_truncate(&b, 0);
	cg_sqlbuf_append_tsv(&b, NULL, 0);
	cg_sqlbuf_append_tsv(&b, "\\N", 2);
	cg_sqlbuf_append_tsv(&b, "тел. 8", strlen("тел. 8"));
	assert_string_equal(b.data, "\\N\\\\Nтел. 8");
	cg_sqlbuf_truncate(&b, 0);
	cg_sqlbuf_append_tsv(&b, "", 0);
	assert_int_equal(b.len, 0);
	cg_sqlbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_tsv),
	};

	return cmocka_run_group_tests_name("sqlbuf", tests, NULL, NULL);
}
