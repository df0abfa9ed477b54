/*
 * Connections and statements (db.h): connect, reset, run, read results, and
 * the refusing LOAD DATA LOCAL handler every connection starts with.
 */
#include "db.h"

#include <errmsg.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_split.h"

void cg_db_set_error(cg_db *db, const char *doing, cg_db_error *err)
{
	const char *state = db->mysql ? mysql_sqlstate(db->mysql) : "HY000";

	err->code = db->mysql ? mysql_errno(db->mysql) : CR_OUT_OF_MEMORY;
	snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
	snprintf(err->message, sizeof err->message, "%s (%s): [%u] %s", doing, db->address, err->code,
	         db->mysql ? mysql_error(db->mysql) : "out of memory");
}

int cg_db_error_is_lost_connection(unsigned code)
{
	return code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST || code == CR_CONNECTION_ERROR
	    || code == 1927 /* ER_CONNECTION_KILLED */ || code == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

static int open_connection(cg_db *db, cg_db_error *err)
{
	const cg_dsn *d = &db->dsn;
	unsigned timeout = 10;

	db->mysql = mysql_init(NULL);
	if (!db->mysql) {
		cg_db_set_error(db, "cannot connect", err);
		return -1;
	}
	mysql_optionsv(db->mysql, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_optionsv(db->mysql, MYSQL_SET_CHARSET_NAME, d->charset);
	cg_db_local_infile_guard(db->mysql);
	/* Never read client option files: the DSN is the whole configuration. */
	if (!mysql_real_connect(db->mysql, d->socket[0] ? "localhost" : d->host, d->user, d->password,
	                        d->database, d->port, d->socket[0] ? d->socket : NULL, CLIENT_FOUND_ROWS)) {
		cg_db_set_error(db, "cannot connect", err);
		mysql_close(db->mysql);
		db->mysql = NULL;
		return -1;
	}
	return 0;
}

/* ---- LOAD DATA LOCAL: refused on every connection, outside cg_db_load_stream() (db_load.h) ---- */

static int refuse_init(void **info, const char *filename, void *userdata)
{
	(void)filename;
	(void)userdata;
	*info = NULL;
	return 1;
}

static int refuse_read(void *info, char *buf, unsigned int size)
{
	(void)info;
	(void)buf;
	(void)size;
	return -1;
}

static void refuse_end(void *info)
{
	(void)info;
}

static int refuse_error(void *info, char *msg, unsigned int size)
{
	(void)info;
	snprintf(msg, size, "crmguard sends no local files (LOAD DATA LOCAL is refused on this connection)");
	return 2000; /* CR_UNKNOWN_ERROR */
}

void cg_db_local_infile_guard(MYSQL *mysql)
{
	unsigned int on = 1;

	mysql_set_local_infile_handler(mysql, refuse_init, refuse_read, refuse_end, refuse_error, NULL);
	mysql_optionsv(mysql, MYSQL_OPT_LOCAL_INFILE, &on);
}

int cg_db_connect(cg_db *db, const cg_dsn *dsn, cg_db_error *err)
{
	memset(db, 0, sizeof *db);
	db->dsn = *dsn;
	cg_dsn_describe(dsn, db->address, sizeof db->address);
	return open_connection(db, err);
}

void cg_db_close(cg_db *db)
{
	if (db->mysql)
		mysql_close(db->mysql);
	db->mysql = NULL;
	cg_dsn_wipe(&db->dsn);
}

static int reconnect(cg_db *db, cg_db_error *err)
{
	if (db->mysql)
		mysql_close(db->mysql);
	db->mysql = NULL;
	return open_connection(db, err);
}

int cg_db_reset(cg_db *db, cg_db_error *err)
{
	if (db->mysql && mysql_reset_connection(db->mysql) == 0)
		return 0;
	if (db->mysql && !cg_db_error_is_lost_connection(mysql_errno(db->mysql))) {
		cg_db_set_error(db, "cannot reset the connection", err);
		return -1;
	}
	return reconnect(db, err);
}

void cg_db_set_message(cg_db_error *err, const char *fmt, ...)
{
	va_list ap;

	err->code = 0;
	snprintf(err->sqlstate, sizeof err->sqlstate, "HY000");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
}

int cg_db_in_transaction(const cg_db *db)
{
	unsigned status = 0;

	if (!db->mysql || mariadb_get_infov(db->mysql, MARIADB_CONNECTION_SERVER_STATUS, &status) != 0)
		return 0;
	return (status & SERVER_STATUS_IN_TRANS) != 0;
}

/* Skips spaces and comments; returns the position of the first word. */
static size_t skip_space_and_comments(const char *s, size_t len, size_t i)
{
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '(') {
			i++;
		} else if (c == '#' || (c == '-' && i + 2 < len && s[i + 1] == '-'
		                        && (s[i + 2] == ' ' || s[i + 2] == '\t' || s[i + 2] == '\n'))) {
			while (i < len && s[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < len && s[i + 1] == '*' && !(i + 2 < len && s[i + 2] == '!')) {
			i += 2;
			while (i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'))
				i++;
			i = i + 1 < len ? i + 2 : len;
		} else {
			break;
		}
	}
	return i;
}

int cg_db_sql_is_read(const char *sql, size_t len)
{
	static const char *const reads[] = {"SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "WITH"};
	size_t i = skip_space_and_comments(sql, len, 0), n = 0;
	char word[16];

	while (i + n < len && n + 1 < sizeof word && ((sql[i + n] >= 'a' && sql[i + n] <= 'z')
	                                             || (sql[i + n] >= 'A' && sql[i + n] <= 'Z'))) {
		word[n] = (char)(sql[i + n] & ~0x20);
		n++;
	}
	word[n] = '\0';
	for (size_t k = 0; k < sizeof reads / sizeof reads[0]; k++)
		if (strcmp(word, reads[k]) == 0)
			return 1;
	return 0;
}

/* Results of one attempt at a statement. */
#define CG_Q_ERROR (-1)   /* err is filled */
#define CG_Q_STOPPED (-2) /* the sink returned non-zero */

static int is_integer_field(const MYSQL_FIELD *f)
{
	switch (f->type) {
	case MYSQL_TYPE_TINY:
	case MYSQL_TYPE_SHORT:
	case MYSQL_TYPE_LONG:
	case MYSQL_TYPE_INT24:
	case MYSQL_TYPE_LONGLONG:
	case MYSQL_TYPE_YEAR:
		return 1;
	default:
		return 0;
	}
}

/* A cell of an integer column as an int when it fits in long long. */
static void make_cell(cg_db_cell *cell, const MYSQL_FIELD *f, const char *data, size_t len)
{
	cell->s = data;
	cell->len = len;
	cell->type = data ? CG_DB_STRING : CG_DB_NULL;
	if (data && is_integer_field(f) && len > 0 && len < 21) {
		char buf[24], *end;
		long long v;

		memcpy(buf, data, len);
		buf[len] = '\0';
		errno = 0;
		v = strtoll(buf, &end, 10);
		if (errno == 0 && *end == '\0') {
			cell->type = CG_DB_INT;
			cell->i = v;
		}
	}
}

static int send_columns(const cg_db_sink *sink, void *ctx, MYSQL_FIELD *fields, unsigned n,
                        cg_db_column **cols_out)
{
	cg_db_column *cols = calloc(n ? n : 1, sizeof *cols);

	*cols_out = cols;
	if (!cols)
		return -2;
	for (unsigned k = 0; k < n; k++) {
		cols[k].name = fields[k].name;
		cols[k].len = fields[k].name_length;
	}
	return sink && sink->columns && sink->columns(ctx, cols, n) != 0 ? 1 : 0;
}

/* Reads a text-protocol result row by row (mysql_use_result: memory does not
 * grow with the result).  0, -1 with err, or 1 when the sink stopped. */
static int read_text_result(cg_db *db, const cg_db_sink *sink, void *ctx, cg_db_error *err)
{
	MYSQL_RES *res = mysql_use_result(db->mysql);
	MYSQL_FIELD *fields;
	cg_db_column *cols = NULL;
	cg_db_cell *cells = NULL;
	MYSQL_ROW row;
	unsigned n;
	int stop = 0;

	if (!res) {
		cg_db_set_error(db, "cannot read the result", err);
		return -1;
	}
	n = mysql_num_fields(res);
	fields = mysql_fetch_fields(res);
	cells = calloc(n ? n : 1, sizeof *cells);
	stop = cells ? send_columns(sink, ctx, fields, n, &cols) : -2;
	while (stop == 0 && (row = mysql_fetch_row(res)) != NULL) {
		unsigned long *lengths = mysql_fetch_lengths(res);
		for (unsigned k = 0; k < n; k++)
			make_cell(&cells[k], &fields[k], row[k], lengths[k]);
		if (sink && sink->row)
			stop = sink->row(ctx, cells, n) != 0 ? 1 : 0;
	}
	if (stop == 0 && mysql_errno(db->mysql)) {
		cg_db_set_error(db, "reading the result failed", err);
		stop = -1;
	} else if (stop == -2) {
		cg_db_set_message(err, "out of memory reading a result");
		stop = -1;
	} else if (stop > 0) {
		stop = 1;
	}
	mysql_free_result(res); /* reads and discards what is left */
	free(cells);
	free(cols);
	return stop;
}

static int query_text(cg_db *db, const char *sql, size_t len, const cg_db_sink *sink, void *ctx,
                      unsigned long long *affected, int *started, cg_db_error *err)
{
	int r;

	if (mysql_real_query(db->mysql, sql, (unsigned long)len) != 0) {
		cg_db_set_error(db, "query failed", err);
		return CG_Q_ERROR;
	}
	if (mysql_field_count(db->mysql) == 0) {
		if (affected)
			*affected = mysql_affected_rows(db->mysql);
		return 0;
	}
	*started = 1;
	r = read_text_result(db, sink, ctx, err);
	return r < 0 ? CG_Q_ERROR : r > 0 ? CG_Q_STOPPED : 0;
}

/* Prepared statement: parameters bound by type, result columns fetched as
 * strings (re-fetched when longer than the buffer). */
static int query_prepared(cg_db *db, const char *sql, size_t len, const cg_db_value *params, size_t nparams,
                          const cg_db_sink *sink, void *ctx, unsigned long long *affected, int *started,
                          cg_db_error *err)
{
	MYSQL_STMT *stmt = mysql_stmt_init(db->mysql);
	MYSQL_BIND *bind = NULL, *rbind = NULL;
	MYSQL_RES *meta = NULL;
	cg_db_column *cols = NULL;
	cg_db_cell *cells = NULL;
	char **bufs = NULL;
	unsigned long *lengths = NULL, *caps = NULL;
	my_bool *nulls = NULL;
	unsigned n = 0;
	int rc = CG_Q_ERROR, stop = 0;

	if (!stmt) {
		cg_db_set_error(db, "query failed", err);
		return CG_Q_ERROR;
	}
	if (mysql_stmt_prepare(stmt, sql, (unsigned long)len) != 0)
		goto stmt_error;
	if (mysql_stmt_param_count(stmt) != nparams) {
		cg_db_set_message(err, "query failed (%s): the statement has %lu '?' placeholders but %zu values were given",
		                  db->address, mysql_stmt_param_count(stmt), nparams);
		rc = CG_Q_ERROR;
		goto done;
	}
	bind = calloc(nparams ? nparams : 1, sizeof *bind);
	if (!bind)
		goto oom;
	for (size_t k = 0; k < nparams; k++) {
		const cg_db_value *v = &params[k];
		switch (v->type) {
		case CG_DB_NULL:
			bind[k].buffer_type = MYSQL_TYPE_NULL;
			break;
		case CG_DB_INT:
			bind[k].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[k].buffer = (void *)&v->i;
			break;
		case CG_DB_DOUBLE:
			bind[k].buffer_type = MYSQL_TYPE_DOUBLE;
			bind[k].buffer = (void *)&v->d;
			break;
		case CG_DB_STRING:
			bind[k].buffer_type = MYSQL_TYPE_STRING;
			bind[k].buffer = (void *)v->s;
			bind[k].buffer_length = (unsigned long)v->len;
			break;
		}
	}
	if (nparams && mysql_stmt_bind_param(stmt, bind) != 0)
		goto stmt_error;
	if (mysql_stmt_execute(stmt) != 0)
		goto stmt_error;
	meta = mysql_stmt_result_metadata(stmt);
	if (!meta) {
		if (mysql_stmt_field_count(stmt) != 0)
			goto stmt_error;
		if (affected)
			*affected = mysql_stmt_affected_rows(stmt);
		rc = 0;
		goto done;
	}
	n = mysql_num_fields(meta);
	rbind = calloc(n, sizeof *rbind);
	cells = calloc(n, sizeof *cells);
	bufs = calloc(n, sizeof *bufs);
	lengths = calloc(n, sizeof *lengths);
	caps = calloc(n, sizeof *caps);
	nulls = calloc(n, sizeof *nulls);
	if (!rbind || !cells || !bufs || !lengths || !caps || !nulls)
		goto oom;
	for (unsigned k = 0; k < n; k++) {
		caps[k] = 256;
		bufs[k] = malloc(caps[k] + 1); /* + its NUL */
		if (!bufs[k])
			goto oom;
		rbind[k].buffer_type = MYSQL_TYPE_STRING;
		rbind[k].buffer = bufs[k];
		rbind[k].buffer_length = caps[k];
		rbind[k].length = &lengths[k];
		rbind[k].is_null = &nulls[k];
	}
	if (mysql_stmt_bind_result(stmt, rbind) != 0)
		goto stmt_error;
	*started = 1;
	stop = send_columns(sink, ctx, mysql_fetch_fields(meta), n, &cols);
	if (stop == -2)
		goto oom;
	while (stop == 0) {
		int f = mysql_stmt_fetch(stmt);
		if (f == 1)
			goto stmt_error;
		if (f == MYSQL_NO_DATA)
			break;
		int grown = 0;
		for (unsigned k = 0; k < n; k++) {
			if (!nulls[k] && lengths[k] > caps[k]) {
				char *bigger = realloc(bufs[k], lengths[k] + 1);
				if (!bigger)
					goto oom;
				bufs[k] = bigger;
				caps[k] = lengths[k];
				rbind[k].buffer = bufs[k];
				rbind[k].buffer_length = caps[k];
				if (mysql_stmt_fetch_column(stmt, &rbind[k], k, 0) != 0)
					goto stmt_error;
				grown = 1;
			}
			if (!nulls[k])
				bufs[k][lengths[k]] = '\0';
			make_cell(&cells[k], &mysql_fetch_fields(meta)[k], nulls[k] ? NULL : bufs[k],
			          nulls[k] ? 0 : lengths[k]);
		}
		if (sink && sink->row)
			stop = sink->row(ctx, cells, n) != 0 ? 1 : 0;
		/* The statement keeps its own copy of the bindings (mysql_stmt_bind_result): a grown
		 * buffer must be bound again, or the next rows are written into the freed one. */
		if (grown && mysql_stmt_bind_result(stmt, rbind) != 0)
			goto stmt_error;
	}
	rc = stop ? CG_Q_STOPPED : 0;
	goto done;

oom:
	cg_db_set_message(err, "out of memory running a query (%s)", db->address);
	rc = CG_Q_ERROR;
	goto done;
stmt_error:
	/* The statement's error is also the connection's for lost connections;
	 * copy it so that callers see one kind of error. */
	err->code = mysql_stmt_errno(stmt);
	snprintf(err->sqlstate, sizeof err->sqlstate, "%s", mysql_stmt_sqlstate(stmt));
	snprintf(err->message, sizeof err->message, "query failed (%s): [%u] %s", db->address, err->code,
	         mysql_stmt_error(stmt));
	rc = CG_Q_ERROR;
done:
	if (meta)
		mysql_free_result(meta);
	mysql_stmt_close(stmt);
	for (unsigned k = 0; bufs && k < n; k++)
		free(bufs[k]);
	free(bufs);
	free(lengths);
	free(caps);
	free(nulls);
	free(cells);
	free(rbind);
	free(bind);
	free(cols);
	return rc;
}

int cg_db_query(cg_db *db, const char *sql, size_t len, const cg_db_value *params, size_t nparams,
                const cg_db_sink *sink, void *ctx, unsigned long long *affected, cg_db_error *err)
{
	int retry, rc;

	if (!db->mysql && reconnect(db, err) != 0)
		return -1;
	/* Only a read outside a transaction may be repeated on a new connection:
	 * a write may have been done before the link broke, and a reconnect
	 * loses the transaction. */
	retry = !db->keep_session && cg_db_sql_is_read(sql, len) && !cg_db_in_transaction(db);
	for (;;) {
		int started = 0;

		rc = nparams == 0 ? query_text(db, sql, len, sink, ctx, affected, &started, err)
		                  : query_prepared(db, sql, len, params, nparams, sink, ctx, affected, &started, err);
		if (rc == 0)
			return 0;
		if (rc == CG_Q_STOPPED)
			return -1; /* the sink's own error */
		/* Repeated only when nothing of the result was delivered yet. */
		if (retry && !started && cg_db_error_is_lost_connection(err->code)) {
			retry = 0;
			if (reconnect(db, err) != 0)
				return -1;
			continue;
		}
		/* A broken link is dropped, so that the next statement opens a new one. */
		if (cg_db_error_is_lost_connection(err->code) && db->mysql && !db->keep_session) {
			mysql_close(db->mysql);
			db->mysql = NULL;
		}
		return -1;
	}
}

int cg_db_exec_script(cg_db *db, const char *sql, size_t len, cg_db_error *err)
{
	size_t pos = 0, start, end;
	unsigned line, number = 0;

	while (cg_sql_next_statement(sql, len, &pos, &start, &end, &line)) {
		number++;
		if (cg_db_query(db, sql + start, end - start, NULL, 0, NULL, NULL, NULL, err) != 0) {
			char prefix[64];

			snprintf(prefix, sizeof prefix, "statement %u (line %u)", number, line);
			cg_db_error_prefix(err, prefix);
			return -1;
		}
	}
	return 0;
}

void cg_db_error_prefix(cg_db_error *err, const char *what)
{
	size_t plen = strlen(what), mlen = strlen(err->message), room = sizeof err->message - 1;

	if (plen + 2 > room)
		return;
	if (plen + 2 + mlen > room)
		mlen = room - plen - 2;
	memmove(err->message + plen + 2, err->message, mlen);
	memcpy(err->message, what, plen);
	memcpy(err->message + plen, ": ", 2);
	err->message[plen + 2 + mlen] = '\0';
}
