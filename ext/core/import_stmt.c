/*
 * The importer's errors (import_stmt.h): every step of a run sits above this
 * file and nothing here calls up.
 */
#include "import_stmt.h"

#include <stdarg.h>
#include <stdio.h>

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
