#include "sqlbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cg_sqlbuf_init(cg_sqlbuf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void cg_sqlbuf_free(cg_sqlbuf *b)
{
	free(b->data);
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
	s = realloc(b->data, cap);
	if (!s) {
		b->failed = 1;
		return -1;
	}
	b->data = s;
	b->cap = cap;
	return 0;
}

void cg_sqlbuf_append(cg_sqlbuf *b, const char *s, size_t n)
{
	if (reserve(b, n) != 0)
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void cg_sqlbuf_appends(cg_sqlbuf *b, const char *s)
{
	cg_sqlbuf_append(b, s, strlen(s));
}

void cg_sqlbuf_append_quoted(cg_sqlbuf *b, MYSQL *mysql, const char *s, size_t n)
{
	if (reserve(b, 2 * n + 2) != 0)
		return;
	b->data[b->len++] = '\'';
	b->len += mysql_real_escape_string(mysql, b->data + b->len, s, (unsigned long)n);
	b->data[b->len++] = '\'';
	b->data[b->len] = '\0';
}

void cg_sqlbuf_append_u64(cg_sqlbuf *b, uint64_t v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%llu", (unsigned long long)v);

	cg_sqlbuf_append(b, num, (size_t)n);
}
