#include "db.h"

#include <errmsg.h>
#include <stdio.h>
#include <string.h>

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

int cg_db_exec(cg_db *db, const char *sql, size_t len, int idempotent, cg_db_error *err)
{
	if (!db->mysql && reconnect(db, err) != 0)
		return -1;
	if (mysql_real_query(db->mysql, sql, (unsigned long)len) == 0)
		return 0;
	if (idempotent && cg_db_error_is_lost_connection(mysql_errno(db->mysql))) {
		if (reconnect(db, err) != 0)
			return -1;
		if (mysql_real_query(db->mysql, sql, (unsigned long)len) == 0)
			return 0;
	}
	cg_db_set_error(db, "query failed", err);
	return -1;
}
