#define _DEFAULT_SOURCE /* clock_gettime, nanosleep, gethostname under -std=c11 */
/*
 * What a run keeps in the target database besides its records: the import
 * lock that lets one import at a time write, and its row in crmguard_import.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "import_run.h"
#include "lease.h"

#define LOCK_WAIT_S 120
/*
 * The import lock is a lease (lease.h) renewed at every batch: 60 s is some
 * twenty times the longest batch seen on the 3-node cluster (2 000 rows,
 * tests/cluster/run), so a holder that works never loses it, and an import
 * whose holder was killed (or whose node died) takes over within a minute,
 * well inside the LOCK_WAIT_S a waiting import gives it.  A waiting import
 * holds the short 'import_wait' lease, renewed at each try, which tells a
 * pipelined holder to give it a turn; a killed waiter stops asking after
 * WAIT_LEASE_S.
 */
#define LOCK_LEASE_S 60
#define WAIT_LEASE_S 10
#define IMPORT_LOCK "import"
#define WAIT_LOCK "import_wait"

/* The first column of a one-row result is '1': a query's yes. */
static int first_is_one(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	*(int *)ctx = fields > 0 && cell[0].s && cell[0].s[0] == '1';
	return 0;
}

/* Reads the '1' of a one-row answer into *yes; -1 with err. */
static int ask(cg_db *db, const char *sql, const char *doing, int *yes, cg_db_error *err)
{
	cg_sqlbuf b = {0};
	int rc;

	*yes = 0;
	cg_sqlbuf_appends(&b, sql);
	rc = cg_sql_select(db, &b, doing, first_is_one, yes, err);
	cg_sqlbuf_free(&b);
	return rc < 0 ? -1 : 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cg_import_lock(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_db_error ignored;
	double deadline = now_s() + LOCK_WAIT_S;
	int got = 0, waiting = 0;

	if (!st->lock_holder[0])
		cg_lease_holder_init(st->lock_holder);
	/* One importer at a time writes into a database: the duplicate check and
	 * the inserts of a batch happen under this lock, so a number one import
	 * adds is seen by the other's next check.  While it waits it holds the
	 * waiting lease (or tries to: several may wait), which tells a pipelined
	 * holder to give it a turn.  Taken while held: the lease is renewed. */
	for (;;) {
		got = cg_lease_take(imp->db, IMPORT_LOCK, st->lock_holder, LOCK_LEASE_S, &st->err->db);
		if (got != 0 || now_s() >= deadline)
			break;
		if (cg_lease_take(imp->db, WAIT_LOCK, st->lock_holder, WAIT_LEASE_S, &st->err->db) < 0) {
			got = -1;
			break;
		}
		waiting = 1;
		nanosleep(&(struct timespec){0, 200 * 1000000L}, NULL);
	}
	if (got < 0) {
		cg_db_error_prefix(&st->err->db, "waiting for the import lock");
		cg_import_db_err(st->err);
		if (waiting)
			cg_lease_release(imp->db, WAIT_LOCK, st->lock_holder, &ignored);
		return -1;
	}
	if (waiting)
		cg_lease_release(imp->db, WAIT_LOCK, st->lock_holder, &ignored);
	if (!got) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_DB, "another import into this database has held the import lock for "
		        "%d s; try again when it is done", LOCK_WAIT_S);
		return -1;
	}
	st->locked = 1;
	return 0;
}

int cg_import_lock_renew(cg_import_run_state *st)
{
	int got;

	if (!st->locked)
		return 0;
	got = cg_lease_take(st->imp.db, IMPORT_LOCK, st->lock_holder, LOCK_LEASE_S, &st->err->db);
	if (got < 0) {
		cg_db_error_prefix(&st->err->db, "renewing the import lock");
		cg_import_db_err(st->err);
		return -1;
	}
	if (!got) {
		st->locked = 0;
		cg_import_set_err(st->err, CG_IMPORT_ERR_DB, "lost the import lock: its %d s lease ran out and another "
		        "import took it; run the same import again to go on where it stopped", LOCK_LEASE_S);
		return -1;
	}
	return 0;
}

/* Whether another import waits for the lock (it holds the waiting lease meanwhile). */
int cg_import_someone_waits(cg_import_run_state *st)
{
	int waits = cg_lease_held_by_other(st->imp.db, WAIT_LOCK, st->lock_holder, &st->err->db);

	if (waits < 0) {
		cg_db_error_prefix(&st->err->db, "asking whether another import waits");
		cg_import_db_err(st->err);
		return -1;
	}
	return waits;
}

void cg_import_unlock(cg_import_run_state *st)
{
	cg_db_error ignored;

	if (!st->locked)
		return;
	st->locked = 0;
	if (st->imp.db->mysql)
		cg_lease_release(st->imp.db, IMPORT_LOCK, st->lock_holder, &ignored);
}

/*
 * A batch is one transaction, so one Galera write set, which the cluster
 * refuses past wsrep_max_ws_rows rows (0: no limit, MariaDB's default) or
 * wsrep_max_ws_size bytes (default 2 GB).  A contact costs at most
 * WS_ROWS_PER_CONTACT rows (contact, its custom-fields row, company and its
 * link, deal and its link, task, security-group or team rows, phone-index
 * and journal rows, with room to spare) and WS_BYTES_PER_CONTACT bytes of
 * write set (tests/cluster/run measures about 3 KB on SuiteCRM).
 */
#define WS_ROWS_PER_CONTACT 24
#define WS_BYTES_PER_CONTACT 16384

typedef struct {
	long long on, max_rows, max_size, splitting;
} wsrep_limits;

static int wsrep_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	wsrep_limits *w = ctx;
	if (fields >= 4) {
		w->on = cell[0].type == CG_DB_INT ? cell[0].i : 0;
		w->max_rows = cell[1].type == CG_DB_INT ? cell[1].i : 0;
		w->max_size = cell[2].type == CG_DB_INT ? cell[2].i : 0;
		w->splitting = cell[3].type == CG_DB_INT ? cell[3].i : 0;
	}
	return 0;
}

int cg_import_fit_cluster(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf b = {0};
	cg_db_error ignored;
	wsrep_limits w = {0, 0, 0, 0};
	size_t rows = cg_import_batch_rows(imp->opt), cap = rows;

	st->batch_rows = rows;
	/* a server without Galera's variables (MySQL) is no Galera node */
	cg_sqlbuf_appends(&b, "SELECT @@wsrep_on + 0, @@wsrep_max_ws_rows + 0, @@wsrep_max_ws_size + 0, "
	                  "@@wsrep_load_data_splitting + 0");
	if (cg_sql_select(imp->db, &b, "reading the cluster's write-set limits", wsrep_row, &w, &ignored) < 0)
		w.on = 0;
	cg_sqlbuf_free(&b);
	if (w.on != 1)
		return 0;
	if (w.max_rows > 0 && (size_t)w.max_rows / WS_ROWS_PER_CONTACT < cap)
		cap = (size_t)w.max_rows / WS_ROWS_PER_CONTACT;
	if (w.max_size > 0 && (size_t)w.max_size / WS_BYTES_PER_CONTACT < cap)
		cap = (size_t)w.max_size / WS_BYTES_PER_CONTACT;
	st->batch_rows = cap ? cap : 1;
	/* splitting commits every 10 000 rows of a LOAD DATA: a batch would no longer be one transaction */
	return w.splitting == 1;
}

int cg_import_check_tables(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	int none;

	if (ask(imp->db, "SELECT 1 FROM `crmguard_phone` LIMIT 0", "checking crmguard_phone", &none, &st->err->db) < 0 ||
	    ask(imp->db, "SELECT 1 FROM `crmguard_import_row` LIMIT 0", "checking crmguard_import_row", &none,
	        &st->err->db) < 0) {
		cg_import_set_err(st->err, CG_IMPORT_ERR_DB, "%s — crmguard's tables are missing: run `crmguard schema apply` "
		        "first (sql/%s/*.sql), then `crmguard index rebuild`", st->err->db.message, imp->crm->name);
		st->err->kind = CG_IMPORT_ERR_DB;
		return -1;
	}
	return 0;
}

typedef struct {
	cg_importer *imp;
} probe_ctx;

static int probe_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	cg_importer *imp = ((probe_ctx *)ctx)->imp;

	if (fields < 2 || !cell[0].s || !cell[1].s)
		return 0;
	for (unsigned k = 0; k < CG_IMPORT_PROBES_MAX && imp->crm->probes[k].table; k++) {
		const char *t = imp->crm->probes[k].table, *c = imp->crm->probes[k].column;
		if (strlen(t) == cell[0].len && memcmp(t, cell[0].s, cell[0].len) == 0 &&
		    (!c || (strlen(c) == cell[1].len && memcmp(c, cell[1].s, cell[1].len) == 0)))
			imp->present[k + 1] = 1;
	}
	return 0;
}

static int currency_row(void *ctx, const cg_db_cell *cell, unsigned fields)
{
	cg_import_run_state *st = ctx;

	if (fields < 1 || !cell[0].s || cell[0].len != 3)
		return 0;
	if (st->currency[0])
		st->currency[3] = '!'; /* more than one: none is the default for sure */
	else
		memcpy(st->currency, cell[0].s, 3);
	return 0;
}

int cg_import_probe_tables(cg_import_run_state *st)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	probe_ctx p = {imp};
	cg_db_error ignored;
	int rc, any = 0;

	memset(imp->present, 0, sizeof imp->present);
	imp->present[0] = 1;
	cg_sqlbuf_appends(&sql, "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
	                  "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (");
	for (unsigned k = 0; k < CG_IMPORT_PROBES_MAX && imp->crm->probes[k].table; k++) {
		const char *t = imp->crm->probes[k].table;
		cg_sqlbuf_appends(&sql, any++ ? "," : "");
		cg_sqlbuf_append_quoted(&sql, imp->db->mysql, t, strlen(t));
	}
	cg_sqlbuf_appends(&sql, ")");
	rc = any ? cg_sql_select(imp->db, &sql, "looking at the CRM's tables", probe_row, &p, &st->err->db) : 0;
	cg_sqlbuf_free(&sql);
	if (rc < 0) {
		cg_import_db_err(st->err);
		return -1;
	}
	if (imp->opt->currency || !imp->crm->currency_sql) {
		imp->currency = imp->opt->currency ? imp->opt->currency : imp->crm->currency_default;
		return 0;
	}
	/* the CRM's default currency, from its rates table when that can tell; else its own default */
	memset(st->currency, 0, sizeof st->currency);
	cg_sqlbuf_appends(&sql, imp->crm->currency_sql);
	if (cg_sql_select(imp->db, &sql, "reading the CRM's currencies", currency_row, st, &ignored) < 0 ||
	    !st->currency[0] || st->currency[3])
		snprintf(st->currency, sizeof st->currency, "%s", imp->crm->currency_default);
	cg_sqlbuf_free(&sql);
	imp->currency = st->currency;
	return 0;
}

int cg_import_journal_start(cg_import_run_state *st, const char *path, uint64_t size)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	const char *base = strrchr(path, '/');
	int rc;

	base = base ? base + 1 : path;
	cg_sqlbuf_appends(&sql, "INSERT INTO `crmguard_import` (`id`, `file_name`, `file_size`, `crm`, `state`, "
	           "`started_at`) VALUES (");
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
	cg_sqlbuf_appends(&sql, ",");
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, base, cg_utf8_prefix(base, strlen(base), 255));
	cg_sqlbuf_printf(&sql, ",%llu,'%s','running',UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE `state` = 'running', "
	              "`runs` = `runs` + 1, `finished_at` = NULL", (unsigned long long)size, imp->crm->name);
	rc = cg_sql_run(imp->db, &sql, "starting the import journal", &st->err->db);
	cg_sqlbuf_free(&sql);
	/* 1 row: a new import; 2: ON DUPLICATE KEY UPDATE, a re-run of the same file */
	if (rc == 0 && imp->crm->import_record)
		rc = imp->crm->import_record(imp, 1, mysql_affected_rows(imp->db->mysql) == 1, NULL, &st->err->db);
	if (rc < 0)
		cg_import_db_err(st->err);
	return rc;
}

void cg_import_journal_end(cg_import_run_state *st, const char *state)
{
	cg_importer *imp = &st->imp;
	cg_sqlbuf sql = {0};
	cg_db_error ignored;
	const cg_import_report *r = imp->rep;

	if (!imp->db->mysql)
		return;
	cg_sqlbuf_printf(&sql, "UPDATE `crmguard_import` SET `state` = '%s', `finished_at` = UTC_TIMESTAMP(), "
	              "`rows_read` = %llu, `contacts_created` = `contacts_created` + %llu, `rejected_rows` = %llu "
	              "WHERE `id` = ", state, (unsigned long long)r->rows_read,
	              (unsigned long long)r->contacts_created, (unsigned long long)r->rejected_rows);
	cg_sqlbuf_append_quoted(&sql, imp->db->mysql, imp->import_id, strlen(imp->import_id));
	cg_sql_run(imp->db, &sql, "closing the import journal", &ignored);
	cg_sqlbuf_free(&sql);
	if (imp->crm->import_record)
		imp->crm->import_record(imp, 0, 0, state, &ignored);
}
