/*
 * The bottom of the importer's files: its errors.  Its steps run statements
 * with cg_sql_run and read rows with cg_sql_select (sql_insert.h).
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

#endif
