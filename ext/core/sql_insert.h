/*
 * Built SQL text run: a statement (cg_sql_exec), a read whose rows go to a
 * callback (cg_sql_select, over cg_db_query), and every multi-row INSERT.
 *
 * Multi-row INSERTs are built value by value on cg_sqlbuf (sqlbuf.h, every value
 * escaped for the connection) and sent whenever they grow past a size limit:
 * the bulk importer's one round trip per thousand rows instead of one per row.
 *
 * When db->bulk_load is set (the server allows LOAD DATA LOCAL, db_load.h),
 * the same calls build LOAD DATA text instead and send it with
 * cg_db_load_stream(): the server parses tab-separated values several times
 * more cheaply than an INSERT's literals, and the whole batch of a table
 * goes in one statement.  The rows and values are the same either way.
 * The phone index rebuild streams its rows the same way (cg_insert_stream).
 */
#ifndef CRMGUARD_SQL_INSERT_H
#define CRMGUARD_SQL_INSERT_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "sqlbuf.h"

/* Runs len bytes of SQL as one statement, never retried: 0, or -1 with *err
 * ("doing" starts its message).  sql NULL: building it ran out of memory. */
int cg_sql_exec(cg_db *db, const char *sql, size_t len, const char *doing, cg_db_error *err);

/* The same for the text of a buffer (one that failed to grow: out of memory). */
static inline int cg_sql_run(cg_db *db, const cg_sqlbuf *b, const char *doing, cg_db_error *err)
{
	return cg_sql_exec(db, b->failed ? NULL : b->data, b->len, doing, err);
}

/* Runs a read of a buffer's text with cg_db_query and hands each row to row (a
 * non-zero return stops it): 0, 1 when row stopped it, -1 with *err (doing, when
 * not NULL, starts its message). */
typedef int (*cg_sql_row_fn)(void *ctx, const cg_db_cell *cells, unsigned count);
int cg_sql_select(cg_db *db, const cg_sqlbuf *sql, const char *doing, cg_sql_row_fn row, void *ctx,
                  cg_db_error *err);

typedef struct {
	cg_db *db;
	cg_sqlbuf head;     /* "INSERT INTO `t` (`a`, `b`) VALUES ", or the LOAD DATA statement */
	const char *doing;  /* for error messages: "inserting contacts" */
	cg_sqlbuf sql;
	unsigned long long rows;     /* rows held, not sent yet */
	unsigned long long affected; /* rows the server wrote, over every statement sent */
	size_t limit;
	int values_in_row;
	int load;                /* LOAD DATA text (db->bulk_load when begun) */
} cg_insert;

/* Rows for table's columns ("`a`, `b`").  An INSERT is sent when its text passes 1 MiB;
 * LOAD DATA text streams, one statement per batch. */
void cg_insert_begin(cg_insert *ins, cg_db *db, const char *table, const char *columns, const char *doing);
/* Always INSERTs, never LOAD DATA: verb is "INSERT" or "INSERT IGNORE" (a row whose key is
 * there already is skipped), and a statement is sent when its text passes limit bytes
 * (SIZE_MAX: only by cg_insert_finish, for rows made while the connection still reads). */
void cg_insert_begin_sql(cg_insert *ins, cg_db *db, const char *verb, const char *table, const char *columns,
                         size_t limit, const char *doing);
void cg_insert_row(cg_insert *ins);                      /* opens the next row */
void cg_insert_str(cg_insert *ins, const char *s, size_t len); /* NULL: SQL NULL */
void cg_insert_cstr(cg_insert *ins, const char *s);            /* NULL: SQL NULL */
void cg_insert_u64(cg_insert *ins, uint64_t v);
/* An SQL literal: NULL, a number or a plain quoted string ('New'). */
void cg_insert_literal(cg_insert *ins, const char *sql);
/* Closes the row; sends the statement when it is over the limit. */
int cg_insert_end_row(cg_insert *ins, cg_db_error *err);
/* Sends what is left and frees the buffer (ins->affected stays). */
int cg_insert_finish(cg_insert *ins, cg_db_error *err);
void cg_insert_discard(cg_insert *ins);

/*
 * LOAD DATA only (ins->load): sends the rows held and, in the same statement,
 * those that more() adds with cg_insert_row() ... cg_insert_end_row() while the
 * server reads the text: more returns 0 to be called again, 1 when it has no
 * more rows, -1 with *err.  more NULL: the rows held.  0, or -1 with *err.
 */
typedef int (*cg_insert_more_fn)(void *ctx, cg_db_error *err);
int cg_insert_stream(cg_insert *ins, cg_insert_more_fn more, void *ctx, cg_db_error *err);

/*
 * Bytes of the longest prefix of UTF-8 s[0..len) with at most max_chars
 * characters (MariaDB's VARCHAR(n) counts characters).
 */
size_t cg_utf8_prefix(const char *s, size_t len, size_t max_chars);

#endif
