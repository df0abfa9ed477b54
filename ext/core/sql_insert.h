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

/* Runs the buffer's text as one statement; -1 with *err ("doing" names it). */
int cg_sql_run(cg_db *db, cg_sqlbuf *b, const char *doing, cg_db_error *err);

typedef struct {
	cg_db *db;
	const char *head;   /* "INSERT INTO t (a, b) VALUES " */
	const char *doing;  /* for error messages: "inserting contacts" */
	cg_sqlbuf sql;
	size_t rows, limit;
	int values_in_row;
	int load;                /* LOAD DATA text (db->bulk_load when begun) */
} cg_insert;

/* An INSERT is sent when its text passes 1 MiB; LOAD DATA text streams, one statement per batch. */
void cg_insert_begin(cg_insert *ins, cg_db *db, const char *head, const char *doing);
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
 * Bytes of the longest prefix of UTF-8 s[0..len) with at most max_chars
 * characters (MariaDB's VARCHAR(n) counts characters).
 */
size_t cg_utf8_prefix(const char *s, size_t len, size_t max_chars);

#endif
