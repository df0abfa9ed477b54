/*
 * A growing SQL text with values quoted through the connection's own
 * escaping (mysql_real_escape_string), for the few statements crmguard
 * writes by hand.  Identifiers come from the CRM profiles or are checked by
 * cg_sql_is_identifier() before they are put in backquotes.
 */
#ifndef CRMGUARD_SQLBUF_H
#define CRMGUARD_SQLBUF_H

#include <stddef.h>

#include <mysql.h>

typedef struct {
	char *s;
	size_t len, cap;
	int failed;     /* out of memory: every later append is ignored */
} cg_sqlbuf;

void cg_sqlbuf_init(cg_sqlbuf *b);
void cg_sqlbuf_free(cg_sqlbuf *b);
void cg_sqlbuf_put(cg_sqlbuf *b, const char *s, size_t len);
void cg_sqlbuf_puts(cg_sqlbuf *b, const char *s);
/* 'value' escaped for mysql's connection charset; NULL value: NULL. */
void cg_sqlbuf_quote(cg_sqlbuf *b, MYSQL *mysql, const char *value, size_t len);
void cg_sqlbuf_ull(cg_sqlbuf *b, unsigned long long v);
/* Appends text with each "{t}" replaced by alias (for the profiles' fragments over `t`). */
void cg_sqlbuf_fragment(cg_sqlbuf *b, const char *fragment, const char *alias);

/* [A-Za-z_][A-Za-z0-9_]{0,63} */
int cg_sql_is_identifier(const char *s, size_t len);

#endif
