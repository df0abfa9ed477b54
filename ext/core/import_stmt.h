/*
 * The bottom of the importer's files: its errors and the one way its steps
 * read rows from the database (statements themselves: cg_sql_run, sql_insert.h).
 */
#ifndef CRMGUARD_IMPORT_STMT_H
#define CRMGUARD_IMPORT_STMT_H

#include "import.h"
#include "sqlbuf.h"

/* Sets err's kind and message (printf-style). */
void cg_import_set_err(cg_import_error *err, cg_import_error_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Makes the database error in err->db the run's error. */
void cg_import_db_err(cg_import_error *err);

/* Runs a SELECT and hands each row to fn: 0, 1 when fn stopped it (non-zero), -1 with *err. */
typedef int (*cg_import_row_fn)(void *ctx, MYSQL_ROW row, unsigned long *lengths, unsigned fields);
int cg_import_select(cg_db *db, const cg_sqlbuf *sql, const char *doing, cg_import_row_fn fn, void *ctx,
                     cg_db_error *err);

#endif
