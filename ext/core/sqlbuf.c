#include "sqlbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cg_sqlbuf_init(cg_sqlbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void cg_sqlbuf_free(cg_sqlbuf *b)
{
	free(b->s);
	cg_sqlbuf_init(b);
}

static int reserve(cg_sqlbuf *b, size_t more)
{
	size_t cap;
	char *s;

	if (b->failed)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	s = realloc(b->s, cap);
	if (!s) {
		b->failed = 1;
		return -1;
	}
	b->s = s;
	b->cap = cap;
	return 0;
}

void cg_sqlbuf_put(cg_sqlbuf *b, const char *s, size_t len)
{
	if (reserve(b, len) != 0)
		return;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void cg_sqlbuf_puts(cg_sqlbuf *b, const char *s)
{
	cg_sqlbuf_put(b, s, strlen(s));
}

void cg_sqlbuf_quote(cg_sqlbuf *b, MYSQL *mysql, const char *value, size_t len)
{
	if (!value) {
		cg_sqlbuf_puts(b, "NULL");
		return;
	}
	if (reserve(b, 2 * len + 2) != 0)
		return;
	b->s[b->len++] = '\'';
	b->len += mysql_real_escape_string(mysql, b->s + b->len, value, (unsigned long)len);
	b->s[b->len++] = '\'';
	b->s[b->len] = '\0';
}

void cg_sqlbuf_ull(cg_sqlbuf *b, unsigned long long v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%llu", v);

	cg_sqlbuf_put(b, num, (size_t)n);
}

void cg_sqlbuf_fragment(cg_sqlbuf *b, const char *fragment, const char *alias)
{
	const char *p;

	while ((p = strstr(fragment, "{t}")) != NULL) {
		cg_sqlbuf_put(b, fragment, (size_t)(p - fragment));
		cg_sqlbuf_puts(b, alias);
		fragment = p + 3;
	}
	cg_sqlbuf_puts(b, fragment);
}

int cg_sql_is_identifier(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
		if (!ok)
			return 0;
	}
	return 1;
}
