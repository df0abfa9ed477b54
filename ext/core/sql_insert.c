#include "sql_insert.h"

#include "db_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void cg_insert_begin(cg_insert *ins, cg_db *db, const char *head, const char *doing)
{
	memset(ins, 0, sizeof *ins);
	ins->db = db;
	ins->head = head;
	ins->doing = doing;
	ins->load = db->bulk_load;
	/* LOAD DATA streams: no packet limit, so a table's whole batch is one statement. */
	ins->limit = ins->load ? ((size_t)64 << 20) : ((size_t)1 << 20);
}

void cg_insert_row(cg_insert *ins)
{
	if (ins->load) {
		if (ins->rows == 0)
			ins->sql.len = 0;
	} else if (ins->rows == 0) {
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
		cg_sqlbuf_append(&ins->sql, ins->load ? "\t" : ",", 1);
}

void cg_insert_str(cg_insert *ins, const char *s, size_t len)
{
	comma(ins);
	if (ins->load)
		cg_sqlbuf_append_tsv(&ins->sql, s, len);
	else if (s)
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
	size_t n = strlen(sql);

	comma(ins);
	if (!ins->load) {
		cg_sqlbuf_append(&ins->sql, sql, n);
	} else if (strcmp(sql, "NULL") == 0) {
		cg_sqlbuf_append(&ins->sql, "\\N", 2);
	} else if (n >= 2 && sql[0] == '\'' && sql[n - 1] == '\'') {
		cg_sqlbuf_append_tsv(&ins->sql, sql + 1, n - 2); /* plain words only: no quote inside */
	} else {
		cg_sqlbuf_append(&ins->sql, sql, n); /* a number */
	}
}

/* ---- the same rows as LOAD DATA LOCAL ------------------------------------- */

typedef struct {
	const cg_sqlbuf *text;
	size_t pos;
} text_stream;

static long give_text(void *ctx, char *buf, size_t size, cg_db_error *err)
{
	text_stream *t = ctx;
	size_t n = t->text->len - t->pos;

	(void)err;
	if (n > size)
		n = size;
	memcpy(buf, t->text->data + t->pos, n);
	t->pos += n;
	return (long)n;
}

/* "INSERT INTO `t` (`a`, `b`) VALUES " -> the LOAD DATA statement for table t and columns a, b */
static int load_statement(const cg_insert *ins, cg_sqlbuf *out)
{
	static const char into[] = "INSERT INTO `";
	const char *t, *t_end, *c, *c_end;
	cg_sqlbuf table, columns;
	int rc = 0;

	if (strncmp(ins->head, into, sizeof into - 1) != 0)
		return -1;
	t = ins->head + sizeof into - 1;
	if (!(t_end = strchr(t, '`')) || !(c = strchr(t_end, '(')) || !(c_end = strchr(c, ')')))
		return -1;
	cg_sqlbuf_init(&table);
	cg_sqlbuf_init(&columns);
	cg_sqlbuf_append(&table, t, (size_t)(t_end - t));
	cg_sqlbuf_append(&columns, c + 1, (size_t)(c_end - c - 1));
	cg_db_load_sql(out, ins->db, table.data, columns.data);
	if (table.failed || columns.failed)
		rc = -1;
	cg_sqlbuf_free(&table);
	cg_sqlbuf_free(&columns);
	return rc;
}

static int send_load(cg_insert *ins, cg_db_error *err)
{
	cg_sqlbuf sql;
	text_stream t = {&ins->sql, 0};
	unsigned long long rows = ins->rows;
	int rc;

	if (ins->sql.failed) {
		cg_db_set_message(err, "%s: out of memory", ins->doing);
		return -1;
	}
	cg_sqlbuf_init(&sql);
	if (load_statement(ins, &sql) != 0 || sql.failed) {
		cg_sqlbuf_free(&sql);
		cg_db_set_message(err, "%s: cannot turn \"%.40s\" into LOAD DATA", ins->doing, ins->head);
		return -1;
	}
	rc = cg_db_load_stream(ins->db, sql.data, sql.len, give_text, &t, &rows, ins->doing, err);
	cg_sqlbuf_free(&sql);
	return rc;
}

static int send(cg_insert *ins, cg_db_error *err)
{
	int rc = ins->load ? send_load(ins, err) : cg_sql_run(ins->db, &ins->sql, ins->doing, err);
	ins->rows = 0;
	return rc;
}

int cg_insert_end_row(cg_insert *ins, cg_db_error *err)
{
	cg_sqlbuf_append(&ins->sql, ins->load ? "\n" : ")", 1);
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
