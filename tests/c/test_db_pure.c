/*
 * Unit tests of the pure parts of the database layer: DSN parsing
 * (ext/core/dsn.h), SQL script splitting (sql_split.h), read detection
 * (cg_db_sql_is_read) and the CRM profiles (crm.h).  No server needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crm.h"
#include "db.h"
#include "dsn.h"
#include "sql_split.h"

/* Parses text copied into a block of exactly its length (valgrind sees overreads). */
static int parse(const char *text, cg_dsn *out, char *err, size_t err_size)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, text, len);
	rc = cg_dsn_parse(copy, len, out, err, err_size);
	free(copy);
	return rc;
}

static void test_dsn_forms(void **state)
{
	cg_dsn d;
	char err[256], desc[2048];

	(void)state;
	assert_int_equal(parse("mysql://crm:s3cret@db.example:3307/espocrm", &d, err, sizeof err), 0);
	assert_string_equal(d.user, "crm");
	assert_string_equal(d.password, "s3cret");
	assert_string_equal(d.host, "db.example");
	assert_int_equal(d.port, 3307);
	assert_string_equal(d.database, "espocrm");
	assert_string_equal(d.socket, "");
	assert_string_equal(d.charset, "utf8mb4");
	cg_dsn_describe(&d, desc, sizeof desc);
	assert_string_equal(desc, "mysql://crm@db.example:3307/espocrm");
	assert_null(strstr(desc, "s3cret"));
	cg_dsn_wipe(&d);
	assert_string_equal(d.password, "");

	assert_int_equal(parse("mariadb://u%40x:p%3Aw%2F%40@localhost/suite%20crm?socket=/run/my%20sql.sock&charset=utf8mb3", &d, err, sizeof err), 0);
	assert_string_equal(d.user, "u@x");
	assert_string_equal(d.password, "p:w/@");
	assert_string_equal(d.database, "suite crm");
	assert_string_equal(d.socket, "/run/my sql.sock");
	assert_string_equal(d.charset, "utf8mb3");
	cg_dsn_describe(&d, desc, sizeof desc);
	assert_null(strstr(desc, "p:w"));

	/* No password, no port; a socket without a host. */
	assert_int_equal(parse("mysql://root@/db?socket=/tmp/s", &d, err, sizeof err), 0);
	assert_string_equal(d.password, "");
	assert_string_equal(d.host, "");
	assert_int_equal(d.port, 0);
}

static void test_dsn_errors(void **state)
{
	static const char *const bad[][2] = {
		{"pgsql://u:p@h/db", "must start with"},
		{"mysql://u:p@h:0/db", "port"},
		{"mysql://u:p@h:70000/db", "port"},
		{"mysql://u:p@h:/db", "port is empty"},
		{"mysql://u:p@h:12a/db", "port"},
		{"mysql://u:p@h/", "database name is missing"},
		{"mysql://u:p@h", "database name is missing"},
		{"mysql://u:p@/db", "give a host"},
		{"mysql://u:p%zz@h/db", "password is malformed"},
		{"mysql://u%0:p@h/db", "user name is malformed"},
		{"mysql://u:p@h/db?ssl=1", "unknown query parameter"},
		{"mysql://u:p@h/db?socket", "no '='"},
		{"mysql://u:p%00x@h/db", "password is malformed"},
	};
	cg_dsn d;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(err, 0, sizeof err);
		assert_int_equal(parse(bad[i][0], &d, err, sizeof err), -1);
		if (!strstr(err, bad[i][1]))
			fail_msg("%s: '%s' lacks '%s'", bad[i][0], err, bad[i][1]);
		/* The password (always "p" in these) is never part of the message's address part. */
		assert_null(strstr(err, ":p@"));
	}
	/* A NUL byte inside the text. */
	assert_int_equal(cg_dsn_parse("mysql://u:p@h/d\0b", 17, &d, err, sizeof err), -1);
	assert_non_null(strstr(err, "NUL"));
}

static void collect(const char *sql, char out[][64], unsigned lines[], size_t *n)
{
	size_t len = strlen(sql), pos = 0, start, end;
	char *copy = malloc(len ? len : 1);
	unsigned line;

	assert_non_null(copy);
	memcpy(copy, sql, len);
	*n = 0;
	while (cg_sql_next_statement(copy, len, &pos, &start, &end, &line)) {
		assert_true(end - start < 64);
		memcpy(out[*n], copy + start, end - start);
		out[*n][end - start] = '\0';
		lines[*n] = line;
		(*n)++;
	}
	free(copy);
}

static void test_sql_split(void **state)
{
	char out[8][64];
	unsigned lines[8];
	size_t n;

	(void)state;
	collect("-- header; comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (';'), (\"\\\";\");  # tail;\n"
	        "/* block; */ SELECT `we;ird` FROM a -- trailing;\n;;\n  ", out, lines, &n);
	assert_int_equal(n, 3);
	assert_string_equal(out[0], "CREATE TABLE a (x INT)");
	assert_int_equal(lines[0], 2);
	assert_string_equal(out[1], "INSERT INTO a VALUES (';'), (\"\\\";\")");
	assert_int_equal(lines[1], 4);
	assert_string_equal(out[2], "SELECT `we;ird` FROM a");
	assert_int_equal(lines[2], 5);

	collect("", out, lines, &n);
	assert_int_equal(n, 0);
	collect("  -- only a comment\n/* and ; another */", out, lines, &n);
	assert_int_equal(n, 0);
	/* No final semicolon; an unterminated quote runs to the end. */
	collect("SELECT 1; SELECT 'x;", out, lines, &n);
	assert_int_equal(n, 2);
	assert_string_equal(out[0], "SELECT 1");
	assert_string_equal(out[1], "SELECT 'x;");
	/* MariaDB executable comments are statements. */
	collect("/*!40101 SET NAMES utf8 */;\nSELECT 2", out, lines, &n);
	assert_int_equal(n, 2);
	assert_string_equal(out[0], "/*!40101 SET NAMES utf8 */");
	assert_int_equal(lines[1], 2);
}

static void test_sql_is_read(void **state)
{
	(void)state;
	assert_true(cg_db_sql_is_read("SELECT 1", 8));
	assert_true(cg_db_sql_is_read("  -- c\n /* x */ (select 1)", 26));
	assert_true(cg_db_sql_is_read("show tables", 11));
	assert_true(cg_db_sql_is_read("WITH a AS (SELECT 1) SELECT * FROM a", 36));
	assert_false(cg_db_sql_is_read("UPDATE t SET a = 1", 18));
	assert_false(cg_db_sql_is_read("SELECTED", 8));
	assert_false(cg_db_sql_is_read("", 0));
	assert_false(cg_db_sql_is_read("INSERT INTO t SELECT 1", 22));
}

static void test_crm_profiles(void **state)
{
	cg_crm crm;
	cg_entity_kind kind;
	const cg_crm_profile *p;

	(void)state;
	assert_int_equal(cg_crm_from_name("espocrm", 7, &crm), 0);
	assert_int_equal(crm, CG_CRM_ESPOCRM);
	assert_int_equal(cg_crm_from_name("SuiteCRM", 8, &crm), 0);
	assert_int_equal(crm, CG_CRM_SUITECRM);
	assert_int_equal(cg_crm_from_name("suitecrm8", 9, &crm), -1);
	assert_int_equal(cg_crm_from_name("", 0, &crm), -1);

	p = cg_crm_profile_of(CG_CRM_ESPOCRM);
	assert_string_equal(p->name, "espocrm");
	assert_int_equal(cg_crm_entity_from_type(p, "Contact", 7, &kind), 0);
	assert_int_equal(kind, CG_ENTITY_CONTACT);
	assert_int_equal(cg_crm_entity_from_type(p, "Contacts", 8, &kind), -1);
	assert_non_null(p->phone_table);
	assert_int_equal(p->entities[CG_ENTITY_LEAD].phone_column_count, 0);
	assert_non_null(strstr(p->entities[CG_ENTITY_LEAD].live_sql, "Converted"));
	assert_null(p->user_supervisor_column);

	p = cg_crm_profile_of(CG_CRM_SUITECRM);
	assert_string_equal(p->name, "suitecrm");
	assert_int_equal(cg_crm_entity_from_type(p, "Leads", 5, &kind), 0);
	assert_int_equal(kind, CG_ENTITY_LEAD);
	assert_null(p->phone_table);
	assert_int_equal(p->entities[CG_ENTITY_ACCOUNT].phone_column_count, 3);
	assert_string_equal(p->entities[CG_ENTITY_ACCOUNT].phone_columns[0], "phone_office");
	assert_int_equal(p->entities[CG_ENTITY_CONTACT].phone_column_count, 5);
	assert_non_null(strstr(p->entities[CG_ENTITY_LEAD].live_sql, "converted"));
	assert_string_equal(p->status_column, "crmguard_status_c");
	assert_string_equal(p->user_supervisor_column, "reports_to_id");
	/* Type names sort as the entity kinds do (the index is built in that order). */
	for (int crm_i = 0; crm_i < 2; crm_i++) {
		p = cg_crm_profile_of((cg_crm)crm_i);
		for (int k = 1; k < CG_ENTITY_COUNT; k++)
			assert_true(strcmp(p->entities[k - 1].type_name, p->entities[k].type_name) < 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dsn_forms),
		cmocka_unit_test(test_dsn_errors),
		cmocka_unit_test(test_sql_split),
		cmocka_unit_test(test_sql_is_read),
		cmocka_unit_test(test_crm_profiles),
	};

	return cmocka_run_group_tests_name("db_pure", tests, NULL, NULL);
}
