/*
 * LOAD DATA LOCAL INFILE fed from memory: the fastest way to hand rows to
 * MariaDB (the server parses tab-separated text far more cheaply than
 * INSERT ... VALUES, and the client keeps producing rows while the server
 * inserts the ones already sent).
 *
 * Safety: every crmguard connection accepts the server's "send me a local
 * file" request (MYSQL_OPT_LOCAL_INFILE), but its handler never opens a
 * file: outside cg_db_load_stream() it refuses every request, and inside it
 * sends only the bytes crmguard's own producer generates, whatever file name
 * the server asks for.  A query passed through Connection::query() with
 * LOAD DATA LOCAL, or a rogue server asking for /etc/passwd, gets an error.
 *
 * The server must allow it (local_infile=ON, MariaDB's default);
 * cg_db_local_infile_allowed() tells, and callers fall back to multi-row
 * INSERTs when it does not.  With LOCAL, the server turns errors into
 * warnings and skips duplicate keys (it cannot stop the client mid-stream),
 * so cg_db_load_stream() checks that every row went in without a warning.
 */
#ifndef CRMGUARD_DB_LOAD_H
#define CRMGUARD_DB_LOAD_H

#include <stddef.h>

#include "db.h"
#include "sqlbuf.h"


/* 1 when the server accepts LOAD DATA LOCAL (@@local_infile), 0 when it
 * does not, -1 on error. */
int cg_db_local_infile_allowed(cg_db *db, cg_db_error *err);

/*
 * Produces the next bytes of the stream into buf (at most size): returns
 * the count, 0 at the end, -1 on error with err filled.
 */
typedef long (*cg_db_stream_fn)(void *ctx, char *buf, size_t size, cg_db_error *err);

/*
 * Runs a LOAD DATA LOCAL INFILE statement (from cg_db_load_sql) whose rows
 * come from fn.  *rows_sent: how many rows fn produced, read once the
 * stream has ended (the producer may count as it goes).  Fails, with the
 * server's first warning, when fewer rows went in or there was any warning.
 * "doing" starts the error message.  0 or -1.
 */
int cg_db_load_stream(cg_db *db, const char *sql, size_t len, cg_db_stream_fn fn, void *ctx,
                      const unsigned long long *rows_sent, const char *doing, cg_db_error *err);

/* "LOAD DATA LOCAL INFILE 'crmguard-stream' INTO TABLE `table` CHARACTER SET
 * <db->load_charset, else the connection's> FIELDS TERMINATED BY '\t' ESCAPED BY '\\' LINES
 * TERMINATED BY '\n' (columns)"; columns: "`a`, `b`" as given. */
void cg_db_load_sql(cg_sqlbuf *b, cg_db *db, const char *table, const char *columns);

#endif
