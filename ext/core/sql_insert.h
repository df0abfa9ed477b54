/*
 * Multi-row INSERTs built value by value on cg_sqlbuf (sqlbuf.h, every value
 * escaped for the connection) and sent whenever they grow past a size limit:
 * the bulk importer's one round trip per thousand rows instead of one per row.
 *
 * When db->bulk_load is set (the server allows LOAD DATA LOCAL, db_load.h),
 * the same calls build LOAD DATA text instead and send it with
 * cg_db_load_stream(): the server parses tab-separated values several times
 * more cheaply than an INSERT's literals, and the whole batch of a table
 * goes in one statement.  The rows and values are the same either way.
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

typedef struct {
	cg_db *db;
	cg_sqlbuf head;     /* "INSERT INTO `t` (`a`, `b`) VALUES ", or the LOAD DATA statement */
	const char *doing;  /* for error messages: "inserting contacts" */
	cg_sqlbuf sql;
	size_t rows, limit;
	int values_in_row;
	int load;                /* LOAD DATA text (db->bulk_load when begun) */
} cg_insert;

/* Rows for table's columns ("`a`, `b`").  An INSERT is sent when its text passes 1 MiB;
 * LOAD DATA text streams, one statement per batch. */
void cg_insert_begin(cg_insert *ins, cg_db *db, const char *table, const char *columns, const char *doing);
void cg_insert_row(cg_insert *ins);                      /* opens the next row */
void cg_insert_str(cg_insert *ins, const char *s, size_t len); /* NULL: SQL NULL */
void cg_insert_cstr(cg_insert *ins, const char *s);            /* NULL: SQL NULL */
void cg_insert_u64(cg_insert *ins, uint64_t v);
/* An SQL literal: NULL, a number or a plain quoted string ('New'). */
void cg_insert_literal(cg_insert *ins, const char *sql);
/* Closes the row; sends the statement when it is over the limit. */
int cg_insert_end_row(cg_insert *ins, cg_db_error *err);
/* Sends what is left and frees the buffer. */
int cg_insert_finish(cg_insert *ins, cg_db_error *err);
void cg_insert_discard(cg_insert *ins);

/*
 * A multi-row INSERT of bound values: "INSERT INTO t (a, b) VALUES (..), (..)".
 * Rows are added until cg_batch_full(); cg_batch_flush() sends them and
 * empties the batch (the prefix stays).
 */
typedef struct {
	cg_sqlbuf sql;
	size_t prefix_len;
	size_t rows;
	size_t max_bytes;
} cg_batch;

void cg_batch_init(cg_batch *b, const char *prefix, size_t max_bytes);
void cg_batch_free(cg_batch *b);
void cg_batch_add_row(cg_batch *b, MYSQL *mysql, const cg_db_value *values, size_t count);
int cg_batch_full(const cg_batch *b);
/* Sends the rows (nothing when there are none); 0, or -1 with err filled.
 * *inserted (may be NULL) grows by the affected rows. */
int cg_batch_flush(cg_batch *b, cg_db *db, unsigned long long *inserted, cg_db_error *err);

/*
 * Bytes of the longest prefix of UTF-8 s[0..len) with at most max_chars
 * characters (MariaDB's VARCHAR(n) counts characters).
 */
size_t cg_utf8_prefix(const char *s, size_t len, size_t max_chars);

#endif
