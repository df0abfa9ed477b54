/*
 * Running a statement or a read of built SQL text, and every multi-row INSERT or
 * LOAD DATA text, built row by row (sql_insert.h).
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

typedef struct {
	cg_sql_row_fn row;
	void *ctx;
	int stopped;
} select_ctx;

static int select_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	select_ctx *s = ctx;

	s->stopped = s->row(s->ctx, cells, count) != 0;
	return s->stopped;
}

int cg_sql_select(cg_db *db, const cg_sqlbuf *sql, const char *doing, cg_sql_row_fn row, void *ctx,
                  cg_db_error *err)
{
	static const cg_db_sink sink = {NULL, select_row};
	select_ctx s = {row, ctx, 0};

	if (sql->failed) {
		cg_db_set_message(err, "%s: out of memory", doing ? doing : "building a query");
		return -1;
	}
	if (cg_db_query(db, sql->data, sql->len, NULL, 0, &sink, &s, NULL, err) == 0)
		return 0;
	if (s.stopped)
		return 1;
	if (doing)
		cg_db_error_prefix(err, doing);
	return -1;
}

/* ---- multi-row INSERT ------------------------------------------------------ */

static void begin(cg_insert *ins, cg_db *db, const char *doing, int load)
{
	memset(ins, 0, sizeof *ins);
	ins->db = db;
	ins->doing = doing;
	ins->load = load;
}

void cg_insert_begin(cg_insert *ins, cg_db *db, const char *table, const char *columns, const char *doing)
{
	if (!db->bulk_load) {
		cg_insert_begin_sql(ins, db, "INSERT", table, columns, (size_t)1 << 20, doing);
		return;
	}
	begin(ins, db, doing, 1);
	cg_db_load_sql(&ins->head, db, table, columns);
	/* LOAD DATA streams: no packet limit, so a table's whole batch is one statement. */
	ins->limit = (size_t)64 << 20;
}

void cg_insert_begin_sql(cg_insert *ins, cg_db *db, const char *verb, const char *table, const char *columns,
                         size_t limit, const char *doing)
{
	begin(ins, db, doing, 0);
	cg_sqlbuf_printf(&ins->head, "%s INTO `%s` (%s) VALUES ", verb, table, columns);
	ins->limit = limit;
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
	cg_insert *ins;
	size_t pos;             /* bytes of ins->sql the server has had */
	cg_insert_more_fn more; /* NULL: no more rows */
	void *ctx;
} feed;

static long give_text(void *ctx, char *buf, size_t size, cg_db_error *err)
{
	feed *f = ctx;
	cg_sqlbuf *s = &f->ins->sql;
	size_t n;

	while (f->more && s->len - f->pos < size && !s->failed) {
		int rc;

		if (f->pos > 0) { /* keep only what is not sent yet */
			memmove(s->data, s->data + f->pos, s->len - f->pos);
			s->len -= f->pos;
			f->pos = 0;
		}
		rc = f->more(f->ctx, err);
		if (rc < 0)
			return -1;
		if (rc > 0)
			f->more = NULL;
	}
	if (s->failed) {
		cg_db_set_message(err, "%s: out of memory", f->ins->doing);
		return -1;
	}
	n = s->len - f->pos < size ? s->len - f->pos : size;
	if (n > 0)
		memcpy(buf, s->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

int cg_insert_stream(cg_insert *ins, cg_insert_more_fn more, void *ctx, cg_db_error *err)
{
	feed f = {ins, 0, more, ctx};
	size_t limit = ins->limit;
	int rc;

	if (ins->rows == 0)
		cg_sqlbuf_truncate(&ins->sql, 0); /* what the last statement sent */
	if (ins->head.failed || ins->sql.failed) {
		cg_db_set_message(err, "%s: out of memory", ins->doing);
		rc = -1;
	} else {
		ins->limit = SIZE_MAX; /* the rows more() adds go out in this statement */
		rc = cg_db_load_stream(ins->db, ins->head.data, ins->head.len, give_text, &f, &ins->rows, ins->doing, err);
		ins->limit = limit;
	}
	if (rc == 0)
		ins->affected += ins->rows;
	ins->rows = 0;
	return rc;
}

static int send(cg_insert *ins, cg_db_error *err)
{
	int rc;

	if (ins->load)
		return cg_insert_stream(ins, NULL, NULL, err);
	rc = cg_sql_run(ins->db, &ins->sql, ins->doing, err);
	if (rc == 0)
		ins->affected += mysql_affected_rows(ins->db->mysql);
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
