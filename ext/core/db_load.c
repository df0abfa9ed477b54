/*
 * LOAD DATA LOCAL INFILE fed from a producer in memory (db_load.h).
 */
#include "db_load.h"

#include <stdio.h>
#include <string.h>

/* ---- the stream ------------------------------------------------------------ */

typedef struct {
	cg_db_stream_fn fn;
	void *ctx;
	cg_db_error err;
	int failed;
	int started;
} stream_state;

static int stream_init(void **info, const char *filename, void *userdata)
{
	stream_state *st = userdata;

	(void)filename; /* whatever the server names, it gets crmguard's stream */
	*info = st;
	if (st->started) /* one stream per statement */
		return 1;
	st->started = 1;
	return 0;
}

static int stream_read(void *info, char *buf, unsigned int size)
{
	stream_state *st = info;
	long n;

	if (st->failed)
		return -1;
	n = st->fn(st->ctx, buf, size, &st->err);
	if (n < 0) {
		st->failed = 1;
		return -1;
	}
	return (int)n;
}

static void stream_end(void *info)
{
	(void)info;
}

static int stream_error(void *info, char *msg, unsigned int size)
{
	stream_state *st = info;

	snprintf(msg, size, "%s", st && st->failed ? st->err.message : "crmguard's data stream was refused");
	return 2000;
}

int cg_db_local_infile_allowed(cg_db *db, cg_db_error *err)
{
	static const char sql[] = "SELECT @@local_infile";
	MYSQL_RES *res;
	MYSQL_ROW row;
	int allowed;

	if (mysql_real_query(db->mysql, sql, sizeof sql - 1) != 0 || !(res = mysql_store_result(db->mysql))) {
		cg_db_set_error(db, "asking whether the server accepts LOAD DATA LOCAL", err);
		return -1;
	}
	row = mysql_fetch_row(res);
	allowed = row && row[0] && row[0][0] == '1';
	mysql_free_result(res);
	return allowed;
}

/* The first warning of the statement just run, into err. */
static void first_warning(cg_db *db, const char *doing, unsigned long long got, unsigned long long sent,
                          cg_db_error *err)
{
	static const char sql[] = "SHOW WARNINGS LIMIT 1";
	char warning[1024] = "";
	MYSQL_RES *res;

	if (mysql_real_query(db->mysql, sql, sizeof sql - 1) == 0 && (res = mysql_store_result(db->mysql))) {
		MYSQL_ROW row = mysql_fetch_row(res);
		if (row && mysql_num_fields(res) >= 3 && row[2])
			snprintf(warning, sizeof warning, ": [%s] %s", row[1] ? row[1] : "?", row[2]);
		mysql_free_result(res);
	}
	cg_db_set_message(err, "%s (%s): %llu of %llu rows loaded, %u warnings%s", doing, db->address, got, sent,
	                  mysql_warning_count(db->mysql), warning);
}

int cg_db_load_stream(cg_db *db, const char *sql, size_t len, cg_db_stream_fn fn, void *ctx,
                      const unsigned long long *rows_sent, const char *doing, cg_db_error *err)
{
	stream_state st;
	int rc;
	unsigned long long got;

	memset(&st, 0, sizeof st);
	st.fn = fn;
	st.ctx = ctx;
	mysql_set_local_infile_handler(db->mysql, stream_init, stream_read, stream_end, stream_error, &st);
	rc = mysql_real_query(db->mysql, sql, (unsigned long)len);
	cg_db_local_infile_guard(db->mysql);
	if (st.failed) {
		*err = st.err; /* the producer's own error, not the client library's copy */
		return -1;
	}
	if (rc != 0) {
		cg_db_set_error(db, doing, err);
		return -1;
	}
	got = mysql_affected_rows(db->mysql);
	if (got != *rows_sent || mysql_warning_count(db->mysql) != 0) {
		first_warning(db, doing, got, *rows_sent, err);
		return -1;
	}
	return 0;
}

void cg_db_load_sql(cg_sqlbuf *b, cg_db *db, const char *table, const char *columns)
{
	const char *cs = db->load_charset ? db->load_charset : db->mysql ? mysql_character_set_name(db->mysql) : "utf8mb4";

	cg_sqlbuf_appends(b, "LOAD DATA LOCAL INFILE 'crmguard-stream' INTO TABLE `");
	cg_sqlbuf_appends(b, table);
	cg_sqlbuf_appends(b, "` CHARACTER SET ");
	cg_sqlbuf_appends(b, cs);
	cg_sqlbuf_appends(b, " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (");
	cg_sqlbuf_appends(b, columns);
	cg_sqlbuf_appends(b, ")");
}
