/*
 * The importer's errors and its one way of reading rows (import_stmt.h):
 * every step of a run sits above this file and nothing here calls up.
 */
#include "import_stmt.h"

#include <stdarg.h>
#include <stdio.h>

#include "sql_insert.h"

void cg_import_set_err(cg_import_error *err, cg_import_error_kind kind, const char *fmt, ...)
{
	va_list ap;

	err->kind = kind;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

void cg_import_db_err(cg_import_error *err)
{
	err->kind = CG_IMPORT_ERR_DB;
	snprintf(err->message, sizeof err->message, "%s", err->db.message);
}

int cg_import_select(cg_db *db, const cg_sqlbuf *sql, const char *doing, cg_import_row_fn fn, void *ctx,
                     cg_db_error *err)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	int rc = 0;

	if (cg_sql_run(db, sql, doing, err) < 0)
		return -1;
	res = mysql_store_result(db->mysql);
	if (!res) {
		if (mysql_field_count(db->mysql) == 0)
			return 0;
		cg_db_set_error(db, doing, err);
		return -1;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (fn(ctx, row, mysql_fetch_lengths(res), mysql_num_fields(res)) != 0) {
			rc = 1;
			break;
		}
	}
	mysql_free_result(res);
	return rc;
}
