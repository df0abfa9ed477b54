/*
 * Splitting an SQL script (crmguard's sql/ files) into statements at the
 * semicolons that are not inside quotes ('', "", ``) or comments (-- , #,
 * C-style).  Plain C, no allocation.
 */
#ifndef CRMGUARD_SQL_SPLIT_H
#define CRMGUARD_SQL_SPLIT_H

#include <stddef.h>

/*
 * Finds the next statement at or after *pos: sets [*start, *end) (without the
 * ';' and the spaces around it), *line (1-based line of its first character)
 * and moves *pos past it.  Statements holding only spaces and comments are
 * skipped.  Returns 0 when no statement is left.
 */
int cg_sql_next_statement(const char *sql, size_t len, size_t *pos, size_t *start, size_t *end, unsigned *line);

#endif
