#define _DEFAULT_SOURCE /* clock_gettime, nanosleep, gethostname under -std=c11 */
/*
 * Leases in crmguard_lock: see lease.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdint.h>

#include "lease.h"

void cg_lease_holder_init(char holder[CG_LEASE_HOLDER_MAX])
{
	char host[48] = "";
	unsigned long long rnd = 0;
	struct timespec ts;
	int fd;

	if (gethostname(host, sizeof host - 1) != 0)
		strcpy(host, "?");
	host[sizeof host - 1] = '\0';
	clock_gettime(CLOCK_REALTIME, &ts);
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &rnd, sizeof rnd) != (ssize_t)sizeof rnd)
			rnd = 0;
		close(fd);
	}
	rnd ^= (unsigned long long)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (unsigned long long)(uintptr_t)holder;
	snprintf(holder, CG_LEASE_HOLDER_MAX, "%s/%ld/%lld/%016llx", host, (long)getpid(), (long long)ts.tv_sec, rnd);
}

/* Which server a connection is on: the host and the server's own address. */
#define SERVER "LEFT(CONCAT(@@hostname, ':', @@port, ':', @@socket), 255)"

int cg_lease_error_is_conflict(unsigned code)
{
	return code == 1213; /* ER_LOCK_DEADLOCK: a deadlock, or Galera's certification failure */
}

static int int_row(void *ctx, const cg_db_cell *cells, unsigned count)
{
	*(long long *)ctx = count > 0 && cells[0].type == CG_DB_INT ? cells[0].i : 0;
	return 0;
}

static cg_db_value str(const char *s)
{
	cg_db_value v = {CG_DB_STRING, 0, 0, s, strlen(s)};
	return v;
}

/*
 * A schema from before crmguard_lock (1146: an extension upgraded before its
 * CRM package re-applied sql/): the lock is the server's GET_LOCK of
 * 'crmguard_<name>.<database>', as those versions took it, which holds on
 * one server only and ends with the connection.
 */
#define NAMED_LOCK "LEFT(CONCAT('crmguard_', ?, '.', DATABASE()), 64)"

/* Runs a GET_LOCK-family query naming the lock nparams times; 1 when it answers 1. */
static int old_lock(cg_db *db, const char *sql, size_t len, const char *name, size_t nparams, cg_db_error *err)
{
	static const cg_db_sink sink = {NULL, int_row};
	cg_db_value p[2] = {str(name), str(name)};
	long long n = 0;

	if (cg_db_query(db, sql, len, p, nparams, &sink, &n, NULL, err) != 0)
		return -1;
	return n == 1;
}

int cg_lease_take(cg_db *db, const char *name, const char *holder, int lease_s, cg_db_error *err)
{
	static const cg_db_sink sink = {NULL, int_row};
	/* One statement, so one write set: the row is taken when it is new,
	 * ours, its lease over, or its holder's connection gone from this very
	 * server (a killed process on a single server, or on this node: as
	 * GET_LOCK, free at once; the connection of the same account is always
	 * in PROCESSLIST while it lives).  A holder on another node, or whose
	 * node died, is waited for until its lease ends.  @cg_lease_take is
	 * computed from the row as it was (SET assignments run left to right). */
	static const char upsert[] =
		"INSERT INTO `crmguard_lock` (`name`, `holder`, `taken_at`, `lease_until`, `server`, `account`, `connection_id`) "
		"VALUES (?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? SECOND, " SERVER ", CURRENT_USER(), CONNECTION_ID()) "
		"ON DUPLICATE KEY UPDATE "
		"`taken_at` = IF((@cg_lease_take := (`holder` = VALUES(`holder`) OR `lease_until` < UTC_TIMESTAMP(6) "
		"OR (`server` = VALUES(`server`) AND `account` = VALUES(`account`) "
		"AND NOT EXISTS (SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = `connection_id`)))), "
		"IF(`holder` = VALUES(`holder`), `taken_at`, VALUES(`taken_at`)), `taken_at`), "
		"`lease_until` = IF(@cg_lease_take, VALUES(`lease_until`), `lease_until`), "
		"`server` = IF(@cg_lease_take, VALUES(`server`), `server`), "
		"`account` = IF(@cg_lease_take, VALUES(`account`), `account`), "
		"`connection_id` = IF(@cg_lease_take, VALUES(`connection_id`), `connection_id`), "
		"`holder` = IF(@cg_lease_take, VALUES(`holder`), `holder`)";
	static const char mine[] = "SELECT COUNT(*) FROM `crmguard_lock` WHERE `name` = ? AND `holder` = ?";
	cg_db_value p[3] = {str(name), str(holder), {CG_DB_INT, lease_s, 0, NULL, 0}};
	long long n = 0;

	if (cg_db_query(db, upsert, sizeof upsert - 1, p, 3, NULL, NULL, NULL, err) != 0) {
		if (cg_lease_error_is_conflict(err->code))
			return 0; /* another node took it at the same moment and was certified first */
		if (err->code == 1146) {
			static const char sql[] = "SELECT IF(IS_USED_LOCK(" NAMED_LOCK ") <=> CONNECTION_ID(), 1, GET_LOCK(" NAMED_LOCK ", 0))";
			return old_lock(db, sql, sizeof sql - 1, name, 2, err);
		}
		return -1;
	}
	if (cg_db_query(db, mine, sizeof mine - 1, p, 2, &sink, &n, NULL, err) != 0)
		return -1;
	return n > 0;
}

int cg_lease_held_by_other(cg_db *db, const char *name, const char *holder, cg_db_error *err)
{
	static const cg_db_sink sink = {NULL, int_row};
	static const char sql[] = "SELECT COUNT(*) FROM `crmguard_lock` WHERE `name` = ? AND `holder` <> ? "
	                          "AND `lease_until` >= UTC_TIMESTAMP(6)";
	cg_db_value p[2] = {str(name), str(holder ? holder : "")};
	long long n = 0;

	if (cg_db_query(db, sql, sizeof sql - 1, p, 2, &sink, &n, NULL, err) != 0) {
		if (err->code == 1146) {
			static const char old[] = "SELECT IFNULL(IS_USED_LOCK(" NAMED_LOCK ") <> CONNECTION_ID(), 0)";
			return old_lock(db, old, sizeof old - 1, name, 1, err);
		}
		return -1;
	}
	return n > 0;
}

int cg_lease_release(cg_db *db, const char *name, const char *holder, cg_db_error *err)
{
	static const char sql[] = "DELETE FROM `crmguard_lock` WHERE `name` = ? AND `holder` = ?";
	cg_db_value p[2] = {str(name), str(holder)};
	int attempt;

	/* A conflict here is another node's take of an expired lease: ours is gone either way;
	 * still try again, so that a lease we hold is not left to expire. */
	for (attempt = 0; attempt < 3; attempt++) {
		if (cg_db_query(db, sql, sizeof sql - 1, p, 2, NULL, NULL, NULL, err) == 0)
			return 0;
		if (err->code == 1146) {
			static const char old[] = "SELECT IF(IS_USED_LOCK(" NAMED_LOCK ") <=> CONNECTION_ID(), RELEASE_LOCK(" NAMED_LOCK "), 0)";
			return old_lock(db, old, sizeof old - 1, name, 2, err) < 0 ? -1 : 0;
		}
		if (!cg_lease_error_is_conflict(err->code))
			return -1;
	}
	return -1;
}
