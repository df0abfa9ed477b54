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
} cg_db;

/* Opens a connection; 0 on success, -1 with *err filled. */
int cg_db_connect(cg_db *db, const cg_dsn *dsn, cg_db_error *err);

void cg_db_close(cg_db *db);

/*
 * Makes a reused (persistent) connection as good as new: rolls back what a
 * previous request left open, drops its temporary tables and session
 * variables, and reconnects once when the server has gone away.
 */
int cg_db_reset(cg_db *db, cg_db_error *err);

/* Runs one statement.  Reads marked idempotent are retried once after the
 * connection was lost ("server has gone away"); writes never are. */
int cg_db_exec(cg_db *db, const char *sql, size_t len, int idempotent, cg_db_error *err);

/* True for the errors that mean the connection itself is gone. */
int cg_db_error_is_lost_connection(unsigned code);

/* Fills *err from the connection's last error, prefixed with what was being done. */
void cg_db_set_error(cg_db *db, const char *doing, cg_db_error *err);

#endif
