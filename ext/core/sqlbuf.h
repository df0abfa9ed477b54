/*
 * Building SQL text: a growable buffer with quoting of values
 * (mysql_real_escape_string with the connection's character set).
 * The same API as db-index's sqlbuf (which replaces this file when merged).
 */
#ifndef CRMGUARD_SQLBUF_H
#define CRMGUARD_SQLBUF_H

#include <stddef.h>
#include <stdint.h>

#include <mysql.h>

typedef struct {
	char *data;   /* NUL-terminated while not failed */
	size_t len;
	size_t cap;
	int failed;   /* an allocation failed: the text is incomplete */
} cg_sqlbuf;

void cg_sqlbuf_init(cg_sqlbuf *b);
void cg_sqlbuf_free(cg_sqlbuf *b);
void cg_sqlbuf_append(cg_sqlbuf *b, const char *s, size_t n);
void cg_sqlbuf_appends(cg_sqlbuf *b, const char *s);
void cg_sqlbuf_append_u64(cg_sqlbuf *b, uint64_t v);
/* 's...' with quotes. */
void cg_sqlbuf_append_quoted(cg_sqlbuf *b, MYSQL *mysql, const char *s, size_t n);

#endif
