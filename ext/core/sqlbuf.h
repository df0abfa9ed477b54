/*
 * Building SQL text: a growable buffer with quoting of values (multi-row
 * INSERTs on top of it are in sql_insert.h).  Values are escaped with the
 * connection's character set (mysql_real_escape_string) when a connection is
 * given; without one (unit tests) with the same rules for an ASCII-compatible
 * character set such as utf8mb4.
 */
#ifndef CRMGUARD_SQLBUF_H
#define CRMGUARD_SQLBUF_H

#include <stddef.h>
#include <stdint.h>

#include <mysql.h>

#include "db.h"

typedef struct {
	char *data;   /* NUL-terminated while not failed */
	size_t len;
	size_t cap;
	int failed;   /* an allocation failed: the text is incomplete */
} cg_sqlbuf;

void cg_sqlbuf_init(cg_sqlbuf *b);
void cg_sqlbuf_free(cg_sqlbuf *b);
void cg_sqlbuf_truncate(cg_sqlbuf *b, size_t len);
void cg_sqlbuf_append(cg_sqlbuf *b, const char *s, size_t n);
void cg_sqlbuf_appends(cg_sqlbuf *b, const char *s);
/* printf into the buffer, for SQL text without values (names from the CRM
 * profile, numbers); values go through cg_sqlbuf_append_quoted. */
void cg_sqlbuf_printf(cg_sqlbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void cg_sqlbuf_append_u64(cg_sqlbuf *b, uint64_t v);
void cg_sqlbuf_append_i64(cg_sqlbuf *b, long long v);
/* 's...' with quotes; mysql may be NULL (see above). */
void cg_sqlbuf_append_quoted(cg_sqlbuf *b, MYSQL *mysql, const char *s, size_t n);
/* A field of LOAD DATA text (FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES
 * TERMINATED BY '\n', db_load.h): backslash, tab, newline, CR and NUL escaped;
 * s == NULL gives \N (SQL NULL). */
void cg_sqlbuf_append_tsv(cg_sqlbuf *b, const char *s, size_t n);

#endif
