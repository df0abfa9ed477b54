/*
 * Running a statement, and multi-row INSERTs or LOAD DATA text built row by row (sql_insert.h).
 */
#include "sql_insert.h"

#include "db_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cg_sql_exec(cg_db *db, const char *sql, size_t len, const char *doing, cg_db_error *err)
{
	if (!sql) {
		snprintf(err->message, sizeof err->message, "%s: out of memory", doing);
		err->code = 0;
		snprintf(err->sqlstate, sizeof err->sqlstate, "HY001");
		return -1;
	}
	if (mysql_real_query(db->mysql, sql, (unsigned long)len) != 0) {
		cg_db_set_error(db, doing, err);
		return -1;
	}
	return 0;
}

/* ---- multi-row INSERT ------------------------------------------------------ */

void cg_insert_begin(cg_insert *ins, cg_db *db, const char *table, const char *columns, const char *doing)
{
	memset(ins, 0, sizeof *ins);
	ins->db = db;
	ins->doing = doing;
	ins->load = db->bulk_load;
	if (ins->load)
		cg_db_load_sql(&ins->head, db, table, columns);
	else
		cg_sqlbuf_printf(&ins->head, "INSERT INTO `%s` (%s) VALUES ", table, columns);
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
		cg_sqlbuf_append(&ins->sql, ins->head.data ? ins->head.data : "", ins->head.len);
		ins->sql.failed |= ins->head.failed;
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

static int send_load(cg_insert *ins, cg_db_error *err)
{
	text_stream t = {&ins->sql, 0};
	unsigned long long rows = ins->rows;

	if (ins->sql.failed || ins->head.failed) {
		cg_db_set_message(err, "%s: out of memory", ins->doing);
		return -1;
	}
	return cg_db_load_stream(ins->db, ins->head.data, ins->head.len, give_text, &t, &rows, ins->doing, err);
}

static int send(cg_insert *ins, cg_db_error *err)
{
	int rc = ins->load ? send_load(ins, err)
	                   : cg_sql_run(ins->db, &ins->sql, ins->doing, err);
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
	cg_insert_discard(ins);
	return rc;
}

void cg_insert_discard(cg_insert *ins)
{
	cg_sqlbuf_free(&ins->sql);
	cg_sqlbuf_free(&ins->head);
	ins->rows = 0;
}

/* ---- multi-row INSERT of bound values (cg_batch) --------------------------------- */

void cg_batch_init(cg_batch *b, const char *prefix, size_t max_bytes)
{
	cg_sqlbuf_init(&b->sql);
	cg_sqlbuf_appends(&b->sql, prefix);
	b->prefix_len = b->sql.len;
	b->rows = 0;
	b->max_bytes = max_bytes;
}

void cg_batch_free(cg_batch *b)
{
	cg_sqlbuf_free(&b->sql);
	b->rows = 0;
}

void cg_batch_add_row(cg_batch *b, MYSQL *mysql, const cg_db_value *values, size_t count)
{
	cg_sqlbuf_append(&b->sql, b->rows ? ",(" : "(", b->rows ? 2 : 1);
	for (size_t k = 0; k < count; k++) {
		if (k)
			cg_sqlbuf_append(&b->sql, ",", 1);
		cg_sqlbuf_append_value(&b->sql, mysql, &values[k]);
	}
	cg_sqlbuf_append(&b->sql, ")", 1);
	b->rows++;
}

int cg_batch_full(const cg_batch *b)
{
	return b->sql.len >= b->max_bytes;
}

int cg_batch_flush(cg_batch *b, cg_db *db, unsigned long long *inserted, cg_db_error *err)
{
	unsigned long long affected = 0;

	if (b->sql.failed) {
		cg_db_set_message(err, "out of memory building an INSERT of %zu rows", b->rows);
		return -1;
	}
	if (b->rows == 0)
		return 0;
	if (cg_db_query(db, b->sql.data, b->sql.len, NULL, 0, NULL, NULL, &affected, err) != 0)
		return -1;
	if (inserted)
		*inserted += affected;
	cg_sqlbuf_truncate(&b->sql, b->prefix_len);
	b->rows = 0;
	return 0;
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
