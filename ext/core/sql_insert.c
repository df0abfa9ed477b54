#include "sql_insert.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cg_sql_printf(cg_sqlbuf *b, const char *fmt, ...)
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

int cg_sql_run(cg_db *db, cg_sqlbuf *b, const char *doing, cg_db_error *err)
{
	if (b->failed) {
		snprintf(err->message, sizeof err->message, "%s: out of memory", doing);
		err->code = 0;
		snprintf(err->sqlstate, sizeof err->sqlstate, "HY001");
		return -1;
	}
	if (mysql_real_query(db->mysql, b->data, (unsigned long)b->len) != 0) {
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
		cg_sqlbuf_appends(&ins->sql, ins->head);
		cg_sqlbuf_append(&ins->sql, "(", 1);
	} else {
		cg_sqlbuf_append(&ins->sql, ",(", 2);
	}
	ins->values_in_row = 0;
}

static void comma(cg_insert *ins)
{
	if (ins->values_in_row++ > 0)
		cg_sqlbuf_append(&ins->sql, ",", 1);
}

void cg_insert_str(cg_insert *ins, const char *s, size_t len)
{
	comma(ins);
	if (s)
		cg_sqlbuf_append_quoted(&ins->sql, ins->db->mysql, s, len);
	else
		cg_sqlbuf_append(&ins->sql, "NULL", 4);
}

void cg_insert_cstr(cg_insert *ins, const char *s)
{
	cg_insert_str(ins, s, s ? strlen(s) : 0);
}

void cg_insert_u64(cg_insert *ins, uint64_t v)
{
	comma(ins);
	cg_sqlbuf_append_u64(&ins->sql, v);
}

void cg_insert_literal(cg_insert *ins, const char *sql)
{
	comma(ins);
	cg_sqlbuf_appends(&ins->sql, sql);
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
	cg_sqlbuf_append(&ins->sql, ")", 1);
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
