/*
 * Unit tests of the SQL text builder (ext/core/sqlbuf.h) and the multi-row
 * INSERT (ext/core/sql_insert.h), without a server (the portable escaper).
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

/* The multi-row INSERT (sql_insert.h) and the same rows as LOAD DATA text, without a server. */
static void put_row(cg_insert *ins, uint64_t n)
{
	cg_insert_row(ins);
	cg_insert_cstr(ins, "Contact");
	cg_insert_str(ins, "id'1", 4);
	cg_insert_u64(ins, n);
	cg_insert_literal(ins, "NULL");
}

static void test_insert(void **state)
{
	cg_db db = {0};
	cg_db_error err;
	cg_insert ins;
	size_t head;

	(void)state;
	cg_insert_begin_sql(&ins, &db, "INSERT IGNORE", "t", "a, b, c, d", SIZE_MAX, "testing");
	head = ins.head.len;
	put_row(&ins, 79123456789ULL);
	assert_int_equal(cg_insert_end_row(&ins, &err), 0);
	assert_string_equal(ins.sql.data, "INSERT IGNORE INTO `t` (a, b, c, d) VALUES ('Contact','id\\'1',79123456789,NULL)");
	put_row(&ins, 1);
	assert_int_equal(cg_insert_end_row(&ins, &err), 0);
	assert_int_equal(ins.rows, 2);
	assert_string_equal(ins.sql.data + head, "('Contact','id\\'1',79123456789,NULL),('Contact','id\\'1',1,NULL)");
	cg_insert_discard(&ins);

	db.bulk_load = 1;
	cg_insert_begin(&ins, &db, "t", "a, b, c, d", "testing");
	assert_true(ins.load);
	assert_string_equal(ins.head.data, "LOAD DATA LOCAL INFILE 'crmguard-stream' INTO TABLE `t` CHARACTER SET utf8mb4 "
	                    "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (a, b, c, d)");
	put_row(&ins, 79123456789ULL);
	assert_int_equal(cg_insert_end_row(&ins, &err), 0);
	put_row(&ins, 1);
	assert_int_equal(cg_insert_end_row(&ins, &err), 0);
	assert_string_equal(ins.sql.data, "Contact\tid'1\t79123456789\t\\N\nContact\tid'1\t1\t\\N\n");
	cg_insert_discard(&ins);
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
		cmocka_unit_test(test_insert),
		cmocka_unit_test(test_tsv),
	};

	return cmocka_run_group_tests_name("sqlbuf", tests, NULL, NULL);
}
