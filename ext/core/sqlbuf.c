/*
 * A growable SQL text buffer with quoting of values (sqlbuf.h).
 */
#include "sqlbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cg_sqlbuf_init(cg_sqlbuf *b)
{
	memset(b, 0, sizeof *b);
}

void cg_sqlbuf_free(cg_sqlbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void cg_sqlbuf_truncate(cg_sqlbuf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

/* Room for n more bytes and a NUL; 0 or -1 (failed set). */
static int reserve(cg_sqlbuf *b, size_t n)
{
	size_t want, cap;
	char *p;

	if (b->failed)
		return -1;
	if (n > SIZE_MAX / 2 - b->len - 1) {
		b->failed = 1;
		return -1;
	}
	want = b->len + n + 1;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
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

void cg_sqlbuf_printf(cg_sqlbuf *b, const char *fmt, ...)
{
	va_list ap;
	char small[512], *big;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof small) {
		cg_sqlbuf_append(b, small, (size_t)n);
		return;
	}
	big = malloc((size_t)n + 1);
	if (!big) {
		b->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	cg_sqlbuf_append(b, big, (size_t)n);
	free(big);
}

void cg_sqlbuf_append_u64(cg_sqlbuf *b, uint64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v);

	cg_sqlbuf_append(b, tmp, (size_t)n);
}

void cg_sqlbuf_append_i64(cg_sqlbuf *b, long long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%lld", v);

	cg_sqlbuf_append(b, tmp, (size_t)n);
}

void cg_sqlbuf_append_quoted(cg_sqlbuf *b, MYSQL *mysql, const char *s, size_t n)
{
	char *out;

	/* Escaping at most doubles the length. */
	if (n > SIZE_MAX / 2 - 4 || reserve(b, 2 * n + 2) != 0) {
		b->failed = 1;
		return;
	}
	out = b->data + b->len;
	*out++ = '\'';
	if (mysql) {
		out += mysql_real_escape_string(mysql, out, s, (unsigned long)n);
	} else {
		for (size_t i = 0; i < n; i++) {
			char c = s[i], e = 0;
			switch (c) {
			case '\0': e = '0'; break;
			case '\n': e = 'n'; break;
			case '\r': e = 'r'; break;
			case '\\': e = '\\'; break;
			case '\'': e = '\''; break;
			case '"': e = '"'; break;
			case '\032': e = 'Z'; break;
			default: break;
			}
			if (e) {
				*out++ = '\\';
				*out++ = e;
			} else {
				*out++ = c;
			}
		}
	}
	*out++ = '\'';
	b->len = (size_t)(out - b->data);
	b->data[b->len] = '\0';
}

void cg_sqlbuf_append_tsv(cg_sqlbuf *b, const char *s, size_t n)
{
	size_t i, start = 0;

	if (!s) {
		cg_sqlbuf_append(b, "\\N", 2);
		return;
	}
	for (i = 0; i < n; i++) {
		char e;
		switch (s[i]) {
		case '\\': e = '\\'; break;
		case '\t': e = 't'; break;
		case '\n': e = 'n'; break;
		case '\r': e = 'r'; break;
		case '\0': e = '0'; break;
		default: continue;
		}
		cg_sqlbuf_append(b, s + start, i - start);
		cg_sqlbuf_append(b, (char[]){'\\', e}, 2);
		start = i + 1;
	}
	cg_sqlbuf_append(b, s + start, n - start);
}
