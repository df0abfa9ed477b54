/*
 * A connection to the CRM's MariaDB or MySQL database (MariaDB Connector/C).
 * Plain C: the PHP classes in ext/ wrap it.  Error messages carry the
 * server's words and the address without its password.
 */
#ifndef CRMGUARD_DB_H
#define CRMGUARD_DB_H

#include <stddef.h>

#include <mysql.h>

#include "dsn.h"

typedef struct {
	unsigned code;      /* the server's or client library's error number; 0: crmguard's own */
	char sqlstate[6];
	char message[3072];
} cg_db_error;

typedef struct {
	MYSQL *mysql;
	cg_dsn dsn;         /* kept to reconnect; the password is wiped on close */
	char address[CG_DSN_PATH_MAX + 3 * CG_DSN_PART_MAX]; /* the DSN without password */
	int bulk_load;      /* 1: cg_insert (sql_insert.h) sends LOAD DATA LOCAL, which the server allows */
	const char *load_charset; /* the text's character set in LOAD DATA; NULL: the connection's */
	int keep_session;   /* 1: the session holds state (a lock, temporary tables): cg_db_query
	                     * neither reconnects it nor drops a lost link */
} cg_db;

/* Enables LOCAL INFILE on a connection with a handler that refuses every
 * request (cg_db_connect does it; cg_db_load_stream() puts it back after its
 * stream, db_load.h). */
void cg_db_local_infile_guard(MYSQL *mysql);

/* Opens a connection; 0 on success, -1 with *err filled. */
int cg_db_connect(cg_db *db, const cg_dsn *dsn, cg_db_error *err);

void cg_db_close(cg_db *db);

/*
 * Makes a reused (persistent) connection as good as new: rolls back what a
 * previous request left open, drops its temporary tables and session
 * variables, and reconnects once when the server has gone away.
 */
int cg_db_reset(cg_db *db, cg_db_error *err);

/* True for the errors that mean the connection itself is gone. */
int cg_db_error_is_lost_connection(unsigned code);

/* Fills *err from the connection's last error, prefixed with what was being done. */
void cg_db_set_error(cg_db *db, const char *doing, cg_db_error *err);

/* Fills *err with crmguard's own message (code 0, SQLSTATE HY000). */
void cg_db_set_message(cg_db_error *err, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Puts "what: " before err's message (cut at the end when too long). */
void cg_db_error_prefix(cg_db_error *err, const char *what);

/* ---- statements with parameters and results ------------------------------ */

typedef enum { CG_DB_NULL, CG_DB_INT, CG_DB_DOUBLE, CG_DB_STRING } cg_db_type;

/* One value bound to a '?' placeholder (strings are not copied). */
typedef struct {
	cg_db_type type;
	long long i;
	double d;
	const char *s;
	size_t len;
} cg_db_value;

/* One cell of a result row: NULL, an integer (integer columns that fit in
 * 64 bits signed) or bytes (everything else, as the server formats them). */
typedef struct {
	cg_db_type type; /* CG_DB_NULL, CG_DB_INT or CG_DB_STRING */
	long long i;
	const char *s;   /* NULL for NULL, else NUL-terminated; valid during the row callback only */
	size_t len;
} cg_db_cell;

typedef struct {
	const char *name;
	size_t len;
} cg_db_column;

/*
 * Receives a result: columns once (before the first row, also for an empty
 * result), then each row.  A non-zero return stops reading (the rest of the
 * result is discarded) and makes cg_db_query() return -1 with err untouched.
 */
typedef struct {
	int (*columns)(void *ctx, const cg_db_column *cols, unsigned count);
	int (*row)(void *ctx, const cg_db_cell *cells, unsigned count);
} cg_db_sink;

/*
 * Runs one statement.  Without parameters it goes through the text protocol;
 * with them through a prepared statement (one '?' per value).  Rows go to
 * sink (may be NULL: rows are discarded); *affected (may be NULL) gets the
 * affected-row count of a statement without a result.  A read that is safe
 * to repeat (SELECT/SHOW/... outside a transaction, without keep_session) is
 * retried once after the connection was lost.
 */
int cg_db_query(cg_db *db, const char *sql, size_t len, const cg_db_value *params, size_t nparams,
                const cg_db_sink *sink, void *ctx, unsigned long long *affected, cg_db_error *err);

/* True when sql starts (after spaces and comments) with SELECT, SHOW,
 * DESCRIBE, DESC, EXPLAIN or WITH: a read that may be repeated. */
int cg_db_sql_is_read(const char *sql, size_t len);

/* Runs a script of several statements separated by ';' (as in sql/ files).
 * The error names the statement's number and line. */
int cg_db_exec_script(cg_db *db, const char *sql, size_t len, cg_db_error *err);

/* True while a transaction is open on the connection. */
int cg_db_in_transaction(const cg_db *db);

#endif
