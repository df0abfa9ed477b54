#include "sql_insert.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(cg_sqlbuf *b, size_t more)
{
	size_t cap;
	char *grown;

	if (b->oom)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more + 1)
		cap *= 2;
	grown = realloc(b->buf, cap);
	if (!grown) {
		b->oom = 1;
		return -1;
	}
	b->buf = grown;
	b->cap = cap;
	return 0;
}

void cg_sqlbuf_free(cg_sqlbuf *b)
{
	free(b->buf);
	memset(b, 0, sizeof *b);
}

void cg_sql_rawn(cg_sqlbuf *b, const char *text, size_t len)
{
	if (reserve(b, len) < 0)
		return;
	memcpy(b->buf + b->len, text, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void cg_sql_raw(cg_sqlbuf *b, const char *text)
{
	cg_sql_rawn(b, text, strlen(text));
}

void cg_sql_printf(cg_sqlbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || reserve(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void cg_sql_str(cg_sqlbuf *b, MYSQL *mysql, const char *s, size_t len)
{
	if (!s) {
		cg_sql_rawn(b, "NULL", 4);
		return;
	}
	if (reserve(b, 2 * len + 3) < 0)
		return;
	b->buf[b->len++] = '\'';
	b->len += mysql_real_escape_string(mysql, b->buf + b->len, s, (unsigned long)len);
	b->buf[b->len++] = '\'';
	b->buf[b->len] = '\0';
}

void cg_sql_u64(cg_sqlbuf *b, uint64_t v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%llu", (unsigned long long)v);
	cg_sql_rawn(b, num, (size_t)n);
}

int cg_sql_run(cg_db *db, cg_sqlbuf *b, const char *doing, cg_db_error *err)
{
	if (b->oom) {
		snprintf(err->message, sizeof err->message, "%s: out of memory", doing);
		err->code = 0;
		snprintf(err->sqlstate, sizeof err->sqlstate, "HY001");
		return -1;
	}
	if (mysql_real_query(db->mysql, b->buf, (unsigned long)b->len) != 0) {
		cg_db_set_error(db, doing, err);
		return -1;
	}
	return 0;
}

/* ---- multi-row INSERT ------------------------------------------------------ */

void cg_insert_begin(cg_insert *ins, cg_db *db, const char *head, const char *doing, size_t limit)
{
	memset(ins, 0, sizeof *ins);
	ins->db = db;
	ins->head = head;
	ins->doing = doing;
	ins->limit = limit ? limit : ((size_t)1 << 20);
}

void cg_insert_row(cg_insert *ins)
{
	if (ins->rows == 0) {
		ins->sql.len = 0;
		cg_sql_raw(&ins->sql, ins->head);
		cg_sql_rawn(&ins->sql, "(", 1);
	} else {
		cg_sql_rawn(&ins->sql, ",(", 2);
	}
	ins->values_in_row = 0;
}

static void comma(cg_insert *ins)
{
	if (ins->values_in_row++ > 0)
		cg_sql_rawn(&ins->sql, ",", 1);
}

void cg_insert_str(cg_insert *ins, const char *s, size_t len)
{
	comma(ins);
	cg_sql_str(&ins->sql, ins->db->mysql, s, len);
}

void cg_insert_cstr(cg_insert *ins, const char *s)
{
	cg_insert_str(ins, s, s ? strlen(s) : 0);
}

void cg_insert_u64(cg_insert *ins, uint64_t v)
{
	comma(ins);
	cg_sql_u64(&ins->sql, v);
}

void cg_insert_literal(cg_insert *ins, const char *sql)
{
	comma(ins);
	cg_sql_raw(&ins->sql, sql);
}

static int send(cg_insert *ins, cg_db_error *err)
{
	int rc = cg_sql_run(ins->db, &ins->sql, ins->doing, err);
	ins->sent_rows += ins->rows;
	ins->rows = 0;
	return rc;
}

int cg_insert_end_row(cg_insert *ins, cg_db_error *err)
{
	cg_sql_rawn(&ins->sql, ")", 1);
	ins->rows++;
	if (ins->sql.len >= ins->limit)
		return send(ins, err);
	return 0;
}

int cg_insert_finish(cg_insert *ins, cg_db_error *err)
{
	int rc = 0;

	if (ins->rows > 0)
		rc = send(ins, err);
	cg_sqlbuf_free(&ins->sql);
	return rc;
}

void cg_insert_discard(cg_insert *ins)
{
	cg_sqlbuf_free(&ins->sql);
	ins->rows = 0;
}

size_t cg_utf8_prefix(const char *s, size_t len, size_t max_chars)
{
	size_t i = 0, chars = 0;

	while (i < len && chars < max_chars) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	return i;
}
